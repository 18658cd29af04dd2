#!/usr/bin/env bash
# Renders a `tracker report` HTML page to PNG so that a person can look at it.
#
#   scripts/render-report.sh report.html [out.png] [WIDTHxHEIGHT]
#
# With Chromium (Debian: apt-get update && apt-get install -y chromium) the
# whole page becomes one screenshot. Without it, the Python packages
# WeasyPrint and pypdfium2 (pip install weasyprint pypdfium2) render the
# whole page too (first page of WIDTHxHEIGHT; no JavaScript runs); failing
# those, each plot's <svg> is rendered on its own (out-PLOT.png) with
# cairosvg (pip install cairosvg): the plots without the page layout.
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1" ]]; then
    echo "usage: $0 report.html [out.png] [WIDTHxHEIGHT]  (the report file must exist)" >&2
    exit 64
fi
html=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${2:-${1%.html}.png}
size=${3:-1400x3000}

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done

if [[ -n $browser ]]; then
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --screenshot="$out" --window-size="${size/x/,}" "file://$html" 2>/dev/null
    echo "$out"
    exit 0
fi

if python3 -c "import weasyprint, pypdfium2" 2>/dev/null; then
    echo "chromium not found: rendering the page with WeasyPrint (no JavaScript: the page as it first shows)" >&2
    python3 - "$html" "$out" "$size" <<'PY' 2>/dev/null
import sys, weasyprint, pypdfium2
page, out, size = sys.argv[1], sys.argv[2], sys.argv[3].split("x")
css = weasyprint.CSS(string=f"@page {{ size: {size[0]}px {size[1]}px; margin: 0 }}")
pdf = out[:-4] + ".pdf" if out.endswith(".png") else out + ".pdf"
weasyprint.HTML(filename=page).write_pdf(pdf, stylesheets=[css])
pypdfium2.PdfDocument(pdf)[0].render(scale=1).to_pil().save(out)
PY
    echo "$out"
    exit 0
fi

if python3 -c "import cairosvg" 2>/dev/null; then
    echo "chromium not found: rendering each plot on its own with cairosvg" >&2
    python3 - "$html" "${out%.png}" <<'PY'
import html as entities, re, sys, cairosvg
page = open(sys.argv[1], encoding="utf-8").read()
for match in re.finditer(r'<svg data-plot="([^"]+)".*?</svg>', page, re.S):
    name = re.sub(r"[^A-Za-z0-9_-]", "_", entities.unescape(match.group(1)))
    # Inline SVG in HTML needs no namespace; a standalone file does. Hidden
    # alternative drawings (the log-scale loss chart) stay hidden.
    svg = match.group(0).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    target = f"{sys.argv[2]}-{name}.png"
    cairosvg.svg2png(bytestring=svg.encode("utf-8"), write_to=target, background_color="white", scale=1.5)
    print(target)
PY
    exit 0
fi

echo "error: no renderer found; apt-get install -y chromium (or pip install weasyprint pypdfium2, or pip install cairosvg)" >&2
exit 1
