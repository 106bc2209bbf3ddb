#!/usr/bin/env bash
# Installs Obsidian: builds the capture agent with this plugin and enables it in the agent's config
# (~/.config/openclone/agent.json, or $OPENCLONE_AGENT_CONFIG). Then list your vaults in its "vaults" setting
# (README.md) and start the agent (./openclone agent, or at login: ./openclone agent install-service).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/openclone" agent enable openclone-obsidian
config="${OPENCLONE_AGENT_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/openclone/agent.json}"
echo "Next: add your vaults to $config, e.g."
echo "  \"plugins\": {\"openclone-obsidian\": {\"vaults\": [\"~/Documents/My Vault\"]}}"
echo "then start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
