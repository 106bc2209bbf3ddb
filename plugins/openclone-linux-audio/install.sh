#!/usr/bin/env bash
# Installs Linux Audio: the Debian packages it needs (only those missing; sudo when not root) — PulseAudio's tools
# and pocketsphinx with its US English model — builds the capture agent with this plugin and enables it in the
# agent's config (~/.config/openclone/agent.json, or $OPENCLONE_AGENT_CONFIG). Whisper needs a model you download
# (README.md). Then start the agent (./openclone agent).
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
  echo "Installing ${packages[*]}..."
  "${as_root[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi
"$root/openclone" agent enable openclone-linux-audio
echo "Next: start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
