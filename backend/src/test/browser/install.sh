#!/usr/bin/env bash
# Installs what the dashboard's browser tests need, only when missing: Debian's Chromium and its ChromeDriver
# (/usr/bin/chromium, /usr/bin/chromedriver). Run by Maven before the tests; needs root (or sudo) and apt-get.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "${BASH_SOURCE[0]}")/../install-debian.sh" chromium chromium-driver fonts-dejavu-core
