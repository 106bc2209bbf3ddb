#!/usr/bin/env bash
# Installs what the dashboard's browser tests need, only when missing: Debian's Chromium and its ChromeDriver
# (/usr/bin/chromium, /usr/bin/chromedriver). Run by Maven before the tests; needs root (or sudo) and apt-get.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "the dashboard tests need Chromium and ChromeDriver (Debian: apt-get install chromium chromium-driver)" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
chromium --version
