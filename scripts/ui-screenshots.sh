#!/usr/bin/env bash
# Screenshots of every `tracker ui` page, for a person to look at:
#   scripts/ui-screenshots.sh [OUTPUT_DIR]      (default: ./ui-screenshots)
# Builds tracker, makes a demo database with `tracker train` and `tracker
# sweep` (seeds to group, an early stop with a long run name, a sweep and its
# re-tuning for the lineage page), serves it, and has headless Chromium take a 1400x900 PNG of each page.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-ui-screenshots}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 1; }

swift build --product tracker >/dev/null
tracker=$(swift build --show-bin-path)/tracker
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
db=$work/demo.db

"$tracker" init --db "$db" >/dev/null
for wd in 0 1e-3; do
    for seed in 1 2 3; do
        "$tracker" train --db "$db" --dataset sine --epochs 60 --wd "$wd" --seed "$seed" --group seeds >/dev/null
    done
done
"$tracker" train --db "$db" --dataset sine --epochs 80 --early-stop 5 --dropout 0.3 \
    --name "a-rather-long-run-name-that-someone-typed-to-describe-everything-about-it" >/dev/null
"$tracker" sweep --db "$db" --dataset sine --subset 0.5 --epochs 30 --wd 0,1e-4,1e-3 --dropout 0,0.2 --seeds 1,2 >/dev/null 2>&1
"$tracker" retune --db "$db" --sweep 1 --dataset sine >/dev/null 2>&1

"$tracker" ui --db "$db" >"$work/url" 2>/dev/null &
server=$!
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
url=$(head -1 "$work/url")
first=$("$tracker" runs --db "$db" --format csv | sed -n 2p | cut -d, -f2)

shoot() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,900 \
        --virtual-time-budget=2000 --screenshot="$out/$1.png" "$url$2" >/dev/null 2>&1
    echo "$out/$1.png  <- $url$2"
}
shoot runs ""
shoot runs-sorted "?sort=val_loss"
shoot runs-empty "?group=no-such-group"
shoot run "runs/$first?smooth=0.6"
shoot run-long-name "runs/a-rather-long-run-name-that-someone-typed-to-describe-everything-about-it"
shoot compare "compare?runs=1,2,3,4"
shoot sweep "sweeps/1"
shoot lineage "lineage/2"
shoot group "group?by=wd&metric=val_loss&group=seeds&members=1"
shoot not-found "runs/nobody"
