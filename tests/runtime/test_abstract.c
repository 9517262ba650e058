/* The number and sequence protocols. */
#include "testutil.h"

START_TEST(sequence_repeat_shares_items)
{
    MoObject *inner = MoList_New(0);
    MoObject *outer = MoList_New(0);
    MoList_Append(outer, inner);
    MoObject *rep = mt_ok(MoSequence_Repeat(outer, 3));      /* [[]] * 3 */
    ck_assert_int_eq(MoList_Size(rep), 3);
    for (int i = 0; i < 3; i++)
        ck_assert_ptr_eq(MoList_GetItem(rep, i), inner);
    ck_assert_int_eq(Mo_REFCNT(inner), 5);
    MoList_Append(inner, Mo_None);
    mt_assert_repr(rep, "[[None], [None], [None]]");
    Mo_DECREF(rep);
    Mo_DECREF(outer);
    Mo_DECREF(inner);
}
END_TEST

START_TEST(concat_makes_new_inplace_keeps)
{
    MoObject *a = MoList_New(0), *b = MoList_New(0);
    MoList_Append(b, Mo_True);
    MoObject *c = mt_ok(MoSequence_Concat(a, b));
    ck_assert_ptr_ne(c, a);
    MoObject *d = mt_ok(MoSequence_InPlaceConcat(a, b));
    ck_assert_ptr_eq(d, a);
    mt_assert_repr(a, "[True]");
    MoObject *t = MoTuple_Pack(1, Mo_None);
    MoObject *t2 = mt_ok(MoSequence_InPlaceConcat(t, t));
    ck_assert_ptr_ne(t2, t);                                 /* tuples are immutable */
    mt_assert_repr(t2, "(None, None)");
    MoObject *bad = MoSequence_Concat(a, t);
    ck_assert_ptr_null(bad);
    mt_assert_exc(MoExc_TypeError, "can only concatenate list (not \"tuple\") to list");
    ck_assert_ptr_null(MoSequence_Repeat(Mo_None, 2));
    mt_assert_exc(MoExc_TypeError, "'NoneType' object can't be repeated");
    Mo_DECREF(t2);
    Mo_DECREF(t);
    Mo_DECREF(d);
    Mo_DECREF(c);
    Mo_DECREF(b);
    Mo_DECREF(a);
}
END_TEST

START_TEST(number_results)
{
    struct { MoObject *(*op)(MoObject *, MoObject *); long a, b; const char *repr; } rows[] = {
        { MoNumber_Add, 2, 3, "5" }, { MoNumber_Subtract, 2, 3, "-1" }, { MoNumber_Multiply, 7, 6, "42" },
        { MoNumber_TrueDivide, 7, 2, "3.5" }, { MoNumber_FloorDivide, -7, 2, "-4" },
        { MoNumber_Remainder, -7, 3, "2" }, { MoNumber_Power, 2, 10, "1024" }, { MoNumber_Power, 2, -1, "0.5" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        MoObject *a = MoLong_FromLong(rows[i].a), *b = MoLong_FromLong(rows[i].b);
        MoObject *r = mt_ok(rows[i].op(a, b));
        mt_assert_repr(r, rows[i].repr);
        Mo_DECREF(r);
        Mo_DECREF(b);
        Mo_DECREF(a);
    }
}
END_TEST

START_TEST(contains_and_index_helpers)
{
    MoObject *l = MoList_New(0), *two = MoLong_FromLong(2);
    MoList_Append(l, two);
    ck_assert_int_eq(MoSequence_Contains(l, two), 1);
    ck_assert_int_eq(MoSequence_Contains(l, Mo_None), 0);
    MoObject *r = mt_ok(MoSequence_GetItem(l, -1));
    ck_assert_ptr_eq(r, two);
    Mo_DECREF(r);
    ck_assert_int_eq(MoSequence_Size(l), 1);
    MoObject *t = mt_ok(MoSequence_Tuple(l));
    mt_assert_repr(t, "(2,)");
    Mo_DECREF(t);
    ck_assert_int_eq(MoNumber_AsSsize_t(Mo_None, NULL), -1);
    mt_assert_exc(MoExc_TypeError, "'NoneType' object cannot be interpreted as an integer");
    Mo_DECREF(two);
    Mo_DECREF(l);
}
END_TEST

/* The sequence protocol on a mapping says so; the object protocol gives up with
   "does not", an index on a sequence without the slot with "doesn't" (3.11). */
START_TEST(item_protocol_messages)
{
    MoObject *d = mt_ok(MoDict_New());
    ck_assert_ptr_null(MoSequence_GetItem(d, 0));
    mt_assert_exc(MoExc_TypeError, "dict is not a sequence");
    ck_assert_int_eq(MoSequence_DelItem(d, 0), -1);
    mt_assert_exc(MoExc_TypeError, "dict is not a sequence");
    MoObject *t = mt_ok(Mo_BuildValue("(i)", 1));
    MoObject *zero = mt_ok(MoLong_FromLong(0));
    MoObject *key = mt_ok(MoUnicode_FromString("k"));
    ck_assert_int_eq(MoObject_DelItem(t, zero), -1);
    mt_assert_exc(MoExc_TypeError, "'tuple' object doesn't support item deletion");
    ck_assert_int_eq(MoObject_DelItem(t, key), -1);
    mt_assert_exc(MoExc_TypeError, "'tuple' object does not support item deletion");
    ck_assert_int_eq(MoObject_DelItem(Mo_None, zero), -1);
    mt_assert_exc(MoExc_TypeError, "'NoneType' object does not support item deletion");
    MoObject *s = mt_ok(MoUnicode_FromString("abc"));
    MoObject *minus1 = mt_ok(MoLong_FromLong(-1));
    MoObject *c = mt_ok(MoObject_GetItem(s, minus1));
    mt_assert_str(c, "c");
    ck_assert_ptr_null(MoObject_GetItem(s, key));
    mt_assert_exc(MoExc_TypeError, "string indices must be integers, not 'str'");
    Mo_DECREF(c);
    Mo_DECREF(minus1);
    Mo_DECREF(s);
    Mo_DECREF(key);
    Mo_DECREF(zero);
    Mo_DECREF(t);
    Mo_DECREF(d);
}
END_TEST

Suite *abstract_suite(void)
{
    Suite *s = suite_create("abstract");
    TCase *tc = mt_tcase("protocols");
    tcase_add_test(tc, sequence_repeat_shares_items);
    tcase_add_test(tc, concat_makes_new_inplace_keeps);
    tcase_add_test(tc, number_results);
    tcase_add_test(tc, contains_and_index_helpers);
    tcase_add_test(tc, item_protocol_messages);
    suite_add_tcase(s, tc);
    return s;
}
