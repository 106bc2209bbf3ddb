#!/usr/bin/env bash
# Microphone is planned: the plugin is not written yet, so there is nothing to install.
echo "openclone-mac-mic is planned and not available yet; see README.md" >&2
exit 1
