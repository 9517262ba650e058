# gc.freeze(): every tracked object moves to the permanent generation, which no
# collection examines; a cycle frozen there is found only after gc.unfreeze().
import gc

gc.collect()
print("get_freeze_count():", gc.get_freeze_count())
a = []
a.append(a)
gc.freeze()
print("after freeze: get_freeze_count():", gc.get_freeze_count())
print("after freeze: get_count():", gc.get_count(),
      "is_tracked(a):", gc.is_tracked(a))
del a
print("frozen cycle, collect:", gc.collect())
gc.unfreeze()
print("after unfreeze: get_freeze_count():", gc.get_freeze_count())
print("collect:", gc.collect())
