#!/usr/bin/env bash
# Installs what the audio tests need, only when missing: PulseAudio (a null sink plays the test speech), its tools
# (parec, paplay, pactl), pocketsphinx with its US English model, Debian's pocketsphinx test recordings, and ffmpeg
# (Voice Journal decodes recordings with it; the tests make ogg, mp3 and m4a files with it).
# Run by Maven before the tests (this module's and the backend's); needs root (or sudo) and apt-get.
set -euo pipefail
packages=()
command -v pulseaudio >/dev/null 2>&1 || packages+=(pulseaudio)
command -v parec >/dev/null 2>&1 || packages+=(pulseaudio-utils)
command -v pocketsphinx_continuous >/dev/null 2>&1 || packages+=(pocketsphinx)
[ -d /usr/share/pocketsphinx/model/en-us/en-us ] || packages+=(pocketsphinx-en-us)
[ -d /usr/share/pocketsphinx/test/data/librivox ] || packages+=(pocketsphinx-testdata)
command -v ffmpeg >/dev/null 2>&1 || packages+=(ffmpeg)
bash "$(dirname "${BASH_SOURCE[0]}")/../../../../backend/src/test/install-debian.sh" "${packages[@]}"
