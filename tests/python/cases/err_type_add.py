# TypeError from an operator.
x = 1
y = "a"
x + y
