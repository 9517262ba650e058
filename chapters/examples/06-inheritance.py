import sys


def show(cls):
    o = cls()
    print(f"{cls.__name__:6} getsizeof {sys.getsizeof(o)}, "
          f"basicsize {cls.__basicsize__}, "
          f"weakrefoffset {cls.__weakrefoffset__}, "
          f"dictoffset {cls.__dictoffset__}, "
          f"has __dict__: {hasattr(o, '__dict__')}")


class Base:
    __slots__ = ("x",)


class Child(Base):
    __slots__ = ("y",)


class Empty(Base):
    __slots__ = ()


class Loose(Base):
    pass


class Again(Base):
    __slots__ = ("x",)


class Both:
    __slots__ = ("x", "__dict__")


for cls in (Base, Child, Empty, Loose, Again, Both):
    show(cls)
print("Child.x is Base.x:", Child.x is Base.x)


class Other:
    __slots__ = ("z",)


try:
    class Mixed(Base, Other):
        pass
except TypeError as e:
    print("class Mixed(Base, Other) -> TypeError:", e)
