# ZeroDivisionError through three frames.
def c(v):
    return v / 0
def b(v):
    return c(v)
def a():
    return b(1)
a()
