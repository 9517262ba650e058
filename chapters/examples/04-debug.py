# gc.get_stats() (the articles' snippet) and the debug flags' real output.
import gc
import re
import sys

sys.stdout.reconfigure(line_buffering=True)   # stdout and stderr in order


class MaskTime:
    """sys.stderr, with the time a collection took masked: it changes every run."""

    def write(self, text):
        return sys.__stderr__.write(re.sub(r"[0-9.]+s elapsed", "N.NNNNs elapsed", text))

    def flush(self):
        sys.__stderr__.flush()


sys.stderr = MaskTime()


def self_cycle():
    a = [1]
    a.append(a)


print(gc.get_stats())
gc.collect()
before = gc.get_stats()
self_cycle()
gc.set_debug(gc.DEBUG_STATS)
n = gc.collect()
gc.set_debug(0)
after = gc.get_stats()
print("collect:", n)
print("generation 2: collections +",
      after[2]["collections"] - before[2]["collections"],
      "collected +", after[2]["collected"] - before[2]["collected"])
self_cycle()
gc.set_debug(gc.DEBUG_COLLECTABLE)
print("DEBUG_COLLECTABLE collect:", gc.collect())
print("DEBUG_LEAK:", gc.DEBUG_LEAK, "= COLLECTABLE | UNCOLLECTABLE | SAVEALL")
gc.set_debug(gc.DEBUG_LEAK)
self_cycle()
print("DEBUG_LEAK collect:", gc.collect())
print("gc.garbage:", gc.garbage)
gc.set_debug(0)
gc.garbage.clear()
print("after garbage.clear(), collect:", gc.collect())
print("gc.garbage:", gc.garbage)
