#!/usr/bin/env bash
# Capture benchmark: the capture agent with Linux Screen on an Xvfb display with changing windows and a real
# server. Last line: one JSON object (CPU s per frame, CPU % at 30 s, agent RSS, OCR word error rate).
#   bench/capture.sh [--frames N] [--seconds S]   (default 20 frames, then 180 s; needs Xvfb, xterm, tesseract)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
exec java -Dopenclone.repo="$root" -cp "$(bench_classpath)" dev.openclone.bench.CaptureBench "$@"
