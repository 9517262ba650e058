# An error raised inside a generator.
def gen():
    yield 1
    raise RuntimeError("generator failed")
for v in gen():
    print(v)
