#!/usr/bin/env bash
# Installs Linux Microphone: the same Debian packages as Linux Audio (PulseAudio's tools, pocketsphinx and its US
# English model; only those missing) and builds the capture agent with this plugin. It ships disabled — the
# microphone is HIGH sensitivity — so this does not turn it on: ./openclone agent enable openclone-mic does.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packages=()
command -v parec >/dev/null 2>&1 || packages+=(pulseaudio-utils)
command -v pocketsphinx_continuous >/dev/null 2>&1 || packages+=(pocketsphinx)
[ -d /usr/share/pocketsphinx/model/en-us/en-us ] || packages+=(pocketsphinx-en-us)
if [ ${#packages[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Install these (Debian/Ubuntu names), then run this again: ${packages[*]}" >&2
    exit 1
  fi
  as_root=()
  [ "$(id -u)" != 0 ] && as_root=(sudo)
  "${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi
"$root/openclone" agent status >/dev/null 2>&1 || true   # builds the agent with its plugins
echo "Installed, and off. To record the microphone: $root/openclone agent enable openclone-mic"
