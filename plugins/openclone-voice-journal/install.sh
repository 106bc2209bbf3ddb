#!/usr/bin/env bash
# Voice Journal is planned: the plugin is not written yet, so there is nothing to install.
echo "openclone-voice-journal is planned and not available yet; see README.md" >&2
exit 1
