# Inheritance, super, MRO.
# --- a subclass overrides and extends
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return self.name + " says " + self.speak()
class Dog(Animal):
    def speak(self):
        return "woof"
print(Dog("Rex").intro(), Animal("x").intro())
# --- super().__init__
class Base:
    def __init__(self):
        self.tags = ["base"]
class Child(Base):
    def __init__(self):
        super().__init__()
        self.tags.append("child")
print(Child().tags)
# --- isinstance and issubclass through the hierarchy
print(isinstance(Dog("a"), Animal), issubclass(Dog, Animal), issubclass(Animal, Dog))
# --- the MRO of a diamond
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print([k.__name__ for k in D.__mro__])
# --- super follows the MRO
class A2:
    def who(self):
        return ["A2"]
class B2(A2):
    def who(self):
        return ["B2"] + super().who()
class C2(A2):
    def who(self):
        return ["C2"] + super().who()
class D2(B2, C2):
    def who(self):
        return ["D2"] + super().who()
print(D2().who())
# --- __bases__
print(D.__bases__ == (B, C), Dog.__bases__[0].__name__)
# --- subclass of a built-in list
class Stack(list):
    def push(self, v):
        self.append(v)
st = Stack()
st.push(1)
st.push(2)
print(st, len(st), isinstance(st, list))
# --- subclass of dict
class Defaulting(dict):
    def __missing__(self, key):
        return 0
dd = Defaulting(a=1)
print(dd["a"], dd["zzz"])
# --- class attribute lookup through bases
class P:
    kind = "p"
class Q(P):
    pass
print(Q.kind, Q().kind)
# --- method resolution picks the first base
class Left:
    def side(self):
        return "left"
class Right:
    def side(self):
        return "right"
class Both(Left, Right):
    pass
print(Both().side())
# --- exception subclass
class MyError(ValueError):
    pass
try:
    raise MyError("bad")
except ValueError as e:
    print(type(e).__name__, e, isinstance(e, Exception))
