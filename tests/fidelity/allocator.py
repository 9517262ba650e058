# The small-object allocator as a release CPython 3.11 has it: which size class
# objects land in, what a del gives back (to the pools, to the free lists, to the
# OS as arenas), and the traced memory a del gives back. The runtime's twin,
# allocator.c, runs on the release-like allocator (pymalloc: no debug padding, no
# quarantine of freed objects) and must print the same lines.
#
# Both read the pools' table (sys._debugmallocstats() here) before and after each
# step and print what changed. Each report is written to a file as it is taken
# and read only at the end, so that reading one does not allocate between two.
import gc
import os
import re
import sys
import tempfile
import tracemalloc

ROW = re.compile(rb"^ *(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$")
reports = [tempfile.TemporaryFile() for _ in range(16)]
taken = 0
saved_stderr = os.dup(2)


def take():
    """Write sys._debugmallocstats() (fd 2) to the next file; its index."""
    global taken
    os.dup2(reports[taken].fileno(), 2)
    sys._debugmallocstats()
    os.dup2(saved_stderr, 2)
    taken += 1
    return taken - 1


def read(i):
    """Blocks in use per size class, and the arena counters, of report i."""
    f = reports[i]
    f.seek(0)
    used, values = {}, {}
    for line in f.read().split(b"\n"):
        m = ROW.match(line)
        if m:
            used[int(m.group(1))] = int(m.group(4))
        elif line.startswith(b"# arenas"):
            label, value = line.split(b"=")
            values[label.strip().decode()] = int(value.replace(b",", b""))
    return used, values


# Every name is bound before the first report, so that binding one later does not
# grow the module's dict between two reports.
a = b = c = d = e = f = g = h = i = j = k = l = m = n = None
x = y = keep = s1 = s2 = top = before = after = None
gc.disable()

# Empty the float free list (it holds at most 100) and fill the list free list
# (80), so that each step starts from the same free lists on both runtimes.
keep = [float(i) for i in range(100)]
x = [[] for i in range(100)]
x = None

a = take()
x = [float(i) for i in range(1000)]
b = take()
x = None
c = take()
x = [10**6 + i for i in range(1000)]
d = take()
x = None
e = take()
x = [2**70 + i for i in range(1000)]
f = take()
x = None
g = take()
x = [b"%010d" % i for i in range(1000)]
h = take()
x = None
i = take()
x = ["%020d" % i for i in range(1000)]
j = take()
x = None

# Arenas: 200,000 floats take six or seven arenas; a del gives back all but the
# one holding the floats the free list kept and, perhaps, one left empty; keeping
# one float in 500 keeps a block in every pool, and so every arena.
k = take()
x = [float(i) for i in range(200000)]
l = take()
x = None
m = take()
x = [float(i) for i in range(200000)]
y = x[::500]
x = None
n = take()

steps = [("1,000 floats", a, b), ("del of the 1,000 floats", b, c), ("1,000 ints of one digit", c, d),
         ("1,000 ints of three digits", e, f), ("1,000 bytes of length 10", g, h),
         ("1,000 str of 20 ASCII characters", i, j)]
for title, before, after in steps:
    u0, _ = read(before)
    u1, _ = read(after)
    print(title + ":")
    for c in sorted(set(u0) | set(u1)):
        delta = u1.get(c, 0) - u0.get(c, 0)
        if delta:
            print(f"  class {c:2} ({16 * (c + 1):3} bytes): {delta:+6} blocks in use")

_, v0 = read(k)
u1, v1 = read(l)
u2, v2 = read(m)
u3, v3 = read(n)
added = v1["# arenas allocated current"] - v0["# arenas allocated current"]
given_back = v2["# arenas reclaimed"] - v1["# arenas reclaimed"]
print("200,000 floats: arenas added, 6 or 7:", added in (6, 7))
print("their del: arenas given back to the OS, all but 1 or 2:", added - given_back in (1, 2))
print("their del: class 1 blocks given back:", u1[1] - u2[1])
print("one float in 500 kept: arenas given back:", v3["# arenas reclaimed"] - v2["# arenas reclaimed"])
print("one float in 500 kept: class 1 blocks in use:", f"{u3[1] - u2[1]:+}")
y = None

# Traced memory: what a del of a list of 10,000 ints gives back, as the largest
# difference between snapshots before and after it (the line that built it: its
# ints and its item array; the list's shell came from the free list, untraced).
tracemalloc.start()
x = []
x.extend(range(10000))
s1 = tracemalloc.take_snapshot()
del x
s2 = tracemalloc.take_snapshot()
top = s2.compare_to(s1, "lineno")[0]
print("del of a list of 10,000 ints: traced memory given back:", -top.size_diff, "bytes in", -top.count_diff, "blocks")
tracemalloc.stop()
