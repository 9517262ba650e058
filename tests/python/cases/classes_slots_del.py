# __slots__ and __del__.
import sys
# --- slots restrict attributes
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"))
# --- assigning an attribute not in slots
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
# --- an unset slot
class S:
    __slots__ = ("a",)
try:
    S().a
except AttributeError as e:
    print("AttributeError:", e)
# --- slot instances are smaller
class WithDict:
    def __init__(self):
        self.x = 1
class WithSlots:
    __slots__ = ("x",)
    def __init__(self):
        self.x = 1
print(sys.getsizeof(WithDict()), sys.getsizeof(WithSlots()))
# --- slots appear as descriptors on the class
print(type(P.__dict__["x"]).__name__)
# --- __del__ runs when the last reference goes
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
n = Noisy("a")
del n
print("after del")
# --- __del__ on rebinding
n = Noisy("b")
n = Noisy("c")
print("rebound")
del n
# --- __del__ of objects in a list when the list goes
items = [Noisy("x"), Noisy("y")]
items = None
print("list gone")
# --- __del__ in a cycle runs on collection
import gc
class Cyc:
    def __del__(self):
        print("cycle del")
a = Cyc()
a.me = a
del a
print("before collect")
gc.collect()
print("after collect")
