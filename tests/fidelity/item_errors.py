# item_errors: the Python twin of item_errors.c (CPython 3.11 prints these lines).
# The TypeErrors of o[k], o[k] = v and del o[k] on objects that cannot do them:
# 3.11 says "does not support item deletion" when the object protocol gives up
# and "doesn't support item deletion" when an index reached the sequence protocol.


def show(label, f):
    try:
        f()
        print(label, "no exception")
    except Exception as e:
        print(f"{label} {type(e).__name__}: {e}")


def delete(o, k):
    del o[k]


def store(o, k):
    o[k] = 1


C = type("C", (), {})
G = type("G", (), {"__getitem__": lambda self, i: i})
for label, o in [("(1, 2)", (1, 2)), ("'abc'", "abc"), ("None", None), ("[1]", [1]), ("frozenset()", frozenset()),
                 ("C()", C()), ("G()", G()), ("range(3)", range(3))]:
    for key in (0, "k"):
        show(f"{label}[{key!r}]:", lambda: o[key])
        show(f"{label}[{key!r}] = 1:", lambda: store(o, key))
        show(f"del {label}[{key!r}]:", lambda: delete(o, key))
show("{}['missing']:", lambda: {}["missing"])
show("del {}['missing']:", lambda: delete({}, "missing"))
