# Every object starts with a header: its reference count, then its type. The value
# comes after. ctypes reads the bytes straight from memory at the address id()
# gives.
import ctypes


def word(address):                 # the 8-byte signed integer stored at address
    return ctypes.c_ssize_t.from_address(address).value


a = [10, 20, 30]
b = a
print("a = [10, 20, 30]; b = a")
print("  +0   ob_refcnt =", word(id(a)))
print("  +8   ob_type   =", hex(word(id(a) + 8)), " is list:",
      word(id(a) + 8) == id(list))
print("  +16  ob_size   =", word(id(a) + 16), " len(a):", len(a))
print("  +24  ob_item   =", hex(word(id(a) + 24)), " (the array of references)")
print("  +32  allocated =", word(id(a) + 32))
print("  ob_item[0] is a[0]:", word(word(id(a) + 24)) == id(a[0]))

x = float("7.5")
print("x = float('7.5')")
print("  +0   ob_refcnt =", word(id(x)))
print("  +8   ob_type   =", hex(word(id(x) + 8)), " is float:",
      word(id(x) + 8) == id(float))
print("  +16  ob_fval   =", ctypes.c_double.from_address(id(x) + 16).value)

n = int("1099511627776")           # 2**40: two 30-bit digits
print("n = int('1099511627776')")
print("  +0   ob_refcnt =", word(id(n)))
print("  +8   ob_type   =", hex(word(id(n) + 8)), " is int:",
      word(id(n) + 8) == id(int))
print("  +16  ob_size   =", word(id(n) + 16), " (digits)")
digits = [ctypes.c_uint32.from_address(id(n) + 24 + 4 * i).value for i in range(2)]
print("  +24  ob_digit  =", digits, " value:", digits[0] + digits[1] * 2**30)
