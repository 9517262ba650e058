# Everything is an object: numbers, strings, containers, functions, classes, types.
class Point:
    pass


things = [("42", 42), ("3.5", 3.5), ("'hi'", 'hi'), ("[1, 2]", [1, 2]),
          ("{'k': 1}", {'k': 1}), ("None", None), ("len", len),
          ("Point", Point), ("Point()", Point()), ("int", int), ("type", type)]
for text, obj in things:
    print(f"{text:9} type: {str(type(obj)):36} "
          f"an object: {isinstance(obj, object)}")
