# The seed's example_tracemalloc.py: 10,000 squares on one line, two snapshots, and
# the largest difference by line. Paths are printed as the file's stem: the C
# program's path and this one's differ.
# (Line 12, as in the C program.)
#
import os
import tracemalloc

tracemalloc.start(10)
snap_1 = tracemalloc.take_snapshot()

bunch_of_numbers = [x * x for x in range(10000)]

snap_2 = tracemalloc.take_snapshot()
inventory = snap_2.compare_to(snap_1, "lineno")
stem = os.path.splitext(os.path.basename(__file__))[0]
print(str(inventory[0]).replace(__file__, stem))
