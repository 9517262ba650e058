# results.json (Gradescope's format) from summary.tsv, read as raw text (jq -R -s): one
# line per test, its fields separated by tabs (name, got, points, status, stage, reason,
# description). jq writes every string, whatever bytes it holds, as valid JSON.
# Arguments: $score, $elapsed, $header (the text above the tests).
[split("\n")[] | select(length > 0) | split("\t")] as $rows
| {
    score: ($score | tonumber),
    execution_time: ($elapsed | tonumber),
    output: $header,
    stdout_visibility: "visible",
    tests: [$rows | to_entries[] | .key as $i | .value as $f | {
        number: ($i + 1 | tostring),
        name: $f[0],
        score: ($f[1] | tonumber),
        max_score: ($f[2] | tonumber),
        status: $f[3],
        output: ($f[6] + "\n" + (if $f[3] == "passed" then "passed: " + $f[4] else "FAILED (" + $f[4] + "): " + $f[5] end))
    }]
}
