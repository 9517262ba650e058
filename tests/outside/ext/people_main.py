# The Python twin of people_main.c: ext/people.c's module written in Python, with
# the behaviour and the messages CPython 3.11 gives for the C module (people.c
# built as a CPython extension prints exactly this), driven the same way.
import gc
import types

people = types.ModuleType("people", "People, badges and tags.")
people.MAX_AGE = 150


def _parse_str(value, pos, fname=None):
    if not isinstance(value, str):
        where = f"{fname}() argument" if fname else "argument"
        raise TypeError(f"{where} {pos} must be str, not {type(value).__name__}")
    return value


def _index(value):
    if isinstance(value, float) or not hasattr(value, "__index__"):
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return value.__index__()


class Person:
    """Person objects"""
    __slots__ = ("_first", "_last", "_friend", "_age")

    def __new__(cls, *args, **kwds):
        self = object.__new__(cls)
        self._first, self._last, self._friend, self._age = "", "", None, 0
        return self

    def __init__(self, *args, **kwds):          # "|UUi" with first, last, age
        names = ("first", "last", "age")
        if len(args) + len(kwds) > 3:
            raise TypeError(f"function takes at most 3 arguments ({len(args) + len(kwds)} given)")
        values = dict(zip(names, args))
        for k in kwds:
            if k not in names:
                raise TypeError(f"'{k}' is an invalid keyword argument for this function")
            if k in values:
                raise TypeError(f"argument for function given by name ('{k}') and position ({names.index(k) + 1})")
            values[k] = kwds[k]
        for i, k in enumerate(names[:2]):
            if k in values:
                setattr(self, "_" + k, _parse_str(values[k], i + 1))
        if "age" in values:
            self._age = _index(values["age"])

    def _set_name(self, field, value):
        if value is None:
            raise TypeError(f"Cannot delete the {field} attribute")
        if not isinstance(value, str):
            raise TypeError(f"The {field} attribute value must be a string")
        setattr(self, "_" + field, value)

    first = property(lambda self: self._first, lambda self, v: self._set_name("first", v),
                     lambda self: self._set_name("first", None))
    last = property(lambda self: self._last, lambda self, v: self._set_name("last", v),
                    lambda self: self._set_name("last", None))

    def _get_age(self):
        return self._age

    def _set_age(self, v):
        self._age = _index(v)

    def _del_age(self):
        raise TypeError("can't delete numeric/char attribute")

    age = property(_get_age, _set_age, _del_age)

    def _get_friend(self):
        try:
            return self._friend
        except AttributeError:
            raise AttributeError("'people.Person' object has no attribute 'friend'") from None

    def _set_friend(self, v):
        self._friend = v

    def _del_friend(self):
        del self._friend

    friend = property(_get_friend, _set_friend, _del_friend)

    def name(self, *args):
        if args:
            raise TypeError(f"Person.name() takes no arguments ({len(args)} given)")
        return f"{self._first} {self._last}"

    def greet(self, *args, times=1):            # "s|$n:greet"
        if len(args) > 1:
            raise TypeError(f"greet() takes at most 1 positional argument ({len(args)} given)")
        if not args:
            raise TypeError("greet() missing required argument 'greeting' (pos 1)")
        greeting = _parse_str(args[0], 1, "greet")
        return [f"{greeting}, {self._first}!" for _ in range(times)]


class Badge:
    def __new__(cls, *args, **kwds):
        raise TypeError("cannot create 'people.Badge' instances")


class Tag:
    def __init__(self, *args, **kwds):          # PyType_GenericNew ignores them
        pass


for cls in (Person, Badge, Tag):
    cls.__module__ = "people"
    setattr(people, cls.__name__, cls)


def show(f):
    try:
        print(f())
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


def status(f):
    try:
        f()
        print("ok")
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


print(repr(people))
print(people.__doc__)
print(people.MAX_AGE)
print(people.Person)
print(people.Person.__name__)
print(people.Person.__module__)
print(people.Person.__doc__)

Person = people.Person
p = Person("Eric", "Idle", 3)
print(p.name())
print(p.age)
print(p.friend)
show(lambda: p.greet("Hello", times=2))
show(lambda: p.greet("Hi", 2))
show(lambda: p.greet())
show(lambda: p.greet(1))

show(lambda: Person(1))
show(lambda: p.name(1))
show(lambda: Person(x=1))
show(lambda: Person("a", "b", 3, 4))
show(lambda: Person("a", first="b"))
status(lambda: delattr(p, "first"))
status(lambda: setattr(p, "first", 1))
status(lambda: setattr(p, "first", "John"))
print(p.name())
status(lambda: setattr(p, "age", "x"))
status(lambda: delattr(p, "age"))
status(lambda: delattr(p, "friend"))
show(lambda: p.friend)

show(lambda: people.Badge())
t = people.Tag()
print(type(t))
show(lambda: people.Tag(1))

q = Person("Ada", "Lovelace")
print(gc.is_tracked(q))
q.friend = q
del q
print(gc.collect())
