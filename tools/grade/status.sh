#!/usr/bin/env bash
# make status: every lab's best score so far, from the history make grade keeps.
#
#   status.sh HISTORY_FILE
#
# HISTORY_FILE has a line per grading: "date time<TAB>lab<TAB>score<TAB>max<TAB>files".
set -u
history=${1:?usage: status.sh HISTORY_FILE}
printf '%-20s %9s %9s %9s  %s\n' lab best last attempts "last graded"
for dir in labs/*/; do
    lab=$(basename "$dir")
    if [ -f "$history" ] && grep -q "	$lab	" "$history"; then
        awk -F '\t' -v lab="$lab" '
            $2 == lab {
                n++; last = $3 "/" $4; when = $1
                if (n == 1 || $3 > best) { best = $3; bestmax = $4 }
            }
            END { printf "%-20s %9s %9s %9d  %s\n", lab, best "/" bestmax, last, n, when }
        ' "$history"
    else
        printf '%-20s %9s\n' "$lab" "not graded yet: make grade LAB=$lab"
    fi
done
