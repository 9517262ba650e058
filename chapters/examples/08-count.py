# Why 10,000 squares make 9,984 blocks: the squares that are small ints (-5 .. 256)
# are the interpreter's preallocated objects, and the list's item array is one block.
bunch = [x * x for x in range(10000)]
cached = sum(1 for v in bunch if int(str(v)) is v)
print(f"items: {len(bunch)}, of which preallocated small ints: {cached}")
print(f"new int objects: {len(bunch) - cached}, plus the item array: {len(bunch) - cached + 1} blocks")
