# The debug hooks (run with PYTHONMALLOC=debug): the bytes around a live block
# of 13, read with ctypes, and what the padding does to a float's size class.
import ctypes
import os
import sys
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "py"))
import pools

api = ctypes.pythonapi
api.PyMem_Malloc.restype = ctypes.c_void_p
api.PyMem_Malloc.argtypes = [ctypes.c_size_t]
api.PyMem_Free.argtypes = [ctypes.c_void_p]


def show(label, b):
    print(f"{label:8}", " ".join(f"{x:02x}" for x in b))


p = api.PyMem_Malloc(13)
b = ctypes.string_at(p - 16, 16 + 13 + 8)
show("size:", b[0:8])
show("api:", b[8:9])
show("before:", b[9:16])
show("data:", b[16:29])
show("after:", b[29:37])
print("serial:  (none)")
api.PyMem_Free(p)

keep = [i + 0.5 for i in range(100)]    # the free list's floats
before = pools.take()
keep = keep + [i + 0.5 for i in range(1000)]
after = pools.take()
for c, size, _ in pools.changed(before, after, at_least=1000):
    print(f"a float's block: class {c} ({size} bytes)")
