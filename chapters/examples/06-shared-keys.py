import sys


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


objs = []
sizes = []
for k in range(1, 32):
    o = P(k, -k)
    objs.append(o)
    sizes.append(sys.getsizeof(vars(o)))
print("getsizeof(vars(P(...))), k = 1..31:", *sizes)
print("first instance again:", sys.getsizeof(vars(objs[0])))
print("getsizeof(objs[0]) =", sys.getsizeof(objs[0]))
print("vars(objs[4]) =", vars(objs[4]))
