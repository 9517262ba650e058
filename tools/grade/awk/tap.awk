# results.tap from summary.tsv (name, got, points, status, stage, reason, description),
# from the final verdicts only (a test-made file is never read here). A reason never
# carries a TAP directive: "#" becomes "No." and control characters become spaces, so
# that "not ok" stays a failure to a TAP consumer. Variable: lab.
function plain(s) { gsub(/#/, "No.", s); gsub(/[\001-\037\177]/, " ", s); return s }
$4 == "passed" { printf "ok %d - %s:%s: Passed\n", NR, lab, $1; next }
{ printf "not ok %d - %s:%s: %s: %s\n", NR, lab, $1, $5, plain($6) }
END { printf "1..%d\n", NR }
