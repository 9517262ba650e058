# Displays and comprehensions.
# --- list, tuple, set, dict displays
print([1, 2, 3], (1, 2), {3}, {"a": 1})
# --- empty displays
print([], (), {}, set())
# --- one-element tuple
print((1,), type((1)).__name__)
# --- starred in displays
a = [1, 2]
print([0, *a, 3], (*a,), {*a, 5}, {**{"x": 1}, "y": 2})
# --- list comprehension
print([x * x for x in range(6)])
# --- with a condition
print([x for x in range(10) if x % 3 == 0])
# --- nested loops
print([(i, j) for i in range(3) for j in range(i)])
# --- dict comprehension
print({k: len(k) for k in ["a", "bb", "ccc"]})
# --- set comprehension
print(sorted({x % 4 for x in range(20)}))
# --- generator expression
g = (x + 1 for x in range(3))
print(type(g).__name__, list(g), list(g))
# --- sum of a generator expression
print(sum(x for x in range(101)))
# --- comprehension variables do not leak
x = "outer"
[x for x in range(3)]
print(x)
# --- nested comprehension
print([[r * c for c in range(3)] for r in range(3)])
# --- conditional expression inside
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
# --- dict from zip
print(dict(zip("abc", range(3))))
# --- duplicate keys keep the last value and the first position
print({"a": 1, "b": 2, "a": 3})
# --- set removes duplicates
print(len({1, 1, 2, 2, 3}))
# --- comprehension over a string
print([c for c in "hey"])
# --- comprehension with a function call
def sq(v):
    return v * v
print([sq(v) for v in (1, 2, 3)])
