/* strings: str and bytes on the Mo runtime; tests/fidelity/strings.py prints the
 * same lines under CPython 3.11. MoUnicode_FromString makes run-time strings (as
 * ''.join(...) does in Python); MoUnicode_FromConstant makes code constants. */
#include "mo.h"

#include <string.h>

static const char *const TEXTS[] = {
    "", "a", "abc", "hello world", "caf\303\251", "\342\202\254", "a\342\202\254", "\360\237\230\200",
    "it's", "say \"hi\"", "both ' and \"", "back\\slash", "tab\tnl\nret\r", "\001\177",
    "\302\200\302\240\302\255\303\277", "\342\200\213\342\200\250\357\273\277", "\363\240\200\201",
    "\320\274\320\270\321\200",
};

/* Print "label = str(value)"; steals both (label built with MoUnicode_FromFormat). */
static void show(MoObject *label, MoObject *value)
{
    MoObject *text = value ? MoObject_Str(value) : NULL;
    if (label == NULL || text == NULL) {
        MoErr_Print();
    } else {
        printf("%s = %s\n", MoUnicode_AsUTF8(label), MoUnicode_AsUTF8(text));
    }
    Mo_XDECREF(text);
    Mo_XDECREF(value);
    Mo_XDECREF(label);
}

/* Print "label = repr(value)"; steals both. */
static void show_repr(MoObject *label, MoObject *value)
{
    MoObject *r = value ? MoObject_Repr(value) : NULL;
    Mo_XDECREF(value);
    show(label, r);
}

static void show_int(MoObject *label, Mo_ssize_t v)
{
    show(label, MoLong_FromSsize_t(v));
}

static void show_bool(const char *label, int v)
{
    show(MoUnicode_FromString(label), MoBool_FromLong(v));
}

/* The line Python's `except Exception as e: print(f"{type(e).__name__}: {e}")`
   prints for a call that failed (result NULL), with the exception cleared. */
static void error(MoObject *result)
{
    if (result != NULL) {
        show_repr(MoUnicode_FromString("no error"), result);
        return;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *msg = MoObject_Str(exc);
    printf("%s: %s\n", Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
    Mo_DECREF(msg);
    Mo_DECREF(exc);
}

static void error_int(int result)
{
    error(result < 0 ? NULL : MoLong_FromLong(result));
}

/* new: a list of n run-time strings. */
static MoObject *str_list(const char *const *items, int n)
{
    MoObject *list = MoList_New(0);
    for (int i = 0; i < n; i++) {
        MoObject *s = MoUnicode_FromString(items[i]);
        MoList_Append(list, s);
        Mo_DECREF(s);
    }
    return list;
}

static void texts(void)
{
    for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
        MoObject *s = MoUnicode_FromString(TEXTS[i]);
        show_repr(MoUnicode_FromFormat("repr(%R)", s), Mo_NewRef(s));
        show_int(MoUnicode_FromFormat("getsizeof(%R)", s), MoSys_GetSizeOf(s));
        show_int(MoUnicode_FromFormat("hash(%R)", s), MoObject_Hash(s));
        show_int(MoUnicode_FromFormat("len(%R)", s), MoUnicode_GetLength(s));
        Mo_DECREF(s);
    }
    static const struct {
        const char *unit;
        Mo_ssize_t n;
    } reps[] = {{"a", 100}, {"\303\251", 10}, {"\342\202\254", 10}, {"\360\237\230\200", 10}};
    for (size_t i = 0; i < sizeof reps / sizeof reps[0]; i++) {
        MoObject *u = MoUnicode_FromString(reps[i].unit), *s = MoSequence_Repeat(u, reps[i].n);
        show_int(MoUnicode_FromFormat("getsizeof(%R * %zd)", u, reps[i].n), MoSys_GetSizeOf(s));
        Mo_DECREF(s);
        Mo_DECREF(u);
    }
}

static void identities(void)
{
    MoObject *empty = MoUnicode_FromConstant(""), *list = MoList_New(0), *sep = MoUnicode_FromString("");
    MoObject *joined = MoUnicode_Join(sep, list);
    show_bool("''.join([]) is ''", joined == empty);
    Mo_DECREF(joined);
    Mo_DECREF(sep);
    Mo_DECREF(list);
    Mo_DECREF(empty);

    MoObject *a = MoUnicode_FromString("\303\277"), *b = MoUnicode_FromString("\303\277");
    show_bool("chr(255) is chr(255)", a == b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    a = MoUnicode_FromString("\304\200");
    b = MoUnicode_FromString("\304\200");
    show_bool("chr(256) is chr(256)", a == b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    MoObject *abc = MoUnicode_FromString("abc"), *xa = MoUnicode_FromString("xa");
    a = MoSequence_GetItem(abc, 0);
    b = MoSequence_GetItem(xa, 1);
    show_bool("'abc'[0] is 'abc'[0]", a == b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(xa);
    Mo_DECREF(abc);

    MoObject *c1 = MoUnicode_FromConstant("hello"), *c2 = MoUnicode_FromConstant("hello");
    MoObject *r1 = MoUnicode_FromString("hello"), *r2 = MoUnicode_FromString("hello");
    show_bool("constant 'hello' is constant 'hello'", c1 == c2);
    show_bool("runtime 'hello' is runtime 'hello'", r1 == r2);
    show_bool("runtime 'hello' == constant 'hello'", MoObject_RichCompareBool(r1, c1, MO_EQ));
    MoObject *in = MoSys_Intern(r1);
    show_bool("sys.intern(runtime 'hello') is constant 'hello'", in == c1);
    MoObject *w1 = MoUnicode_FromString("hello world"), *w2 = MoUnicode_FromString("hello world");
    MoObject *i1 = MoSys_Intern(w1), *i2 = MoSys_Intern(w2);
    show_bool("sys.intern(w) is sys.intern(runtime 'hello world')", i1 == i2);
    MoObject *objs[] = {c1, c2, r1, r2, in, w1, w2, i1, i2};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);

    MoObject *ba = MoBytes_FromString("a"), *b97 = MoBytes_FromStringAndSize("a", 1);
    show_bool("bytes([97]) is b'a'", ba == b97);
    MoObject *be = MoBytes_FromString(""), *be2 = MoBytes_FromStringAndSize(NULL, 0);
    show_bool("b'' is bytes()", be == be2);
    Mo_DECREF(ba);
    Mo_DECREF(b97);
    Mo_DECREF(be);
    Mo_DECREF(be2);
}

static void operations(void)
{
    MoObject *ab = MoUnicode_FromString("ab"), *euro = MoUnicode_FromString("\342\202\254");
    show_repr(MoUnicode_FromString("'ab' * 3"), MoSequence_Repeat(ab, 3));
    show_repr(MoUnicode_FromString("'ab' * -1"), MoSequence_Repeat(ab, -1));
    show_repr(MoUnicode_FromString("'ab' + '\\u20ac'"), MoNumber_Add(ab, euro));
    const char *const abe[] = {"a", "b\303\251", "c"};
    MoObject *items = str_list(abe, 3), *sep = MoUnicode_FromString(", ");
    show_repr(MoUnicode_FromString("', '.join(['a', 'b\\xe9', 'c'])"), MoUnicode_Join(sep, items));
    MoObject *b = MoUnicode_FromString("b"), *abc = MoUnicode_FromString("abc");
    show_bool("'b' in 'abc'", MoSequence_Contains(abc, b));
    show_bool("'\\u20ac' in 'abc'", MoSequence_Contains(abc, euro));
    MoObject *abd = MoUnicode_FromString("abd"), *e = MoUnicode_FromString("\303\251"), *z = MoUnicode_FromString("z");
    show_bool("'abc' < 'abd'", MoObject_RichCompareBool(abc, abd, MO_LT));
    show_bool("'\\xe9' > 'z'", MoObject_RichCompareBool(e, z, MO_GT));
    MoObject *cafe = MoUnicode_FromString("caf\303\251"), *he = MoUnicode_FromString("h\303\251");
    show_repr(MoUnicode_FromString("'caf\\xe9'[3]"), MoSequence_GetItem(cafe, 3));
    MoObject *it = MoObject_GetIter(he), *chars = MoList_New(0), *c;
    while ((c = MoIter_Next(it)) != NULL) {
        MoList_Append(chars, c);
        Mo_DECREF(c);
    }
    show_repr(MoUnicode_FromString("list(iter('h\\xe9'))"), chars);
    MoObject *objs[] = {it, he, cafe, abd, e, z, b, abc, items, sep, ab, euro};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}

static void bytes(void)
{
    static const struct {
        const char *data;
        Mo_ssize_t n;
    } cases[] = {{"", 0}, {"a", 1}, {"abc", 3}, {"it's", 4}, {"say \"hi\"", 8}, {"\000\t\n\r\\\177\200\377", 8}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *b = MoBytes_FromStringAndSize(cases[i].data, cases[i].n);
        show_repr(MoUnicode_FromFormat("repr(%R)", b), Mo_NewRef(b));
        show_int(MoUnicode_FromFormat("getsizeof(%R)", b), MoSys_GetSizeOf(b));
        show_int(MoUnicode_FromFormat("hash(%R)", b), MoObject_Hash(b));
        Mo_DECREF(b);
    }
    MoObject *abc = MoBytes_FromString("abc"), *ab = MoBytes_FromString("ab"), *cd = MoBytes_FromString("cd");
    show(MoUnicode_FromString("b'abc'[1]"), MoSequence_GetItem(abc, 1));
    show_repr(MoUnicode_FromString("b'ab' + b'cd'"), MoSequence_Concat(ab, cd));
    show_repr(MoUnicode_FromString("b'ab' * 3"), MoSequence_Repeat(ab, 3));
    MoObject *n99 = MoLong_FromLong(99);
    show_bool("99 in b'abc'", MoSequence_Contains(abc, n99));
    Mo_DECREF(n99);
    Mo_DECREF(cd);
    Mo_DECREF(ab);
    Mo_DECREF(abc);
}

static void errors(void)
{
    MoObject *ab = MoUnicode_FromString("ab"), *one = MoLong_FromLong(1), *n300 = MoLong_FromLong(300);
    MoObject *abc = MoUnicode_FromString("abc"), *sep = MoUnicode_FromString(", ");
    MoObject *babc = MoBytes_FromString("abc"), *bab = MoBytes_FromString("ab"), *bx = MoBytes_FromString("x");
    MoObject *x = MoUnicode_FromString("x");
    const char *const a[] = {"a"};
    MoObject *items = str_list(a, 1);
    MoList_Append(items, one);
    error(MoNumber_Add(ab, one));
    error(MoUnicode_Join(sep, items));
    error(MoUnicode_Join(sep, n300));
    error(MoSequence_GetItem(abc, 3));
    error_int(MoSequence_Contains(abc, one));
    error(MoSys_Intern(bx));
    error(MoUnicode_FromString("\377"));
    error(MoUnicode_FromString("a\342\202"));
    error(MoUnicode_FromString("\355\240\200"));
    error(MoSequence_Concat(bab, one));
    error_int(MoSequence_Contains(babc, n300));
    error_int(MoSequence_Contains(babc, x));
    MoObject *objs[] = {ab, one, n300, abc, sep, babc, bab, bx, x, items};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}

int main(void)
{
    if (Mo_Initialize() != 0)
        return 1;
    texts();
    identities();
    operations();
    bytes();
    errors();
    return Mo_Finalize() != 0;
}
