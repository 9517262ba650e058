# memory_profiler's table for the seed's function, drawn from traced memory: the
# memory in use after each line (MiB above the start) and what the line added.
import tracemalloc


def my_func():
    rows = []
    a = [1] * (10 ** 6)
    rows.append(("a = [1] * (10 ** 6)", tracemalloc.get_traced_memory()[0]))
    b = [2] * (2 * 10 ** 7)
    rows.append(("b = [2] * (2 * 10 ** 7)", tracemalloc.get_traced_memory()[0]))
    del b
    rows.append(("del b", tracemalloc.get_traced_memory()[0]))
    return a, rows


tracemalloc.start(1)
base = tracemalloc.get_traced_memory()[0]
a, rows = my_func()
print(f"{'Mem usage':>12} {'Increment':>12}   Line Contents")
before = base
for text, now in rows:
    print(f"{(now - base) / 2**20:8.3f} MiB {(now - before) / 2**20:8.3f} MiB   {text}")
    before = now
tracemalloc.stop()
