# Mutation keeps the object; rebinding makes the name refer to another one.
# The addresses themselves differ from run to run, so each line says whether
# the object after the statement is the one that was there before.
a_list = [10, 20, 30]
before = id(a_list)
a_list.append(40)
print("a_list.append(40)       same object:", id(a_list) == before, a_list)

a_list2 = [10, 20, 30]
before = id(a_list2)
a_list2 = a_list2 + [40]
print("a_list2 = a_list2 + [40] same object:", id(a_list2) == before, a_list2)

a_list3 = [10, 20, 30]
before = id(a_list3)
alias = a_list3
a_list3 += [40]
print("a_list3 += [40]         same object:", id(a_list3) == before, a_list3)
print("  and the alias sees it:", alias)

a_tuple = (10, 20, 30)
before = id(a_tuple)
alias = a_tuple
a_tuple += (40,)
print("a_tuple += (40,)        same object:", id(a_tuple) == before, a_tuple)
print("  and the alias keeps:  ", alias)
