# Benchmark twin of bench/gc_collect.c under CPython: the same two shapes, the same
# keys, median of 5 runs in milliseconds.
#   gc_full_1M_live_ms   one full gc.collect() over 1,000,000 live empty lists
#   gc_100k_cycles_ms    one gc.collect() reclaiming 100,000 two-list cycles
import gc
import statistics
import time

RUNS = 5


def full_collection_over_live(n):
    keep = [[] for _ in range(n)]
    gc.collect()
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        gc.collect()
        times.append((time.perf_counter() - t0) * 1e3)
    del keep
    return statistics.median(times)


def reclaim_cycles(n):
    times = []
    for _ in range(RUNS):
        gc.collect()
        gc.disable()
        for _ in range(n):
            a = []
            b = [a]
            a.append(b)
        del a, b
        t0 = time.perf_counter()
        found = gc.collect()
        times.append((time.perf_counter() - t0) * 1e3)
        gc.enable()
        assert found == 2 * n, found
    return statistics.median(times)


print(f"gc_full_1M_live_ms {full_collection_over_live(1_000_000):.2f}")
print(f"gc_100k_cycles_ms {reclaim_cycles(100_000):.2f}")
