# Memory given back to the operating system, or not: the resident set
# (/proc/self/statm) and the pools' arena count as a million floats come and go,
# in a list made once at its full size, after one round before the start.
import os
import sys
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "py"))
import pools

N = 1000000


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGESIZE") / (1024 * 1024)


def arenas_now():
    return pools.arenas(pools.take())["# arenas allocated current"]


def fill(x):
    for i in range(N):
        x[i] = i + 0.5


def clear(x, keep):
    """x[i] = None for every i, but those that keep divides (keep 0: every i)."""
    for i in range(N):
        if keep == 0 or i % keep != 0:
            x[i] = None


def amount(n):
    """In words: the exact numbers depend on where mmap puts each arena."""
    return "25 or more" if n >= 25 else "3 or fewer" if n <= 3 else "in between"


def report(step):
    arenas, mib = amount(arenas_now() - arenas0), amount(rss_mib() - rss0)
    print(f"{step:40} arenas: {arenas:11} resident MiB: {mib}")


x = [None] * N
fill(x)         # once before the start
clear(x, 0)
rss0 = rss_mib()
arenas0 = arenas_now()
fill(x)
report("x[i] = i + 0.5, a million times")
clear(x, 0)
report("x[i] = None, all of them")
fill(x)
report("the million floats again")
clear(x, 500)
report("x[i] = None but for one i in 500")
clear(x, 0)
report("x[i] = None, all of them")
