# functools.lru_cache on a method: the cache's keys hold self, so dropping the last
# name frees nothing, and the collector finds nothing to collect (it is not a
# cycle). cache_clear() releases the keys, and the instance dies inside it.
import gc
from functools import lru_cache


class Calculator:
    def __init__(self, num):
        self.num = num

    @lru_cache(maxsize=20)
    def calculate(self, power):
        print("doing heavy work...")
        return self.num**power

    def __del__(self):
        print(f"Deleting object: {self}")


c = Calculator(20)
for _ in range(4):
    print(c.calculate(3))
print("c = None:")
c = None
print(Calculator.calculate.cache_info())
print("gc.collect() ->", gc.collect())
print("Calculator.calculate.cache_clear():")
Calculator.calculate.cache_clear()
print(Calculator.calculate.cache_info())
