# The built-in functions.
# --- len of containers
print(len([1, 2]), len("abc"), len({}), len(range(10)), len((1,)))
# --- type conversions
print(int("42"), int(3.9), float("2.5"), str(12), bool(0), bool("x"))
# --- int of negative float truncates
print(int(-3.9), int("-17"), int("  8 "))
# --- list, tuple, set, dict constructors
print(list("ab"), tuple([1, 2]), sorted(set([3, 1, 3])), dict(a=1, b=2))
# --- abs, round, divmod, pow
print(abs(-3), abs(-2.5), round(2.675, 2), round(0.5), round(1.5), divmod(17, 5), pow(3, 4), pow(3, 4, 5))
# --- min and max
print(min(3, 1, 2), max([4, 9, 2]), min("hello"), max([], default="empty"))
# --- min/max with key
print(max(["aa", "b", "ccc"], key=len), min([(1, "b"), (1, "a")]))
# --- sum
print(sum([1, 2, 3]), sum([0.5, 0.5]), sum([[1], [2]], []))
# --- sorted with key and reverse
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))
# --- enumerate and zip
print(list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")))
# --- map and filter
print(list(map(abs, [-1, -2])), list(filter(None, [0, 1, "", "a"])), list(map(lambda a, b: a + b, [1, 2], [10, 20])))
# --- reversed
print(list(reversed([1, 2, 3])), list(reversed(range(3))), list(reversed("abc")))
# --- any and all
print(any([0, 0, 1]), all([1, 1, 0]), all([]), any([]))
# --- chr, ord, hex, oct, bin
print(chr(65), ord("a"), hex(255), oct(8), bin(10), hex(-1))
# --- isinstance with a tuple
print(isinstance(3, (str, int)), isinstance("s", (list, tuple)))
# --- iter and next
it = iter([10, 20])
print(next(it), next(it), next(it, "end"))
# --- callable
print(callable(len), callable(3), callable(lambda: 0))
# --- id is stable for an object's life
o = []
print(id(o) == id(o))
# --- hash of equal numbers
print(hash(1) == hash(1.0), hash("a") == hash("a"))
# --- repr of containers and strings
print(repr("it's"), repr('say "hi"'), repr([1, "a", None]), repr({"k": (1,)}))
# --- range behaviour
r = range(2, 10, 3)
print(r, list(r), r[1], len(r), 5 in r)
# --- str of floats
print(1.0, 1e16, 1.5e-7, 123456789.123, -0.0, float("inf"), float("nan"))
# --- int bases of literals
print(0x1F, 0o17, 0b101, 1_000_000)
# --- complex numbers
print(complex(1, 2), (1 + 2j) * 1j, abs(3 + 4j))
# --- bytes
print(bytes(3), bytes([65, 66]), b"ab" + b"cd", len(b"xyz"), b"a"[0])
# --- getattr default and dir
class Thing:
    color = "red"
print(getattr(Thing, "color"), "color" in dir(Thing))
# --- vars of an object
class Holder:
    def __init__(self):
        self.q = 1
print(vars(Holder()))
# --- zip stops at the shortest
print(list(zip(range(5), "xy")))
# --- print sep and end
print(1, 2, 3, sep="-", end="!\n")
print("a", "b", sep="")
# --- frozenset
fs = frozenset([1, 2, 2])
print(fs, len(fs), 1 in fs)
# --- type of values
print(type(1), type("s"), type(None), type([]), type(len))
