#!/usr/bin/env bash
# The grade driver: grade one lab's files with its Check suites.
#
#   grade.sh --lab NN-topic [--src DIR] [--out DIR] [--history FILE]
#            [--werror] [--jobs N] [--stop-first] [--only "TEST..."]
#
# make grade calls it with the compiler, flags and libraries in the environment:
#   MG_CC, MG_CFLAGS (our code), MG_STUDENT_CFLAGS (theirs), MG_LIBS (what to link),
#   MG_VALGRIND (memcheck's command line), MG_SANDBOX (the mg-sandbox binary).
#
# What it does (start reading at main, at the end):
#   1. reads the tests and their points from the MG_TEST lines of tests/labs/LAB/*.c;
#   2. builds the lab's files (those of labs/LAB, taken from --src where present) with
#      the suites and the harness into one runner;
#   3. pass 1 "behaviour": runs each test alone (Check's fork mode) in mg-sandbox, which
#      bounds its time, CPU, output, memory and processes;
#      pass 3 "leaks": each test that passed runs again, and the runtime itself fails it
#      when an object is left alive, naming the objects (and their allocation site when
#      the tracer is linked in);
#      pass 2 "memcheck": each test that passed both runs once more under valgrind
#      (CK_FORK=no, leak check full), which costs a test its points for any error or leak;
#      a test that crashed in pass 1 also runs under valgrind, to say where it crashed;
#   4. writes OUT/results.json (Gradescope's format), OUT/results.tap and OUT/results.xml
#      (Check's logs, with the verdicts of all three passes), OUT/summary.tsv, prints the
#      table and the total, and appends the score to the history file.
#
# It never hangs and always writes its results: every step that runs student code goes
# through mg-sandbox, and a step that fails becomes the reason of the tests it affects.
# Exit status: 0 when the lab was graded (whatever the score), 2 for a usage error.
#
# --werror compiles the student's files with -Werror too, and requires the runner's test
# table to be the one read from the sources (make check does, for the solution and the
# skeleton). --stop-first stops at the first test that fails (the mutant sweep only needs
# "below full marks"). --only grades only the tests named (the others count as failed,
# "not run"): how make check grades a mutant on the tests it must fail.
set -u

ROOT=$(pwd)

# ------------------------------------------------------------------ settings

# Limits per run of one test (seconds, bytes).
RUN_WALL=${MG_RUN_WALL:-10}         # wall clock, behaviour and leaks passes
RUN_CPU=${MG_RUN_CPU:-3}            # CPU seconds per process: an endless loop dies here
RUN_WALL_AFTER_TIMEOUTS=2           # both, once 3 tests have run out of time (an endless
RUN_CPU_AFTER_TIMEOUTS=1            # loop in a function every test calls)
RUN_AS=$((2 * 1024 * 1024 * 1024))  # address space
VG_WALL=${MG_VG_WALL:-120}          # memcheck pass
OUT_CAP=$((1024 * 1024))            # more output than this on stdout or stderr is a flood
FILE_CAP=$((16 * 1024 * 1024))      # no file written may grow past this (SIGXFSZ): Check's
                                    # own message file grows with every assertion
BUILD_WALL=120
UID_BASE=${MG_UID_BASE:-64000}      # when root: tests run as users UID_BASE.. UID_BASE+1023

usage() {
    echo "usage: grade.sh --lab NN-topic [--src DIR] [--out DIR] [--history FILE] [--werror]" >&2
    echo "                [--jobs N] [--stop-first] [--only \"TEST...\"]" >&2
    exit 2
}

# ================================================================== helpers

# One line of text, printable ASCII only, at most 600 characters.
one_line() {
    LC_ALL=C tr '\n\t' '  ' | LC_ALL=C tr -c '[:print:]' '?' | cut -c1-600 | sed 's/  */ /g; s/ $//'
}

# first_line FILE: the first line of FILE, or nothing (a builtin read: no process).
first_line() {
    local line=""
    [ -f "$1" ] && IFS= read -r line <"$1"
    printf '%s' "$line"
}

# The tests: "name<TAB>points<TAB>description" from the MG_TEST lines, in file order.
read_tests() {
    local f
    for f in "$ROOT/tests/labs/$LAB"/*.c; do
        sed -n 's/^MG_TEST(\([A-Za-z0-9_]*\), *\([0-9][0-9]*\), *"\([^"]*\)")$/\1\t\2\t\3/p' "$f"
    done
}

signal_reason() {   # signal_reason N [CPU]: what a death by signal N means for the student
    case $1 in
        6) echo "abort() was called (the program stopped itself)" ;;
        11) echo "crashed: segmentation fault (a NULL, freed or wild pointer was used)" ;;
        7) echo "crashed: bus error (a bad pointer was used)" ;;
        8) echo "crashed: arithmetic error (a division by zero?)" ;;
        4) echo "crashed: illegal instruction" ;;
        9) echo "was killed (SIGKILL)" ;;
        24) echo "used more than ${2:-$RUN_CPU} s of CPU time (an endless loop?)" ;;
        25) echo "wrote more than $((FILE_CAP / 1024 / 1024)) MiB to a file (a print in a loop?)" ;;
        13) echo "wrote to a closed pipe (SIGPIPE)" ;;
        *) echo "was stopped by signal $1" ;;
    esac
}

# ============================================================== the build

# Copy the lab's files into $OUT/src: the skeleton's, each replaced by the student's when
# --src has a file of that name (in DIR itself, or anywhere below it: a Gradescope
# submission may keep its files in a folder).
stage_sources() {
    local f name found
    rm -rf "$OUT/src" && mkdir -p "$OUT/src"
    : >"$OUT/sources.txt"
    for f in "$ROOT/labs/$LAB"/*; do
        name=$(basename "$f")
        [ "$name" = README.md ] && continue
        [ -f "$f" ] || continue
        found=""
        if [ -f "$SRC/$name" ] && [ ! -L "$SRC/$name" ]; then
            found="$SRC/$name"
        else
            found=$(find "$SRC" -type f -name "$name" 2>/dev/null | sort | head -n 1)
        fi
        if [ -n "$found" ]; then
            cp "$found" "$OUT/src/$name"
            echo "$name: yours (${found#"$SRC"/})" >>"$OUT/sources.txt"
        else
            cp "$f" "$OUT/src/$name"
            echo "$name: not among your files, so the lab's copy was used" >>"$OUT/sources.txt"
        fi
    done
}

# compile LOG DIR CMD...: run a compiler command in DIR under the sandbox; 0 if it worked.
compile() {
    local log=$1 dir=$2
    shift 2
    echo "$*" >>"$OUT/build.log"
    "$MG_SANDBOX" --dir "$dir" --out "$log" --err "$log.err" --status "$log.status" --wall $BUILD_WALL \
        --cpu $BUILD_WALL --fsize $((256 * 1024 * 1024)) --nproc 64 -- env LC_ALL=C "$@"
    cat "$log" "$log.err" >>"$OUT/build.log"
    grep -q '^exit 0 ' "$log.status"
}

# Build $WORK/run-tests; on failure, $OUT/build-failure holds the one-line reason.
build_runner() {
    local obj="$WORK/obj" f ok=1 first
    mkdir -p "$obj"
    : >"$OUT/build.log"
    rm -f "$OUT/build-failure"
    for f in "$OUT/src"/*.c; do
        [ -e "$f" ] || continue
        if ! compile "$obj/$(basename "$f").log" "$OUT/src" $MG_CC $MG_STUDENT_CFLAGS -I"$ROOT/lib/include" \
                -c "$(basename "$f")" -o "$obj/$(basename "${f%.c}").o"; then
            ok=0
            first=$(grep -m 1 -E 'error|fatal' "$obj/$(basename "$f").log.err" | one_line)
            [ -f "$OUT/build-failure" ] || echo "does not compile: ${first:-$(basename "$f") failed to compile (see build.log)}" >"$OUT/build-failure"
        fi
    done
    for f in "$ROOT/tests/labs/$LAB"/*.c tools/grade/harness.c; do
        f=${f#"$ROOT/"}
        if ! compile "$obj/$(basename "$f").log" "$ROOT" $MG_CC $MG_CFLAGS -Ilib/include -Itools/grade -I"$OUT/src" \
                -DMG_LAB_NAME="\"$LAB\"" -c "$f" -o "$obj/grader-$(basename "${f%.c}").o"; then
            ok=0
            first=$(grep -m 1 -E 'error|fatal' "$obj/$(basename "$f").log.err" | one_line)
            [ -f "$OUT/build-failure" ] ||
                echo "the tests do not compile against your files (did a header change?): $first" >"$OUT/build-failure"
        fi
    done
    [ $ok -eq 1 ] || return 1
    # shellcheck disable=SC2086
    if ! compile "$obj/link.log" "$ROOT" $MG_CC -o "$WORK/run-tests" "$obj"/*.o -Wl,-u,MoTraceMalloc_Start $MG_LIBS; then
        first=$(grep -m 1 -E 'undefined reference|multiple definition|error' "$obj/link.log.err" |
                sed -E 's/.*(undefined reference to [^;]*|multiple definition of [^;]*).*/\1/; s/^.*: //' | one_line)
        echo "does not link: $first" >"$OUT/build-failure"
        return 1
    fi
    local refused students=()
    for f in "$OUT/src"/*.c; do [ -e "$f" ] && students+=("$obj/$(basename "${f%.c}").o"); done
    # shellcheck disable=SC2086
    refused=$("$ROOT/tools/grade/inspect.sh" "$WORK/run-tests" "${students[@]}" -- "$obj"/grader-*.o $MG_LIBS)
    if [ -n "$refused" ]; then
        echo "refused: $refused" >"$OUT/build-failure"
        return 1
    fi
    cp "$WORK/run-tests" "$OUT/run-tests"
    chmod 755 "$WORK" "$WORK/run-tests"
}

# The runner's own table (run in the sandbox: the student's code is linked in) must
# be the one read from the sources; with --werror (make check) a difference is an error.
check_table() {
    local d="$WORK/list" user
    mkdir -p "$d" && chmod 777 "$d"
    uid_option user 0
    "$MG_SANDBOX" --dir "$d" --out "$d/out" --err "$d/err" --status "$d/status" --wall 10 --cpu 5 \
        "${user[@]}" -- "$WORK/run-tests" --list
    if ! sort "$d/out" | cmp -s - <(sort "$WORK/tests.tsv"); then
        [ -z "$WERROR" ] && return 1   # a student's code can do this (exit() in a constructor)
        echo "grade: the runner's test table differs from the MG_TEST lines read in tests/labs/$LAB:" >&2
        diff <(sort "$WORK/tests.tsv") <(sort "$d/out") >&2
        return 1
    fi
}

# uid_option ARRAY SLOT: set ARRAY to the sandbox's --uid option for job SLOT, when
# the tests have users of their own (root), else to nothing.
uid_option() {
    local -n into=$1
    into=()
    # shellcheck disable=SC2034  # a nameref: the caller reads it
    [ -z "${MG_UIDS:-}" ] || into=(--uid $((MG_UIDS + ${2:-0})))
}

# When root, claim a block of 8 user ids that no other grading running on this machine
# uses (the sandbox kills every process of its user when a test ends: two gradings must
# never share one). A claim is a directory holding the claimant's pid; a claim whose
# process is gone is taken over. Sets MG_UIDS to the block's first id.
claim_uids() {
    MG_UIDS=""
    [ "$(id -u)" -eq 0 ] || return 0
    local n lock
    for ((n = 0; n < 128; n++)); do
        lock="${TMPDIR:-/tmp}/mg-grade-uids.$n"
        if ! mkdir "$lock" 2>/dev/null; then
            # Taken. Stale (its pid file names a dead process)? Only one of several
            # gradings can rename it away; mkdir then decides who claims it.
            local owner
            owner=$(cat "$lock/pid" 2>/dev/null) || continue
            kill -0 "$owner" 2>/dev/null && continue
            mv "$lock" "$lock.stale.$$" 2>/dev/null || continue
            rm -rf "$lock.stale.$$"
            mkdir "$lock" 2>/dev/null || continue
        fi
        echo $$ >"$lock/pid"
        UID_LOCK=$lock
        MG_UIDS=$((UID_BASE + 8 * n))
        return 0
    done
    echo "grade: no free block of user ids; running the tests without a user of their own" >&2
}

# ============================================================== the passes

# run_pass TEST PASS: run one test in one pass, in $WORK/t/TEST/PASS/.
run_pass() {
    local name=$1 pass=$2 d="$WORK/t/$1/$2" wall=$RUN_WALL cpu=$RUN_CPU as=$RUN_AS fork=yes
    local user
    uid_option user "${MG_SLOT:-0}"
    rm -rf "$d" && mkdir -p "$d" && chmod 777 "$d"
    local -a cmd=("$WORK/run-tests")
    if [ "$pass" = memcheck ]; then
        wall=$VG_WALL cpu=$VG_WALL as=0 fork=no
        # shellcheck disable=SC2206
        cmd=($MG_VALGRIND --num-callers=40 --log-file=valgrind.log "$WORK/run-tests")
    elif [ "$(wc -l 2>/dev/null <"$WORK/timeouts" || echo 0)" -ge 3 ]; then
        wall=$RUN_WALL_AFTER_TIMEOUTS cpu=$RUN_CPU_AFTER_TIMEOUTS
    fi
    env HOME="$d" MG_PASS="$pass" MG_RESULT=result CK_RUN_CASE="$name" CK_FORK=$fork \
        CK_DEFAULT_TIMEOUT=$((wall > 2 ? wall - 1 : wall)) CK_TIMEOUT_MULTIPLIER=1 \
        CK_TAP_LOG_FILE_NAME=check.tap CK_XML_LOG_FILE_NAME=check.xml \
        "$MG_SANDBOX" --dir "$d" --out "$d/stdout" --err "$d/stderr" --status "$d/outcome" \
        --wall "$wall" --cpu "$cpu" --fsize $FILE_CAP --as "$as" --nproc 8 "${user[@]}" -- "${cmd[@]}"
    judge "$d" "$pass" "$wall" "$cpu" | tidy_paths >"$d/verdict"
    local verdict
    verdict=$(first_line "$d/verdict")
    [ "$verdict" = pass ] && return 0
    # A flood stays in the logs by its first 64 KiB.
    find "$d" -maxdepth 1 -name 'std*' -size +64k -exec truncate -s 65536 {} + 2>/dev/null
    [[ $verdict =~ ^fail$'\t'(did not finish|used more than .* CPU) ]] && echo "$name" >>"$WORK/timeouts"
    return 1
}

# Paths in reasons, as the student knows them: "stack.c:12", "tests/labs/...".
tidy_paths() {
    awk -v a="$OUT/src/" -v b="$ROOT/" '{
        while ((i = index($0, a)) > 0) $0 = substr($0, 1, i - 1) substr($0, i + length(a))
        while ((i = index($0, b)) > 0) $0 = substr($0, 1, i - 1) substr($0, i + length(b))
        print
    }'
}

# The runtime's fatal error, in one line, from a test's standard error: the line the
# runtime wrote before "Fatal Mo error: ... (see the line above)", else the fatal line.
runtime_fatal() {
    awk '
        /^Fatal Mo error: .*see the line above/ { if (prev != "") { print prev; found = 1; exit } }
        /^Fatal Mo error: / { print; found = 1; exit }
        { prev = $0 }
    ' "$1" | one_line
}

# judge DIR PASS WALL CPU: print "pass" or "fail<TAB>reason" for one run.
judge() {
    local d=$1 pass=$2 wall=$3 cpu=$4 cap=$OUT_CAP outcome result kind msg procs=0 fatal
    outcome=$(first_line "$d/outcome")
    result=$(first_line "$d/result")
    kind=${result%%$'\t'*}
    [[ $outcome =~ procs=([0-9]+) ]] && procs=${BASH_REMATCH[1]}
    if [ "$kind" = pass ] && [[ $outcome == "exit 0 "* ]] && { [ "$pass" != memcheck ] || ! vg_has_errors "$d"; }; then
        echo pass
        return
    fi
    msg=$(printf '%s' "${result#*$'\t'}" | one_line)
    if [ "$pass" = memcheck ]; then
        judge_memcheck "$d" "$outcome" "$kind" "$msg"
        return
    fi
    fatal=$(runtime_fatal "$d/stderr")
    if [ -n "$fatal" ]; then
        printf 'fail\tthe runtime stopped the program: %s\n' "$fatal"
    elif [[ $outcome == nproc* ]] || [ "$procs" -gt 20 ]; then
        printf 'fail\tstarted too many processes (a fork bomb?) and was stopped\n'
    elif [ "$(stat -c %s "$d/stdout" 2>/dev/null || echo 0)" -ge "$cap" ] ||
         [ "$(stat -c %s "$d/stderr" 2>/dev/null || echo 0)" -ge "$cap" ]; then
        printf 'fail\tprinted more than %s KiB of output (a print in a loop?) and was stopped\n' $((cap / 1024))
    elif [[ $outcome == timeout* ]] || [ "$msg" = "Test timeout expired" ]; then
        printf 'fail\tdid not finish within %s s (an endless loop, or a wait that never ends?)\n' "$wall"
    elif [ "$kind" = fail ]; then
        printf 'fail\t%s\n' "$msg"
    elif [ "$kind" = error ]; then
        case $msg in
            "Received signal "*)
                local sig assertion
                sig=$(printf '%s' "$msg" | sed -n 's/^Received signal \([0-9]*\).*/\1/p')
                assertion=$(grep -m 1 'Assertion .* failed' "$d/stderr" | one_line)
                printf 'fail\t%s%s\n' "$(signal_reason "$sig" "$cpu")" "${assertion:+: $assertion}" ;;
            "Early exit with return value "*)
                printf 'fail\texit(%s) was called during the test (a test must return to finish)\n' "${msg##* }" ;;
            *) printf 'fail\t%s\n' "$msg" ;;
        esac
    elif [[ $outcome == signal* ]]; then
        printf 'fail\tthe test program %s\n' "$(signal_reason "$(printf '%s' "$outcome" | awk '{ print $2 }')" "$cpu")"
    elif [[ $outcome == "exit 127 "* ]]; then
        printf 'fail\tthe test program could not be started: %s\n' "$(head -n 1 "$d/stderr" | one_line)"
    else
        printf 'fail\tthe test program ended (%s) before reporting a result: exit() called during set-up?\n' \
            "${outcome% procs=*}"
    fi
}

vg_has_errors() {
    [ -s "$1/valgrind.log" ] && grep -qE '^==[0-9]+== [^ ]' "$1/valgrind.log"
}

# The first error in a valgrind log, in one line, with the most telling frame: one in
# the student's files when there is one.
vg_reason() {
    local files
    files=$(cd "$OUT/src" && ls -- *.c *.h 2>/dev/null | tr '\n' ' ')
    awk -v files="$files" '
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
    ' "$1/valgrind.log" | one_line
}

judge_memcheck() {
    local d=$1 outcome=$2 kind=$3 msg=$4 vg
    vg=$(vg_reason "$d")
    if [[ $outcome == timeout* ]]; then
        printf 'fail\tunder valgrind, did not finish within %s s\n' "$VG_WALL"
    elif [ -n "$vg" ]; then
        printf 'fail\tmemcheck: %s\n' "$vg"
    elif [ "$kind" = fail ] || [ "$kind" = error ]; then
        printf 'fail\tunder valgrind: %s\n' "$msg"
    else
        printf 'fail\tunder valgrind the test program ended (%s) without a result\n' "${outcome% procs=*}"
    fi
}

# ============================================================ one test's work

# Phase A for one test: behaviour, then leaks; a crash also goes through memcheck, which
# says where it happened. Writes $WORK/t/TEST/phase-a: pass or fail.
phase_a() {
    local name=$1 t="$WORK/t/$1"
    mkdir -p "$t"
    if ! run_pass "$name" run; then
        if [ -z "${MG_QUICK:-}" ] && grep -qE '^fail	(crashed|the test program crashed)' "$t/run/verdict"; then
            run_pass "$name" memcheck >/dev/null
        fi
        echo fail >"$t/phase-a"
        return
    fi
    if run_pass "$name" leaks; then echo pass; else echo fail; fi >"$t/phase-a"
}

phase_b() {
    run_pass "$1" memcheck >/dev/null
}

# The verdict of one test from its passes: "status<TAB>stage<TAB>reason".
final_verdict() {
    local t="$WORK/t/$1" v m
    if [ -f "$OUT/build-failure" ]; then
        printf 'failed\tbuild\t%s\n' "$(first_line "$OUT/build-failure")"
        return
    fi
    if [ ! -f "$t/run/verdict" ]; then
        if [ -n "$ONLY" ] && [[ " $ONLY " != *" $1 "* ]]; then
            printf 'failed\tnot run\tnot run: only some tests were graded (--only)\n'
        else
            printf 'failed\tnot run\tnot run: grading stopped at the first failing test\n'
        fi
        return
    fi
    v=$(first_line "$t/run/verdict")
    if [[ $v != pass ]]; then
        m=$(first_line "$t/memcheck/verdict")
        [[ $m == "fail"$'\t'"memcheck: "* ]] && v="$v; under valgrind: ${m#*memcheck: }"
        printf 'failed\tbehaviour\t%s\n' "${v#*$'\t'}"
        return
    fi
    v=$(first_line "$t/leaks/verdict")
    if [[ $v != pass ]]; then
        printf 'failed\tleaks\t%s\n' "${v#*$'\t'}"
        return
    fi
    [ -f "$t/memcheck/verdict" ] || { printf 'passed\tbehaviour, leaks (memcheck skipped)\t\n'; return; }
    v=$(first_line "$t/memcheck/verdict")
    if [[ $v != pass ]]; then
        printf 'failed\tmemcheck\t%s\n' "${v#*$'\t'}"
        return
    fi
    printf 'passed\tbehaviour, memcheck, leaks\t\n'
}

# ============================================================== the reports

# summary.tsv (name, points got, points, status, stage, reason, description), then
# each report from it.
write_reports() {
    local name points desc status stage reason score=0 max=0
    : >"$OUT/summary.tsv"
    while IFS=$'\t' read -r name points desc; do
        IFS=$'\t' read -r status stage reason < <(final_verdict "$name")
        local got=0
        [ "$status" = passed ] && got=$points
        score=$((score + got)) max=$((max + points))
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$got" "$points" "$status" "$stage" "$reason" "$desc" \
            >>"$OUT/summary.tsv"
    done <"$WORK/tests.tsv"
    SCORE=$score MAX=$max
    write_table | tee "$OUT/table.txt"
    write_json
    write_tap
    write_xml
    copy_logs
}

write_table() {
    awk -F '\t' -v total="$SCORE/$MAX" '
        { name[NR] = $1; pts[NR] = $2 "/" $3; res[NR] = $4 == "passed" ? "ok" : "FAIL"
          why[NR] = $4 == "passed" ? "" : $6; if (length($1) > w) w = length($1) }
        END {
            if (w < 5) w = 5
            printf "%-*s  %6s  %-6s  %s\n", w, "test", "points", "result", "reason"
            for (i = 1; i <= NR; i++) printf "%-*s  %6s  %-6s  %s\n", w, name[i], pts[i], res[i], why[i]
            printf "%-*s  %6s\n", w, "total", total
        }' "$OUT/summary.tsv"
}

# The awk functions the writers share: JSON and XML escapes (printable ASCII only: a
# stray byte from a student's output must not make the file invalid).
AWK_ESCAPES='
    function printable(s) { gsub(/[^ -~\n]/, "?", s); return s }
    function json(s) {
        s = printable(s); gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\n/, "\\n", s)
        return "\"" s "\""
    }
    function xml(s) {
        s = printable(s); gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s)
        gsub(/"/, "\\&quot;", s); return s
    }'

write_json() {
    local header
    header="Lab $LAB: $SCORE/$MAX."$'\n'"Files graded:"$'\n'"$(head -c 2000 "$OUT/sources.txt")"
    LC_ALL=C awk -F '\t' -v score="$SCORE" -v elapsed=$(($(date +%s) - START)) -v header="$header" "$AWK_ESCAPES"'
        BEGIN {
            printf "{\n  \"score\": %s,\n  \"execution_time\": %s,\n  \"output\": %s,\n", score, elapsed, json(header)
            printf "  \"stdout_visibility\": \"visible\",\n  \"tests\": [\n"
        }
        {
            out = $7 "\n" ($4 == "passed" ? "passed: " $5 : "FAILED (" $5 "): " $6)
            printf "%s    {\"number\": \"%d\", \"name\": %s, \"score\": %s, \"max_score\": %s, \"status\": \"%s\", \"output\": %s}", \
                (NR > 1 ? ",\n" : ""), NR, json($1), $2, $3, $4, json(out)
        }
        END { printf "\n  ]\n}\n" }' "$OUT/summary.tsv" >"$OUT/results.json"
}

# Check's TAP line for a test (from its behaviour run), kept when Check's verdict is the
# final one, rewritten when a later pass failed the test or the runner left no line.
write_tap() {
    LC_ALL=C awk -F '\t' -v work="$WORK" -v lab="$LAB" '
        {
            line = ""
            file = work "/t/" $1 "/run/check.tap"
            while ((getline l < file) > 0) if (line == "" && l ~ /^(not )?ok /) line = l
            close(file)
            rest = line; sub(/^(not )?ok [0-9]+ - /, "", rest)
            if ($4 == "passed" && line ~ /^ok /) printf "ok %d - %s\n", NR, rest
            else if ($4 != "passed" && line ~ /^not ok / && $5 == "behaviour") printf "not ok %d - %s\n", NR, rest
            else if ($4 == "passed") printf "ok %d - %s:%s: Passed\n", NR, lab, $1
            else printf "not ok %d - %s:%s: %s: %s\n", NR, lab, $1, $5, $6
        }
        END { printf "1..%d\n", NR }' "$OUT/summary.tsv" >"$OUT/results.tap"
}

# Check's XML: each test's <test> element from its behaviour run, or one written here when
# a later pass decided (or the runner died before writing it).
write_xml() {
    LC_ALL=C awk -F '\t' -v work="$WORK" -v lab="$LAB" -v when="$(date '+%Y-%m-%d %H:%M:%S')" \
            -v elapsed=$(($(date +%s) - START)) "$AWK_ESCAPES"'
        BEGIN {
            print "<?xml version=\"1.0\"?>"
            print "<testsuites xmlns=\"http://check.sourceforge.net/ns\">"
            print "  <datetime>" when "</datetime>"
            print "  <suite>"
            print "    <title>" xml(lab) "</title>"
        }
        {
            block = ""; inside = 0
            file = work "/t/" $1 "/run/check.xml"
            while ((getline l < file) > 0) {
                if (l ~ /<test /) inside = 1
                if (inside) block = block printable(l) "\n"
                if (l ~ /<\/test>/) inside = 0
            }
            close(file)
            if (block != "" && ($4 == "passed" || $5 == "behaviour")) { printf "%s", block; next }
            printf "    <test result=\"%s\">\n      <path>.</path>\n      <fn>%s</fn>\n      <id>%s</id>\n", \
                ($4 == "passed" ? "success" : "failure"), xml(lab), xml($1)
            printf "      <iteration>0</iteration>\n      <duration>-1.000000</duration>\n"
            printf "      <description>%s</description>\n      <message>%s</message>\n    </test>\n", \
                xml($1), ($4 == "passed" ? "Passed" : xml($5 ": " $6))
        }
        END {
            print "  </suite>"
            print "  <duration>" elapsed ".000000</duration>"
            print "</testsuites>"
        }' "$OUT/summary.tsv" >"$OUT/results.xml"
}

# Keep each run's files (the first 64 KiB of each) under $OUT/tests/TEST/PASS.
copy_logs() {
    rm -rf "$OUT/tests"
    [ -d "$WORK/t" ] || return 0
    cp -r "$WORK/t" "$OUT/tests" 2>/dev/null
    find "$OUT/tests" -type f -size +64k -exec truncate -s 65536 {} + 2>/dev/null
    return 0
}

record_history() {
    [ -n "$HISTORY" ] || return 0
    mkdir -p "$(dirname "$HISTORY")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$LAB" "$SCORE" "$MAX" "$SRC" >>"$HISTORY"
}

# =================================================================== driver

# Run phase A (or B) for every test named on standard input, $JOBS at a time; each job
# is this script again (--worker), with its slot number for a user of its own.
run_all() {
    local phase=$1
    if [ "$JOBS" -le 1 ]; then
        local name
        while read -r name; do
            MG_SLOT=0 "$0" --worker "$phase" "$name"
        done
    else
        xargs -P "$JOBS" -n 1 --process-slot-var=MG_SLOT "$0" --worker "$phase"
    fi
}

worker() {   # --worker PHASE TEST (the environment carries the rest)
    case $1 in
        a) phase_a "$2" ;;
        b) phase_b "$2" ;;
    esac
}

parse_args() {
    LAB="" SRC="" OUT="" HISTORY="" WERROR="" JOBS="" STOP_FIRST="" ONLY=""
    while [ $# -gt 0 ]; do
        case $1 in
            --lab) LAB=$2; shift 2 ;;
            --src) SRC=$2; shift 2 ;;
            --out) OUT=$2; shift 2 ;;
            --history) HISTORY=$2; shift 2 ;;
            --werror) WERROR=1; shift ;;
            --jobs) JOBS=$2; shift 2 ;;
            --stop-first) STOP_FIRST=1; shift ;;
            --only) ONLY=$2; shift 2 ;;
            *) usage ;;
        esac
    done
    [ -n "$LAB" ] || usage
    [ -d "$ROOT/tests/labs/$LAB" ] && [ -d "$ROOT/labs/$LAB" ] || {
        echo "grade: no lab named '$LAB' (labs: $(cd "$ROOT/labs" && ls -d -- */ 2>/dev/null | tr -d / | tr '\n' ' '))" >&2
        exit 2
    }
    SRC=${SRC:-labs/$LAB}
    [ -d "$SRC" ] || { echo "grade: $SRC is not a directory" >&2; exit 2; }
    SRC=$(cd "$SRC" && pwd)
    OUT=${OUT:-build/grade/$LAB}
    mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
    if [ -z "$JOBS" ]; then
        JOBS=1
        # Parallel runs need a user per slot, to keep one test's processes from
        # starving another's: only root can give them.
        [ "$(id -u)" -eq 0 ] && JOBS=$(nproc 2>/dev/null || echo 1)
    fi
    [ "$JOBS" -le 8 ] || JOBS=8
    if [ -n "$STOP_FIRST" ]; then
        JOBS=1
        export MG_QUICK=1   # no valgrind run to locate a crash: the sweep only needs the score
    fi
    [ -n "$WERROR" ] && MG_STUDENT_CFLAGS="$MG_STUDENT_CFLAGS -Werror"
    : "${MG_CC:?} ${MG_CFLAGS:?} ${MG_LIBS:?} ${MG_VALGRIND:?} ${MG_SANDBOX:?}"
}

main() {
    parse_args "$@"
    START=$(date +%s)
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/mg-grade.XXXXXX") || exit 2
    chmod 755 "$WORK"
    UID_LOCK=""
    trap 'rm -rf "$WORK" ${UID_LOCK:+"$UID_LOCK"}' EXIT
    claim_uids
    trap 'exit 130' INT TERM
    export ROOT LAB SRC OUT WORK MG_UIDS MG_CC MG_CFLAGS MG_STUDENT_CFLAGS MG_LIBS MG_VALGRIND MG_SANDBOX
    export RUN_WALL RUN_CPU VG_WALL

    read_tests >"$WORK/tests.tsv"
    if [ ! -s "$WORK/tests.tsv" ]; then
        echo "grade: no MG_TEST lines in tests/labs/$LAB" >&2
        exit 2
    fi
    echo "grading $LAB: $(cut -f 1 "$WORK/tests.tsv" | wc -l) tests, files from $SRC"
    stage_sources
    rm -f "$OUT/table-mismatch"
    if build_runner; then
        check_table || { [ -z "$WERROR" ] || touch "$OUT/table-mismatch"; }
        cut -f 1 "$WORK/tests.tsv" | only_selected | phase_a_all
        phase_b_all
    else
        echo "grade: $(cat "$OUT/build-failure") (see $OUT/build.log)"
    fi
    write_reports
    record_history
    echo "results: $OUT/results.json ($(($(date +%s) - START)) s)"
    [ ! -f "$OUT/table-mismatch" ] || exit 3
}

only_selected() {   # the test names on standard input that --only lets through
    local name
    while read -r name; do
        [ -z "$ONLY" ] || [[ " $ONLY " == *" $name "* ]] && printf '%s\n' "$name"
    done
}

phase_a_all() {
    if [ -n "$STOP_FIRST" ]; then
        local name
        while read -r name; do
            MG_SLOT=0 "$0" --worker a "$name"
            [ "$(first_line "$WORK/t/$name/phase-a")" = pass ] || break
        done
    else
        run_all a
    fi
}

# Memcheck for the tests that passed phase A; none once --stop-first found a failure.
phase_b_all() {
    local name todo=() a
    while IFS=$'\t' read -r name _; do
        [ -z "$ONLY" ] || [[ " $ONLY " == *" $name "* ]] || continue
        a=$(first_line "$WORK/t/$name/phase-a")
        [ -n "$STOP_FIRST" ] && [ "$a" != pass ] && return
        [ "$a" = pass ] && todo+=("$name")
    done <"$WORK/tests.tsv"
    [ ${#todo[@]} -eq 0 ] && return
    if ! command -v "${MG_VALGRIND%% *}" >/dev/null; then
        echo "grade: ${MG_VALGRIND%% *} is not installed: the memcheck pass is skipped (make deps installs it)" >&2
        return
    fi
    printf '%s\n' "${todo[@]}" | run_all b
}

if [ "${1:-}" = "--worker" ]; then
    worker "$2" "$3"
    exit 0
fi
main "$@"
