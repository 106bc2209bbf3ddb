#!/usr/bin/env bash
# Calendar is planned: the plugin is not written yet, so there is nothing to install.
echo "openclone-calendar is planned and not available yet; see README.md" >&2
exit 1
