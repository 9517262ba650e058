# NameError inside a function: two frames.
def f():
    return missing_variable
print("calling")
f()
