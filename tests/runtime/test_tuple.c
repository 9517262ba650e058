/* tuple: sizes, the empty singleton, hashing, free lists, GC tracking, errors.
 * Expected values were printed by CPython 3.11 (PYTHONHASHSEED=0 for str hashes). */
#include "testutil.h"

/* new: a tuple of the ints given. */
static MoObject *tt_ints(Mo_ssize_t n, const long *v)
{
    MoObject *t = MoTuple_New(n);
    for (Mo_ssize_t i = 0; i < n; i++)
        MoTuple_SetItem(t, i, MoLong_FromLong(v[i]));
    return t;
}

/* tuple(range(n)) */
static MoObject *tt_range(long n)
{
    MoObject *r = mt_ok(MoRange_New(0, n, 1));
    MoObject *t = mt_ok(MoSequence_Tuple(r));
    Mo_DECREF(r);
    return t;
}

START_TEST(test_tuple_sizes)
{
    /* facts §1.5: 40 + 8n */
    static const struct { long n; Mo_ssize_t size; } cases[] = {
        { 0, 40 }, { 1, 48 }, { 2, 56 }, { 3, 64 }, { 4, 72 }, { 5, 80 }, { 10, 120 }, { 100, 840 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *t = tt_range(cases[i].n);
        ck_assert_int_eq(MoTuple_Size(t), cases[i].n);
        ck_assert_msg(MoSys_GetSizeOf(t) == cases[i].size, "getsizeof(tuple(range(%ld))) = %zd, expected %zd",
                      cases[i].n, MoSys_GetSizeOf(t), cases[i].size);
        Mo_DECREF(t);
    }
}
END_TEST

START_TEST(test_tuple_empty_singleton)
{
    MoObject *a = MoTuple_New(0);
    MoObject *b = tt_range(0);
    MoObject *l = mt_ok(MoList_New(0));
    MoObject *c = mt_ok(MoList_AsTuple(l));
    ck_assert_ptr_eq(a, b);
    ck_assert_ptr_eq(a, c);
    ck_assert_ptr_eq(a, _MoTuple_Empty());
    ck_assert_int_eq(MoGC_IsTracked(a), 0);
    ck_assert_int_gt(Mo_REFCNT(a), 999999999);
    mt_assert_repr(a, "()");
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
    Mo_DECREF(l);
}
END_TEST

START_TEST(test_tuple_reprs)
{
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
    MoObject *t1 = MoTuple_Pack(1, one);
    MoObject *t2 = MoTuple_Pack(2, one, two);
    MoObject *lst = MoList_New(0);
    MoList_Append(lst, two);
    MoObject *s = MoUnicode_FromString("a");
    MoObject *t3 = MoTuple_Pack(3, t1, lst, s);
    mt_assert_repr(t1, "(1,)");
    mt_assert_repr(t2, "(1, 2)");
    mt_assert_repr(t3, "((1,), [2], 'a')");
    /* A tuple inside a list inside the tuple's own list prints "(...)". */
    MoObject *holder = MoList_New(0);
    MoObject *t4 = MoTuple_Pack(1, holder);
    MoList_Append(holder, t4);
    mt_assert_repr(t4, "([(...)],)");
    MoList_Clear(holder);
    Mo_DECREF(t4);
    Mo_DECREF(holder);
    Mo_DECREF(t3);
    Mo_DECREF(s);
    Mo_DECREF(lst);
    Mo_DECREF(t2);
    Mo_DECREF(t1);
    Mo_DECREF(two);
    Mo_DECREF(one);
}
END_TEST

START_TEST(test_tuple_hashes)
{
    /* python3 (3.11, PYTHONHASHSEED=0): hash(t) */
    static const struct { Mo_ssize_t n; long v[10]; Mo_hash_t hash; } cases[] = {
        { 0, { 0 }, 5740354900026072187LL },
        { 2, { 1, 2 }, -3550055125485641917LL },
        { 1, { 1 }, -6644214454873602895LL },
        { 3, { 5, 0, 2 }, -6143170332311272345LL },
        { 1, { -1 }, 8078679518589016365LL },
        { 1, { 0 }, -8753497827991233192LL },
        { 10, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, -2040549277248155741LL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *t = tt_ints(cases[i].n, cases[i].v);
        Mo_hash_t h = MoObject_Hash(t);
        ck_assert_msg(h == cases[i].hash, "hash(%s) = %zd, expected %zd", mt_repr(t), h, cases[i].hash);
        Mo_DECREF(t);
    }
    /* Nested, with a str: (1, (2, 3), 'a') */
    static const long v23[] = { 2, 3 };
    MoObject *inner = tt_ints(2, v23);
    MoObject *one = MoLong_FromLong(1), *a = MoUnicode_FromString("a");
    MoObject *t = MoTuple_Pack(3, one, inner, a);
    ck_assert(MoObject_Hash(t) == -5450618956905408118LL);
    /* An unhashable item makes the tuple unhashable. */
    MoObject *l = MoList_New(0);
    MoObject *tl = MoTuple_Pack(2, one, l);
    ck_assert(MoObject_Hash(tl) == -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    Mo_DECREF(tl);
    Mo_DECREF(l);
    Mo_DECREF(t);
    Mo_DECREF(a);
    Mo_DECREF(one);
    Mo_DECREF(inner);
}
END_TEST

START_TEST(test_tuple_setitem_getitem)
{
    MoObject *t = MoTuple_New(2);
    MoObject *big = MoLong_FromLong(1000);
    /* SetItem steals even when it fails. */
    Mo_INCREF(big);
    ck_assert_int_eq(MoTuple_SetItem(t, 2, big), -1);
    mt_assert_exc(MoExc_IndexError, "tuple assignment index out of range");
    ck_assert_int_eq(Mo_REFCNT(big), 1);
    Mo_INCREF(big);
    ck_assert_int_eq(MoTuple_SetItem(t, 0, big), 0);
    ck_assert_int_eq(Mo_REFCNT(big), 2);
    ck_assert_ptr_eq(MoTuple_GetItem(t, 0), big);
    ck_assert_ptr_null(MoTuple_GetItem(t, 5));
    mt_assert_exc(MoExc_IndexError, "tuple index out of range");
    ck_assert_ptr_null(MoTuple_GetItem(t, -1));
    mt_assert_exc(MoExc_IndexError, "tuple index out of range");
    /* A shared tuple must not change: SystemError, and the item is released. */
    Mo_INCREF(t);
    Mo_INCREF(big);
    ck_assert_int_eq(MoTuple_SetItem(t, 1, big), -1);
    mt_assert_exc(MoExc_SystemError, NULL);
    ck_assert_int_eq(Mo_REFCNT(big), 2);
    Mo_DECREF(t);
    Mo_DECREF(t);
    ck_assert_int_eq(Mo_REFCNT(big), 1);
    Mo_DECREF(big);
}
END_TEST

START_TEST(test_tuple_concat_repeat)
{
    static const long v[] = { 1, 2 };
    MoObject *t = tt_ints(2, v);
    MoObject *e = MoTuple_New(0);
    MoObject *r;
    /* t + () and t * 1 are t itself; t * 0 is (). */
    r = MoSequence_Concat(t, e);
    ck_assert_ptr_eq(r, t);
    Mo_DECREF(r);
    r = MoSequence_Repeat(t, 1);
    ck_assert_ptr_eq(r, t);
    Mo_DECREF(r);
    r = MoSequence_Repeat(t, 0);
    ck_assert_ptr_eq(r, e);
    Mo_DECREF(r);
    r = MoSequence_Repeat(t, -5);
    ck_assert_ptr_eq(r, e);
    Mo_DECREF(r);
    /* t * 3 shares the items: six slots, each item's count up by 3. */
    MoObject *one = MoTuple_GET_ITEM(t, 0);
    Mo_ssize_t before = Mo_REFCNT(one);
    r = mt_ok(MoSequence_Repeat(t, 3));
    mt_assert_repr(r, "(1, 2, 1, 2, 1, 2)");
    ck_assert_int_eq(Mo_REFCNT(one), before + 3);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(r, 4), one);
    Mo_DECREF(r);
    r = mt_ok(MoSequence_Concat(t, t));
    mt_assert_repr(r, "(1, 2, 1, 2)");
    ck_assert(r != t);
    Mo_DECREF(r);
    MoObject *l = MoList_New(0);
    ck_assert_ptr_null(MoSequence_Concat(t, l));
    mt_assert_exc(MoExc_TypeError, "can only concatenate tuple (not \"list\") to tuple");
    /* t += x is a new tuple */
    r = mt_ok(MoSequence_InPlaceConcat(t, t));
    ck_assert(r != t);
    Mo_DECREF(r);
    Mo_DECREF(l);
    Mo_DECREF(e);
    Mo_DECREF(t);
}
END_TEST

START_TEST(test_tuple_compare_contains)
{
    static const struct { long a[2]; long b[3]; Mo_ssize_t nb; int op; int expected; } cases[] = {
        { { 1, 2 }, { 1, 3 }, 2, MO_LT, 1 },
        { { 1, 2 }, { 1, 2 }, 2, MO_EQ, 1 },
        { { 1, 2 }, { 1, 2, 0 }, 3, MO_LT, 1 },
        { { 1, 2 }, { 1, 2, 0 }, 3, MO_EQ, 0 },
        { { 1, 2 }, { 1 }, 1, MO_GT, 1 },
        { { 1, 2 }, { 1, 2 }, 2, MO_NE, 0 },
        { { 2, 0 }, { 1, 9, 9 }, 3, MO_GE, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = tt_ints(2, cases[i].a), *b = tt_ints(cases[i].nb, cases[i].b);
        ck_assert_msg(MoObject_RichCompareBool(a, b, cases[i].op) == cases[i].expected, "case %zu", i);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    /* (1, 'a') < (1, 2): the differing items decide, and they cannot be ordered. */
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2), *s = MoUnicode_FromString("a");
    MoObject *x = MoTuple_Pack(2, one, s), *y = MoTuple_Pack(2, one, two);
    ck_assert_int_eq(MoObject_RichCompareBool(x, y, MO_LT), -1);
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    ck_assert_int_eq(MoObject_RichCompareBool(x, y, MO_EQ), 0);
    ck_assert_int_eq(MoSequence_Contains(x, s), 1);
    ck_assert_int_eq(MoSequence_Contains(x, two), 0);
    MoObject *l = MoList_New(0);
    ck_assert_int_eq(MoObject_RichCompareBool(y, l, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(y, l, MO_LT), -1);
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'tuple' and 'list'");
    Mo_DECREF(l);
    Mo_DECREF(x);
    Mo_DECREF(y);
    Mo_DECREF(s);
    Mo_DECREF(two);
    Mo_DECREF(one);
}
END_TEST

START_TEST(test_tuple_tracking)
{
    static const long v[] = { 1, 2 };
    MoObject *t = tt_ints(2, v);
    ck_assert_int_eq(MoGC_IsTracked(t), 1);   /* tracked at creation, as 3.11 */
    _MoTuple_MaybeUntrack(t);
    ck_assert_int_eq(MoGC_IsTracked(t), 0);   /* only ints: cannot be in a cycle */
    MoObject *l = MoList_New(0);
    MoObject *tl = MoTuple_Pack(2, t, l);
    _MoTuple_MaybeUntrack(tl);
    ck_assert_int_eq(MoGC_IsTracked(tl), 1);  /* holds a list */
    MoObject *tt = MoTuple_Pack(1, t);
    _MoTuple_MaybeUntrack(tt);
    ck_assert_int_eq(MoGC_IsTracked(tt), 0);  /* holds an untracked tuple */
    MoObject *partial = MoTuple_New(2);
    MoTuple_SetItem(partial, 0, MoLong_FromLong(3));
    _MoTuple_MaybeUntrack(partial);
    ck_assert_int_eq(MoGC_IsTracked(partial), 1);  /* a NULL slot: still being built */
    Mo_DECREF(partial);
    Mo_DECREF(tt);
    Mo_DECREF(tl);
    Mo_DECREF(l);
    Mo_DECREF(t);
}
END_TEST

START_TEST(test_tuple_free_lists)
{
    /* A dead 3-tuple is parked and handed out again at the same address. */
    MoObject *a = MoTuple_New(3);
    uintptr_t id = MoObject_Id(a);
    Mo_DECREF(a);
    MoObject *b = MoTuple_New(3);
    ck_assert(MoObject_Id(b) == id);
    ck_assert_ptr_null(MoTuple_GET_ITEM(b, 0));   /* the link was cleared */
    ck_assert_int_eq(MoGC_IsTracked(b), 1);
    Mo_DECREF(b);
    /* 3.11 parks 20-tuples but never hands them out again. */
    MoObject *c = MoTuple_New(20);
    id = MoObject_Id(c);
    Mo_DECREF(c);
    MoObject *d = MoTuple_New(20);
    ck_assert(MoObject_Id(d) != id);
    Mo_DECREF(d);
    /* 19 is still served. */
    MoObject *e = MoTuple_New(19);
    id = MoObject_Id(e);
    Mo_DECREF(e);
    MoObject *f = MoTuple_New(19);
    ck_assert(MoObject_Id(f) == id);
    Mo_DECREF(f);
}
END_TEST

START_TEST(test_tuple_iterator_methods)
{
    static const long v[] = { 4, 5, 4 };
    MoObject *t = tt_ints(3, v);
    MoObject *it = mt_ok(MoObject_GetIter(t));
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "tuple_iterator");
    ck_assert_int_eq(MoSys_GetSizeOf(it), 48);
    long sum = 0;
    MoObject *item;
    while ((item = MoIter_Next(it)) != NULL) {
        sum += MoLong_AsLong(item);
        Mo_DECREF(item);
    }
    mt_assert_no_exc();
    ck_assert_int_eq(sum, 13);
    ck_assert_int_eq(Mo_REFCNT(t), 1);   /* the exhausted iterator let go */
    Mo_DECREF(it);
    MoObject *r = mt_ok(MoObject_CallMethod(t, "count", "i", 4));
    ck_assert_int_eq(MoLong_AsLong(r), 2);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(t, "index", "i", 5));
    ck_assert_int_eq(MoLong_AsLong(r), 1);
    Mo_DECREF(r);
    ck_assert_ptr_null(MoObject_CallMethod(t, "index", "i", 7));
    mt_assert_exc(MoExc_ValueError, "tuple.index(x): x not in tuple");
    MoObject *i2 = MoLong_FromLong(-1);
    r = mt_ok(MoObject_GetItem(t, i2));
    ck_assert_int_eq(MoLong_AsLong(r), 4);
    Mo_DECREF(r);
    Mo_DECREF(i2);
    MoObject *key = MoUnicode_FromString("a");
    ck_assert_ptr_null(MoObject_GetItem(t, key));
    mt_assert_exc(MoExc_TypeError, "tuple indices must be integers or slices, not str");
    Mo_DECREF(key);
    MoObject *s = mt_ok(MoTuple_GetSlice(t, 1, 10));
    mt_assert_repr(s, "(5, 4)");
    Mo_DECREF(s);
    s = mt_ok(MoTuple_GetSlice(t, 0, 3));
    ck_assert_ptr_eq(s, t);
    Mo_DECREF(s);
    Mo_DECREF(t);
}
END_TEST

START_TEST(test_tuple_type_call)
{
    MoObject *r = mt_ok(MoRange_New(0, 3, 1));
    MoObject *t = mt_ok(MoObject_CallOneArg((MoObject *)&MoTuple_Type, r));
    mt_assert_repr(t, "(0, 1, 2)");
    ck_assert_int_eq(MoSys_GetSizeOf(t), 64);
    /* tuple(t) is t itself */
    MoObject *same = mt_ok(MoObject_CallOneArg((MoObject *)&MoTuple_Type, t));
    ck_assert_ptr_eq(same, t);
    Mo_DECREF(same);
    MoObject *e = mt_ok(MoObject_CallNoArgs((MoObject *)&MoTuple_Type));
    ck_assert_ptr_eq(e, _MoTuple_Empty());
    Mo_DECREF(e);
    Mo_DECREF(t);
    Mo_DECREF(r);
}
END_TEST

START_TEST(test_tuple_deep_nest_free)
{
    long depth = mt_under_valgrind() ? 100000 : 1000000;
    MoObject *t = MoTuple_New(0);
    for (long i = 0; i < depth; i++) {
        MoObject *outer = MoTuple_Pack(1, t);
        Mo_DECREF(t);
        t = outer;
    }
    ck_assert_ptr_null(MoObject_Repr(t));
    mt_assert_exc(MoExc_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    Mo_DECREF(t);   /* the trashcan keeps the C stack bounded */
}
END_TEST

Suite *tuple_suite(void)
{
    Suite *s = suite_create("tuple");
    TCase *tc = mt_tcase("tuple");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_tuple_sizes);
    tcase_add_test(tc, test_tuple_empty_singleton);
    tcase_add_test(tc, test_tuple_reprs);
    tcase_add_test(tc, test_tuple_hashes);
    tcase_add_test(tc, test_tuple_setitem_getitem);
    tcase_add_test(tc, test_tuple_concat_repeat);
    tcase_add_test(tc, test_tuple_compare_contains);
    tcase_add_test(tc, test_tuple_tracking);
    tcase_add_test(tc, test_tuple_free_lists);
    tcase_add_test(tc, test_tuple_iterator_methods);
    tcase_add_test(tc, test_tuple_type_call);
    tcase_add_test(tc, test_tuple_deep_nest_free);
    suite_add_tcase(s, tc);
    return s;
}
