# Which size class an object's block comes from: 1,000 objects of each kind, and
# the classes whose blocks in use changed in sys._debugmallocstats(). The free
# lists of floats, tuples and dicts are emptied first (their objects kept).
import os
import sys
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "py"))
import pools

x = kept = before = after = None
x = [[] for i in range(100)]    # the list free list full: the lists below use it
x = None


def row(what, make, drain):
    """drain: thousands of objects made first and kept (the free list empty)"""
    global x, kept, before, after
    kept = [make() for i in range(drain)] if drain else None
    before = pools.take()
    x = make()
    after = pools.take()
    for c, size, delta in pools.changed(before, after):
        print(f"{what:28} {c:5} {size:6} {delta:+15}")
    x = kept = None


print(pools.first_line(pools.take()))
print()
print("1,000 of each                class   size   blocks in use")
row("float", lambda: [i + 0.5 for i in range(1000)], 1)
row("int 1000000 + i", lambda: [1000000 + i for i in range(1000)], 0)
row("str of 20 ASCII characters", lambda: ["%020d" % i for i in range(1000)], 0)
row("str of 100 ASCII characters", lambda: ["%0100d" % i for i in range(1000)], 0)
row("tuple (None, i % 2)", lambda: [(None, i % 2) for i in range(1000)], 2)
row("dict, empty", lambda: [{} for i in range(1000)], 1)
