# Summing a million squares: from a list made first, then lazily from range's iterator.
# The peak of traced memory above the start, in KiB, for each.
import tracemalloc


def peak_of(lazy):
    base, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    if lazy:
        total = sum(x * x for x in range(1000000))
    else:
        total = sum([x * x for x in range(1000000)])
    _, peak = tracemalloc.get_traced_memory()
    print(f"{'lazy' if lazy else 'list'}: total {total}, peak {round((peak - base) / 1024)} KiB")


tracemalloc.start(1)
peak_of(False)
peak_of(True)
tracemalloc.stop()
