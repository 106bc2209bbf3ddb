#!/usr/bin/env bash
# Audio benchmark: pocketsphinx's real-time factor and word error rate on Debian's test clips, then the capture
# agent with Linux Audio on a PulseAudio null sink: CPU on silence, CPU while speech plays, peak RSS. Last line: JSON.
#   bench/audio.sh [SECONDS]   (each agent phase, default 30; needs pulseaudio, pocketsphinx, pocketsphinx-testdata;
#                               WHISPER_MODEL=FILE names a Whisper model, none can be downloaded here)
# Targets: idle <= 1% of one core; real-time factor < 1 on 2 cores; WER reported per engine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/classpath.sh
source "$root/bench/classpath.sh"
exec java -Dopenclone.repo="$root" -cp "$(bench_classpath)" dev.openclone.bench.AudioBench "$@"
