# The seed's example_unused_memory.py: three lists made one from the other, with the
# traced memory (above what was traced at the start) after each, once keeping every
# list and once deleting each input as soon as the next list is made.
import tracemalloc


def run(delete):
    base, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    input_numbers = [x * x for x in range(10000)]
    show("input_numbers", base)
    operation_1 = [x / 2 for x in input_numbers]
    show("operation_1", base)
    if delete:
        del input_numbers
    operation_2 = [x / 2 for x in operation_1]
    if delete:
        del operation_1
    show("operation_2", base)


def show(label, base):
    current, peak = tracemalloc.get_traced_memory()
    print(f"{label:14} current {round((current - base) / 1024):5} KiB  peak {round((peak - base) / 1024):5} KiB")


tracemalloc.start(1)
[].append(0)
print("keeping every list:")
run(False)
print("with del:")
run(True)
tracemalloc.stop()
