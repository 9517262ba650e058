# SyntaxError: a missing colon.
if True
    print("x")
