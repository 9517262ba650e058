# special_methods: the Python twin of special_methods.c (CPython 3.11 prints these lines).
# Classes made with type(name, bases, ns) whose special methods reach the slots:
# comparisons, hashing, repr/str, bool/len, items, iteration, calls, operators,
# __getattr__, changes after instances exist; inheritance (C3 MRO and its errors,
# subclasses of list and dict, super(), __new__), names and isinstance/issubclass.


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, f"{type(e).__name__}: {e}")


# ---------------------------------------------------------------- comparisons
def w_eq(self, other):
    return True


W = type("W", (), {"__eq__": w_eq})
w = W()
show("w == None:", lambda: w == None)
show("None == w:", lambda: None == w)
show("w != None:", lambda: w != None)
show("W.__hash__:", lambda: W.__hash__)
show("hash(w):", lambda: hash(w))


def v_lt(self, other):
    if not hasattr(other, "v"):
        return NotImplemented
    return self.v < other.v


V = type("V", (), {"__lt__": v_lt})
a = V()
a.v = 1
b = V()
b.v = 2
show("a < b:", lambda: a < b)
show("b > a:", lambda: b > a)
show("a > b:", lambda: a > b)
show("a < 1:", lambda: a < 1)
show("a <= b:", lambda: a <= b)


def cmp_name(name):
    return lambda self, other: name


Six = type("Six", (), {n: cmp_name(n) for n in ("__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__")})
s6 = Six()
show("Six() <, <=, ==, !=, >, >= 1:", lambda: (s6 < 1, s6 <= 1, s6 == 1, s6 != 1, s6 > 1, s6 >= 1))
show("1 <, <=, ==, !=, >, >= Six():", lambda: (1 < s6, 1 <= s6, 1 == s6, 1 != s6, 1 > s6, 1 >= s6))


# ------------------------------------------------------------------- hashing
def h_hash(self):
    return self.h


H = type("H", (), {"__hash__": h_hash})
h = H()
for value in (42, -1, 2**64, "x"):
    h.h = value
    show(f"hash with __hash__ -> {value!r}:", lambda: hash(h))
H.__hash__ = None
show("hash after H.__hash__ = None:", lambda: hash(h))
show("{h: 1}:", lambda: {h: 1})
del H.__hash__
show("hashable after del H.__hash__:", lambda: isinstance(hash(h), int))


# --------------------------------------------------------------- repr and str
def r_repr(self):
    return "R(" + str(self.x) + ")"


def r_bad(self):
    return 42


def r_str(self):
    return "str of R"


R = type("R", (), {"__repr__": r_repr})
r = R()
r.x = 5
show("repr(r):", lambda: repr(r))
show("str(r):", lambda: str(r))
show("repr([r, r]):", lambda: repr([r, r]))
R.__str__ = r_str
show("str(r) with __str__:", lambda: str(r))
R.__repr__ = r_bad
show("repr(r) with a bad __repr__:", lambda: repr(r))


# --------------------------------------------------------------- bool and len
def n_len(self):
    return self.n


N = type("N", (), {"__len__": n_len})
n = N()
for value in (0, 3, -1, "x"):
    n.n = value
    show(f"len with __len__ -> {value!r}:", lambda: len(n))
    show(f"bool with __len__ -> {value!r}:", lambda: bool(n))


def b_bool(self):
    return self.b


B = type("B", (), {"__bool__": b_bool})
bo = B()
for value in (False, 0):
    bo.b = value
    show(f"bool with __bool__ -> {value!r}:", lambda: bool(bo))


# --------------------------------------------------------------------- items
def m_getitem(self, k):
    return self.d[k]


def m_setitem(self, k, v):
    self.d[k] = v


def m_delitem(self, k):
    del self.d[k]


def m_contains(self, k):
    return k in self.d


M = type("M", (), {"__getitem__": m_getitem, "__setitem__": m_setitem})
m = M()
m.d = {}
m["a"] = 1
show("m['a']:", lambda: m["a"])
show("m['zz']:", lambda: m["zz"])


def del_a():
    del m["a"]


show("del m['a'] without __delitem__:", del_a)
M.__delitem__ = m_delitem
show("del m['a']:", del_a)
show("m.d:", lambda: m.d)
show("'a' in m (iterates m[0], m[1], ...):", lambda: "a" in m)
M.__contains__ = m_contains
m["b"] = 2
show("'b' in m with __contains__:", lambda: "b" in m)
show("'a' in m with __contains__:", lambda: "a" in m)


# ----------------------------------------------------------------- iteration
def c_iter(self):
    return self


def c_next(self):
    if self.i >= 3:
        raise StopIteration
    self.i += 1
    return self.i


Count = type("Count", (), {"__iter__": c_iter, "__next__": c_next})
c = Count()
c.i = 0
show("list(Count()):", lambda: list(c))


def s_getitem(self, i):
    if i >= 3:
        raise IndexError(i)
    return i * i


Sq = type("Sq", (), {"__getitem__": s_getitem})
show("list(Sq()):", lambda: list(Sq()))
show("type(iter(Sq())).__name__:", lambda: type(iter(Sq())).__name__)
show("4 in Sq():", lambda: 4 in Sq())
show("5 in Sq():", lambda: 5 in Sq())
Sq.__iter__ = None
show("iter(Sq()) with __iter__ = None:", lambda: iter(Sq()))


def j_iter(self):
    return 1


J = type("J", (), {"__iter__": j_iter})
show("iter(J()):", lambda: iter(J()))


# --------------------------------------------------------------------- calls
def k_call(self, x, y):
    return x + y


K = type("K", (), {"__call__": k_call})
show("K()(2, 3):", lambda: K()(2, 3))
show("callable(K()), callable(W()):", lambda: (callable(K()), callable(W())))
show("W()():", lambda: W()())


# ----------------------------------------------------------------- operators
def p_init(self, v):
    self.v = v


def p_repr(self):
    return "P(" + str(self.v) + ")"


def p_add(self, other):
    if isinstance(other, int):
        return P(self.v + other)
    if isinstance(other, P):
        return P(self.v + other.v)
    return NotImplemented


def p_sub(self, other):
    if isinstance(other, int):
        return P(self.v - other)
    return NotImplemented


def p_iadd(self, other):
    self.v += other
    return self


def p_neg(self):
    return P(-self.v)


P = type("P", (), {"__init__": p_init, "__repr__": p_repr, "__add__": p_add, "__radd__": p_add,
                   "__sub__": p_sub, "__iadd__": p_iadd, "__neg__": p_neg})
show("P(1) + 2:", lambda: P(1) + 2)
show("2 + P(1):", lambda: 2 + P(1))
show("P(1) + P(2):", lambda: P(1) + P(2))
show("P(5) - 1:", lambda: P(5) - 1)
show("1 - P(5):", lambda: 1 - P(5))
show("P(1) + 's':", lambda: P(1) + "s")
show("P(1) * 2:", lambda: P(1) * 2)
show("P(1) & 1:", lambda: P(1) & 1)
show("-P(2):", lambda: -P(2))
show("~P(2):", lambda: ~P(2))
x = P(1)
y = x
x += 5
show("x += 5:", lambda: (x, x is y))
x -= 1
show("x -= 1 (no __isub__):", lambda: (x, x is y))


def q_radd(self, other):
    return "Q.__radd__"


Q = type("Q", (P,), {"__radd__": q_radd})
show("P(1) + Q(2) (subclass's __radd__ first):", lambda: P(1) + Q(2))
show("Q(2) + 1:", lambda: Q(2) + 1)


# --------------------------------------------------------------- __getattr__
def g_getattr(self, name):
    return "computed " + name


G = type("G", (), {"__getattr__": g_getattr})
g = G()
g.real = 1
show("g.real:", lambda: g.real)
show("g.other:", lambda: g.other)
del G.__getattr__
show("g.other after del G.__getattr__:", lambda: g.other)


# ------------------------------------------ a method changed on a live class
def len_7(self):
    return 7


def len_8(self):
    return 8


X = type("X", (), {})
xo = X()
show("len(X()):", lambda: len(xo))
X.__len__ = len_7
show("len(X()) after X.__len__ = ...:", lambda: len(xo))
Y = type("Y", (X,), {})
yo = Y()
show("len(Y()):", lambda: len(yo))
X.__len__ = len_8
show("len(Y()) after X.__len__ changed:", lambda: len(yo))
del X.__len__
show("len(Y()) after del X.__len__:", lambda: len(yo))


# ------------------------------------------------------------ the MRO, type()
def c_hello(self):
    return "C.hello"


def c_repr(self):
    return "C repr"


A = type("A", (), {})
Bc = type("B", (A,), {})
C = type("C", (A,), {"hello": c_hello, "__repr__": c_repr})
D = type("D", (Bc, C), {})
show("D.__mro__:", lambda: [k.__name__ for k in D.__mro__])
show("D.__bases__:", lambda: [k.__name__ for k in D.__bases__])
show("D.__base__:", lambda: D.__base__.__name__)
show("D().hello():", lambda: D().hello())
show("repr(D()):", lambda: repr(D()))
show("type('E', (A, B), {}):", lambda: type("E", (A, Bc), {}))
show("type('F', (list, dict), {}):", lambda: type("F", (list, dict), {}))
show("type('F', (bool,), {}):", lambda: type("F", (bool,), {}))
show("type('F', (A, A), {}):", lambda: type("F", (A, A), {}))
show("type('F', (), {'__qualname__': 1}):", lambda: type("F", (), {"__qualname__": 1}))
show("type(1, (), {}):", lambda: type(1, (), {}))
show("type('F', [], {}):", lambda: type("F", [], {}))
show("type('F', ()):", lambda: type("F", ()))
show("type(D()) is D:", lambda: type(D()) is D)
show("isinstance(D(), A):", lambda: isinstance(D(), A))
show("isinstance(D(), (int, C)):", lambda: isinstance(D(), (int, C)))
show("isinstance(C(), B):", lambda: isinstance(C(), Bc))
show("issubclass(D, C), issubclass(C, B), issubclass(D, object):",
     lambda: (issubclass(D, C), issubclass(C, Bc), issubclass(D, object)))
show("issubclass(1, A):", lambda: issubclass(1, A))

# -------------------------------------------------------------------- names
I = type("Inner", (), {"__qualname__": "Outer.Inner", "__doc__": "docstring", "__module__": "shapes"})
show("I.__name__, I.__qualname__, I.__module__, I.__doc__:",
     lambda: (I.__name__, I.__qualname__, I.__module__, I.__doc__))
show("repr(I):", lambda: repr(I))
show("repr(I()) starts:", lambda: repr(I()).startswith("<shapes.Outer.Inner object at 0x"))
show("A.__doc__, A.__module__, A.__qualname__:", lambda: (A.__doc__, A.__module__, A.__qualname__))
show("list.__name__, list.__qualname__, list.__module__:",
     lambda: (list.__name__, list.__qualname__, list.__module__))
show("int.__mro__, bool.__bases__:", lambda: (int.__mro__, bool.__bases__))
show("D().__class__ is D, D().__class__.__name__:", lambda: (D().__class__ is D, D().__class__.__name__))
show("list.__base__, object.__base__:", lambda: (list.__base__, object.__base__))


def rename_5():
    I.__name__ = 5


show("I.__name__ = 5:", rename_5)
I.__name__ = "Renamed"
show("after I.__name__ = 'Renamed':", lambda: (I.__name__, repr(I)))


# --------------------------------------------------- subclasses of built-ins
def l_twice(self, x):
    self.append(x)
    self.append(x)


L = type("L", (list,), {"twice": l_twice})
lo = L([1, 2])
lo.twice(3)
show("L([1, 2]) after twice(3):", lambda: lo)
show("len, type, isinstance(list):", lambda: (len(lo), type(lo).__name__, isinstance(lo, list)))
show("lo == [1, 2, 3, 3]:", lambda: lo == [1, 2, 3, 3])
lo.tag = "t"
show("lo.tag:", lambda: lo.tag)
show("L.__basicsize__:", lambda: L.__basicsize__)


def lr_repr(self):
    return "LR" + super(LR, self).__repr__()


LR = type("LR", (list,), {"__repr__": lr_repr})
show("repr(LR([1])):", lambda: repr(LR([1])))


def ll_len(self):
    return 99


LL = type("LL", (list,), {"__len__": ll_len})
show("len(LL([1])), bool(LL()):", lambda: (len(LL([1])), bool(LL())))


def dg_getitem(self, k):
    return super(DG, self).__getitem__(k) * 10


DG = type("DG", (dict,), {"__getitem__": dg_getitem})
dg = DG(a=1)
dg["b"] = 2
show("DG(a=1) after dg['b'] = 2:", lambda: (dg, len(dg), type(dg).__name__, isinstance(dg, dict)))
show("dg['b']:", lambda: dg["b"])
show("dg['zz']:", lambda: dg["zz"])


import sys

IS = type("I", (int,), {})
i5 = IS(5)
i5.x = 1
show("I(5), i.x, i + 1, type(i + 1):", lambda: (i5, i5.x, i5 + 1, type(i5 + 1).__name__))
show("I(-3), I('12'), hash(I(7)), I(5) == 5:", lambda: (IS(-3), IS("12"), hash(IS(7)), IS(5) == 5))
show("getsizeof I(0), I(5), I(2**40):", lambda: (sys.getsizeof(IS(0)), sys.getsizeof(IS(5)), sys.getsizeof(IS(2**40))))
show("I.__basicsize__, I.__dictoffset__, I.__weakrefoffset__:",
     lambda: (IS.__basicsize__, IS.__dictoffset__, IS.__weakrefoffset__))
show("type('J', (int,), {'__slots__': ('a',)}):", lambda: type("J", (int,), {"__slots__": ("a",)}))


# ---------------------------------------------------------- super and __new__
def b2_init(self, x):
    self.x = x


def c2_init(self, x, y):
    super(C2, self).__init__(x)
    self.y = y


B2 = type("B2", (), {"__init__": b2_init})
C2 = type("C2", (B2,), {"__init__": c2_init})
o = C2(1, 2)
show("C2(1, 2).x, .y:", lambda: (o.x, o.y))
show("super(B2, o).__init__():", lambda: super(B2, o).__init__())
show("super(C2, o).missing:", lambda: super(C2, o).missing)
show("A(1):", lambda: A(1))


def n_new(cls, v):
    obj = super(NewC, cls).__new__(cls)
    obj.v = v * 2
    return obj


NewC = type("NewC", (), {"__new__": n_new})
show("NewC(21).v:", lambda: NewC(21).v)
