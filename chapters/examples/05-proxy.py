# weakref.proxy: an object that stands for its referent without keeping it alive.
# Attribute access goes through to the referent; once it is dead, every use raises
# ReferenceError. A proxy to a callable is callable.
import weakref


class C:
    def __init__(self, x):
        self.x = x


def double(n):
    return 2 * n


o = C(10)
p = weakref.proxy(o)
print("type(p).__name__ ->", type(p).__name__)
print("p.x ->", p.x)
p.x = 11
print("after p.x = 11: o.x ->", o.x)
print("p is o:", p is o, "; weakref.proxy(o) is p:", weakref.proxy(o) is p)
print("getweakrefcount(o) ->", weakref.getweakrefcount(o))
f = weakref.proxy(double)
print("type(f).__name__ ->", type(f).__name__, "; f(21) ->", f(21))
del o
try:
    p.x
except ReferenceError as e:
    print("after del o, p.x: ReferenceError:", e)
