# global and nonlocal in depth.
# --- global creates a module name
def define():
    global created
    created = "yes"
define()
print(created)
# --- nonlocal through two levels
def a():
    x = 1
    def b():
        def c():
            nonlocal x
            x += 10
        c()
    b()
    return x
print(a())
# --- a local assigned after use is an error
def broken():
    try:
        print(v)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    v = 1
broken()
# --- class body scope does not enclose methods
class K:
    attr = "class-level"
    def get(self):
        try:
            return attr
        except NameError as e:
            return "NameError: " + str(e)
print(K().get())
# --- global in a loop
hits = 0
def hit():
    global hits
    hits += 1
for _ in range(5):
    hit()
print(hits)
# --- reading an enclosing variable without nonlocal
def outer():
    y = "enclosed"
    def inner():
        return y
    return inner()
print(outer())
