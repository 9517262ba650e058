#!/usr/bin/env bash
# Run one book example and record what it printed, for the Lua filter to show.
#   run-example.sh NAME BINARY SOURCE OUTDIR
# Writes, in OUTDIR:
#   NAME.out     everything the program printed: stdout (line-buffered, so that it
#                interleaves with stderr in the order it happened) and stderr;
#   NAME.status  how it ended, in words ("exit status 0", "stopped by SIGABRT");
#   NAME.svg     when the program wrote NAME.dot in its working directory (a picture
#                of live runtime state), rendered by graphviz, or NAME.gp (a gnuplot
#                script with its data inline, such as a memory timeline), drawn by gnuplot.
# An ordinary example must exit with status 0. An example whose source carries a
# /* stops: REASON */ comment shows a program that the debug runtime stops: it must
# end with a non-zero status. Anything else fails, naming the example.
# An example whose source carries /* massif: ... */ also runs under valgrind's massif,
# whose heap over time becomes NAME.svg (and ms_print's chart NAME.massif).
# An example whose source carries /* allocator: NAME */ runs with MOMALLOC=NAME
# (tools/book/allocator-of.sh), e.g. on pymalloc, the allocator of a release CPython.
set -u
name=$1 bin=$2 src=$3 outdir=$4
run=$outdir/run/$name
rm -rf "$run" && mkdir -p "$run" || exit 1
abs_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
allocator=$("$(dirname "$0")/allocator-of.sh" "$src") || exit 1

# In the background and waited for, so that the shell does not add its own
# "Aborted" line when the program is stopped by a signal.
(cd "$run" && MOMALLOC=$allocator exec stdbuf -oL "$abs_bin") >"$outdir/$name.out.tmp" 2>&1 </dev/null &
wait $! 2>/dev/null
status=$?

if [ "$status" -gt 128 ]; then
    how="stopped by SIG$(kill -l $((status - 128)) 2>/dev/null || echo $((status - 128)))"
else
    how="exit status $status"
fi

if grep -Eq '/\*[[:space:]]*stops:' "$src"; then
    if [ "$status" -eq 0 ]; then
        cat "$outdir/$name.out.tmp"
        echo "book: example $name is marked 'stops:' but exited with status 0 ($src)"
        exit 1
    fi
elif [ "$status" -ne 0 ]; then
    cat "$outdir/$name.out.tmp"
    echo "book: example $name failed: $how ($src)"
    exit 1
fi

if [ -f "$run/$name.dot" ]; then
    dot -Tsvg "$run/$name.dot" -o "$outdir/$name.svg.tmp" \
        || { echo "book: example $name wrote a DOT file that graphviz cannot draw ($run/$name.dot)"; exit 1; }
    mv "$outdir/$name.svg.tmp" "$outdir/$name.svg"
elif [ -f "$run/$name.gp" ]; then
    # A gnuplot script with its data inline (a plot drawn from the run), written to stdout.
    gnuplot "$run/$name.gp" >"$outdir/$name.svg.tmp" \
        || { echo "book: example $name wrote a gnuplot script that gnuplot cannot draw ($run/$name.gp)"; exit 1; }
    mv "$outdir/$name.svg.tmp" "$outdir/$name.svg"
else
    rm -f "$outdir/$name.svg"
fi
# An example whose source carries /* massif: ... */ runs once more under valgrind's massif
# (--time-unit=B: time is the bytes allocated and freed so far, the same on every run); its snapshots
# become the figure NAME.svg (massif-plot.sh) and ms_print's text chart NAME.massif.
if grep -Eq '/\*[[:space:]]*massif:' "$src"; then
    (cd "$run" && MOMALLOC=$allocator exec valgrind --tool=massif --time-unit=B --massif-out-file=massif.out "$abs_bin") \
        >/dev/null 2>"$run/massif.log" </dev/null \
        || { cat "$run/massif.log"; echo "book: example $name failed under massif ($src)"; exit 1; }
    "$(dirname "$0")/massif-plot.sh" "$run/massif.out" >"$outdir/$name.svg.tmp" \
        || { echo "book: example $name: gnuplot cannot draw massif's output ($run/massif.out)"; exit 1; }
    mv "$outdir/$name.svg.tmp" "$outdir/$name.svg"
    ms_print "$run/massif.out" >"$outdir/$name.massif"
fi
echo "$how" >"$outdir/$name.status"
mv "$outdir/$name.out.tmp" "$outdir/$name.out"
