# The Python twin of lru_leak.c (facts §6): lru_cache on a method keeps self alive.
# Run with PYTHONHASHSEED=0 under CPython 3.11.
# Reference counts are printed as sys.getrefcount(c) - 1, which is what
# MoSys_GetRefCount(c) reports in C (Python's count includes the call's argument).
import functools
import gc
import sys
import weakref


class Calculator:
    def __init__(self, name):
        self.name = name

    @functools.lru_cache(maxsize=None)
    def calculate(self, x):
        return x * 2

    def __del__(self):
        print(f"  Calculator {self.name} __del__")


def alive(probes):
    return sum(p() is not None for p in probes)


def info(ci):
    return f"CacheInfo(hits={ci.hits}, misses={ci.misses}, maxsize={ci.maxsize}, currsize={ci.currsize})"


print("-- one instance")
c = Calculator("c1")
print("c.calculate(21) ->", c.calculate(21))
print("Calculator.calculate.cache_info() ->", info(Calculator.calculate.cache_info()))
print("getrefcount(c) - 1 ->", sys.getrefcount(c) - 1, "(the name c + the cache key (c, 21))")
probe = weakref.ref(c)
del c
print("after del c: probe() alive ->", probe() is not None)
print("gc.collect() ->", gc.collect(), "; probe() alive ->", probe() is not None)
print("referrers of the instance:", [type(r).__name__ for r in gc.get_referrers(probe())])
print("Calculator.calculate.cache_clear():")
Calculator.calculate.cache_clear()
print("after cache_clear: probe() alive ->", probe() is not None)

print("-- 3 instances x 2 args")
probes = []
for i in range(3):
    c = Calculator(f"m{i}")
    c.calculate(1)
    c.calculate(2)
    probes.append(weakref.ref(c))
del c
print("alive =", alive(probes), ";", info(Calculator.calculate.cache_info()))
print("cache_clear():")
Calculator.calculate.cache_clear()
print("after cache_clear: alive =", alive(probes))


class Bounded:
    def __init__(self, name):
        self.name = name

    @functools.lru_cache(maxsize=2)
    def calculate(self, x):
        return x * 2

    def __del__(self):
        print(f"  Bounded {self.name} __del__")


print("-- maxsize=2, 5 instances created and dropped")
probes = []
for i in range(5):
    b = Bounded(f"b{i}")
    print(f"b{i}.calculate(1) ->", b.calculate(1))
    probes.append(weakref.ref(b))
    del b
print("alive =", alive(probes), ";", info(Bounded.calculate.cache_info()))
print("cache_clear():")
Bounded.calculate.cache_clear()
print("after cache_clear: alive =", alive(probes))
