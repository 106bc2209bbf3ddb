#!/usr/bin/env bash
# Runs the extension's unit tests (node's test runner), then builds it and checks the Firefox build with Mozilla's
# addons-linter (the npm package addons.mozilla.org runs on submissions): no errors allowed. The end-to-end tests,
# in headless Chromium against a real server, are backend/src/test/java/dev/openclone/capture/BrowserExtensionTest.java.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "openclone-browser tests need Node.js 18 or later and npm (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
fi
node --test test/
if [ ! -x node_modules/.bin/addons-linter ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
out=target/lint
node build.mjs --out "$out" >/dev/null
node_modules/.bin/addons-linter --output json "$out/firefox" > "$out/firefox-lint.json" || true
node -e '
  const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const [kind, list] of [["error", report.errors], ["warning", report.warnings]]) for (const m of list) {
    console.log(`${kind} ${m.code} ${m.file ?? ""}${m.line ? ":" + m.line : ""} ${m.message}`);
  }
  // Readability (vendored, Mozilla'"'"'s own) sets innerHTML on its detached copy of the page: a known warning
  const ours = report.warnings.filter((m) => !(m.file ?? "").startsWith("vendor/"));
  if (report.errors.length > 0 || ours.length > 0) {
    console.error(`addons-linter: ${report.errors.length} errors, ${ours.length} warnings in our files`);
    process.exit(1);
  }
  console.log(`addons-linter: the Firefox build passes (${report.warnings.length} warnings, all in vendor/)`);
' "$out/firefox-lint.json"
