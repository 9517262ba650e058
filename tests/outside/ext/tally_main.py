# The Python twin of tally_main.c: ext/tally.c's list subtype written in Python,
# with the messages CPython 3.11 gives for the C type (tally.c built as a CPython
# extension prints exactly this), driven the same way.
import gc
import types

tally = types.ModuleType("tally", "A list that counts.")


def _ssize(v):
    if not isinstance(v, int):
        raise TypeError("an integer is required")
    return v


class Tally(list):
    """Tally objects"""
    __slots__ = ("state",)

    def __init__(self, *args, **kwds):
        super().__init__(*args, **kwds)
        self.state = 0

    def increment(self, *args):
        if args:
            raise TypeError(f"Tally.increment() takes no arguments ({len(args)} given)")
        self.state += 1
        return self.state

    def head(self, n):
        return list(self[0:max(_ssize(n), 0)])

    def drop(self, *args):
        if len(args) != 2:
            raise TypeError(f"drop() takes exactly 2 arguments ({len(args)} given)")
        lo, hi = args
        del self[lo:hi]

    def replace(self, *args):
        if len(args) != 3:
            raise TypeError(f"replace() takes exactly 3 arguments ({len(args)} given)")
        lo, hi, items = args
        try:
            items = list(items)
        except TypeError:
            raise TypeError("can only assign an iterable") from None
        self[lo:hi] = items


Tally.__module__ = "tally"
tally.Tally = Tally


def show(f):
    try:
        print(f())
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


items = [1, 2, 3, 4, 5]
t = tally.Tally(items)
print(repr(t))
print(type(t))
print(t.increment())
print(t.increment())
print(len(t))
show(lambda: t.head(2))
show(lambda: t.head(99))
show(lambda: t.drop(1, 3))
print(repr(t))
show(lambda: t.replace(0, 1, items))
print(repr(t))
show(lambda: t.replace(0, 0, t))
print(repr(t))
print(gc.is_tracked(t))

show(lambda: t.head("x"))
show(lambda: t.drop(1))
show(lambda: t.replace(0, 1, 5))
show(lambda: t.increment(1))
show(lambda: tally.Tally(5))

print(t.append(t))
del t
print(gc.collect())
u = tally.Tally(items)
print(u.increment())
del u
print(gc.collect())
