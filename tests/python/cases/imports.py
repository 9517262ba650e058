# import of the built-in modules.
# --- import sys
import sys
print(type(sys.getrefcount([])).__name__)
# --- import as
import gc as collector
print(collector.isenabled())
# --- from import
from weakref import ref
class T:
    pass
t = T()
r = ref(t)
print(r() is t)
# --- from import several names
from itertools import count, islice
print(list(islice(count(5), 3)))
# --- functools
from functools import lru_cache
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), fib.cache_info())
# --- a module is an object
import itertools
print(type(itertools).__name__, itertools.__name__)
# --- importing twice gives the same module
import itertools as again
print(again is itertools)
# --- ctypes
import ctypes
print(ctypes.sizeof(ctypes.c_ssize_t), ctypes.c_long(7).value)
# --- tracemalloc
import tracemalloc
print(tracemalloc.is_tracing())
# --- sys.modules holds imported modules
print("itertools" in sys.modules)
# --- import inside a function is local
def local_import():
    import gc
    return gc.isenabled()
print(local_import(), "gc" in dir())
