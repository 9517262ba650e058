import weakref


class Plain:
    pass


class S:
    __slots__ = ("x", "y")


class W:
    __slots__ = ("x", "__weakref__")


def attempt(label, action):
    try:
        r = action()
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


p, s, w = Plain(), S(), W()
attempt("p.z = 1", lambda: setattr(p, "z", 1))
attempt("s.x = 1", lambda: setattr(s, "x", 1))
attempt("s.z = 1", lambda: setattr(s, "z", 1))
attempt("s.y", lambda: s.y)
attempt("del s.y", lambda: delattr(s, "y"))
attempt("s.__dict__", lambda: s.__dict__)
attempt("weakref.ref(s)", lambda: weakref.ref(s))
attempt("weakref.ref(w) is w.__weakref__",
        lambda: weakref.ref(w) is w.__weakref__)
attempt("weakref.ref(p)() is p", lambda: weakref.ref(p)() is p)
