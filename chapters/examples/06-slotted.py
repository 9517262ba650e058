import sys


class C:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


c = C(1, "Hello World")
print("hasattr(c, '__dict__'):", hasattr(c, "__dict__"))
print("getsizeof(c) =", sys.getsizeof(c))
print("c.x, c.y =", c.x, repr(c.y))
print("C.x =", C.x)
print("C.__basicsize__ =", C.__basicsize__)
print("C.__weakrefoffset__ =", C.__weakrefoffset__)
print("C.__dictoffset__ =", C.__dictoffset__)
