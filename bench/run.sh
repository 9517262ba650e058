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
#   alloc_churn     a table instead: for each working set, the time per operation of
#                   the pools, of CPython's own pymalloc (libpython3.11, when python3 is
#                   3.11 and built shared) and of glibc, and the speedups over glibc,
#                   checked against the target of 1.5. A speedup is a measurement, not a
#                   test: the harness fails only when a program fails.
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

# CPython's shared library, for alloc_churn's CPython column (PyObject_Malloc).
if [ $have_python = 1 ] && [ -z "${MO_BENCH_LIBPYTHON:-}" ]; then
    MO_BENCH_LIBPYTHON=$("$python" -c 'import os, sys, sysconfig
v = sysconfig.get_config_var
lib = os.path.join(v("LIBDIR") or "", v("INSTSONAME") or "")
print(lib if sys.version_info[:2] == (3, 11) and v("Py_ENABLE_SHARED") and os.path.isfile(lib) else "")')
    export MO_BENCH_LIBPYTHON
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

# caches: "L1d 48K, L2 1024K, L3 32768K", from sysfs (what lscpu reads), or "unknown".
caches() {
    local d out=""
    for d in /sys/devices/system/cpu/cpu0/cache/index*; do
        [ -r "$d/type" ] && [ "$(cat "$d/type")" != Instruction ] || continue
        out="${out:+$out, }L$(cat "$d/level")$([ "$(cat "$d/type")" = Data ] && echo d) $(cat "$d/size")"
    done
    echo "${out:-unknown}"
}

# words A B C: "A, B and C" (numbers with thousands separators), or "none".
words() {
    local out="" i
    [ $# -eq 0 ] && { echo none; return; }
    for ((i = 1; i <= $#; i++)); do
        local n; n=$(printf "%s" "${!i}" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
        if [ $i -eq 1 ]; then out=$n; elif [ $i -eq $# ]; then out="$out and $n"; else out="$out, $n"; fi
    done
    echo "$out"
}

# alloc_churn_report FILE: alloc_churn's keys (alloc_churn_N_ALLOCATOR_ns_per_op, ...)
# as one row per working set N, and the speedups against the target.
alloc_churn_report() {
    local f=$1 n met=() missed=()
    echo "Blocks of 16-512 bytes (uniform), N live: 10,000,000 frees and allocations at random"
    echo "slots. Time per operation in ns (lower is better); speedup = glibc's time / the pools'."
    echo "The CPython column is 3.11's own pymalloc (PyObject_Malloc from libpython) on the same trace."
    echo "Read N against the caches above: bench/alloc_churn.c explains why the pools win while the"
    echo "blocks fit in L2 and again far beyond L3, and why they lose in between."
    echo
    echo "| live blocks N | about | Mo pools | CPython pymalloc | glibc malloc | Mo speedup | CPython speedup | peak RSS Mo / glibc (KiB) |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for n in $(awk -F_ '/^alloc_churn_[0-9]+_speedup / { print $3 }' "$f"); do
        v() { local x; x=$(value "alloc_churn_${n}_$1" "$f"); echo "${x:--}"; }
        echo "| $(words "$n") | $(awk -v n="$n" 'BEGIN { printf "%.1f MiB", n * 264 / 1048576 }') | $(v mo_ns_per_op) |" \
            "$(v cpython_ns_per_op) | $(v glibc_ns_per_op) | **$(v speedup)** |" \
            "$(v cpython_speedup) | $(v mo_peak_rss_kib) / $(v glibc_peak_rss_kib) |"
        if awk -v s="$(v speedup)" 'BEGIN { exit !(s + 0 >= 1.5) }'; then met+=("$n"); else missed+=("$n"); fi
    done
    echo
    if [ ${#met[@]} -eq 0 ] && [ ${#missed[@]} -eq 0 ]; then
        echo "**No speedup reported.**"
        failures+=("alloc_churn: no speedup reported")
        return
    fi
    echo "Target, a speedup of at least 1.5: met at N = $(words "${met[@]}"); missed at N = $(words "${missed[@]}")."
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
    echo "| data caches (per core, or shared) | $(caches) |"
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
    elif [ ! -f "$twin" ] && [ "$name" != alloc_churn ]; then   # alloc_churn runs CPython's pools itself
        printf '(no Python twin: bench/%s.py)\n\n' "$name" >>"$report"
    fi
    if [ "$name" = alloc_churn ]; then
        alloc_churn_report "$mo" >>"$report"
        continue
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
