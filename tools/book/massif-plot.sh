#!/usr/bin/env bash
# Draw valgrind's massif output as an SVG: the heap (useful bytes, and with the
# allocator's extra bytes) over the run, one point per massif snapshot.
#   massif-plot.sh MASSIF_OUT > NAME.svg
# With --time-unit=B the x axis is the bytes allocated and freed so far, which does not change
# from run to run (instructions and milliseconds would).
set -eu
out=$1
{
    printf '%s\n' "set terminal svg size 720,320 dynamic font 'sans,12'" \
        "set termoption noenhanced" "set xlabel 'bytes allocated and freed so far (KiB): massif --time-unit=B'" \
        "set ylabel 'heap (KiB)'" "set grid" "set key top right" "set style fill solid 0.4" \
        '$data << EOD'
    awk -F= '/^time=/ { t = $2 } /^mem_heap_B=/ { h = $2 } /^mem_heap_extra_B=/ { printf "%.1f %.1f %.1f\n", t / 1024, h / 1024, (h + $2) / 1024 }' "$out"
    printf '%s\n' 'EOD' \
        "plot \$data using 1:3 with lines linewidth 1 title 'with malloc overhead', \\" \
        "     \$data using 1:2 with filledcurves y1=0 title 'requested (mem_heap_B)'"
} | gnuplot
