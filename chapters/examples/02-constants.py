# Constants are merged per compiled unit: one module (or one exec) holds one object
# for equal constants of the same type; two units hold two.
a = 257
b = 257
print("one unit: a = 257; b = 257; a is b:", a is b)


def f():
    return 257


def g():
    return 257


print("one unit: f() is g():", f() is g(), " f() is a:", f() is a)
x = 1.5
y = 1.5
t1 = (1, 2, 3)
t2 = (1, 2, 3)
print("one unit: 1.5 is 1.5:", x is y, " (1, 2, 3) is (1, 2, 3):", t1 is t2)
ns = {}
exec("a = 257", ns)
exec("b = 257", ns)
print("two units: a = 257 | b = 257; a is b:", ns["a"] is ns["b"])
exec("a = 256", ns)
exec("b = 256", ns)
print("two units: a = 256 | b = 256; a is b:", ns["a"] is ns["b"])
exec("t = (1, 2)", ns)
exec("u = (1, 2)", ns)
print("two units: (1, 2) is (1, 2):", ns["t"] is ns["u"])
one, one_f, true = 1, 1.0, True
print("1 == 1.0 == True:", one == one_f == true, " 1 is 1.0:", one is one_f,
      " 1 is True:", one is true)
source = "a = 257\nb = 257\nc = 1.0\nd = 1\ne = True\nf = (1, 2)\n"
code = compile(source, "<unit>", "exec")
print("co_consts:", code.co_consts)
