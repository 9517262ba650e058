# next() past the end of an iterator.
it = iter([1])
next(it)
next(it)
