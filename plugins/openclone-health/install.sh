#!/usr/bin/env bash
# Health needs nothing installed: it is a command of OpenClone's own command line. This checks that the command is
# there and says how to use it. Health data is HIGH sensitivity: nothing is read until you run the import.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/openclone" import health --help >/dev/null
echo "Ready. Export your data, then import it:"
echo "  Apple Health (iPhone): Health app → your picture → Export All Health Data → copy export.zip here, then"
echo "    $root/openclone import health ~/Downloads/export.zip"
echo "  Health Connect (Android): Health Connect → Export data → copy the zip here, then"
echo "    $root/openclone import health ~/Downloads/health_connect_export.zip"
