# s += "abc" in a loop, three ways, and "".join. A step that keeps id(s) grew the
# string where it was (it copied only "abc"); a step that changes it made a new
# string (or moved the old one), copying everything written so far.
# in_a_function runs twice: 3.11 specialises the += only after a few runs of it.
import sys

N = 150


def count(moved, copied, before, length, s):
    if id(s) != before:
        return moved + 1, copied + length + 3
    return moved, copied + 3


def in_a_function(n):
    s = ""
    moved = copied = 0
    for i in range(n):
        before, length = id(s), len(s)
        s += "abc"
        moved, copied = count(moved, copied, before, length, s)
    return len(s), moved, copied


def with_an_alias(n):
    s = ""
    moved = copied = 0
    for i in range(n):
        before, length = id(s), len(s)
        alias = s
        s += "abc"
        moved, copied = count(moved, copied, before, length, s)
    return len(s), moved, copied


def report(where, result):
    length, moved, copied = result
    print(f"{where:<16} len {length}, new or moved {moved:>4} of {N},"
          f" characters copied {copied}")


report("in a function", in_a_function(N))
report("in a function", in_a_function(N))
report("with an alias", with_an_alias(N))

s = ""
moved = copied = 0
for i in range(N):
    before, length = id(s), len(s)
    s += "abc"
    moved, copied = count(moved, copied, before, length, s)
report("at module level", (len(s), moved, copied))

pieces = []
for i in range(N):
    pieces.append("abc")
joined = "".join(pieces)
print(f"{'join':<16} len {len(joined)},"
      f" and the list of pieces took {sys.getsizeof(pieces)} bytes")
