# results.xml (Check's format) from summary.tsv: each test's <test> element written here
# from the final verdict (Check's own block could carry anything the test printed).
# Variables: lab, when (the date), elapsed (seconds).
function xml(s) {
    gsub(/[^ -~]/, "?", s)   # printable ASCII only: a stray byte must not break the file
    gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
    return s
}
BEGIN {
    print "<?xml version=\"1.0\"?>"
    print "<testsuites xmlns=\"http://check.sourceforge.net/ns\">"
    print "  <datetime>" when "</datetime>"
    print "  <suite>"
    print "    <title>" xml(lab) "</title>"
}
{
    printf "    <test result=\"%s\">\n      <path>.</path>\n      <fn>%s</fn>\n      <id>%s</id>\n", \
        ($4 == "passed" ? "success" : "failure"), xml(lab), xml($1)
    printf "      <iteration>0</iteration>\n      <duration>-1.000000</duration>\n"
    printf "      <description>%s</description>\n      <message>%s</message>\n    </test>\n", \
        xml($7), ($4 == "passed" ? "Passed" : xml($5 ": " $6))
}
END {
    print "  </suite>"
    print "  <duration>" elapsed ".000000</duration>"
    print "</testsuites>"
}
