# sequences: lists, tuples and ranges under CPython 3.11; tests/fidelity/sequences.c
# prints the same lines from the Mo runtime. Lists are built the way the C twin
# builds them (appends, extend, repeat), so that over-allocation can be compared.
import gc
import sys


def show(label, f):
    try:
        v = f()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label} = {v!r}")


def appended(n):
    l = []
    for i in range(n):
        l.append(i)
    return l


# -- sizes: over-allocation (list_resize) and the exact paths
l = []
for n in range(41):
    if n <= 17 or n in (24, 25, 32, 33, 40):
        print(f"after {n} appends: getsizeof = {sys.getsizeof(l)}")
    l.append(None)

for n in (0, 1, 2, 3, 4, 5, 8, 10, 100, 1000):
    print(f"n = {n}: list(range(n)) {sys.getsizeof(list(range(n)))}, [0]*n {sys.getsizeof([0] * n)}, "
          f"appended {sys.getsizeof(appended(n))}, list(tuple(range(n))) {sys.getsizeof(list(tuple(range(n))))}, "
          f"list(iter(range(n))) {sys.getsizeof(list(iter(range(n))))}")

l = list(range(100))
for i in range(90):
    l.pop()
print(f"list(range(100)) after 90 pops: getsizeof = {sys.getsizeof(l)}")
l = []
l.extend((1, 2, 3))
print(f"[1, 2, 3]: getsizeof = {sys.getsizeof(l)}")
l.clear()
print(f"[1, 2, 3].clear(): getsizeof = {sys.getsizeof(l)}")

for n in (0, 1, 2, 3, 4, 5, 10):
    print(f"getsizeof(tuple(range({n}))) = {sys.getsizeof(tuple(range(n)))}")
for label, o in (("range(0)", range(0)), ("range(10)", range(10)), ("iter([])", iter([])),
                 ("iter(())", iter(())), ("iter(range(10))", iter(range(10)))):
    print(f"getsizeof({label}) = {sys.getsizeof(o)}, type {type(o).__name__}")

# -- shared references and identity
a = [[]] * 3
a[0].append(1)
print(f"a = [[]] * 3; a[0].append(1): a = {a!r}, a[0] is a[2]: {a[0] is a[2]}")
b = [1, 2]
c = b
b += [3]
print(f"b += [3]: b = {b!r}, b is c: {b is c}")
b = b + [4]
print(f"b = b + [4]: b = {b!r}, b is c: {b is c}")
t = (1, 2)
empty = ()
print(f"t * 1 is t: {t * 1 is t}, t * 0 is (): {t * 0 is empty}, tuple([]) is (): {tuple([]) is empty}")

# -- reprs
l = [1, 2, 3]
l.append(l)
print(f"repr = {l!r}")
print(f"repr = {(1,)!r} {(1, 2)!r} {()!r} {((1,), [2], 'a', None)!r}")
print(f"repr = {range(0, 10)!r} {range(0, 10, 2)!r} {range(5, -5, -3)!r}")
x = []
for i in range(100000):
    x = [x]
show("repr of a 100000-deep list", lambda: repr(x))
del x
print("100000-deep list freed")

# -- methods and errors
l = [5, 6, 5]
l.insert(1, 8)
l.insert(-1, 9)
l.insert(100, 10)
print(f"after inserts: {l!r}")
show("l.pop()", lambda: l.pop())
show("l.pop(0)", lambda: l.pop(0))
show("l.count(5)", lambda: l.count(5))
show("l.index(9)", lambda: l.index(9))
show("l.index(42)", lambda: l.index(42))
show("l.remove(42)", lambda: l.remove(42))
show("l.pop(10)", lambda: l.pop(10))
show("[].pop()", lambda: [].pop())
show("l[10]", lambda: l[10])
show("(1,)[3]", lambda: (1,)[3])
show("range(3)[3]", lambda: range(3)[3])
show("range(0, 10, 3)[-1]", lambda: range(0, 10, 3)[-1])
show("[1] + (1,)", lambda: [1] + (1,))
show("(1,) + [1]", lambda: (1,) + [1])
show("hash([])", lambda: hash([]))
show("range(1, 2, 0)", lambda: range(1, 2, 0))
show("[] < ()", lambda: [] < ())
show("range(3) < range(4)", lambda: range(3) < range(4))
show("(1, 'a') < (1, 2)", lambda: (1, 'a') < (1, 2))
show("(1,).index(2)", lambda: (1,).index(2))
show("range(3).index(5)", lambda: range(3).index(5))

# -- hashes (PYTHONHASHSEED=0 for the str)
show("hash(())", lambda: hash(()))
show("hash((1, 2))", lambda: hash((1, 2)))
show("hash((1,))", lambda: hash((1,)))
show("hash((-1,))", lambda: hash((-1,)))
show("hash((1, (2, 3), 'a'))", lambda: hash((1, (2, 3), 'a')))
show("hash(range(0, 10, 2))", lambda: hash(range(0, 10, 2)))
show("hash(range(3))", lambda: hash(range(3)))

# -- comparison and membership
show("[1, 2] < [1, 3]", lambda: [1, 2] < [1, 3])
show("[1, 2] < [1, 2, 0]", lambda: [1, 2] < [1, 2, 0])
show("[1, 2] == [1, 2]", lambda: [1, 2] == [1, 2])
show("(1, 2) >= (1, 2)", lambda: (1, 2) >= (1, 2))
show("[] == ()", lambda: [] == ())
show("range(0) == range(5, 5)", lambda: range(0) == range(5, 5))
show("range(0, 3, 2) == range(0, 4, 2)", lambda: range(0, 3, 2) == range(0, 4, 2))
show("9 in range(0, 10, 3)", lambda: 9 in range(0, 10, 3))
show("10 in range(0, 10, 3)", lambda: 10 in range(0, 10, 3))
show("2 in [1, 2]", lambda: 2 in [1, 2])
show("list(range(5, -5, -3))", lambda: list(range(5, -5, -3)))
show("list(reversed(range(5, -5, -3)))", lambda: list(reversed(range(5, -5, -3))))
show("list(reversed([1, 2, 3]))", lambda: list(reversed([1, 2, 3])))

# -- the collector's view
show("gc.is_tracked([])", lambda: gc.is_tracked([]))
show("gc.is_tracked(())", lambda: gc.is_tracked(()))
show("gc.is_tracked(tuple([1, 2]))", lambda: gc.is_tracked(tuple([1, 2])))
show("gc.is_tracked(range(3))", lambda: gc.is_tracked(range(3)))
show("gc.is_tracked(iter([]))", lambda: gc.is_tracked(iter([])))
