# Which objects accept a weak reference: those whose type has room for the list
# of references to them (tp_weaklistoffset). Instances of a plain class do; with
# __slots__, only if '__weakref__' is one of them; sizes show the slot's 8 bytes.
import sys
import weakref


class C:
    pass


class Slotted:
    __slots__ = ("a",)


class SlottedWeak:
    __slots__ = ("a", "__weakref__")


objects = [
    ("1", 1), ("10**20", 10**20), ("'s'", "s"), ("(1,)", (1,)), ("[1]", [1]),
    ("{}", {}), ("None", None), ("1.5", 1.5), ("b'x'", b"x"),
    ("object()", object()),
    ("set()", set()), ("frozenset()", frozenset()), ("C()", C()), ("C", C),
    ("len", len), ("Slotted()", Slotted()), ("SlottedWeak()", SlottedWeak()),
]
for text, obj in objects:
    try:
        weakref.ref(obj)
        print(f"{text:15} ok")
    except TypeError as e:
        print(f"{text:15} TypeError: {e}")
for cls in (Slotted, SlottedWeak):
    print(f"sys.getsizeof({cls.__name__}()) -> {sys.getsizeof(cls())}")
print("weakref.ref(C()) is dead at once:", weakref.ref(C())() is None)
