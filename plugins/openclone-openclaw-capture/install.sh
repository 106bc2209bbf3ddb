#!/usr/bin/env bash
# Installs this plugin into the OpenClaw on this machine (`openclaw plugins install`), from this folder.
# Then configure it as README.md says: the OpenClone URL and a key that may write conversation.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v openclaw >/dev/null 2>&1; then
  echo "openclaw is not on PATH: install OpenClaw first (it needs Node >= 24.16)" >&2
  exit 1
fi
openclaw plugins install "$here" --force
echo "Installed openclone-openclaw-capture. Next: set its url and apiKey and make it the contextEngine slot (README.md)."
