#!/usr/bin/env bash
# Run a program that must stop with a diagnostic, and check what it says.
#   death.sh BINARY EXPECT_FILE
# EXPECT_FILE holds extended regular expressions, one per line; each must match a line
# of the program's standard error. By default the program must die of a signal (the
# runtime's fatal errors abort); a first line "status=N" asks for exit status N instead.
set -u
bin=$1 expect=$2
err=$(mktemp); trap 'rm -f "$err"' EXIT
"$bin" >/dev/null 2>"$err" &
wait $! 2>/dev/null
status=$?
want=$(head -n 1 "$expect")
if [[ $want == status=* ]]; then
    if [ "$status" -ne "${want#status=}" ]; then
        echo "FAIL: $bin exited with status $status, expected ${want#status=}"; cat "$err"; exit 1
    fi
elif [ "$status" -lt 128 ]; then
    echo "FAIL: $bin exited with status $status; it should have stopped with a fatal error"; cat "$err"; exit 1
fi
while IFS= read -r pattern; do
    [[ -z $pattern || $pattern == status=* ]] && continue
    if ! grep -Eq -- "$pattern" "$err"; then
        echo "FAIL: $bin: no line of its error output matches: $pattern"; echo "--- stderr:"; cat "$err"; exit 1
    fi
done <"$expect"
exit 0
