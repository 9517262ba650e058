# TypeError: calling with a wrong argument count.
def two(a, b):
    return a + b
two(1)
