# Shallow and deep copies of nested and self-referential lists.
import copy

inner = [1, 2]
outer = [inner, inner]
shallow = copy.copy(outer)
print("shallow is outer:      ", shallow is outer)
print("shallow[0] is inner:   ", shallow[0] is inner)
inner.append(3)
print("after inner.append(3): ", shallow)

deep = copy.deepcopy(outer)
print("deep[0] is inner:      ", deep[0] is inner)
print("deep[0] is deep[1]:    ", deep[0] is deep[1])
print("deep[0][0] is inner[0]:", deep[0][0] is inner[0])
inner.append(4)
print("after inner.append(4): ", deep)

me = [1]
me.append(me)
copied = copy.deepcopy(me)
print("me:                    ", me)
print("copy of me:            ", copied)
print("copied[1] is copied:   ", copied[1] is copied,
      " copied is me:", copied is me)
