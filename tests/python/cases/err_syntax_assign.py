# SyntaxError: assignment to a literal.
print("never")
1 = x
