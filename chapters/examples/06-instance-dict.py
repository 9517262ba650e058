import sys


class C:
    def __init__(self, x, y):
        self.x = x
        self.y = y


c = C(1, "Hello World")
print("hasattr(c, '__dict__'):", hasattr(c, "__dict__"))
print("getsizeof(c) =", sys.getsizeof(c))
print("c.__dict__ =", c.__dict__)
print("getsizeof(c.__dict__) =", sys.getsizeof(c.__dict__))
print("getsizeof(c) + getsizeof(c.__dict__) =",
      sys.getsizeof(c) + sys.getsizeof(c.__dict__))
print("getsizeof(c) after =", sys.getsizeof(c))
