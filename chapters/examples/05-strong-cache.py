# A cache of strong references keeps its objects alive: dropping the names frees
# nothing, and neither does a collection. Only emptying the cache does.
import gc


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting object: {self}")


cache = set()
c1 = C(10)
c2 = C(11)
print(c1)
print(c2)
cache.add(c1)
cache.add(c2)
c1 = None
c2 = None
print("after c1 = c2 = None, len(cache) ->", len(cache))
print("gc.collect() ->", gc.collect())
print("still cached: x =", sorted(c.x for c in cache))
print("cache.clear():")
cache.clear()
print("len(cache) ->", len(cache))
