# sys.getsizeof of a list after each of 100 appends, one line per run of equal
# sizes: the list grows its slot array in steps, not one slot at a time.
import sys

lst = []
sizes = [sys.getsizeof(lst)]
for i in range(100):
    lst.append(None)
    sizes.append(sys.getsizeof(lst))

print("length     getsizeof  capacity  spare at the first length")
start = 0
for n in range(1, len(sizes) + 1):
    if n == len(sizes) or sizes[n] != sizes[start]:
        capacity = (sizes[start] - sys.getsizeof([])) // 8
        print(f"{start:>3} to {n - 1:>3} {sizes[start]:>9} {capacity:>9}"
              f" {capacity - start:>9}")
        start = n
