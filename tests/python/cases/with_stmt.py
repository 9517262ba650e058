# with and context managers.
# --- __enter__ and __exit__ order
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name * 2
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type)
        return False
with CM("a") as v:
    print("inside", v)
# --- exit runs on an exception
try:
    with CM("b"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
# --- __exit__ returning True suppresses
class Suppress:
    def __enter__(self):
        return self
    def __exit__(self, t, e, tb):
        print("suppressing", t.__name__ if t else None)
        return True
with Suppress():
    1 / 0
print("after suppressed")
# --- several managers in one with
with CM("x") as a, CM("y") as b:
    print("both", a, b)
# --- nested with
with CM("outer"):
    with CM("inner"):
        print("deep")
# --- with and return
def use():
    with CM("r"):
        return "value"
print(use())
# --- the as target can be any target
class Pair:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *a):
        return None
with Pair() as (p, q):
    print(p + q)
