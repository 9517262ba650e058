# A failing assert without a message.
assert False
