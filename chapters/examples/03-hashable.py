# Hashability follows immutability: the mutable containers refuse hash(), a tuple
# is hashable only if everything in it is, a class that defines __eq__ loses its
# __hash__, and a frozenset can be a dict key where a set cannot.


def try_hash(what, obj):
    try:
        hash(obj)
        print(f"{what:<22} hashable")
    except TypeError as e:
        print(f"{what:<22} TypeError: {e}")


class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x


try_hash("42", 42)
try_hash("'spam'", "spam")
try_hash("(1, 2)", (1, 2))
try_hash("frozenset({1, 2})", frozenset({1, 2}))
try_hash("[1, 2]", [1, 2])
try_hash("{'a': 1}", {"a": 1})
try_hash("{1, 2}", {1, 2})
try_hash("(1, [2])", (1, [2]))
try_hash("P(1), __eq__ only", P(1))
print("P.__hash__ is None:   ", P.__hash__ is None)
print("hash((1, 2)) == hash((1, 2)):", hash((1, 2)) == hash((1, 2)))

d = {frozenset({1, 2}): "key"}
print("d[frozenset({2, 1})]: ", d[frozenset({2, 1})])
try:
    d[{1, 2}] = "key"
except TypeError as e:
    print("d[{1, 2}] = 'key'     TypeError:", e)
