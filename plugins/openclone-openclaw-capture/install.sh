#!/usr/bin/env bash
# OpenClaw Conversation Capture is planned: the plugin is not written yet, so there is nothing to install.
echo "openclone-openclaw-capture is planned and not available yet; see README.md" >&2
exit 1
