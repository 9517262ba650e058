#!/usr/bin/env bash
# make hint: a lab's hints (tests/labs/LAB/hints.txt, "TEST: text" or "*: text" lines),
# without grading.
#
#   hint.sh LAB [TEST]   the hints for TEST (and those for every test), or all of them
set -u
lab=${1:?usage: hint.sh LAB [TEST]} test=${2:-}
file=tests/labs/$lab/hints.txt
[ -d "tests/labs/$lab" ] || { echo "hint: no lab named '$lab'" >&2; exit 2; }
[ -f "$file" ] || { echo "lab $lab has no hints (tests/labs/$lab/hints.txt)"; exit 0; }
awk -v t="$test" '
    /^#/ || !/: / { next }
    { name = substr($0, 1, index($0, ": ") - 1); text = substr($0, index($0, ": ") + 2) }
    t == "" { printf "%s: %s\n", name == "*" ? "every test" : name, text; next }
    name == "*" || name == t { print "- " text; found += name == t }
    END { if (t != "" && !found) print "(no hint for " t " itself)" }
' "$file"
