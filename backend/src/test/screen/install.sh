#!/usr/bin/env bash
# Installs what the capture agent's screen tests need, only when missing: an X server without a screen (Xvfb), a
# window manager (openbox), windows to read (xterm), the X11 tools the plugin uses (x11-utils, xdotool,
# xprintidle), a Wayland session (sway, with grim and foot), Tesseract with English and Japanese, and fonts.
# Run by Maven before the tests; needs root (or sudo).
set -euo pipefail

packages=()
need() { command -v "$1" >/dev/null 2>&1 || packages+=("$2"); }
need Xvfb xvfb
need openbox openbox
need xterm xterm
need xprop x11-utils
need xdotool xdotool
need xprintidle xprintidle
need tesseract tesseract-ocr
need sway sway
need grim grim
need foot foot
[ -d /usr/share/tesseract-ocr/5/tessdata ] && [ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] \
  || packages+=(tesseract-ocr-eng)
[ -f /usr/share/tesseract-ocr/5/tessdata/jpn.traineddata ] || packages+=(tesseract-ocr-jpn)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || packages+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || packages+=(fonts-noto-cjk)

bash "$(dirname "${BASH_SOURCE[0]}")/../install-debian.sh" ${packages[@]+"${packages[@]}"}
