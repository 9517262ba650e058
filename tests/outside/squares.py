# The Python twin of squares.c: the list-of-squares example of tracemalloc (07c).
# start(1), a snapshot, 100,000 ints in a list, a snapshot, compare_to(old, "lineno").
# The largest difference is the list's line: 99,743 ints (0..256 are cached) plus
# the list's item array; the list object itself comes from the free list, untraced.
# The file names differ (squares.py, squares.c), so both print a file's stem
# ("squares"), and the list is built on line 22 in both files.
import os
import tracemalloc


def main():
    """The steps, as squares.c takes them:
    1. start(1): one frame per traceback (the default);
    2. a snapshot before the list, and one after it;
    3. the list: 100,000 ints made on one line;
    4. the difference of the snapshots grouped by line: the list's line first;
    5. where the list object and one of its ints were allocated;
    6. the traced memory once the list is freed, and the peak before and after
       reset_peak()."""
    tracemalloc.start(1)
    old = tracemalloc.take_snapshot()
    x = [i for i in range(100000)]
    new = tracemalloc.take_snapshot()
    print(f"tracing: {tracemalloc.is_tracing()}, traceback limit: {tracemalloc.get_traceback_limit()}")
    diffs = new.compare_to(old, "lineno")
    top = diffs[0]
    show("largest difference", top, top.traceback)
    show("its repr", repr(top), top.traceback)
    tb = tracemalloc.get_object_traceback(x)
    show("the list object was allocated at", tb, None)
    tb = tracemalloc.get_object_traceback(x[1000])
    show("x[1000] was allocated at", tb, tb)
    current, peak = tracemalloc.get_traced_memory()
    del x
    current2, peak2 = tracemalloc.get_traced_memory()
    print(f"freed more than 3 MB: {current - current2 > 3000000}")
    print(f"the peak still counts the list: {peak2 >= current}")
    tracemalloc.reset_peak()
    current3, peak3 = tracemalloc.get_traced_memory()
    print(f"after reset_peak, the peak is below 1 MB: {peak3 < 1000000}")
    tracemalloc.stop()
    print(f"after stop: {tracemalloc.get_traced_memory()}")
    try:
        tracemalloc.take_snapshot()
    except RuntimeError as e:
        print(f"take_snapshot() after stop: {type(e).__name__}: {e}")


def show(label, o, traceback):
    """Print "label: str(o)" with the path of traceback's first frame shortened to
    the file's stem."""
    text = str(o)
    if traceback is not None:
        path = traceback[0].filename
        text = text.replace(path, os.path.splitext(os.path.basename(path))[0], 1)
    print(f"{label}: {text}")


main()
