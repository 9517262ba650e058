# A raise inside an except: both tracebacks, chained.
try:
    {}["k"]
except KeyError:
    raise ValueError("while handling")
