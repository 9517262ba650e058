#!/usr/bin/env bash
# Run Python files on mo-python and compare with what CPython 3.11 printed.
#
#   run-cases.sh cases plain|valgrind|stress MO_PYTHON PASSING CASE.py...
#   run-cases.sh twins plain MO_PYTHON PASSING TWIN.py...
#   run-cases.sh list MO_PYTHON PASSING FILE.py...
#
# A case passes when mo-python CASE.py (run from the top of the project, stderr
# merged) prints CASE.expected; under valgrind also with no memcheck error and no
# definite or indirect leak; under stress with MO_GC_STRESS=1. With PY311=1 each
# CASE.expected is also checked against python3 (stale recordings fail).
# A book twin chapters/examples/NAME.py passes when it prints NAME.py.expected, but
# for the lines its C program NAME.c marks /* differs "PREFIX": REASON */ (both
# lines starting with PREFIX), as tools/book/compare-twin.py allows for the C side.
#
# PASSING lists the files that passed when it was last written (one path a line).
# The run fails only when a listed file fails now: files not yet supported by the
# interpreter are counted, not failed. Valgrind and stress runs take only the
# listed files. `list` adds to PASSING every file that passes now in all three
# modes.
set -u
what=$1
if [ "$what" = list ]; then mode=plain; shift 1; else mode=$2; shift 2; fi
mopy=$1 passing=$2
shift 2
VALGRIND=${VALGRIND:-valgrind --quiet --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
root=$(pwd)

# Addresses and id()s change from run to run; a path under the top is shown relative to it.
norm() { sed -E "s#$root/##g; s/0x[0-9a-f]{6,}/0xADDR/g; s/(^|[^0-9])[0-9]{12,}/\\1ADDR/g" "$1"; }
listed() { grep -qxF -- "$1" "$passing" 2>/dev/null; }

# Run mo-python on $1 (from directory $2) in the mode; output in $tmp/out.
# Status: 0 ran (whatever its own exit status), 1 valgrind found something, 2 timeout
# (generous limits: they catch a hang, not slowness on a loaded machine).
run() {
    local file=$1 dir=$2 rc
    case $mode in
    # (the braces keep the shell's own "Aborted" notice of a crash out of the log)
    plain)  { (cd "$dir" && timeout 120 "$abs_mopy" "$file") >"$tmp/out" 2>&1 </dev/null; } 2>/dev/null; rc=$? ;;
    stress) { (cd "$dir" && MO_GC_STRESS=1 timeout 300 "$abs_mopy" "$file") >"$tmp/out" 2>&1 </dev/null; } 2>/dev/null
            rc=$? ;;
    valgrind)
        # shellcheck disable=SC2086
        { (cd "$dir" && timeout 300 $VALGRIND --log-file="$tmp/vg" "$abs_mopy" "$file") >"$tmp/out" 2>&1 </dev/null; } \
            2>/dev/null
        rc=$?
        [ "$rc" = 99 ] && return 1 ;;
    esac
    [ "$rc" = 124 ] && return 2
    return 0
}

# Compare $tmp/out with the recording $1, twin rules from the C source $2 (or none).
same() {
    norm "$1" >"$tmp/exp"
    norm "$tmp/out" >"$tmp/got"
    if [ -z "${2:-}" ]; then
        diff -u "$tmp/exp" "$tmp/got" >"$tmp/diff"
        return
    fi
    perl -0777 -e '
        my ($src, $exp, $got) = @ARGV;
        open my $s, "<", $src or die; my $c = <$s>;
        my @p = ($c =~ m{/\*\s*differs\s+"([^"]*)"\s*:}g);
        open my $e, "<", $exp or die; my @e = split /\n/, <$e> // "";
        open my $g, "<", $got or die; my @g = split /\n/, <$g> // "";
        my $bad = @e != @g ? "line counts differ: expected " . @e . ", got " . @g . "\n" : "";
        for my $i (0 .. ($#e < $#g ? $#e : $#g)) {
            next if $e[$i] eq $g[$i];
            next if grep { length $_ && index($e[$i], $_) == 0 && index($g[$i], $_) == 0 } @p;
            $bad .= "line " . ($i + 1) . ":\n  CPython:   $e[$i]\n  mo-python: $g[$i]\n";
        }
        print $bad; exit($bad eq "" ? 0 : 1);
    ' "$2" "$tmp/exp" "$tmp/got" >"$tmp/diff"
}

absolute() { [ -x "$1" ] && echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
abs_mopy=$(absolute "$mopy")
total=0 ok=0 failed=0 stale=0 new=0
: >"$tmp/now-passing"
for f in "$@"; do
    if [ "$mode" != plain ] && ! listed "$f"; then continue; fi
    total=$((total + 1))
    case $f in
    chapters/examples/*) expected=${f%.py}.py.expected src=${f%.py}.c dir=$tmp/run file=$root/$f
                         rm -rf "$dir"; mkdir -p "$dir"; [ -f "$src" ] || src=/dev/null ;;
    *)                   expected=${f%.py}.expected src= dir=$root file=$f ;;
    esac
    if [ "$what" = cases ] && [ "${PY311:-0}" = 1 ]; then
        PYTHONHASHSEED=0 python3 "$f" 2>&1 </dev/null | sed "s#$root/##g" >"$tmp/py"
        if ! cmp -s "$tmp/py" "$expected"; then
            echo "FAIL: $expected is stale: python3 $f now prints something else (make python-cases-expected)"
            stale=$((stale + 1))
        fi
    fi
    verdict=fail
    if [ -z "$abs_mopy" ]; then
        verdict="not run (no $mopy)"
    else
        run "$file" "$dir"
        case $? in
        0) same "$expected" "$src" && verdict=pass ;;
        1) verdict="valgrind: $(grep -m1 -E 'definitely lost|Invalid|uninitialised|indirectly lost' "$tmp/vg")" ;;
        2) verdict="timed out" ;;
        esac
    fi
    if [ "$verdict" = pass ] && [ "$what" = list ]; then
        # listed only if it also passes under stress and under valgrind
        for mode in stress valgrind; do
            run "$file" "$dir" && same "$expected" "$src" || verdict="fails under $mode"
            [ "$verdict" = pass ] || break
        done
        mode=plain
        [ "$verdict" = pass ] || echo "not listed: $f passes plain but $verdict"
    fi
    if [ "$verdict" = pass ]; then
        ok=$((ok + 1))
        echo "$f" >>"$tmp/now-passing"
        if ! listed "$f" && [ "$what" != list ]; then
            new=$((new + 1))
            echo "NEW: $f passes ($mode); make python-passing adds it to $passing"
        fi
    elif listed "$f"; then
        failed=$((failed + 1))
        echo "FAIL: $f is listed in $passing but no longer passes ($mode): $verdict"
        head -n 30 "$tmp/diff" 2>/dev/null
    fi
done

if [ "$what" = list ]; then
    { grep -vxF -f "$tmp/now-passing" "$passing" 2>/dev/null | grep -v '^$'; cat "$tmp/now-passing"; } \
        | sort -u >"$tmp/list"
    # Files listed before stay listed even when they fail now: the list only grows, and a
    # regression keeps failing the check until it is fixed.
    cp "$tmp/list" "$passing"
    echo "python-passing: $ok of $total files pass; $passing has $(wc -l <"$passing") lines (review with git diff)"
    exit 0
fi
if [ "$what" = twins ]; then
    echo "python twins: $ok of $total twins run unchanged on mo-python ($failed listed ones failing)"
elif [ "$mode" = plain ]; then
    echo "python cases: $ok of $total cases pass on mo-python ($failed listed ones failing, $stale stale recordings)"
else
    echo "python cases under $mode: $ok of $total listed $what pass ($failed failing)"
fi
[ "$failed" = 0 ] && [ "$stale" = 0 ]
