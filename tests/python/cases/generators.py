# Generators.
# --- a simple generator
def gen():
    yield 1
    yield 2
    yield 3
print(list(gen()))
# --- next on a generator
g = gen()
print(next(g), next(g), next(g), next(g, "done"))
# --- a generator runs lazily
def loud():
    print("start")
    yield "a"
    print("middle")
    yield "b"
    print("end")
for v in loud():
    print("got", v)
# --- infinite generator with a break
def naturals():
    n = 0
    while True:
        yield n
        n += 1
for n in naturals():
    if n > 3:
        break
    print(n)
# --- return value in StopIteration
def ret():
    yield 1
    return "result"
g = ret()
next(g)
try:
    next(g)
except StopIteration as e:
    print("stop value", e.value)
# --- send
def echo():
    got = None
    while True:
        got = yield got
g = echo()
next(g)
print(g.send("hello"), g.send(5))
# --- yield from
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    r = yield from inner()
    yield r
print(list(outer()))
# --- a generator is an iterator
g = gen()
print(iter(g) is g)
# --- generator state after exhaustion
g = gen()
list(g)
print(list(g))
# --- generator with arguments
def take(it, n):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
print(list(take(naturals(), 5)))
# --- close runs finally
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("closed")
g = guarded()
next(g)
g.close()
# --- a generator expression in a call
print(max(len(w) for w in ["aa", "b", "cccc"]))
