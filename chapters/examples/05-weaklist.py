# Where an object keeps its weak references: the type says at which offset
# (__weakrefoffset__, CPython's tp_weaklistoffset; 0 means none), and the object
# holds there the head of a list of them. Four references to one object, then its
# death: every reference is cleared before any callback runs.
import weakref


class C:
    pass


class S:
    __slots__ = ("a", "__weakref__")


for cls in (C, S):
    print(f"{cls.__name__}: __weakrefoffset__ {cls.__weakrefoffset__}"
          f" of __basicsize__ {cls.__basicsize__}")
print("set:", set.__weakrefoffset__, "; int:", int.__weakrefoffset__)
o = C()
r = weakref.ref(o)
p = weakref.proxy(o)
r1 = weakref.ref(o, lambda ref: print("callback 1: r(), r1(), r2() ->",
                                      r(), r1(), r2()))
r2 = weakref.ref(o, lambda ref: print("callback 2: r(), r1(), r2() ->",
                                      r(), r1(), r2()))
print("getweakrefcount(o) ->", weakref.getweakrefcount(o))
print("del o:")
del o
print("after: r() is None ->", r() is None)
