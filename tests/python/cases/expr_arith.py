# Arithmetic and precedence. Each "# ---" line starts a snippet.
# --- precedence of * over +
print(2 + 3 * 4)
# --- parentheses
print((2 + 3) * 4)
# --- power is right-associative
print(2 ** 3 ** 2)
# --- unary minus binds looser than power
print(-2 ** 2)
# --- true and floor division
print(7 / 2, 7 // 2, -7 // 2)
# --- modulo takes the divisor's sign
print(7 % 3, -7 % 3, 7 % -3)
# --- big ints
print(2 ** 100)
# --- float arithmetic
print(0.1 + 0.2, 1.5 * 2, 1 / 3)
# --- mixed int and float
print(3 + 0.5, 10 - 2.5)
# --- unary operators
print(-(-5), +7, ~5)
# --- integer division by a negative
print(divmod(-7, 2), divmod(7, -2))
# --- float floor division
print(7.5 // 2, -7.5 // 2, 7.5 % 2)
# --- power with negative exponent gives a float
print(2 ** -1, 10 ** 0)
# --- left-to-right for equal precedence
print(100 - 10 - 1, 64 / 4 / 2)
