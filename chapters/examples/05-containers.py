# The weak containers: their entries vanish when their objects die.
import weakref


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


c1 = C(10)
c2 = C(11)
cache = weakref.WeakKeyDictionary()
cache[c1] = hash(c1)
cache[c2] = hash(c2)
print(list(cache.items()))
c1 = None
c2 = None
print(list(cache.items()))

a = C(1)
b = C(2)
wvd = weakref.WeakValueDictionary()
wvd["a"] = a
wvd["b"] = b
ws = weakref.WeakSet([a, b])
f = weakref.finalize(a, print, "finalize: a is gone")
print("len(wvd), len(ws), f.alive ->", len(wvd), len(ws), f.alive)
print("del a:")
del a
print("len(wvd), len(ws), f.alive ->", len(wvd), len(ws), f.alive)
print("list(wvd) ->", list(wvd), "; wvd.get('a') ->", wvd.get("a"))
print("del b:")
del b
print("len(wvd), len(ws) ->", len(wvd), len(ws))
