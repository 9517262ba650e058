#!/usr/bin/env bash
# The integrity check of a submission: what the student's compiled code calls and defines.
#
#   inspect.sh --list-defined RUNNER -- OTHER...   every global name the rest of the program
#                                                  defines, "name<TAB>where" (the driver keeps
#                                                  it per lab: it does not depend on the student)
#   inspect.sh --check DEFINED STUDENT.o...        one line naming the first problem, or nothing
#
# RUNNER is the linked test runner; OTHER the rest of what was linked (the grader's
# objects, the runtime's archive; options such as -lcheck are skipped: the shared
# libraries are found from RUNNER itself); STUDENT.o the objects made from the student's
# files; DEFINED what --list-defined printed.
#
# Why: the tests run in the same process as the student's code, so the code could, on
# purpose, write the grader's verdict itself (a "pass" into the result file, the harness's
# completion token into its pipe) or replace one of the grader's functions by defining one
# of the same name. The sandbox stops what code does by accident (crash, hang, flood, fork
# bomb); this check refuses code that reaches for the means of forging a result:
#   - a call to a function of forbidden-calls.txt (writing to files or descriptors, opening
#     them, duplicating them, running programs, loading code, touching other processes);
#   - a system call made directly (the syscall instruction in its machine code);
#   - a global name that the grader's code, the runtime or a shared library also defines
#     (the student's definition would take the place of theirs).
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

forbidden=$(grep -v '^#' "$here/forbidden-calls.txt" | tr -s ' \t' '\n\n' | sed '/^$/d' | sort -u)

# ------------------------------------------------------------ forbidden calls
check_calls() {
for o in "${students[@]}"; do
    bad=$(comm -12 <(calls_of "$o") <(printf '%s\n' "$forbidden") | head -n 1)
    if [ -n "$bad" ]; then
        echo "$(source_of "$o") calls $bad(), which graded code may not call (it could forge the grader's results)"
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
        check_calls && check_collisions ;;
    *) usage ;;
esac
exit 0
