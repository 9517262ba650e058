# Where blocks come from: a helper makes 1,000 ints for the module; the traceback of
# one of them, and statistics by traceback and by file after a filter keeps this file
# only. Paths are printed as the file's stem, as the C program prints them.
# (The lines that allocate are on the same line numbers as in the C program.)
import os
import tracemalloc

[].append(0)   # a list on the free list


def make_rows():
    """A list of the ints 1000 .. 1999 (the ints are made on the for line,
    the item array grows on the append line)."""
    rows = []
    for i in range(1000, 2000):
        rows.append(i)
    return rows

def show(label, o, tb):
    path = tb[0].filename
    print(f"{label}: " + str(o).replace(path, os.path.splitext(os.path.basename(path))[0]))


tracemalloc.start(10)
rows = make_rows()
snap = tracemalloc.take_snapshot()
tb = tracemalloc.get_object_traceback(rows[500])
for frame in tb:
    show("rows[500] was allocated at", frame, tb)
kept = snap.filter_traces([tracemalloc.Filter(True, "*/08-traceback.*")])
by_tb = kept.statistics("traceback")
by_file = kept.statistics("filename")
top = by_tb[0]
show("largest by traceback", top, top.traceback)
show("by file", by_file[0], top.traceback)
tracemalloc.stop()
