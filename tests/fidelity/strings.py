# strings: str and bytes under CPython 3.11; tests/fidelity/strings.c prints the
# same lines from the Mo runtime. Run-time strings are built with ''.join(...) so
# that they are not code constants; identifier-like literals are the constants.
import sys

TEXTS = ["", "a", "abc", "hello world", "caf\xe9", "\u20ac", "a\u20ac", "\U0001F600",
         "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\tnl\nret\r", "\x01\x7f",
         "\x80\xa0\xad\xff", "\u200b\u2028\ufeff", "\U000E0001", "\u043c\u0438\u0440"]


def runtime(s):
    return ''.join(list(s))


def show(label, value):
    print(f"{label} = {value}")


def error(f):
    try:
        f()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


for t in TEXTS:
    s = runtime(t)
    show(f"repr({s!r})", repr(s))
    show(f"getsizeof({s!r})", sys.getsizeof(s))
    show(f"hash({s!r})", hash(s))
    show(f"len({s!r})", len(s))

for unit, n in [("a", 100), ("\xe9", 10), ("\u20ac", 10), ("\U0001F600", 10)]:
    show(f"getsizeof({unit!r} * {n})", sys.getsizeof(runtime(unit) * n))

# identity: singletons and interning (facts section 2)
EMPTY, HELLO, HELLO2 = '', 'hello', 'hello'
show("''.join([]) is ''", ''.join([]) is EMPTY)
show("chr(255) is chr(255)", chr(255) is chr(255))
show("chr(256) is chr(256)", chr(256) is chr(256))
show("'abc'[0] is 'abc'[0]", runtime('abc')[0] is runtime('xa')[1])
show("constant 'hello' is constant 'hello'", HELLO is HELLO2)
show("runtime 'hello' is runtime 'hello'", runtime('hello') is runtime('hello'))
show("runtime 'hello' == constant 'hello'", runtime('hello') == 'hello')
show("sys.intern(runtime 'hello') is constant 'hello'", sys.intern(runtime('hello')) is HELLO)
w = runtime('hello world')
show("sys.intern(w) is sys.intern(runtime 'hello world')",
     sys.intern(w) is sys.intern(runtime('hello world')))
BA, BE = b'a', b''
show("bytes([97]) is b'a'", bytes([97]) is BA)
show("b'' is bytes()", BE is bytes())

# operations
show("'ab' * 3", repr(runtime('ab') * 3))
show("'ab' * -1", repr(runtime('ab') * -1))
show("'ab' + '\\u20ac'", repr(runtime('ab') + runtime('\u20ac')))
show("', '.join(['a', 'b\\xe9', 'c'])", repr(', '.join([runtime('a'), runtime('b\xe9'), runtime('c')])))
show("'b' in 'abc'", runtime('b') in runtime('abc'))
show("'\\u20ac' in 'abc'", runtime('\u20ac') in runtime('abc'))
show("'abc' < 'abd'", runtime('abc') < runtime('abd'))
show("'\\xe9' > 'z'", runtime('\xe9') > runtime('z'))
show("'caf\\xe9'[3]", repr(runtime('caf\xe9')[3]))
show("list(iter('h\\xe9'))", repr(list(iter(runtime('h\xe9')))))

# bytes
for b in [b"", b"a", b"abc", b"it's", b'say "hi"', b"\x00\t\n\r\\\x7f\x80\xff"]:
    b = bytes(list(b))
    show(f"repr({b!r})", repr(b))
    show(f"getsizeof({b!r})", sys.getsizeof(b))
    show(f"hash({b!r})", hash(b))
show("b'abc'[1]", b'abc'[1])
show("b'ab' + b'cd'", repr(b'ab' + bytes(list(b'cd'))))
show("b'ab' * 3", repr(bytes(list(b'ab')) * 3))
show("99 in b'abc'", 99 in b'abc')

# errors
error(lambda: runtime('ab') + 1)
error(lambda: ', '.join([runtime('a'), 1]))
error(lambda: ', '.join(5))
error(lambda: runtime('abc')[3])
error(lambda: 1 in runtime('abc'))
error(lambda: sys.intern(b'x'))
error(lambda: b'\xff'.decode())
error(lambda: b'a\xe2\x82'.decode())
error(lambda: b'\xed\xa0\x80'.decode())
error(lambda: bytes(list(b'ab')) + 1)
error(lambda: 300 in b'abc')
error(lambda: 'x' in b'abc')
