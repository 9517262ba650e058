/* A tour of API.md's "Lifecycle and objects", "Errors" and "Built-in types", built as
 * an outside program would be:
 *     cc api_tour.c $(PKG_CONFIG_PATH=build pkg-config --cflags --libs mo-debug)
 * Every line it prints is what api_tour.py prints under CPython 3.11.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* Print "label: repr(o)" and release o (or the exception, if o is NULL). */
static void show(const char *label, MoObject *o)
{
    if (o == NULL) {
        MoObject *exc = MoErr_GetRaisedException();
        MoObject *msg = MoObject_Str(exc);
        printf("%s: %s: %s\n", label, Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
        return;
    }
    MoObject *r = MoObject_Repr(o);
    printf("%s: %s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    Mo_DECREF(o);
}

/* Print the pending exception as "label: Type: message" and clear it. */
static void show_error(const char *label)
{
    show(label, NULL);
}

static void show_size(const char *label, MoObject *o)
{
    printf("getsizeof(%s) = %zd\n", label, MoSys_GetSizeOf(o));
    Mo_DECREF(o);
}

static const char *yes(int b) { return b ? "True" : "False"; }

static MoObject *ret_none(MoObject *self, MoObject *args)
{
    (void)self; (void)args;
    Mo_RETURN_NONE;
}

static MoObject *add_one(MoObject *self, MoObject *args)
{
    (void)self;
    MoObject *one = MoLong_FromLong(1);
    MoObject *r = MoNumber_Add(MoTuple_GetItem(args, 0), one);
    Mo_DECREF(one);
    return r;
}

static void lifecycle_and_objects(void)
{
    printf("== objects\n");
    MoObject *a = MoList_New(0);
    MoObject *b = Mo_NewRef(a);                        /* b = a */
    printf("a is b: %s\n", yes(Mo_Is(a, b)));
    printf("id(a) == id(b): %s\n", yes(MoObject_Id(a) == MoObject_Id(b)));
    printf("refcount of a, two names: %zd\n", Mo_REFCNT(a));
    Mo_INCREF(a);
    Mo_XINCREF(a);
    Mo_XDECREF(a);
    Mo_DECREF(a);
    Mo_XDECREF((MoObject *)NULL);
    Mo_CLEAR(b);                                       /* del b */
    printf("b cleared: %s, refcount of a: %zd\n", yes(b == NULL), Mo_REFCNT(a));
    printf("type(a): %s, len: %zd\n", Mo_TYPE(a)->tp_name, Mo_SIZE(a));

    MoObject *x = MoLong_FromLong(42);
    MoList_Append(a, x);
    MoList_Append(a, Mo_None);
    MoList_Append(a, Mo_True);
    MoList_Append(a, Mo_False);
    Mo_DECREF(x);
    show("repr(a)", MoObject_Repr(a));
    MoObject *hi = MoUnicode_FromString("hi");
    show("str('hi')", MoObject_Str(hi));
    Mo_DECREF(hi);
    printf("print(a): ");
    fflush(stdout);
    Mo_Print(a);

    MoObject *one = MoLong_FromLong(1), *onef = MoFloat_FromDouble(1.0);
    printf("1 == 1.0: %s\n", yes(MoObject_RichCompareBool(one, onef, MO_EQ)));
    printf("1 < 1.0: %s\n", yes(MoObject_RichCompareBool(one, onef, MO_LT)));
    printf("hash(1) == hash(1.0): %s\n", yes(MoObject_Hash(one) == MoObject_Hash(onef)));
    Mo_DECREF(onef);

    printf("hash([]): %zd\n", MoObject_Hash(a));
    show_error("hash([])");

    MoObject *item = MoObject_GetItem(a, one);
    show("a[1]", item);
    MoObject *zero = MoLong_FromLong(0), *s = MoUnicode_FromString("zero");
    MoObject_SetItem(a, zero, s);
    MoObject_DelItem(a, one);
    show("after a[0] = 'zero'; del a[1]", Mo_NewRef(a));
    printf("len(a): %zd\n", MoObject_Length(a));
    MoObject *ten = MoLong_FromLong(10);
    show("a[10]", MoObject_GetItem(a, ten));
    Mo_DECREF(ten);
    printf("len(5): %zd\n", MoObject_Length(zero));
    show_error("len(5)");

    MoObject *it = MoObject_GetIter(a), *v;
    printf("iterate:");
    while ((v = MoIter_Next(it)) != NULL) {
        MoObject *r = MoObject_Repr(v);
        printf(" %s", MoUnicode_AsUTF8(r));
        Mo_DECREF(r);
        Mo_DECREF(v);
    }
    printf("\n");
    Mo_DECREF(it);

    show("a.x", MoObject_GetAttrString(a, "x"));
    printf("a.x = 1: %d\n", MoObject_SetAttrString(a, "x", one));
    show_error("a.x = 1");
    printf("del a.x: %d\n", MoObject_DelAttrString(a, "x"));
    show_error("del a.x");
    MoObject *append = MoObject_GetAttrString(a, "append");
    MoObject *r = MoObject_CallOneArg(append, zero);
    Mo_DECREF(r);
    Mo_DECREF(append);
    r = MoObject_CallMethod(a, "append", "i", 7);
    Mo_DECREF(r);
    show("after two appends", Mo_NewRef(a));
    show("a.pop()", MoObject_CallMethod(a, "pop", NULL));
    show("a.append()", MoObject_CallMethod(a, "append", NULL));

    MoObject *f = MoCFunction_New("ret_none", ret_none, NULL);
    show("ret_none()", MoObject_CallNoArgs(f));
    Mo_DECREF(f);
    f = MoCFunction_New("add_one", add_one, NULL);
    MoObject *args = MoTuple_Pack(1, ten = MoLong_FromLong(41));
    Mo_DECREF(ten);
    show("add_one(41)", MoObject_Call(f, args, NULL));
    Mo_DECREF(args);
    Mo_DECREF(f);
    show("5()", MoObject_CallNoArgs(zero));

    Mo_DECREF(s);
    Mo_DECREF(zero);
    Mo_DECREF(one);
    Mo_DECREF(a);
}

static void errors(void)
{
    printf("== errors\n");
    MoErr_SetString(MoExc_ValueError, "bad value");
    printf("occurred is ValueError: %s\n", yes(MoErr_Occurred() == MoExc_ValueError));
    printf("matches ValueError: %s\n", yes(MoErr_ExceptionMatches(MoExc_ValueError)));
    printf("matches TypeError: %s\n", yes(MoErr_ExceptionMatches(MoExc_TypeError)));
    MoErr_Clear();
    printf("after clear: %s\n", yes(MoErr_Occurred() == NULL));
    MoErr_Format(MoExc_KeyError, "%s-%d", "k", 3);
    show_error("format");
    MoErr_NoMemory();
    show_error("no memory");
    MoObject *exc_types[] = { MoExc_TypeError, MoExc_ValueError, MoExc_IndexError, MoExc_KeyError,
                              MoExc_AttributeError, MoExc_MemoryError, MoExc_ReferenceError,
                              MoExc_RecursionError, MoExc_ZeroDivisionError };
    for (size_t i = 0; i < sizeof exc_types / sizeof exc_types[0]; i++) {
        MoErr_SetString(exc_types[i], "m");
        MoObject *e = MoErr_GetRaisedException();
        MoObject *msg = MoObject_Str(e);
        printf("%s: %s (lookup error: %s)\n", Mo_TYPE(e)->tp_name, MoUnicode_AsUTF8(msg),
               yes(MoErr_GivenExceptionMatches(e, MoExc_LookupError)));
        Mo_DECREF(msg);
        Mo_DECREF(e);
    }
}

static void builtin_types(void)
{
    printf("== ints\n");
    MoObject *x = MoLong_FromLong(256), *y = MoLong_FromLong(256);
    printf("256 is 256: %s\n", yes(Mo_Is(x, y)));
    Mo_DECREF(x);
    Mo_DECREF(y);
    x = MoLong_FromLong(257);
    y = MoLong_FromLong(257);
    printf("257 is 257 (made at run time): %s\n", yes(Mo_Is(x, y)));
    printf("int(257) as C long: %ld\n", MoLong_AsLong(x));
    Mo_DECREF(y);
    MoObject *two = MoLong_FromLong(2), *hundred = MoLong_FromLong(100);
    MoObject *big = MoNumber_Power(two, hundred);
    show("2 ** 100", Mo_NewRef(big));
    show("2 ** 100 * 257", MoNumber_Multiply(big, x));
    show("2 ** 100 - 257", MoNumber_Subtract(big, x));
    show("2 ** 100 + 257", MoNumber_Add(big, x));
    show("257 / 2", MoNumber_TrueDivide(x, two));
    printf("getsizeof(2 ** 100): %zd\n", MoSys_GetSizeOf(big));
    printf("as C long: %ld\n", MoLong_AsLong(big));
    show_error("as C long");
    MoObject *zero = MoLong_FromLong(0);
    show("1 / 0", MoNumber_TrueDivide(two, zero));
    Mo_DECREF(zero);
    Mo_DECREF(big);
    Mo_DECREF(hundred);
    Mo_DECREF(x);

    printf("== floats and bools\n");
    MoObject *f = MoFloat_FromDouble(0.1), *g = MoFloat_FromDouble(0.2);
    show("0.1 + 0.2", MoNumber_Add(f, g));
    printf("float value: %.17g\n", MoFloat_AsDouble(f));
    Mo_DECREF(g);
    Mo_DECREF(f);
    show("bool(5)", MoBool_FromLong(5));
    show("True + 2", MoNumber_Add(Mo_True, two));
    Mo_DECREF(two);

    printf("== strings\n");
    MoObject *c1 = MoUnicode_FromConstant("hello"), *c2 = MoUnicode_FromConstant("hello");
    MoObject *r1 = MoUnicode_FromString("hello");
    printf("constant 'hello' is constant 'hello': %s\n", yes(Mo_Is(c1, c2)));
    printf("run-time 'hello' is constant 'hello': %s\n", yes(Mo_Is(r1, c1)));
    MoObject *i1 = MoSys_Intern(r1);
    printf("sys.intern(run-time 'hello') is constant: %s\n", yes(Mo_Is(i1, c1)));
    Mo_DECREF(i1);
    MoObject *w1 = MoUnicode_FromConstant("hello world"), *w2 = MoUnicode_FromConstant("hello world");
    printf("constant 'hello world' twice: %s\n", yes(Mo_Is(w1, w2)));
    MoObject *w3 = MoUnicode_InternFromString("hello world");
    MoObject *w4 = MoUnicode_FromString("hello world");
    MoUnicode_InternInPlace(&w4);
    printf("interned 'hello world' twice: %s\n", yes(Mo_Is(w3, w4)));
    printf("len('hello world'): %zd, utf8: %s\n", MoUnicode_GetLength(w1), MoUnicode_AsUTF8(w1));
    show("'hello' + 'hello world'", MoUnicode_Concat(c1, w1));
    MoObject *acc = MoUnicode_FromString("ab");
    MoUnicode_Append(&acc, r1);
    show("'ab' += 'hello'", acc);
    MoObject *sep = MoUnicode_FromString(", ");
    MoObject *parts = MoList_New(0);
    MoList_Append(parts, c1);
    MoList_Append(parts, w1);
    show("', '.join", MoUnicode_Join(sep, parts));
    MoList_Append(parts, Mo_None);
    show("', '.join with None", MoUnicode_Join(sep, parts));
    show("'caf\\xe9'", MoUnicode_FromString("caf\xc3\xa9"));
    show_size("''", MoUnicode_FromString(""));
    show_size("'abc'", MoUnicode_FromString("abc"));
    show_size("'caf\\xe9'", MoUnicode_FromString("caf\xc3\xa9"));
    show_size("'\\u20ac'", MoUnicode_FromString("\xe2\x82\xac"));
    show_size("'\\U0001f600'", MoUnicode_FromString("\xf0\x9f\x98\x80"));
    Mo_DECREF(parts);
    Mo_DECREF(sep);
    Mo_DECREF(w4);
    Mo_DECREF(w3);
    Mo_DECREF(w2);
    Mo_DECREF(w1);
    Mo_DECREF(r1);
    Mo_DECREF(c2);
    Mo_DECREF(c1);

    printf("== bytes and tuples\n");
    show("bytes", MoBytes_FromStringAndSize("ab\0c", 4));
    show_size("b'abc'", MoBytes_FromStringAndSize("abc", 3));
    MoObject *e1 = MoTuple_New(0), *e2 = MoTuple_New(0);
    printf("() is (): %s\n", yes(Mo_Is(e1, e2)));
    Mo_DECREF(e1);
    Mo_DECREF(e2);
    MoObject *t = MoTuple_New(2);
    MoTuple_SetItem(t, 0, MoLong_FromLong(1));
    MoTuple_SetItem(t, 1, MoUnicode_FromString("b"));
    printf("tuple size %zd, item 1 borrowed: %s\n", MoTuple_Size(t), MoUnicode_AsUTF8(MoTuple_GetItem(t, 1)));
    show("t", Mo_NewRef(t));
    show("t[5]", Mo_XNewRef(MoTuple_GetItem(t, 5)));
    show_size("t", t);
    show("pack", MoTuple_Pack(2, Mo_None, Mo_True));

    printf("== lists\n");
    MoObject *l = MoList_New(0);
    for (int i = 0; i < 5; i++) {
        MoObject *v = MoLong_FromLong(i);
        MoList_Append(l, v);
        Mo_DECREF(v);
        printf("len %zd size %zd\n", MoList_Size(l), MoSys_GetSizeOf(l));
    }
    MoList_Insert(l, 0, Mo_None);
    MoList_SetItem(l, 1, MoUnicode_FromString("one"));
    printf("l[1] borrowed: %s\n", MoUnicode_AsUTF8(MoList_GetItem(l, 1)));
    show("l", Mo_NewRef(l));
    MoObject *inner = MoList_New(0);
    MoObject *outer = MoList_New(0);
    MoList_Append(outer, inner);
    MoObject *rep = MoSequence_Repeat(outer, 3);
    MoList_Append(inner, Mo_True);
    show("[[]] * 3 after appending to the first", rep);
    MoObject *cat = MoSequence_Concat(l, outer);
    printf("l + [...] is l: %s\n", yes(Mo_Is(cat, l)));
    Mo_DECREF(cat);
    MoObject *same = MoSequence_InPlaceConcat(l, outer);
    printf("l += [...] is l: %s\n", yes(Mo_Is(same, l)));
    Mo_DECREF(same);
    show("l", Mo_NewRef(l));
    Mo_DECREF(inner);
    Mo_DECREF(outer);
    MoList_Append(l, l);
    show("l with itself", Mo_NewRef(l));
    MoList_SetItem(l, MoList_Size(l) - 1, Mo_NewRef(Mo_None));
    Mo_DECREF(l);

    printf("== dicts, sets, ranges\n");
    MoObject *d = MoDict_New();
    MoObject *k = MoUnicode_FromString("a");
    MoDict_SetItem(d, k, Mo_True);
    MoDict_SetItemString(d, "b", Mo_None);
    printf("d['a'] borrowed: %s\n", MoDict_GetItem(d, k) == Mo_True ? "True" : "?");
    printf("d['b'] borrowed: %s\n", MoDict_GetItemString(d, "b") == Mo_None ? "None" : "?");
    printf("len(d): %zd\n", MoDict_Size(d));
    show_size("d", Mo_NewRef(d));
    Mo_ssize_t pos = 0;
    MoObject *key, *value;
    while (MoDict_Next(d, &pos, &key, &value))
        printf("item %s\n", MoUnicode_AsUTF8(key));
    MoDict_DelItem(d, k);
    show("d", Mo_NewRef(d));
    MoDict_DelItem(d, k);
    show_error("del d['a']");
    MoObject *lst = MoList_New(0);
    MoDict_SetItem(d, lst, Mo_None);
    show_error("d[[]] = None");
    Mo_DECREF(lst);
    Mo_DECREF(k);
    Mo_DECREF(d);

    MoObject *rng = MoRange_New(0, 10, 3);
    show("range", Mo_NewRef(rng));
    MoObject *st = MoSet_New(rng);
    show("set(range(0, 10, 3))", Mo_NewRef(st));
    MoObject *nine = MoLong_FromLong(9);
    printf("9 in s: %d, size %zd\n", MoSet_Contains(st, nine), MoSet_Size(st));
    MoSet_Discard(st, nine);
    /* 100, not None: hash(None) comes from None's address, so whether it lands on 9's
       dummy slot (and the table then grows or not) would change from one link to the next. */
    MoObject *added = MoLong_FromLong(100);
    MoSet_Add(st, added);
    Mo_DECREF(added);
    printf("after discard 9, add 100: size %zd\n", MoSet_Size(st));
    show_size("s", st);
    MoObject *fs = MoFrozenSet_New(rng);
    show("frozenset", Mo_NewRef(fs));
    printf("hash(frozenset) == hash(frozenset): %s\n", yes(MoObject_Hash(fs) == MoObject_Hash(fs)));
    Mo_DECREF(fs);
    Mo_DECREF(nine);
    show("range(0, 5, 0)", MoRange_New(0, 5, 0));
    show_size("range", rng);
}

int main(void)
{
    if (Mo_Initialize() != 0)
        return 1;
    lifecycle_and_objects();
    errors();
    builtin_types();
    Mo_ssize_t alive = Mo_Finalize();
    printf("== still alive at the end: %zd\n", alive);
    return alive != 0;
}
