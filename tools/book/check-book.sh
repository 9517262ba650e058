#!/usr/bin/env bash
# make check for the built book.
#   check-book.sh INDEX.html BOOK.epub [SPINE]
# index.html must stand alone: it loads nothing over the network (no script, style,
# image or frame from http(s):// or //), and it has its table of contents, every chapter
# the spine lists (an <h1> numbered NN), outputs and at least one embedded figure.
# book.epub must exist and be a zip archive (an EPUB is one).
set -u
html=$1 epub=$2 spine=${3:-book.md}
status=0
fail() { echo "FAIL: $*"; status=1; }

[ -s "$html" ] || { echo "FAIL: $html is missing or empty"; exit 1; }
net=$(grep -Eoi '<(script|link|img|iframe|source|video|audio)[^>]*(src|href)="(https?:)?//[^"]*"' "$html")
[ -z "$net" ] || fail "$html loads from the network: $net"
grep -Eqi 'url\((["'"'"'])?(https?:)?//' "$html" && fail "$html has a stylesheet url() on the network"
grep -q '<nav id="TOC"' "$html" || fail "$html has no table of contents"
grep -q '<pre class="output">' "$html" || fail "$html shows no example output"
grep -q 'src="data:image/svg+xml' "$html" || fail "$html embeds no figure"
for nn in $(sed -n 's|^- chapters/\([0-9][0-9]\)-.*\.md$|\1|p' "$spine"); do
    n=$((10#$nn))
    grep -q "<h1 data-number=\"$n\"" "$html" || fail "$html has no chapter $nn (no <h1 data-number=\"$n\">)"
done

[ -s "$epub" ] || fail "$epub is missing or empty"
[ "$(head -c 2 "$epub" 2>/dev/null)" = "PK" ] || fail "$epub is not a zip archive"
exit $status
