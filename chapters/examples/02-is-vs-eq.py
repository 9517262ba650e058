# `is` asks whether two references lead to one object; `==` asks the objects
# whether their values are equal, and an object may answer as it likes.
a_list = [1, 2, 3, 4]
b_list = [1, 2, 3, 4]
print("a_list == b_list:", a_list == b_list)
print("a_list is b_list:", a_list is b_list)
a_int = 10
a_float = 10.0
print("a_int == a_float:", a_int == a_float)
print("a_int is a_float:", a_int is a_float)


class AlwaysEqual:
    def __eq__(self, other):
        return True


x = AlwaysEqual()
print("x == None:", x == None)
print("x is None:", x is None)
print("x == 42:", x == 42, " x != 42:", x != 42)
limit = 257
count = int("257")
print("count == limit:", count == limit)
print("count is limit:", count is limit)
expected = "python course"
word = " ".join(["python", "course"])
print("word == expected:", word == expected)
print("word is expected:", word is expected)
nan = float("nan")
print("nan == nan:", nan == nan, " nan is nan:", nan is nan,
      " [nan] == [nan]:", [nan] == [nan])
