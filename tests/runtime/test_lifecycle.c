/* Starting, stopping and restarting the runtime; the leak report. */
#include "testutil.h"

/* Kept reachable on purpose: the test leaks it and must not look like a valgrind leak. */
static MoObject *leaked;

START_TEST(finalize_counts_a_leaked_list)
{
    leaked = MoList_New(0);
    ck_assert_int_eq(Mo_Finalize(), 1);   /* the report names one list on stderr */
    ck_assert_int_eq(Mo_Initialize(), 0);
    ck_assert_int_gt(_Mo_LiveObjects(), 0);   /* the runtime's own objects, rebuilt */
}
END_TEST

START_TEST(finalize_then_initialize_starts_clean)
{
    Mo_ssize_t live = _Mo_LiveObjects();
    ck_assert_int_eq(Mo_Finalize(), 0);
    ck_assert_int_eq(_Mo_LiveObjects(), 0);
    ck_assert_int_eq(Mo_Initialize(), 0);
    ck_assert_int_eq(_Mo_LiveObjects(), live);   /* the runtime rebuilt the same objects */
    MoObject *s = MoUnicode_FromConstant("again");
    mt_assert_repr(s, "'again'");
    Mo_DECREF(s);
}
END_TEST

START_TEST(initialize_is_idempotent)
{
    Mo_ssize_t live = _Mo_LiveObjects();
    ck_assert_int_eq(Mo_Initialize(), 0);
    ck_assert_int_eq(_Mo_LiveObjects(), live);
}
END_TEST

START_TEST(an_exception_left_pending_is_released)
{
    MoErr_SetString(MoExc_ValueError, "left behind");
    ck_assert_int_eq(Mo_Finalize(), 0);
    ck_assert_int_eq(Mo_Initialize(), 0);
    ck_assert_ptr_null(MoErr_Occurred());
}
END_TEST

Suite *lifecycle_suite(void)
{
    Suite *s = suite_create("lifecycle");
    TCase *tc = mt_tcase("lifecycle");
    tcase_add_test(tc, finalize_counts_a_leaked_list);
    tcase_add_test(tc, finalize_then_initialize_starts_clean);
    tcase_add_test(tc, initialize_is_idempotent);
    tcase_add_test(tc, an_exception_left_pending_is_released);
    suite_add_tcase(s, tc);
    return s;
}
