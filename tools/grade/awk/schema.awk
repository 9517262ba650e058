# A mutant schema: every site of a sweep in one source file, each behind a switch read
# from MG_MUTANT at run time, so that one build serves every mutant of the sweep (the
# sweep then grades mutant N by running the tests with MG_MUTANT=N). Sites: the opening
# brace of each function (a line "{" alone, not in a comment), where kind "abort" puts
# abort() and kind "loop" an endless loop. Variables: kind, first (the first site's
# number), file (its name, for the list), sites (where to append "N<TAB>file<TAB>line
# <TAB>function line", line numbers of the original).
BEGIN {
    print "#include <stdlib.h>"
    print "static int mg_sweep_site(int id) { static int chosen = -1; if (chosen < 0) { const char *e = getenv(\"MG_MUTANT\"); chosen = e != NULL ? atoi(e) : 0; } return chosen == id; }"
    n = first - 1
}
{
    comment = $0 ~ /^[ \t]*(\/\*|\*)/
    print
    if (!comment && $0 == "{") {
        n++
        print (kind == "abort" ? "    if (mg_sweep_site(" n ")) abort();" \
                               : "    if (mg_sweep_site(" n ")) for (volatile int mg_spin = 1; mg_spin;) {}")
        printf "%d\t%s\t%d\t%s\n", n, file, NR, prev >> sites
    }
    prev = $0
}
