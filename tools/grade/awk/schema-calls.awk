# A mutant schema for the reference sweeps: every site in one source file, each behind a
# switch read from MG_MUTANT at run time (see schema.awk, which does the same for the
# tops of functions). Sites: each call of Mo_DECREF, Mo_XDECREF or Mo_CLEAR (kind decref;
# variant remove: the call is skipped; variant double: a Mo_DECREF or Mo_XDECREF is made
# twice), or of Mo_INCREF or Mo_NewRef (kind incref, variant remove: skipped, Mo_NewRef(x)
# giving x itself), outside comment lines. Variables: kind, variant, first (the first
# site's number), file, sites (where to append "N<TAB>file<TAB>line<TAB>statement").
BEGIN {
    print "#include <stdlib.h>"
    print "static int mg_sweep_site(int id) { static int chosen = -1; if (chosen < 0) { const char *e = getenv(\"MG_MUTANT\"); chosen = e != NULL ? atoi(e) : 0; } return chosen == id; }"
    n = first - 1
    if (kind == "decref") pat = variant == "double" ? "Mo_X?DECREF\\(" : "Mo_(X?DECREF|CLEAR)\\("
    else pat = "Mo_(X?INCREF|NewRef)\\("
}
function close_paren(s, open,    depth, i, c) {   # index of the ) matching s[open]
    depth = 0
    for (i = open; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "(") depth++
        else if (c == ")" && --depth == 0) return i
    }
    return 0
}
# Guard the first call of pat at or after column from; the column after it, or 0.
function visit(from,    rest, at, open, shut, call, stmt, end, g, repl) {
    rest = substr(line, from)
    if (!match(rest, pat)) return 0
    at = from + RSTART - 1
    open = at + RLENGTH - 1
    shut = close_paren(line, open)
    if (shut == 0) return 0
    call = substr(line, at, shut - at + 1)
    end = shut
    stmt = call
    if (substr(line, shut + 1, 1) == ";") { stmt = call ";"; end = shut + 1 }
    g = "mg_sweep_site(" ++n ")"
    if (variant == "remove" && call ~ /^Mo_NewRef/) {   # an expression: the ; stays where it is
        repl = "(" g " ? (MoObject *)(" substr(line, open + 1, shut - open - 1) ") : " call ")"
        end = shut
    } else if (variant == "remove")
        repl = stmt != call ? "{ if (!" g ") " stmt " }" : "(" g " ? (void)0 : " call ")"
    else
        repl = stmt != call ? "{ " stmt " if (" g ") " stmt " }" : "(" call ", " g " ? " call " : (void)0)"
    printf "%d\t%s\t%d\t%s\n", n, file, NR, stmt >> sites
    line = substr(line, 1, at - 1) repl substr(line, end + 1)
    return at + length(repl)
}
{
    line = $0
    if (line !~ /^[ \t]*(\/\*|\*)/) {
        from = 1
        while ((from = visit(from)) > 0) ;
    }
    print line
}
