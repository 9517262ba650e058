# The same address coming back: a float, tuple, list or dict through its type's
# free list (its block stays allocated), an int through its pool's free list.
import os
import sys
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "py"))
import pools

x = y = a = before = after = None


def again(what, make, c):
    global x, y, a, before, after
    x = make(1)
    a = id(x)
    before = pools.take()
    del x
    after = pools.take()
    y = make(2)
    delta = pools.blocks_in_use(after)[c] - pools.blocks_in_use(before)[c]
    print(f"{what:6} id(y) == id(x): {str(id(y) == a):5}  "
          f"blocks in use of class {c} after del x: {delta:+}")
    y = None


again("float", lambda i: i + 0.5, 1)
again("tuple", lambda i: (i, i), 3)
again("list", lambda i: [], 3)
again("dict", lambda i: {}, 3)
again("int", lambda i: 1000000 + i, 1)
