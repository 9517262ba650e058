/* range: sizes, reprs, items, membership, equality, hashing, iterators.
 * Expected values were printed by CPython 3.11. */
#include "testutil.h"

START_TEST(test_range_sizes_and_reprs)
{
    static const struct { long start, stop, step; const char *repr; Mo_ssize_t len; } cases[] = {
        { 0, 10, 1, "range(0, 10)", 10 },
        { 0, 10, 2, "range(0, 10, 2)", 5 },
        { 0, 3, 1, "range(0, 3)", 3 },
        { -1, 5, -1, "range(-1, 5, -1)", 0 },
        { 0, -3, 1, "range(0, -3)", 0 },
        { 5, -5, -3, "range(5, -5, -3)", 4 },
        { -5, 5, 3, "range(-5, 5, 3)", 4 },
        { 0, 0, 1, "range(0, 0)", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *r = mt_ok(MoRange_New(cases[i].start, cases[i].stop, cases[i].step));
        mt_assert_repr(r, cases[i].repr);
        ck_assert_int_eq(MoObject_Length(r), cases[i].len);
        ck_assert_int_eq(MoSys_GetSizeOf(r), 48);   /* whatever the length */
        ck_assert_int_eq(MoGC_IsTracked(r), 0);
        ck_assert_int_eq(MoObject_IsTrue(r), cases[i].len != 0);
        Mo_DECREF(r);
    }
    ck_assert_ptr_null(MoRange_New(1, 2, 0));
    mt_assert_exc(MoExc_ValueError, "range() arg 3 must not be zero");
    /* The whole long range: its length does not fit a Mo_ssize_t. */
    MoObject *huge = mt_ok(MoRange_New(-9223372036854775807L - 1, 9223372036854775807L, 1));
    ck_assert_int_eq(MoObject_Length(huge), -1);
    mt_assert_exc(MoExc_OverflowError, "Python int too large to convert to C ssize_t");
    MoObject *minus1 = MoLong_FromLong(-1);
    MoObject *last = mt_ok(MoObject_GetItem(huge, minus1));   /* huge[-1] */
    mt_assert_repr(last, "9223372036854775806");
    Mo_DECREF(last);
    Mo_DECREF(minus1);
    Mo_DECREF(huge);
}
END_TEST

START_TEST(test_range_items)
{
    MoObject *r = mt_ok(MoRange_New(0, 10, 3));   /* 0 3 6 9 */
    static const struct { long index; long value; } cases[] = {
        { 0, 0 }, { 1, 3 }, { 3, 9 }, { -1, 9 }, { -4, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *k = MoLong_FromLong(cases[i].index);
        MoObject *v = mt_ok(MoObject_GetItem(r, k));
        ck_assert_int_eq(MoLong_AsLong(v), cases[i].value);
        Mo_DECREF(v);
        Mo_DECREF(k);
    }
    static const long bad[] = { 4, -5, 100 };
    for (size_t i = 0; i < 3; i++) {
        MoObject *k = MoLong_FromLong(bad[i]);
        ck_assert_ptr_null(MoObject_GetItem(r, k));
        mt_assert_exc(MoExc_IndexError, "range object index out of range");
        Mo_DECREF(k);
    }
    MoObject *huge = MoLong_FromString("1180591620717411303424");   /* 2**70 */
    ck_assert_ptr_null(MoObject_GetItem(r, huge));
    mt_assert_exc(MoExc_IndexError, "range object index out of range");
    Mo_DECREF(huge);
    MoObject *s = MoUnicode_FromString("a");
    ck_assert_ptr_null(MoObject_GetItem(r, s));
    mt_assert_exc(MoExc_TypeError, "range indices must be integers or slices, not str");
    Mo_DECREF(s);
    MoObject *l = mt_ok(MoSequence_List(r));
    mt_assert_repr(l, "[0, 3, 6, 9]");
    Mo_DECREF(l);
    MoObject *down = mt_ok(MoRange_New(5, -5, -3));
    l = mt_ok(MoSequence_List(down));
    mt_assert_repr(l, "[5, 2, -1, -4]");
    Mo_DECREF(l);
    MoObject *rev = mt_ok(MoObject_CallMethod(down, "__reversed__", NULL));
    l = mt_ok(MoSequence_List(rev));
    mt_assert_repr(l, "[-4, -1, 2, 5]");
    Mo_DECREF(l);
    Mo_DECREF(rev);
    Mo_DECREF(down);
    Mo_DECREF(r);
}
END_TEST

START_TEST(test_range_contains_index_count)
{
    MoObject *r = mt_ok(MoRange_New(0, 10, 3));
    static const struct { long v; int in; } cases[] = {
        { 9, 1 }, { 10, 0 }, { 0, 1 }, { -3, 0 }, { 4, 0 }, { 6, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *v = MoLong_FromLong(cases[i].v);
        ck_assert_msg(MoSequence_Contains(r, v) == cases[i].in, "%ld in range(0, 10, 3)", cases[i].v);
        MoObject *c = mt_ok(MoObject_CallMethod(r, "count", "O", v));
        ck_assert_int_eq(MoLong_AsLong(c), cases[i].in);
        Mo_DECREF(c);
        Mo_DECREF(v);
    }
    /* 1.0 in range(3) and True in range(3): compared by value. */
    MoObject *r3 = mt_ok(MoRange_New(0, 3, 1));
    MoObject *f = MoFloat_FromDouble(1.0);
    ck_assert_int_eq(MoSequence_Contains(r3, f), 1);
    ck_assert_int_eq(MoSequence_Contains(r3, Mo_True), 1);
    MoObject *s = MoUnicode_FromString("a");
    ck_assert_int_eq(MoSequence_Contains(r3, s), 0);
    MoObject *i = mt_ok(MoObject_CallMethod(r, "index", "i", 6));
    ck_assert_int_eq(MoLong_AsLong(i), 2);
    Mo_DECREF(i);
    ck_assert_ptr_null(MoObject_CallMethod(r3, "index", "i", 5));
    mt_assert_exc(MoExc_ValueError, "5 is not in range");
    Mo_DECREF(s);
    Mo_DECREF(f);
    Mo_DECREF(r3);
    Mo_DECREF(r);
}
END_TEST

START_TEST(test_range_equality_hash)
{
    static const struct { long a[3], b[3]; int eq; } cases[] = {
        { { 0, 0, 1 }, { 5, 5, 1 }, 1 },       /* both empty */
        { { 0, 3, 2 }, { 0, 4, 2 }, 1 },       /* 0, 2 */
        { { 1, 2, 3 }, { 1, 2, 5 }, 1 },       /* one value: the step does not matter */
        { { 0, 10, 1 }, { 0, 10, 2 }, 0 },
        { { 0, 10, 1 }, { 1, 10, 1 }, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = mt_ok(MoRange_New(cases[i].a[0], cases[i].a[1], cases[i].a[2]));
        MoObject *b = mt_ok(MoRange_New(cases[i].b[0], cases[i].b[1], cases[i].b[2]));
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_EQ), cases[i].eq);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_NE), !cases[i].eq);
        if (cases[i].eq)
            ck_assert(MoObject_Hash(a) == MoObject_Hash(b));
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    /* python3: hash(range(0, 10, 2)) == hash((5, 0, 2)); hash(range(3)) == hash((3, 0, 1)) */
    MoObject *r = mt_ok(MoRange_New(0, 10, 2));
    ck_assert(MoObject_Hash(r) == -6143170332311272345LL);
    Mo_DECREF(r);
    r = mt_ok(MoRange_New(0, 3, 1));
    ck_assert(MoObject_Hash(r) == -8338477496398685190LL);
    /* Ordering is not defined. */
    ck_assert_int_eq(MoObject_RichCompareBool(r, r, MO_LT), -1);
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'range' and 'range'");
    Mo_DECREF(r);
    /* An empty range hashes as (0, None, None). */
    MoObject *e = mt_ok(MoRange_New(7, 7, 3));
    MoObject *zero = MoLong_FromLong(0);
    MoObject *t = MoTuple_Pack(3, zero, Mo_None, Mo_None);
    ck_assert(MoObject_Hash(e) == MoObject_Hash(t));
    Mo_DECREF(t);
    Mo_DECREF(zero);
    Mo_DECREF(e);
}
END_TEST

START_TEST(test_range_iterator)
{
    MoObject *r = mt_ok(MoRange_New(0, 10, 1));
    MoObject *it = mt_ok(MoObject_GetIter(r));
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "range_iterator");
    ck_assert_int_eq(MoSys_GetSizeOf(it), 48);
    ck_assert_int_eq(MoGC_IsTracked(it), 0);
    long sum = 0;
    MoObject *x;
    while ((x = MoIter_Next(it)) != NULL) {
        sum += MoLong_AsLong(x);
        Mo_DECREF(x);
    }
    mt_assert_no_exc();
    ck_assert_int_eq(sum, 45);
    Mo_DECREF(it);
    /* The iterator's length hint sizes list(iter(range(3))) exactly: 88. */
    MoObject *r3 = mt_ok(MoRange_New(0, 3, 1));
    it = mt_ok(MoObject_GetIter(r3));
    MoObject *l = mt_ok(MoSequence_List(it));
    ck_assert_int_eq(MoSys_GetSizeOf(l), 88);
    Mo_DECREF(l);
    Mo_DECREF(it);
    /* Values near the ends of a long do not overflow. */
    MoObject *edge = mt_ok(MoRange_New(9223372036854775807L, -9223372036854775807L - 1, -4611686018427387904L));
    l = mt_ok(MoSequence_List(edge));
    mt_assert_repr(l, "[9223372036854775807, 4611686018427387903, -1, -4611686018427387905]");
    Mo_DECREF(l);
    Mo_DECREF(edge);
    Mo_DECREF(r3);
    Mo_DECREF(r);
}
END_TEST

START_TEST(test_range_type_call)
{
    static const struct { long args[3]; Mo_ssize_t n; const char *repr; } cases[] = {
        { { 5 }, 1, "range(0, 5)" }, { { 2, 5 }, 2, "range(2, 5)" }, { { 2, 9, 3 }, 3, "range(2, 9, 3)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *args = MoTuple_New(cases[i].n);
        for (Mo_ssize_t k = 0; k < cases[i].n; k++)
            MoTuple_SetItem(args, k, MoLong_FromLong(cases[i].args[k]));
        MoObject *r = mt_ok(MoObject_Call((MoObject *)&MoRange_Type, args, NULL));
        mt_assert_repr(r, cases[i].repr);
        Mo_DECREF(r);
        Mo_DECREF(args);
    }
    ck_assert_ptr_null(MoObject_CallNoArgs((MoObject *)&MoRange_Type));
    mt_assert_exc(MoExc_TypeError, "range expected at least 1 argument, got 0");
    MoObject *r = mt_ok(MoRange_New(1, 9, 2));
    MoObject *start = mt_ok(MoObject_GetAttrString(r, "start"));
    MoObject *step = mt_ok(MoObject_GetAttrString(r, "step"));
    ck_assert_int_eq(MoLong_AsLong(start), 1);
    ck_assert_int_eq(MoLong_AsLong(step), 2);
    Mo_DECREF(step);
    Mo_DECREF(start);
    Mo_DECREF(r);
}
END_TEST

Suite *range_suite(void)
{
    Suite *s = suite_create("range");
    TCase *tc = mt_tcase("range");
    tcase_add_test(tc, test_range_sizes_and_reprs);
    tcase_add_test(tc, test_range_items);
    tcase_add_test(tc, test_range_contains_index_count);
    tcase_add_test(tc, test_range_equality_hash);
    tcase_add_test(tc, test_range_iterator);
    tcase_add_test(tc, test_range_type_call);
    suite_add_tcase(s, tc);
    return s;
}
