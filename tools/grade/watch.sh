#!/usr/bin/env bash
# make watch: grade a lab each time one of its files is saved, and show the first failing
# test's reason and the lab's hints for it.
#
#   watch.sh LAB SRC OUT     (the environment: what grade.sh needs, from tools/grade.mk)
#
# inotifywait (Debian's inotify-tools) waits for a file of SRC to be written; editors
# that save by renaming are seen too (moved_to). Ctrl-C stops it.
set -u
lab=$1 src=$2 out=$3
command -v inotifywait >/dev/null || { echo "watch: inotifywait is missing (make deps installs inotify-tools)" >&2; exit 2; }
here=$(dirname "$0")
while :; do
    printf '\033[H\033[2J'   # a clean screen for each grading
    "$here/grade.sh" --lab "$lab" --src "$src" --out "$out" --cache "${MG_CACHE:-$out/../cache}" | tail -n 3
    first=$(awk -F '\t' '$4 == "failed" { print $1 "\t" $6; exit }' "$out/summary.tsv" 2>/dev/null)
    if [ -n "$first" ]; then
        echo
        echo "first failing test: ${first%%$'\t'*}"
        echo "  ${first#*$'\t'}"
        "$here/hint.sh" "$lab" "${first%%$'\t'*}" | sed 's/^/  /'
    else
        echo "every test passes."
    fi
    echo
    echo "watching $src (save a file to grade again; Ctrl-C to stop)"
    inotifywait -q -q -e close_write -e moved_to --include '\.(c|h)$' "$src"
done
