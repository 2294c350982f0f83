#!/usr/bin/env bash
# icon.sh — render assets/icon.svg to assets/icon.png (512x512), the icon
# that FyneApp.toml names and assets embeds. Run it after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v rsvg-convert >/dev/null; then
	rsvg-convert -w 512 -h 512 assets/icon.svg -o assets/icon.png
else
	echo "icon: rsvg-convert not found (Debian package librsvg2-bin); imagemagick's own SVG renderer gets gradients wrong" >&2
	exit 1
fi
identify assets/icon.png 2>/dev/null || file assets/icon.png
