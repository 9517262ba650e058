/* The error indicator and the exception types. */
#include "testutil.h"

START_TEST(set_match_clear)
{
    ck_assert_ptr_null(MoErr_Occurred());
    MoErr_SetString(MoExc_KeyError, "k");
    ck_assert_ptr_eq(MoErr_Occurred(), MoExc_KeyError);
    ck_assert(MoErr_ExceptionMatches(MoExc_KeyError));
    ck_assert(MoErr_ExceptionMatches(MoExc_LookupError));
    ck_assert(!MoErr_ExceptionMatches(MoExc_IndexError));
    ck_assert(MoErr_ExceptionMatches(MoExc_BaseException));
    MoErr_Clear();
    ck_assert_ptr_null(MoErr_Occurred());
}
END_TEST

/* The hierarchy CPython has for the exceptions the runtime raises. */
START_TEST(hierarchy)
{
    struct { MoObject *sub, *base; int is; } rows[] = {
        { MoExc_IndexError, MoExc_LookupError, 1 }, { MoExc_KeyError, MoExc_LookupError, 1 },
        { MoExc_ZeroDivisionError, MoExc_ArithmeticError, 1 }, { MoExc_OverflowError, MoExc_ArithmeticError, 1 },
        { MoExc_RecursionError, MoExc_RuntimeError, 1 }, { MoExc_TypeError, MoExc_Exception, 1 },
        { MoExc_MemoryError, MoExc_Exception, 1 }, { MoExc_ReferenceError, MoExc_Exception, 1 },
        { MoExc_UnicodeDecodeError, MoExc_ValueError, 1 }, { MoExc_TypeError, MoExc_ValueError, 0 },
        { MoExc_KeyError, MoExc_IndexError, 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ck_assert_msg(MoErr_GivenExceptionMatches(rows[i].sub, rows[i].base) == rows[i].is, "row %zu", i);
}
END_TEST

START_TEST(str_and_repr_of_exceptions)
{
    MoErr_SetString(MoExc_TypeError, "x");
    MoObject *e = MoErr_GetRaisedException();
    ck_assert_ptr_null(MoErr_Occurred());
    mt_assert_repr(e, "TypeError('x')");
    mt_assert_str(e, "x");
    Mo_DECREF(e);
    MoObject *key = MoUnicode_FromString("a");
    MoErr_SetObject(MoExc_KeyError, key);
    e = MoErr_GetRaisedException();
    mt_assert_repr(e, "KeyError('a')");
    mt_assert_str(e, "'a'");                  /* KeyError shows the key's repr */
    Mo_DECREF(e);
    MoObject *tkey = MoTuple_Pack(2, key, key);
    MoErr_SetObject(MoExc_KeyError, tkey);    /* a tuple key stays one argument */
    mt_assert_exc(MoExc_KeyError, "('a', 'a')");
    Mo_DECREF(tkey);
    Mo_DECREF(key);
    MoErr_SetObject(MoExc_ValueError, NULL);
    e = MoErr_GetRaisedException();
    mt_assert_repr(e, "ValueError()");
    mt_assert_str(e, "");
    Mo_DECREF(e);
}
END_TEST

START_TEST(format_conversions)
{
    MoObject *l = MoList_New(0);
    MoErr_Format(MoExc_ValueError, "%s %d %zd %R %S %%", "s", -3, (Mo_ssize_t)7, l, l);
    mt_assert_exc(MoExc_ValueError, "s -3 7 [] [] %");
    Mo_DECREF(l);
}
END_TEST

START_TEST(no_memory_needs_no_allocation)
{
    ck_assert_ptr_null(MoErr_NoMemory());
    MoObject *e1 = MoErr_GetRaisedException();
    MoErr_NoMemory();
    MoObject *e2 = MoErr_GetRaisedException();
    ck_assert_ptr_eq(e1, e2);   /* the preallocated instance */
    ck_assert_ptr_eq(Mo_TYPE(e1), (MoTypeObject *)MoExc_MemoryError);
    Mo_DECREF(e1);
    Mo_DECREF(e2);
}
END_TEST

START_TEST(setting_replaces_the_pending_exception)
{
    MoErr_SetString(MoExc_TypeError, "first");
    MoErr_SetString(MoExc_ValueError, "second");
    mt_assert_exc(MoExc_ValueError, "second");
}
END_TEST

START_TEST(raised_exception_round_trip)
{
    MoErr_SetString(MoExc_IndexError, "i");
    MoObject *e = MoErr_GetRaisedException();
    MoErr_SetRaisedException(e);   /* steals */
    mt_assert_exc(MoExc_IndexError, "i");
    MoErr_SetRaisedException(NULL);
    ck_assert_ptr_null(MoErr_Occurred());
}
END_TEST

/* class AppError(Exception): pass, raised with MoErr_SetString: the instance holds a
   reference to its class (released with it), and takes attributes in its dict. */
START_TEST(exception_class_made_at_run_time)
{
    MoObject *name = MoUnicode_FromString("AppError");
    MoObject *bases = MoTuple_Pack(1, MoExc_Exception);
    MoObject *ns = MoDict_New();
    MoObject *cls = MoType_FromNameBasesDict(name, bases, ns);
    ck_assert_ptr_nonnull(cls);
    Mo_ssize_t before = Mo_REFCNT(cls);
    MoErr_SetString(cls, "bad");
    MoObject *e = MoErr_GetRaisedException();
    ck_assert_ptr_eq(Mo_TYPE(e), (MoTypeObject *)cls);
    ck_assert_int_eq(Mo_REFCNT(cls), before + 1);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_int_eq(MoObject_SetAttrString(e, "code", one), 0);
    MoObject *got = MoObject_GetAttrString(e, "code");
    ck_assert_ptr_eq(got, one);
    MoObject *s = MoObject_Str(e);
    ck_assert_str_eq(MoUnicode_AsUTF8(s), "bad");
    Mo_DECREF(s);
    Mo_DECREF(got);
    Mo_DECREF(one);
    Mo_DECREF(e);
    ck_assert_int_eq(Mo_REFCNT(cls), before);
    Mo_DECREF(cls);
    Mo_DECREF(ns);
    Mo_DECREF(bases);
    Mo_DECREF(name);
}
END_TEST

Suite *errors_suite(void)
{
    Suite *s = suite_create("errors");
    TCase *tc = mt_tcase("indicator");
    tcase_add_test(tc, set_match_clear);
    tcase_add_test(tc, hierarchy);
    tcase_add_test(tc, str_and_repr_of_exceptions);
    tcase_add_test(tc, format_conversions);
    tcase_add_test(tc, no_memory_needs_no_allocation);
    tcase_add_test(tc, setting_replaces_the_pending_exception);
    tcase_add_test(tc, raised_exception_round_trip);
    tcase_add_test(tc, exception_class_made_at_run_time);
    suite_add_tcase(s, tc);
    return s;
}
