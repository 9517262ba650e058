#!/usr/bin/env bash
# Make a mutant: a copy of a lab's solution with one deliberate mistake.
#
#   mutate.sh SOLUTION_DIR MUTANT_FILE OUT_DIR   write the mutant's files into OUT_DIR
#   mutate.sh --must-fail MUTANT_FILE            print the tests it must fail, one a line
#
# A mutant file (tests/mutants/NN-topic/NAME.mutant) reads:
#
#   # Stack_Push stores the item without a reference of its own (a missing INCREF).
#   file: stack.c
#   must-fail: stack_push_takes_a_reference stack_dealloc_releases_items
#   @@
#   -    s->items[s->size++] = Mo_NewRef(item);
#   +    s->items[s->size++] = item;
#
# "#" lines are comments (the first says what is wrong). "graded: all" asks make check to
# grade every test (by default it grades only those named by must-fail). "refused: TEXT"
# says the grader must refuse the mutant's code, naming TEXT (a forged result). After "file:"
# come hunks, each opened by "@@": its "-" lines must appear, consecutive and exactly
# once, in the file; they are replaced by its "+" lines. Several "file:" sections may
# follow one another. A hunk that matches nowhere, or twice, is an error: the mutant no
# longer fits the solution and must be updated.
set -u

if [ "${1:-}" = "--must-fail" ]; then
    sed -n 's/^must-fail://p' "$2" | tr ' \t' '\n\n' | sed '/^$/d'
    exit 0
fi
[ $# -eq 3 ] || { echo "usage: mutate.sh SOLUTION_DIR MUTANT_FILE OUT_DIR | --must-fail MUTANT_FILE" >&2; exit 2; }
sol=$1 mutant=$2 out=$3
rm -rf "$out" && mkdir -p "$out" && cp "$sol"/* "$out"/ || exit 2

# apply_hunks FILE: the hunks of one "file:" section are on standard input, each line
# "-text" or "+text", hunks separated by "@@".
apply_hunks() {
    local target=$1 tmp
    tmp=$(mktemp) || return 1
    awk -v target="$target" -v mutant="$mutant" '
        function flush(    i, j, k, n, start, matches) {
            if (nfind == 0 && nrepl == 0) return
            if (nfind == 0) { printf "%s: a hunk for %s has no - lines\n", mutant, target > "/dev/stderr"; bad = 1; return }
            matches = 0
            for (i = 1; i + nfind - 1 <= nlines; i++) {
                for (j = 1; j <= nfind && lines[i + j - 1] == find[j]; j++) ;
                if (j > nfind) { matches++; start = i }
            }
            if (matches != 1) {
                printf "%s: the hunk starting \"%s\" matches %d times in %s (it must match once)\n", \
                    mutant, find[1], matches, target > "/dev/stderr"
                bad = 1
            } else {
                n = 0
                for (k = 1; k < start; k++) out[++n] = lines[k]
                for (k = 1; k <= nrepl; k++) out[++n] = repl[k]
                for (k = start + nfind; k <= nlines; k++) out[++n] = lines[k]
                nlines = n
                for (k = 1; k <= n; k++) lines[k] = out[k]
            }
            nfind = nrepl = 0
        }
        FNR == NR { lines[++nlines] = $0; next }         # the target file
        /^@@/ { flush(); next }
        /^-/ { find[++nfind] = substr($0, 2); next }
        /^\+/ { repl[++nrepl] = substr($0, 2); next }
        END {
            flush()
            if (bad) exit 1
            for (k = 1; k <= nlines; k++) print lines[k]
        }
    ' "$target" - >"$tmp" && mv "$tmp" "$target"
    local status=$?
    rm -f "$tmp"
    return $status
}

status=0
current=""
hunks=""
flush_file() {
    [ -n "$current" ] || return 0
    [ -f "$out/$current" ] || { echo "$mutant: no file $current in $sol" >&2; status=1; return; }
    printf '%s' "$hunks" | apply_hunks "$out/$current" || status=1
}
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        "#"*|must-fail:*|graded:*|refused:*) ;;
        file:*) flush_file; current=$(echo "${line#file:}" | tr -d ' \t'); hunks="" ;;
        @@*|-*|+*) hunks+="$line"$'\n' ;;
        "") ;;
        *) echo "$mutant: cannot read the line: $line" >&2; status=1 ;;
    esac
done <"$mutant"
flush_file
[ -n "$(sed -n 's/^must-fail://p' "$mutant" | tr -d ' \t')" ] || { echo "$mutant: no must-fail line" >&2; status=1; }
exit $status
