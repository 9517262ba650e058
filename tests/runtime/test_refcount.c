/* Reference counts: what takes a reference, what borrows, what steals, and the
   debug build's total. */
#include "testutil.h"

START_TEST(names_and_containers_take_references)
{
    MoObject *a = MoList_New(0);
    ck_assert_int_eq(Mo_REFCNT(a), 1);
    MoObject *b = Mo_NewRef(a);                  /* b = a */
    ck_assert_int_eq(Mo_REFCNT(a), 2);
    Mo_CLEAR(b);                                 /* del b */
    ck_assert_ptr_null(b);
    ck_assert_int_eq(Mo_REFCNT(a), 1);
    MoObject *c = MoList_New(0);
    MoList_Append(c, a);
    MoList_Append(c, a);                         /* c = [a, a] */
    ck_assert_int_eq(Mo_REFCNT(a), 3);
    Mo_DECREF(c);                                /* del c: its items are released */
    ck_assert_int_eq(MoSys_GetRefCount(a), 1);
    Mo_DECREF(a);
}
END_TEST

START_TEST(borrowed_getters_do_not_count)
{
    MoObject *x = MoFloat_FromDouble(1.25);
    MoObject *t = MoTuple_Pack(1, x);
    MoObject *l = MoList_New(0);
    MoList_Append(l, x);
    MoObject *d = MoDict_New();
    MoDict_SetItemString(d, "k", x);
    ck_assert_int_eq(Mo_REFCNT(x), 4);
    ck_assert_ptr_eq(MoTuple_GetItem(t, 0), x);
    ck_assert_ptr_eq(MoList_GetItem(l, 0), x);
    ck_assert_ptr_eq(MoDict_GetItemString(d, "k"), x);
    ck_assert_int_eq(Mo_REFCNT(x), 4);
    Mo_DECREF(d);
    Mo_DECREF(l);
    Mo_DECREF(t);
    ck_assert_int_eq(Mo_REFCNT(x), 1);
    Mo_DECREF(x);
}
END_TEST

START_TEST(set_item_steals_even_on_failure)
{
    MoObject *l = MoList_New(1);
    MoObject *x = MoFloat_FromDouble(2.0);
    Mo_INCREF(x);                                 /* keep one for ourselves */
    ck_assert_int_eq(MoList_SetItem(l, 0, x), 0);  /* stolen: l owns that reference */
    ck_assert_int_eq(Mo_REFCNT(x), 2);
    Mo_INCREF(x);
    ck_assert_int_eq(MoList_SetItem(l, 5, x), -1);  /* stolen and released */
    mt_assert_exc(MoExc_IndexError, "list assignment index out of range");
    ck_assert_int_eq(Mo_REFCNT(x), 2);
    MoObject *t = MoTuple_New(1);
    Mo_INCREF(x);
    ck_assert_int_eq(MoTuple_SetItem(t, 3, x), -1);
    mt_assert_exc(MoExc_IndexError, "tuple assignment index out of range");
    ck_assert_int_eq(Mo_REFCNT(x), 2);
    Mo_INCREF(x);
    ck_assert_int_eq(MoTuple_SetItem(t, 0, x), 0);
    ck_assert_int_eq(Mo_REFCNT(x), 3);
    Mo_DECREF(t);
    Mo_DECREF(l);
    Mo_DECREF(x);
}
END_TEST

START_TEST(total_refcount_returns_to_its_start)
{
    Mo_ssize_t before = MoSys_GetTotalRefCount();
    MoObject *l = MoList_New(0);
    for (int i = 0; i < 100; i++) {
        MoObject *v = MoLong_FromLong(i * 1000);
        MoList_Append(l, v);
        Mo_DECREF(v);
    }
    ck_assert_int_gt(MoSys_GetTotalRefCount(), before);
    Mo_DECREF(l);
    ck_assert_int_eq(MoSys_GetTotalRefCount(), before);
}
END_TEST

START_TEST(statics_have_3_11_counts)
{
    /* Statically allocated objects start near 999999999, as in 3.11: small ints,
       the empty tuple, string and bytes. None is an ordinary counted static. */
    MoObject *one = MoLong_FromLong(1), *et = MoTuple_New(0), *es = MoUnicode_FromString("");
    MoObject *eb = MoBytes_FromStringAndSize("", 0);
    ck_assert_int_gt(Mo_REFCNT(one), 999999999);
    ck_assert_int_gt(Mo_REFCNT(et), 999999999);
    ck_assert_int_gt(Mo_REFCNT(es), 999999999);
    ck_assert_int_gt(Mo_REFCNT(eb), 999999999);
    ck_assert_int_lt(Mo_REFCNT(Mo_None), 1000);
    Mo_ssize_t n = Mo_REFCNT(one);
    MoObject *single = MoTuple_Pack(1, one);
    MoObject *rep = mt_ok(MoSequence_Repeat(single, 1000));   /* (1,) * 1000 */
    ck_assert_int_eq(Mo_REFCNT(one), n + 1001);   /* 1000 in rep, one in single */
    Mo_DECREF(rep);
    Mo_DECREF(single);
    ck_assert_int_eq(Mo_REFCNT(one), n);
    Mo_DECREF(eb);
    Mo_DECREF(es);
    Mo_DECREF(et);
    Mo_DECREF(one);
}
END_TEST

START_TEST(freeing_a_deep_chain_does_not_overflow)
{
    int depth = mt_under_valgrind() ? 100000 : 1000000;
    Mo_ssize_t live = _Mo_LiveObjects();
    MoObject *top = MoList_New(0), *cur = top;
    for (int i = 0; i < depth; i++) {
        MoObject *inner = MoList_New(0);
        MoList_Append(cur, inner);
        Mo_DECREF(inner);
        cur = inner;
    }
    Mo_DECREF(top);   /* would need a million nested frames without the trashcan */
    ck_assert_int_eq(_Mo_LiveObjects(), live);
}
END_TEST

Suite *refcount_suite(void)
{
    Suite *s = suite_create("refcount");
    TCase *tc = mt_tcase("counts");
    tcase_add_test(tc, names_and_containers_take_references);
    tcase_add_test(tc, borrowed_getters_do_not_count);
    tcase_add_test(tc, set_item_steals_even_on_failure);
    tcase_add_test(tc, total_refcount_returns_to_its_start);
    tcase_add_test(tc, statics_have_3_11_counts);
    tcase_add_test(tc, freeing_a_deep_chain_does_not_overflow);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}
