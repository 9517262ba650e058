# An uncaught custom exception.
class QuotaExceeded(Exception):
    pass
def spend(n):
    if n > 3:
        raise QuotaExceeded("spent " + str(n))
    return n
spend(2)
spend(5)
