# The runtime's fatal error, from a test's standard error: the line the runtime wrote
# before "Fatal Mo error: ... (see the line above)", else the fatal line itself.
/^Fatal Mo error: .*see the line above/ { if (prev != "") { print prev; exit } }
/^Fatal Mo error: / { print; exit }
{ prev = $0 }
