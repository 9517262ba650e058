# A weak reference: calling it gives the object or None; it adds nothing to the
# count; callback-less references are shared; callbacks run newest first, each
# with its own dead reference. The count is read from the header, as in chapter 01.
import ctypes
import weakref


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


class C:
    pass


o = C()
addr = id(o)
print("count of o:", refcount(addr))
r = weakref.ref(o)
print("r() is o:", r() is o)
print("count of o after weakref.ref(o):", refcount(addr))
print("weakref.ref(o) is r:", weakref.ref(o) is r)
print(r)


def cb1(ref):
    print("cb1: called with r1:", ref is r1, "; r1() ->", ref())


def cb2(ref):
    print("cb2: called with r2:", ref is r2, "; r2() ->", ref())


r1 = weakref.ref(o, cb1)
r2 = weakref.ref(o, cb2)
print("r1 is r2:", r1 is r2, "; getweakrefcount(o):", weakref.getweakrefcount(o))
same = all(x is y for x, y in zip(weakref.getweakrefs(o), [r, r2, r1]))
print("getweakrefs(o) is [r, r2, r1]:", same)
print("del o:")
del o
print("r() ->", r())
print(r)
try:
    hash(r)
except TypeError as e:
    print("hash(r): TypeError:", e)
