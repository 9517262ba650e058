# Which strings are interned. A constant made only of name characters (ASCII
# letters, digits, underscores) is interned when its code object is made, so it is
# one object even across units (two exec() calls, like two REPL or notebook
# statements); other constants are merged only within their unit. Strings made at
# run time are not interned unless sys.intern is asked.
import sys

ns = {}
for src in ['"python"', '"python!"', '"python course"',
            '"_this_string_will_be_intern_since_it_is_valid_identifier"',
            '"Generally this is not interned, but we can intern it using '
            'sys.intern"',
            "'a' * 20"]:
    exec(f"a_string = {src}\nb_string = {src}", ns)
    one_unit = ns["a_string"] is ns["b_string"]
    exec(f"a_string = {src}", ns)
    exec(f"b_string = {src}", ns)
    a, b = ns["a_string"], ns["b_string"]
    print(f"{src[:30]:31} == {a == b}  is: one unit {one_unit}, two units {a is b}")
hello = "hello"
made = "".join(["hel", "lo"])
print("''.join(['hel', 'lo']) == 'hello':", made == hello)
print("''.join(['hel', 'lo']) is 'hello':", made is hello)
print("sys.intern(made) is 'hello':", sys.intern(made) is hello)
part = "python"
print("part + ' course' is part + ' course':", part + " course" is part + " course")
a_string = sys.intern("".join(["Generally this is not interned, ",
                               "but we can intern it using sys.intern"]))
b_string = sys.intern("".join(["Generally this is not interned, but we can ",
                               "intern it using sys.intern"]))
print("sys.intern(...) is sys.intern(...):", a_string is b_string)
