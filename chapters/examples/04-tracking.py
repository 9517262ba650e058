# Which objects the collector tracks, and what moves gc.get_count()[0].
import gc

print("get_threshold():", gc.get_threshold())
print("isenabled():", gc.isenabled())
gc.disable()
gc.collect()
c = gc.get_count()
print("get_count() after collect():", c)

print("is_tracked 1, 'abc', 1.5:", gc.is_tracked(1), gc.is_tracked("abc"),
      gc.is_tracked(1.5))
print("is_tracked [], set():", gc.is_tracked([]), gc.is_tracked(set()))
d = {"a": 1}
print("is_tracked {'a': 1}:", gc.is_tracked(d))
d["b"] = [1]
print("after d['b'] = [1]:", gc.is_tracked(d))
del d["b"]
print("after del d['b']:", gc.is_tracked(d))
t = tuple([1, 2])
print("is_tracked tuple([1, 2]):", gc.is_tracked(t))
gc.collect(0)
print("after collect(0): tuple", gc.is_tracked(t), "dict", gc.is_tracked(d))
gc.collect(2)
print("after collect(2): tuple", gc.is_tracked(t), "dict", gc.is_tracked(d))

gc.collect()
base = gc.get_count()[0]
keep = [[] for _ in range(1000)]
print("1000 new lists kept: count +", gc.get_count()[0] - base)
del keep
print("after del keep: count +", gc.get_count()[0] - base)
gc.collect()
base = gc.get_count()[0]
keep = [str(i) for i in range(1000)]
print("1000 new strs kept: count +", gc.get_count()[0] - base)
del keep
gc.enable()
