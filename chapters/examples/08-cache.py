# A cache that only grows: snapshots after 100 and after 200 requests, and what grew
# between them, by line. Paths are printed as the file's stem, as the C program
# prints them; the lines that allocate are on the same line numbers in both.
import os
import tracemalloc

cache = {}


def show(stat):
    path = stat.traceback[0].filename
    print(str(stat).replace(path, os.path.splitext(os.path.basename(path))[0]))


def handle(request):
    """request * 1000, computed once per request and kept for ever."""
    if request not in cache:
        cache[request] = request * 1000
    return cache[request]


# serve() is the program's main loop.
def serve(first, last):
    """Answer the requests first .. last - 1: each request is a new int, and the
    answer is dropped at once, but the cache keeps a copy of it for ever.
    (The lines that allocate are on the C program's line numbers.)"""
    for request in range(first, last):
        handle(request)


tracemalloc.start(1)
serve(1000, 1100)
snap_1 = tracemalloc.take_snapshot()
serve(1100, 1200)
snap_2 = tracemalloc.take_snapshot()
diffs = snap_2.compare_to(snap_1, "lineno")
for stat in diffs:   # lines with one more block per request
    if stat.count_diff == 100:
        show(stat)
tracemalloc.stop()
