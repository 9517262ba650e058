#!/usr/bin/env bash
# make check for one book example.
#   check-example.sh NAME BINARY SOURCE OUT EXPECTED RUNDIR
# 1. OUT (what the build recorded) equals EXPECTED (committed), once addresses are
#    normalised: 0x followed by 6+ hex digits, and decimal numbers of 12+ digits (id()
#    in decimal), which change from run to run; and line numbers in the runtime's own
#    sources (lib/src/list.c:312 in a diagnostic), which change when lib/ is edited.
# 2. The program runs under valgrind's memcheck in RUNDIR: an ordinary example with no
#    error and no definite or indirect leak (the Makefile's $VALGRIND flags); an
#    example marked /* stops: REASON */ with no memcheck error up to the point where
#    the debug runtime stops it (no leak check: it never reaches its cleanup), or,
#    when its source says /* memcheck sees it: KIND */, with exactly that one error.
# Both run on the allocator the source's /* allocator: NAME */ marker asks for.
set -u
name=$1 bin=$2 src=$3 out=$4 expected=$5 run=$6
VALGRIND=${VALGRIND:-valgrind --quiet --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect}
norm() { sed -E 's/0x[0-9a-f]{6,}/0xADDR/g; s/(^|[^0-9])[0-9]{12,}/\1ADDR/g; s#(lib/[A-Za-z0-9_/]+\.[ch]):[0-9]+#\1:LINE#g' "$1"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0

norm "$expected" >"$tmp/expected"
norm "$out" >"$tmp/out"
if ! diff -u "$tmp/expected" "$tmp/out" >"$tmp/diff"; then
    echo "FAIL: example $name prints something else than $expected:"
    cat "$tmp/diff"
    echo "(if the change is intended: make book-expected, then review git diff)"
    status=1
fi

rm -rf "$run" && mkdir -p "$run" || exit 1
abs_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
MOMALLOC=$("$(dirname "$0")/allocator-of.sh" "$src") || exit 1
export MOMALLOC
# A stopping example whose bug memcheck sees as well (a write past a block's end
# lands in the debug hooks' no-access pad) says so: /* memcheck sees it: KIND */, and
# must then have exactly that one error, of that kind.
seen=$(sed -nE 's#.*/\*[[:space:]]*memcheck sees it:[[:space:]]*(.*[^[:space:]])[[:space:]]*\*/.*#\1#p' "$src" | head -n 1)
if grep -Eq '/\*[[:space:]]*stops:' "$src" && [ -n "$seen" ]; then
    (cd "$run" && valgrind --leak-check=no "$abs_bin") >/dev/null 2>"$tmp/vg" </dev/null
    if ! grep -q 'ERROR SUMMARY: 1 errors from 1 contexts' "$tmp/vg" || ! grep -qF "$seen" "$tmp/vg"; then
        echo "FAIL: example $name: valgrind did not find exactly its one error, '$seen', before the runtime stopped it:"
        cat "$tmp/vg"; status=1
    fi
elif grep -Eq '/\*[[:space:]]*stops:' "$src"; then
    (cd "$run" && valgrind --leak-check=no "$abs_bin") >/dev/null 2>"$tmp/vg" </dev/null
    if ! grep -q 'ERROR SUMMARY: 0 errors' "$tmp/vg"; then
        echo "FAIL: example $name: valgrind found errors before the runtime stopped it:"
        cat "$tmp/vg"; status=1
    fi
else
    # shellcheck disable=SC2086
    if ! (cd "$run" && $VALGRIND "$abs_bin") >/dev/null 2>"$tmp/vg" </dev/null; then
        echo "FAIL: example $name is not valgrind-clean:"
        cat "$tmp/vg"; status=1
    fi
fi
exit $status
