#!/usr/bin/env bash
# Ingest benchmark: starts the real server, drives it over loopback with realistic batches, measures, runs the
# raw and floor baselines on the same disk, and prints one JSON line last.
#   bench/ingest.sh [--seconds N] [--connections C] [--batch B] [--rate EVENTS_PER_S] [--prefill EVENTS] [--dir D]
# Defaults: 20 s, 8 connections, 500 events per batch, as fast as the server answers, empty vault, temp folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
exec java -Dopenclone.repo="$root" -cp "$(bench_classpath)" dev.openclone.bench.IngestBench "$@"
