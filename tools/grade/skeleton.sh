#!/usr/bin/env bash
# Make a lab's skeleton from its solution (the nbgrader idea).
#
#   skeleton.sh SOLUTION_DIR OUT_DIR     write OUT_DIR/F for every file F of SOLUTION_DIR
#   skeleton.sh --check SOLUTION_DIR LAB_DIR
#                                        regenerate into a temporary directory and compare
#                                        with LAB_DIR: exit 1, with the diff, when they differ
#
# In a solution file, a block
#
#       /* BEGIN SOLUTION */
#       /* STUB: return NULL; */
#       ...the solution's code...
#       /* END SOLUTION */
#
# becomes, in the skeleton, only the text of its STUB lines (each at the indentation of
# its marker; "/* STUB: */" gives an empty line). A block without STUB lines vanishes
# (how part B's fixes become its bugs). Marker lines must stand alone; a marker out of
# place (unbalanced, nested, a STUB outside a block, marker text inside other code) stops
# the generation with the file and line. Files without markers are copied as they are.
set -u

generate_file() {   # generate_file SRC DST
    awk -v file="$1" '
        function die(msg) { printf "%s:%d: %s\n", file, NR, msg > "/dev/stderr"; failed = 1; exit 1 }
        /^[ \t]*\/\* BEGIN SOLUTION \*\/[ \t]*$/ {
            if (inblock) die("BEGIN SOLUTION inside a block opened at line " start)
            inblock = 1; start = NR; next
        }
        /^[ \t]*\/\* END SOLUTION \*\/[ \t]*$/ {
            if (!inblock) die("END SOLUTION without BEGIN SOLUTION")
            inblock = 0; next
        }
        /BEGIN SOLUTION|END SOLUTION/ { die("a solution marker must stand alone on its line") }
        /^[ \t]*\/\* STUB:.*\*\/[ \t]*$/ {
            if (!inblock) die("STUB outside a BEGIN SOLUTION block")
            indent = $0; sub(/\/\* STUB:.*$/, "", indent)
            text = $0; sub(/^[ \t]*\/\* STUB:[ ]?/, "", text); sub(/[ ]?\*\/[ \t]*$/, "", text)
            print (text == "" ? "" : indent text)
            next
        }
        /STUB:/ { die("a STUB line is /* STUB: text */ on a line of its own") }
        inblock { next }
        { print }
        END {
            if (failed) exit 1
            if (inblock) { printf "%s:%d: BEGIN SOLUTION never closed\n", file, start > "/dev/stderr"; exit 1 }
        }
    ' "$1" >"$2"
}

generate_dir() {   # generate_dir SOLUTION_DIR OUT_DIR
    local sol=$1 out=$2 f status=0
    mkdir -p "$out" || return 1
    for f in "$sol"/*; do
        [ -f "$f" ] || continue
        generate_file "$f" "$out/$(basename "$f")" || status=1
    done
    return $status
}

if [ "${1:-}" = "--check" ]; then
    [ $# -eq 3 ] || { echo "usage: skeleton.sh --check SOLUTION_DIR LAB_DIR" >&2; exit 2; }
    sol=$2 lab=$3
    tmp=$(mktemp -d) || exit 2
    trap 'rm -rf "$tmp"' EXIT
    generate_dir "$sol" "$tmp" || exit 1
    status=0
    for f in "$tmp"/*; do
        name=$(basename "$f")
        if ! diff -u --label "$lab/$name (committed)" --label "$lab/$name (generated from $sol/$name)" \
                "$lab/$name" "$f"; then
            status=1
        fi
    done
    # Every file a student gets, besides the assignment, comes from the solution.
    for f in "$lab"/*; do
        name=$(basename "$f")
        [ "$name" = README.md ] || [ -e "$tmp/$name" ] || {
            echo "$lab/$name: not generated from $sol (add $sol/$name)"; status=1; }
    done
    [ $status -eq 0 ] || echo "skeleton: $lab is out of date; regenerate it with: make skeletons"
    exit $status
fi

[ $# -eq 2 ] || { echo "usage: skeleton.sh SOLUTION_DIR OUT_DIR | --check SOLUTION_DIR LAB_DIR" >&2; exit 2; }
generate_dir "$1" "$2"
