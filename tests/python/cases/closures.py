# Closures, lambda, nonlocal, global.
# --- a closure remembers its variable
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
print(add5(10), make_adder(1)(1))
# --- a counter with nonlocal
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = make_counter()
c()
c()
print(c())
# --- two closures share one cell
def pair():
    v = 0
    def get():
        return v
    def put(x):
        nonlocal v
        v = x
    return get, put
get, put = pair()
put(42)
print(get())
# --- late binding in a loop
fns = [lambda: i for i in range(3)]
print([f() for f in fns])
# --- default argument captures the value
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])
# --- lambda with several arguments
mul = lambda a, b=2: a * b
print(mul(3), mul(3, 4))
# --- lambda as a sort key
words = ["ccc", "a", "bb"]
print(sorted(words, key=lambda w: len(w)))
# --- global
total = 0
def bump():
    global total
    total += 1
bump()
bump()
print(total)
# --- global read without declaration
limit = 3
def under(v):
    return v < limit
print(under(2), under(5))
# --- local shadows global
name = "global"
def shadow():
    name = "local"
    return name
print(shadow(), name)
# --- nested closures
def outer():
    a = 1
    def middle():
        b = 2
        def inner():
            return a + b
        return inner
    return middle()
print(outer()())
# --- closure cell contents
def holder():
    secret = "s"
    return lambda: secret
h = holder()
print(h.__closure__[0].cell_contents)
