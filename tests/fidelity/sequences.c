/* sequences: lists, tuples and ranges on the Mo runtime; sequences.py prints the
 * same lines under CPython 3.11. Lists are built as the Python twin builds them
 * (appends, extend, repeat), so that over-allocation can be compared.
 */
#include <stdio.h>
#include "mo.h"

/* ---------------------------------------------------------------- helpers */

/* Print "label: Type: message" for the pending exception and clear it. */
static void show_exc(const char *label)
{
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *msg = MoObject_Str(exc);
    printf("%s: %s: %s\n", label, Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
    Mo_DECREF(msg);
    Mo_DECREF(exc);
}

/* Print "label = repr(v)", or the exception if v is NULL. Steals v. */
static void show(const char *label, MoObject *v)
{
    if (v == NULL) {
        show_exc(label);
        return;
    }
    MoObject *r = MoObject_Repr(v);
    if (r == NULL) {
        show_exc(label);
    } else {
        printf("%s = %s\n", label, MoUnicode_AsUTF8(r));
        Mo_DECREF(r);
    }
    Mo_DECREF(v);
}

static void show_hash(const char *label, MoObject *o)
{
    Mo_hash_t h = MoObject_Hash(o);
    if (h == -1 && MoErr_Occurred())
        show_exc(label);
    else
        printf("%s = %zd\n", label, h);
}

/* The repr as a C string, valid until the next call. */
static const char *repr(MoObject *o)
{
    static char buf[256];
    MoObject *r = MoObject_Repr(o);
    snprintf(buf, sizeof buf, "%s", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    return buf;
}

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* new: [v[0], ..., v[n-1]], appended one by one */
static MoObject *list_of(Mo_ssize_t n, const long *v)
{
    MoObject *l = MoList_New(0);
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *x = MoLong_FromLong(v[i]);
        MoList_Append(l, x);
        Mo_DECREF(x);
    }
    return l;
}

/* new: (v[0], ..., v[n-1]) */
static MoObject *tuple_of(Mo_ssize_t n, const long *v)
{
    MoObject *t = MoTuple_New(n);
    for (Mo_ssize_t i = 0; i < n; i++)
        MoTuple_SetItem(t, i, MoLong_FromLong(v[i]));
    return t;
}

/* new: list(range(n)) */
static MoObject *list_range(long n)
{
    MoObject *r = MoRange_New(0, n, 1);
    MoObject *l = MoSequence_List(r);
    Mo_DECREF(r);
    return l;
}

/* getsizeof(o), releasing o */
static Mo_ssize_t size_and_drop(MoObject *o)
{
    Mo_ssize_t s = MoSys_GetSizeOf(o);
    Mo_DECREF(o);
    return s;
}

/* ------------------------------------------------------------------ sizes */

static void sizes_appends(void)
{
    MoObject *l = MoList_New(0);
    for (int n = 0; n <= 40; n++) {
        if (n <= 17 || n == 24 || n == 25 || n == 32 || n == 33 || n == 40)
            printf("after %d appends: getsizeof = %zd\n", n, MoSys_GetSizeOf(l));
        MoList_Append(l, Mo_None);
    }
    Mo_DECREF(l);
}

static void sizes_table(void)
{
    static const long ns[] = { 0, 1, 2, 3, 4, 5, 8, 10, 100, 1000 };
    MoObject *zero = MoLong_FromLong(0);
    MoObject *single = MoList_New(0);
    MoList_Append(single, zero);
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        long n = ns[i];
        MoObject *appended = MoList_New(0);
        for (long k = 0; k < n; k++) {
            MoObject *x = MoLong_FromLong(k);
            MoList_Append(appended, x);
            Mo_DECREF(x);
        }
        MoObject *r = MoRange_New(0, n, 1);
        MoObject *t = MoSequence_Tuple(r);
        MoObject *it = MoObject_GetIter(r);
        printf("n = %ld: list(range(n)) %zd, [0]*n %zd, appended %zd, list(tuple(range(n))) %zd, "
               "list(iter(range(n))) %zd\n",
               n, size_and_drop(list_range(n)), size_and_drop(MoSequence_Repeat(single, n)),
               size_and_drop(appended), size_and_drop(MoSequence_List(t)), size_and_drop(MoSequence_List(it)));
        Mo_DECREF(it);
        Mo_DECREF(t);
        Mo_DECREF(r);
    }
    Mo_DECREF(single);
    Mo_DECREF(zero);
}

static void sizes_shrink(void)
{
    MoObject *l = list_range(100);
    for (int i = 0; i < 90; i++)
        Mo_DECREF(MoList_Pop(l, -1));
    printf("list(range(100)) after 90 pops: getsizeof = %zd\n", MoSys_GetSizeOf(l));
    Mo_DECREF(l);
    l = MoList_New(0);
    MoObject *t = tuple_of(3, (const long[]){ 1, 2, 3 });
    MoList_Extend(l, t);   /* what the literal [1, 2, 3] compiles to */
    printf("[1, 2, 3]: getsizeof = %zd\n", MoSys_GetSizeOf(l));
    MoList_Clear(l);
    printf("[1, 2, 3].clear(): getsizeof = %zd\n", MoSys_GetSizeOf(l));
    Mo_DECREF(t);
    Mo_DECREF(l);
}

static void sizes_tuples_ranges(void)
{
    static const long ns[] = { 0, 1, 2, 3, 4, 5, 10 };
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        MoObject *r = MoRange_New(0, ns[i], 1);
        printf("getsizeof(tuple(range(%ld))) = %zd\n", ns[i], size_and_drop(MoSequence_Tuple(r)));
        Mo_DECREF(r);
    }
    MoObject *l = MoList_New(0), *e = MoTuple_New(0), *r0 = MoRange_New(0, 0, 1), *r10 = MoRange_New(0, 10, 1);
    struct { const char *label; MoObject *o; } objs[] = {
        { "range(0)", Mo_NewRef(r0) }, { "range(10)", Mo_NewRef(r10) }, { "iter([])", MoObject_GetIter(l) },
        { "iter(())", MoObject_GetIter(e) }, { "iter(range(10))", MoObject_GetIter(r10) },
    };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        printf("getsizeof(%s) = %zd, type %s\n", objs[i].label, MoSys_GetSizeOf(objs[i].o),
               Mo_TYPE(objs[i].o)->tp_name);
        Mo_DECREF(objs[i].o);
    }
    Mo_DECREF(r10);
    Mo_DECREF(r0);
    Mo_DECREF(e);
    Mo_DECREF(l);
}

/* ------------------------------------------------------ shared references */

static void identity(void)
{
    MoObject *inner = MoList_New(0), *one_list = MoList_New(0);
    MoList_Append(one_list, inner);
    MoObject *a = MoSequence_Repeat(one_list, 3);   /* [[]] * 3 */
    MoObject *one = MoLong_FromLong(1);
    MoList_Append(MoList_GetItem(a, 0), one);
    printf("a = [[]] * 3; a[0].append(1): a = %s, a[0] is a[2]: %s\n", repr(a),
           yes(MoList_GetItem(a, 0) == MoList_GetItem(a, 2)));
    Mo_DECREF(a);
    Mo_DECREF(one_list);
    Mo_DECREF(inner);

    MoObject *b = list_of(2, (const long[]){ 1, 2 });
    MoObject *c = Mo_NewRef(b);
    MoObject *three = list_of(1, (const long[]){ 3 });
    MoObject *res = MoSequence_InPlaceConcat(b, three);   /* b += [3] */
    Mo_SETREF(b, res);
    printf("b += [3]: b = %s, b is c: %s\n", repr(b), yes(b == c));
    MoObject *four = list_of(1, (const long[]){ 4 });
    res = MoSequence_Concat(b, four);                     /* b = b + [4] */
    Mo_SETREF(b, res);
    printf("b = b + [4]: b = %s, b is c: %s\n", repr(b), yes(b == c));
    Mo_DECREF(four);
    Mo_DECREF(three);
    Mo_DECREF(c);
    Mo_DECREF(b);

    MoObject *t = tuple_of(2, (const long[]){ 1, 2 });
    MoObject *empty = MoTuple_New(0), *nolist = MoList_New(0);
    MoObject *t1 = MoSequence_Repeat(t, 1), *t0 = MoSequence_Repeat(t, 0), *te = MoList_AsTuple(nolist);
    printf("t * 1 is t: %s, t * 0 is (): %s, tuple([]) is (): %s\n", yes(t1 == t), yes(t0 == empty),
           yes(te == empty));
    Mo_DECREF(te);
    Mo_DECREF(t0);
    Mo_DECREF(t1);
    Mo_DECREF(nolist);
    Mo_DECREF(empty);
    Mo_DECREF(one);
    Mo_DECREF(t);
}

/* ------------------------------------------------------------------ reprs */

static void reprs(void)
{
    MoObject *l = list_of(3, (const long[]){ 1, 2, 3 });
    MoList_Append(l, l);
    printf("repr = %s\n", repr(l));
    MoList_Clear(l);   /* break the cycle: there is no collection here */
    Mo_DECREF(l);

    MoObject *t1 = tuple_of(1, (const long[]){ 1 }), *t2 = tuple_of(2, (const long[]){ 1, 2 });
    MoObject *e = MoTuple_New(0), *l2 = list_of(1, (const long[]){ 2 }), *a = MoUnicode_FromString("a");
    MoObject *nested = MoTuple_Pack(4, t1, l2, a, Mo_None);
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s ", repr(t1));
    n += snprintf(buf + n, sizeof buf - (size_t)n, "%s ", repr(t2));
    n += snprintf(buf + n, sizeof buf - (size_t)n, "%s ", repr(e));
    snprintf(buf + n, sizeof buf - (size_t)n, "%s", repr(nested));
    printf("repr = %s\n", buf);
    Mo_DECREF(nested);
    Mo_DECREF(a);
    Mo_DECREF(l2);
    Mo_DECREF(e);
    Mo_DECREF(t2);
    Mo_DECREF(t1);

    MoObject *r1 = MoRange_New(0, 10, 1), *r2 = MoRange_New(0, 10, 2), *r3 = MoRange_New(5, -5, -3);
    n = snprintf(buf, sizeof buf, "%s ", repr(r1));
    n += snprintf(buf + n, sizeof buf - (size_t)n, "%s ", repr(r2));
    snprintf(buf + n, sizeof buf - (size_t)n, "%s", repr(r3));
    printf("repr = %s\n", buf);
    Mo_DECREF(r3);
    Mo_DECREF(r2);
    Mo_DECREF(r1);

    MoObject *x = MoList_New(0);
    for (int i = 0; i < 100000; i++) {
        MoObject *outer = MoList_New(0);
        MoList_Append(outer, x);
        Mo_DECREF(x);
        x = outer;
    }
    show("repr of a 100000-deep list", MoObject_Repr(x));
    Mo_DECREF(x);
    printf("100000-deep list freed\n");
}

/* --------------------------------------------------------- methods, errors */

static void methods_and_errors(void)
{
    MoObject *l = list_of(3, (const long[]){ 5, 6, 5 });
    Mo_DECREF(MoObject_CallMethod(l, "insert", "ii", 1, 8));
    Mo_DECREF(MoObject_CallMethod(l, "insert", "ii", -1, 9));
    Mo_DECREF(MoObject_CallMethod(l, "insert", "ii", 100, 10));
    printf("after inserts: %s\n", repr(l));
    show("l.pop()", MoObject_CallMethod(l, "pop", NULL));
    show("l.pop(0)", MoObject_CallMethod(l, "pop", "i", 0));
    show("l.count(5)", MoObject_CallMethod(l, "count", "i", 5));
    show("l.index(9)", MoObject_CallMethod(l, "index", "i", 9));
    show("l.index(42)", MoObject_CallMethod(l, "index", "i", 42));
    show("l.remove(42)", MoObject_CallMethod(l, "remove", "i", 42));
    show("l.pop(10)", MoObject_CallMethod(l, "pop", "i", 10));
    MoObject *empty = MoList_New(0);
    show("[].pop()", MoObject_CallMethod(empty, "pop", NULL));

    MoObject *ten = MoLong_FromLong(10), *three = MoLong_FromLong(3), *minus1 = MoLong_FromLong(-1);
    MoObject *t1 = tuple_of(1, (const long[]){ 1 }), *l1 = list_of(1, (const long[]){ 1 });
    MoObject *r3 = MoRange_New(0, 3, 1), *r4 = MoRange_New(0, 4, 1), *r0103 = MoRange_New(0, 10, 3);
    show("l[10]", MoObject_GetItem(l, ten));
    show("(1,)[3]", MoObject_GetItem(t1, three));
    show("range(3)[3]", MoObject_GetItem(r3, three));
    show("range(0, 10, 3)[-1]", MoObject_GetItem(r0103, minus1));
    show("[1] + (1,)", MoSequence_Concat(l1, t1));
    show("(1,) + [1]", MoSequence_Concat(t1, l1));
    show_hash("hash([])", empty);
    show("range(1, 2, 0)", MoRange_New(1, 2, 0));
    MoObject *et = MoTuple_New(0);
    show("[] < ()", MoObject_RichCompare(empty, et, MO_LT));
    show("range(3) < range(4)", MoObject_RichCompare(r3, r4, MO_LT));
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2), *a = MoUnicode_FromString("a");
    MoObject *ta = MoTuple_Pack(2, one, a), *t12 = MoTuple_Pack(2, one, two);
    show("(1, 'a') < (1, 2)", MoObject_RichCompare(ta, t12, MO_LT));
    show("(1,).index(2)", MoObject_CallMethod(t1, "index", "i", 2));
    show("range(3).index(5)", MoObject_CallMethod(r3, "index", "i", 5));
    Mo_DECREF(t12);
    Mo_DECREF(ta);
    Mo_DECREF(a);
    Mo_DECREF(two);
    Mo_DECREF(one);
    Mo_DECREF(et);
    Mo_DECREF(r0103);
    Mo_DECREF(r4);
    Mo_DECREF(r3);
    Mo_DECREF(l1);
    Mo_DECREF(t1);
    Mo_DECREF(minus1);
    Mo_DECREF(three);
    Mo_DECREF(ten);
    Mo_DECREF(empty);
    Mo_DECREF(l);
}

/* ----------------------------------------------------------------- hashes */

static void hashes(void)
{
    MoObject *e = MoTuple_New(0), *t12 = tuple_of(2, (const long[]){ 1, 2 }), *t1 = tuple_of(1, (const long[]){ 1 });
    MoObject *tm1 = tuple_of(1, (const long[]){ -1 }), *t23 = tuple_of(2, (const long[]){ 2, 3 });
    MoObject *one = MoLong_FromLong(1), *a = MoUnicode_FromString("a");
    MoObject *nested = MoTuple_Pack(3, one, t23, a);
    MoObject *r = MoRange_New(0, 10, 2), *r3 = MoRange_New(0, 3, 1);
    show_hash("hash(())", e);
    show_hash("hash((1, 2))", t12);
    show_hash("hash((1,))", t1);
    show_hash("hash((-1,))", tm1);
    show_hash("hash((1, (2, 3), 'a'))", nested);
    show_hash("hash(range(0, 10, 2))", r);
    show_hash("hash(range(3))", r3);
    Mo_DECREF(r3);
    Mo_DECREF(r);
    Mo_DECREF(nested);
    Mo_DECREF(a);
    Mo_DECREF(one);
    Mo_DECREF(t23);
    Mo_DECREF(tm1);
    Mo_DECREF(t1);
    Mo_DECREF(t12);
    Mo_DECREF(e);
}

/* ------------------------------------------------- comparison, membership */

static void compare_contains(void)
{
    MoObject *l12 = list_of(2, (const long[]){ 1, 2 }), *l13 = list_of(2, (const long[]){ 1, 3 });
    MoObject *l120 = list_of(3, (const long[]){ 1, 2, 0 }), *l12b = list_of(2, (const long[]){ 1, 2 });
    MoObject *t12 = tuple_of(2, (const long[]){ 1, 2 }), *t12b = tuple_of(2, (const long[]){ 1, 2 });
    MoObject *el = MoList_New(0), *et = MoTuple_New(0);
    show("[1, 2] < [1, 3]", MoObject_RichCompare(l12, l13, MO_LT));
    show("[1, 2] < [1, 2, 0]", MoObject_RichCompare(l12, l120, MO_LT));
    show("[1, 2] == [1, 2]", MoObject_RichCompare(l12, l12b, MO_EQ));
    show("(1, 2) >= (1, 2)", MoObject_RichCompare(t12, t12b, MO_GE));
    show("[] == ()", MoObject_RichCompare(el, et, MO_EQ));
    MoObject *r0 = MoRange_New(0, 0, 1), *r55 = MoRange_New(5, 5, 1);
    MoObject *r032 = MoRange_New(0, 3, 2), *r042 = MoRange_New(0, 4, 2), *r0103 = MoRange_New(0, 10, 3);
    show("range(0) == range(5, 5)", MoObject_RichCompare(r0, r55, MO_EQ));
    show("range(0, 3, 2) == range(0, 4, 2)", MoObject_RichCompare(r032, r042, MO_EQ));
    MoObject *nine = MoLong_FromLong(9), *ten = MoLong_FromLong(10), *two = MoLong_FromLong(2);
    printf("9 in range(0, 10, 3) = %s\n", yes(MoSequence_Contains(r0103, nine)));
    printf("10 in range(0, 10, 3) = %s\n", yes(MoSequence_Contains(r0103, ten)));
    printf("2 in [1, 2] = %s\n", yes(MoSequence_Contains(l12, two)));
    MoObject *down = MoRange_New(5, -5, -3);
    show("list(range(5, -5, -3))", MoSequence_List(down));
    MoObject *rev = MoObject_CallMethod(down, "__reversed__", NULL);
    show("list(reversed(range(5, -5, -3)))", MoSequence_List(rev));
    Mo_DECREF(rev);
    MoObject *l123 = list_of(3, (const long[]){ 1, 2, 3 });
    rev = MoObject_CallMethod(l123, "__reversed__", NULL);
    show("list(reversed([1, 2, 3]))", MoSequence_List(rev));
    Mo_DECREF(rev);
    Mo_DECREF(l123);
    Mo_DECREF(down);
    Mo_DECREF(two);
    Mo_DECREF(ten);
    Mo_DECREF(nine);
    Mo_DECREF(r0103);
    Mo_DECREF(r042);
    Mo_DECREF(r032);
    Mo_DECREF(r55);
    Mo_DECREF(r0);
    Mo_DECREF(et);
    Mo_DECREF(el);
    Mo_DECREF(t12b);
    Mo_DECREF(t12);
    Mo_DECREF(l12b);
    Mo_DECREF(l120);
    Mo_DECREF(l13);
    Mo_DECREF(l12);
}

/* --------------------------------------------------- the collector's view */

static void tracking(void)
{
    MoObject *l = MoList_New(0), *e = MoTuple_New(0), *t = tuple_of(2, (const long[]){ 1, 2 });
    MoObject *r = MoRange_New(0, 3, 1), *it = MoObject_GetIter(l);
    printf("gc.is_tracked([]) = %s\n", yes(MoGC_IsTracked(l)));
    printf("gc.is_tracked(()) = %s\n", yes(MoGC_IsTracked(e)));
    printf("gc.is_tracked(tuple([1, 2])) = %s\n", yes(MoGC_IsTracked(t)));
    printf("gc.is_tracked(range(3)) = %s\n", yes(MoGC_IsTracked(r)));
    printf("gc.is_tracked(iter([])) = %s\n", yes(MoGC_IsTracked(it)));
    Mo_DECREF(it);
    Mo_DECREF(r);
    Mo_DECREF(t);
    Mo_DECREF(e);
    Mo_DECREF(l);
}

int main(void)
{
    if (Mo_Initialize() != 0)
        return 1;
    sizes_appends();
    sizes_table();
    sizes_shrink();
    sizes_tuples_ranges();
    identity();
    reprs();
    methods_and_errors();
    hashes();
    compare_contains();
    tracking();
    return Mo_Finalize() != 0;
}
