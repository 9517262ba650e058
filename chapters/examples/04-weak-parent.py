# A tree whose children point back at their parent: with a strong back-reference
# the tree is a web of cycles that only the collector frees; with a weak one, del
# frees it.
import gc
import weakref


class Node:
    pass


def tree(weak):
    root = Node()
    root.children = []
    for i in range(3):
        child = Node()
        child.parent = weakref.ref(root) if weak else root
        root.children.append(child)
    return root


gc.collect()
root = tree(weak=False)
del root
print("strong parent: collect:", gc.collect())
root = tree(weak=True)
probe = weakref.ref(root)
del root
print("weak parent: root alive after del:", probe() is not None)
print("weak parent: collect:", gc.collect())
