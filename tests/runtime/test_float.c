/* float: size, repr (shortest round-trip, Python's layout), arithmetic mixed with
 * ints, hashes, exact comparisons with ints, the free list and error messages.
 * Every expected value was printed by CPython 3.11. */
#include <math.h>
#include "testutil.h"

/* new: a float, or an int when is_int (v is then integral). */
static MoObject *tf_num(double v, int is_int)
{
    return is_int ? MoLong_FromLong((long)v) : MoFloat_FromDouble(v);
}

/* new: a op b through the abstract number protocol, or NULL with an exception. */
static MoObject *tf_binop(MoObject *a, const char *op, MoObject *b)
{
    if (strcmp(op, "+") == 0) return MoNumber_Add(a, b);
    if (strcmp(op, "-") == 0) return MoNumber_Subtract(a, b);
    if (strcmp(op, "*") == 0) return MoNumber_Multiply(a, b);
    if (strcmp(op, "/") == 0) return MoNumber_TrueDivide(a, b);
    if (strcmp(op, "//") == 0) return MoNumber_FloorDivide(a, b);
    if (strcmp(op, "%") == 0) return MoNumber_Remainder(a, b);
    if (strcmp(op, "**") == 0) return MoNumber_Power(a, b);
    ck_abort_msg("unknown operator %s", op);
    return NULL;
}

START_TEST(test_float_size)
{
    MoObject *f = MoFloat_FromDouble(1e308);
    ck_assert_int_eq(MoSys_GetSizeOf(f), 24);
    ck_assert_int_eq(MoFloat_Type.tp_basicsize, 24);
    ck_assert(!MoType_IS_GC(&MoFloat_Type));
    Mo_DECREF(f);
}
END_TEST

START_TEST(test_float_reprs)
{
    static const struct { double v; const char *repr; } cases[] = {
        { 1.0, "1.0" },
        { 1e+16, "1e+16" },
        { 1000000000000000.0, "1000000000000000.0" },
        { 1e-05, "1e-05" },
        { 0.0001, "0.0001" },
        { 0.1, "0.1" },
        { 0.30000000000000004, "0.30000000000000004" },
        { 1e+22, "1e+22" },
        { 1.5e+300, "1.5e+300" },
        { -1.5e-300, "-1.5e-300" },
        { 5e-324, "5e-324" },
        { 1.7976931348623157e+308, "1.7976931348623157e+308" },
        { -0.0, "-0.0" },
        { 0.0, "0.0" },
        { 100.0, "100.0" },
        { 123456789.125, "123456789.125" },
        { 0.3333333333333333, "0.3333333333333333" },
        { 0.6666666666666666, "0.6666666666666666" },
        { 6.189700196426902e+26, "6.189700196426902e+26" },   /* 2.0**89: not "%.16e" rounded */
        { 1e+23, "1e+23" },
        { 9007199254740992.0, "9007199254740992.0" },
        { 0.3, "0.3" },
        { 2.5e-05, "2.5e-05" },
        { -123.456, "-123.456" },
        { 1e+100, "1e+100" },
        { 1.2345678901234568e+16, "1.2345678901234568e+16" },
        { 1234567890123456.8, "1234567890123456.8" },
        { INFINITY, "inf" },
        { -INFINITY, "-inf" },
        { NAN, "nan" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *f = MoFloat_FromDouble(cases[i].v);
        mt_assert_repr(f, cases[i].repr);
        mt_assert_str(f, cases[i].repr);
        Mo_DECREF(f);
    }
}
END_TEST

START_TEST(test_float_arithmetic)
{
    static const struct { double a; int a_int; const char *op; double b; int b_int; const char *expected; } cases[] = {
        { 1.5, 0, "+", 2, 1, "3.5" },
        { 2, 1, "*", 1.5, 0, "3.0" },
        { 10, 1, "-", 0.25, 0, "9.75" },
        { 7.5, 0, "//", 2, 1, "3.0" },
        { -7.5, 0, "//", 2, 1, "-4.0" },
        { -7.5, 0, "%", 2, 1, "0.5" },
        { 7.5, 0, "%", -2, 1, "-0.5" },
        { -0.0, 0, "%", 5, 1, "0.0" },
        { 1.0, 0, "/", 3, 1, "0.3333333333333333" },
        { 2.0, 0, "**", 10, 1, "1024.0" },
        { 2, 1, "**", 0.5, 0, "1.4142135623730951" },
        { 4.0, 0, "**", -0.5, 0, "0.5" },
        { 0.0, 0, "**", 0, 1, "1.0" },
        { -2.0, 0, "**", 3, 1, "-8.0" },
        { 1e+308, 0, "*", 10, 1, "inf" },
        { -1e+308, 0, "*", 10, 1, "-inf" },
        { 0.1, 0, "+", 0.2, 0, "0.30000000000000004" },
        { 5, 1, "//", 0.5, 0, "10.0" },
        { 1e+300, 0, "%", 7, 1, "1.0" },
        { -1, 1, "/", 3.0, 0, "-0.3333333333333333" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = tf_num(cases[i].a, cases[i].a_int), *b = tf_num(cases[i].b, cases[i].b_int);
        MoObject *r = mt_ok(tf_binop(a, cases[i].op, b));
        ck_assert_ptr_eq(Mo_TYPE(r), &MoFloat_Type);
        const char *got = mt_repr(r);
        ck_assert_msg(strcmp(got, cases[i].expected) == 0, "case %zu: %g %s %g = %s, expected %s", i, cases[i].a,
                      cases[i].op, cases[i].b, got, cases[i].expected);
        Mo_DECREF(r);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
}
END_TEST

START_TEST(test_float_unary)
{
    MoNumberMethods *nb = MoFloat_Type.tp_as_number;
    MoObject *f = MoFloat_FromDouble(-2.5);
    MoObject *neg = mt_ok(nb->nb_negative(f)), *abs_ = mt_ok(nb->nb_absolute(f)), *pos = mt_ok(nb->nb_positive(f));
    MoObject *i = mt_ok(nb->nb_int(f));
    mt_assert_repr(neg, "2.5");
    mt_assert_repr(abs_, "2.5");
    ck_assert_ptr_eq(pos, f);
    mt_assert_repr(i, "-2");   /* int() truncates toward zero */
    ck_assert_ptr_eq(Mo_TYPE(i), &MoLong_Type);
    ck_assert_int_eq(nb->nb_bool(f), 1);
    MoObject *zero = MoFloat_FromDouble(-0.0);
    ck_assert_int_eq(nb->nb_bool(zero), 0);
    MoObject *objs[] = { f, neg, abs_, pos, i, zero };
    for (size_t k = 0; k < sizeof objs / sizeof objs[0]; k++)
        Mo_DECREF(objs[k]);
}
END_TEST

START_TEST(test_float_divmod)
{
    /* divmod(-7.5, 2) and divmod(7.5, -2) */
    MoObject *a = MoFloat_FromDouble(-7.5), *b = MoLong_FromLong(2), *c = MoFloat_FromDouble(7.5), *d = MoLong_FromLong(-2);
    MoObject *r1 = mt_ok(MoFloat_Type.tp_as_number->nb_divmod(a, b));
    MoObject *r2 = mt_ok(MoFloat_Type.tp_as_number->nb_divmod(c, d));
    mt_assert_repr(r1, "(-4.0, 0.5)");
    mt_assert_repr(r2, "(-4.0, -0.5)");
    MoObject *zero = MoFloat_FromDouble(0.0);
    ck_assert_ptr_null(MoFloat_Type.tp_as_number->nb_divmod(a, zero));
    mt_assert_exc(MoExc_ZeroDivisionError, "float divmod()");
    MoObject *objs[] = { a, b, c, d, r1, r2, zero };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}
END_TEST

START_TEST(test_float_hashes)
{
    static const struct { double v; Mo_hash_t hash; } cases[] = {
        { 1.5, 1152921504606846977 },  /* 1.5 */
        { -0.5, -1152921504606846976 },  /* -0.5 */
        { 0.1, 230584300921369408 },  /* 0.1 */
        { 1e+300, 1224995262755759164 },  /* 1e300 */
        { 10.0, 10 },  /* 10.0 */
        { -1.0, -2 },  /* -1.0 */
        { 2.305843009213694e+18, 1 },  /* 2.0**61 */
        { 1e-300, 482449582752280463 },  /* 1e-300 */
        { 0.0, 0 },  /* 0.0 */
        { -0.0, 0 },  /* -0.0 */
        { 3.141592653589793, 326490430436040707 },  /* 3.141592653589793 */
        { 1e+16, 10000000000000000 },  /* 1e16 */
        { -2.5e-10, -699647011998930896 },  /* -2.5e-10 */
        { 5e-324, 16777216 },  /* 2.0**-1074 */
        { INFINITY, 314159 },  /* float('inf') */
        { -INFINITY, -314159 },  /* float('-inf') */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *f = MoFloat_FromDouble(cases[i].v);
        ck_assert_msg(MoObject_Hash(f) == cases[i].hash, "hash(%g) = %zd, expected %zd", cases[i].v,
                      MoObject_Hash(f), cases[i].hash);
        Mo_DECREF(f);
    }
    /* 3.11 hashes a nan by its address: two nans, two hashes */
    MoObject *n1 = MoFloat_FromDouble(NAN), *n2 = MoFloat_FromDouble(NAN);
    ck_assert_int_ne(MoObject_Hash(n1), MoObject_Hash(n2));
    Mo_DECREF(n1);
    Mo_DECREF(n2);
}
END_TEST

START_TEST(test_float_compare)
{
    /* a (float) against b (int given as decimal text): expected -1, 0, 1, or 2 for unordered */
    static const struct { double a; const char *b; int cmp; } cases[] = {
        { 10.0, "10", 0 },
        { 9007199254740992.0, "9007199254740993", -1 },   /* 2.0**53 < 2**53 + 1 */
        { 0.5, "1", -1 },
        { -0.5, "-1", 1 },
        { -0.5, "0", -1 },
        { 1e300, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160", 0 },   /* int(1e300) */
        { 1e300, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540161", -1 },   /* int(1e300) + 1 */
        { INFINITY, "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", 1 },
        { -INFINITY, "-5", -1 },
        { NAN, "0", 2 },
        { 2.5, "2", 1 },
        { -2.5, "-2", -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = MoFloat_FromDouble(cases[i].a), *b = mt_ok(MoLong_FromString(cases[i].b));
        int c = cases[i].cmp;
        ck_assert_msg(MoObject_RichCompareBool(a, b, MO_LT) == (c == -1), "case %zu <", i);
        ck_assert_msg(MoObject_RichCompareBool(a, b, MO_LE) == (c == -1 || c == 0), "case %zu <=", i);
        ck_assert_msg(MoObject_RichCompareBool(a, b, MO_EQ) == (c == 0), "case %zu ==", i);
        ck_assert_msg(MoObject_RichCompareBool(a, b, MO_NE) == (c != 0), "case %zu !=", i);
        ck_assert_msg(MoObject_RichCompareBool(a, b, MO_GT) == (c == 1), "case %zu >", i);
        ck_assert_msg(MoObject_RichCompareBool(a, b, MO_GE) == (c == 1 || c == 0), "case %zu >=", i);
        /* reflected: int op float goes to float's slot with the operator swapped */
        ck_assert_msg(MoObject_RichCompareBool(b, a, MO_GT) == (c == -1), "case %zu reflected", i);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    MoObject *n = MoFloat_FromDouble(NAN), *n2 = MoFloat_FromDouble(NAN);
    ck_assert_int_eq(MoObject_RichCompareBool(n, n2, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(n, n2, MO_NE), 1);
    Mo_DECREF(n);
    Mo_DECREF(n2);
}
END_TEST

START_TEST(test_float_free_list)
{
    MoObject *first = MoFloat_FromDouble(0.5);   /* empties the list if it had one */
    int n0 = _MoFloat_FreeListSize();
    MoObject *a = MoFloat_FromDouble(1.5);
    void *addr = a;
    Mo_DECREF(a);
    ck_assert_int_eq(_MoFloat_FreeListSize(), n0 + 1);
    MoObject *b = MoFloat_FromDouble(2.5);   /* the same memory, handed out again */
    ck_assert_ptr_eq((void *)b, addr);
    ck_assert_int_eq(Mo_REFCNT(b), 1);
    ck_assert_int_eq(_MoFloat_FreeListSize(), n0);
    mt_assert_repr(b, "2.5");
    Mo_DECREF(b);
    Mo_DECREF(first);
    /* at most 100 wait on the list; the rest are freed */
    MoObject *many[150];
    for (int i = 0; i < 150; i++)
        many[i] = MoFloat_FromDouble(i);
    for (int i = 0; i < 150; i++)
        Mo_DECREF(many[i]);
    ck_assert_int_eq(_MoFloat_FreeListSize(), 100);
}
END_TEST

START_TEST(test_float_errors)
{
    static const struct { const char *op, *msg; } zero_div[] = {
        { "/", "float division by zero" },
        { "//", "float floor division by zero" },
        { "%", "float modulo" },
    };
    MoObject *one = MoFloat_FromDouble(1.0), *zero = MoLong_FromLong(0), *fzero = MoFloat_FromDouble(0.0);
    MoObject *minus1 = MoLong_FromLong(-1), *two = MoFloat_FromDouble(2.0), *big = MoLong_FromLong(10000);
    MoObject *neg = MoFloat_FromDouble(-8.0), *third = MoFloat_FromDouble(1.0 / 3);
    for (size_t i = 0; i < sizeof zero_div / sizeof zero_div[0]; i++) {
        ck_assert_ptr_null(tf_binop(one, zero_div[i].op, zero));
        mt_assert_exc(MoExc_ZeroDivisionError, zero_div[i].msg);
    }
    ck_assert_ptr_null(MoNumber_Power(fzero, minus1));
    mt_assert_exc(MoExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    ck_assert_ptr_null(MoNumber_Power(two, big));
    mt_assert_exc(MoExc_OverflowError, "(34, 'Numerical result out of range')");
    /* a negative number to a fractional power is a complex, as in Python */
    MoObject *root = mt_ok(MoNumber_Power(neg, third));
    mt_assert_repr(root, "(1.0000000000000002+1.7320508075688772j)");
    Mo_DECREF(root);

    MoObject *s = MoUnicode_FromString("a");
    ck_assert(MoFloat_AsDouble(s) == -1.0);
    mt_assert_exc(MoExc_TypeError, "must be real number, not str");
    ck_assert(MoFloat_AsDouble(Mo_None) == -1.0);
    mt_assert_exc(MoExc_TypeError, "must be real number, not NoneType");
    ck_assert(MoFloat_AsDouble(big) == 10000.0);
    ck_assert_ptr_null(MoNumber_Subtract(one, s));
    mt_assert_exc(MoExc_TypeError, "unsupported operand type(s) for -: 'float' and 'str'");
    MoObject *nan = MoFloat_FromDouble(NAN), *inf = MoFloat_FromDouble(INFINITY);
    ck_assert_ptr_null(MoFloat_Type.tp_as_number->nb_int(nan));
    mt_assert_exc(MoExc_ValueError, "cannot convert float NaN to integer");
    ck_assert_ptr_null(MoFloat_Type.tp_as_number->nb_int(inf));
    mt_assert_exc(MoExc_OverflowError, "cannot convert float infinity to integer");
    MoObject *objs[] = { one, zero, fzero, minus1, two, big, neg, third, s, nan, inf };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}
END_TEST

Suite *float_suite(void)
{
    Suite *s = suite_create("float");
    TCase *tc = mt_tcase("float");
    tcase_add_test(tc, test_float_size);
    tcase_add_test(tc, test_float_reprs);
    tcase_add_test(tc, test_float_arithmetic);
    tcase_add_test(tc, test_float_unary);
    tcase_add_test(tc, test_float_divmod);
    tcase_add_test(tc, test_float_hashes);
    tcase_add_test(tc, test_float_compare);
    tcase_add_test(tc, test_float_free_list);
    tcase_add_test(tc, test_float_errors);
    suite_add_tcase(s, tc);
    return s;
}
