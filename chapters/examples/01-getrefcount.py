# sys.getrefcount reports one more than the header holds: its own argument is a
# reference too. Reading the header with ctypes has no such artifact.
import ctypes
import sys


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


def count_inside(obj):
    return sys.getrefcount(obj)


a = []
print("header count of a:      ", refcount(id(a)))
print("sys.getrefcount(a):     ", sys.getrefcount(a))
b = a
print("after b = a, header:    ", refcount(id(a)))
print("after b = a, getrefcount:", sys.getrefcount(a))
print("count_inside(a):        ", count_inside(a))
one = 1
print("refcount of 1 > 999999999:", refcount(id(one)) > 999999999)
print("refcount of 1:          ", refcount(id(one)))
