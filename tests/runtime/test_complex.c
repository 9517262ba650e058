/* complex: size, repr (each part by float's repr rules), hash, equality with ints
 * and floats, immutability, members and conjugate, arithmetic and its errors.
 * Every expected value was printed by CPython 3.11. */
#include <math.h>
#include "testutil.h"

/* new: a op b through the abstract number protocol, or NULL with an exception. */
static MoObject *tc_binop(MoObject *a, const char *op, MoObject *b)
{
    if (strcmp(op, "+") == 0) return MoNumber_Add(a, b);
    if (strcmp(op, "-") == 0) return MoNumber_Subtract(a, b);
    if (strcmp(op, "*") == 0) return MoNumber_Multiply(a, b);
    if (strcmp(op, "/") == 0) return MoNumber_TrueDivide(a, b);
    if (strcmp(op, "**") == 0) return MoNumber_Power(a, b);
    if (strcmp(op, "%") == 0) return MoNumber_Remainder(a, b);
    ck_abort_msg("unknown operator %s", op);
    return NULL;
}

/* Assert repr(a op b) == expected; a and b are stolen. */
static void tc_assert_binop(MoObject *a, const char *op, MoObject *b, const char *expected)
{
    MoObject *r = mt_ok(tc_binop(a, op, b));
    mt_assert_repr(r, expected);
    Mo_DECREF(r);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

/* Assert a op b raises type with msg; a and b are stolen. */
static void tc_assert_binop_raises(MoObject *a, const char *op, MoObject *b, MoObject *type, const char *msg)
{
    MoObject *r = tc_binop(a, op, b);
    ck_assert_msg(r == NULL, "%s gave %s, not %s", op, r ? mt_repr(r) : "", msg);
    mt_assert_exc(type, msg);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

#define C(re, im) mt_ok(MoComplex_FromDoubles((re), (im)))

START_TEST(test_complex_size)
{
    MoObject *c = C(1.0, 2.0);
    ck_assert_int_eq(MoSys_GetSizeOf(c), 32);
    ck_assert_int_eq(MoComplex_Type.tp_basicsize, 32);
    ck_assert(!MoType_IS_GC(&MoComplex_Type));
    ck_assert(MoComplex_CheckExact(c));
    ck_assert(MoComplex_RealAsDouble(c) == 1.0);
    ck_assert(MoComplex_ImagAsDouble(c) == 2.0);
    Mo_DECREF(c);
    /* a float is a complex with no imaginary part */
    MoObject *f = MoFloat_FromDouble(2.5);
    ck_assert(MoComplex_RealAsDouble(f) == 2.5);
    ck_assert(MoComplex_ImagAsDouble(f) == 0.0);
    Mo_DECREF(f);
}
END_TEST

START_TEST(test_complex_reprs)
{
    static const struct { double re, im; const char *repr; } cases[] = {
        { 1, 2, "(1+2j)" },
        { 0, 2, "2j" },
        { -0.0, -1, "(-0-1j)" },
        { NAN, INFINITY, "(nan+infj)" },
        { 0, -0.0, "-0j" },
        { -0.0, 0, "(-0+0j)" },
        { 0, 0, "0j" },
        { 1e+16, 1e-05, "(1e+16+1e-05j)" },
        { 2.5, 100, "(2.5+100j)" },
        { 0, NAN, "nanj" },
        { 1, -NAN, "(1+nanj)" },
        { -1.5, -2, "(-1.5-2j)" },
        { 1e+22, -1e-300, "(1e+22-1e-300j)" },
        { 0.1, 0.30000000000000004, "(0.1+0.30000000000000004j)" },
        { -INFINITY, -INFINITY, "(-inf-infj)" },
        { 123456789.125, 0, "(123456789.125+0j)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *c = C(cases[i].re, cases[i].im);
        mt_assert_repr(c, cases[i].repr);
        mt_assert_str(c, cases[i].repr);
        Mo_DECREF(c);
    }
}
END_TEST

START_TEST(test_complex_hashes)
{
    static const struct { double re, im; Mo_hash_t hash; } cases[] = {
        { 1, 2, 2000007 },
        { 0, 2, 2000006 },
        { -1.5, -2, -1152921504608846983 },
        { 2.5, 100, 1152921504706847278 },
        { 1e+16, 1e-05, 7098734988770497592 },
        { INFINITY, -INFINITY, -314159628318 },
        { 0, 0, 0 },
        { 3, 0, 3 },
        { 0.5, 0, 1152921504606846976 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *c = C(cases[i].re, cases[i].im);
        ck_assert_msg(MoObject_Hash(c) == cases[i].hash, "hash(%s) is %lld", mt_repr(c),
                      (long long)MoObject_Hash(c));
        Mo_DECREF(c);
    }
    /* equal numbers hash alike: 3+0j, 3.0 and 3 are one dict key */
    MoObject *d = mt_ok(MoDict_New());
    MoObject *c = C(3, 0), *i = MoLong_FromLong(3), *f = MoFloat_FromDouble(3.0);
    ck_assert_int_eq(MoDict_SetItem(d, c, Mo_None), 0);
    ck_assert_int_eq(MoDict_SetItem(d, i, Mo_None), 0);
    ck_assert_int_eq(MoDict_SetItem(d, f, Mo_None), 0);
    ck_assert_int_eq(MoDict_Size(d), 1);
    Mo_DECREF(c);
    Mo_DECREF(i);
    Mo_DECREF(f);
    Mo_DECREF(d);
}
END_TEST

/* 1, 0 as a == b holds or not; a and b are stolen. */
static int tc_eq(MoObject *a, MoObject *b)
{
    int r = MoObject_RichCompareBool(a, b, MO_EQ);
    ck_assert_int_ge(r, 0);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return r;
}

START_TEST(test_complex_equality)
{
    ck_assert(tc_eq(C(1, 2), C(1, 2)));
    ck_assert(!tc_eq(C(1, 2), C(1, -2)));
    ck_assert(tc_eq(C(2, 0), MoLong_FromLong(2)));
    ck_assert(tc_eq(MoLong_FromLong(2), C(2, 0)));   /* reflected */
    ck_assert(tc_eq(C(2, 0), MoFloat_FromDouble(2.0)));
    ck_assert(!tc_eq(C(2, 1), MoLong_FromLong(2)));
    ck_assert(!tc_eq(C(2, 1), MoFloat_FromDouble(2.0)));
    ck_assert(!tc_eq(C(NAN, 0), C(NAN, 0)));
    ck_assert(!tc_eq(C(1, 0), MoUnicode_FromString("1")));
    /* with an int, exactly: 2**53 + 1 is not the double 2**53 */
    MoObject *big = mt_ok(MoLong_FromLongLong(9007199254740993LL));
    ck_assert(!tc_eq(C(9007199254740992.0, 0), big));
    /* != is the complement; ordering is not defined */
    MoObject *a = C(1, 0), *one = MoLong_FromLong(1);
    MoObject *r = mt_ok(MoObject_RichCompare(a, one, MO_NE));
    ck_assert_ptr_eq(r, Mo_False);
    Mo_DECREF(r);
    ck_assert_ptr_null(MoObject_RichCompare(a, one, MO_LT));
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'complex' and 'int'");
    Mo_DECREF(a);
    Mo_DECREF(one);
}
END_TEST

START_TEST(test_complex_immutable)
{
    MoObject *c = C(1, 2), *three = MoLong_FromLong(3), *zero = MoLong_FromLong(0);
    MoObject *re = mt_ok(MoObject_GetAttrString(c, "real"));
    mt_assert_repr(re, "1.0");
    ck_assert(MoFloat_CheckExact(re));
    Mo_DECREF(re);
    MoObject *im = mt_ok(MoObject_GetAttrString(c, "imag"));
    mt_assert_repr(im, "2.0");
    Mo_DECREF(im);
    ck_assert_int_eq(MoObject_SetAttrString(c, "real", three), -1);
    mt_assert_exc(MoExc_AttributeError, "readonly attribute");
    ck_assert_int_eq(MoObject_SetAttrString(c, "real", NULL), -1);
    mt_assert_exc(MoExc_AttributeError, "readonly attribute");
    ck_assert_int_eq(MoObject_SetAttrString(c, "foo", three), -1);
    mt_assert_exc(MoExc_AttributeError, "'complex' object has no attribute 'foo'");
    ck_assert_int_eq(MoObject_SetItem(c, zero, three), -1);
    mt_assert_exc(MoExc_TypeError, "'complex' object does not support item assignment");
    mt_assert_repr(c, "(1+2j)");
    Mo_DECREF(c);
    Mo_DECREF(three);
    Mo_DECREF(zero);
}
END_TEST

START_TEST(test_complex_methods)
{
    MoObject *c = C(1, 2);
    MoObject *conj = mt_ok(MoObject_CallMethod(c, "conjugate", NULL));
    mt_assert_repr(conj, "(1-2j)");
    Mo_DECREF(conj);
    Mo_DECREF(c);
    c = C(1, -0.0);
    conj = mt_ok(MoObject_CallMethod(c, "conjugate", NULL));
    mt_assert_repr(conj, "(1+0j)");
    Mo_DECREF(conj);
    MoObject *neg = mt_ok(MoNumber_Negative(c));
    mt_assert_repr(neg, "(-1+0j)");
    Mo_DECREF(neg);
    MoObject *pos = mt_ok(MoNumber_Positive(c));
    ck_assert_ptr_eq(pos, c);   /* an exact complex is its own + */
    Mo_DECREF(pos);
    Mo_DECREF(c);
    MoObject *descr = mt_ok(MoObject_GetAttrString((MoObject *)&MoComplex_Type, "real"));
    mt_assert_repr(descr, "<member 'real' of 'complex' objects>");
    Mo_DECREF(descr);
}
END_TEST

START_TEST(test_complex_arithmetic)
{
    tc_assert_binop(C(1, 2), "+", C(3, -1), "(4+1j)");
    tc_assert_binop(C(1, 2), "-", C(3, -1), "(-2+3j)");
    tc_assert_binop(C(1, 2), "*", C(3, -1), "(5+5j)");
    tc_assert_binop(C(1, 2), "/", C(3, -1), "(0.1+0.7000000000000001j)");
    tc_assert_binop(C(3, -1), "/", C(1, 2), "(0.2-1.4j)");
    tc_assert_binop(C(1, 2), "**", C(3, -1), "(-27.43638199160605+19.789310365010714j)");
    tc_assert_binop(C(3, -1), "**", C(1, 2), "(-2.399134623637771+5.519354912443798j)");
    /* with ints and floats, either side */
    tc_assert_binop(C(1, 2), "+", MoLong_FromLong(2), "(3+2j)");
    tc_assert_binop(MoLong_FromLong(2), "-", C(1, 2), "(1-2j)");
    tc_assert_binop(MoLong_FromLong(2), "/", C(1, 2), "(0.4-0.8j)");
    tc_assert_binop(MoFloat_FromDouble(0.5), "/", C(1, 2), "(0.1-0.2j)");
    tc_assert_binop(C(1, 2), "*", MoFloat_FromDouble(0.5), "(0.5+1j)");
    tc_assert_binop(MoLong_FromLong(2), "**", C(1, 2), "(0.36691394948660344+1.9660554808224875j)");
    tc_assert_binop(C(1, 2), "**", MoFloat_FromDouble(0.5), "(1.272019649514069+0.7861513777574233j)");
    /* Smith's division: |b|**2 would overflow */
    tc_assert_binop(C(1, 2), "/", C(1e-300, 1e300), "(2e-300-1e-300j)");
    tc_assert_binop(C(1e-300, 1e300), "/", C(1, 2), "(4e+299+2e+299j)");
    /* small integral exponents by repeated squaring, others in polar form */
    tc_assert_binop(C(1, 2), "**", MoLong_FromLong(2), "(-3+4j)");
    tc_assert_binop(C(1, 2), "**", MoLong_FromLong(-2), "(-0.12-0.16j)");
    tc_assert_binop(C(1, 1), "**", MoLong_FromLong(100), "(-1125899906842624+0j)");
    tc_assert_binop(C(1, 1), "**", MoLong_FromLong(101), "(-1125899906842634.5-1125899906842629.5j)");
    tc_assert_binop(C(-1, 0), "**", MoFloat_FromDouble(0.5), "(6.123233995736766e-17+1j)");
    tc_assert_binop(C(0, 0), "**", MoLong_FromLong(0), "(1+0j)");
    tc_assert_binop(C(0, 0), "**", MoLong_FromLong(2), "0j");
    tc_assert_binop(C(0, 1), "**", MoFloat_FromDouble(1e-320), "(1+1.5706e-320j)");
    tc_assert_binop(C(1e-300, 1e300), "**", C(1, 2), "(2.94471672657953e+298+3.162763145934679e+298j)");
    tc_assert_binop(C(1, 2), "**", C(1e-300, 1e300), "(-0+0j)");
    /* a product may be infinite without an error; a power may not */
    tc_assert_binop(C(1e200, 1e200), "*", C(1e200, 1), "(inf+infj)");
}
END_TEST

START_TEST(test_complex_errors)
{
    tc_assert_binop_raises(C(0, 1), "/", MoLong_FromLong(0), MoExc_ZeroDivisionError, "complex division by zero");
    tc_assert_binop_raises(MoLong_FromLong(1), "/", C(0, 0), MoExc_ZeroDivisionError, "complex division by zero");
    tc_assert_binop_raises(C(0, 0), "**", MoLong_FromLong(-1), MoExc_ZeroDivisionError,
                           "0.0 to a negative or complex power");
    tc_assert_binop_raises(C(0, 0), "**", C(0, 1), MoExc_ZeroDivisionError, "0.0 to a negative or complex power");
    tc_assert_binop_raises(C(1e200, 0), "**", MoLong_FromLong(2), MoExc_OverflowError, "complex exponentiation");
    tc_assert_binop_raises(C(INFINITY, 0), "**", MoLong_FromLong(1), MoExc_OverflowError, "complex exponentiation");
    tc_assert_binop_raises(C(1e200, 0), "**", MoFloat_FromDouble(2.5), MoExc_OverflowError, "complex exponentiation");
    tc_assert_binop_raises(C(1, 0), "%", MoLong_FromLong(2), MoExc_TypeError,
                           "unsupported operand type(s) for %: 'complex' and 'int'");
    MoObject *ten = MoLong_FromLong(10), *n400 = MoLong_FromLong(400);
    MoObject *big = mt_ok(MoNumber_Power(ten, n400));
    Mo_DECREF(ten);
    Mo_DECREF(n400);
    tc_assert_binop_raises(C(1, 0), "+", big, MoExc_OverflowError, "int too large to convert to float");
    /* pow(1j, 2, 3): the slot itself, as the builtin pow calls it */
    MoObject *c = C(0, 1), *two = MoLong_FromLong(2), *three = MoLong_FromLong(3);
    ck_assert_ptr_null(MoComplex_Type.tp_as_number->nb_power(c, two, three));
    mt_assert_exc(MoExc_ValueError, "complex modulo");
    Mo_DECREF(c);
    Mo_DECREF(two);
    Mo_DECREF(three);
}
END_TEST

START_TEST(test_complex_abs_bool)
{
    static const struct { double re, im; const char *abs; int truth; } cases[] = {
        { 3, 4, "5.0", 1 },
        { INFINITY, NAN, "inf", 1 },
        { NAN, 1, "nan", 1 },
        { -0.0, -0.0, "0.0", 0 },
        { 0, -0.0, "0.0", 0 },
        { 0, 1e-300, "1e-300", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *c = C(cases[i].re, cases[i].im);
        MoObject *a = mt_ok(MoNumber_Absolute(c));
        mt_assert_repr(a, cases[i].abs);
        ck_assert_int_eq(MoObject_IsTrue(c), cases[i].truth);
        Mo_DECREF(a);
        Mo_DECREF(c);
    }
    MoObject *c = C(1e308, 1.7e308);
    ck_assert_ptr_null(MoNumber_Absolute(c));
    mt_assert_exc(MoExc_OverflowError, "absolute value too large");
    Mo_DECREF(c);
}
END_TEST

/* complex(...) called as a type: numbers, strings, and a class made on it. */
START_TEST(test_complex_constructor)
{
    MoObject *C = (MoObject *)&MoComplex_Type;
    MoObject *z = mt_ok(MoObject_CallFunction(C, "s", " (1_0-2.5J) "));
    mt_assert_repr(z, "(10-2.5j)");
    MoObject *same = mt_ok(MoObject_CallFunction(C, "O", z));
    ck_assert_ptr_eq(same, z);   /* complex(z) is z */
    Mo_DECREF(same);
    Mo_DECREF(z);
    MoObject *w = mt_ok(MoObject_CallFunction(C, "NN", MoComplex_FromDoubles(1, 2), MoComplex_FromDoubles(3, 4)));
    mt_assert_repr(w, "(-3+5j)");   /* (1+2j) + (3+4j)*1j */
    Mo_DECREF(w);
    ck_assert_ptr_null(MoObject_CallFunction(C, "s", "1+"));
    mt_assert_exc(MoExc_ValueError, "complex() arg is a malformed string");
    ck_assert_ptr_null(MoObject_CallFunction(C, "s", "1__2"));
    mt_assert_exc(MoExc_ValueError, "could not convert string to complex: '1__2'");
    MoObject *n = mt_ok(MoUnicode_FromString("Z"));
    MoObject *bases = mt_ok(MoTuple_Pack(1, C));
    MoObject *ns = mt_ok(MoDict_New());
    MoObject *Z = mt_ok(MoType_FromNameBasesDict(n, bases, ns));
    MoObject *sub = mt_ok(MoObject_CallFunction(Z, "ii", 1, 2));
    ck_assert_ptr_eq(Mo_TYPE(sub), (MoTypeObject *)Z);
    ck_assert(MoComplex_ImagAsDouble(sub) == 2.0);
    ck_assert_int_eq(MoSys_GetSizeOf(sub), 72);
    Mo_DECREF(sub);
    Mo_DECREF(Z);
    Mo_DECREF(ns);
    Mo_DECREF(bases);
    Mo_DECREF(n);
}
END_TEST

Suite *complex_suite(void)
{
    Suite *s = suite_create("complex");
    TCase *tc = mt_tcase("complex");
    tcase_add_test(tc, test_complex_size);
    tcase_add_test(tc, test_complex_reprs);
    tcase_add_test(tc, test_complex_hashes);
    tcase_add_test(tc, test_complex_equality);
    tcase_add_test(tc, test_complex_immutable);
    tcase_add_test(tc, test_complex_methods);
    tcase_add_test(tc, test_complex_arithmetic);
    tcase_add_test(tc, test_complex_errors);
    tcase_add_test(tc, test_complex_abs_bool);
    tcase_add_test(tc, test_complex_constructor);
    suite_add_tcase(s, tc);
    return s;
}
