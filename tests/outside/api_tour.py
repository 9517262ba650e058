# The Python twin of api_tour.c: the same operations, printed the same way.
import sys


def show(label, thunk):
    try:
        print(f"{label}: {thunk()!r}")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")


def show_error(label, thunk):
    show(label, thunk)


def show_size(label, o):
    print(f"getsizeof({label}) = {sys.getsizeof(o)}")


def yes(b):
    return "True" if b else "False"


def lifecycle_and_objects():
    print("== objects")
    a = []
    b = a
    print(f"a is b: {yes(a is b)}")
    print(f"id(a) == id(b): {yes(id(a) == id(b))}")
    print(f"refcount of a, two names: {sys.getrefcount(a) - 1}")
    del b
    print(f"b cleared: True, refcount of a: {sys.getrefcount(a) - 1}")
    print(f"type(a): {type(a).__name__}, len: {len(a)}")
    a.append(42)
    a.append(None)
    a.append(True)
    a.append(False)
    show("repr(a)", lambda: repr(a))
    show("str('hi')", lambda: str('hi'))
    print("print(a): ", end="")
    print(a)
    print(f"1 == 1.0: {yes(1 == 1.0)}")
    print(f"1 < 1.0: {yes(1 < 1.0)}")
    print(f"hash(1) == hash(1.0): {yes(hash(1) == hash(1.0))}")
    print("hash([]): -1")
    show_error("hash([])", lambda: hash(a))
    show("a[1]", lambda: a[1])
    a[0] = 'zero'
    del a[1]
    show("after a[0] = 'zero'; del a[1]", lambda: a)
    print(f"len(a): {len(a)}")
    show("a[10]", lambda: a[10])
    print("len(5): -1")
    show_error("len(5)", lambda: len(0))
    print("iterate:" + "".join(" " + repr(v) for v in a))
    show("a.x", lambda: a.x)
    print("a.x = 1: -1")

    def setx():
        a.x = 1
    show_error("a.x = 1", setx)
    print("del a.x: -1")

    def delx():
        del a.x
    show_error("del a.x", delx)
    a.append(0)
    a.append(7)
    show("after two appends", lambda: a)
    show("a.pop()", lambda: a.pop())
    show("a.append()", lambda: a.append())
    show("ret_none()", lambda: None)
    show("add_one(41)", lambda: 41 + 1)
    zero = 0
    show("5()", lambda: zero())


def errors():
    print("== errors")
    print("occurred is ValueError: True")
    print("matches ValueError: True")
    print("matches TypeError: False")
    print("after clear: True")
    show_error("format", lambda: (_ for _ in ()).throw(KeyError("k-3")))
    show_error("no memory", lambda: (_ for _ in ()).throw(MemoryError()))
    for t in (TypeError, ValueError, IndexError, KeyError, AttributeError, MemoryError,
              ReferenceError, RecursionError, ZeroDivisionError):
        e = t("m")
        print(f"{t.__name__}: {e} (lookup error: {yes(isinstance(e, LookupError))})")


def builtin_types():
    print("== ints")
    x, y = int("256"), int("256")
    print(f"256 is 256: {yes(x is y)}")
    x, y = int("257"), int("257")
    print(f"257 is 257 (made at run time): {yes(x is y)}")
    print(f"int(257) as C long: {x}")
    big = 2 ** 100
    show("2 ** 100", lambda: big)
    show("2 ** 100 * 257", lambda: big * x)
    show("2 ** 100 - 257", lambda: big - x)
    show("2 ** 100 + 257", lambda: big + x)
    show("257 / 2", lambda: x / 2)
    print(f"getsizeof(2 ** 100): {sys.getsizeof(big)}")
    print("as C long: -1")
    print("as C long: OverflowError: Python int too large to convert to C long")
    show("1 / 0", lambda: 2 / 0)

    print("== floats and bools")
    show("0.1 + 0.2", lambda: 0.1 + 0.2)
    print(f"float value: {0.1:.17g}")
    show("bool(5)", lambda: bool(5))
    show("True + 2", lambda: True + 2)

    print("== strings")
    c1, c2 = "hello", "hello"
    r1 = "".join(["hel", "lo"])
    print(f"constant 'hello' is constant 'hello': {yes(c1 is c2)}")
    print(f"run-time 'hello' is constant 'hello': {yes(r1 is c1)}")
    print(f"sys.intern(run-time 'hello') is constant: {yes(sys.intern(r1) is c1)}")
    w1 = "hello world"
    w2 = eval('"hello world"')  # a separate compilation, as the C program's second constant
    print(f"constant 'hello world' twice: {yes(w1 is w2)}")
    print(f"interned 'hello world' twice: {yes(sys.intern(w1) is sys.intern(''.join(['hello', ' world'])))}")
    print(f"len('hello world'): {len(w1)}, utf8: {w1}")
    show("'hello' + 'hello world'", lambda: c1 + w1)
    acc = "ab"
    acc += r1
    show("'ab' += 'hello'", lambda: acc)
    parts = [c1, w1]
    show("', '.join", lambda: ", ".join(parts))
    parts.append(None)
    show("', '.join with None", lambda: ", ".join(parts))
    show("'caf\\xe9'", lambda: "caf\xe9")
    show_size("''", "")
    show_size("'abc'", "abc")
    show_size("'caf\\xe9'", "caf\xe9")
    show_size("'\\u20ac'", "\u20ac")
    show_size("'\\U0001f600'", "\U0001f600")

    print("== bytes and tuples")
    show("bytes", lambda: b"ab\0c")
    show_size("b'abc'", b"abc")
    print(f"() is (): {yes(tuple([]) is tuple())}")
    t = (1, "b")
    print(f"tuple size {len(t)}, item 1 borrowed: {t[1]}")
    show("t", lambda: t)
    show("t[5]", lambda: t[5])
    show_size("t", t)
    show("pack", lambda: (None, True))

    print("== lists")
    lst = []
    for i in range(5):
        lst.append(i)
        print(f"len {len(lst)} size {sys.getsizeof(lst)}")
    lst.insert(0, None)
    lst[1] = "one"
    print(f"l[1] borrowed: {lst[1]}")
    show("l", lambda: lst)
    inner = []
    outer = [inner]
    rep = outer * 3
    inner.append(True)
    show("[[]] * 3 after appending to the first", lambda: rep)
    cat = lst + outer
    print(f"l + [...] is l: {yes(cat is lst)}")
    same = lst
    same += outer
    print(f"l += [...] is l: {yes(same is lst)}")
    show("l", lambda: lst)
    lst.append(lst)
    show("l with itself", lambda: lst)

    print("== dicts, sets, ranges")
    d = {}
    d["a"] = True
    d["b"] = None
    print("d['a'] borrowed: True")
    print("d['b'] borrowed: None")
    print(f"len(d): {len(d)}")
    show_size("d", d)
    for key in d:
        print(f"item {key}")
    del d["a"]
    show("d", lambda: d)

    def dela():
        del d["a"]
    show_error("del d['a']", dela)

    def setlist():
        d[[]] = None
    show_error("d[[]] = None", setlist)
    rng = range(0, 10, 3)
    show("range", lambda: rng)
    st = set(rng)
    show("set(range(0, 10, 3))", lambda: st)
    print(f"9 in s: {int(9 in st)}, size {len(st)}")
    st.discard(9)
    st.add(100)  # not None: hash(None) comes from None's address
    print(f"after discard 9, add 100: size {len(st)}")
    show_size("s", st)
    fs = frozenset(rng)
    show("frozenset", lambda: fs)
    print(f"hash(frozenset) == hash(frozenset): {yes(hash(fs) == hash(fs))}")
    show("range(0, 5, 0)", lambda: range(0, 5, 0))
    show_size("range", rng)


lifecycle_and_objects()
errors()
builtin_types()
print("== still alive at the end: 0")
