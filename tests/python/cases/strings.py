# Strings.
# --- concatenation and repetition
print("ab" + "cd", "-" * 5)
# --- indexing and slicing
s = "python"
print(s[0], s[-1], s[1:4], s[::-1], s[::2])
# --- methods
print("Hello".upper(), "Hello".lower(), " x ".strip(), "a,b,c".split(","), "-".join(["a", "b"]))
# --- find and replace
print("banana".find("an"), "banana".replace("a", "o"), "banana".count("a"))
# --- startswith and endswith
print("file.py".endswith(".py"), "file.py".startswith("f"))
# --- in
print("an" in "banana", "x" in "banana")
# --- len of unicode
print(len("héllo"), len("日本"))
# --- escapes
print("tab\tend", "quote\"", 'single\'', "back\\slash")
# --- raw strings
print(r"\n stays")
# --- multi-line string
text = """line one
line two"""
print(text)
# --- str formatting with format method
print("{} and {}".format("x", "y"), "{0}{1}{0}".format("a", "b"))
# --- percent formatting
print("%d items at %.2f" % (3, 1.5), "%s!" % "hi")
# --- string comparison and ordering
print(sorted(["b", "a", "C"]))
# --- str of numbers and back
print(str(3.0), int("12") + 1, repr(1.1))
# --- immutability
try:
    s[0] = "P"
except TypeError as e:
    print("TypeError:", e)
# --- split with no argument
print("  a  b c ".split())
# --- isdigit, isalpha
print("123".isdigit(), "abc".isalpha(), "a1".isalnum())
