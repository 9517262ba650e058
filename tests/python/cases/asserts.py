# assert that passes, and caught failures.
# --- a passing assert
assert 1 + 1 == 2
print("passed")
# --- assert with a message caught
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("AssertionError:", e)
# --- assert without a message
try:
    assert []
except AssertionError as e:
    print(repr(e))
# --- the message is evaluated only on failure
def msg():
    print("building message")
    return "m"
assert True, msg()
print("no message built")
