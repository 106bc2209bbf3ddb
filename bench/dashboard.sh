#!/usr/bin/env bash
# Dashboard benchmark: fills a vault through the real API (all in the last 30 days), signs in, then times each
# dashboard page over HTTP. Last line: one JSON object (p50/p95 ms per page, peak RSS).
#   bench/dashboard.sh [--events N] [--requests R]   (default 1,000,000 events: about 2 KB of disk each, minutes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
exec java -Dopenclone.repo="$root" -cp "$(bench_classpath)" dev.openclone.bench.DashboardBench "$@"
