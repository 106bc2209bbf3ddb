#!/usr/bin/env bash
# The Debian packages Linux Audio and Linux Microphone need, installed when missing (sudo when not root):
# PulseAudio's tools (parec, pactl) and pocketsphinx with its US English model. Used by the audio plugins'
# install.sh files; arguments name more packages, each installed when its command is missing (ffmpeg).
set -euo pipefail
packages=()
for extra in "$@"; do
  command -v "$extra" >/dev/null 2>&1 || packages+=("$extra")
done
command -v parec >/dev/null 2>&1 || packages+=(pulseaudio-utils)
command -v pocketsphinx_continuous >/dev/null 2>&1 || packages+=(pocketsphinx)
[ -d /usr/share/pocketsphinx/model/en-us/en-us ] || packages+=(pocketsphinx-en-us)
[ ${#packages[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Install these (Debian/Ubuntu names), then run this again: ${packages[*]}" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" != 0 ] && as_root=(sudo)
echo "Installing ${packages[*]}..."
"${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
