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


print("-- one instance")
c = Calculator("c1")
print("c.calculate(21) ->", c.calculate(21))
print("Calculator.calculate.cache_info() ->", Calculator.calculate.cache_info())
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
print("alive =", alive(probes), ";", Calculator.calculate.cache_info())
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
print("alive =", alive(probes), ";", Bounded.calculate.cache_info())
print("cache_clear():")
Bounded.calculate.cache_clear()
print("after cache_clear: alive =", alive(probes))

print("-- cache_info() is a named tuple")


@functools.lru_cache(maxsize=128)
def square(x):
    return x * x


for x in (1, 2, 1):
    square(x)
ci = square.cache_info()
print(ci)
print("repr:", repr(ci))
print("type:", type(ci).__name__, "; a tuple:", isinstance(ci, tuple), "; len:", len(ci), "; getsizeof:", sys.getsizeof(ci))
print("ci.hits, ci.misses, ci.maxsize, ci.currsize ->", ci.hits, ci.misses, ci.maxsize, ci.currsize)
print("ci[0] ->", ci[0])
print("ci[-1] ->", ci[-1])
print("ci == (1, 2, 128, 2) ->", ci == (1, 2, 128, 2))
print("hash(ci) == hash((1, 2, 128, 2)) ->", hash(ci) == hash((1, 2, 128, 2)))
print("tuple(ci) ->", tuple(ci))
print("ci._asdict() ->", ci._asdict())
try:
    ci.foo
except AttributeError as e:
    print("ci.foo -> AttributeError:", e)
try:
    ci.hits = 0
except AttributeError as e:
    print("ci.hits = 0 -> AttributeError:", e)
unbounded = functools.lru_cache(maxsize=None)(square.__wrapped__)
unbounded(3)
print(unbounded.cache_info())
print("maxsize is None ->", unbounded.cache_info().maxsize is None)
