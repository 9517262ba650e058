# The Python twin of mappings.c: run with PYTHONHASHSEED=0 under CPython 3.11.
import gc
import sys


def print_repr(label, o):
    print(f"{label} = {o!r}")


def print_size(label, o):
    print(f"getsizeof({label}) = {sys.getsizeof(o)}")


def print_bool(label, v):
    print(f"{label} = {v}")


def print_exception(e):
    print(f"{type(e).__name__}: {e}")


def dict_of(n, str_keys):
    d = {}
    for i in range(n):
        d[f"k{i}" if str_keys else i] = i
    return d


def set_of(items):
    s = set()
    for i in items:
        s.add(i)
    return s


def dict_sizes():
    for n in (0, 1, 5, 6, 10, 11, 20, 21, 22):
        for str_keys in (1, 0):
            print_size(f"dict of {n} {'str' if str_keys else 'int'} keys", dict_of(n, str_keys))
    d = dict_of(1, 1)
    d[1] = 1
    print_size("{'k0': 0} after d[1] = 1", d)
    d = dict_of(20, 0)
    for i in range(20):
        del d[i]
    print_size("20 int keys, all deleted", d)
    d.clear()
    print_size("after clear()", d)
    print_size("dict of 6 int keys .copy()", dict_of(6, 0).copy())


def dict_reprs():
    d = {}
    d["a"] = 1
    d["b"] = [2]
    print_repr("repr", d)
    keys = d.keys()
    print_repr("keys", keys)
    print_size("d.keys()", keys)
    print_repr("values", d.values())
    print_repr("items", d.items())
    print_size("iter(d)", iter(d))
    d["c"] = 3
    d["a"] = 10
    print_repr("after d['a'] = 10", d)
    del d["a"]
    d["a"] = 4
    print_repr("after del d['a']; d['a'] = 4", d)
    print_repr("keys view now", keys)
    d["self"] = d
    print_repr("self-reference", d)
    d.clear()

    d = dict_of(3, 1)
    print_repr("d.get('k1')", d.get("k1"))
    print_repr("d.get('zz', 42)", d.get("zz", 42))
    print_repr("d.pop('k0')", d.pop("k0"))
    print_repr("d.setdefault('k9', 9)", d.setdefault("k9", 9))
    print_repr("d.popitem()", d.popitem())
    print_repr("d", d)
    d.update(dict_of(2, 0))
    print_repr("after d.update({0: 0, 1: 1})", d)
    copy = d.copy()
    print_bool("d.copy() == d", copy == d)
    copy["k1"] = -1
    print_bool("after a change, d.copy() == d", copy == d)


def dict_errors():
    d = dict_of(3, 0)
    try:
        d["missing"]
    except KeyError as e:
        print_exception(e)
    try:
        del d[42]
    except KeyError as e:
        print_exception(e)
    try:
        d[[]] = []
    except TypeError as e:
        print_exception(e)
    try:
        hash(d)
    except TypeError as e:
        print_exception(e)
    try:
        {}.popitem()
    except KeyError as e:
        print_exception(e)
    try:
        d < {}
    except TypeError as e:
        print_exception(e)
    it = iter(d)
    next(it)
    d[99] = 99
    try:
        next(it)
    except RuntimeError as e:
        print_exception(e)


def dict_tracking():
    d = {}
    print_bool("gc.is_tracked({})", gc.is_tracked(d))
    d["a"] = 1
    print_bool("gc.is_tracked({'a': 1})", gc.is_tracked(d))
    d["b"] = []
    print_bool("gc.is_tracked({'a': 1, 'b': []})", gc.is_tracked(d))
    d = {}
    d[1] = ()
    print_bool("gc.is_tracked({1: ()})", gc.is_tracked(d))
    d[2] = []
    print_bool("gc.is_tracked({1: (), 2: []})", gc.is_tracked(d))


def set_sizes():
    for n in (0, 4, 5, 10, 18, 19, 20, 100):
        print_size(f"set(range({n}))", set(range(n)))
        print_size(f"frozenset(range({n}))", frozenset(range(n)))
    five = set(range(5))
    print_size("set(set(range(5)))", set(five))
    five.clear()
    print_size("set(range(5)) after clear()", five)
    print_size("iter(set())", iter(set()))


def set_reprs():
    print_repr("set()", set())
    print_repr("frozenset()", frozenset())
    print_repr("set(range(10))", set(range(10)))
    print_repr("frozenset(range(3))", frozenset(range(3)))
    print_repr("added 5, 1, 100, 33", set_of([5, 1, 100, 33]))
    print_repr("added -1, -2, -3, 7, 15, 23", set_of([-1, -2, -3, 7, 15, 23]))
    print_repr("added 3, 11, 19, 27", set_of([3, 11, 19, 27]))
    s = set(range(10))
    s.discard(3)
    s.add(35)
    print_repr("set(range(10)), discard 3, add 35", s)
    print_repr("set('abcdefg')", set("abcdefg"))
    s = set(range(5))
    print_repr("s.pop()", s.pop())
    print_repr("s.pop()", s.pop())
    print_repr("s", s)


def set_hashes_and_compare():
    s = set_of([1, 2, 3])
    f = frozenset(s)
    print(f"hash(frozenset({{1, 2, 3}})) = {hash(f)}")
    e = frozenset()
    print(f"hash(frozenset()) = {hash(e)}")
    print_bool("frozenset() is frozenset()", e is frozenset())
    print(f"hash(frozenset('ab')) = {hash(frozenset('ab'))}")
    print(f"hash(frozenset(range(100))) = {hash(frozenset(range(100)))}")
    s12 = set_of([1, 2])
    print_bool("{1, 2} < {1, 2, 3}", s12 < s)
    print_bool("{1, 2, 3} <= {1, 2}", s <= s12)
    print_bool("{1, 2, 3} > {1, 2}", s > s12)
    print_bool("{1, 2, 3} >= {1, 2, 3}", s >= s)
    print_bool("{1, 2, 3} == frozenset({1, 2, 3})", s == f)
    print_bool("{1, 2} != {1, 2, 3}", s12 != s)
    try:
        hash(s)
    except TypeError as e:
        print_exception(e)
    try:
        s.add([])
    except TypeError as e:
        print_exception(e)
    try:
        s.remove(9)
    except KeyError as e:
        print_exception(e)
    try:
        set().pop()
    except KeyError as e:
        print_exception(e)
    it = iter(s)
    next(it)
    s.add(10)
    try:
        next(it)
    except RuntimeError as e:
        print_exception(e)
    print_bool("gc.is_tracked(set())", gc.is_tracked(s))
    print_bool("gc.is_tracked(frozenset({1, 2, 3}))", gc.is_tracked(f))


dict_sizes()
dict_reprs()
dict_errors()
dict_tracking()
set_sizes()
set_reprs()
set_hashes_and_compare()
