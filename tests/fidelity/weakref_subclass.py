# weakref_subclass: the Python twin of weakref_subclass.c (CPython 3.11 prints
# these lines). Subclasses of weakref.ref: KeyedRef as Lib/weakref.py writes it
# (__slots__, its own __new__ and __init__), a plain subclass with a __dict__,
# one with its own __call__, their sizes, callbacks and the errors.
import gc
import sys
import weakref
from weakref import ref


def show(label, f):
    try:
        print(f"{label} {f()!r}")
    except Exception as e:
        print(f"{label} {type(e).__name__}: {e}")


def keyed_new(type, ob, callback, key):
    self = ref.__new__(type, ob, callback)
    self.key = key
    return self


def keyed_init(self, ob, callback, key):
    super(KeyedRef, self).__init__(ob, callback)


KeyedRef = type("KeyedRef", (ref,), {"__slots__": ("key",), "__new__": keyed_new, "__init__": keyed_init})
R = type("R", (ref,), {})
Deref = type("Deref", (ref,), {"__call__": lambda self: ("called", ref.__call__(self))})
C = type("C", (), {})
print("KeyedRef: basicsize", KeyedRef.__basicsize__, "weakrefoffset", KeyedRef.__weakrefoffset__,
      "dictoffset", KeyedRef.__dictoffset__)
print("R: basicsize", R.__basicsize__, "weakrefoffset", R.__weakrefoffset__, "dictoffset", R.__dictoffset__)
c = C()
got = []
k = KeyedRef(c, lambda r: got.append(r.key), "the key")
print("getsizeof(KeyedRef(...))", sys.getsizeof(k), "key", k.key, "alive", k() is c)
r = R(c)
print("getsizeof(R(c))", sys.getsizeof(r), "alive", r() is c, "r is ref(c)", r is ref(c),
      "getweakrefcount", weakref.getweakrefcount(c))
r.tag = 1
print("r.__dict__", r.__dict__, "r == ref(c)", r == ref(c), "hash equal", hash(r) == hash(c))
d = Deref(c)
print("Deref(c)()", d()[0], d()[1] is c)
show("k.other = 1:", lambda: setattr(k, "other", 1))
del c
print("after del c: callback got", got, "k()", k(), "r()", r(), "d()", d())
show("KeyedRef(1, None, 2):", lambda: KeyedRef(1, None, 2))
show("R(C(), x=1):", lambda: R(C(), x=1))
show("ref.__init__(r):", lambda: ref.__init__(r))
show("ref.__init__(r, 1, 2, 3):", lambda: ref.__init__(r, 1, 2, 3))
show("ref.__call__(1):", lambda: ref.__call__(1))
print("ref.__call__:", ref.__call__)
c2 = C()
gc.collect()
k2 = KeyedRef(c2, None, None)
k2.key = [k2]
del k2
print("a KeyedRef in a cycle through its key: collected", gc.collect(), "getweakrefcount(c2)",
      weakref.getweakrefcount(c2))
