# Two names for one list, and the [[]] * 3 trap: one reference, repeated.
# ctypes reads a count from the object's header, as in chapter 01.
import ctypes


def refcount(obj):
    address = id(obj)
    del obj
    return ctypes.c_ssize_t.from_address(address).value


a = [1, 2]
b = a
b.append(3)
print("b = a; b.append(3):   a =", a, " a is b:", a is b)

a_list = [[]] * 3
a_list[0].append(1)
a_list[1].append(2)
a_list[2].append(3)
print("[[]] * 3, appended:  ", a_list)
print("  one list three times:", a_list[0] is a_list[1] is a_list[2])
print("  its count:           ", refcount(a_list[0]))

fixed = [[] for _ in range(3)]
fixed[0].append(1)
fixed[1].append(2)
fixed[2].append(3)
print("[[] for _ in range(3)]:", fixed)
print("  three lists:         ",
      fixed[0] is not fixed[1] and fixed[1] is not fixed[2])
print("  their counts:        ", [refcount(fixed[i]) for i in range(3)])
