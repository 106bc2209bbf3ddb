#!/usr/bin/env bash
# JMH microbenchmarks of the ingest hot steps, to guide work (not tests). Arguments go to JMH, for example:
#   bench/jmh.sh                          # all, short settings below
#   bench/jmh.sh RequestPathBench -f 1    # one class
#   bench/jmh.sh -h                       # JMH's own options
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 3 -w 2s -i 5 -r 2s
fi
exec java -cp "$(bench_classpath)" org.openjdk.jmh.Main "$@"
