/* list: over-allocation (facts §1.6), shared references, methods, errors, reprs,
 * comparison, the free list, iterators, deep nests. Expected values were printed
 * by CPython 3.11. */
#include "testutil.h"

/* new: [v[0], ..., v[n-1]] built with appends. */
static MoObject *lt_ints(Mo_ssize_t n, const long *v)
{
    MoObject *l = MoList_New(0);
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *x = MoLong_FromLong(v[i]);
        MoList_Append(l, x);
        Mo_DECREF(x);
    }
    return l;
}

/* new: list(range(n)) */
static MoObject *lt_list_range(long n)
{
    MoObject *r = mt_ok(MoRange_New(0, n, 1));
    MoObject *l = mt_ok(MoSequence_List(r));
    Mo_DECREF(r);
    return l;
}

START_TEST(test_list_append_sizes)
{
    /* facts §1.6: l = []; l.append(None), getsizeof after each. */
    static const Mo_ssize_t sizes[41] = {
        56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184,
        248, 248, 248, 248, 248, 248, 248, 248, 312, 312, 312, 312, 312, 312, 312, 312,
        376, 376, 376, 376, 376, 376, 376, 376,
    };
    MoObject *l = MoList_New(0);
    for (int n = 0; n <= 40; n++) {
        ck_assert_msg(MoSys_GetSizeOf(l) == sizes[n], "after %d appends: %zd, expected %zd", n,
                      MoSys_GetSizeOf(l), sizes[n]);
        MoList_Append(l, Mo_None);
    }
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_capacity_sequence)
{
    /* facts §1.6: the distinct capacities met in 2000 appends. */
    static const Mo_ssize_t caps[] = {
        0, 4, 8, 16, 24, 32, 40, 52, 64, 76, 92, 108, 128, 148, 172, 200, 232, 268, 308, 352,
        400, 456, 520, 592, 672, 760, 860, 972, 1100, 1244, 1404, 1584, 1788, 2016,
    };
    const size_t ncaps = sizeof caps / sizeof caps[0];
    MoObject *l = MoList_New(0);
    size_t seen = 0;
    Mo_ssize_t last = -1;
    for (int n = 0; n <= 2000; n++) {
        Mo_ssize_t cap = ((MoListObject *)l)->allocated;
        if (cap != last) {
            ck_assert_msg(seen < ncaps && cap == caps[seen], "capacity #%zu is %zd", seen, cap);
            seen++;
            last = cap;
        }
        MoList_Append(l, Mo_None);
    }
    ck_assert_uint_eq(seen, ncaps);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_size_table)
{
    /* facts §1.6: list(range(n)), [0]*n, [i for i in range(n)], list(tuple(range(n))) */
    static const struct { long n; Mo_ssize_t from_range, repeat, appended, from_tuple; } cases[] = {
        { 0, 56, 56, 56, 56 },       { 1, 72, 64, 88, 72 },       { 2, 72, 72, 88, 72 },
        { 3, 88, 80, 88, 88 },       { 4, 88, 88, 88, 88 },       { 5, 104, 96, 120, 104 },
        { 8, 120, 120, 120, 120 },   { 10, 136, 136, 184, 136 },  { 100, 856, 856, 920, 856 },
        { 1000, 8056, 8056, 8856, 8056 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long n = cases[i].n;
        MoObject *a = lt_list_range(n);
        MoObject *zero = MoLong_FromLong(0);
        MoObject *single = MoList_New(0);
        MoList_Append(single, zero);
        MoObject *b = mt_ok(MoSequence_Repeat(single, n));
        MoObject *c = MoList_New(0);
        for (long k = 0; k < n; k++) {
            MoObject *x = MoLong_FromLong(k);
            MoList_Append(c, x);
            Mo_DECREF(x);
        }
        MoObject *t = mt_ok(MoList_AsTuple(a));
        MoObject *d = mt_ok(MoSequence_List(t));
        ck_assert_msg(MoSys_GetSizeOf(a) == cases[i].from_range, "list(range(%ld)): %zd", n, MoSys_GetSizeOf(a));
        ck_assert_msg(MoSys_GetSizeOf(b) == cases[i].repeat, "[0]*%ld: %zd", n, MoSys_GetSizeOf(b));
        ck_assert_msg(MoSys_GetSizeOf(c) == cases[i].appended, "appends %ld: %zd", n, MoSys_GetSizeOf(c));
        ck_assert_msg(MoSys_GetSizeOf(d) == cases[i].from_tuple, "list(tuple(range(%ld))): %zd", n,
                      MoSys_GetSizeOf(d));
        ck_assert_int_eq(MoList_Size(a), n);
        ck_assert_int_eq(MoObject_RichCompareBool(a, d, MO_EQ), 1);
        ck_assert_int_eq(MoObject_RichCompareBool(a, c, MO_EQ), 1);
        Mo_DECREF(d);
        Mo_DECREF(t);
        Mo_DECREF(c);
        Mo_DECREF(b);
        Mo_DECREF(single);
        Mo_DECREF(zero);
        Mo_DECREF(a);
    }
}
END_TEST

START_TEST(test_list_shrink)
{
    /* list(range(100)) then 90 pops: 184 (capacity 16). */
    MoObject *l = lt_list_range(100);
    for (int i = 0; i < 90; i++)
        Mo_DECREF(mt_ok(MoList_Pop(l, -1)));
    ck_assert_int_eq(MoSys_GetSizeOf(l), 184);
    Mo_DECREF(l);
    /* [1, 2, 3].clear() gives 56; the literal [1, 2, 3] (an extend) is 88. */
    static const long v[] = { 1, 2, 3 };
    MoObject *src = lt_ints(3, v);
    MoObject *lit = MoList_New(0);
    MoObject *t = MoList_AsTuple(src);
    ck_assert_int_eq(MoList_Extend(lit, t), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(lit), 88);
    ck_assert_int_eq(MoList_Clear(lit), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(lit), 56);
    /* 10 items popped down to 4: the array shrinks to 8 slots. */
    MoObject *ten = lt_list_range(10);
    for (int i = 0; i < 6; i++)
        Mo_DECREF(MoList_Pop(ten, -1));
    ck_assert_int_eq(((MoListObject *)ten)->allocated, 8);
    Mo_DECREF(ten);
    Mo_DECREF(t);
    Mo_DECREF(lit);
    Mo_DECREF(src);
}
END_TEST

START_TEST(test_list_repeat_shares)
{
    /* [[]] * 3: one inner list, three times. */
    MoObject *inner = MoList_New(0);
    MoObject *outer1 = MoList_New(0);
    MoList_Append(outer1, inner);
    ck_assert_int_eq(Mo_REFCNT(inner), 2);
    MoObject *three = mt_ok(MoSequence_Repeat(outer1, 3));
    ck_assert_int_eq(Mo_REFCNT(inner), 5);
    ck_assert_int_eq(MoSys_GetSizeOf(three), 80);   /* exact: 56 + 3 * 8 */
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_eq(MoList_GetItem(three, i), inner);
    MoObject *one = MoLong_FromLong(1);
    MoList_Append(MoList_GetItem(three, 0), one);
    mt_assert_repr(three, "[[1], [1], [1]]");
    /* l *= 2 also shares: six slots, one list. */
    MoObject *same = mt_ok(MoSequence_InPlaceRepeat(three, 2));
    ck_assert_ptr_eq(same, three);
    Mo_DECREF(same);
    ck_assert_int_eq(MoList_Size(three), 6);
    ck_assert_ptr_eq(MoList_GetItem(three, 5), inner);
    ck_assert_int_eq(Mo_REFCNT(inner), 8);
    /* l *= 0 empties it. */
    same = mt_ok(MoSequence_InPlaceRepeat(three, 0));
    Mo_DECREF(same);
    ck_assert_int_eq(MoList_Size(three), 0);
    ck_assert_int_eq(Mo_REFCNT(inner), 2);
    /* [x] * -1 is []. */
    MoObject *neg = mt_ok(MoSequence_Repeat(outer1, -1));
    mt_assert_repr(neg, "[]");
    Mo_DECREF(neg);
    Mo_DECREF(one);
    Mo_DECREF(three);
    Mo_DECREF(outer1);
    Mo_DECREF(inner);
}
END_TEST

START_TEST(test_list_concat_identity)
{
    static const long va[] = { 1, 2 }, vb[] = { 3 };
    MoObject *a = lt_ints(2, va), *b = lt_ints(1, vb);
    /* a + b is a new list; a += b is a itself, extended. */
    MoObject *c = mt_ok(MoSequence_Concat(a, b));
    ck_assert(c != a);
    mt_assert_repr(c, "[1, 2, 3]");
    mt_assert_repr(a, "[1, 2]");
    MoObject *d = mt_ok(MoSequence_InPlaceConcat(a, b));
    ck_assert_ptr_eq(d, a);
    mt_assert_repr(a, "[1, 2, 3]");
    /* a += a doubles it. */
    Mo_DECREF(d);
    d = mt_ok(MoSequence_InPlaceConcat(a, a));
    mt_assert_repr(a, "[1, 2, 3, 1, 2, 3]");
    Mo_DECREF(d);
    /* a += tuple works, a + tuple does not. */
    MoObject *t = MoList_AsTuple(b);
    d = mt_ok(MoSequence_InPlaceConcat(a, t));
    Mo_DECREF(d);
    ck_assert_int_eq(MoList_Size(a), 7);
    ck_assert_ptr_null(MoSequence_Concat(a, t));
    mt_assert_exc(MoExc_TypeError, "can only concatenate list (not \"tuple\") to list");
    MoObject *n = MoLong_FromLong(5);
    ck_assert_ptr_null(MoSequence_InPlaceConcat(a, n));
    mt_assert_exc(MoExc_TypeError, "'int' object is not iterable");
    Mo_DECREF(n);
    Mo_DECREF(t);
    Mo_DECREF(c);
    Mo_DECREF(b);
    Mo_DECREF(a);
}
END_TEST

START_TEST(test_list_insert_del_pop)
{
    static const long v[] = { 1, 2, 3 };
    MoObject *l = lt_ints(3, v);
    MoObject *x = MoLong_FromLong(9);
    static const struct { Mo_ssize_t where; const char *repr; } inserts[] = {
        { 0, "[9, 1, 2, 3]" }, { -1, "[9, 1, 2, 9, 3]" }, { 100, "[9, 1, 2, 9, 3, 9]" },
        { -100, "[9, 9, 1, 2, 9, 3, 9]" },
    };
    for (size_t i = 0; i < sizeof inserts / sizeof inserts[0]; i++) {
        ck_assert_int_eq(MoList_Insert(l, inserts[i].where, x), 0);
        mt_assert_repr(l, inserts[i].repr);
    }
    ck_assert_int_eq(MoList_DelItem(l, 0), 0);
    ck_assert_int_eq(MoList_DelItem(l, -1), 0);
    mt_assert_repr(l, "[9, 1, 2, 9, 3]");
    ck_assert_int_eq(MoList_DelItem(l, 5), -1);
    mt_assert_exc(MoExc_IndexError, "list assignment index out of range");
    MoObject *p = mt_ok(MoList_Pop(l, 1));
    ck_assert_int_eq(MoLong_AsLong(p), 1);
    Mo_DECREF(p);
    mt_assert_repr(l, "[9, 2, 9, 3]");
    ck_assert_ptr_null(MoList_Pop(l, 4));
    mt_assert_exc(MoExc_IndexError, "pop index out of range");
    ck_assert_ptr_null(MoList_Pop(l, -5));
    mt_assert_exc(MoExc_IndexError, "pop index out of range");
    MoList_Clear(l);
    ck_assert_ptr_null(MoList_Pop(l, -1));
    mt_assert_exc(MoExc_IndexError, "pop from empty list");
    /* MoList_SetItem steals, even on failure. */
    MoObject *big = MoLong_FromLong(12345);
    Mo_INCREF(big);
    ck_assert_int_eq(MoList_SetItem(l, 0, big), -1);
    mt_assert_exc(MoExc_IndexError, "list assignment index out of range");
    ck_assert_int_eq(Mo_REFCNT(big), 1);
    MoList_Append(l, x);
    Mo_INCREF(big);
    ck_assert_int_eq(MoList_SetItem(l, 0, big), 0);
    ck_assert_ptr_eq(MoList_GetItem(l, 0), big);
    ck_assert_ptr_null(MoList_GetItem(l, 1));
    mt_assert_exc(MoExc_IndexError, "list index out of range");
    Mo_DECREF(big);
    Mo_DECREF(x);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_methods)
{
    static const long v[] = { 5, 6, 5 };
    MoObject *l = lt_ints(3, v);
    static const struct { const char *name, *fmt; long arg, arg2; const char *result, *after; } calls[] = {
        { "append", "i", 7, 0, "None", "[5, 6, 5, 7]" },
        { "insert", "ii", 1, 8, "None", "[5, 8, 6, 5, 7]" },
        { "count", "i", 5, 0, "2", "[5, 8, 6, 5, 7]" },
        { "index", "i", 6, 0, "2", "[5, 8, 6, 5, 7]" },
        { "index", "ii", 5, 1, "3", "[5, 8, 6, 5, 7]" },
        { "pop", "", 0, 0, "7", "[5, 8, 6, 5]" },
        { "pop", "i", 0, 0, "5", "[8, 6, 5]" },
        { "remove", "i", 6, 0, "None", "[8, 5]" },
        { "reverse", "", 0, 0, "None", "[5, 8]" },
        { "copy", "", 0, 0, "[5, 8]", "[5, 8]" },
        { "__sizeof__", "", 0, 0, "104", "[5, 8]" },
        { "clear", "", 0, 0, "None", "[]" },
    };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        MoObject *r;
        if (calls[i].fmt[0] == '\0')
            r = MoObject_CallMethod(l, calls[i].name, NULL);
        else if (calls[i].fmt[1] == '\0')
            r = MoObject_CallMethod(l, calls[i].name, calls[i].fmt, (int)calls[i].arg);
        else
            r = MoObject_CallMethod(l, calls[i].name, calls[i].fmt, (int)calls[i].arg, (int)calls[i].arg2);
        r = mt_ok(r);
        mt_assert_repr(r, calls[i].result);
        mt_assert_repr(l, calls[i].after);
        Mo_DECREF(r);
    }
    /* extend with a range: the length is known. */
    MoObject *rg = MoRange_New(0, 3, 1);
    Mo_DECREF(mt_ok(MoObject_CallMethod(l, "extend", "O", rg)));
    mt_assert_repr(l, "[0, 1, 2]");
    Mo_DECREF(rg);
    static const struct { const char *name, *fmt; long arg; MoObject **exc; const char *msg; } errors[] = {
        { "index", "i", 9, &MoExc_ValueError, "9 is not in list" },
        { "remove", "i", 9, &MoExc_ValueError, "list.remove(x): x not in list" },
        { "pop", "i", 3, &MoExc_IndexError, "pop index out of range" },
        { "insert", "i", 1, &MoExc_TypeError, "insert expected 2 arguments, got 1" },
    };
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        ck_assert_ptr_null(MoObject_CallMethod(l, errors[i].name, errors[i].fmt, (int)errors[i].arg));
        mt_assert_exc(*errors[i].exc, errors[i].msg);
    }
    ck_assert_ptr_null(MoObject_CallMethod(l, "pop", "s", "a"));
    mt_assert_exc(MoExc_TypeError, "'str' object cannot be interpreted as an integer");
    MoObject *huge = MoLong_FromString("1180591620717411303424");   /* 2**70 */
    ck_assert_ptr_null(MoObject_CallMethod(l, "pop", "O", huge));
    mt_assert_exc(MoExc_OverflowError, "Python int too large to convert to C ssize_t");
    Mo_DECREF(huge);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_subscript)
{
    static const long v[] = { 10, 20, 30 };
    MoObject *l = lt_ints(3, v);
    MoObject *k = MoLong_FromLong(-1), *val = MoLong_FromLong(99), *s = MoUnicode_FromString("a");
    MoObject *r = mt_ok(MoObject_GetItem(l, k));
    ck_assert_int_eq(MoLong_AsLong(r), 30);
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_SetItem(l, k, val), 0);
    mt_assert_repr(l, "[10, 20, 99]");
    ck_assert_int_eq(MoObject_DelItem(l, k), 0);
    mt_assert_repr(l, "[10, 20]");
    ck_assert_ptr_null(MoObject_GetItem(l, s));
    mt_assert_exc(MoExc_TypeError, "list indices must be integers or slices, not str");
    MoObject *far = MoLong_FromLong(7);
    ck_assert_ptr_null(MoObject_GetItem(l, far));
    mt_assert_exc(MoExc_IndexError, "list index out of range");
    ck_assert_int_eq(MoObject_SetItem(l, far, val), -1);
    mt_assert_exc(MoExc_IndexError, "list assignment index out of range");
    ck_assert_int_eq(MoSequence_Contains(l, val), 0);
    MoObject *twenty = MoLong_FromLong(20);
    ck_assert_int_eq(MoSequence_Contains(l, twenty), 1);
    MoObject *sl = mt_ok(MoList_GetSlice(l, 1, 100));
    mt_assert_repr(sl, "[20]");
    ck_assert_int_eq(MoSys_GetSizeOf(sl), 64);
    Mo_DECREF(sl);
    Mo_DECREF(twenty);
    Mo_DECREF(far);
    Mo_DECREF(s);
    Mo_DECREF(val);
    Mo_DECREF(k);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_reprs)
{
    MoObject *l = MoList_New(0);
    mt_assert_repr(l, "[]");
    MoList_Append(l, l);
    mt_assert_repr(l, "[[...]]");
    MoObject *one = MoLong_FromLong(1);
    MoObject *m = MoList_New(0);
    MoList_Append(m, one);
    MoList_Append(m, l);
    mt_assert_repr(m, "[1, [[...]]]");
    MoObject *s = MoUnicode_FromString("a");
    MoObject *t = MoTuple_Pack(2, s, Mo_None);
    MoList_Append(m, t);
    mt_assert_repr(m, "[1, [[...]], ('a', None)]");
    MoList_Clear(l);   /* break the cycle */
    Mo_DECREF(t);
    Mo_DECREF(s);
    Mo_DECREF(m);
    Mo_DECREF(one);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_compare_hash)
{
    static const struct { long a[3]; Mo_ssize_t na; long b[3]; Mo_ssize_t nb; int op; int expected; } cases[] = {
        { { 1, 2 }, 2, { 1, 3 }, 2, MO_LT, 1 },  { { 1, 2 }, 2, { 1, 2, 0 }, 3, MO_LT, 1 },
        { { 1, 2 }, 2, { 1, 2 }, 2, MO_EQ, 1 },  { { 1, 2 }, 2, { 1, 2, 0 }, 3, MO_EQ, 0 },
        { { 1, 2 }, 2, { 1, 2, 0 }, 3, MO_NE, 1 }, { { 3 }, 1, { 1, 9, 9 }, 3, MO_GT, 1 },
        { { 0 }, 0, { 0 }, 0, MO_LE, 1 },         { { 2, 1 }, 2, { 2, 1 }, 2, MO_GE, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = lt_ints(cases[i].na, cases[i].a), *b = lt_ints(cases[i].nb, cases[i].b);
        ck_assert_msg(MoObject_RichCompareBool(a, b, cases[i].op) == cases[i].expected, "case %zu", i);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    MoObject *l = MoList_New(0), *t = MoTuple_New(0);
    ck_assert_int_eq(MoObject_RichCompareBool(l, t, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(l, t, MO_LT), -1);
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'list' and 'tuple'");
    ck_assert(MoObject_Hash(l) == -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    Mo_DECREF(t);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_free_list_and_gc)
{
    MoObject *a = MoList_New(0);
    uintptr_t id = MoObject_Id(a);
    ck_assert_int_eq(MoGC_IsTracked(a), 1);
    Mo_DECREF(a);
    MoObject *b = MoList_New(0);   /* the shell comes back from the free list */
    ck_assert(MoObject_Id(b) == id);
    ck_assert_int_eq(MoGC_IsTracked(b), 1);
    ck_assert_int_eq(MoSys_GetSizeOf(b), 56);
    Mo_DECREF(b);
    /* Items are released last to first. */
    MoObject *order = MoList_New(0);
    static const long v[] = { 1000, 2000, 3000 };
    MoObject *l = lt_ints(3, v);
    for (int i = 0; i < 3; i++)
        MoList_Append(order, MoList_GET_ITEM(l, i));
    Mo_DECREF(l);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(Mo_REFCNT(MoList_GET_ITEM(order, i)), 1);
    Mo_DECREF(order);
}
END_TEST

START_TEST(test_list_iterators)
{
    static const long v[] = { 1, 2, 3 };
    MoObject *l = lt_ints(3, v);
    MoObject *it = mt_ok(MoObject_GetIter(l));
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "list_iterator");
    ck_assert_int_eq(MoSys_GetSizeOf(it), 48);
    ck_assert_int_eq(Mo_REFCNT(l), 2);
    MoObject *copy = mt_ok(MoSequence_List(it));   /* length hint 3: capacity 4 */
    ck_assert_int_eq(MoSys_GetSizeOf(copy), 88);
    mt_assert_repr(copy, "[1, 2, 3]");
    ck_assert_ptr_null(MoIter_Next(it));
    mt_assert_no_exc();
    ck_assert_int_eq(Mo_REFCNT(l), 1);   /* exhausted: the list was let go */
    Mo_DECREF(it);
    MoObject *rev = mt_ok(MoObject_CallMethod(l, "__reversed__", NULL));
    ck_assert_str_eq(Mo_TYPE(rev)->tp_name, "list_reverseiterator");
    MoObject *back = mt_ok(MoSequence_List(rev));
    mt_assert_repr(back, "[3, 2, 1]");
    Mo_DECREF(back);
    Mo_DECREF(rev);
    Mo_DECREF(copy);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_list_type_call)
{
    /* list(range(3)), list(), list(1, 2) */
    MoObject *r = mt_ok(MoRange_New(0, 3, 1));
    MoObject *l = mt_ok(MoObject_CallOneArg((MoObject *)&MoList_Type, r));
    mt_assert_repr(l, "[0, 1, 2]");
    ck_assert_int_eq(MoSys_GetSizeOf(l), 88);
    Mo_DECREF(l);
    l = mt_ok(MoObject_CallNoArgs((MoObject *)&MoList_Type));
    mt_assert_repr(l, "[]");
    Mo_DECREF(l);
    MoObject *args = MoTuple_Pack(2, r, r);
    ck_assert_ptr_null(MoObject_Call((MoObject *)&MoList_Type, args, NULL));
    mt_assert_exc(MoExc_TypeError, "list expected at most 1 argument, got 2");
    Mo_DECREF(args);
    MoObject *five = MoLong_FromLong(5);
    ck_assert_ptr_null(MoObject_CallOneArg((MoObject *)&MoList_Type, five));
    mt_assert_exc(MoExc_TypeError, "'int' object is not iterable");
    Mo_DECREF(five);
    Mo_DECREF(r);
}
END_TEST

START_TEST(test_list_deep_nest)
{
    long depth = mt_under_valgrind() ? 100000 : 1000000;
    MoObject *l = MoList_New(0);
    for (long i = 0; i < depth; i++) {
        MoObject *outer = MoList_New(0);
        MoList_Append(outer, l);
        Mo_DECREF(l);
        l = outer;
    }
    ck_assert_ptr_null(MoObject_Repr(l));
    mt_assert_exc(MoExc_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    Mo_DECREF(l);   /* a million levels freed without a C stack overflow: the trashcan */
}
END_TEST

Suite *list_suite(void)
{
    Suite *s = suite_create("list");
    TCase *tc = mt_tcase("list");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_list_append_sizes);
    tcase_add_test(tc, test_list_capacity_sequence);
    tcase_add_test(tc, test_list_size_table);
    tcase_add_test(tc, test_list_shrink);
    tcase_add_test(tc, test_list_repeat_shares);
    tcase_add_test(tc, test_list_concat_identity);
    tcase_add_test(tc, test_list_insert_del_pop);
    tcase_add_test(tc, test_list_methods);
    tcase_add_test(tc, test_list_subscript);
    tcase_add_test(tc, test_list_reprs);
    tcase_add_test(tc, test_list_compare_hash);
    tcase_add_test(tc, test_list_free_list_and_gc);
    tcase_add_test(tc, test_list_iterators);
    tcase_add_test(tc, test_list_type_call);
    tcase_add_test(tc, test_list_deep_nest);
    suite_add_tcase(s, tc);
    return s;
}
