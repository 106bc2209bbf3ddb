#!/usr/bin/env bash
# Start-up of the command line as a person runs it: ./openclone status against a running server, and
# ./openclone --version, timed over several runs after one that builds the class-data archive. Last line: JSON.
#   bench/cli.sh [--runs N]      (target: status p50 <= 400 ms on the 2-core machine)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: bench/cli.sh [--runs N]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/openclone-cli-XXXXXX")
key="bench-cli-key-0123456789abcdef"
"$root/openclone" --version >/dev/null   # builds the jar if needed, and the archive
API_KEY="$key" OPENCLONE_HOME="$work/home" "$root/openclone" serve --port 0 --vault "$work/vault" \
  --home "$work/home" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do [ -f "$work/home/server.json" ] && break; sleep 0.1; done
[ -f "$work/home/server.json" ] || { echo "the server did not start; see $work/serve.log" >&2; exit 1; }

millis() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
export API_KEY="$key" OPENCLONE_HOME="$work/home"
unset OPENCLONE_URL
# Warm-up (the server's JIT settles, the archive is in the page cache); status finds the server through
# OPENCLONE_HOME/server.json.
warmups=$(( runs < 3 ? 1 : 3 ))
for _ in $(seq 1 "$warmups"); do "$root/openclone" status >/dev/null; done
[ "$runs" -ge 3 ] && sleep 2
status=(); version=()
for _ in $(seq 1 "$runs"); do
  status+=("$(millis "$root/openclone" status)")
  version+=("$(millis "$root/openclone" --version)")
done
status_p50=$(printf '%s\n' "${status[@]}" | median)
status_max=$(printf '%s\n' "${status[@]}" | sort -n | tail -n 1)
version_p50=$(printf '%s\n' "${version[@]}" | median)
echo "status: ${status[*]} ms; --version: ${version[*]} ms"
printf '{"bench": "cli", "runs": %d, "status_ms_p50": %d, "status_ms_max": %d, "version_ms_p50": %d}\n' \
  "$runs" "$status_p50" "$status_max" "$version_p50"
