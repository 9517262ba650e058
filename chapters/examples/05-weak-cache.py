# The same cache holding weak references: the objects die with their names, and
# the set keeps dead references, which answer None.
import weakref


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


c1 = C(10)
c2 = C(11)
cache = set()
cache.add(weakref.ref(c1))
cache.add(weakref.ref(c2))
print("alive:", sorted(r().x for r in cache))
print("c1 = None:")
c1 = None
print("c2 = None:")
c2 = None
print(cache)
print("len(cache) ->", len(cache))
print("cache.pop()() is None ->", cache.pop()() is None)
print("len(cache) ->", len(cache))
