# builtin_subclasses: the Python twin of builtin_subclasses.c (CPython 3.11 prints
# these lines). Classes made by type(name, (base,), {}) on str, bytes, tuple,
# float, set and frozenset: their layout and sizes, construction through the
# base's __new__, inherited repr, hash and comparison, __dict__, and their cycles.
import gc
import sys


def show_error(f):
    try:
        f()
        print("no exception")
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


CASES = [("S", str, "abc"), ("S", str, ""), ("S", str, "h\u00e9"), ("S", str, "\u20ac"),
         ("B", bytes, b"abc"), ("B", bytes, b""), ("T", tuple, (1, 2)), ("T", tuple, ()),
         ("F", float, 1.5), ("St", set, {1, 2}), ("FS", frozenset, {1})]
for name, base, value in CASES:
    C = type(name, (base,), {})
    o = C(value)
    print(f"{name}({value!r}): repr {o!r}, getsizeof {sys.getsizeof(o)}, basicsize {C.__basicsize__}, "
          f"itemsize {C.__itemsize__}, dictoffset {C.__dictoffset__}, weakrefoffset {C.__weakrefoffset__}")
    same_hash = "unhashable" if base is set else hash(o) == hash(base(value))
    print(f"  == {o == value}, hash as the base's: {same_hash}, isinstance {isinstance(o, base)}, "
          f"len {len(o) if base is not float else '-'}, str {str(o)!r} ({type(str(o)).__name__})")
    o.x = 1
    print(f"  __dict__ {o.__dict__}")
    gc.collect()
    o2 = C(value)
    o2.me = o2
    del o2
    print(f"  a cycle through __dict__: collected {gc.collect()}")

S = type("S", (str,), {})
T = type("T", (tuple,), {})
F = type("F", (float,), {})
B = type("B", (bytes,), {})
print("S('ab') + 'c':", repr(S("ab") + "c"), type(S("ab") + "c").__name__)
print("T((1,)) + (2,):", T((1,)) + (2,), type(T((1,)) + (2,)).__name__)
print("F(1.5) + 1:", F(1.5) + 1, type(F(1.5) + 1).__name__)
print("S('abc')[1], 'b' in S('abc'):", S("abc")[1], "b" in S("abc"))
print("S(42), S():", repr(S(42)), repr(S()))
print("F('  2.5 '), F('1_000.5'), F(3), F():", F("  2.5 "), F("1_000.5"), F(3), F())
print("B(3), B([65, 66]), B('h\u00e9', 'utf-8'):", B(3), B([65, 66]), B("h\u00e9", "utf-8"))
print("T('ab'), T():", T("ab"), T())
print("{S('k'): 1}['k']:", {S("k"): 1}["k"])
show_error(lambda: B("x"))
show_error(lambda: B([1, 300]))
show_error(lambda: B(["a"]))
show_error(lambda: B(1.5))
show_error(lambda: B(-1))
show_error(lambda: F("x"))
show_error(lambda: F("1__0"))
show_error(lambda: F([]))
show_error(lambda: T(1))
show_error(lambda: type("X", (tuple,), {"__slots__": ("a",)}))
show_error(lambda: type("X", (bytes,), {"__slots__": ("__weakref__",)}))

# complex(): numbers, strings, and a subclass
Z = type("Z", (complex,), {})
z = Z(1, 2)
print("Z(1, 2):", repr(z), type(z).__name__, sys.getsizeof(z), Z.__basicsize__, hash(z) == hash(1 + 2j))
for text in ["1+2j", " ( 1-2.5j ) ", "j", "-J", "3", "1e3j", "1_000+2_0j", "nan+infj", "1-j"]:
    print(f"complex({text!r}) = {complex(text)!r}")
print("complex(), complex(1j, 1j), complex(2.5, -1):", complex(), complex(1j, 1j), complex(2.5, -1))
for text in ["x", "1 + 2j", "1+", "nan(1)", "0x1", "1__0j"]:
    show_error(lambda: complex(text))
show_error(lambda: complex("1", 2))
show_error(lambda: complex(1, "2"))
show_error(lambda: complex([]))
show_error(lambda: complex(1, []))
show_error(lambda: F("nan(1)"))
