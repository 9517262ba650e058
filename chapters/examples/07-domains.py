# The three allocation domains, called through ctypes: 1,000 requests of each
# size, then the size class whose blocks in use grew by 1,000, if any.
import ctypes
import os
import sys
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "py"))
import pools

N = 1000
api = ctypes.pythonapi
for name in ("PyMem_RawMalloc", "PyMem_Malloc", "PyObject_Malloc"):
    getattr(api, name).restype = ctypes.c_void_p
    getattr(api, name).argtypes = [ctypes.c_size_t]
for name in ("PyMem_RawFree", "PyMem_Free", "PyObject_Free"):
    getattr(api, name).argtypes = [ctypes.c_void_p]
blocks = (ctypes.c_void_p * N)()


def requests(domain, alloc, release, n):
    before = pools.take()
    for i in range(N):
        blocks[i] = alloc(n)
    after = pools.take()
    grew = pools.changed(before, after, at_least=N)
    if grew:
        c, size, _ = grew[0]
        print(f"{domain:6} {n:3} bytes: class {c:2} ({size:3}-byte blocks)")
    else:
        print(f"{domain:6} {n:3} bytes: not from the pools")
    for i in range(N):
        release(blocks[i])


requests("raw", api.PyMem_RawMalloc, api.PyMem_RawFree, 100)
requests("mem", api.PyMem_Malloc, api.PyMem_Free, 100)
requests("object", api.PyObject_Malloc, api.PyObject_Free, 100)
requests("object", api.PyObject_Malloc, api.PyObject_Free, 1)
requests("object", api.PyObject_Malloc, api.PyObject_Free, 24)
requests("object", api.PyObject_Malloc, api.PyObject_Free, 512)
requests("object", api.PyObject_Malloc, api.PyObject_Free, 513)
requests("object", api.PyObject_Malloc, api.PyObject_Free, 0)
