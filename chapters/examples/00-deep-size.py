# A list's size counts its references, not its items. The deep size counts every
# object reachable from it, each once, as pympler's asizeof does.
import gc
import sys


def deep_size(obj):
    seen, total, todo = set(), 0, [obj]
    while todo:
        o = todo.pop()
        if id(o) in seen or isinstance(o, type):   # types are shared: not counted
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        todo.extend(gc.get_referents(o))           # what o holds references to
    return total


words = []
for c in "xyz":
    words.append(c * 1000)                 # three strings of 1000 characters
print("getsizeof(words)      =", sys.getsizeof(words))
print("getsizeof(words[0])   =", sys.getsizeof(words[0]))
print("deep size of words    =", deep_size(words))
same = [words[0]] * 3                      # three references to ONE string
print("getsizeof(same)       =", sys.getsizeof(same))
print("deep size of same     =", deep_size(same))
nested = [words, words]                    # two references to the list words
print("getsizeof(nested)     =", sys.getsizeof(nested))
print("deep size of nested   =", deep_size(nested))
