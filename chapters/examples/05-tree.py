# A parent/child tree. With strong back-references every child and its parent form a
# cycle: dropping the root frees nothing until the collector runs. With weak
# back-references there is no cycle: dropping the root frees the whole tree at
# once, by counting alone, and the collector never runs (the count of collections
# is read before and after).
import gc
import weakref


class Node:
    def __init__(self, name, parent=None, weak=True):
        self.name = name
        self.children = []
        if parent is not None:
            self.parent = weakref.ref(parent) if weak else parent
            parent.children.append(self)

    def __del__(self):
        print("  free", self.name)


def collections():
    return sum(s["collections"] for s in gc.get_stats())


def build(weak):
    root = Node("root")
    for name in ("a", "b", "c"):
        Node(name, root, weak)
    return root


gc.disable()
for weak in (False, True):
    print("weak back-references:", weak)
    root = build(weak)
    child = root.children[0]
    parent = child.parent() if weak else child.parent
    print("  root.children[0].parent is root:", parent is root)
    del child, parent
    before = collections()
    print("  del root:")
    del root
    print("  collections run:", collections() - before)
    print("  gc.collect() ->", gc.collect())
