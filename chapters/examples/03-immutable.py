# What the immutable types refuse, with CPython's messages; and a tuple that
# holds a list, whose contents still change.


def attempt(what, action):
    try:
        action()
        print(f"{what:<24} allowed")
    except Exception as e:
        print(f"{what:<24} {type(e).__name__}: {e}")


def set_item(obj, key, value):
    obj[key] = value


t = (1, 2)
attempt("t[0] = 9", lambda: set_item(t, 0, 9))
attempt("'spam'[0] = 'S'", lambda: set_item("spam", 0, "S"))
attempt("b'spam'[0] = 83", lambda: set_item(b"spam", 0, 83))
attempt("frozenset().add", lambda: frozenset().add)
attempt("(7).x = 1", lambda: setattr(7, "x", 1))
attempt("(1.5).x = 1", lambda: setattr(1.5, "x", 1))
attempt("None.x = 1", lambda: setattr(None, "x", 1))
attempt("True.x = 1", lambda: setattr(True, "x", 1))
attempt("[1, 2][0] = 9", lambda: set_item([1, 2], 0, 9))

a_tuple = ([10, 20, 30], 50, 60)
before = id(a_tuple[0])
a_tuple[0].append(40)
print("a_tuple[0].append(40)   ", a_tuple)
print("a_tuple[0] same list:   ", id(a_tuple[0]) == before)
attempt("hash(a_tuple)", lambda: hash(a_tuple))
attempt("a_tuple[0] += [50]",
        lambda: exec("a_tuple[0] += [50]", {"a_tuple": a_tuple}))
print("after the failed +=:    ", a_tuple)
