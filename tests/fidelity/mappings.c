/* mappings: dict, set and frozenset on the Mo runtime; mappings.py prints the same
 * lines under CPython 3.11 (PYTHONHASHSEED=0 for the str hashes).
 *
 * Sizes, reprs (so iteration order), hashes, error messages and GC tracking.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* ------------------------------------------------------------------ printing */

static void print_repr(const char *label, MoObject *o)
{
    MoObject *r = o != NULL ? MoObject_Repr(o) : NULL;
    if (r == NULL) {
        MoErr_Print();
        return;
    }
    printf("%s = %s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* Prints then releases o. */
static void print_repr_steal(const char *label, MoObject *o)
{
    print_repr(label, o);
    Mo_XDECREF(o);
}

static void print_size(const char *label, MoObject *o)
{
    printf("getsizeof(%s) = %zd\n", label, MoSys_GetSizeOf(o));
}

static void print_bool(const char *label, int v)
{
    printf("%s = %s\n", label, v ? "True" : "False");
}

/* "KeyError: 'a'": the pending exception as Python's traceback's last line. */
static void print_exception(void)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL) {
        printf("no exception\n");
        return;
    }
    MoObject *s = MoObject_Str(exc);
    printf("%s: %s\n", Mo_TYPE(exc)->tp_name, s ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_DECREF(exc);
}

/* ------------------------------------------------------------------- helpers */

static MoObject *str(const char *s) { return MoUnicode_FromString(s); }
static MoObject *num(long v) { return MoLong_FromLong(v); }

/* d[k] = v, releasing k and v. */
static void put(MoObject *d, MoObject *k, MoObject *v)
{
    if (MoDict_SetItem(d, k, v) < 0)
        print_exception();
    Mo_DECREF(k);
    Mo_DECREF(v);
}

static MoObject *dict_of(int n, int str_keys)
{
    MoObject *d = MoDict_New();
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "k%d", i);
        put(d, str_keys ? str(name) : num(i), num(i));
    }
    return d;
}

static MoObject *set_of(const long *items, int n)
{
    MoObject *s = MoSet_New(NULL);
    for (int i = 0; i < n; i++) {
        MoObject *o = num(items[i]);
        MoSet_Add(s, o);
        Mo_DECREF(o);
    }
    return s;
}

static MoObject *range_set(MoObject *(*make)(MoObject *), long n)
{
    MoObject *r = MoRange_New(0, n, 1);
    MoObject *s = make(r);
    Mo_DECREF(r);
    return s;
}

/* ---------------------------------------------------------------------- dict */

static void dict_sizes(void)
{
    static const int counts[] = {0, 1, 5, 6, 10, 11, 20, 21, 22};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        for (int str_keys = 1; str_keys >= 0; str_keys--) {
            MoObject *d = dict_of(counts[i], str_keys);
            char label[64];
            snprintf(label, sizeof label, "dict of %d %s keys", counts[i], str_keys ? "str" : "int");
            print_size(label, d);
            Mo_DECREF(d);
        }
    }
    MoObject *d = dict_of(1, 1);
    put(d, num(1), num(1));
    print_size("{'k0': 0} after d[1] = 1", d);
    Mo_DECREF(d);

    d = dict_of(20, 0);
    for (long i = 0; i < 20; i++) {
        MoObject *k = num(i);
        MoDict_DelItem(d, k);
        Mo_DECREF(k);
    }
    print_size("20 int keys, all deleted", d);
    MoDict_Clear(d);
    print_size("after clear()", d);
    Mo_DECREF(d);

    d = dict_of(6, 0);
    MoObject *copy = MoDict_Copy(d);
    print_size("dict of 6 int keys .copy()", copy);
    Mo_DECREF(copy);
    Mo_DECREF(d);
}

static void dict_reprs(void)
{
    MoObject *d = MoDict_New();
    put(d, str("a"), num(1));
    MoObject *l = MoList_New(0);
    MoObject *two = num(2);
    MoList_Append(l, two);
    Mo_DECREF(two);
    put(d, str("b"), l);
    print_repr("repr", d);

    MoObject *keys = MoObject_CallMethod(d, "keys", NULL);
    print_repr("keys", keys);
    print_size("d.keys()", keys);
    print_repr_steal("values", MoObject_CallMethod(d, "values", NULL));
    print_repr_steal("items", MoObject_CallMethod(d, "items", NULL));
    MoObject *it = MoObject_GetIter(d);
    print_size("iter(d)", it);
    Mo_DECREF(it);

    put(d, str("c"), num(3));
    put(d, str("a"), num(10));
    print_repr("after d['a'] = 10", d);
    MoDict_DelItemString(d, "a");
    put(d, str("a"), num(4));
    print_repr("after del d['a']; d['a'] = 4", d);
    print_repr("keys view now", keys);
    Mo_DECREF(keys);

    put(d, str("self"), Mo_NewRef(d));
    print_repr("self-reference", d);
    MoDict_Clear(d);
    Mo_DECREF(d);

    d = dict_of(3, 1);
    print_repr_steal("d.get('k1')", MoObject_CallMethod(d, "get", "s", "k1"));
    print_repr_steal("d.get('zz', 42)", MoObject_CallMethod(d, "get", "si", "zz", 42));
    print_repr_steal("d.pop('k0')", MoObject_CallMethod(d, "pop", "s", "k0"));
    print_repr_steal("d.setdefault('k9', 9)", MoObject_CallMethod(d, "setdefault", "si", "k9", 9));
    print_repr_steal("d.popitem()", MoObject_CallMethod(d, "popitem", NULL));
    print_repr("d", d);
    MoObject *other = dict_of(2, 0);
    MoDict_Update(d, other);
    print_repr("after d.update({0: 0, 1: 1})", d);
    MoObject *copy = MoDict_Copy(d);
    print_bool("d.copy() == d", MoObject_RichCompareBool(copy, d, MO_EQ));
    put(copy, str("k1"), num(-1));
    print_bool("after a change, d.copy() == d", MoObject_RichCompareBool(copy, d, MO_EQ));
    Mo_DECREF(copy);
    Mo_DECREF(other);
    Mo_DECREF(d);
}

static void dict_errors(void)
{
    MoObject *d = dict_of(3, 0);
    MoObject *k = str("missing");
    MoObject *r = MoObject_GetItem(d, k);
    if (r == NULL)
        print_exception();
    Mo_DECREF(k);
    k = num(42);
    if (MoObject_DelItem(d, k) < 0)
        print_exception();
    Mo_DECREF(k);
    MoObject *l = MoList_New(0);
    if (MoDict_SetItem(d, l, l) < 0)
        print_exception();
    Mo_DECREF(l);
    if (MoObject_Hash(d) == -1)
        print_exception();
    MoObject *e = MoDict_New();
    if (MoObject_CallMethod(e, "popitem", NULL) == NULL)
        print_exception();
    if (MoObject_RichCompare(d, e, MO_LT) == NULL)
        print_exception();
    Mo_DECREF(e);

    MoObject *it = MoObject_GetIter(d);
    MoObject *first = MoIter_Next(it);
    Mo_DECREF(first);
    put(d, num(99), num(99));
    if (MoIter_Next(it) == NULL)
        print_exception();
    Mo_DECREF(it);
    Mo_DECREF(d);
}

static void dict_tracking(void)
{
    MoObject *d = MoDict_New();
    print_bool("gc.is_tracked({})", MoGC_IsTracked(d));
    put(d, str("a"), num(1));
    print_bool("gc.is_tracked({'a': 1})", MoGC_IsTracked(d));
    put(d, str("b"), MoList_New(0));
    print_bool("gc.is_tracked({'a': 1, 'b': []})", MoGC_IsTracked(d));
    Mo_DECREF(d);
    d = MoDict_New();
    put(d, num(1), MoTuple_New(0));
    print_bool("gc.is_tracked({1: ()})", MoGC_IsTracked(d));
    put(d, num(2), MoList_New(0));
    print_bool("gc.is_tracked({1: (), 2: []})", MoGC_IsTracked(d));
    Mo_DECREF(d);
}

/* ----------------------------------------------------------------------- set */

static void set_sizes(void)
{
    static const long counts[] = {0, 4, 5, 10, 18, 19, 20, 100};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        char label[64];
        MoObject *s = range_set(MoSet_New, counts[i]);
        snprintf(label, sizeof label, "set(range(%ld))", counts[i]);
        print_size(label, s);
        Mo_DECREF(s);
        s = range_set(MoFrozenSet_New, counts[i]);
        snprintf(label, sizeof label, "frozenset(range(%ld))", counts[i]);
        print_size(label, s);
        Mo_DECREF(s);
    }
    MoObject *five = range_set(MoSet_New, 5);
    MoObject *copy = MoSet_New(five);
    print_size("set(set(range(5)))", copy);
    MoSet_Clear(five);
    print_size("set(range(5)) after clear()", five);
    Mo_DECREF(copy);
    Mo_DECREF(five);
    MoObject *s = MoSet_New(NULL);
    MoObject *it = MoObject_GetIter(s);
    print_size("iter(set())", it);
    Mo_DECREF(it);
    Mo_DECREF(s);
}

static void set_reprs(void)
{
    print_repr_steal("set()", MoSet_New(NULL));
    print_repr_steal("frozenset()", MoFrozenSet_New(NULL));
    print_repr_steal("set(range(10))", range_set(MoSet_New, 10));
    print_repr_steal("frozenset(range(3))", range_set(MoFrozenSet_New, 3));
    static const long a[] = {5, 1, 100, 33}, b[] = {-1, -2, -3, 7, 15, 23}, c[] = {3, 11, 19, 27};
    print_repr_steal("added 5, 1, 100, 33", set_of(a, 4));
    print_repr_steal("added -1, -2, -3, 7, 15, 23", set_of(b, 6));
    print_repr_steal("added 3, 11, 19, 27", set_of(c, 4));

    MoObject *s = range_set(MoSet_New, 10);
    MoObject *k = num(3);
    MoSet_Discard(s, k);
    Mo_DECREF(k);
    k = num(35);
    MoSet_Add(s, k);
    Mo_DECREF(k);
    print_repr_steal("set(range(10)), discard 3, add 35", s);

    MoObject *chars = str("abcdefg");
    print_repr_steal("set('abcdefg')", MoSet_New(chars));
    Mo_DECREF(chars);

    s = range_set(MoSet_New, 5);
    print_repr_steal("s.pop()", MoSet_Pop(s));
    print_repr_steal("s.pop()", MoSet_Pop(s));
    print_repr_steal("s", s);
}

static void set_hashes_and_compare(void)
{
    static const long a123[] = {1, 2, 3}, a12[] = {1, 2};
    MoObject *s = set_of(a123, 3);
    MoObject *f = MoFrozenSet_New(s);
    printf("hash(frozenset({1, 2, 3})) = %zd\n", MoObject_Hash(f));
    MoObject *e = MoFrozenSet_New(NULL);
    printf("hash(frozenset()) = %zd\n", MoObject_Hash(e));
    MoObject *e2 = MoFrozenSet_New(NULL);
    print_bool("frozenset() is frozenset()", e == e2);
    Mo_DECREF(e2);
    Mo_DECREF(e);
    MoObject *ab = str("ab");
    MoObject *fab = MoFrozenSet_New(ab);
    printf("hash(frozenset('ab')) = %zd\n", MoObject_Hash(fab));
    Mo_DECREF(fab);
    Mo_DECREF(ab);
    MoObject *big = range_set(MoFrozenSet_New, 100);
    printf("hash(frozenset(range(100))) = %zd\n", MoObject_Hash(big));
    Mo_DECREF(big);

    MoObject *s12 = set_of(a12, 2);
    print_bool("{1, 2} < {1, 2, 3}", MoObject_RichCompareBool(s12, s, MO_LT));
    print_bool("{1, 2, 3} <= {1, 2}", MoObject_RichCompareBool(s, s12, MO_LE));
    print_bool("{1, 2, 3} > {1, 2}", MoObject_RichCompareBool(s, s12, MO_GT));
    print_bool("{1, 2, 3} >= {1, 2, 3}", MoObject_RichCompareBool(s, s, MO_GE));
    print_bool("{1, 2, 3} == frozenset({1, 2, 3})", MoObject_RichCompareBool(s, f, MO_EQ));
    print_bool("{1, 2} != {1, 2, 3}", MoObject_RichCompareBool(s12, s, MO_NE));
    Mo_DECREF(s12);

    if (MoObject_Hash(s) == -1)
        print_exception();
    MoObject *l = MoList_New(0);
    if (MoSet_Add(s, l) < 0)
        print_exception();
    Mo_DECREF(l);
    MoObject *nine = num(9);
    if (MoObject_CallMethod(s, "remove", "O", nine) == NULL)
        print_exception();
    Mo_DECREF(nine);
    MoObject *empty = MoSet_New(NULL);
    if (MoSet_Pop(empty) == NULL)
        print_exception();
    Mo_DECREF(empty);

    MoObject *it = MoObject_GetIter(s);
    MoObject *first = MoIter_Next(it);
    Mo_DECREF(first);
    MoObject *ten = num(10);
    MoSet_Add(s, ten);
    Mo_DECREF(ten);
    if (MoIter_Next(it) == NULL)
        print_exception();
    Mo_DECREF(it);

    print_bool("gc.is_tracked(set())", MoGC_IsTracked(s));
    print_bool("gc.is_tracked(frozenset({1, 2, 3}))", MoGC_IsTracked(f));
    Mo_DECREF(f);
    Mo_DECREF(s);
}

int main(void)
{
    if (Mo_Initialize() != 0)
        return 1;
    dict_sizes();
    dict_reprs();
    dict_errors();
    dict_tracking();
    set_sizes();
    set_reprs();
    set_hashes_and_compare();
    return Mo_Finalize() != 0;
}
