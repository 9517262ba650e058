# A list that contains itself. ctypes reads the count from the object's header,
# which stays readable after `del a` because the list is not freed.
import ctypes
import gc


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


gc.collect()
a = [1, 2]
a.append(a)
print("print(a)           ", a)
print("a[2][2][2][2][1]   ", a[2][2][2][2][1])
addr = id(a)
print("count with the name:", refcount(addr))
del a
print("count after del a  :", refcount(addr))
print("gc.collect()       :", gc.collect())
print("gc.collect() again :", gc.collect())
