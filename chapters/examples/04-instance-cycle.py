# An instance that refers to itself (the article's C class, with a __del__ that
# prints the value rather than the address).
import gc


class C:
    def __init__(self, x):
        self.x = x

    def __del__(self):
        print(f"Deleting C({self.x})")


gc.collect()
c = C(10)
print("c = None, no cycle:")
c = None
c = C(10)
c.cr = c
print("c.cr.cr.cr.cr.x:", c.cr.cr.cr.cr.x)
print("c = None, in a cycle:")
c = None
print("gc.collect():")
n = gc.collect()
print("collected:", n)
print("gc.garbage:", len(gc.garbage), "objects")
