# __del__ in a collection: its order, resurrection (PEP 442: a finalizer runs once),
# and what 3.11 still cannot collect: a legacy tp_del finalizer in a cycle.
import gc
import _testcapi


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


saved = []


class Res:
    def __del__(self):
        print("Res.__del__: saving self")
        saved.append(self)


@_testcapi.with_tp_del   # sets the tp_del slot, as old extension types had
class Legacy:
    def __tp_del__(self):
        pass


gc.collect()
a, b, c = Node("A"), Node("B"), Node("C")
a.next, b.next, c.next = b, c, a      # a ring of three
del a, b, c
print("ring collect:", gc.collect())

r = Res()
r.me = r
del r
print("resurrected collect:", gc.collect())
print("saved:", len(saved), "is_finalized:", gc.is_finalized(saved[0]))
saved.clear()                          # garbage again; __del__ does not run twice
print("second collect:", gc.collect())

x = Legacy()
x.me = x
del x
print("legacy collect:", gc.collect())
print("gc.garbage:", [type(o).__name__ for o in gc.garbage],
      "uncollectable:", gc.get_stats()[2]["uncollectable"])
print("collect again:", gc.collect())
gc.garbage[0].me = None                 # break the cycle by hand, then let it go
gc.garbage.clear()
print("after clearing:", gc.collect())
