#!/usr/bin/env bash
# The graders' own checks, for make check (tools/grade.mk calls one per stamp).
#
#   check.sh solution LAB OUT          the solution scores full marks
#   check.sh skeleton LAB OUT          the skeleton compiles (with -Werror) and scores below full
#                                      (and what its README says it scores)
#   check.sh readme LAB                the README's point table is the tests'
#   check.sh mutant LAB MUTANT OUT     the mutant fails every test it names, below full, in < 2 min
#                                      (only those tests are graded, unless it says "graded: all");
#                                      one that says "refused: TEXT" must be turned away by the
#                                      integrity check (tools/grade/inspect.sh) with TEXT, scoring 0
#   check.sh coverage LAB OUT          OUT.tsv: which tests reach each function of the solution
#                                      (gcov), for the sweeps
#   check.sh sweep LAB KIND OUT [COVERAGE]
#                                      every mutant of KIND made from the solution scores below
#                                      full, in < 2 min. KIND: decref (each Mo_DECREF, Mo_XDECREF
#                                      or Mo_CLEAR removed; every other DECREF doubled), incref (each
#                                      Mo_INCREF or Mo_NewRef removed), abort (abort() at the top
#                                      of every other function), loop (an endless loop at the
#                                      top of the others: each function has one of the two). With
#                                      COVERAGE, each mutant is graded only on the tests that
#                                      reach the function it changed (a mutant elsewhere cannot
#                                      change what they see), stopping at the first failure
#   check.sh dist TARBALL OUT          the student tarball, unpacked elsewhere, runs make and
#                                      grades every lab
#   check.sh autograder ZIP LAB OUT    the Gradescope bundle, unpacked as Gradescope does, sets up
#                                      and grades the solution (full marks) and the skeleton
#   check.sh bundle ZIP LAB            the Gradescope bundle holds the student's files of the
#                                      project (dist.sh files), setup.sh, and a run_autograder
#                                      for LAB: nothing more, nothing less. The bundles of all
#                                      labs differ only there, so one lab's is run end to end
#                                      (autograder) and every lab's is checked this way
#
# Each writes only under OUT. The environment carries grade.sh's (MG_*); jq validates every
# results.json. Exit 0 when the check holds.
set -u
# A make run from here must not inherit this one's command line (B=..., -j...).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES B
LIMIT=120   # seconds: the longest a grading may take, whatever the code does

fail() {
    echo "check: $*" >&2
    exit 1
}

# grade LAB SRC OUT [grade.sh options]: grade quietly into OUT; its output in OUT.log.
# One test at a time (--jobs 1: in grade.sh's own process, without a process a test): make
# check runs its checks side by side on every core already.
grade() {
    local lab=$1 src=$2 out=$3
    shift 3
    mkdir -p "$out"
    local start=$SECONDS
    tools/grade/grade.sh --lab "$lab" --src "$src" --out "$out" --jobs 1 "$@" >"$out.log" 2>&1
    local status=$?
    ELAPSED=$((SECONDS - start))
    [ $status -eq 0 ] || { cat "$out.log" >&2; fail "grade.sh failed (status $status) on $src"; }
}

below_full() {
    awk -v s="$SCORE" -v m="$MAX" 'BEGIN { exit !(s < m) }'
}

# Validate OUT/results.json (JSON, with a score and a test list whose scores add up to
# it); set SCORE and MAX from it.
read_results() {
    local out=$1 line
    line=$(jq -e -r '(.tests | map(.score) | add // 0) as $sum
        | if (.score | type) == "number" and $sum == .score then "\(.score) \(.tests | map(.max_score) | add // 0)"
          else error("inconsistent") end' "$out/results.json" 2>/dev/null) ||
        fail "$out/results.json is not a valid results file"
    SCORE=${line% *} MAX=${line#* }
}

check_solution() {
    local lab=$1 out=$2
    grade "$lab" "solutions/$lab" "$out" --werror
    read_results "$out"
    [ "$SCORE" = "$MAX" ] || { cat "$out/table.txt" >&2; fail "solutions/$lab scores $SCORE/$MAX, not full marks"; }
    check_figures "$lab" "$out"
    echo "grade: solutions/$lab scores $SCORE/$MAX (${ELAPSED} s)"
}

# A lab scored by measured figures: the reference in tests/labs/LAB/figures.tsv is what
# the solution measures now (figures are deterministic; a change in the runtime or the
# solution shows here, with the line to commit).
check_figures() {
    local lab=$1 out=$2 test got want
    [ -f "tests/labs/$lab/grade.conf" ] || return 0
    for test in $(sed -n 's/^figure:[ \t]*\([A-Za-z0-9_]*\).*/\1/p' "tests/labs/$lab/grade.conf"); do
        got=$(sed -n 's/^figure //p' "$out/tests/$test/behaviour/verdict" 2>/dev/null)
        want=$(awk -F '\t' -v t="$test" '$1 == t { print $2 }' "tests/labs/$lab/figures.tsv" 2>/dev/null)
        [ -n "$got" ] && [ "$got" = "$want" ] ||
            fail "the solution's figure for $test is ${got:-none}; tests/labs/$lab/figures.tsv says ${want:-nothing} (the line: $test<TAB>$got)"
    done
}

check_skeleton() {
    local lab=$1 out=$2 said
    grade "$lab" "labs/$lab" "$out" --werror --quick   # the score is the same without valgrind's look at a crash
    [ ! -f "$out/build-failure" ] || fail "labs/$lab does not compile cleanly: $(cat "$out/build-failure")"
    read_results "$out"
    below_full || fail "the skeleton labs/$lab scores full marks ($SCORE/$MAX)"
    said=$(sed -n 's/^The skeleton as handed out scores \([0-9]*\).*/\1/p' "labs/$lab/README.md")
    [ -z "$said" ] || [ "$said" = "$SCORE" ] ||
        fail "labs/$lab/README.md says the skeleton scores $said; it scores $SCORE"
    echo "grade: the skeleton labs/$lab compiles and scores $SCORE/$MAX"
}

# The assignment's point table lists every test with its points, and the right total.
check_readme() {
    local lab=$1 readme="labs/$1/README.md" total said
    diff <(cat "tests/labs/$lab"/*.c | sed -n 's/^MG_TEST(\([A-Za-z0-9_]*\), *\([0-9]*\), .*/\1 \2/p' | sort) \
         <(sed -n 's/^| `\([A-Za-z0-9_]*\)` | \([0-9]*\) |.*/\1 \2/p' "$readme" | sort) >&2 ||
        fail "the point table of $readme differs from the MG_TEST lines of tests/labs/$lab (< tests, > README)"
    total=$(cat "tests/labs/$lab"/*.c | sed -n 's/^MG_TEST([A-Za-z0-9_]*, *\([0-9]*\), .*/\1/p' | awk '{ s += $1 } END { print s }')
    said=$(sed -n 's/^| \*\*total\*\* | \*\*\([0-9]*\)\*\* |.*/\1/p' "$readme")
    [ "$said" = "$total" ] || fail "$readme gives a total of '$said' points; the tests add up to $total"
    echo "grade: the point table of $readme matches the tests ($total points)"
}

check_mutant() {
    local lab=$1 mutant=$2 out=$3 name must missed=""
    name=$(basename "$mutant" .mutant)
    tools/grade/mutate.sh "solutions/$lab" "$mutant" "$out.src" || fail "cannot apply $mutant"
    must=$(tools/grade/mutate.sh --must-fail "$mutant" | tr '\n' ' ')
    # Only the tests it names (each must fail), without valgrind's look at a crash.
    if grep -q '^graded: *all' "$mutant"; then
        grade "$lab" "$out.src" "$out" --quick
    else
        grade "$lab" "$out.src" "$out" --only "$must" --quick
    fi
    local refused
    refused=$(sed -n 's/^refused: *//p' "$mutant")
    if [ -n "$refused" ]; then           # the integrity check must turn it away
        grep -qF "refused: $refused" "$out/build-failure" 2>/dev/null ||
            fail "mutant $name was not refused with \"$refused\": $(cat "$out/build-failure" 2>/dev/null || echo it built)"
        read_results "$out"
        [ "$SCORE" = 0 ] || fail "mutant $name was refused but scores $SCORE"
        echo "grade: mutant $name refused ($(cat "$out/build-failure" | cut -c1-100))"
        return
    fi
    [ ! -f "$out/build-failure" ] || fail "mutant $name does not build: $(cat "$out/build-failure")"
    read_results "$out"
    for t in $must; do
        grep -q "^$t	" "$out/summary.tsv" || fail "mutant $name names a test that does not exist: $t"
        grep -q "^$t	[0-9]*	[0-9]*	failed	" "$out/summary.tsv" || missed="$missed $t"
    done
    [ -z "$missed" ] || { cat "$out/table.txt" >&2; fail "the grader missed mutant $name ($(head -n 1 "$mutant" | sed 's/^# //')): passed$missed"; }
    below_full || fail "mutant $name scores full marks"
    [ "$ELAPSED" -lt $LIMIT ] || fail "grading mutant $name took ${ELAPSED} s (the limit is $LIMIT s)"
    local why
    why=$(grep -m 1 "^${must%% *}	" "$out/summary.tsv" | cut -f 1,6 | sed 's/	/: /' | cut -c1-110)
    echo "grade: mutant $name caught in ${ELAPSED} s ($why)"
}

# ------------------------------------------------------------------- the sweep

# The coverage map: for each function of the solution, the tests that run it. The
# solution is built with gcov's counters, each test runs alone (no fork, so that the
# counters are written when it ends), and gcov's JSON says which functions ran.
# OUT.tsv: "file<TAB>function<TAB>first line<TAB>last line<TAB>tests".
check_coverage() {
    local lab=$1 out=$2 f t obj
    rm -rf "$out" && mkdir -p "$out/obj" || exit 1
    out=$(cd "$out" && pwd) obj=$(cd "$out/obj" && pwd)
    for f in "solutions/$lab"/*.c; do
        # shellcheck disable=SC2086
        $MG_CC $MG_STUDENT_CFLAGS --coverage -Ilib/include -I"solutions/$lab" -c "$f" -o "$obj/$(basename "${f%.c}").o" ||
            fail "coverage: $f does not compile"
    done
    for f in "tests/labs/$lab"/*.c tools/grade/harness.c; do
        # shellcheck disable=SC2086
        $MG_CC $MG_CFLAGS -Ilib/include -Itools/grade -I"labs/$lab" -DMG_LAB_NAME="\"$lab\"" \
            -c "$f" -o "$obj/grader-$(basename "${f%.c}").o" || fail "coverage: $f does not compile"
    done
    local runtime=${MG_RUNTIMES%% *}   # the default build: the first
    # shellcheck disable=SC2086
    $MG_CC --coverage -o "$out/run-tests" "$obj"/*.o "${runtime#*=}" $MG_LIBS || fail "coverage: the runner does not link"
    local strip
    strip=$(printf '%s' "$obj" | tr -cd / | wc -c)
    : >"$out.raw"
    for t in $("$out/run-tests" --list | cut -f 1); do
        mkdir -p "$out/t/$t"
        (cd "$out/t/$t" && GCOV_PREFIX="$PWD" GCOV_PREFIX_STRIP=$strip MG_PASS=behaviour CK_FORK=no \
            CK_RUN_CASE=$t timeout 60 "$out/run-tests" >/dev/null 2>&1)
        cp "$obj"/*.gcno "$out/t/$t/" 2>/dev/null
        for f in "solutions/$lab"/*.c; do
            [ -f "$out/t/$t/$(basename "${f%.c}").gcda" ] || continue
            (cd "$out/t/$t" && gcov -j -t "$(basename "${f%.c}").gcda" 2>/dev/null) |
                jq -r --arg t "$t" '.files[] | .file as $f | .functions[] | select(.execution_count > 0)
                    | [($f | split("/") | last), .name, .start_line, .end_line, $t] | @tsv' >>"$out.raw"
        done
    done
    awk -F '\t' '{ k = $1 "\t" $2 "\t" $3 "\t" $4; tests[k] = tests[k] (k in tests ? " " : "") $5 }
        END { for (k in tests) print k "\t" tests[k] }' "$out.raw" | sort >"$out.tsv"
    [ -s "$out.tsv" ] || fail "coverage: no function of solutions/$lab ran (gcov)"
    echo "grade: coverage of solutions/$lab: $(wc -l <"$out.tsv") functions, each with the tests that reach it"
}

# tests_reaching COVERAGE FILE LINE: the tests that run the function holding LINE of
# FILE, in the tests' order; nothing when the map does not know it (then all are graded).
tests_reaching() {
    [ -n "$1" ] && [ -f "$1" ] || return 0
    local reach
    reach=$(awk -F '\t' -v f="$2" -v l="$3" '$1 == f && $3 <= l && l <= $4 { print $5 }' "$1" | tr ' ' '\n')
    [ -n "$reach" ] || return 0
    cat "tests/labs/$LAB_OF_SWEEP"/*.c | sed -n 's/^MG_TEST(\([A-Za-z0-9_]*\),.*/\1/p' | grep -Fx -f <(printf '%s\n' "$reach") |
        tr '\n' ' '
}

check_sweep() {
    local lab=$1 kind=$2 out=$3 coverage=${4:-} variant variants total=0
    LAB_OF_SWEEP=$lab
    # A solution test takes milliseconds: an endless loop is known in a second of CPU.
    export MG_RUN_CPU=1 MG_RUN_WALL=4
    case $kind in
        decref) variants="remove double" ;;
        incref) variants="remove" ;;
        *) variants="insert" ;;
    esac
    mkdir -p "$out"
    : >"$out/sweep.txt"
    for variant in $variants; do
        sweep_by_schema "$lab" "$kind" "$out" "$coverage" "$variant"
        total=$((total + SWEPT))
    done
    echo "grade: sweep $kind on solutions/$lab: all $total mutants caught (slowest ${SLOWEST} s; one build per variant)"
}

# sweep_by_schema LAB KIND OUT COVERAGE VARIANT: one build for every mutant of a sweep.
# Each site gets its mutation behind a switch (tools/grade/awk/schema.awk for the tops of
# functions, schema-calls.awk for the reference calls); the runner is built by a grading
# like any other, and one more grading grades every mutant N on it, by the same passes,
# with MG_MUTANT=N, on the tests that reach its function (grade.sh --mutants), so that
# the grading's set-up is paid once a sweep rather than once a mutant. Sets SWEPT and
# SLOWEST.
sweep_by_schema() {
    local lab=$1 kind=$2 out=$3 coverage=$4 variant=$5 f id name file line fn only n=0 worst=0 program=schema.awk
    local elapsed
    case $kind in decref|incref) program=schema-calls.awk ;; esac
    # The tops of functions: abort() in the odd-numbered functions, an endless loop in the
    # even-numbered ones (both sweeps number them alike), so that each function has one of
    # the two, and each kind is proven in half of them: a function no failing test reaches
    # goes unnoticed either way. Both in every function cost twice the time for no more.
    # Likewise a DECREF is removed at every site (the leaks pass must see each release
    # go missing) and doubled at every other one (the runtime's own refcount checks
    # catch a double release wherever it happens).
    local half=""
    case $kind-$variant in abort-*) half=1 ;; loop-*) half=0 ;; decref-double) half=0 ;; esac
    rm -rf "$out/schema.src" && cp -r "solutions/$lab" "$out/schema.src" && : >"$out/sites.tsv"
    for f in "solutions/$lab"/*.c; do
        awk -v kind="$kind" -v variant="$variant" -v first=$(($(wc -l <"$out/sites.tsv") + 1)) \
            -v file="$(basename "$f")" -v sites="$out/sites.tsv" -f "tools/grade/awk/$program" "$f" \
            >"$out/schema.src/$(basename "$f")"
    done
    grade "$lab" "$out/schema.src" "$out/schema" --quick --only -   # builds the runner, runs nothing
    [ -x "$out/schema/run-tests" ] || fail "sweep $kind: the schema does not build ($(cat "$out/schema/build-failure" 2>/dev/null))"
    if [ -n "$half" ]; then
        awk -F '\t' -v half="$half" '$1 % 2 == half' "$out/sites.tsv" >"$out/sites.half" &&
            mv "$out/sites.half" "$out/sites.tsv"
    fi
    while IFS=$'\t' read -r id file line fn; do
        printf '%s\t%s\n' "$id" "$(tests_reaching "$coverage" "$file" "$line")"
    done <"$out/sites.tsv" >"$out/mutants.tsv"
    grade "$lab" "$out/schema.src" "$out/$variant" --runner "$out/schema/run-tests" --mutants "$out/mutants.tsv"
    while IFS=$'\t' read -r id file line fn; do
        name="${file%.c}-$kind-$variant-$id"
        only=$(awk -F '\t' -v id="$id" '$1 == id { print $2 }' "$out/mutants.tsv")
        [ -f "$out/$variant/$id/summary.tsv" ] || fail "sweep: mutant $name was not graded (see $out/$variant.log)"
        read -r elapsed <"$out/$variant/$id/elapsed"
        printf '%-34s %3s s  %-70s %s\n' "$name" "$elapsed" "$(echo "$fn" | cut -c1-70)" \
            "${only:-(all tests)}" >>"$out/sweep.txt"
        awk -F '\t' '$4 == "failed" && $5 != "not run" { found = 1 } END { exit !found }' "$out/$variant/$id/summary.tsv" ||
            fail "sweep: the grader gives full marks to solutions/$lab/$file:$line with $kind $variant at \"$fn\" (tests: ${only:-all})"
        [ "$elapsed" -lt $LIMIT ] || fail "sweep: grading $name took ${elapsed} s (limit $LIMIT s)"
        [ "$elapsed" -gt "$worst" ] && worst=$elapsed
        n=$((n + 1))
    done <"$out/sites.tsv"
    [ $n -gt 0 ] || [ -n "$half" ] || fail "sweep $kind ($variant) found no site in solutions/$lab"
    SWEPT=$n SLOWEST=$worst
}

# -------------------------------------------------------------- dist, autograder

check_dist() {
    local tarball=$1 out=$2 lab dir
    rm -rf "$out" && mkdir -p "$out" || exit 1
    out=$(cd "$out" && pwd)
    tar -xzf "$tarball" -C "$out" || fail "cannot unpack $tarball"
    dir=$(find "$out" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    [ ! -e "$dir/solutions" ] && [ ! -e "$dir/tests/mutants" ] || fail "$tarball ships solutions or mutants"
    (cd "$dir" && make -j2 >"$out/make.log" 2>&1) || { tail -30 "$out/make.log" >&2; fail "make fails in the unpacked $tarball"; }
    # Every lab is there with its tests; one is graded (the grader is the same for all,
    # and each lab's skeleton is graded in the project by its own check).
    for lab in $(cd labs && ls -d -- */ | tr -d /); do
        [ -d "$dir/labs/$lab" ] && [ -d "$dir/tests/labs/$lab" ] || fail "$tarball has no labs/$lab or tests/labs/$lab"
    done
    lab=$(cd "$dir/labs" && ls -d -- */ | tr -d / | tail -n 1)
    (cd "$dir" && make grade LAB="$lab" >"$out/grade-$lab.log" 2>&1) ||
        { tail -30 "$out/grade-$lab.log" >&2; fail "make grade LAB=$lab fails in the unpacked $tarball"; }
    read_results "$dir/build/grade/$lab"
    echo "grade: $(basename "$tarball") unpacked: make, then make grade LAB=$lab: $SCORE/$MAX (every lab present)"
}

# The bundle's file list is the project's student files plus the two scripts, and its
# run_autograder grades LAB.
check_bundle() {
    local zip=$1 lab=$2 tmp
    tmp=$(mktemp -d) || exit 1
    unzip -Z1 "$zip" | grep -v '/$' | sort >"$tmp/got" || fail "cannot list $zip"
    { tools/grade/dist.sh files; printf '%s\n' setup.sh run_autograder; } | sort >"$tmp/want"
    if ! diff "$tmp/want" "$tmp/got" >"$tmp/diff"; then
        head -20 "$tmp/diff" >&2; rm -rf "$tmp"
        fail "$zip holds other files than the project's student files and the two scripts (< missing, > extra)"
    fi
    unzip -p "$zip" run_autograder | grep -qx "lab=$lab" || { rm -rf "$tmp"; fail "$zip's run_autograder does not grade $lab"; }
    rm -rf "$tmp"
    echo "grade: $(basename "$zip") holds the project's student files and grades $lab"
}

check_autograder() {
    local zip=$1 lab=$2 out=$3 root src
    rm -rf "$out" && mkdir -p "$out" || exit 1
    out=$(cd "$out" && pwd)
    root=$out/autograder
    mkdir -p "$root/source" && unzip -q "$zip" -d "$root/source" || fail "cannot unpack $zip"
    for f in setup.sh run_autograder; do
        [ -x "$root/source/$f" ] || fail "$zip has no executable $f at its top"
    done
    (cd "$root/source" && AUTOGRADER_ROOT="$root" ./setup.sh >"$out/setup.log" 2>&1) ||
        { tail -30 "$out/setup.log" >&2; fail "setup.sh fails"; }
    for src in solution skeleton; do
        rm -rf "$root/submission" "$root/results" && mkdir -p "$root/submission/$src-files"
        if [ $src = solution ]; then
            cp "solutions/$lab"/* "$root/submission/$src-files/"   # in a folder, as some students zip it
        else
            cp "labs/$lab"/*.c "$root/submission/"
        fi
        cp "$root/source/run_autograder" "$root/run_autograder"
        (cd "$root" && AUTOGRADER_ROOT="$root" ./run_autograder >"$out/run-$src.log" 2>&1) ||
            { tail -30 "$out/run-$src.log" >&2; fail "run_autograder fails on the $src"; }
        read_results "$root/results"
        if [ $src = solution ]; then
            [ "$SCORE" = "$MAX" ] || fail "the autograder gives the solution $SCORE/$MAX"
        else
            below_full || fail "the autograder gives the skeleton full marks"
        fi
        echo "grade: $(basename "$zip"), unpacked as Gradescope does: the $src scores $SCORE/$MAX"
    done
}

case ${1:-} in
    solution) check_solution "$2" "$3" ;;
    skeleton) check_skeleton "$2" "$3" ;;
    readme) check_readme "$2" ;;
    mutant) check_mutant "$2" "$3" "$4" ;;
    coverage) check_coverage "$2" "$3" ;;
    sweep) check_sweep "$2" "$3" "$4" "${5:-}" ;;
    dist) check_dist "$2" "$3" ;;
    autograder) check_autograder "$2" "$3" "$4" ;;
    bundle) check_bundle "$2" "$3" ;;
    *) echo "usage: check.sh solution|skeleton|readme|mutant|coverage|sweep|dist|autograder|bundle ..." >&2; exit 2 ;;
esac
