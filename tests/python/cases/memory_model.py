# What the book measures: counts, identities, sizes.
import sys
import gc
# --- a fresh list has refcount 2 (the name and the argument)
a = []
print(sys.getrefcount(a))
# --- another name adds one
b = a
print(sys.getrefcount(a))
# --- a container holding it adds one
c = [a]
print(sys.getrefcount(a))
# --- is versus ==
x = [1, 2]
y = [1, 2]
print(x == y, x is y)
# --- small ints are cached
m = 256
n = int("256")
print(m is n)
# --- large ints made at run time are distinct
p = int("1000")
q = int("1000")
print(p == q, p is q)
# --- identical string constants are one object
s1 = "hello"
s2 = "hello"
print(s1 is s2)
# --- sys.intern
t1 = "hello world!"
print(sys.intern(t1) is sys.intern("hello world!"))
# --- getsizeof of common objects
print(sys.getsizeof(0), sys.getsizeof(1), sys.getsizeof(2 ** 30), sys.getsizeof(1.5))
print(sys.getsizeof([]), sys.getsizeof(()), sys.getsizeof({}), sys.getsizeof(""), sys.getsizeof("abc"))
# --- a list over-allocates as it grows
l = []
sizes = []
for i in range(10):
    l.append(i)
    sizes.append(sys.getsizeof(l))
print(sizes)
# --- aliasing: mutation is visible through both names
d1 = {"k": []}
d2 = d1
d2["k"].append(1)
print(d1)
# --- a cycle is freed by the collector
class Node:
    pass
gc.collect()
n1 = Node()
n2 = Node()
n1.other = n2
n2.other = n1
del n1, n2
print(gc.collect() > 0)
# --- gc tracks containers, not atoms
print(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked("s"))
# --- weak references do not keep objects alive
import weakref
class Obj:
    pass
o = Obj()
w = weakref.ref(o)
print(w() is o)
del o
print(w())
# --- a weakref callback
def gone(ref):
    print("callback ran")
o = Obj()
w = weakref.ref(o, gone)
del o
print("end")
