# def, defaults, keyword arguments, *args, **kwargs.
# --- a plain function
def add(a, b):
    return a + b
print(add(2, 3))
# --- defaults
def greet(name, greeting="Hello"):
    return greeting + ", " + name
print(greet("Ann"), greet("Bob", "Hi"))
# --- keyword arguments in any order
def point(x, y, z=0):
    return (x, y, z)
print(point(y=2, x=1), point(1, z=3, y=2))
# --- *args
def total(*args):
    return sum(args)
print(total(), total(1, 2, 3))
# --- **kwargs
def show(**kwargs):
    return sorted(kwargs.items())
print(show(b=2, a=1))
# --- keyword-only arguments
def kw(a, *, scale=1):
    return a * scale
print(kw(3), kw(3, scale=4))
# --- calling with * and ** unpacking
args = [1, 2]
kwargs = {"z": 9}
print(point(*args, **kwargs))
# --- no return gives None
def nothing():
    pass
print(nothing())
# --- return several values
def pair():
    return 1, 2
print(pair())
# --- the mutable default is shared between calls
def append_to(item, box=[]):
    box.append(item)
    return box
print(append_to(1), append_to(2))
# --- recursion
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(25))
# --- functions are objects
def square(v):
    return v * v
f = square
print(f(6), f is square, f.__name__)
# --- a function as an argument
def apply(fn, v):
    return fn(v)
print(apply(square, 5))
# --- docstring
def documented():
    "Says what it does."
    return 1
print(documented.__doc__)
# --- positional-only marker
def po(a, b, /, c):
    return a + b + c
print(po(1, 2, c=3))
# --- default evaluated once at definition
counter = 10
def get(v=counter):
    return v
counter = 20
print(get())
