# The Python twin of tracer_overhead.c: the same work with tracemalloc off, with
# start(1) and with start(25); the median of 5 runs in milliseconds, as "key value"
# lines. (The loop's own ints, made by range(), are traced here too: Python
# allocates them, C does not.)
import time
import tracemalloc

N = 1000000
RUNS = 5


class Obj:
    __slots__ = ()


def keep():
    return [Obj() for _ in range(N)]


def churn():
    x = None
    for i in range(N):
        x = [i]
    return x


def measure(work, nframe):
    times = []
    for _ in range(RUNS):
        if nframe:
            tracemalloc.start(nframe)
        t0 = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - t0) * 1000)
        tracemalloc.stop()
        del result
    return sorted(times)[RUNS // 2]


for name, work in (("keep", keep), ("churn", churn)):
    for label, nframe in (("off", 0), ("n1", 1), ("n25", 25)):
        print(f"tracer_{name}_{label}_ms {measure(work, nframe):.1f}")
