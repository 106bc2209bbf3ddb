#!/usr/bin/env bash
# Installs Linux Audio: the Debian packages it needs (only those missing; sudo when not root) — PulseAudio's tools
# and pocketsphinx with its US English model — builds the capture agent with this plugin and enables it in the
# agent's config (~/.config/openclone/agent.json, or $OPENCLONE_AGENT_CONFIG). Whisper needs a model you download
# (README.md). Then start the agent (./openclone agent).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bash "$root/plugins/openclone-linux-audio/packages.sh"
"$root/openclone" agent enable openclone-linux-audio
echo "Next: start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
