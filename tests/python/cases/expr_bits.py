# Bitwise operators and shifts on ints.
# --- and, or, xor
print(12 & 10, 12 | 10, 12 ^ 10)
# --- shifts
print(1 << 10, 1024 >> 3, -16 >> 2)
# --- invert
print(~0, ~-1, ~255)
# --- precedence: shift below +
print(1 << 2 + 1)
# --- precedence: & above |
print(1 | 2 & 3)
# --- big shifts
print(1 << 70)
# --- booleans are ints
print(True + True, True & False, True | False)
