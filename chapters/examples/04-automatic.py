# Automatic collections while a program builds 100,000 lists, counted by a callback,
# with the collector enabled and then disabled.
import gc

started = [0, 0, 0]


def count_starts(phase, info):
    if phase == "start":
        started[info["generation"]] += 1


def build(n):
    keep = []
    for i in range(n):
        keep.append([])
    return keep


gc.collect()
gc.callbacks.append(count_starts)
keep = build(100000)
print("enabled:  collections of generations 0, 1, 2:", started)
del keep
gc.collect()
started[:] = [0, 0, 0]
gc.disable()
keep = build(100000)
print("disabled: collections of generations 0, 1, 2:", started)
print("disabled: get_count()[0]:", gc.get_count()[0])
del keep
gc.enable()
gc.callbacks.remove(count_starts)
gc.collect()
