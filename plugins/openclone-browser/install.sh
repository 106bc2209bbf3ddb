#!/usr/bin/env bash
# Builds the browser extension: an unpacked folder and a zip for Chromium-based browsers and for Firefox
# (build/chromium, build/firefox, build/openclone-browser-<browser>-<version>.zip). Readability is fetched from the
# npm registry at the version package-lock.json pins and vendored into the build; nothing is loaded at run time.
# Usage: ./install.sh [OUTPUT_FOLDER]      Then load it in the browser: README.md, "Install".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/build}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Building the extension needs Node.js 18 or later and npm (Debian: sudo apt-get install nodejs npm)" >&2
    exit 1
  fi
fi
node -e 'if (Number(process.versions.node.split(".")[0]) < 18) { console.error("Node.js 18 or later needed, found " + process.version); process.exit(1) }'

cd "$here"
if [ ! -f node_modules/@mozilla/readability/Readability.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error
fi
node build.mjs --out "$out" >/dev/null
echo "Built $out/chromium and $out/firefox (and a zip of each)."
echo "Chrome, Chromium, Edge, Brave: chrome://extensions → Developer mode → Load unpacked → $out/chromium"
echo "Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on → $out/firefox/manifest.json"
echo "Then set the server address and a key on the extension's Options page."
