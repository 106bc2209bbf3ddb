#!/usr/bin/env bash
# Runs the extension's unit tests (node's test runner; no npm package needed). The end-to-end tests, in headless
# Chromium against a real server, are backend/src/test/java/dev/openclone/capture/BrowserExtensionTest.java.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq nodejs >/dev/null
  else
    echo "openclone-browser tests need Node.js 18 or later (Debian: apt-get install nodejs)" >&2
    exit 1
  fi
fi
node --test test/
