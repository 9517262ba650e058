/* sys.getsizeof and the deep size, against CPython 3.11's numbers. */
#include "testutil.h"

static MoObject *int_list(int n)
{
    MoObject *l = MoList_New(0);
    for (int i = 0; i < n; i++) {
        MoObject *v = MoLong_FromLong(i);
        MoList_Append(l, v);
        Mo_DECREF(v);
    }
    return l;
}

/* Each row: an object and what sys.getsizeof reports for it in 3.11. */
START_TEST(getsizeof_table)
{
    struct { MoObject *o; Mo_ssize_t size; const char *what; } rows[] = {
        { Mo_NewRef(Mo_None), 16, "None" },
        { MoLong_FromLong(0), 28, "0" },
        { MoLong_FromLong(1L << 30), 32, "2**30" },
        { MoFloat_FromDouble(1.5), 24, "1.5" },
        { Mo_NewRef(Mo_True), 28, "True" },
        { MoUnicode_FromString(""), 49, "''" },
        { MoUnicode_FromString("abc"), 52, "'abc'" },
        { MoBytes_FromStringAndSize("abc", 3), 36, "b'abc'" },
        { MoTuple_New(0), 40, "()" },
        { MoList_New(0), 56, "[]" },
        { int_list(5), 120, "five appends" },
        { MoDict_New(), 64, "{}" },
        { MoSet_New(NULL), 216, "set()" },
        { MoRange_New(0, 10, 1), 48, "range(10)" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_msg(MoSys_GetSizeOf(rows[i].o) == rows[i].size, "getsizeof(%s) = %zd, expected %zd",
                      rows[i].what, MoSys_GetSizeOf(rows[i].o), rows[i].size);
        Mo_DECREF(rows[i].o);
    }
}
END_TEST

/* A list's getsizeof counts its slots, never its items; the deep size counts both. */
START_TEST(deep_size_counts_items_once)
{
    MoObject *l = MoList_New(0);
    MoObject *s = MoUnicode_FromString("a string of 26 characters!");
    MoList_Append(l, s);
    MoList_Append(l, s);   /* the same object twice: counted once */
    Mo_ssize_t shallow = MoSys_GetSizeOf(l);
    ck_assert_int_eq(shallow, 88);
    ck_assert_int_eq(MoSys_GetDeepSizeOf(l), shallow + MoSys_GetSizeOf(s));
    MoObject *outer = MoTuple_Pack(2, l, l);
    ck_assert_int_eq(MoSys_GetDeepSizeOf(outer), 56 + shallow + MoSys_GetSizeOf(s));
    Mo_DECREF(outer);
    Mo_DECREF(s);
    Mo_DECREF(l);
}
END_TEST

START_TEST(intern_checks_its_argument)
{
    MoObject *b = MoBytes_FromStringAndSize("x", 1);
    ck_assert_ptr_null(MoSys_Intern(b));
    mt_assert_exc(MoExc_TypeError, "intern() argument must be str, not bytes");
    Mo_DECREF(b);
}
END_TEST

Suite *sys_suite(void)
{
    Suite *s = suite_create("sys");
    TCase *tc = mt_tcase("sizes");
    tcase_add_test(tc, getsizeof_table);
    tcase_add_test(tc, deep_size_counts_items_once);
    tcase_add_test(tc, intern_checks_its_argument);
    suite_add_tcase(s, tc);
    return s;
}
