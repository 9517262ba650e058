# Classes: methods, attributes, __init__, class attributes.
# --- a class with __init__ and a method
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
p = Point(3, 4)
print(p.x, p.y, p.norm2())
# --- class attribute shared by instances
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
Counter()
Counter()
print(Counter.instances)
# --- instance attribute shadows class attribute
class Shadow:
    value = "class"
s = Shadow()
s.value = "instance"
print(s.value, Shadow.value)
# --- __dict__ of an instance
class Bag:
    def __init__(self):
        self.a = 1
        self.b = 2
print(Bag().__dict__)
# --- type and isinstance
print(type(p) is Point, isinstance(p, Point), isinstance(p, object))
# --- bound method
m = p.norm2
print(m())
# --- method called through the class
print(Point.norm2(p))
# --- class name and module
print(Point.__name__, Point.__module__)
# --- attributes added later
p.z = 5
print(p.z, sorted(vars(p)))
# --- getattr/setattr/hasattr
setattr(p, "w", 9)
print(getattr(p, "w"), hasattr(p, "nope"), getattr(p, "nope", "dflt"))
# --- a method that returns self
class Chain:
    def __init__(self):
        self.steps = []
    def step(self, s):
        self.steps.append(s)
        return self
print(Chain().step(1).step(2).steps)
# --- class repr
print(Point)
# --- classes are callable and instances are not
print(callable(Point), callable(p))
