#!/usr/bin/env bash
# Growth benchmark: ingest throughput and p99 with 0, 1 M and 5 M events already stored, and the server's
# start-up time to its first 200 with them. The vault is filled through the real API (same files, same index).
#   bench/growth.sh [--sizes "0 1000000 5000000"] [--seconds N] [--connections C] [--batch B]
# Needs about 2 KB of disk per stored event in the temp folder (10 GB for 5 M), and takes minutes per million.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="0 1000000 5000000"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
for size in $sizes; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/openclone-growth-XXXXXX")
  echo "== $size events stored beforehand ($work)"
  "$root/bench/ingest.sh" --prefill "$size" --dir "$work" "${args[@]}" | tee "$work/report.txt" | tail -n 4
  tail -n 1 "$work/report.txt" >> "${TMPDIR:-/tmp}/openclone-growth-summary.jsonl"
  rm -rf "$work"
done
echo "one JSON line per size appended to ${TMPDIR:-/tmp}/openclone-growth-summary.jsonl"
