#!/usr/bin/env bash
# Renders a glean HTML report (glean extract --html / glean diff --html) in
# headless Chromium to a PNG, and checks the picture: it must not be blank,
# and the field highlight colours that the report's own stylesheet declares
# (.f0, .f1, ... backgrounds) must show on screen.
#
#   scripts/render-report.sh report.html [out.png]
#
# Exit status: 0 when the page rendered with highlights, 1 when it is blank
# or shows none, 2 when chromium or python3 is missing or rendering failed.
# Needs Debian's chromium (apt-get install -y chromium) and python3 only.
set -euo pipefail
report=${1:?usage: render-report.sh report.html [out.png]}
png=${2:-${report%.html}.png}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then echo "render-report: chromium not found" >&2; exit 2; fi
command -v python3 >/dev/null || { echo "render-report: python3 not found" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size=1100,1100 --screenshot="$png" "file://$(realpath "$report")" >/dev/null 2>&1 || true
if [ ! -s "$png" ]; then echo "render-report: chromium wrote no screenshot" >&2; exit 2; fi

python3 - "$report" "$png" <<'PYTHON'
"""Decodes the PNG (8-bit RGB or RGBA, not interlaced) with zlib only and
counts the pixels of each field colour the report declares."""
import re, struct, sys, zlib
from collections import Counter

report, png = sys.argv[1], sys.argv[2]
colours = {"#" + hex: name for name, hex in
           re.findall(r"\.(f\d+) \{ background: #([0-9a-f]{6}); \}", open(report, encoding="utf-8").read())}
data = open(png, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
position, chunks = 8, {}
idat = b""
while position < len(data):
    length, kind = struct.unpack(">I4s", data[position:position + 8])
    body = data[position + 8:position + 8 + length]
    if kind == b"IHDR": chunks["IHDR"] = body
    if kind == b"IDAT": idat += body
    position += 12 + length
width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks["IHDR"])
assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unsupported PNG layout"
channels = 4 if colour_type == 6 else 3
stride = width * channels
raw = zlib.decompress(idat)
rows, previous = [], bytearray(stride)
for y in range(height):
    offset = y * (stride + 1)
    kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
    for x in range(stride):
        left = line[x - channels] if x >= channels else 0
        up, corner = previous[x], previous[x - channels] if x >= channels else 0
        if kind == 1: line[x] = (line[x] + left) & 255
        elif kind == 2: line[x] = (line[x] + up) & 255
        elif kind == 3: line[x] = (line[x] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    rows.append(bytes(line))
    previous = line
pixels = Counter()
for line in rows:
    for x in range(0, stride, channels):
        pixels["#%02x%02x%02x" % (line[x], line[x + 1], line[x + 2])] += 1
total = width * height
background = pixels.most_common(1)[0][1]
ink = total - background
print(f"{png}: {width}x{height}, {len(pixels)} colours, {100 * ink / total:.1f}% not background")
shown = {hex: pixels[hex] for hex in colours if pixels[hex] > 0}
for hex, count in sorted(shown.items(), key=lambda item: -item[1]):
    print(f"  highlight {colours[hex]} {hex}: {count} px")
if len(pixels) < 3 or ink < total // 100:
    print("render-report: the page is blank", file=sys.stderr); sys.exit(1)
if not any(count >= 100 for count in shown.values()):
    print("render-report: no field highlight is visible", file=sys.stderr); sys.exit(1)
PYTHON
