# An error inside a lambda.
f = lambda v: v.missing
f(1)
