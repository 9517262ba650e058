# Freeing a container releases its items; an item whose count reaches zero is freed
# too, and so on down the chain.
class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print(f"    (Node {self.name!r} freed)")


items = [Node("first"), Node("second"), Node("third")]
print("del items")
# the list's count reaches zero: it releases its items
del items
print("pair = [[Node('inner')], Node('outer')]")
pair = [[Node("inner")], Node("outer")]
print("del pair")
del pair
deep = Node("bottom")
for _ in range(100000):
    deep = [deep]                # 100000 lists, each holding the next
print("del deep (100000 nested lists)")
del deep
print("end")
