#!/usr/bin/env bash
# Windows Screen is planned: the plugin is not written yet, so there is nothing to install.
echo "openclone-windows-screen is planned and not available yet; see README.md" >&2
exit 1
