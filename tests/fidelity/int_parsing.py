# int_parsing: the Python twin of int_parsing.c (CPython 3.11 prints these lines).
# int(x) and int(x, base): prefixes, underscores, whitespace, bytes, the base's
# range, and every message int() gives for text it cannot read.


def show(label, f):
    try:
        print(f"{label} = {f()!r}")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")


CASES = [("0x1F", 16), ("0x1f", 0), ("0o17", 0), ("0b101", 0), ("0b_101", 0), ("  -0x_ff  ", 0), ("z", 36),
         ("Z", 36), ("10", 2), ("777", 8), ("1_000", 0), ("00", 0), ("0_0", 0), ("+0", 0), ("010", 0),
         ("0x", 16), ("0x1", 10), ("12", 2), ("1 2", 10), ("\t42\n", 10), ("1_", 10), ("0x__1", 0),
         ("123456789012345678901234567890", 0), ("-" + "f" * 40, 16), ("x", 0), ("", 0), ("9", 8)]
for text, base in CASES:
    show(f"int({text!r}, {base})", lambda: int(text, base))
show("int(b' 42 ')", lambda: int(b" 42 "))
show("int(b'0x10', 0)", lambda: int(b"0x10", 0))
show("int(b'x')", lambda: int(b"x"))
show("int('x' * 300)", lambda: int("x" * 300))
show("int(b'y' * 300, 16)", lambda: int(b"y" * 300, 16))
show("int('ff', base=16)", lambda: int("ff", base=16))
show("int(base=16)", lambda: int(base=16))
show("int(10, 16)", lambda: int(10, 16))
show("int(2.5, 10)", lambda: int(2.5, 10))
show("int('10', 1)", lambda: int("10", 1))
show("int('10', 37)", lambda: int("10", 37))
show("int('10', -1)", lambda: int("10", -1))
show("int('10', 2**70)", lambda: int("10", 2 ** 70))
show("int('10', 'a')", lambda: int("10", "a"))
show("int(1, 2, 3)", lambda: int(1, 2, 3))
show("int(x=1)", lambda: int(x=1))
show("int('1' * 4301)", lambda: int("1" * 4301))
show("hash(int('1' * 4400, 2))", lambda: hash(int("1" * 4400, 2)))
I = type("I", (int,), {})
show("I('ff', 16)", lambda: I("ff", 16))
show("type(I('ff', 16)).__name__", lambda: type(I("ff", 16)).__name__)
