#!/usr/bin/env bash
# Installs what the backend's MCP client tests need, only when missing: npm (from Debian, when run as root) and
# the packages of package-lock.json (the official TypeScript MCP SDK). Run by Maven before the tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq npm >/dev/null
  else
    echo "the MCP client tests need npm and Node >= 18 (Debian: apt-get install npm)" >&2
    exit 1
  fi
fi
if [ ! -d node_modules/@modelcontextprotocol/sdk ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
