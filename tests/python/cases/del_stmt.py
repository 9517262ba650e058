# del.
# --- del a name
x = 1
del x
print("x" in dir())
# --- del a list item
l = [1, 2, 3, 4]
del l[1]
print(l)
# --- del a slice
l = list(range(10))
del l[2:8]
print(l)
# --- del a dict key
d = {"a": 1, "b": 2}
del d["a"]
print(d)
# --- del an attribute
class C:
    pass
c = C()
c.attr = 5
del c.attr
print(hasattr(c, "attr"))
# --- del several targets
a, b = 1, 2
del a, b
print("done")
# --- del releases the object (refcount)
import sys
obj = [1, 2]
alias = obj
print(sys.getrefcount(obj))
del alias
print(sys.getrefcount(obj))
# --- del of an extended slice
l = list(range(10))
del l[::2]
print(l)
