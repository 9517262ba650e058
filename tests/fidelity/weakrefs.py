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


def node(name):
    n = C()
    n.name = name
    return n


def names(iterable):
    return [x.name for x in iterable]


def say(*args):
    print(*args)
    return len(args)


print("-- WeakValueDictionary methods")
a, b, c = node("a"), node("b"), node("c")
wvd = weakref.WeakValueDictionary()
wvd.update({"a": a, "b": b})
print("update: len", len(wvd), "; keys", list(wvd.keys()), "; values", names(wvd.values()),
      "; refcount(a):", sys.getrefcount(a) - 1)
print("items:", [(k, v.name) for k, v in wvd.items()])
print("'a' in wvd:", "a" in wvd, "; 'z' in wvd:", "z" in wvd, "; __contains__('b'):", wvd.__contains__("b"))
show_exc("[] in wvd", lambda: [] in wvd)
print("get('a'):", wvd.get("a").name, "; get('z'):", wvd.get("z"), "; get('z', 0):", wvd.get("z", 0))
show_exc("get()", lambda: wvd.get())
show_exc("get('a', 1, 2)", lambda: wvd.get("a", 1, 2))
print("setdefault('c', c):", wvd.setdefault("c", c).name, "; again with b:", wvd.setdefault("c", b).name)
show_exc("setdefault('d')", lambda: wvd.setdefault("d"))
print("pop('c'):", wvd.pop("c").name, "; len", len(wvd), "; pop('c', 'gone'):", wvd.pop("c", "gone"))
show_exc("pop('c')", lambda: wvd.pop("c"))
show_exc("pop()", lambda: wvd.pop())
del b
print("after del b: pop('b', 'dead'):", wvd.pop("b", "dead"))
g = wvd.keys()
print("keys():", repr(g), "; iter():", repr(iter(wvd)))
wvd["late"] = c
print("a generator starts at its first next():", list(g))
cp = wvd.copy()
print("copy:", repr(cp), "; is wvd:", cp is wvd, "; keys", list(cp.keys()), "; refcount(a):", sys.getrefcount(a) - 1)
k, v = wvd.popitem()
print("popitem:", k, v.name, "; len", len(wvd))
del k, v
wvd.clear()
print("clear: len", len(wvd), "; the copy keeps", len(cp))
show_exc("popitem() when empty", lambda: wvd.popitem())
show_exc("update([1])", lambda: wvd.update([1]))
show_exc("update({'k': 1})", lambda: wvd.update({"k": 1}))
show_exc("copy(1)", lambda: wvd.copy(1))
show_exc("clear(1)", lambda: wvd.clear(1))
show_exc("keys(1)", lambda: wvd.keys(1))
del a, c
print("after del a, c: the copy has", len(cp))

print("-- WeakKeyDictionary methods")
k1, k2, k3 = node("k1"), node("k2"), node("k3")
wkd = weakref.WeakKeyDictionary()
wkd.update({k1: 1, k2: 2})
print("update: len", len(wkd), "; keys", names(wkd.keys()), "; values", list(wkd.values()),
      "; refcount(k1):", sys.getrefcount(k1) - 1)
print("items:", [(k.name, v) for k, v in wkd.items()])
print("k1 in wkd:", k1 in wkd, "; k3 in wkd:", k3 in wkd, "; 'str' in wkd:", "str" in wkd)
print("get(k1):", wkd.get(k1), "; get(k3):", wkd.get(k3), "; get(k3, 0):", wkd.get(k3, 0))
show_exc("get('str')", lambda: wkd.get("str"))
print("setdefault(k3, 3):", wkd.setdefault(k3, 3), "; again with 30:", wkd.setdefault(k3, 30))
show_exc("setdefault()", lambda: wkd.setdefault())
print("pop(k3):", wkd.pop(k3), "; pop(k3, 'gone'):", wkd.pop(k3, "gone"))
show_exc("pop(k3)", lambda: wkd.pop(k3))
show_exc("pop(k3, 1, 2)", lambda: wkd.pop(k3, 1, 2))
show_exc("pop('str', 1)", lambda: wkd.pop("str", 1))
print("keys():", repr(wkd.keys()), "; items():", repr(wkd.items()))
cp = wkd.copy()
print("copy:", repr(cp), "; keys", names(cp.keys()), "; refcount(k1):", sys.getrefcount(k1) - 1)
k, v = wkd.popitem()
print("popitem:", k.name, v, "; len", len(wkd))
del k
wkd.clear()
print("clear: len", len(wkd), "; the copy keeps", len(cp))
show_exc("popitem() when empty", lambda: wkd.popitem())
show_exc("update([(1, 2)])", lambda: wkd.update([(1, 2)]))
del k1
print("after del k1: the copy has", len(cp), "; values", list(cp.values()))

print("-- WeakSet methods")
s1, s2 = node("s1"), node("s2")
ws = weakref.WeakSet()
ws.update([s1, s2])
print("update: len", len(ws), "; s1 in ws:", s1 in ws, "; 1 in ws:", 1 in ws, "; refcount(s1):",
      sys.getrefcount(s1) - 1)
ws.discard(s2)
ws.discard(s2)
print("discard(s2) twice: len", len(ws), "; s2 in ws:", s2 in ws)
show_exc("remove(s2)", lambda: ws.remove(s2))
show_exc("discard(1)", lambda: ws.discard(1))
print("repr:", repr(ws), "; iter():", repr(iter(ws)))
cp = ws.copy()
print("copy: len", len(cp), "; is ws:", cp is ws, "; s1 in copy:", s1 in cp)
print("pop():", ws.pop().name, "; len", len(ws))
show_exc("pop() when empty", lambda: ws.pop())
show_exc("add()", lambda: ws.add())
show_exc("update(1)", lambda: ws.update(1))
ws.add(s2)
ws.remove(s2)
cp.clear()
print("remove(s2), copy cleared: len", len(ws), len(cp), "; refcount(s1):", sys.getrefcount(s1) - 1)

print("-- weakref.finalize")
n = node("n")
f = weakref.finalize(n, say, "bye", "n")
print("alive:", f.alive, "; atexit:", f.atexit, "; refcount(n):", sys.getrefcount(n) - 1)
print("repr:", repr(f))
obj, func, args, kwargs = f.peek()
print("peek:", obj is n, func is say, args, kwargs)
del obj
show_exc("peek(1)", lambda: f.peek(1))
show_exc("f.alive = False", lambda: setattr(f, "alive", False))
show_exc("del f.atexit", lambda: delattr(f, "atexit"))
show_exc("f(1, 2)", lambda: f(1, 2))
show_exc("f(x=1)", lambda: f(x=1))
f.atexit = 0
print("atexit = 0 ->", f.atexit)
f.atexit = "yes"
print("atexit = 'yes' ->", f.atexit)
print("f():", f())
print("f() again:", f())
print("alive:", f.alive, "; atexit:", f.atexit, "; peek:", f.peek(), "; detach:", f.detach())
print("repr:", repr(f))
g = weakref.finalize(n, say, "never")
d = g.detach()
print("detach:", d[0] is n, d[1] is say, d[2], d[3], "; alive:", g.alive, "; again:", g.detach())
del d
m = node("m")
weakref.finalize(m, say, "m died")
print("del m:")
del m
del n
print("after del n, g() ->", g())

print("-- finalizers at exit")
e1, e2, e3 = node("e1"), node("e2"), node("e3")
weakref.finalize(e1, say, "at exit: e1, the oldest, last")
weakref.finalize(e2, say, "never: atexit is False").atexit = False
weakref.finalize(e3, say, "at exit: e3, the newest, first")
print("end of the program")
