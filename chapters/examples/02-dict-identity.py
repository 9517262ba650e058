# A dict lookup tries identity before equality: a key that is the very object
# stored costs no __eq__ call; an equal but distinct key costs one. That is the
# time interning saves: interned strings are found by their address.
class Key:
    comparisons = 0

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return hash(self.n)

    def __eq__(self, other):
        Key.comparisons += 1
        return isinstance(other, Key) and self.n == other.n


stored = Key(2)
d = {Key(1): "one", stored: "two", Key(3): "three"}
print("building the dict, __eq__ calls:", Key.comparisons)
Key.comparisons = 0
print("d[stored] =", d[stored], " __eq__ calls:", Key.comparisons)
Key.comparisons = 0
print("d[Key(2)] =", d[Key(2)], " __eq__ calls:", Key.comparisons)
Key.comparisons = 0
print("Key(4) in d:", Key(4) in d, " __eq__ calls:", Key.comparisons)
