# The Python twin of weakrefs.c (facts §5): run with PYTHONHASHSEED=0 under CPython 3.11.
# Reference counts are printed as sys.getrefcount(o) - 1, which is what
# MoSys_GetRefCount(o) reports in C (no +1 for the call's own argument).
import gc
import sys
import weakref


class C:
    pass


class Slotted:
    __slots__ = ("a",)


class SlottedWeak:
    __slots__ = ("a", "__weakref__")


def show_exc(label, f):
    try:
        f()
        print(f"{label}: no exception")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")


print("-- which objects can be weakly referenced")
for label, obj in [("1000", 1000), ("'abc'", "abc"), ("(1,)", (1,)), ("[]", []), ("{}", {}), ("None", None),
                   ("1.5", 1.5), ("b'x'", b"x"), ("Slotted()", Slotted())]:
    show_exc(f"ref({label})", lambda: weakref.ref(obj))
for label, obj in [("set()", set()), ("frozenset()", frozenset()), ("C()", C()), ("SlottedWeak()", SlottedWeak()),
                   ("len", len)]:
    r = weakref.ref(obj)
    print(f"ref({label})() is obj: {r() is obj}")

print("-- no strong reference, one shared basic ref")
o = C()
print("refcount before:", sys.getrefcount(o) - 1)
r = weakref.ref(o)
print("refcount after ref(o):", sys.getrefcount(o) - 1)
print("r() is o:", r() is o)
print("ref(o) is ref(o):", weakref.ref(o) is weakref.ref(o))
cb = lambda ref: None
print("ref(o, cb) is ref(o, cb):", weakref.ref(o, cb) is weakref.ref(o, cb))
p = weakref.proxy(o)
print("proxy(o) is proxy(o):", weakref.proxy(o) is p)
print("getsizeof(ref), getsizeof(proxy):", sys.getsizeof(r), sys.getsizeof(p))
print("repr(r):", repr(r))
print("repr(p):", repr(p))
p.x = 5
print("p.x = 5 -> o.x:", o.x)
w1 = weakref.ref(o, cb)
w2 = weakref.ref(o, cb)
print("getweakrefcount(o):", weakref.getweakrefcount(o))
print("hash(r) == hash(o):", hash(r) == hash(o))
del w1, w2
del o
print("after del o: r() is None:", r() is None)
print("repr(r):", repr(r))
show_exc("p.x", lambda: p.x)
show_exc("hash(dead ref never hashed)", lambda: hash(weakref.ref(C())))
show_exc("hash(p)", lambda: hash(weakref.proxy(set())))

print("-- callbacks: newest first")
log = []
o = C()
refs = [weakref.ref(o, lambda ref, n=n: log.append(n)) for n in ("cb1", "cb2", "cb3")]
plain = weakref.ref(o)
f = weakref.finalize(o, log.append, "finalize")
print("finalize alive:", f.alive)
del o
print("calls:", log)
print("finalize alive:", f.alive)

print("-- the callback gets the dead reference itself")
o = C()
def check(ref):
    print("ref is w:", ref is w, "; ref() is None:", ref() is None)
w = weakref.ref(o, check)
del o

print("-- __del__ and callbacks")
class D:
    def __del__(self):
        log.append("__del__")
log = []
d = D()
w = weakref.ref(d, lambda ref: log.append("weakref callback"))
del d
print("refcount death:", log)
log = []
d = D()
d.self = d
w = weakref.ref(d, lambda ref: log.append("weakref callback"))
del d
gc.collect()
print("cyclic garbage:", log)

print("-- weakrefs to cyclic trash")
gc.collect()
log = []
a, b = C(), C()
a.other, b.other = b, a
w_out = weakref.ref(a, lambda ref: log.append("outside"))
del a, b
print("outside: collect ->", gc.collect(), "; calls:", log, "; w_out() is None:", w_out() is None)
log = []
a, b = C(), C()
a.other, b.other = b, a
a.w = weakref.ref(b, lambda ref: log.append("inside"))
del a, b
print("inside: collect ->", gc.collect(), "; calls:", log)
log = []
a, b = C(), C()
a.other, b.other = b, a
a.w = weakref.ref(b, lambda ref: log.append("inside"))
w_out = weakref.ref(b, lambda ref: log.append("outside"))
del a, b
print("both: collect ->", gc.collect(), "; calls:", log)

print("-- WeakValueDictionary")
wvd = weakref.WeakValueDictionary()
o1, o2 = C(), C()
wvd["a"] = o1
wvd["b"] = o2
print("len:", len(wvd))
del o1
print("after del o1: len", len(wvd), "; keys", list(wvd.keys()))
show_exc("wvd['x'] = 42", lambda: wvd.__setitem__("x", 42))
print("wvd.get('a'):", wvd.get("a"))
show_exc("wvd['a']", lambda: wvd["a"])

print("-- WeakKeyDictionary")
wkd = weakref.WeakKeyDictionary()
k1, k2 = C(), C()
wkd[k1] = 1
wkd[k2] = 2
del k1
print("after del k1: len", len(wkd))
show_exc("wkd['strkey'] = 1", lambda: wkd.__setitem__("strkey", 1))
k3 = C()
k3.self = k3
wkd[k3] = 3
print("with a key in a self-cycle: len", len(wkd))
del k3
print("after del k3: len", len(wkd))
gc.collect()
print("after gc.collect(): len", len(wkd))

print("-- WeakSet")
ws = weakref.WeakSet()
a, b = C(), C()
ws.add(a)
ws.add(b)
del a
print("after del a: len", len(ws))
show_exc("ws.add(1)", lambda: ws.add(1))

print("-- deaths during an iteration")
objs = {i: C() for i in range(4)}
wvd = weakref.WeakValueDictionary(objs)
seen = []
for k in wvd.keys():
    seen.append(k)
    if k == 0:
        del objs[1], objs[2]
print("seen:", seen, "; len after:", len(wvd))

print("-- a strong cache keeps, a weak one lets go")
cache = set()
weak_cache = weakref.WeakKeyDictionary()
for i in range(2):
    obj = C()
    cache.add(obj)
    weak_cache[obj] = i
del obj
print("set cache: len", len(cache), "; WeakKeyDictionary: len", len(weak_cache))
cache.clear()
print("after clearing the set: WeakKeyDictionary len", len(weak_cache))
