#!/usr/bin/env bash
# Search benchmark: fills a vault through the real API (mixed events, ~10% Japanese), with search off and on to
# compare ingest, then times each query class over HTTP. Last line: one JSON object (p50/p95/p99 ms per class,
# index bytes per event, ingest events/s with search off and on, peak RSS).
#   bench/search.sh [--events N] [--queries Q]      (default 1,000,000 events: about 2 KB of disk each, minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
exec java -Dopenclone.repo="$root" -cp "$(bench_classpath)" dev.openclone.bench.SearchBench "$@"
