# The first error in a valgrind log, in one line, with the most telling frame: one in
# the student's files when there is one. Variable: files (the student's file names,
# space-separated).
function frame_of(line,    f) {   # "fn (file.c:12)" from "   at 0x..: fn (file.c:12)"
    f = line; sub(/^ *(at|by) 0x[0-9A-Fa-f]+: /, "", f); return f
}
function in_student(f,    n, i, parts) {
    n = split(files, parts, " ")
    for (i = 1; i <= n; i++) if (parts[i] != "" && index(f, "(" parts[i] ":") > 0) return 1
    return 0
}
function best(    i) {
    for (i = 1; i <= nf; i++) if (in_student(fr[i])) return fr[i]
    for (i = 1; i <= nf; i++) if (fr[i] ~ /\(test_[^ ]*\.c:/) return fr[i]
    for (i = 1; i <= nf; i++) if (fr[i] !~ /vgpreload|\(in \/|^_?Mo|^mg_/) return fr[i]
    return nf > 0 ? fr[1] : ""
}
{
    if ($0 !~ /^==[0-9]+== /) next
    line = $0; sub(/^==[0-9]+== /, "", line)
    if (line == "") { if (header != "" && state == "frames") state = "after"; next }
    if (header == "") {
        if (line ~ /^ / || line ~ /^(HEAP|LEAK) SUMMARY|^Memcheck|^Copyright|^Using|^Command/) next
        header = line; state = "frames"; next
    }
    if (line ~ /^ +(at|by) 0x/) {
        if (state == "frames") fr[++nf] = frame_of(line)
        else if (state == "freed" && freed_by == "" && line !~ /vgpreload|\(in \//) freed_by = frame_of(line)
        next
    }
    if (line ~ /free.d$/) { state = "freed"; next }
    if (line ~ /^ *Address /) { addr = line; sub(/^ */, "", addr); state = "address"; next }
    if (line ~ /^ *Block was alloc/) { state = "alloc"; next }
    if (line ~ /^[^ ]/ && nf > 0) exit
}
END {
    if (header == "") exit
    where = best()
    text = header
    if (header ~ /definitely lost|indirectly lost/) {
        sub(/ in loss record.*/, "", text); text = text ", allocated in " where
    } else if (where != "") text = text " in " where
    if (freed_by != "") text = text "; the block had been freed in " freed_by
    else if (addr ~ /not stack.d, malloc.d/) text = text " (" addr ")"
    print text
}
