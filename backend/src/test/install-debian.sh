#!/usr/bin/env bash
# Installs the Debian packages named on the command line (the test scripts pass only those that are missing), with
# sudo when not root; says what to install by hand where there is no apt-get.
set -euo pipefail
[ $# -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "the tests need these (Debian package names): $*" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
