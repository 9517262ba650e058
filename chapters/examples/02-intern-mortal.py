# Interning is mortal in 3.11: the intern table holds no reference, so a count
# read from the header does not move when a string is interned. Attribute names
# are interned for you; dict keys are not.
import ctypes
import sys


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


s = "".join(["mortal", "_name"])
print("refcount of s:", refcount(id(s)))
t = sys.intern(s)
print("sys.intern(s) is s:", t is s)
print("refcount of s, now also named t:", refcount(id(s)))
del t
print("refcount after del t:", refcount(id(s)))
u = sys.intern("".join(["mortal", "_", "name"]))
print("sys.intern(an equal string) is s:", u is s)
del u


class O:
    pass


o = O()
setattr(o, "".join(["my", "_attr"]), 1)
key = next(iter(vars(o)))
print("attribute name is interned:", sys.intern("".join(["my", "_attr"])) is key)
d = {}
d["".join(["my", "_key"])] = 1
dkey = next(iter(d))
print("dict key is interned:", sys.intern("".join(["my", "_key"])) is dkey)
