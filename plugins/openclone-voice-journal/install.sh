#!/usr/bin/env bash
# Installs Voice Journal: the Debian packages it needs (only those missing; sudo when not root) — ffmpeg to decode
# recordings, PulseAudio's tools to record at the terminal, pocketsphinx with its US English model — builds the
# command line and the capture agent with this plugin, and enables its watched folder (~/VoiceJournal unless the
# agent's config names another) in the agent's config (~/.config/openclone/agent.json, or $OPENCLONE_AGENT_CONFIG).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bash "$root/plugins/openclone-linux-audio/packages.sh" ffmpeg
"$root/openclone" journal --help >/dev/null
"$root/openclone" agent enable openclone-voice-journal
echo "Record an entry: $root/openclone journal record    Import recordings: $root/openclone journal import FILE..."
echo "Watched folder: start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
