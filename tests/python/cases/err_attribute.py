# AttributeError on an instance.
class Thing:
    pass
t = Thing()
t.colour
