/* set and frozenset: sizes, CPython's iteration order, hash, comparisons, errors. */
#include "testutil.h"

/* new: set(range(n)) or frozenset(range(n)). */
static MoObject *set_of_range(MoObject *(*make)(MoObject *), long n)
{
    MoObject *r = mt_ok(MoRange_New(0, n, 1));
    MoObject *s = mt_ok(make(r));
    Mo_DECREF(r);
    return s;
}

/* new: a set of the given ints, added in order. */
static MoObject *set_of(const long *items, int n)
{
    MoObject *s = mt_ok(MoSet_New(NULL));
    for (int i = 0; i < n; i++) {
        MoObject *o = mt_ok(MoLong_FromLong(items[i]));
        ck_assert_int_eq(MoSet_Add(s, o), 0);
        Mo_DECREF(o);
    }
    return s;
}

static void discard_long(MoObject *s, long v, int expected)
{
    MoObject *o = mt_ok(MoLong_FromLong(v));
    ck_assert_int_eq(MoSet_Discard(s, o), expected);
    Mo_DECREF(o);
}

static void add_long(MoObject *s, long v)
{
    MoObject *o = mt_ok(MoLong_FromLong(v));
    ck_assert_int_eq(MoSet_Add(s, o), 0);
    Mo_DECREF(o);
}

/* facts §1.8 */
START_TEST(test_set_sizes)
{
    static const struct { long n; Mo_ssize_t size; } cases[] = {
        {0, 216}, {1, 216}, {4, 216}, {5, 728}, {10, 728}, {18, 728}, {19, 2264}, {20, 2264}, {100, 8408},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *s = set_of_range(MoSet_New, cases[i].n);
        MoObject *f = set_of_range(MoFrozenSet_New, cases[i].n);
        MoObject *one_by_one = mt_ok(MoSet_New(NULL));
        for (long j = 0; j < cases[i].n; j++)
            add_long(one_by_one, j);
        ck_assert_msg(MoSys_GetSizeOf(s) == cases[i].size, "set(range(%ld)): %zd, expected %zd", cases[i].n,
                      MoSys_GetSizeOf(s), cases[i].size);
        ck_assert_int_eq(MoSys_GetSizeOf(f), cases[i].size);
        ck_assert_int_eq(MoSys_GetSizeOf(one_by_one), cases[i].size);
        ck_assert_int_eq(MoSet_Size(s), cases[i].n);
        Mo_DECREF(s);
        Mo_DECREF(f);
        Mo_DECREF(one_by_one);
    }
}
END_TEST

/* Copying a set merges table to table: set(set(range(5))) is 472, not 728. */
START_TEST(test_set_copy_sizes)
{
    MoObject *five = set_of_range(MoSet_New, 5);
    MoObject *copy = mt_ok(MoSet_New(five));
    ck_assert_int_eq(MoSys_GetSizeOf(copy), 472);
    MoObject *m = mt_ok(MoObject_CallMethod(five, "copy", NULL));
    ck_assert_int_eq(MoSys_GetSizeOf(m), 472);
    mt_assert_repr(m, "{0, 1, 2, 3, 4}");
    MoObject *twenty = set_of_range(MoSet_New, 20);
    MoObject *frozen = mt_ok(MoFrozenSet_New(twenty));
    ck_assert_int_eq(MoSys_GetSizeOf(frozen), 1240);
    ck_assert_int_eq(MoSet_Clear(twenty), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(twenty), 216);
    mt_assert_repr(twenty, "set()");
    Mo_DECREF(five);
    Mo_DECREF(copy);
    Mo_DECREF(m);
    Mo_DECREF(twenty);
    Mo_DECREF(frozen);
}
END_TEST

/* The order CPython 3.11 prints (same table sizes, int hashes and probing). */
START_TEST(test_set_repr_order)
{
    static const long a[] = {5, 1, 100, 33};
    static const long b[] = {-1, -2, -3, 7, 15, 23};
    static const long c[] = {3, 11, 19, 27};
    static const long d[] = {1099511627776L, 2305843009213693952L, 3, 2305843009213693951L};
    static const struct { const long *items; int n; const char *repr; } cases[] = {
        {a, 4, "{1, 100, 5, 33}"},
        {b, 6, "{7, 15, -2, 23, -3, -1}"},
        {c, 4, "{11, 19, 3, 27}"},
        {d, 4, "{1099511627776, 2305843009213693952, 3, 2305843009213693951}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *s = set_of(cases[i].items, cases[i].n);
        mt_assert_repr(s, cases[i].repr);
        Mo_DECREF(s);
    }
    MoObject *s = set_of_range(MoSet_New, 10);
    mt_assert_repr(s, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}");
    discard_long(s, 3, 1);
    discard_long(s, 3, 0);
    add_long(s, 35);
    mt_assert_repr(s, "{0, 1, 2, 35, 4, 5, 6, 7, 8, 9}");
    Mo_DECREF(s);

    MoObject *r = mt_ok(MoRange_New(-5, 5, 1));
    s = mt_ok(MoSet_New(r));
    mt_assert_repr(s, "{0, 1, 2, 3, 4, -1, -5, -4, -3, -2}");
    Mo_DECREF(r);
    Mo_DECREF(s);

    /* A deleted slot is reused by the next key whose probe passes it. */
    static const long e[] = {0, 8};
    s = set_of(e, 2);
    discard_long(s, 0, 1);
    add_long(s, 16);
    mt_assert_repr(s, "{16, 8}");
    Mo_DECREF(s);
}
END_TEST

START_TEST(test_set_reprs)
{
    MoObject *s = mt_ok(MoSet_New(NULL));
    mt_assert_repr(s, "set()");
    MoObject *f = mt_ok(MoFrozenSet_New(NULL));
    mt_assert_repr(f, "frozenset()");
    MoObject *f12 = mt_ok(MoFrozenSet_New(NULL));
    add_long(f12, 1);   /* allowed while nobody else holds it, as PySet_Add */
    add_long(f12, 2);
    mt_assert_repr(f12, "frozenset({1, 2})");
    ck_assert_int_eq(MoSet_Add(s, f), 0);
    mt_assert_repr(s, "{frozenset()}");
    MoObject *t = mt_ok(Mo_BuildValue("(ii)", 1, 2));
    MoObject *st = mt_ok(MoSet_New(NULL));
    ck_assert_int_eq(MoSet_Add(st, t), 0);
    mt_assert_repr(st, "{(1, 2)}");
    MoObject *strs = mt_ok(MoUnicode_FromString("ab"));
    MoObject *ss = mt_ok(MoSet_New(strs));
    ck_assert_int_eq(MoSet_Size(ss), 2);
    Mo_DECREF(strs);
    Mo_DECREF(ss);
    Mo_DECREF(t);
    Mo_DECREF(st);
    Mo_DECREF(s);
    Mo_DECREF(f);
    Mo_DECREF(f12);
}
END_TEST

/* hash(frozenset(...)) as python3 prints it (int hashes only: seed-independent). */
START_TEST(test_frozenset_hash)
{
    static const long one_two_three[] = {1, 2, 3};
    MoObject *s = set_of(one_two_three, 3);
    MoObject *f = mt_ok(MoFrozenSet_New(s));
    ck_assert_int_eq(MoObject_Hash(f), -272375401224217160L);
    ck_assert_int_eq(MoObject_Hash(f), -272375401224217160L);   /* cached */
    MoObject *empty = mt_ok(MoFrozenSet_New(NULL));
    ck_assert_int_eq(MoObject_Hash(empty), 133146708735736L);
    MoObject *hundred = set_of_range(MoFrozenSet_New, 100);
    ck_assert_int_eq(MoObject_Hash(hundred), 4411996150312757951L);
    ck_assert_int_eq(MoObject_Hash(s), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'set'");
    /* frozenset() is not frozenset(): 3.11 has no empty singleton. */
    MoObject *empty2 = mt_ok(MoFrozenSet_New(NULL));
    ck_assert_ptr_ne(empty, empty2);
    Mo_DECREF(empty2);
    Mo_DECREF(hundred);
    Mo_DECREF(empty);
    Mo_DECREF(f);
    Mo_DECREF(s);
}
END_TEST

START_TEST(test_set_compare)
{
    static const long a12[] = {1, 2}, a21[] = {2, 1}, a123[] = {1, 2, 3}, a1[] = {1}, a3[] = {3};
    MoObject *s12 = set_of(a12, 2), *s21 = set_of(a21, 2), *s123 = set_of(a123, 3);
    MoObject *s1 = set_of(a1, 1), *s3 = set_of(a3, 1);
    MoObject *f12 = mt_ok(MoFrozenSet_New(s12));
    static const struct { int a, b, op, expected; } cases[] = {
        {0, 2, MO_LT, 1}, {0, 0, MO_LT, 0}, {0, 1, MO_LE, 1}, {0, 2, MO_LE, 1}, {2, 0, MO_LE, 0},
        {0, 3, MO_GT, 1}, {0, 1, MO_GT, 0}, {0, 1, MO_GE, 1}, {0, 1, MO_EQ, 1}, {0, 5, MO_EQ, 1},
        {0, 3, MO_NE, 1}, {3, 4, MO_EQ, 0}, {3, 4, MO_LT, 0}, {3, 4, MO_GT, 0}, {5, 2, MO_LT, 1},
    };
    MoObject *sets[] = {s12, s21, s123, s1, s3, f12};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(MoObject_RichCompareBool(sets[cases[i].a], sets[cases[i].b], cases[i].op) == cases[i].expected,
                      "case %zu", i);
    MoObject *one = mt_ok(MoLong_FromLong(1));
    ck_assert_int_eq(MoObject_RichCompareBool(s1, one, MO_EQ), 0);
    ck_assert_ptr_null(MoObject_RichCompare(s1, one, MO_LT));
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'set' and 'int'");
    Mo_DECREF(one);
    Mo_DECREF(s12);
    Mo_DECREF(s21);
    Mo_DECREF(s123);
    Mo_DECREF(s1);
    Mo_DECREF(s3);
    Mo_DECREF(f12);
}
END_TEST

START_TEST(test_set_errors_and_methods)
{
    MoObject *s = set_of_range(MoSet_New, 5);
    MoObject *three = mt_ok(MoLong_FromLong(3)), *nine = mt_ok(MoLong_FromLong(9));
    MoObject *list = mt_ok(MoList_New(0));

    ck_assert_ptr_null(MoObject_CallMethod(s, "remove", "O", nine));
    mt_assert_exc(MoExc_KeyError, "9");
    MoObject *r = mt_ok(MoObject_CallMethod(s, "remove", "O", three));
    Mo_DECREF(r);
    ck_assert_int_eq(MoSet_Contains(s, three), 0);
    r = mt_ok(MoObject_CallMethod(s, "discard", "O", nine));
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(s, "add", "O", nine));
    Mo_DECREF(r);
    ck_assert_int_eq(MoSequence_Contains(s, nine), 1);
    mt_assert_repr(s, "{0, 1, 2, 4, 9}");

    ck_assert_int_eq(MoSet_Add(s, list), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    ck_assert_int_eq(MoSet_Contains(s, list), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");

    /* pop walks the table from a finger: 0, 1, 2 ... */
    MoObject *p = mt_ok(MoSet_Pop(s));
    mt_assert_repr(p, "0");
    Mo_DECREF(p);
    p = mt_ok(MoObject_CallMethod(s, "pop", NULL));
    mt_assert_repr(p, "1");
    Mo_DECREF(p);
    r = mt_ok(MoObject_CallMethod(s, "clear", NULL));
    Mo_DECREF(r);
    ck_assert_ptr_null(MoSet_Pop(s));
    mt_assert_exc(MoExc_KeyError, "'pop from an empty set'");

    Mo_DECREF(three);
    Mo_DECREF(nine);
    Mo_DECREF(list);
    Mo_DECREF(s);
}
END_TEST

START_TEST(test_set_gc_and_iter)
{
    MoObject *s = mt_ok(MoSet_New(NULL));
    MoObject *f = mt_ok(MoFrozenSet_New(NULL));
    ck_assert_int_eq(MoGC_IsTracked(s), 1);
    ck_assert_int_eq(MoGC_IsTracked(f), 1);
    ck_assert_int_eq(MoSet_Type.tp_weaklistoffset, 192);
    Mo_DECREF(f);

    for (long i = 0; i < 3; i++)
        add_long(s, i);
    MoObject *it = mt_ok(MoObject_GetIter(s));
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "set_iterator");
    ck_assert_int_eq(MoSys_GetSizeOf(it), 64);
    MoObject *x = mt_ok(MoIter_Next(it));
    mt_assert_repr(x, "0");
    Mo_DECREF(x);
    add_long(s, 10);
    ck_assert_ptr_null(MoIter_Next(it));
    mt_assert_exc(MoExc_RuntimeError, "Set changed size during iteration");
    Mo_DECREF(it);

    /* tp_clear (what the collector calls to break cycles) empties the set. */
    ck_assert_int_eq(Mo_TYPE(s)->tp_clear(s), 0);
    ck_assert_int_eq(MoSet_Size(s), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(s), 216);
    Mo_DECREF(s);
}
END_TEST

/* A comparison that empties the set: the search starts over and the new key goes
   in; one that raises makes add fail with that exception. */
START_TEST(test_set_mutating_compare)
{
    ck_assert_int_eq(MoType_Ready(&mt_evil_type), 0);
    MoObject *s = mt_ok(MoSet_New(NULL));
    MoObject *k1 = mt_ok(MoObject_New(MoObject, &mt_evil_type));
    MoObject *k2 = mt_ok(MoObject_New(MoObject, &mt_evil_type));
    ck_assert_int_eq(MoSet_Add(s, k1), 0);
    mt_evil_target = s;
    mt_evil_raises = 0;
    ck_assert_int_eq(MoSet_Add(s, k2), 0);
    ck_assert_int_eq(MoSet_Size(s), 1);
    mt_evil_target = NULL;
    ck_assert_int_eq(MoSet_Contains(s, k2), 1);
    mt_evil_raises = 1;
    ck_assert_int_eq(MoSet_Add(s, k1), -1);
    mt_assert_exc(MoExc_ValueError, "boom");
    ck_assert_int_eq(MoSet_Contains(s, k1), -1);
    mt_assert_exc(MoExc_ValueError, "boom");
    mt_evil_raises = 0;
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(s);
}
END_TEST

/* Many adds and discards keep every element findable. */
START_TEST(test_set_churn)
{
    MoObject *s = mt_ok(MoSet_New(NULL));
    for (long i = 0; i < 3000; i++) {
        add_long(s, i * 31);
        if (i % 2)
            discard_long(s, (i - 1) * 31, 1);
    }
    ck_assert_int_eq(MoSet_Size(s), 1500);
    for (long i = 1; i < 3000; i += 2) {
        MoObject *o = mt_ok(MoLong_FromLong(i * 31));
        ck_assert_int_eq(MoSet_Contains(s, o), 1);
        Mo_DECREF(o);
    }
    Mo_DECREF(s);
}
END_TEST

Suite *set_suite(void)
{
    Suite *s = suite_create("set");
    TCase *tc = mt_tcase("set");
    tcase_add_test(tc, test_set_sizes);
    tcase_add_test(tc, test_set_copy_sizes);
    tcase_add_test(tc, test_set_repr_order);
    tcase_add_test(tc, test_set_reprs);
    tcase_add_test(tc, test_frozenset_hash);
    tcase_add_test(tc, test_set_compare);
    tcase_add_test(tc, test_set_errors_and_methods);
    tcase_add_test(tc, test_set_gc_and_iter);
    tcase_add_test(tc, test_set_churn);
    tcase_add_test(tc, test_set_mutating_compare);
    suite_add_tcase(s, tc);
    return s;
}
