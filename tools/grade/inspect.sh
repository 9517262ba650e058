#!/usr/bin/env bash
# The integrity check of a submission: what the student's compiled code names and holds.
#
#   inspect.sh --list-defined RUNNER -- OTHER...   every global name the rest of the program
#                                                  defines, "name<TAB>where" (the driver keeps
#                                                  it per lab: it does not depend on the student)
#   inspect.sh --check DEFINED STUDENT.o...        one line naming the first problem, or nothing
#
# RUNNER is the linked test runner; OTHER the rest of what was linked (the grader's
# objects, the runtime's archive, -lNAME options: a static library found for one is read
# too; the shared libraries are found from RUNNER itself); STUDENT.o the objects made
# from the student's files; DEFINED what --list-defined printed.
#
# Why: the tests run in the same process as the student's code, so the code could, on
# purpose, reach for the means of forging a result. The system-call filter (filter.c)
# bounds what any code of the process can do; this check bounds what the student's code
# may name and hold, by allowlist:
#   - every name it uses but does not define is one of the runtime's public API (a
#     Mo*/_Mo* name the runtime defines), one its other files define, or one of
#     allowed-calls.txt (a short list of the C library's);
#   - no code runs before main: no constructor or destructor (.init_array, .fini_array,
#     .ctors, .dtors, .preinit_array), no IFUNC (its resolver runs at load time), and no
#     section but code, data, and the compiler's notes and debug information;
#   - no symbol version or alias tricks: no defined name with "@" (.symver), no two
#     global names for one address;
#   - a system call made directly (the syscall instruction in its machine code) is
#     refused too (a hidden one is stopped by the filter);
#   - no global name that the grader's code, the runtime, Check or a shared library also
#     defines (the student's definition would take the place of theirs).
# Exit status 0, whatever was found; 2 for a usage error.
set -u
export LC_ALL=C        # one collation for sort, comm and join
here=$(cd "$(dirname "$0")" && pwd)

usage() {
    echo "usage: inspect.sh --list-defined RUNNER -- OTHER... | --check DEFINED STUDENT.o..." >&2
    exit 2
}

# The source file an object was made from, as the student named it ("stack.c").
source_of() { echo "$(basename "${1%.o}").c"; }

# Names, one per line, sorted: the undefined ones of an object (without @VERSION).
calls_of() { nm -u --format=posix "$1" 2>/dev/null | awk '{ sub(/@.*/, "", $1); print $1 }' | sort -u; }
# The global names an object defines.
defines_of() { nm -g --defined-only --format=posix "$1" 2>/dev/null | awk '{ print $1 }' | sort -u; }

# ------------------------------------------------------------------ the allowlist
# What a student's object may name: allowed-calls.txt, the runtime's Mo*/_Mo* names, and
# what the student's objects define.
allowed_names() {
    grep -v '^#' "$here/allowed-calls.txt" | tr -s ' \t' '\n\n' | sed '/^$/d'
    awk -F '\t' '$2 ~ /^libmo/ && $1 ~ /^_?Mo/ { print $1 }' "$defined"
    for o in "${students[@]}"; do defines_of "$o"; done
}

check_names() {
    local allowed o bad
    allowed=$(allowed_names | sort -u)
    for o in "${students[@]}"; do
        bad=$(comm -23 <(calls_of "$o") <(printf '%s\n' "$allowed") | head -n 1)
        if [ -n "$bad" ]; then
            echo "$(source_of "$o") uses $bad, which graded code may not use (tools/grade/allowed-calls.txt lists what it may)"
            return 1
        fi
    done
}

# Sections a compiled C file has on its own; anything else (a constructor's .init_array,
# a section made by asm) is refused.
section_ok() {
    case $1 in
        .text | .text.* | .data | .data.* | .rodata | .rodata.* | .bss | .bss.* | .tdata | .tdata.* | .tbss | .tbss.*) ;;
        .rela.* | .debug_* | .comment | .note.GNU-stack | .note.gnu.property | .eh_frame | .group) ;;
        .symtab | .strtab | .shstrtab | .llvm_addrsig | .gcc_except_table) ;;
        *) return 1 ;;
    esac
}

check_shape() {
    local o s bad
    for o in "${students[@]}"; do
        while read -r s; do
            section_ok "$s" && continue
            case $s in
                .init_array* | .fini_array* | .ctors* | .dtors* | .preinit_array* | .init | .fini)
                    echo "$(source_of "$o") has a constructor or destructor ($s): graded code may run only when the tests call it" ;;
                *) echo "$(source_of "$o") has a section named $s, which a C file of a lab has no use for" ;;
            esac
            return 1
        done < <(readelf -S --wide "$o" 2>/dev/null | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) .*/\1/p' | sed '/^$/d')
        bad=$(nm --defined-only --format=posix "$o" 2>/dev/null | awk '$1 ~ /@/ { print $1; exit }')
        if [ -n "$bad" ]; then
            echo "$(source_of "$o") defines $bad, a name with a symbol version (.symver), which graded code may not define"
            return 1
        fi
        bad=$(nm --defined-only --format=posix "$o" 2>/dev/null | awk '$2 == "i" { print $1; exit }')
        if [ -n "$bad" ]; then
            echo "$(source_of "$o") defines $bad as an IFUNC (its resolver would run before the tests)"
            return 1
        fi
        # Two global names at one address of one section: an alias.
        bad=$(readelf -s --wide "$o" 2>/dev/null |
              awk '$5 == "GLOBAL" || $5 == "WEAK" { if ($7 != "UND" && $7 != "ABS" && $4 != "SECTION" && $4 != "FILE") { k = $7 ":" $2; if (k in seen) { print seen[k] " and " $8; exit } seen[k] = $8 } }')
        if [ -n "$bad" ]; then
            echo "$(source_of "$o") gives one definition two names ($bad): graded code may not define aliases"
            return 1
        fi
        if objdump -d --no-show-raw-insn "$o" 2>/dev/null | grep -qE $'\t(syscall|sysenter|int +\\$0x80)\\b'; then
            echo "$(source_of "$o") makes a system call directly (asm), which graded code may not do"
            return 1
        fi
    done
}

# ---------------------------------------------------------------- collisions
# Every name the rest of the program defines, and where: "name<TAB>where".
defined_elsewhere() {
    local f lib
    for f in "${others[@]}"; do
        case $f in
        -l*) lib=$(${MG_CC:-cc} -print-file-name="lib${f#-l}.a" 2>/dev/null)
             [ -f "$lib" ] && nm -g --defined-only --format=posix "$lib" 2>/dev/null |
                 awk -v w="$(basename "$lib")" 'NF >= 2 && $1 !~ /:$/ { print $1 "\t" w }' ;;
        -*) ;;
        *.o | *.a) nm -g --defined-only --format=posix "$f" 2>/dev/null |
                       awk -v w="$(basename "$f")" 'NF >= 2 && $1 !~ /:$/ { print $1 "\t" w }' ;;
        esac
    done
    for lib in $(ldd "$runner" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
        nm -D --defined-only --format=posix "$lib" 2>/dev/null |
            awk -v w="$(basename "$lib")" '{ sub(/@.*/, "", $1); print $1 "\t" w }'
    done
}
check_collisions() {
    local o clash
    for o in "${students[@]}"; do
        clash=$(join -t $'\t' <(defines_of "$o") "$defined" | head -n 1)
        if [ -n "$clash" ]; then
            echo "$(source_of "$o") defines ${clash%%$'\t'*}, a name that ${clash#*$'\t'} also defines:" \
                 "rename it, or make it static"
            return 1
        fi
    done
}

case ${1:-} in
    --list-defined)
        [ $# -ge 3 ] && [ "$3" = -- ] || usage
        runner=$2; shift 3; others=("$@")
        defined_elsewhere | sort -t $'\t' -k1,1 -u ;;
    --check)
        [ $# -ge 3 ] || usage
        defined=$2; shift 2; students=("$@")
        check_shape && check_collisions && check_names ;;
    *) usage ;;
esac
exit 0
