# When a weakref callback runs and when __del__ does: outside a cycle, the count
# reaches zero and __del__ runs first; inside a cycle, the collector clears the
# weak references and calls their callbacks first, then the finalizers. A weak
# reference that is itself part of the garbage never calls back.
import gc


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name)


def callback(ref):
    print("  callback: referent gone ->", ref() is None)


import weakref

print("1. no cycle: del o")
o = D("o")
w = weakref.ref(o, callback)
del o

print("2. a cycle, the weakref outside it")
a, b = D("a"), D("b")
a.other, b.other = b, a
w_out = weakref.ref(a, callback)
del a, b
print("  gc.collect() ->", gc.collect())

print("3. a cycle, the weakref inside it")
a, b = D("a"), D("b")
a.other, b.other = b, a
a.w = weakref.ref(b, lambda ref: print("  inner callback"))
del a, b
print("  gc.collect() ->", gc.collect())
