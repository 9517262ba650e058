# classes: the Python twin of classes.c (CPython 3.11 prints these lines).
# Instance and __dict__ sizes, __slots__ layouts, attribute errors, bound methods,
# __init__ and __del__ (order, once, resurrection), __bases__ and __mro__, and the
# collector's counts.
import gc
import io
import sys
import weakref


def show_error(f):
    try:
        f()
        print("no exception")
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


def new_class(name, slots):
    ns = {} if slots is None else {"__slots__": slots}
    return type(name, (), ns)


# --------------------------------------------------------------------- sizes
Plain = new_class("Plain", None)
for n in (0, 1, 2, 5):
    o = Plain()
    for i in range(n):
        setattr(o, f"a{i}", i)
    print(f"getsizeof(Plain() with {n} attrs) = {sys.getsizeof(o)}")
print(f"getsizeof(Plain) = {sys.getsizeof(Plain)}")

LAYOUTS = [(), ("a",), ("a", "b"), ("e", "d", "c", "b", "a"),
           ("__weakref__",), ("a", "__weakref__"), ("a", "b", "__weakref__"),
           ("a", "b", "c", "d", "e", "__weakref__"),
           ("__dict__",), ("a", "__dict__"), ("a", "b", "__dict__"), ("a", "b", "c", "d", "e", "__dict__")]
for slots in LAYOUTS:
    S = new_class("S", slots)
    print(f"__slots__ = {slots}: getsizeof {sys.getsizeof(S())}, basicsize {S.__basicsize__}, "
          f"weakrefoffset {S.__weakrefoffset__}, dictoffset {S.__dictoffset__}")
S5 = new_class("S5", ("e", "d", "c", "b", "a", "__weakref__"))
print("S5.c =", S5.c)
print("getsizeof(class with __slots__ = ()) =", sys.getsizeof(new_class("E", ())))

# ---------------------------------------------------------------- __dict__ sizes
P2 = new_class("P2", None)


def p2_init(self, a, b):
    self.a = a
    self.b = b


P2.__init__ = p2_init
objs = []
sizes = []
for k in range(1, 32):
    o = P2(k, -k)
    objs.append(o)
    sizes.append(sys.getsizeof(vars(o)))
print("getsizeof(vars(P2(...))), k = 1..31:", " ".join(map(str, sizes)))
print("first instance again:", sys.getsizeof(objs[0].__dict__))
print("vars(objs[4]) =", vars(objs[4]))
del objs

E = new_class("E", None)
print("fresh class, first instance:", sys.getsizeof(E().__dict__))
F = new_class("F", None)
fs = [F() for _ in range(3)]
print("three instances:", [sys.getsizeof(f.__dict__) for f in fs])
Q = new_class("Q", None)
q = Q()
for i in range(42):
    setattr(q, f"a{i}", i)
print("42 attributes:", sys.getsizeof(q.__dict__), len(vars(q)))

# ------------------------------------------------------------------- errors
C = new_class("C", None)
S = new_class("S", ("y", "x"))
c, s = C(), S()
show_error(lambda: c.x)
show_error(lambda: delattr(c, "x"))
show_error(lambda: s.x)
show_error(lambda: delattr(s, "x"))
show_error(lambda: setattr(s, "z", 1))
show_error(lambda: s.__dict__)
show_error(lambda: weakref.ref(s))
show_error(lambda: C(1))
show_error(lambda: new_class("B", ("__dict__", "__dict__")))
show_error(lambda: new_class("B", ("__weakref__", "__weakref__")))
show_error(lambda: new_class("B", ("a b",)))

# ------------------------------------------------------------------- binding


def m(self, *args):
    return len(args)


C.m = m
print("repr(c.m) =", repr(c.m))
print("c.m(1, 2) =", c.m(1, 2))
print("c.m is c.m:", c.m is c.m, "c.m == c.m:", c.m == c.m)
print("C.m is m:", C.m is m)
print("getsizeof(c.m) =", sys.getsizeof(c.m))
print("repr(C) =", repr(C))
print("repr(c) =", repr(c))

# -------------------------------------------------------------------- __del__
Node = new_class("Node", None)


def node_init(self, name):
    self.name = name


def node_del(self):
    print("__del__", self.name)


Node.__init__ = node_init
Node.__del__ = node_del
gc.collect()
print("refcount death:")
nodes = [Node("n1"), Node("n2"), Node("n3")]
del nodes
print("cycle a <-> b:")
a, b = Node("A"), Node("B")
a.other, b.other = b, a
del a, b
print("gc.collect() =", gc.collect())
print("created B then A:")
b, a = Node("B"), Node("A")
a.other, b.other = b, a
del b, a
print("gc.collect() =", gc.collect())
print("with vars() touched:")
a, b = Node("A"), Node("B")
a.other, b.other = b, a
vars(a), vars(b)
del a, b
print("gc.collect() =", gc.collect())
print("self cycle:")
n = Node("self")
n.me = n
n = None
print("gc.collect() =", gc.collect(), "garbage =", gc.garbage)
print("plain cycle, no __del__:", end=" ")
p, r = Plain(), Plain()
p.other, r.other = r, p
del p, r
print(gc.collect())
print("slotted cycle:", end=" ")
SO = new_class("SO", ("other",))
p, r = SO(), SO()
p.other, r.other = r, p
del p, r
print(gc.collect())

keep = []
Res = new_class("Res", None)


def res_del(self):
    print("Res.__del__")
    keep.append(self)


Res.__del__ = res_del
print("resurrection:")
o = Res()
del o
print("kept:", len(keep))
keep.clear()
print("after clearing the list: no second __del__")
print("resurrection in a cycle:")
o = Res()
o.me = o
del o
print("gc.collect() =", gc.collect(), "kept:", len(keep))
keep[0].me = None
keep.clear()
print("gc.collect() =", gc.collect())


def bad_del(self):
    raise ValueError("boom")


Bad = new_class("Bad", None)
Bad.__del__ = bad_del
o = Bad()
sys.stderr, saved = io.StringIO(), sys.stderr   # "Exception ignored in: ..." goes there
del o
sys.stderr = saved
print("after a failing __del__")

# ---------------------------------------------------------- __bases__ and __mro__
Point = new_class("Point", ("x", "y"))
print("Point.__bases__ =", Point.__bases__)
print("Point.__mro__ =", Point.__mro__)
print("Point.__mro__[0] is Point:", Point.__mro__[0] is Point,
      "Point.__mro__ is Point.__mro__:", Point.__mro__ is Point.__mro__)
print("getrefcount(Point) - 1 =", sys.getrefcount(Point) - 1, "(the name, the mro, two member descriptors)")
print("gc.get_referents(Point):", [type(r).__name__ for r in gc.get_referents(Point)])
show_error(lambda: setattr(Point, "__mro__", ()))
show_error(lambda: delattr(Point, "__mro__"))

# A dropped class is cyclic garbage. Class statements, compiled once: the code
# keeps each __slots__ tuple alive, as a module's code does. Only the collections
# asked for run.
SPECS = [None, (), ("x",), ("x", "y"), ("__weakref__",), ("__dict__",), ("x", "__dict__", "__weakref__")]
CLASS_CODE = [compile("class C:\n    " + ("pass" if s is None else f"__slots__ = {s!r}") + "\n", "<C>", "exec")
              for s in SPECS]
gc.disable()
for slots, code in zip(SPECS, CLASS_CODE):
    found = []
    for collect_first in (False, True):
        gc.collect()
        ns = {}
        exec(code, ns)
        if collect_first:
            gc.collect()
        del ns["C"]
        found.append(gc.collect())
    label = "no __slots__" if slots is None else f"__slots__ = {slots}"
    print(f"del C, {label}: gc.collect() = {found[0]}, {found[1]} if collected before")
gc.enable()
