import gc


class P:
    pass


class S:
    __slots__ = ("other",)


def cycle(cls, touch):
    gc.collect()
    p, q = cls(), cls()
    p.other = q
    q.other = p
    if touch:
        p.__dict__, q.__dict__
    del p, q
    return gc.collect()


print("two plain instances in a cycle: gc.collect() ->", cycle(P, False))
print("the same, __dict__ asked for:   gc.collect() ->", cycle(P, True))
print("two slotted instances:          gc.collect() ->", cycle(S, False))
