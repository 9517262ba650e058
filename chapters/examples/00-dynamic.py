# Dynamic typing: a name has no type; the object it refers to has one.
def describe(name, obj):
    print(f"{name} = {obj!r:12} type: {type(obj).__name__:5} at {hex(id(obj))}")


x = 42
describe("x", x)
x = "forty-two"                 # the same name, now a str
describe("x", x)
x = [4, 2]                      # and now a list
describe("x", x)
y = x
print("type(x) is type(y):", type(x) is type(y))
try:
    "4" + 2                     # the types are checked when the operation runs
except TypeError as e:
    print("'4' + 2: TypeError:", e)
print("'4' * 2:", repr("4" * 2))  # the same operator means what the type says
