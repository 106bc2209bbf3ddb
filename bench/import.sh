#!/usr/bin/env bash
# Import benchmark: ./openclone import health on a generated Apple Health export.xml (about SIZE MB, default 1024)
# against a running server, as a person runs it. Last line: one JSON object (records/s of the whole import, peak
# RSS of the import process, events stored). Targets: >= 50,000 records/s, RSS <= 300 MB whatever the size.
#   bench/import.sh [--mb SIZE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
mb=1024
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    *) echo "usage: bench/import.sh [--mb SIZE]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/openclone-import-XXXXXX")
server=""
# the 1 GB file and the server go whatever happens, from here on
trap '[ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$work"' EXIT
key="bench-import-key-0123456789abcdef"
"$root/openclone" --version >/dev/null   # builds the jar if needed
java -cp "$(bench_classpath)" dev.openclone.bench.HealthExportGenerator "$work/export.xml" "$mb"
size=$(stat -c %s "$work/export.xml")
# the server's rate limit raised: the benchmark measures the importer, not the limit a person's key has
API_KEY="$key" OPENCLONE_HOME="$work/home" OPENCLONE_RATE_LIMIT=100000 "$root/openclone" serve --port 0 \
  --vault "$work/vault" --home "$work/home" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do [ -f "$work/home/server.json" ] && break; sleep 0.1; done
[ -f "$work/home/server.json" ] || { echo "the server did not start; see $work/serve.log" >&2; exit 1; }
export API_KEY="$key" OPENCLONE_HOME="$work/home"
unset OPENCLONE_URL
start=$(date +%s%N)
/usr/bin/time -v "$root/openclone" import health "$work/export.xml" > "$work/import.out" 2> "$work/import.err"
end=$(date +%s%N)
cat "$work/import.out"
records=$(grep -oE '^[0-9,]+ records' "$work/import.out" | tr -d ', records')
stored=$(grep -oE '[0-9]+ stored' "$work/import.out" | grep -oE '[0-9]+')
rss_kb=$(grep 'Maximum resident set size' "$work/import.err" | grep -oE '[0-9]+')
seconds=$(awk "BEGIN {print ($end - $start) / 1e9}")
printf '{"bench": "import", "file_mb": %d, "records": %d, "seconds": %.1f, "records_per_s": %d, "peak_rss_mb": %d, "events_stored": %d}\n' \
  $(( size / 1048576 )) "$records" "$seconds" "$(awk "BEGIN {print int($records / $seconds)}")" $(( rss_kb / 1024 )) "$stored"
