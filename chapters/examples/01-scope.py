# A count goes down on del, on rebinding and when a function's locals die at its
# return; the object is freed the moment it reaches zero. Node says when it dies.
import ctypes


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):               # CPython calls it when the count reaches zero
        print(f"    (Node {self.name!r} freed)")


def f(arg):
    local = Node("local")            # only f's frame refers to it
    print("  in f: count of a =", refcount(id(arg)))
    alias = arg
    print("  in f, after alias = arg: count of a =", refcount(id(arg)))
    print("  f returns")


a = Node("a")
print("a = Node('a'): count of a =", refcount(id(a)))
print("f(a)")
f(a)
print("after f(a): count of a =", refcount(id(a)))
x = Node("x")
print("x = Node('y')")
x = Node("y")                        # rebinding drops the reference to 'x'
print("del x")
del x
items = [Node("in a list")]
print("del items[0]")
del items[0]
print("del a")
del a
print("end")
