# List, dict, set and tuple methods.
# --- list methods
l = [3, 1, 2]
l.append(4)
l.insert(0, 0)
l.extend([5, 6])
print(l, l.pop(), l.pop(0), l)
# --- index, count, remove, reverse
l = [1, 2, 3, 2]
print(l.index(2), l.count(2))
l.remove(2)
l.reverse()
print(l)
# --- list slicing
l = list(range(10))
print(l[2:5], l[:3], l[-2:], l[::3], l[::-1])
# --- list copy and clear
c = l.copy()
l.clear()
print(len(c), l)
# --- list repetition and concatenation
print([0] * 3, [1] + [2], [[]] * 2)
# --- list.sort
l = [3, 1, 2]
l.sort()
print(l)
# --- dict methods
d = {"a": 1}
d["b"] = 2
print(d.get("a"), d.get("z"), d.get("z", 0), list(d.keys()), list(d.values()), list(d.items()))
# --- setdefault, pop, update
d.setdefault("c", 3)
print(d.pop("a"), d)
d.update({"d": 4})
print(d)
# --- dict iteration order is insertion order
d = {}
for k in "zyx":
    d[k] = ord(k)
print(list(d))
# --- popitem
print(d.popitem(), d)
# --- dict views
print(len(d.keys()), "z" in d.keys())
# --- set operations
s = {1, 2, 3}
t = {3, 4}
print(s | t, s & t, s - t, s ^ t)
# --- set methods
s.add(10)
s.discard(1)
s.discard(99)
print(sorted(s), 10 in s)
# --- tuple methods
t = (1, 2, 2, 3)
print(t.count(2), t.index(3), t[1:3])
# --- nested containers
grid = [[0] * 2 for _ in range(2)]
grid[0][1] = 5
print(grid)
# --- in on dict checks keys
print("a" in {"a": 1}, 1 in {"a": 1})
# --- list equality and ordering
print([1, 2] == [1, 2], [1, 2] < [1, 2, 0])
# --- negative indexes
print("hello"[-1], [1, 2, 3][-2], (1, 2)[-1])
