# The articles' MyObj pair (with the typos fixed: the class is MyObj, the
# second name obj2). Counts read from the headers with ctypes.
import ctypes
import gc


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


class MyObj:
    def __init__(self, name):
        self.name = name
        print(self.name)

    def __del__(self):
        print(self.name + " deleted")


gc.collect()
obj1 = MyObj("Obj1")
obj2 = MyObj("obj2")
obj1.ref = obj2
obj2.ref = obj1
a1, a2 = id(obj1), id(obj2)
del obj1
del obj2
print(f"after del: counts {refcount(a1)} and {refcount(a2)}")
print("gc.collect() ->", gc.collect())

obj1 = MyObj("Obj1")
obj2 = MyObj("obj2")
obj1.__dict__
obj2.__dict__
obj1.ref = obj2
obj2.ref = obj1
del obj1
del obj2
print("gc.collect() ->", gc.collect(), "(with both __dict__s)")
