#!/usr/bin/env bash
# Installs Calendar: builds the capture agent with this plugin and enables it in the agent's config
# (~/.config/openclone/agent.json, or $OPENCLONE_AGENT_CONFIG). Then list your calendars there (README.md) and
# start the agent (./openclone agent, or at login: ./openclone agent install-service).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/openclone" agent enable openclone-calendar
config="${OPENCLONE_AGENT_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/openclone/agent.json}"
echo "Next: add your calendars to $config, e.g."
echo "  \"plugins\": {\"openclone-calendar\": {\"calendars\": [\"~/calendar.ics\"]}}"
echo "then start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
