# sys._debugmallocstats(): the shape of its pymalloc report, which the runtime's
# MoObject_DebugMallocStats must share line for line. The numbers depend on each
# heap, so each line is printed with its numbers checked and replaced by <n>:
# the class rows against CPython's "%5u %6u %11zu %15zu %13zu" and the pool
# arithmetic, the "label = value" lines against printone's layout (label in 35
# columns, '=', the value with commas right-aligned in 21), and the totals.
import os
import re
import sys
import tempfile


def report():
    """The pymalloc part of sys._debugmallocstats() (it writes to fd 2)."""
    with tempfile.TemporaryFile() as f:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(f.fileno(), 2)
        sys._debugmallocstats()
        os.dup2(saved, 2)
        os.close(saved)
        f.seek(0)
        lines = f.read().decode().split("\n")
    end = next(i for i, line in enumerate(lines) if line.startswith("# bytes lost to arena map bot"))
    return lines[: end + 2]


ROW = re.compile(r"^ *(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$")


def shape(lines):
    values = {}
    rows_ok, rows_seen = True, False
    allocated = available = pools_total = 0
    for line in lines:
        m = ROW.match(line)
        if m:
            c, size, pools, used, avail = map(int, m.groups())
            rows_ok &= "%5d %6d %11d %15d %13d" % (c, size, pools, used, avail) == line
            rows_ok &= size == 16 * (c + 1) and used + avail == pools * ((16384 - 48) // size)
            allocated += used * size
            available += avail * size
            pools_total += pools
            if not rows_seen:
                print("<class rows>")
            rows_seen = True
            continue
        if len(line) > 35 and line[35] == "=":
            label, value = line[:35].rstrip(), int(line[36:].replace(",", ""))
            ok = len(line) == 57 and line[36:] == format(value, ">21,")
            label = re.sub(r"^\d+ ", "N ", label)
            if label == "Total" and "# bytes lost to arena map root" in values:
                label = "map Total"
            values[label] = value
            shown = format(value, ",") if label == "# bytes lost to arena map root" else "<n>"
            print(f"{label} = {shown} (laid out as printone: {ok})")
            continue
        print(line)
    print("class rows well formed:", rows_ok)
    print("allocated = in use * size:", values["# bytes in allocated blocks"] == allocated)
    print("available = avail * size:", values["# bytes in available blocks"] == available)
    print("pool headers = 48 * pools:", values["# bytes lost to pool headers"] == 48 * pools_total)
    arena_bytes = values["N arenas * 1048576 bytes/arena"]
    print("bytes/arena line = arenas * 1048576:", arena_bytes == values["# arenas allocated current"] * 1048576)
    print("Total = arenas * 1048576:", values["Total"] == arena_bytes)
    print("reclaimed = total - current:",
          values["# arenas reclaimed"] == values["# arenas allocated total"] - values["# arenas allocated current"])
    print("map Total = root + mid + bot:", values["map Total"] == sum(
        values["# bytes lost to arena map " + k] for k in ("root", "mid", "bot")))
    print("mid bytes = 262144 * mid nodes:",
          values["# bytes lost to arena map mid"] == 262144 * values["# arena map mid nodes"])
    print("bot bytes = 131072 * bot nodes:",
          values["# bytes lost to arena map bot"] == 131072 * values["# arena map bot nodes"])


keep = [float(i) for i in range(1000)]
shape(report())
