import tracemalloc

N = 10_000


class Plain:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class SlottedWeak:
    __slots__ = ("x", "y", "__weakref__")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def plain():
    return Plain(1, 2)


def touched():
    o = Plain(1, 2)
    o.__dict__
    return o


def slotted():
    return Slotted(1, 2)


def weak():
    return SlottedWeak(1, 2)


def pair(x=1, y=2):
    return (x, y)


def point(x=1.0, y=2.0):
    return complex(x, y)   # a static C type: two doubles after the header


def per_instance(name, make):
    objs = [None] * N
    make()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(N):
        objs[i] = make()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"{name:14} {(after - before) / N:3.0f} bytes per instance")


per_instance("plain", plain)
per_instance("dict touched", touched)
per_instance("slots", slotted)
per_instance("slots+weakref", weak)
per_instance("tuple", pair)
per_instance("static C type", point)
