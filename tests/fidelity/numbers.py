# numbers: ints, bools and floats under CPython 3.11; tests/fidelity/numbers.c
# prints the same lines from the Mo runtime. Each expression is evaluated at run
# time (the C twin computes it from a postfix form with MoNumber_*).
import sys

SIZES = ["0", "1", "-1", "255", "256", "2**30-1", "2**30", "-2**30", "2**60-1", "2**60",
         "2**63-1", "-2**63", "2**64", "2**90-1", "2**90", "10**100", "True", "False",
         "0.0", "1.5", "1e308", "float('inf')",
         "2j", "1+2j"]

VALUES = [
    "2**200", "-(2**200)", "2**100 * 3**50", "10**30 - 1", "-(10**30) + 1", "(-7)//2", "-7 % 3",
    "7 % -3", "(-10**20) // 7", "(-10**20) % 7", "10**40 // (-10**19 - 3)", "10**40 % (-10**19 - 3)",
    "(2**100 + 1) * (2**100 - 1)", "(3**200) // (7**50)", "(3**200) % (7**50)", "2**64 - 2**64",
    "0 - 2**64", "-(-2**63)", "abs(-2**70)", "1 // 3", "(-1) // 3", "7 / 2", "1 / 3", "2 / 3",
    "10**30 / 10**10", "(2**80 + 1) / 2**20", "1 / 10**400", "2**-1", "2**-2", "(-2)**-1",
    "(-3)**3", "(-3)**4", "0**0", "2**0.5", "1.5 + 2", "2 * 1.5", "10 - 0.25", "7.5 // 2",
    "-7.5 // 2", "-7.5 % 2", "7.5 % -2", "2.0**10", "10 == 10.0", "10 != 10.0", "2**53 + 1 == 2.0**53",
    "2**53 + 1 > 2.0**53", "2**53 == 2.0**53", "0.5 < 1", "-0.5 < -1", "10**400 > float('inf')",
    "-10**400 < float('-inf')", "float('nan') == float('nan')", "float('nan') != float('nan')",
    "1.5 == 1.5", "True + True", "True * 10", "-True", "2**100 < 2**100 + 1", "-2**100 < 2**99",
    "1.0", "1e16", "1e15", "1e-05", "0.0001", "0.1", "0.1 + 0.2", "1e22", "1.5e300", "-1.5e-300",
    "5e-324", "1.7976931348623157e308", "-0.0", "100.0", "123456789.125", "float('inf')",
    "float('-inf')", "float('nan')", "1e308 * 10", "2.5e-05", "3.14159", "1 / 7", "-2.0 / 3",
    "1/0", "1//0", "1%0", "1.0/0", "1.0//0", "1.0%0", "0**-1", "0.0**-1", "10**400 / 3",
    "10**400 * 1.0", "2.0**10000",
    # complex: each part by float's repr rules, 3.11's arithmetic and errors
    "1+2j", "2j", "-0.0-1j", "complex(float('nan'), float('inf'))", "0j", "-(0j)", "1e16+1e-05j",
    "1e22-1e-300j", "0.1+0.30000000000000004j", "-(1+2j)", "(1+2j) * (3-1j)", "(1+2j) / (3-1j)",
    "(1+2j) - 2.5", "2 / (1+2j)", "(1+2j) ** 2", "(1+2j) ** -2", "(1+2j) ** 0.5", "2 ** 0.5j",
    "(1+1j) ** 101", "(1e-300+1e300j) / (1+2j)", "abs(3+4j)", "abs(1e308+1.7e308j)",
    "(1+2j).conjugate()", "1j / 0", "0j ** -1", "(1e200+0j) ** 2", "(1+0j) == 1", "(1+1j) == 1",
    "(2**53 + 1) + 0j == 2**53 + 1", "(1+0j) == 1.0", "(1+0j) != 1", "1j < 2j", "(1+0j) // 2",
    "(1+0j) + 10**400", "(-8) ** 0.5", "(-8.0) ** (1/3)",
]

HASHES = ["0", "1", "-1", "-2", "2**61 - 2", "2**61 - 1", "2**61", "2**62", "-(2**61)", "10**30",
          "-(10**30)", "2**100", "1.5", "-0.5", "0.1", "1e300", "10.0", "-1.0", "2.0**61",
          "float('inf')", "float('-inf')", "1e-300", "True", "False",
          "1+2j", "2.5+100j", "-1.5-2j", "3+0j", "complex(float('inf'), float('-inf'))"]


def show(label):
    try:
        v = eval(label)
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label} = {v!r}")


for label in SIZES:
    print(f"getsizeof({label}) = {sys.getsizeof(eval(label))}")
for label in VALUES:
    show(label)
for label in HASHES:
    print(f"hash({label}) = {hash(eval(label))}")

x, n256, m5, n7 = 200, 256, -5, 7
print(f"x = 200; (x + 56) is 256: {(x + 56) is n256}")
print(f"x = 200; (x + 57) is (x + 57): {(x + 57) is (x + 57)}")
print(f"x = 200; (x - 205) is -5: {(x - 205) is m5}")
print(f"x = 200; (x - 206) is (x - 206): {(x - 206) is (x - 206)}")
print(f"(2**100 - 2**100 + 7) is 7: {(2**100 - 2**100 + 7) is n7}")
for s in ["-6", "-5", "0", "256", "257", "10**30"]:
    lit = str(eval(s))
    print(f"int('{lit}') is int('{lit}'): {int(lit) is int(lit)}")
print(f"int('  -1_000  ') = {int('  -1_000  ')!r}")
for bad in ["x", " 12x ", "1__0", "_1", "", "+"]:
    try:
        int(bad)
    except ValueError as e:
        print(f"int({bad!r}): ValueError: {e}")
print(f"hash(10) == hash(10.0): {hash(10) == hash(10.0)}")
print(f"hash(2**70) == hash(2.0**70): {hash(2**70) == hash(2.0**70)}")
try:
    1 + "a"
except TypeError as e:
    print(f"1 + 'a': TypeError: {e}")
try:
    1.5 - "a"
except TypeError as e:
    print(f"1.5 - 'a': TypeError: {e}")
c = 1+2j
print(f"(1+2j).real = {c.real!r}; (1+2j).imag = {c.imag!r}")
for stmt in ["c.real = 3", "del c.imag", "c.foo = 1", "c[0] = 1"]:
    try:
        exec(stmt)
    except (AttributeError, TypeError) as e:
        print(f"{stmt}: {type(e).__name__}: {e}")
print(f"c = {c!r}")
