# f-strings.
# --- names and expressions
name = "Ann"
n = 3
print(f"{name} has {n} items, {n * 2} doubled")
# --- repr and str conversions
s = "q"
print(f"{s!r} {s!s}")
# --- width and alignment
print(f"[{n:5}] [{n:<5}] [{n:^5}] [{name:>6}]")
# --- precision
pi = 3.14159265
print(f"{pi:.2f} {pi:.0f} {pi:10.3f}")
# --- zero padding and sign
print(f"{42:05d} {-42:05d} {7:+d}")
# --- hex, binary, octal
print(f"{255:x} {255:X} {255:#x} {5:b} {8:o}")
# --- thousands separator
print(f"{1234567:,} {1234567:_}")
# --- percent and exponent
print(f"{0.25:.0%} {12345.678:.2e}")
# --- fill character
print(f"{'ab':*^8}|{3:0>4}")
# --- braces
print(f"{{literal}} {n}")
# --- nested format spec
w = 6
print(f"[{n:{w}}]")
# --- self-documenting expressions
x = 10
print(f"{x=} {x*2=}")
# --- calls and indexing inside
items = [1, 2, 3]
print(f"{len(items)} {items[-1]} {items}")
# --- a dict value
d = {"k": "v"}
print(f"{d['k']}")
# --- floats default formatting
print(f"{0.1 + 0.2} {1e20} {1.0}")
# --- format() builtin
print(format(3.5, "08.3f"), format("x", "^3"), format(10, "b"))
