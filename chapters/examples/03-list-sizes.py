# The article's list sizes: a list's size counts its slots (8 bytes each, one
# reference per slot), never the objects the slots refer to.
import sys

print("getsizeof([])                  ", sys.getsizeof([]))
print("getsizeof([1])                 ", sys.getsizeof([1]))
print("getsizeof([1, 2])              ", sys.getsizeof([1, 2]))
print("getsizeof([1, 2, 3])           ", sys.getsizeof([1, 2, 3]))
print("getsizeof([1, 2, 3, 4])        ", sys.getsizeof([1, 2, 3, 4]))
inner = [1, 2, 3, 4]
outer = [1, 2, inner]
print("getsizeof([1, 2, [1, 2, 3, 4]])", sys.getsizeof([1, 2, [1, 2, 3, 4]]))
print("  plus the inner list:         ",
      sys.getsizeof(outer) + sys.getsizeof(inner))
