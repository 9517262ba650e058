# Singletons: None, True and False, and the empty str, tuple and bytes, each exist
# once; so do the 256 one-character latin-1 strings and the one-byte bytes.
# frozenset() is not one in 3.11.
a_obj = None
b_obj = None
print("a_obj == None:", a_obj == None)
print("a_obj is None:", a_obj is None)
print("a_obj == b_obj:", a_obj == b_obj)
print("a_obj is b_obj:", a_obj is b_obj)
one, other_one = int("1"), int("1")
print("(1 == 1) is True:", (one == other_one) is True)
print("(1 != 1) is False:", (one != other_one) is False)
nothing = []
print("''.join([]) is str():", "".join(nothing) is str())
print("tuple([]) is tuple():", tuple(nothing) is tuple())
print("bytes(nothing) is bytes():", bytes(nothing) is bytes())
print("frozenset() is frozenset():", frozenset() is frozenset())
print("chr(97) is chr(97):", chr(97) is chr(97))
print("chr(255) is chr(255):", chr(255) is chr(255))
print("chr(256) is chr(256):", chr(256) is chr(256))
print("bytes([97]) is bytes([97]):", bytes([97]) is bytes([97]))
print("'ab' + 'c' is 'ab' + 'c':", "".join(["ab", "c"]) is "".join(["ab", "c"]))
