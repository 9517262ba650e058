# Three ways to cache a method's results, 1000 instances each, measured by the
# tracer: what stays allocated, and how many instances stay alive, once the program
# has dropped them all; then after a collection.
import gc
import tracemalloc
import weakref
from functools import lru_cache

alive = 0


class Base:
    def __init__(self, num):
        global alive
        alive += 1
        self.num = num

    def __del__(self):
        global alive
        alive -= 1


class OnMethod(Base):
    @lru_cache(maxsize=None)
    def calculate(self, power):
        return self.num**power


class PerInstance(Base):
    def __init__(self, num):
        super().__init__(num)
        self.calculate = lru_cache(maxsize=None)(self._calculate)

    def _calculate(self, power):
        return self.num**power


_results = weakref.WeakKeyDictionary()


class WeakKeyed(Base):
    def calculate(self, power):
        per_instance = _results.setdefault(self, {})
        if power not in per_instance:
            per_instance[power] = self.num**power
        return per_instance[power]


gc.disable()
tracemalloc.start()
for cls in (OnMethod, PerInstance, WeakKeyed):
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    objs = [cls(n) for n in range(1000)]
    for o in objs:
        o.calculate(3)
    del objs, o
    held = tracemalloc.get_traced_memory()[0] - before
    print(f"{cls.__name__}: alive {alive}")
    print(f"  traced memory held by {cls.__name__}: {held // 1024} KiB")
    print(f"  gc.collect() -> {gc.collect()}; alive {alive} ({cls.__name__})")
    if cls is OnMethod:
        OnMethod.calculate.cache_clear()
        print(f"  after cache_clear(): alive {alive}")
tracemalloc.stop()
