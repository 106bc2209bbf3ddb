#!/usr/bin/env bash
# Installs Linux Screen: the Debian packages it needs (only those missing; sudo when not root), builds the capture
# agent with this plugin, and enables it in the agent's config (~/.config/openclone/agent.json, or
# $OPENCLONE_AGENT_CONFIG). Then: write the server's address and a key into that config (README.md), and start the
# agent (./openclone agent, or at login: ./openclone agent install-service).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

packages=()
need() { command -v "$1" >/dev/null 2>&1 || packages+=("$2"); }
need xprop x11-utils
need xprintidle xprintidle
need tesseract tesseract-ocr
[ -n "${SWAYSOCK:-}" ] && need grim grim
for lang in eng jpn; do
  tesseract --list-langs 2>/dev/null | grep -qx "$lang" || packages+=("tesseract-ocr-$lang")
done
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

"$root/openclone" agent enable openclone-linux-screen
config="${OPENCLONE_AGENT_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/openclone/agent.json}"
if ! grep -q '"server_url"' "$config" 2>/dev/null; then
  echo "Next: add \"server_url\" and \"api_key_file\" to $config (see $here/README.md),"
else
  echo "Next:"
fi
echo "  then start the agent: $root/openclone agent   (at login: $root/openclone agent install-service)"
