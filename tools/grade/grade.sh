#!/usr/bin/env bash
# The grade driver: grade one lab's files with its Check suites.
#
#   grade.sh --lab NN-topic [--src DIR] [--out DIR] [--history FILE] [--cache DIR]
#            [--werror] [--jobs N] [--stop-first] [--quick] [--only "TEST..."] [--test NAME]
#            [--runner FILE [--mutants FILE]]
#
# make grade calls it with the compiler, flags and libraries in the environment:
#   MG_CC, MG_CFLAGS (our code), MG_STUDENT_CFLAGS (theirs), MG_RUNTIMES ("NAME=LIBRARY
#   ...": the runtime builds a lab may be graded against; the first is the default),
#   MG_LIBS (the other libraries), MG_VALGRIND (memcheck's command line), MG_SANDBOX.
#
# The three passes, in this order, for every test (each run of a test is one run of the
# runner, in mg-sandbox, which bounds its time, CPU, output, memory and processes):
#   1. behaviour  the test alone, in Check's fork mode; the fixture also counts the
#                 objects Mo_Finalize found alive;
#   2. leaks      only a test that passed 1 and left objects alive runs again, with the
#                 tracer on, so that the reason names what leaked and where it was made
#                 (a test that left none passes this pass on the count from 1);
#   3. memcheck   the tests that passed 1 and 2 run together under valgrind, one process
#                 per job, each judged by the errors and leaks memcheck counted while it
#                 ran; a test that is not clean there runs again alone under valgrind,
#                 whose report gives the verdict and the reason.
# A pass runs for every test before the next pass starts, so a test caught early costs
# no valgrind, and the passes use every job slot (--jobs; both cores when root).
#
# What it writes: OUT/results.json (Gradescope's format, by jq), OUT/results.tap,
# OUT/results.xml, OUT/summary.tsv, OUT/table.txt; it prints the table as the verdicts
# come in (with a progress line on a terminal) and the total, and appends the score to
# the history file. --test NAME grades one test through all three passes and prints
# everything it printed.
#
# It never hangs and always writes its results: every step that runs student code goes
# through mg-sandbox, the whole grading has one time budget (GRADE_BUDGET), and a step
# that fails becomes the reason of the tests it affects. Exit status: 0 when the lab was
# graded (whatever the score), 2 for a usage error, 3 when --werror found the runner's
# test table different from the MG_TEST lines.
#
# --werror compiles the student's files with -Werror too (make check does, for the
# solution and the skeleton). --stop-first stops at the first failing test (a sweep only
# needs "below full marks"), --quick skips valgrind's look at a crash (make check);
# --only grades only the tests named, in that order (the others count as "not run").
# --runner FILE grades with a runner already built (make check's sweeps by schema);
# --mutants FILE then grades each mutant FILE lists on it (see grade_mutants).
#
# Read from the top: settings, helpers, the build, one run of a test, the verdicts, the
# passes, the reports, and main at the end.
set -u
[ -n "${MG_TRACE:-}" ] && { PS4='+ $EPOCHREALTIME '; set -x; }

ROOT=$(pwd)
HERE=$ROOT/tools/grade

# ------------------------------------------------------------------ settings

RUN_WALL=${MG_RUN_WALL:-10}         # wall clock, behaviour and leaks passes (seconds)
RUN_CPU=${MG_RUN_CPU:-3}            # CPU seconds per process: an endless loop dies here
RUN_WALL_AFTER_TIMEOUTS=2           # both, once 3 tests have run out of time or forked too
RUN_CPU_AFTER_TIMEOUTS=1            # much (an endless loop in a function every test calls)
RUN_AS=$((2 * 1024 * 1024 * 1024))  # address space, per process
RUN_MEMORY=$((1024 * 1024 * 1024))  # memory of a run as a whole: its processes and its files
VG_AS=$((2 * 1024 * 1024 * 1024))   # both, under valgrind (its own memory included)
BOX_CAP=$((64 * 1024 * 1024))      # the test's folder, a tmpfs of this size (bytes)
TMP_CAP=$((16 * 1024 * 1024))      # its /tmp, /var/tmp and /dev/shm, each
VG_WALL=${MG_VG_WALL:-120}          # memcheck pass
OUT_CAP=$((1024 * 1024))            # more output than this on stdout or stderr is a flood
FILE_CAP=$((16 * 1024 * 1024))      # no file written may grow past this (SIGXFSZ)
BUILD_WALL=60                       # one compiler run
GRADE_BUDGET=${MG_BUDGET:-180}      # the whole grading, build included: past it, every
                                    # test not yet run fails at once, saying so
UID_BASE=${MG_UID_BASE:-64000}      # when root: tests run as users UID_BASE.. UID_BASE+1023
UID_LOCKS=/run/mg-grade-uids        # claims of those ids, one place for every grading

usage() {
    echo "usage: grade.sh --lab NN-topic [--src DIR] [--out DIR] [--history FILE] [--cache DIR]" >&2
    echo "                [--werror] [--jobs N] [--stop-first] [--quick] [--only \"TEST...\"] [--test NAME]" >&2
    exit 2
}

# ================================================================== helpers

# One line of text, printable ASCII only, at most 600 characters.
one_line() {
    LC_ALL=C tr '\n\t' '  ' | LC_ALL=C tr -c '[:print:]' '?' | cut -c1-600 | sed 's/  */ /g; s/ $//'
}

# first_line FILE: the first line of FILE, or nothing (a builtin read: no process).
# For the grader's own files only (a test never makes a file the grader reads).
first_line() {
    local line=""
    [ -f "$1" ] && IFS= read -r line <"$1"
    printf '%s' "$line"
}

# read_line VAR FILE: VAR=the first line of FILE, without a subshell (hot paths).
read_line() {
    local -n into=$1
    into=""
    [ -f "$2" ] && IFS= read -r into <"$2"
    return 0
}

# The tests: "name<TAB>points<TAB>description" from the MG_TEST lines, in file order.
read_tests() {
    local f
    for f in "$ROOT/tests/labs/$LAB"/*.c; do
        sed -n 's/^MG_TEST(\([A-Za-z0-9_]*\), *\([0-9][0-9]*\), *"\([^"]*\)")$/\1\t\2\t\3/p' "$f"
    done
}

# lab_setting KEY: the values of "KEY: ..." lines in tests/labs/LAB/grade.conf (the
# lab's opt-in settings, tools/grade/README.md), one a line.
lab_setting() {
    local conf="$ROOT/tests/labs/$LAB/grade.conf"
    [ -f "$conf" ] || return 0
    sed -n "s/^$1:[ \t]*//p" "$conf" | sed 's/[ \t]*#.*//; s/[ \t]*$//'
}

# Seconds left in the grading's budget (never below 0).
time_left() {
    local left=$((DEADLINE - EPOCHSECONDS))
    echo $((left > 0 ? left : 0))
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
        31) echo "made a system call a test may not make (the sandbox's filter stopped it)" ;;
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
            head -c $((1024 * 1024)) -- "$found" >"$OUT/src/$name"
            echo "$name: yours (${found#"$SRC"/})" >>"$OUT/sources.txt"
        else
            cp "$f" "$OUT/src/$name"
            echo "$name: not among your files, so the lab's copy was used" >>"$OUT/sources.txt"
        fi
    done
}

# compile LOG DIR CMD...: run a compiler command in DIR under the sandbox; 0 if it worked.
# Its wall clock is bounded by the grading's budget too. With COMPILE_VIEW set (the
# student's files), it runs inside bubblewrap when that works, seeing only the system's
# /usr (the compiler and its headers), the runtime's headers, the student's files and the
# folder it writes: the compiler cannot be made to read anything else (an #include or an
# .incbin of another file finds nothing).
compile() {
    local log=$1 dir=$2 wall=$BUILD_WALL left
    shift 2
    if [ -n "${COMPILE_VIEW:-}" ] && [ -n "$CONFINE" ]; then
        set -- bwrap --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 --symlink usr/bin /bin \
            --symlink usr/sbin /sbin --ro-bind-try /etc/alternatives /etc/alternatives --proc /proc --dev /dev \
            --tmpfs /tmp --ro-bind "$ROOT/lib/include" "$ROOT/lib/include" --ro-bind "$OUT/src" "$OUT/src" \
            --bind "$COMPILE_VIEW" "$COMPILE_VIEW" --chdir "$dir" --unshare-all --die-with-parent -- "$@"
    fi
    left=$(time_left)
    [ "$left" -lt "$wall" ] && wall=$left
    [ "$wall" -gt 0 ] || { echo "the grading's time ($GRADE_BUDGET s) ran out" >"$log.err"; return 1; }
    "$MG_SANDBOX" --dir "$dir" --out "$log" --err "$log.err" --status "$log.status" --wall "$wall" \
        --cpu "$wall" --fsize $((256 * 1024 * 1024)) --nproc 64 -- env LC_ALL=C "$@"
    grep -q '^exit 0 ' "$log.status"
}

# The runtime build and flags this lab is graded against ("runtime:" in grade.conf;
# the first of MG_RUNTIMES by default). Sets LAB_LIBS and LAB_CFLAGS.
choose_runtime() {
    local want entry name path=""
    want=$(lab_setting runtime | head -n 1)
    for entry in $MG_RUNTIMES; do
        name=${entry%%=*}
        if [ -z "$want" ] || [ "$want" = "$name" ]; then path=${entry#*=}; want=$name; break; fi
    done
    [ -n "$path" ] || { echo "grade: tests/labs/$LAB/grade.conf asks for runtime '$want'; there are: $MG_RUNTIMES" >&2; exit 2; }
    RUNTIME=$want
    LAB_LIBS="$path $MG_LIBS"
    LAB_CFLAGS=$MG_CFLAGS
    # Only the debug build has the debug object header (MO_DEBUG changes the layout).
    [ "$want" = debug ] || LAB_CFLAGS=$(printf '%s' "$LAB_CFLAGS" | sed 's/-DMO_DEBUG//g')
    STUDENT_CFLAGS=$MG_STUDENT_CFLAGS
    [ "$want" = debug ] || STUDENT_CFLAGS=$(printf '%s' "$STUDENT_CFLAGS" | sed 's/-DMO_DEBUG//g')
    # "cflags: FLAGS" lines: added to the student's files' compilation only (lab 07
    # compiles them with -fsanitize-coverage=trace-pc and counts the basic blocks run).
    local extra
    extra=$(lab_setting cflags | tr '\n' ' ')
    [[ $extra =~ ^[A-Za-z0-9=,_\ -]*$ ]] || { echo "grade: tests/labs/$LAB/grade.conf: cflags: '$extra'" >&2; exit 2; }
    STUDENT_CFLAGS="$STUDENT_CFLAGS $extra"
}

# A digest of everything the grader's objects are made from: flags, the runtime's and the
# lab's headers, the harness, the tests. The objects are kept under CACHE by it.
lab_key() {
    {
        printf '%s\n' "$MG_CC $LAB_CFLAGS $STUDENT_CFLAGS $LAB_LIBS"
        cat "$ROOT"/lib/include/*.h "$ROOT"/lib/include/*/*.h "$HERE"/harness.[ch] "$HERE"/inspect.sh \
            "$ROOT/labs/$LAB"/*.h "$ROOT/tests/labs/$LAB"/*.[ch] 2>/dev/null
    } | sha256sum | cut -c1-16
}

# grader_objects: the tests and the harness, compiled with the lab's own headers (never
# the student's: a student's header could redefine MG_TEST), once per lab and key, into
# $GOBJ. On failure $OUT/build-failure says why.
grader_objects() {
    GOBJ=$CACHE/$LAB-$(lab_key)
    [ -f "$GOBJ/ok" ] && return 0
    local tmp f ok=1 first
    mkdir -p "$CACHE" && tmp=$(mktemp -d "$CACHE/.new.XXXXXX") || return 1
    for f in "$ROOT/tests/labs/$LAB"/*.c "$HERE/harness.c"; do
        compile "$tmp/$(basename "$f").log" "$ROOT" $MG_CC $LAB_CFLAGS -I"$ROOT/lib/include" -I"$HERE" \
            -I"$ROOT/labs/$LAB" -DMG_LAB_NAME="\"$LAB\"" -c "$f" -o "$tmp/grader-$(basename "${f%.c}").o" &
    done
    wait
    for f in "$tmp"/*.log; do
        grep -q '^exit 0 ' "$f.status" && continue
        ok=0
        first=$(grep -m 1 -E 'error|fatal' "$f.err" | one_line)
        echo "the tests do not compile (a fault of the lab, not yours): $first" >"$OUT/build-failure"
        cat "$f.err" >>"$OUT/build.log"
    done
    if [ $ok -eq 1 ]; then
        touch "$tmp/ok"
        mv -T "$tmp" "$GOBJ" 2>/dev/null   # another grading may have made it meanwhile
    fi
    rm -rf "$tmp"
    [ -f "$GOBJ/ok" ]
}

# student_object FILE.c: compile one of the student's files (all of them at once, in
# the background), into $WORK/obj, through the cache (by a digest of the file, the
# staged headers and the flags: a sweep recompiles only the file it changed).
student_object() {
    local f=$1 base key obj="$WORK/obj" cached
    base=$(basename "${f%.c}")
    key=$(cat "$f" "$OUT/src"/*.h 2>/dev/null | { cat; printf '%s' "$STUDENT_CFLAGS"; } | sha256sum | cut -c1-24)
    cached="$GOBJ/student/$base-$key"
    if [ -f "$cached.o" ]; then
        cp "$cached.o" "$obj/$base.o" && cp "$cached.log.err" "$obj/$base.c.log.err" && return 0
    fi
    if COMPILE_VIEW=$obj compile "$obj/$base.c.log" "$OUT/src" $MG_CC $STUDENT_CFLAGS -I"$ROOT/lib/include" \
            -c "$base.c" -o "$obj/$base.o"; then
        mkdir -p "$GOBJ/student" && cp "$obj/$base.c.log.err" "$cached.$$.log.err" && cp "$obj/$base.o" "$cached.$$.o" &&
            mv "$cached.$$.log.err" "$cached.log.err" && mv "$cached.$$.o" "$cached.o"
        return 0
    fi
    local first
    first=$(grep -m 1 -iE 'error|fatal' "$obj/$base.c.log.err" | one_line)
    echo "does not compile: ${first:-$base.c failed to compile (see build.log)}" >"$obj/$base.failure"
    return 1
}

# Build $WORK/run-tests; on failure, $OUT/build-failure holds the one-line reason.
build_runner() {
    local obj="$WORK/obj" f
    mkdir -p "$obj"
    : >"$OUT/build.log"
    rm -f "$OUT/build-failure"
    grader_objects || return 1
    for f in "$OUT/src"/*.c; do
        [ -e "$f" ] && student_object "$f" &
    done
    wait
    cat "$obj"/*.log.err >>"$OUT/build.log" 2>/dev/null
    for f in "$obj"/*.failure; do
        [ -e "$f" ] && { cp "$f" "$OUT/build-failure"; return 1; }
    done
    # shellcheck disable=SC2086
    if ! compile "$obj/link.log" "$ROOT" $MG_CC -o "$WORK/run-tests" "$GOBJ"/grader-*.o "$obj"/*.o \
            -Wl,-u,MoTraceMalloc_Start $LAB_LIBS; then
        cat "$obj/link.log.err" >>"$OUT/build.log"
        first=$(grep -m 1 -E 'undefined reference|multiple definition|error' "$obj/link.log.err" |
                sed -E 's/.*(undefined reference to [^;]*|multiple definition of [^;]*).*/\1/; s/^.*: //' | one_line)
        echo "does not link: $first" >"$OUT/build-failure"
        return 1
    fi
    local refused
    # Written aside, then renamed: a grading beside this one reads it whole or not at all.
    [ -f "$GOBJ/defined.txt" ] ||
        { "$HERE/inspect.sh" --list-defined "$WORK/run-tests" -- "$GOBJ"/grader-*.o $LAB_LIBS >"$GOBJ/defined.txt.$$" &&
          mv "$GOBJ/defined.txt.$$" "$GOBJ/defined.txt"; }
    refused=$("$HERE/inspect.sh" --check "$GOBJ/defined.txt" "$obj"/*.o)
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
    mkdir -p "$d/box" && chmod 777 "$d/box"
    uid_option user 0
    "$MG_SANDBOX" --dir "$d/box" --out "$d/out" --err "$d/err" --status "$d/status" --wall 10 --cpu 5 \
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
# never share one). A claim is a directory under $UID_LOCKS (one place for every grading,
# whatever its TMPDIR) holding the claimant's pid, and the same under /tmp, where graders
# before this one claimed them; a claim whose process is gone is taken over. Sets MG_UIDS
# to the block's first id.
claim_uids() {
    MG_UIDS=""
    [ "$(id -u)" -eq 0 ] || return 0
    mkdir -p "$UID_LOCKS" 2>/dev/null && chmod 700 "$UID_LOCKS"
    local n
    for ((n = 0; n < 128; n++)); do
        claim_lock "$UID_LOCKS/$n" || continue
        if ! claim_lock "/tmp/mg-grade-uids.$n"; then
            rm -rf "$UID_LOCKS/$n"
            continue
        fi
        UID_LOCK="$UID_LOCKS/$n /tmp/mg-grade-uids.$n"
        MG_UIDS=$((UID_BASE + 8 * n))
        return 0
    done
    echo "grade: no free block of user ids; running the tests without a user of their own" >&2
}

claim_lock() {   # claim_lock DIR: 0 when this grading now holds DIR
    local lock=$1 owner
    if ! mkdir "$lock" 2>/dev/null; then
        # Taken. Stale (its pid file names a dead process)? Only one of several gradings
        # can rename it away; mkdir then decides who claims it.
        owner=$(cat "$lock/pid" 2>/dev/null) || return 1
        kill -0 "$owner" 2>/dev/null && return 1
        mv "$lock" "$lock.stale.$$" 2>/dev/null || return 1
        rm -rf "$lock.stale.$$"
        mkdir "$lock" 2>/dev/null || return 1
    fi
    echo $$ >"$lock/pid"
}

# ======================================================== one run of a test

# The kernel's confinement for a run of a test, by bubblewrap (when it works here: user
# namespaces): a read-only view of the machine, the runner, and the test's own box the
# only place it can write, a tmpfs of BOX_CAP (what it writes there is never read); private /tmp, /var/tmp and /dev/shm (whatever it leaves there
# vanishes with it); no network; a PID namespace of its own (kill(-1) reaches only its
# own processes). The grader's files (verdicts, outcomes, logs) are outside the box, so
# that no test can write them, with or without root.
confine_check() {
    CONFINE=""
    command -v bwrap >/dev/null || return 0
    local -a as=()
    [ -z "${MG_UIDS:-}" ] || as=(setpriv --reuid="$MG_UIDS" --regid="$MG_UIDS" --clear-groups)
    "${as[@]}" bwrap --ro-bind / / --unshare-all --die-with-parent -- true 2>/dev/null && CONFINE=1
    return 0
}

# The system-call filters of the passes (tools/grade/filter.c), as $WORK/filter/behaviour
# (also the leaks pass's) and $WORK/filter/memcheck; the harness applies the one MG_FILTER
# names before any test runs.
make_filters() {
    local tool=${MG_FILTER_TOOL:-${MG_SANDBOX%/*}/mg-filter}
    mkdir -p "$WORK/filter" && "$tool" behaviour "$WORK/filter/behaviour" && "$tool" memcheck "$WORK/filter/memcheck" ||
        { echo "grade: cannot make the tests' system-call filters with $tool (make grade-ready builds it)" >&2; exit 2; }
}

# confine BOX CMD...: set the array CONFINED to CMD, inside bubblewrap when it works here.
confine() {
    local box=$1
    shift
    CONFINED=("$@")
    [ -n "$CONFINE" ] || return 0
    CONFINED=(bwrap --ro-bind / / --dev /dev --proc /proc --size $TMP_CAP --tmpfs /tmp --size $TMP_CAP --tmpfs /var/tmp
        --size $TMP_CAP --tmpfs /dev/shm --ro-bind "$WORK/run-tests" "$WORK/run-tests"
        --ro-bind "$WORK/filter" "$WORK/filter" --size $BOX_CAP --tmpfs "$box"
        --unshare-all --die-with-parent --new-session --chdir "$box" -- "$@")
}

# run_pass TEST PASS: run one test in one pass. $WORK/t/TEST/PASS/ is the grader's
# (outcome, verdict, stdout, stderr: the test cannot write there); its box/ is the
# test's working folder, the only place it can write, and the grader reads nothing from
# it. The runner writes its verdict (and valgrind its log) through descriptors 3 and 4,
# the grader's files opened here: the test cannot reach them by name, and its system-call
# filter (MG_FILTER, tools/grade/filter.c) lets it open no existing file at all.
# Returns 0 when it passed.
run_pass() {
    local name=$1 pass=$2 d="$WORK/t/$1/$2" wall=$RUN_WALL cpu=$RUN_CPU as=$RUN_AS mem=$RUN_MEMORY fork=yes left
    local user
    uid_option user "${MG_SLOT:-0}"
    rm -rf "$d" && mkdir -p "$d" && mkdir -m 777 "$d/box"
    local -a cmd=("$WORK/run-tests") timeouts=()
    if [ "$pass" = memcheck ]; then
        wall=$VG_WALL cpu=$VG_WALL as=$VG_AS mem=$VG_AS fork=no
        # shellcheck disable=SC2206
        cmd=($MG_VALGRIND --num-callers=40 --log-fd=4 "$WORK/run-tests")
    elif [ -f "$WORK/timeouts" ] && mapfile -t timeouts <"$WORK/timeouts" && [ ${#timeouts[@]} -ge 3 ]; then
        wall=$RUN_WALL_AFTER_TIMEOUTS cpu=$RUN_CPU_AFTER_TIMEOUTS
    fi
    left=$((DEADLINE - EPOCHSECONDS))
    if [ "$left" -le 0 ]; then
        printf 'fail\tnot run: the submission used up the time for the whole grading (%s s)\n' "$GRADE_BUDGET" >"$d/verdict"
        return 1
    fi
    [ "$left" -lt "$wall" ] && wall=$left
    [ "$left" -lt "$cpu" ] && cpu=$left
    confine "$d/box" "${cmd[@]}"
    # shellcheck disable=SC2086  # LAB_ENV: NAME=VALUE words, checked in main
    env $LAB_ENV HOME="$d/box" MG_PASS="$pass" MG_RESULT_FD=3 MG_FILTER="$WORK/filter/${pass/leaks/behaviour}" \
        CK_RUN_CASE="$name" CK_FORK=$fork CK_DEFAULT_TIMEOUT=$((wall > 2 ? wall - 1 : wall)) CK_TIMEOUT_MULTIPLIER=1 \
        "$MG_SANDBOX" --dir "$d/box" --out "$d/stdout" --err "$d/stderr" --status "$d/outcome" \
        --wall "$wall" --cpu "$cpu" --fsize $FILE_CAP --as "$as" --memory "$mem" --nproc 8 "${user[@]}" --keep-fds 2 \
        -- "${CONFINED[@]}" 3>"$d/result" 4>"$d/valgrind.log"
    truncate -s '<4096' "$d/result"
    truncate -s '<1M' "$d/valgrind.log"
    judge "$d" "$pass" "$wall" "$cpu" >"$d/verdict"
    local verdict
    verdict=$(first_line "$d/verdict")
    [ "$verdict" = pass ] && return 0
    # A flood stays in the logs by its first 64 KiB.
    truncate -s '<65536' "$d/stdout" "$d/stderr" 2>/dev/null
    # Runs that cost their whole allowance (a timeout, a fork bomb): after three, the
    # others get less.
    [[ $verdict =~ ^fail$'\t'(did not finish|used more than .* CPU|started too many) ]] && echo "$name" >>"$WORK/timeouts"
    return 1
}

# judge DIR PASS WALL CPU: print "pass" or "fail<TAB>reason" for one run, from what the
# sandbox saw (outcome, output sizes) and the runner's verdict line; paths in the reason
# as the student knows them ("stack.c:12", "tests/labs/...").
judge() {
    local line
    judge_run "$@" | while IFS= read -r line; do
        line=${line//"$OUT/src/"/}
        printf '%s\n' "${line//"$ROOT/"/}"
    done
}

judge_run() {
    local d=$1 pass=$2 wall=$3 cpu=$4 cap=$OUT_CAP outcome result kind msg procs=0 fatal line
    outcome=$(first_line "$d/outcome")
    result=$(first_line "$d/result")
    kind=${result%%$'\t'*}
    [[ $outcome =~ procs=([0-9]+) ]] && procs=${BASH_REMATCH[1]}
    if [ "$kind" = pass ] && [[ $outcome == "exit 0 "* ]] && { [ "$pass" != memcheck ] || ! vg_has_errors "$d"; }; then
        echo pass
        { read -r _; while read -r line; do [[ $line == alive* || $line == figure* ]] && echo "$line"; done; } <"$d/result"
        return
    fi
    msg=$(printf '%s' "${result#*$'\t'}" | one_line)
    if [ "$pass" = memcheck ]; then
        judge_memcheck "$d" "$outcome" "$kind" "$msg"
        return
    fi
    fatal=$(awk -f "$HERE/awk/runtime-fatal.awk" "$d/stderr" | one_line)
    if [ -n "$fatal" ]; then
        printf 'fail\tthe runtime stopped the program: %s\n' "$fatal"
    elif [[ $outcome == nproc* ]] || [ "$procs" -gt 20 ]; then
        printf 'fail\tstarted too many processes (a fork bomb?) and was stopped\n'
    elif [ "$(stat -c %s "$d/stdout")" -ge "$cap" ] || [ "$(stat -c %s "$d/stderr")" -ge "$cap" ]; then
        printf 'fail\tprinted more than %s KiB of output (a print in a loop?) and was stopped\n' $((cap / 1024))
    elif [[ $outcome == memory* ]]; then
        printf 'fail\tused more than %s MiB of memory in all (its processes and files together) and was stopped\n' \
            $((RUN_MEMORY / 1024 / 1024))
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

vg_reason() {
    local files
    files=$(cd "$OUT/src" && ls -- *.c *.h 2>/dev/null | tr '\n' ' ')
    awk -v files="$files" -f "$HERE/awk/vg-reason.awk" "$1/valgrind.log" | one_line
}

judge_memcheck() {
    local d=$1 outcome=$2 kind=$3 msg=$4 vg
    vg=$(vg_reason "$d")
    if [[ $outcome == timeout* ]]; then
        printf 'fail\tunder valgrind, did not finish within %s s\n' "$VG_WALL"
    elif [[ $outcome == memory* ]]; then
        printf 'fail\tunder valgrind, used more than %s MiB of memory in all and was stopped\n' $((VG_AS / 1024 / 1024))
    elif [ -n "$vg" ]; then
        printf 'fail\tmemcheck: %s\n' "$vg"
    elif [ "$kind" = fail ] || [ "$kind" = error ]; then
        printf 'fail\tunder valgrind: %s\n' "$msg"
    else
        printf 'fail\tunder valgrind the test program ended (%s) without a result\n' "${outcome% procs=*}"
    fi
}

# ============================================================ the verdicts

# The verdict of one test from its passes: "status<TAB>got<TAB>stage<TAB>reason" (the
# reason last: it may be empty, and read splits on runs of tabs).
final_verdict() {
    local t="$WORK/t/$1" points=$2 v m
    if [ -f "$OUT/build-failure" ]; then
        read_line v "$OUT/build-failure"
        printf 'failed\t0\tbuild\t%s\n' "$v"
        return
    fi
    if [ ! -f "$t/behaviour/verdict" ]; then
        if [ -n "$ONLY" ] && [[ " $ONLY " != *" $1 "* ]]; then
            printf 'failed\t0\tnot run\tnot run: only some tests were graded (--only)\n'
        else
            printf 'failed\t0\tnot run\tnot run: grading stopped at the first failing test\n'
        fi
        return
    fi
    read_line v "$t/behaviour/verdict"
    if [[ $v != pass ]]; then
        read_line m "$t/memcheck/verdict"
        [[ $m == "fail"$'\t'"memcheck: "* ]] && v="$v; under valgrind: ${m#*memcheck: }"
        printf 'failed\t0\tbehaviour\t%s\n' "${v#*$'\t'}"
        return
    fi
    read_line v "$t/leaks/verdict"
    if [[ $v != pass ]]; then
        printf 'failed\t0\tleaks\t%s\n' "${v#*$'\t'}"
        return
    fi
    if [ -z "$MEMCHECK" ]; then
        score_figure "$1" "$points" 'behaviour, leaks (memcheck skipped: no valgrind)'
        return
    fi
    if [ ! -f "$t/memcheck/verdict" ]; then
        printf 'failed\t0\tnot run\tnot run under valgrind: grading stopped at the first failing test\n'
        return
    fi
    read_line v "$t/memcheck/verdict"
    if [[ $v != pass ]]; then
        printf 'failed\t0\tmemcheck\t%s\n' "${v#*$'\t'}"
        return
    fi
    score_figure "$1" "$points" 'behaviour, leaks, memcheck'
}

# score_figure TEST POINTS STAGES: a passed test's line, with its points scaled by its
# figure when grade.conf scores it by one ("figure: TEST FULL ZERO"; the reference is
# tests/labs/LAB/figures.tsv's): full points up to FULL times the reference, none from
# ZERO times, in proportion between, rounded down (integers only: the same figure
# always gets the same points).
score_figure() {
    local name=$1 points=$2 stages=$3 rule="" fig ref
    [ -n "$FIGURES" ] && rule=$(printf '%s\n' "$FIGURES" | awk -v t="$name" '$1 == t { print $2, $3 }')
    if [ -z "$rule" ]; then
        printf 'passed\t%s\t%s\t\n' "$points" "$stages"
        return
    fi
    fig=$(sed -n 's/^figure //p' "$WORK/t/$name/behaviour/verdict")
    ref=$(awk -F '\t' -v t="$name" '$1 == t { print $2 }' "$ROOT/tests/labs/$LAB/figures.tsv" 2>/dev/null)
    awk -v fig="$fig" -v ref="$ref" -v rule="$rule" -v points="$points" -v stages="$stages" 'BEGIN {
        split(rule, r, " ")
        if (fig == "") { printf "failed\t0\tfigure\tthe test reported no figure\n"; exit }
        if (ref == "") { printf "failed\t0\tfigure\tthe lab has no reference figure for this test (figures.tsv)\n"; exit }
        full = ref * r[1]; zero = ref * r[2]
        got = fig <= full ? points : fig >= zero ? 0 : int(points * (zero - fig) / (zero - full))
        printf "%s\t%d\t%s\tmeasured %d against a budget of %d (none from %d)\n", \
            (got > 0 ? "passed" : "failed"), got, stages ", figure", fig, full, zero
    }'
}

# Write $WORK/t/TEST/final once the test's verdict is known; with --stop-first, a
# failure stops the grading.
decide() {
    local name=$1 points n p
    while IFS=$'\t' read -r n p _; do [ "$n" = "$name" ] && points=$p; done <"$WORK/tests.tsv"
    final_verdict "$name" "$points" >"$WORK/t/$name/final.new" && mv "$WORK/t/$name/final.new" "$WORK/t/$name/final"
    [ -n "$STOP_FIRST" ] && [[ $(first_line "$WORK/t/$name/final") != passed* ]] && touch "$WORK/stop"
    return 0
}

# ============================================================== the passes

# Each pass is a list of jobs run $JOBS at a time by xargs. A job is this script again:
# xargs can only start programs, so it runs "grade.sh --worker PASS TEST", which skips
# main and calls worker() with what main exported (see the end of this file). The
# job's slot number (MG_SLOT) picks its user id when the tests have users of their own.
run_jobs() {   # run_jobs PASS < names
    if [ "$JOBS" -eq 1 ]; then   # one at a time: here, without a process a job
        local name
        while IFS= read -r name; do
            [ -e "$WORK/stop" ] && break
            MG_SLOT=0 worker "$1" "$name"
        done
        return 0
    fi
    xargs -r -P "$JOBS" -n 1 --process-slot-var=MG_SLOT "$0" --worker "$1"
}

worker() {   # worker PASS TEST
    local pass=$1 name=$2 t="$WORK/t/$2"
    [ -e "$WORK/stop" ] && return 0
    mkdir -p "$t"
    echo "$pass $name" >"$WORK/progress"
    case $pass in
        behaviour)
            if run_pass "$name" behaviour; then
                # No object left alive: the leaks pass holds on the behaviour run's count.
                if grep -qx 'alive 0' "$t/behaviour/verdict"; then
                    mkdir -p "$t/leaks" && echo pass >"$t/leaks/verdict"
                    [ -n "$MEMCHECK" ] || decide "$name"
                elif [ -n "$STOP_FIRST" ]; then
                    # Objects left alive: with --stop-first the leaks pass runs now, so
                    # that a leak stops the grading before the other tests' runs.
                    leaks_pass "$name"
                fi
            else
                # A crash: valgrind says where (not for make check, which needs no reason).
                if [ -z "$QUICK" ] && [ -n "$MEMCHECK" ] &&
                        grep -qE '^fail	(crashed|the test program crashed)' "$t/behaviour/verdict"; then
                    run_pass "$name" memcheck
                fi
                decide "$name"
            fi ;;
        leaks)
            leaks_pass "$name" ;;
        memcheck)
            run_pass "$name" memcheck
            decide "$name" ;;
        batch)   # $name: a file of test names, run together under valgrind
            run_batch "$name" ;;
    esac
}

# leaks_pass TEST: its leaks run; decided unless memcheck is still to come.
leaks_pass() {
    run_pass "$1" leaks
    { [ -n "$MEMCHECK" ] && [ "$(first_line "$WORK/t/$1/leaks/verdict")" = pass ]; } || decide "$1"
}

# run_batch LIST: the tests named in LIST in one valgrind process (MG_CASES: see
# harness.h); each the harness found clean passes memcheck; the others run alone.
run_batch() {
    local list=$1 d="$1.d" user names left wall=$VG_WALL
    uid_option user "${MG_SLOT:-0}"
    names=$(tr '\n' ' ' <"$list")
    mkdir -p "$d/box" && chmod 777 "$d/box"
    left=$(time_left)
    [ "$left" -lt "$wall" ] && wall=$left
    if [ "$wall" -gt 0 ]; then
        # shellcheck disable=SC2086
        confine "$d/box" ${MG_VALGRIND/--leak-check=full/--leak-check=no} --log-fd=4 "$WORK/run-tests"
        env $LAB_ENV HOME="$d/box" MG_PASS=memcheck MG_CASES="$names" MG_RESULT_FD=3 MG_FILTER="$WORK/filter/memcheck" CK_FORK=no \
            CK_DEFAULT_TIMEOUT=$((RUN_WALL * 3)) CK_TIMEOUT_MULTIPLIER=1 \
            "$MG_SANDBOX" --dir "$d/box" --out "$d/stdout" --err "$d/stderr" --status "$d/outcome" \
            --wall "$wall" --cpu "$wall" --fsize $FILE_CAP --as $VG_AS --memory $VG_AS --nproc 8 "${user[@]}" --keep-fds 2 \
            -- "${CONFINED[@]}" 3>"$d/result" 4>"$d/valgrind.log"
        truncate -s '<64K' "$d/result"
    fi
    local name
    while read -r name; do
        if grep -qx "$name	pass" "$d/result" 2>/dev/null; then
            mkdir -p "$WORK/t/$name/memcheck" && echo pass >"$WORK/t/$name/memcheck/verdict"
            decide "$name"
        else
            echo "$name" >>"$WORK/memcheck-alone"
        fi
    done <"$list"
}

# The three passes over the selected tests ($WORK/selected, in order). Runs in the
# background while main prints the table.
run_passes() {
    local name
    if [ -n "$TEST_MODE" ]; then   # one test: every pass, for everything it prints
        name=$(cat "$WORK/selected")
        mkdir -p "$WORK/t/$name"
        run_pass "$name" behaviour
        run_pass "$name" leaks
        [ -z "$MEMCHECK" ] || run_pass "$name" memcheck
        decide "$name"
        return
    fi
    run_jobs behaviour <"$WORK/selected"
    passed_behaviour | while read -r name; do
        [ -f "$WORK/t/$name/leaks/verdict" ] || echo "$name"
    done | run_jobs leaks
    [ -n "$MEMCHECK" ] && [ ! -e "$WORK/stop" ] || return 0
    # memcheck: the clean ones in $JOBS batches, dealt round-robin; then each test the
    # batches did not find clean, alone.
    : >"$WORK/memcheck-alone"
    passed_leaks >"$WORK/clean"
    awk -v jobs="$JOBS" -v w="$WORK" -v total="$(wc -l <"$WORK/clean")" '
        BEGIN { n = int((total + 7) / 8); if (n > jobs) n = jobs }   # a valgrind start per 8 tests at most
        { print > (w "/batch." (NR - 1) % n) }' "$WORK/clean"
    find "$WORK" -maxdepth 1 -type f -name 'batch.*' | sort | run_jobs batch
    [ -e "$WORK/stop" ] || run_jobs memcheck <"$WORK/memcheck-alone"
}

passed_behaviour() {   # the selected tests that passed the behaviour pass
    local name
    while read -r name; do
        [ "$(first_line "$WORK/t/$name/behaviour/verdict")" = pass ] && echo "$name"
    done <"$WORK/selected"
}

passed_leaks() {
    local name
    passed_behaviour | while read -r name; do
        [ "$(first_line "$WORK/t/$name/leaks/verdict")" = pass ] && echo "$name"
    done
}

# ============================================================== the reports

# The table, a row per test in the tests' order, each printed (and kept in table.txt) as
# soon as its verdict is known, while the passes run; on a terminal, a progress line
# says which test is running in which pass.
print_table() {
    local passes_pid=$1 name points desc status stage reason got w n=0 total shown doing="" NAP result
    exec {NAP}<> <(:)
    total=$(wc -l <"$WORK/tests.tsv")
    w=$(cut -f 1 "$WORK/tests.tsv" | awk -v w=5 '{ if (length($0) > w) w = length($0) } END { print w }')
    : >"$OUT/table.txt"
    table_row "$w" test points result reason
    while IFS=$'\t' read -r name points desc; do
        while [ ! -f "$WORK/t/$name/final" ] && [ -n "$passes_pid" ] && kill -0 "$passes_pid" 2>/dev/null; do
            [ -n "$TTY" ] && IFS= read -r doing <"$WORK/progress" && printf '\r\033[K[%d/%d] %s' "$n" "$total" "$doing"
            read -r -t 0.1 -u "$NAP" _   # a sleep without a process: nothing ever arrives
        done
        if [ -f "$WORK/t/$name/final" ]; then
            IFS=$'\t' read -r status got stage reason <"$WORK/t/$name/final"
        else
            IFS=$'\t' read -r status got stage reason < <(final_verdict "$name" "$points")
        fi
        n=$((n + 1))
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$got" "$points" "$status" "$stage" "$reason" "$desc" \
            >>"$OUT/summary.tsv"
        shown=$reason
        [ "$status" = passed ] && [[ $stage != *figure ]] && shown=""
        [ -n "$TTY" ] && printf '\r\033[K'
        if [ "$status" = passed ]; then result=ok; else result=FAIL; fi
        table_row "$w" "$name" "$got/$points" "$result" "$shown"
    done <"$WORK/tests.tsv"
    SCORE=$(awk -F '\t' '{ s += $2 } END { print s + 0 }' "$OUT/summary.tsv")
    MAX=$(awk -F '\t' '{ s += $3 } END { print s + 0 }' "$OUT/summary.tsv")
    printf "%-*s  %6s\n" "$w" total "$SCORE/$MAX" | tee -a "$OUT/table.txt"
}

table_row() {   # table_row WIDTH NAME POINTS RESULT REASON: on the terminal and in table.txt
    local row
    printf -v row "%-*s  %6s  %-6s  %s" "$@"
    row=${row%"${row##*[! ]}"}
    printf '%s\n' "$row"
    printf '%s\n' "$row" >>"$OUT/table.txt"
}

# results.json (jq: valid JSON whatever bytes a reason holds), results.tap, results.xml.
write_reports() {
    local elapsed=$(($(date +%s) - START)) header
    header="Lab $LAB: $SCORE/$MAX."$'\n'"Files graded:"$'\n'"$(head -c 2000 "$OUT/sources.txt")"
    jq -R -s --arg score "$SCORE" --arg elapsed "$elapsed" --arg header "$header" \
        -f "$HERE/results.jq" "$OUT/summary.tsv" >"$OUT/results.json.new" &&
        mv "$OUT/results.json.new" "$OUT/results.json"
    LC_ALL=C awk -F '\t' -v lab="$LAB" -f "$HERE/awk/tap.awk" "$OUT/summary.tsv" >"$OUT/results.tap"
    LC_ALL=C awk -F '\t' -v lab="$LAB" -v when="$(date '+%Y-%m-%d %H:%M:%S')" -v elapsed="$elapsed" \
        -f "$HERE/awk/xml.awk" "$OUT/summary.tsv" >"$OUT/results.xml"
    copy_logs
}

# Keep each run's files under $OUT/tests/TEST/PASS: the grader's (the test's own box is
# left out: what it holds was read, bounded, into the grader's files).
copy_logs() {
    rm -rf "$OUT/tests" && mkdir -p "$OUT/tests"
    [ -d "$WORK/t" ] || return 0
    tar -C "$WORK/t" --exclude='./*/*/box' --exclude='*.new' -cf - . 2>/dev/null | tar -C "$OUT/tests" -xf -
    return 0
}

# --test NAME: everything the test printed, pass by pass.
show_test() {
    local name=$1 p f
    for p in behaviour leaks memcheck; do
        [ -d "$WORK/t/$name/$p" ] || continue
        echo
        echo "=== $p pass: $(first_line "$WORK/t/$name/$p/verdict" | tr '\t' ' ')"
        for f in stdout stderr valgrind.log; do
            [ -s "$WORK/t/$name/$p/$f" ] || continue
            echo "--- $f"
            head -c 65536 "$WORK/t/$name/$p/$f" | LC_ALL=C tr -d '\000-\010\013-\037'
        done
    done
}

record_history() {
    [ -n "$HISTORY" ] && [ -z "$ONLY" ] || return 0
    mkdir -p "$(dirname "$HISTORY")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$LAB" "$SCORE" "$MAX" "$SRC" >>"$HISTORY"
}

# =================================================================== main

parse_args() {
    LAB="" SRC="" OUT="" HISTORY="" WERROR="" JOBS="" STOP_FIRST="" ONLY="" QUICK="" TEST_MODE="" CACHE="" RUNNER=""
    MUTANTS=""
    while [ $# -gt 0 ]; do
        case $1 in
            --lab) LAB=$2; shift 2 ;;
            --src) SRC=$2; shift 2 ;;
            --out) OUT=$2; shift 2 ;;
            --history) HISTORY=$2; shift 2 ;;
            --cache) CACHE=$2; shift 2 ;;
            --werror) WERROR=1; shift ;;
            --jobs) JOBS=$2; shift 2 ;;
            --stop-first) STOP_FIRST=1 QUICK=1; shift ;;
            --quick) QUICK=1; shift ;;
            --only) ONLY=$2; shift 2 ;;
            --test) TEST_MODE=1 ONLY=$2; shift 2 ;;
            --runner) RUNNER=$2; shift 2 ;;
            --mutants) MUTANTS=$2; shift 2 ;;
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
    [ -n "$WERROR" ] && MG_STUDENT_CFLAGS="$MG_STUDENT_CFLAGS -Werror"
    : "${MG_CC:?} ${MG_CFLAGS:?} ${MG_RUNTIMES:?} ${MG_VALGRIND:?} ${MG_SANDBOX:?}"
    MEMCHECK=1
    if ! command -v "${MG_VALGRIND%% *}" >/dev/null; then
        echo "grade: ${MG_VALGRIND%% *} is not installed: the memcheck pass is skipped (make deps installs it)" >&2
        MEMCHECK=""
    fi
}

# make check's sweeps: --runner RUN --mutants FILE grades, one after another, each mutant
# of a schema runner (FILE: a line "ID<TAB>TESTS" per mutant; no TESTS: all), as a
# grading with --stop-first --only TESTS and MG_MUTANT=ID would, into OUT/ID/ (summary.tsv,
# table.txt, elapsed). The grading's set-up (users, confinement, filters, the test list)
# is paid once for all of them; each mutant has the whole time budget of a grading.
grade_mutants() {
    local id tests top=$OUT start
    STOP_FIRST=1 QUICK=1 TTY=""
    while IFS=$'\t' read -r id tests; do
        [[ $id =~ ^[0-9]+$ ]] || { echo "grade: --mutants: '$id' is not a mutant number" >&2; exit 2; }
        start=$(date +%s)
        DEADLINE=$((start + GRADE_BUDGET))
        ONLY=$tests OUT="$top/$id" MG_MUTANT=$id
        export DEADLINE ONLY OUT MG_MUTANT
        # What the passes leave in $WORK goes: each mutant starts as a grading would.
        rm -rf "$WORK/t" "$WORK/stop" "$WORK/timeouts" "$WORK/clean" "$WORK/memcheck-alone" "$WORK"/batch.* "$OUT" &&
            mkdir -p "$OUT" || exit 2
        select_tests
        : >"$OUT/summary.tsv"
        run_passes
        print_table "" >/dev/null
        echo $(($(date +%s) - start)) >"$OUT/elapsed"
    done <"$MUTANTS"
}

# The tests to grade, in order: --only's (the ones that exist), else all.
select_tests() {
    local name
    if [ -n "$ONLY" ]; then
        for name in $ONLY; do
            grep -q "^$name	" "$WORK/tests.tsv" && echo "$name"
        done
    else
        cut -f 1 "$WORK/tests.tsv"
    fi >"$WORK/selected"
    if [ -n "$TEST_MODE" ] && [ ! -s "$WORK/selected" ]; then
        echo "grade: no test named '$ONLY' in tests/labs/$LAB" >&2
        exit 2
    fi
}

main() {
    parse_args "$@"
    START=$(date +%s)
    DEADLINE=$((START + GRADE_BUDGET))
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/mg-grade.XXXXXX") || exit 2
    chmod 755 "$WORK"
    CACHE=${CACHE:-${MG_CACHE:-$WORK/cache}}
    UID_LOCK=""
    # shellcheck disable=SC2086  # UID_LOCK: the two claim folders
    trap 'rm -rf "$WORK" $UID_LOCK' EXIT
    claim_uids
    confine_check
    make_filters
    trap 'exit 130' INT TERM

    read_tests >"$WORK/tests.tsv"
    if [ ! -s "$WORK/tests.tsv" ]; then
        echo "grade: no MG_TEST lines in tests/labs/$LAB" >&2
        exit 2
    fi
    select_tests
    choose_runtime
    FIGURES=$(lab_setting figure)
    # "env: NAME=VALUE" lines: the runtime's settings for this lab's tests (for example
    # MOMALLOC=pymalloc: the allocator as a release build has it, on the debug runtime).
    LAB_ENV=$(lab_setting env | tr '\n' ' ')
    local word
    for word in $LAB_ENV; do
        [[ $word =~ ^[A-Z][A-Z0-9_]*=[A-Za-z0-9_.,:/-]*$ ]] ||
            { echo "grade: tests/labs/$LAB/grade.conf: env: '$word' is not NAME=VALUE" >&2; exit 2; }
    done
    export ROOT HERE LAB SRC OUT WORK CACHE MG_UIDS MG_CC MG_VALGRIND MG_SANDBOX RUN_WALL RUN_CPU VG_WALL
    export DEADLINE GRADE_BUDGET STOP_FIRST QUICK MEMCHECK ONLY JOBS FIGURES CONFINE LAB_ENV
    echo "grading $LAB: $(wc -l <"$WORK/tests.tsv") tests, files from $SRC"
    stage_sources
    : >"$OUT/summary.tsv"
    rm -f "$OUT/table-mismatch"
    local passes=""
    if [ -n "$RUNNER" ]; then   # make check's sweeps: one runner built for many mutants
        cp "$RUNNER" "$WORK/run-tests" && chmod 755 "$WORK/run-tests"
    fi
    if [ -n "$MUTANTS" ]; then
        grade_mutants
        return
    fi
    if [ -n "$RUNNER" ] || build_runner; then
        [ -z "$WERROR" ] || check_table || touch "$OUT/table-mismatch"
        run_passes &
        passes=$!
    else
        echo "grade: $(first_line "$OUT/build-failure") (see $OUT/build.log)"
    fi
    TTY=""
    [ -t 1 ] && TTY=1
    print_table "$passes"
    [ -z "$passes" ] || wait "$passes"
    write_reports
    record_history
    [ -z "$TEST_MODE" ] || show_test "$ONLY"
    echo "results: $OUT/results.json ($(($(date +%s) - START)) s)"
    [ ! -f "$OUT/table-mismatch" ] || exit 3
}

# A job that xargs started (run_jobs): the same script, re-entered to run one job of a
# pass. main has exported what the job needs; nothing of main runs here.
if [ "${1:-}" = "--worker" ]; then
    worker "$2" "$3"
    exit 0
fi
main "$@"
