# Comparisons, chains, identity, membership, booleans.
# --- comparison chain
x = 5
print(1 < x < 10, 1 < x > 10)
# --- chain evaluates the middle once
def mid():
    print("mid")
    return 5
print(1 < mid() < 10)
# --- equality of mixed numbers
print(1 == 1.0, 1 == True, 0 == False)
# --- identity of None
y = None
print(y is None, y is not None)
# --- membership in containers
print(3 in [1, 2, 3], 4 not in (1, 2), "a" in "cat", 2 in {1: "x", 2: "y"})
# --- and/or return an operand
print(0 or "default", 5 and 6, "" and 1, None or 0)
# --- not
print(not 0, not [1], not "")
# --- short circuit
def loud(v):
    print("eval", v)
    return v
print(loud(0) and loud(1))
print(loud(1) or loud(2))
# --- string comparison is lexicographic
print("apple" < "banana", "Z" < "a", "abc" < "abd")
# --- list and tuple comparison
print([1, 2] < [1, 3], (1, 2, 3) > (1, 2), [1, 2] == [1, 2])
# --- conditional expression
n = 7
print("odd" if n % 2 else "even")
# --- nested conditional expressions
for k in (-1, 0, 1):
    print("neg" if k < 0 else "zero" if k == 0 else "pos")
