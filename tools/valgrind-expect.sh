#!/usr/bin/env bash
# Run a program under valgrind and check that valgrind's report says what it must
# (for example, that an object leaked from the pools is a definite leak, with its
# allocation stack).
#   valgrind-expect.sh BINARY EXPECT_FILE
# EXPECT_FILE: extended regular expressions, one per line, each matching a line of
# valgrind's report.
set -u
bin=$1 expect=$2
log=$(mktemp); trap 'rm -f "$log"' EXIT
valgrind --leak-check=full --show-leak-kinds=definite,indirect --num-callers=30 "$bin" >/dev/null 2>"$log"
while IFS= read -r pattern; do
    [ -z "$pattern" ] && continue
    if ! grep -Eq -- "$pattern" "$log"; then
        echo "FAIL: valgrind's report on $bin has no line matching: $pattern"; echo "--- report:"; cat "$log"; exit 1
    fi
done <"$expect"
exit 0
