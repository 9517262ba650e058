# Special methods.
# --- __repr__ and __str__
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x}, {self.y})"
    def __str__(self):
        return f"<{self.x}, {self.y}>"
v = V(1, 2)
print(repr(v), str(v))
print(v)
print([v])
# --- __add__ and __mul__
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __repr__(self):
        return "Vec(" + str(self.x) + ", " + str(self.y) + ")"
print(Vec(1, 2) + Vec(3, 4), Vec(1, 2) * 3, 2 * Vec(1, 1))
# --- __eq__ and __hash__
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
d = {Key(1): "one"}
print(d[Key(1)], Key(1) == Key(1), Key(1) != Key(2))
# --- __eq__ without __hash__ makes instances unhashable
class NoHash:
    def __eq__(self, other):
        return True
print(NoHash.__hash__)
# --- __len__ and __bool__
class Box:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(Box(3)), bool(Box(0)), bool(Box(2)))
# --- __getitem__ and __setitem__
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        return self.cells.get(key, 0)
    def __setitem__(self, key, value):
        self.cells[key] = value
g = Grid()
g[1, 2] = 5
print(g[1, 2], g[0, 0])
# --- __iter__ and __next__
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)))
# --- iteration through __getitem__ alone
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq())
# --- __contains__
class Evens:
    def __contains__(self, v):
        return v % 2 == 0
print(4 in Evens(), 3 in Evens())
# --- __call__
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, v):
        return v * self.k
print(Multiplier(3)(7))
# --- rich comparisons and sorted
class Ver:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        return self.n < other.n
    def __repr__(self):
        return "Ver" + str(self.n)
print(sorted([Ver(3), Ver(1), Ver(2)]), max([Ver(3), Ver(5)]))
# --- NotImplemented falls back to the reflected method
class A:
    def __eq__(self, other):
        return NotImplemented
class B:
    def __eq__(self, other):
        return "B decides"
print(A() == B())
# --- __neg__ and __abs__
class N:
    def __init__(self, v):
        self.v = v
    def __neg__(self):
        return N(-self.v)
    def __abs__(self):
        return abs(self.v)
print((-N(4)).v, abs(N(-9)))
# --- __getattr__ for missing attributes
class Dyn:
    def __getattr__(self, name):
        return "got " + name
print(Dyn().anything)
