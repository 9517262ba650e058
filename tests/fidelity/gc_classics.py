# The Python twin of gc_classics.c: the classic programs of the cyclic collector
# (facts §4 "Classic programs", §5 "Weakrefs and cyclic trash"), run with
# PYTHONHASHSEED=0 under CPython 3.11. Each section starts with a clean
# gc.collect(), whose result is not printed (the interpreter's own garbage).
import gc
import weakref


class Node:
    def __del__(self):
        print("__del__", self.name)


class Plain:
    pass


class Slotted:
    __slots__ = ("other",)


class C:
    def __del__(self):
        print("C.__del__ called")


saved = []


class Res:
    def __del__(self):
        print("Res.__del__")
        saved.append(self)


def section(title):
    gc.collect()
    print("--", title)


section("(a) two instances with __del__ in a cycle")
a = Node()
a.name = "A"
b = Node()
b.name = "B"
a.other = b
b.other = a
del a, b
print("after del")
print("collect:", gc.collect())

section("(a') created B first")
b = Node()
b.name = "B"
a = Node()
a.name = "A"
a.other = b
b.other = a
del b, a
print("collect:", gc.collect())

section("(a'') both __dict__s materialised")
a = Node()
a.name = "A"
b = Node()
b.name = "B"
a.other = b
b.other = a
vars(a)
vars(b)
del a, b
print("collect:", gc.collect())

section("(b) a = [1, 2]; a.append(a)")
a = [1, 2]
a.append(a)
del a
print("collect:", gc.collect())

section("(c) instance self-cycle with __del__")
c = C()
c.cr = c
c = None
print("collect:", gc.collect())
print("garbage:", gc.garbage)

section("(d) plain pair")
p = Plain()
q = Plain()
p.other = q
q.other = p
del p, q
print("collect:", gc.collect())

section("(d) plain pair, __dict__s touched")
p = Plain()
q = Plain()
p.other = q
q.other = p
p.__dict__
q.__dict__
del p, q
print("collect:", gc.collect())

section("(d) slotted pair")
p = Slotted()
q = Slotted()
p.other = q
q.other = p
del p, q
print("collect:", gc.collect())

section("(d) two lists")
x = []
y = [x]
x.append(y)
del x, y
print("collect:", gc.collect())

section("(d) d['self'] = d")
d = {}
d["self"] = d
del d
print("collect:", gc.collect())

section("(e) __del__ resurrects")
r = Res()
r.cr = r
del r
print("collect:", gc.collect())
print("saved:", len(saved), "finalized:", gc.is_finalized(saved[0]))
saved.clear()
print("collect after dropping it again:", gc.collect())

section("DEBUG_SAVEALL")
gc.set_debug(gc.DEBUG_SAVEALL)
l = [1]
l.append(l)
p = Plain()
q = Plain()
p.other = q
q.other = p
del l, p, q
print("collect:", gc.collect())
print("garbage:", len(gc.garbage), [type(o).__name__ for o in gc.garbage])
gc.set_debug(0)
gc.garbage.clear()
print("collect again:", gc.collect())


def cb_out(ref):
    print("outside callback, referent:", ref())


def cb_in(ref):
    print("inside callback")


section("weakref outside the cycle")
a = Plain()
b = Plain()
a.other = b
b.other = a
w_out = weakref.ref(a, cb_out)
del a, b
print("collect:", gc.collect())
print("w_out() is None:", w_out() is None)
del w_out

section("weakref inside the cycle")
a = Plain()
b = Plain()
a.other = b
b.other = a
a.w = weakref.ref(b, lambda ref: print("inside callback"))
del a, b
print("collect:", gc.collect())

section("weakrefs inside and outside, to the same object")
a = Plain()
b = Plain()
a.other = b
b.other = a
w_out = weakref.ref(b, cb_out)
a.w = weakref.ref(b, lambda ref: print("inside callback"))
del a, b
print("collect:", gc.collect())
del w_out

section("callbacks run before __del__ in a collection")
a = Node()
a.name = "A"
a.self = a
w_out = weakref.ref(a, cb_out)
del a
print("collect:", gc.collect())
del w_out

section("is_tracked")
print("1:", gc.is_tracked(1), "'abc':", gc.is_tracked("abc"), "None:", gc.is_tracked(None))
print("[]:", gc.is_tracked([]), "set():", gc.is_tracked(set()), "{}:", gc.is_tracked({}))
print("Plain():", gc.is_tracked(Plain()), "Slotted():", gc.is_tracked(Slotted()))
t = tuple([1, 2])
d = {"a": []}
print("tuple([1, 2]):", gc.is_tracked(t), "{'a': []}:", gc.is_tracked(d))
d["a"] = 1
gc.collect(0)
print("after collect(0):", gc.is_tracked(t), gc.is_tracked(d))
gc.collect(1)
print("after collect(1):", gc.is_tracked(t), gc.is_tracked(d))
gc.collect(2)
print("after collect(2):", gc.is_tracked(t), gc.is_tracked(d))
del t, d

section("get_stats, threshold, get_referents")
stats = gc.get_stats()
print("len:", len(stats), "keys:", list(stats[0]))
print("threshold:", gc.get_threshold())
print("referents of [1, 'a', None]:", gc.get_referents([1, "a", None]))


def show_phase(phase, info):
    print(phase, info)


section("gc.callbacks")
gc.callbacks.append(show_phase)
x = []
y = [x]
x.append(y)
del x, y
print("collect:", gc.collect())
gc.callbacks.remove(show_phase)
