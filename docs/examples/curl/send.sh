#!/usr/bin/env bash
# Sends three braindump events to OpenClone in one batch with curl, retrying on 429 (after Retry-After) and on
# server errors (with growing waits). Every event has a raw_ref, so running it twice stores them once.
#   OPENCLONE_URL=http://127.0.0.1:8000 API_KEY=... bash docs/examples/curl/send.sh
set -euo pipefail
url="${OPENCLONE_URL:-http://127.0.0.1:8000}"
: "${API_KEY:?set API_KEY to your OpenClone key}"
now=$(date +%s)
events=""
for n in 1 2 3; do
  events+="${events:+,}{\"timestamp\": $now, \"raw_ref\": \"example-curl-$n\", \"data\": {\"text\": \"Hello from the curl example, event $n\"}}"
done
body="{\"source_type\": \"braindump\", \"platform\": \"linux\", \"device_id\": \"example-curl\",
  \"plugin_id\": \"example-curl\", \"plugin_version\": \"1.0.0\", \"timestamp\": $now, \"events\": [$events]}"

headers=$(mktemp)
answer=$(mktemp)
trap 'rm -f "$headers" "$answer"' EXIT
for attempt in 1 2 3 4 5; do
  status=$(curl -s -o "$answer" -D "$headers" -w '%{http_code}' --connect-timeout 5 --max-time 30 \
    -X POST "$url/api/v1/ingest" -H "Content-Type: application/json" -H "X-API-Key: $API_KEY" \
    -d "$body") || status=000
  case "$status" in
    200) cat "$answer"; echo; exit 0 ;;
    429) wait=$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$headers"); sleep "${wait:-1}" ;;
    000) # no server: say so in seconds, not after a minute
      if [ "$attempt" -ge 3 ]; then echo "cannot reach OpenClone at $url (is it running?)" >&2; exit 1; fi
      sleep 1 ;;
    5??) sleep "$attempt" ;;
    *) echo "refused ($status): $(cat "$answer")" >&2; exit 1 ;;
  esac
done
echo "gave up after 5 attempts: the server keeps failing" >&2
exit 1
