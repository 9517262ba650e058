# Names, references and objects: two names, one object.
a = [1, 2, 3]
b = a                          # b labels the same object: nothing is copied
print("a is b:", a is b)
print("id(a) == id(b):", id(a) == id(b))
print("id(a) =", id(a))
print("hex(id(a)) =", hex(id(a)))
c = [1, 2, 3]                  # an equal value, but a second object
print("c == a:", c == a)
print("c is a:", c is a)
print("hex(id(c)) =", hex(id(c)))
b.append(4)                    # change the object through one name...
print("a =", a)                # ...and every name that labels it sees the change
