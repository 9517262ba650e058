# The Python twin of minheap_main.c: CPython 3.11's heapq and bisect (whose
# arguments and messages ext/minheap.c follows) in a module of the same shape,
# driven the same way.
import bisect
import heapq
import sys
import types

minheap = types.ModuleType("minheap", "Heap queues and bisection, after _heapq and _bisect.")
_pushes = 0


def _heappush(*args):
    global _pushes
    heapq.heappush(*args)
    _pushes += 1


minheap.heappush = _heappush
minheap.heappop = heapq.heappop
minheap.heapify = heapq.heapify
minheap.pushes = lambda: _pushes
minheap.bisect_right = bisect.bisect_right
minheap.insort_right = bisect.insort_right
minheap.__about__ = "Heap queues and bisection."
minheap.ARITY = 2
sys.modules["minheap"] = minheap


def show(f):
    try:
        print(f())
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


import minheap as m        # noqa: E402
import minheap as again    # noqa: E402
print("same module" if m is again else "another module")
print(m.__about__)
print(m.ARITY)
print(m.heappop)

heap = []
for v in [1, 3, 5, 7, 9, 2, 4, 6, 8, 0]:
    m.heappush(heap, v)
print(repr(heap))
print(repr([m.heappop(heap) for _ in range(len(heap))]))
print(m.pushes())
h = [5, 1, 4, 2, 8, 0]
show(lambda: m.heapify(h))
print(repr(h))

show(lambda: m.heappush(1, 2))
show(lambda: m.heappop(1))
show(lambda: m.heappop(heap))
show(lambda: m.heapify(1))
show(lambda: m.heappush(heap, 1, 2))
one = [1]
show(lambda: m.heappush(one, "a"))

breakpoints = [60, 70, 80, 90]
for score in [33, 99, 77, 70, 89, 90, 100]:
    show(lambda: m.bisect_right(breakpoints, score))
show(lambda: m.bisect_right(breakpoints, 75, lo=1, hi=3))
show(lambda: m.bisect_right(breakpoints, 75, hi=-1))
show(lambda: m.bisect_right(breakpoints, 75, lo=-1))
show(lambda: m.bisect_right(breakpoints, 75, lo="a"))
show(lambda: m.bisect_right(breakpoints))
show(lambda: m.bisect_right(breakpoints, 1, 2, 3, 4, 5))
show(lambda: m.bisect_right(1, 1))
show(lambda: m.bisect_right(breakpoints, 75, None))

show(lambda: m.insort_right(breakpoints, 75))
print(repr(breakpoints))
show(lambda: m.insort_right(breakpoints, 1, foo=1))
show(lambda: m.insort_right(breakpoints, 3, 0, 2, None))
show(lambda: m.insort_right(breakpoints, 1, key=m.heappop))
