# sys.getsizeof: the bytes an object itself occupies, header included.
import sys


def row(label, obj):
    print(f"  getsizeof({label}){' ' * (16 - len(label))}= {sys.getsizeof(obj)}")


print("int: a header, then 30-bit digits of 4 bytes, at least one")
for label, n in [("0", 0), ("1", 1), ("2**30 - 1", 2**30 - 1), ("2**30", 2**30),
                 ("2**60", 2**60), ("2**90", 2**90)]:
    row(label, n)
print("str: a header, then one byte per character if all are ASCII, and a NUL")
for label, s in [("''", ""), ("'a'", "a"), ("'abc'", "abc"),
                 ("'a' * 100", "a" * 100)]:
    row(label, s)
print("str: wider characters widen every character")
for label, s in [("'café'", "café"), ("'€uro'", "€uro"), ("'🐍'", "🐍")]:
    row(label, s)
print("list: a header, a GC header, then 8 bytes per slot (a reference)")
for n in [0, 1, 2, 10, 100]:
    row(f"[None] * {n}", [None] * n)
print("tuple: the same, with the references inside the object")
for n in [0, 1, 2, 10, 100]:
    row(f"(None,) * {n}", (None,) * n)
print("set: a header and an 8-slot table inline; bigger tables grow by steps")
for n in [0, 4, 5, 100]:
    row(f"set(range({n}))", set(range(n)))
per_item = (sys.getsizeof([None] * 100) - sys.getsizeof([])) // 100
print("list: fixed", sys.getsizeof([]), "bytes, per item", per_item)
per_item = (sys.getsizeof((None,) * 100) - sys.getsizeof(())) // 100
print("tuple: fixed", sys.getsizeof(()), "bytes, per item", per_item)
