# The reference count of one list, as names and containers take and drop references.
# ctypes reads the count from the object's header (the first 8 bytes at id(a)).
import ctypes


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


a = []
addr = id(a)
print("a = []               count:", refcount(addr))
b = a
print("b = a                count:", refcount(addr))
c = [a, a]
print("c = [a, a]           count:", refcount(addr))
d = {"key": a}
print("d = {'key': a}       count:", refcount(addr))
del c
print("del c                count:", refcount(addr))
b = None
print("b = None             count:", refcount(addr))
del d["key"]
print("del d['key']         count:", refcount(addr))
