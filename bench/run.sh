#!/usr/bin/env bash
# make bench's harness: run each benchmark and its Python twin, print Mo against
# CPython 3.11, and write bench/RESULTS.md.
#
#   BENCH_BIN_DIR=build/bench PYTHON=python3 CC=gcc BENCH_COMMAND='make bench' bench/run.sh
#
# A benchmark is bench/NAME.c, built by bench.mk into $BENCH_BIN_DIR/NAME, printing
# "key value" lines (times in milliseconds, or plain numbers), and bench/NAME.py
# printing the same keys under CPython. A program not written yet is skipped with a
# note, so that the harness works while the set grows.
#
# What it reports:
#   every program   each key side by side, with the ratio Mo / CPython;
#   tracer_overhead the overhead of tracing (time traced / time untraced) for each
#                   mode, Mo's beside CPython's;
#   alloc_churn     the pools' speedup over the C library's allocator: the key
#                   alloc_churn_speedup, or alloc_churn_malloc_ms / alloc_churn_pymalloc_ms.
#                   It must be at least 1.5: below that (or missing) the harness fails,
#                   after printing everything.
set -u
bin_dir=${BENCH_BIN_DIR:-build/bench}
python=${PYTHON:-python3}
cc=${CC:-gcc}
command=${BENCH_COMMAND:-make bench}
results=bench/RESULTS.md
programs=(alloc_churn tracer_overhead gc_collect)
for src in bench/*.c; do                     # and any other benchmark found
    name=$(basename "$src" .c)
    [[ " ${programs[*]} " == *" $name "* ]] || programs+=("$name")
done

have_python=0
if "$python" -c 'import sys' 2>/dev/null; then
    have_python=1
    python_version=$("$python" --version 2>&1)
    "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
        python_version="$python_version (not 3.11: its numbers are not CPython 3.11's)"
else
    python_version="none (no twins run)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
report=$tmp/report.md
failures=()

ratio() {   # a / b with two decimals, or "-"
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}
value() {   # value KEY FILE: the number after KEY, or ""
    awk -v k="$1" '$1 == k { print $2; exit }' "$2"
}

# ------------------------------------------------------------------- the machine
{
    echo "# Benchmarks"
    echo
    echo "Written by \`$command\` on $(date -u +%Y-%m-%d) (UTC). Each Mo program is built with -O2"
    echo "against the release runtime; each time is the median of the runs its program states."
    echo "Ratios are Mo / CPython: below 1, Mo is faster."
    echo
    echo "| machine | |"
    echo "| --- | --- |"
    echo "| CPUs (nproc) | $(nproc) |"
    echo "| CPU model | $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') |"
    echo "| kernel | $(uname -sr) |"
    echo "| C compiler | $("$cc" --version | head -n 1) |"
    echo "| Python | $python_version |"
    echo "| load average (1, 5, 15 min) at the start | $(cut -d' ' -f1-3 /proc/loadavg) |"
} >"$report"

# ----------------------------------------------------------------- the programs
for name in "${programs[@]}"; do
    echo >>"$report"
    echo "## $name" >>"$report"
    echo >>"$report"
    bin=$bin_dir/$name twin=bench/$name.py
    mo=$tmp/$name.mo py=$tmp/$name.py.out
    if [ ! -x "$bin" ]; then
        echo "Skipped: bench/$name.c is not written yet." >>"$report"
        [ "$name" = alloc_churn ] && echo "(The pools' speedup is not checked without it.)" >>"$report"
        continue
    fi
    echo "running $name ..." >&2
    if ! "$bin" >"$mo" 2>"$tmp/$name.err"; then
        echo "**$bin failed:** $(tail -n 3 "$tmp/$name.err")" >>"$report"
        failures+=("$name: the program failed")
        continue
    fi
    : >"$py"
    if [ $have_python = 1 ] && [ -f "$twin" ]; then
        echo "running $twin ..." >&2
        "$python" "$twin" >"$py" 2>"$tmp/$name.pyerr" ||
            printf '(the twin failed: %s)\n\n' "$(tail -n 1 "$tmp/$name.pyerr")" >>"$report"
    elif [ ! -f "$twin" ]; then
        printf '(no Python twin: bench/%s.py)\n\n' "$name" >>"$report"
    fi
    {
        echo "| key | Mo | CPython | Mo / CPython |"
        echo "| --- | ---: | ---: | ---: |"
        while read -r key v _; do
            [ -z "$key" ] && continue
            p=$(value "$key" "$py")
            echo "| $key | $v | ${p:--} | $(ratio "$v" "$p") |"
        done <"$mo"
    } >>"$report"

    case $name in
    tracer_overhead)
        {
            echo
            echo "The overhead of tracing (time traced / time untraced):"
            echo
            echo "| work | Mo, start(1) | CPython, start(1) | Mo, start(25) | CPython, start(25) |"
            echo "| --- | ---: | ---: | ---: | ---: |"
            for work in $(awk -F_ '/^tracer_.*_off_ms / { print $2 }' "$mo"); do
                row="| $work"
                for n in n1 n25; do
                    for f in "$mo" "$py"; do
                        row="$row | $(ratio "$(value "tracer_${work}_${n}_ms" "$f")" "$(value "tracer_${work}_off_ms" "$f")")"
                    done
                done
                echo "$row |"
            done
        } >>"$report"
        ;;
    alloc_churn)
        speedup=$(value alloc_churn_speedup "$mo")
        [ -z "$speedup" ] && speedup=$(ratio "$(value alloc_churn_malloc_ms "$mo")" "$(value alloc_churn_pymalloc_ms "$mo")")
        echo >>"$report"
        if [ -z "$speedup" ] || [ "$speedup" = - ]; then
            echo "**The pools' speedup is not reported** (alloc_churn_speedup, or alloc_churn_malloc_ms and alloc_churn_pymalloc_ms)." >>"$report"
            failures+=("alloc_churn: no speedup reported")
        elif awk -v s="$speedup" 'BEGIN { exit !(s + 0 >= 1.5) }'; then
            echo "The pools' speedup over the C library's allocator: **$speedup** (at least 1.5 required)." >>"$report"
        else
            echo "**The pools' speedup over the C library's allocator is $speedup: below the 1.5 required.**" >>"$report"
            failures+=("alloc_churn: speedup $speedup < 1.5")
        fi
        ;;
    esac
done

cat "$report"
cp "$report" "$results"
echo
echo "bench: wrote $results"
if [ ${#failures[@]} -gt 0 ]; then
    echo
    for f in "${failures[@]}"; do echo "BENCH FAILED: $f"; done
    exit 1
fi
