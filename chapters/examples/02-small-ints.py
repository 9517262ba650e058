# The small-int cache: the ints -5..256 are made once, when the interpreter starts,
# and every int of one of those values is that object. Values are made at run time
# (int(text), arithmetic) so that the compiler's constant merging plays no part.
import ctypes


def refcount(address):
    return ctypes.c_ssize_t.from_address(address).value


a_int = int("10")
b_int = int("10")
print("a_int == b_int:", a_int == b_int)
print("a_int is b_int:", a_int is b_int)
name_1 = int("100")
name_2 = int("100")
print("id(name_1) == id(name_2):", id(name_1) == id(name_2))
for text in ("-6", "-5", "256", "257"):
    print(f"int({text!r}) is int({text!r}):", int(text) is int(text))
x = int("200")
top = int("256")
print("x + 56 is top (256):", (x + 56) is top)
print("x + 57 is x + 57:", (x + 57) is (x + 57))
print("x + 57 == x + 57:", (x + 57) == (x + 57))
my_var = int("12324")
my_var2 = int("12324")
print("12324 twice: ==", my_var == my_var2, " is", my_var is my_var2)
print("refcount of 256 > 999999999:", refcount(id(top)) > 999999999)
print("refcount of 12324:", refcount(id(my_var)))
