#!/usr/bin/env bash
# Compare a fidelity program's output with CPython 3.11's.
#   fidelity.sh BINARY EXPECTED [TWIN.py]
# EXPECTED is what TWIN.py printed under CPython 3.11 (committed). When TWIN.py is
# given (python3 is 3.11 here), it is run too, so that EXPECTED cannot go stale.
# Addresses (0x...) are normalised to 0xADDR on both sides.
set -u
bin=$1 expected=$2 twin=${3:-}
norm() { sed -E 's/0x[0-9a-f]{6,}/0xADDR/g'; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! "$bin" >"$tmp/c.out" 2>"$tmp/c.err"; then
    echo "FAIL: $bin exited with status $?"; cat "$tmp/c.err"; exit 1
fi
norm <"$tmp/c.out" >"$tmp/c.norm"
norm <"$expected" >"$tmp/exp.norm"
status=0
if ! diff -u "$tmp/exp.norm" "$tmp/c.norm" >"$tmp/diff"; then
    echo "FAIL: $bin differs from CPython 3.11 ($expected):"; cat "$tmp/diff"; status=1
fi
if [ -n "$twin" ]; then
    PYTHONHASHSEED=0 python3 "$twin" | norm >"$tmp/py.norm"
    if ! diff -u "$tmp/exp.norm" "$tmp/py.norm" >"$tmp/pydiff"; then
        echo "FAIL: $expected is stale: python3 $twin now prints:"; cat "$tmp/pydiff"; status=1
    fi
fi
exit $status
