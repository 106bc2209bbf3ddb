#!/usr/bin/env bash
# Installs Linux Microphone: the same Debian packages as Linux Audio (PulseAudio's tools, pocketsphinx and its US
# English model; only those missing) and builds the capture agent with this plugin. It ships disabled — the
# microphone is HIGH sensitivity — so this does not turn it on: ./openclone agent enable openclone-mic does.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bash "$root/plugins/openclone-linux-audio/packages.sh"
"$root/openclone" agent status >/dev/null 2>&1 || true   # builds the agent with its plugins
echo "Installed, and off. To record the microphone: $root/openclone agent enable openclone-mic"
