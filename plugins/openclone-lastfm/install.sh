#!/usr/bin/env bash
# Installs Spotify / Last.fm: builds the capture agent with this plugin and enables it in the agent's config
# (~/.config/openclone/agent.json, or $OPENCLONE_AGENT_CONFIG). Then set "lastfm_user" and "lastfm_api_key" there
# (README.md) and start the agent. Spotify history files need no install: ./openclone import spotify DIR.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/openclone" agent enable openclone-lastfm
config="${OPENCLONE_AGENT_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/openclone/agent.json}"
echo "Next: add your Last.fm user and API key to $config, e.g."
echo "  \"plugins\": {\"openclone-lastfm\": {\"lastfm_user\": \"you\", \"lastfm_api_key\": \"your-lastfm-api-key\"}}"
echo "then start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
