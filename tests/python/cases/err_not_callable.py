# TypeError: an int is not callable.
n = 5
n()
