# Assignment forms.
# --- simple and chained
a = b = c = 7
print(a, b, c)
# --- tuple unpacking
x, y = 1, 2
print(x, y)
# --- swap
x, y = y, x
print(x, y)
# --- nested unpacking
(p, q), r = (1, 2), 3
print(p, q, r)
# --- starred unpacking
first, *rest = [1, 2, 3, 4]
print(first, rest)
# --- star in the middle
head, *mid, tail = range(6)
print(head, mid, tail)
# --- unpacking a string
s1, s2, s3 = "abc"
print(s1, s2, s3)
# --- augmented assignment
n = 10
n += 5
n -= 3
n *= 2
n //= 5
n **= 3
n %= 7
print(n)
# --- augmented on a list mutates it in place
l = [1]
m = l
l += [2]
print(l, m, l is m)
# --- augmented on a tuple makes a new one
t = (1,)
u = t
t += (2,)
print(t, u, t is u)
# --- subscript and attribute targets
d = {}
d["k"] = 1
lst = [0, 0, 0]
lst[1] = 5
lst[-1] = 9
print(d, lst)
# --- slice assignment
lst = [1, 2, 3, 4, 5]
lst[1:3] = ["a", "b", "c"]
print(lst)
# --- unpacking in a for target
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
# --- augmented string concatenation
s = "ab"
s += "cd"
print(s)
