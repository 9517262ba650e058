# SyntaxError: nothing runs, the error names the line.
print("never printed")
x = (1 +
