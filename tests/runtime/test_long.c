/* int and bool: sizes, arithmetic on big values, reprs, hashes, the small-int
 * cache, conversions and error messages. Every expected value was printed by
 * CPython 3.11 (the comment beside each case is the Python expression). */
#include <limits.h>
#include "testutil.h"

/* new: the int of a decimal string. */
static MoObject *tl_int(const char *decimal)
{
    return mt_ok(MoLong_FromString(decimal));
}

/* new: base ** exp, computed by the runtime. */
static MoObject *tl_pow(long base, long exp)
{
    MoObject *b = MoLong_FromLong(base), *e = MoLong_FromLong(exp);
    MoObject *r = mt_ok(MoNumber_Power(b, e));
    Mo_DECREF(b);
    Mo_DECREF(e);
    return r;
}

/* new: a op b through the abstract number protocol, or NULL with an exception. */
static MoObject *tl_binop(MoObject *a, const char *op, MoObject *b)
{
    MoNumberMethods *nb = MoLong_Type.tp_as_number;
    if (strcmp(op, "+") == 0) return MoNumber_Add(a, b);
    if (strcmp(op, "-") == 0) return MoNumber_Subtract(a, b);
    if (strcmp(op, "*") == 0) return MoNumber_Multiply(a, b);
    if (strcmp(op, "//") == 0) return MoNumber_FloorDivide(a, b);
    if (strcmp(op, "%") == 0) return MoNumber_Remainder(a, b);
    if (strcmp(op, "/") == 0) return MoNumber_TrueDivide(a, b);
    if (strcmp(op, "**") == 0) return MoNumber_Power(a, b);
    if (strcmp(op, "<<") == 0) return nb->nb_lshift(a, b);
    if (strcmp(op, ">>") == 0) return nb->nb_rshift(a, b);
    ck_abort_msg("unknown operator %s", op);
    return NULL;
}

START_TEST(test_long_sizes)
{
    /* facts §1.1: 24 + 4 * max(digits, 1) */
    static const struct { const char *v; Mo_ssize_t size; } cases[] = {
        { "0", 28 },  /* 0 */
        { "1", 28 },  /* 1 */
        { "-1", 28 },  /* -1 */
        { "255", 28 },  /* 255 */
        { "256", 28 },  /* 256 */
        { "1073741823", 28 },  /* 2**30-1 */
        { "1073741824", 32 },  /* 2**30 */
        { "-1073741824", 32 },  /* -2**30 */
        { "1152921504606846975", 32 },  /* 2**60-1 */
        { "1152921504606846976", 36 },  /* 2**60 */
        { "9223372036854775807", 36 },  /* 2**63-1 */
        { "-9223372036854775808", 36 },  /* -2**63 */
        { "18446744073709551616", 36 },  /* 2**64 */
        { "1237940039285380274899124223", 36 },  /* 2**90-1 */
        { "1237940039285380274899124224", 40 },  /* 2**90 */
        { "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", 72 },  /* 10**100 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *v = tl_int(cases[i].v);
        ck_assert_msg(MoSys_GetSizeOf(v) == cases[i].size, "getsizeof(%s) = %zd, expected %zd", cases[i].v,
                      MoSys_GetSizeOf(v), cases[i].size);
        Mo_DECREF(v);
    }
    ck_assert_int_eq(MoSys_GetSizeOf(Mo_True), 28);
    ck_assert_int_eq(MoSys_GetSizeOf(Mo_False), 28);
    ck_assert_int_eq(MoLong_Type.tp_basicsize, 24);
    ck_assert_int_eq(MoLong_Type.tp_itemsize, 4);
}
END_TEST

START_TEST(test_long_arithmetic)
{
    static const struct { const char *a, *op, *b, *expected; } cases[] = {
        { "1267650600228229401496703205376", "*", "717897987691852588770249", "910043815000214977332758527534256632492715260325658624" },  /* 2**100 * 3**50 */
        { "-1267650600228229401496703205376", "*", "717897987691852588770249", "-910043815000214977332758527534256632492715260325658624" },  /* -(2**100) * 3**50 */
        { "-7", "//", "2", "-4" },  /* -7 // 2 */
        { "-7", "%", "3", "2" },  /* -7 % 3 */
        { "7", "%", "-3", "-2" },  /* 7 % -3 */
        { "1000000000000000000000000000000", "-", "1", "999999999999999999999999999999" },  /* 10**30 - 1 */
        { "-1000000000000000000000000000000", "+", "1", "-999999999999999999999999999999" },  /* -(10**30) + 1 */
        { "1000000000000000000000000000000", "+", "-1000000000000000000000000000000", "0" },  /* 10**30 + -(10**30) */
        { "18446744073709551616", "-", "1", "18446744073709551615" },  /* 2**64 - 1 */
        { "-18446744073709551616", "-", "18446744073709551616", "-36893488147419103232" },  /* -(2**64) - 2**64 */
        { "1237940039285380274899124224", "//", "1073741824", "1152921504606846976" },  /* 2**90 // 2**30 */
        { "-1237940039285380274899124224", "//", "3", "-412646679761793424966374742" },  /* -(2**90) // 3 */
        { "-1237940039285380274899124224", "%", "3", "2" },  /* -(2**90) % 3 */
        { "100000000000000000000000000000000000000000000000000", "//", "-100000000000000000007", "-999999999999999999930000000001" },  /* 10**50 // -(10**20 + 7) */
        { "100000000000000000000000000000000000000000000000000", "%", "-100000000000000000007", "-99999999510000000007" },  /* 10**50 % -(10**20 + 7) */
        { "-100000000000000000000000000000000000000000000000000", "//", "-100000000000000000007", "999999999999999999930000000000" },  /* -(10**50) // -(10**20 + 7) */
        { "-100000000000000000000000000000000000000000000000000", "%", "-100000000000000000007", "-490000000000" },  /* -(10**50) % -(10**20 + 7) */
        { "136891479058588375991326027382088315966463695625337436471480190078368997177499076593800206155688941388250484440597994042813512732765695774566001", "//", "3234476509624757991344647769100216810857203198904625400933895331391691459636928060001", "42322607275472096768112191736647077591521815564643858123585" },  /* 3**300 // 7**100 */
        { "136891479058588375991326027382088315966463695625337436471480190078368997177499076593800206155688941388250484440597994042813512732765695774566001", "%", "3234476509624757991344647769100216810857203198904625400933895331391691459636928060001", "267766572549261283026410783394562897997578516974406537170444504562811115817621342416" },  /* 3**300 % 7**100 */
        { "1152921504606846975", "*", "1152921504606846975", "1329227995784915870597964051066650625" },  /* (2**60 - 1) * (2**60 - 1) */
        { "1073741824", "*", "1073741824", "1152921504606846976" },  /* 2**30 * 2**30 */
        { "12345678901234567890", "*", "98765432109876543210", "1219326311370217952237463801111263526900" },  /* 12345678901234567890 * 98765432109876543210 */
        { "18446744073709551616", "/", "4294967296", "4294967296.0" },  /* 2**64 / 2**32 */
        { "1", "/", "3", "0.3333333333333333" },  /* 1 / 3 */
        { "1000000000000000000000000000000", "/", "7", "1.4285714285714285e+29" },  /* 10**30 / 7 */
        { "-1000000000000000000000000000000", "/", "7", "-1.4285714285714285e+29" },  /* -(10**30) / 7 */
        { "1606938044258990275541962092341162602522202993782792835301376", "/", "515377520732011331036461129765621272702107522001", "3117982410207.942" },  /* 2**200 / 3**100 */
        { "1237940039285380274899124223", "/", "2", "6.189700196426902e+26" },  /* (2**90 - 1) / 2: rounds up to 2**89 */
        { "3", "**", "100", "515377520732011331036461129765621272702107522001" },  /* 3 ** 100 */
        { "-3", "**", "101", "-1546132562196033993109383389296863818106322566003" },  /* (-3) ** 101 */
        { "2", "**", "-2", "0.25" },  /* 2 ** -2 */
        { "10", "**", "-3", "0.001" },  /* 10 ** -3 */
        { "0", "**", "0", "1" },  /* 0 ** 0 */
        { "-1", "**", "-1", "-1.0" },  /* (-1) ** -1 */
        { "18446744073709551616", "<<", "10", "18889465931478580854784" },  /* 2**64 << 10 */
        { "-18446744073709551616", ">>", "10", "-18014398509481984" },  /* -(2**64) >> 10 */
        { "-1", ">>", "100", "-1" },  /* -1 >> 100 */
        { "-5", ">>", "1", "-3" },  /* -5 >> 1 */
        { "5", ">>", "1", "2" },  /* 5 >> 1 */
        { "1", "<<", "200", "1606938044258990275541962092341162602522202993782792835301376" },  /* 1 << 200 */
        { "-7", "<<", "3", "-56" },  /* -7 << 3 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = tl_int(cases[i].a), *b = tl_int(cases[i].b);
        MoObject *r = mt_ok(tl_binop(a, cases[i].op, b));
        const char *got = mt_repr(r);
        ck_assert_msg(strcmp(got, cases[i].expected) == 0, "case %zu: %s %s %s = %s, expected %s", i, cases[i].a,
                      cases[i].op, cases[i].b, got, cases[i].expected);
        Mo_DECREF(r);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
}
END_TEST

START_TEST(test_long_unary)
{
    MoNumberMethods *nb = MoLong_Type.tp_as_number;
    MoObject *big = tl_int("-1267650600228229401496703205376");   /* -(2**100) */
    MoObject *neg = mt_ok(nb->nb_negative(big)), *abs_ = mt_ok(nb->nb_absolute(big));
    MoObject *inv = mt_ok(nb->nb_invert(big)), *pos = mt_ok(nb->nb_positive(big));
    mt_assert_repr(neg, "1267650600228229401496703205376");
    mt_assert_repr(abs_, "1267650600228229401496703205376");
    mt_assert_repr(inv, "1267650600228229401496703205375");
    ck_assert_ptr_eq(pos, big);   /* +x of an exact int is x itself */
    ck_assert_int_eq(nb->nb_bool(big), 1);
    MoObject *zero = MoLong_FromLong(0);
    ck_assert_int_eq(nb->nb_bool(zero), 0);
    MoObject *f = mt_ok(nb->nb_float(big));
    mt_assert_repr(f, "-1.2676506002282294e+30");
    Mo_DECREF(f);
    Mo_DECREF(zero);
    Mo_DECREF(pos);
    Mo_DECREF(inv);
    Mo_DECREF(abs_);
    Mo_DECREF(neg);
    Mo_DECREF(big);
}
END_TEST

START_TEST(test_long_divmod)
{
    /* divmod(-(10**20), 7) and divmod(7, -2) */
    MoObject *a = tl_pow(10, 20), *na = mt_ok(MoNumber_Negative(a)), *seven = MoLong_FromLong(7);
    MoObject *m2 = MoLong_FromLong(-2);
    MoObject *r1 = mt_ok(MoLong_Type.tp_as_number->nb_divmod(na, seven));
    MoObject *r2 = mt_ok(MoLong_Type.tp_as_number->nb_divmod(seven, m2));
    mt_assert_repr(r1, "(-14285714285714285715, 5)");
    mt_assert_repr(r2, "(-4, -1)");
    MoObject *objs[] = { a, na, seven, m2, r1, r2 };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}
END_TEST

START_TEST(test_long_pow_modular)
{
    static const struct { long a, e, m; const char *expected; } cases[] = {
        { 2, 10, 7, "2" },       /* pow(2, 10, 7) */
        { 2, -1, 7, "4" },       /* pow(2, -1, 7) */
        { 3, 200, -7, "-5" },    /* pow(3, 200, -7) */
        { -3, 5, 11, "10" },     /* pow(-3, 5, 11) */
        { 5, 0, 1, "0" },        /* pow(5, 0, 1) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = MoLong_FromLong(cases[i].a), *e = MoLong_FromLong(cases[i].e), *m = MoLong_FromLong(cases[i].m);
        MoObject *r = mt_ok(MoLong_Type.tp_as_number->nb_power(a, e, m));
        mt_assert_repr(r, cases[i].expected);
        Mo_DECREF(r);
        Mo_DECREF(a);
        Mo_DECREF(e);
        Mo_DECREF(m);
    }
    MoObject *two = MoLong_FromLong(2), *minus1 = MoLong_FromLong(-1), *four = MoLong_FromLong(4), *zero = MoLong_FromLong(0);
    ck_assert_ptr_null(MoLong_Type.tp_as_number->nb_power(two, minus1, four));
    mt_assert_exc(MoExc_ValueError, "base is not invertible for the given modulus");
    ck_assert_ptr_null(MoLong_Type.tp_as_number->nb_power(two, two, zero));
    mt_assert_exc(MoExc_ValueError, "pow() 3rd argument cannot be 0");
    Mo_DECREF(two);
    Mo_DECREF(minus1);
    Mo_DECREF(four);
    Mo_DECREF(zero);
}
END_TEST

START_TEST(test_long_repr_and_parse)
{
    static const struct { const char *text, *repr; } cases[] = {
        { "0", "0" },
        { "-0", "0" },
        { "  42  ", "42" },
        { "\t-1_000_000\n", "-1000000" },
        { "+007", "7" },
        { "1606938044258990275541962092341162602522202993782792835301376",
          "1606938044258990275541962092341162602522202993782792835301376" },   /* 2**200 */
        { "-999999999999999999999999999999", "-999999999999999999999999999999" },
        { "1000000000", "1000000000" },   /* 10**9: one base-10**9 digit boundary */
        { "1152921504606846976", "1152921504606846976" },   /* 2**60: three 30-bit digits */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *v = tl_int(cases[i].text);
        mt_assert_repr(v, cases[i].repr);
        mt_assert_str(v, cases[i].repr);
        Mo_DECREF(v);
    }
    static const struct { const char *text, *msg; } bad[] = {
        { "x", "invalid literal for int() with base 10: 'x'" },
        { " 12x ", "invalid literal for int() with base 10: ' 12x '" },
        { "1__0", "invalid literal for int() with base 10: '1__0'" },
        { "_1", "invalid literal for int() with base 10: '_1'" },
        { "1_", "invalid literal for int() with base 10: '1_'" },
        { "", "invalid literal for int() with base 10: ''" },
        { "+", "invalid literal for int() with base 10: '+'" },
        { "- 1", "invalid literal for int() with base 10: '- 1'" },
        { "1.5", "invalid literal for int() with base 10: '1.5'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_ptr_null(MoLong_FromString(bad[i].text));
        mt_assert_exc(MoExc_ValueError, bad[i].msg);
    }
}
END_TEST

START_TEST(test_long_str_digits_limit)
{
    /* int('1' * 4301) and str(10**4300) are refused in 3.11 (CVE-2020-10735). */
    char text[4302];
    memset(text, '1', 4301);
    text[4301] = '\0';
    ck_assert_ptr_null(MoLong_FromString(text));
    mt_assert_exc(MoExc_ValueError, "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 "
                                    "digits; use sys.set_int_max_str_digits() to increase the limit");
    text[4300] = '\0';
    MoObject *ok = tl_int(text);   /* 4300 digits are fine */
    MoObject *ten = MoLong_FromLong(10);
    MoObject *big = mt_ok(MoNumber_Multiply(ok, ten));
    ck_assert_ptr_null(MoObject_Repr(big));
    mt_assert_exc(MoExc_ValueError, "Exceeds the limit (4300 digits) for integer string conversion; "
                                    "use sys.set_int_max_str_digits() to increase the limit");
    Mo_DECREF(big);
    Mo_DECREF(ten);
    Mo_DECREF(ok);
}
END_TEST

START_TEST(test_long_hashes)
{
    static const struct { const char *v; Mo_hash_t hash; } cases[] = {
        { "0", 0 },  /* 0 */
        { "1", 1 },  /* 1 */
        { "-1", -2 },  /* -1 */
        { "-2", -2 },  /* -2 */
        { "2305843009213693950", 2305843009213693950 },  /* 2**61-2 */
        { "2305843009213693951", 0 },  /* 2**61-1 */
        { "2305843009213693952", 1 },  /* 2**61 */
        { "4611686018427387904", 2 },  /* 2**62 */
        { "-2305843009213693952", -2 },  /* -(2**61) */
        { "1000000000000000000000000000000", 465258685558744706 },  /* 10**30 */
        { "-1000000000000000000000000000000", -465258685558744706 },  /* -(10**30) */
        { "1267650600228229401496703205376", 549755813888 },  /* 2**100 */
        { "18446744073709551615", 7 },  /* 2**64-1 */
        { "-18446744073709551616", -8 },  /* -(2**64) */
        { "12345678901234567890123", 195429904450476469 },  /* 12345678901234567890123 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *v = tl_int(cases[i].v);
        ck_assert_msg(MoObject_Hash(v) == cases[i].hash, "hash(%s) = %zd, expected %zd", cases[i].v,
                      MoObject_Hash(v), cases[i].hash);
        Mo_DECREF(v);
    }
}
END_TEST

START_TEST(test_long_small_int_cache)
{
    MoObject *a = MoLong_FromLong(256), *b = MoLong_FromLong(256);
    MoObject *c = MoLong_FromLong(257), *d = MoLong_FromLong(257);
    ck_assert_ptr_eq(a, b);
    ck_assert_ptr_ne(c, d);
    ck_assert_int_ge(Mo_REFCNT(a), 999999999);   /* a static, as in 3.11 */
    MoObject *m5 = MoLong_FromLong(-5), *m5s = tl_int("-5"), *m6 = MoLong_FromLong(-6), *m6s = tl_int("-6");
    ck_assert_ptr_eq(m5, m5s);
    ck_assert_ptr_ne(m6, m6s);
    /* x = 200; (x + 56) is 256, (x + 57) is not (x + 57) */
    MoObject *x = MoLong_FromLong(200), *k56 = MoLong_FromLong(56), *k57 = MoLong_FromLong(57);
    MoObject *s1 = mt_ok(MoNumber_Add(x, k56)), *s2 = mt_ok(MoNumber_Add(x, k57)), *s3 = mt_ok(MoNumber_Add(x, k57));
    ck_assert_ptr_eq(s1, a);
    ck_assert_ptr_ne(s2, s3);
    /* big arithmetic landing in -5..256 gives the cached object too */
    MoObject *big = tl_int("1267650600228229401496703205376"), *big7 = tl_int("1267650600228229401496703205383");
    MoObject *seven = MoLong_FromLong(7), *diff = mt_ok(MoNumber_Subtract(big7, big));
    MoObject *q = mt_ok(MoNumber_FloorDivide(big7, big)), *one = MoLong_FromLong(1);
    ck_assert_ptr_eq(diff, seven);
    ck_assert_ptr_eq(q, one);
    MoObject *objs[] = { a, b, c, d, m5, m5s, m6, m6s, x, k56, k57, s1, s2, s3, big, big7, seven, diff, q, one };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}
END_TEST

START_TEST(test_long_conversions)
{
    MoObject *v = MoLong_FromLong(LONG_MIN);
    mt_assert_repr(v, "-9223372036854775808");
    ck_assert(MoLong_AsLong(v) == LONG_MIN);
    Mo_DECREF(v);
    v = MoLong_FromUnsignedLongLong(ULLONG_MAX);
    mt_assert_repr(v, "18446744073709551615");
    ck_assert_int_eq(MoLong_AsLong(v), -1);
    mt_assert_exc(MoExc_OverflowError, "Python int too large to convert to C long");
    ck_assert_int_eq(MoLong_AsSsize_t(v), -1);
    mt_assert_exc(MoExc_OverflowError, "Python int too large to convert to C ssize_t");
    ck_assert(MoLong_AsDouble(v) == 18446744073709551616.0);
    Mo_DECREF(v);
    v = MoLong_FromSsize_t(-123456789012345);
    ck_assert_int_eq(MoLong_AsSsize_t(v), -123456789012345);
    Mo_DECREF(v);
    ck_assert_int_eq(MoLong_AsLong(Mo_True), 1);

    MoObject *s = MoUnicode_FromString("x"), *f = MoFloat_FromDouble(1.5);
    ck_assert_int_eq(MoLong_AsLong(s), -1);
    mt_assert_exc(MoExc_TypeError, "'str' object cannot be interpreted as an integer");
    ck_assert_int_eq(MoLong_AsLong(f), -1);
    mt_assert_exc(MoExc_TypeError, "'float' object cannot be interpreted as an integer");
    ck_assert_int_eq(MoLong_AsSsize_t(s), -1);
    mt_assert_exc(MoExc_TypeError, "an integer is required");
    ck_assert(MoLong_AsDouble(s) == -1.0);
    mt_assert_exc(MoExc_TypeError, "an integer is required");
    Mo_DECREF(s);
    Mo_DECREF(f);

    MoObject *huge = tl_pow(10, 400);
    ck_assert(MoLong_AsDouble(huge) == -1.0);   /* 10**400 */
    mt_assert_exc(MoExc_OverflowError, "int too large to convert to float");
    Mo_DECREF(huge);

    static const struct { double d; const char *repr; } from_double[] = {
        { 1.9, "1" }, { -1.9, "-1" }, { 1e20, "100000000000000000000" }, { -2.5e30, "-2499999999999999908974073741312" },
        { 1.7976931348623157e308, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589"
                                  "558632766878171540458953514382464234321326889464182768467546703537516986049910576551282"
                                  "076245490090389328944075868508455133942304583236903222948165808559332123348274797826204"
                                  "144723168738177180919299881250404026184124858368" },
    };
    for (size_t i = 0; i < sizeof from_double / sizeof from_double[0]; i++) {
        v = mt_ok(MoLong_FromDouble(from_double[i].d));
        mt_assert_repr(v, from_double[i].repr);
        Mo_DECREF(v);
    }
    ck_assert_ptr_null(MoLong_FromDouble(1.0 / 0.0));
    mt_assert_exc(MoExc_OverflowError, "cannot convert float infinity to integer");
    ck_assert_ptr_null(MoLong_FromDouble(0.0 / 0.0));
    mt_assert_exc(MoExc_ValueError, "cannot convert float NaN to integer");
}
END_TEST

START_TEST(test_long_errors)
{
    static const struct { const char *op, *msg; } zero_div[] = {
        { "//", "integer division or modulo by zero" },
        { "%", "integer modulo by zero" },
        { "/", "division by zero" },
    };
    MoObject *one = MoLong_FromLong(1), *zero = MoLong_FromLong(0), *minus1 = MoLong_FromLong(-1);
    for (size_t i = 0; i < sizeof zero_div / sizeof zero_div[0]; i++) {
        ck_assert_ptr_null(tl_binop(one, zero_div[i].op, zero));
        mt_assert_exc(MoExc_ZeroDivisionError, zero_div[i].msg);
    }
    ck_assert_ptr_null(MoNumber_Power(zero, minus1));
    mt_assert_exc(MoExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    ck_assert_ptr_null(MoLong_Type.tp_as_number->nb_lshift(one, minus1));
    mt_assert_exc(MoExc_ValueError, "negative shift count");

    MoObject *s = MoUnicode_FromString("a");
    MoObject *ni = MoLong_Type.tp_as_number->nb_add(one, s);   /* the slot itself declines */
    ck_assert_ptr_eq(ni, Mo_NotImplemented);
    Mo_DECREF(ni);
    ck_assert_ptr_null(MoNumber_Add(one, s));
    mt_assert_exc(MoExc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'");

    MoObject *big = tl_pow(10, 400);
    MoObject *three = MoLong_FromLong(3);
    ck_assert_ptr_null(MoNumber_TrueDivide(big, three));
    mt_assert_exc(MoExc_OverflowError, "integer division result too large for a float");
    MoObject *tiny = mt_ok(MoNumber_TrueDivide(minus1, big));
    mt_assert_repr(tiny, "-0.0");
    Mo_DECREF(tiny);
    Mo_DECREF(three);
    Mo_DECREF(big);
    Mo_DECREF(s);
    Mo_DECREF(one);
    Mo_DECREF(zero);
    Mo_DECREF(minus1);
}
END_TEST

START_TEST(test_long_compare)
{
    static const struct { const char *a, *b; int cmp; } cases[] = {
        { "1", "2", -1 },
        { "-1", "1", -1 },
        { "1267650600228229401496703205376", "1267650600228229401496703205377", -1 },
        { "-1267650600228229401496703205376", "-1267650600228229401496703205377", 1 },
        { "-1267650600228229401496703205376", "5", -1 },
        { "18446744073709551616", "18446744073709551616", 0 },
        { "0", "-0", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = tl_int(cases[i].a), *b = tl_int(cases[i].b);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_LT), cases[i].cmp < 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_LE), cases[i].cmp <= 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_EQ), cases[i].cmp == 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_NE), cases[i].cmp != 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_GT), cases[i].cmp > 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_GE), cases[i].cmp >= 0);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    /* int vs float: exact, 2**53 + 1 != 2.0**53 */
    MoObject *i53 = tl_int("9007199254740993"), *f53 = MoFloat_FromDouble(9007199254740992.0);
    MoObject *ten = MoLong_FromLong(10), *ften = MoFloat_FromDouble(10.0);
    ck_assert_int_eq(MoObject_RichCompareBool(i53, f53, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(i53, f53, MO_GT), 1);
    ck_assert_int_eq(MoObject_RichCompareBool(ten, ften, MO_EQ), 1);
    ck_assert_int_eq(MoObject_Hash(ten), MoObject_Hash(ften));
    Mo_DECREF(i53);
    Mo_DECREF(f53);
    Mo_DECREF(ten);
    Mo_DECREF(ften);
}
END_TEST

START_TEST(test_bool)
{
    ck_assert_ptr_eq(Mo_TYPE(Mo_True), &MoBool_Type);
    ck_assert_ptr_eq(MoBool_Type.tp_base, &MoLong_Type);
    ck_assert(MoLong_Check(Mo_True) && !MoLong_CheckExact(Mo_True));
    ck_assert_int_eq(Mo_SIZE(Mo_False), 0);
    ck_assert_int_eq(Mo_SIZE(Mo_True), 1);
    mt_assert_repr(Mo_True, "True");
    mt_assert_repr(Mo_False, "False");
    mt_assert_str(Mo_True, "True");
    Mo_ssize_t before = Mo_REFCNT(Mo_True);
    MoObject *t = MoBool_FromLong(42), *f = MoBool_FromLong(0);
    ck_assert_ptr_eq(t, Mo_True);
    ck_assert_ptr_eq(f, Mo_False);
    ck_assert_int_eq(Mo_REFCNT(Mo_True), before + 1);   /* an ordinary counted static */
    ck_assert_int_eq(MoObject_Hash(t), 1);
    ck_assert_int_eq(MoObject_Hash(f), 0);
    /* True + True == 2, an int; -True == -1; int(True) is the int 1 */
    MoObject *two = mt_ok(MoNumber_Add(t, t));
    MoObject *neg = mt_ok(MoNumber_Negative(t));
    MoObject *as_int = mt_ok(MoLong_Type.tp_as_number->nb_int(t));
    MoObject *one = MoLong_FromLong(1);
    mt_assert_repr(two, "2");
    ck_assert_ptr_eq(Mo_TYPE(two), &MoLong_Type);
    mt_assert_repr(neg, "-1");
    ck_assert_ptr_eq(as_int, one);
    ck_assert_int_eq(MoObject_RichCompareBool(t, one, MO_EQ), 1);
    MoObject *objs[] = { t, f, two, neg, as_int, one };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
    ck_assert_int_eq(Mo_REFCNT(Mo_True), before);
}
END_TEST

/* int(text, base) through MoLong_FromUnicodeObject: values against python3. */
START_TEST(test_long_from_unicode_base)
{
    static const struct {
        const char *text;
        int base;
        const char *repr;   /* NULL: a ValueError whose message is in msg */
        const char *msg;
    } cases[] = {
        {"0x1F", 16, "31", NULL},
        {" -0o_17 ", 0, "-15", NULL},
        {"0B11", 0, "3", NULL},
        {"zz", 36, "1295", NULL},
        {"1" "0000000000" "0000000000" "0000000000", 2, "1073741824", NULL},   /* 2**30: a second digit */
        {"-ffffffffffffffffffffffffffffffff", 16, "-340282366920938463463374607431768211455", NULL},
        {"010", 0, NULL, "invalid literal for int() with base 0: '010'"},
        {"0x1", 10, NULL, "invalid literal for int() with base 10: '0x1'"},
        {"2", 2, NULL, "invalid literal for int() with base 2: '2'"},
        {"1__0", 0, NULL, "invalid literal for int() with base 0: '1__0'"},
        {"1", 37, NULL, "int() base must be >= 2 and <= 36, or 0"},
        {"1", 1, NULL, "int() base must be >= 2 and <= 36, or 0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *u = mt_ok(MoUnicode_FromString(cases[i].text));
        MoObject *v = MoLong_FromUnicodeObject(u, cases[i].base);
        if (cases[i].repr != NULL) {
            mt_assert_repr(mt_ok(v), cases[i].repr);
            Mo_DECREF(v);
        } else {
            ck_assert_ptr_null(v);
            mt_assert_exc(MoExc_ValueError, cases[i].msg);
        }
        Mo_DECREF(u);
    }
}
END_TEST

Suite *long_suite(void)
{
    Suite *s = suite_create("long");
    TCase *tc = mt_tcase("long");
    tcase_add_test(tc, test_long_sizes);
    tcase_add_test(tc, test_long_arithmetic);
    tcase_add_test(tc, test_long_unary);
    tcase_add_test(tc, test_long_divmod);
    tcase_add_test(tc, test_long_pow_modular);
    tcase_add_test(tc, test_long_repr_and_parse);
    tcase_add_test(tc, test_long_from_unicode_base);
    tcase_add_test(tc, test_long_str_digits_limit);
    tcase_add_test(tc, test_long_hashes);
    tcase_add_test(tc, test_long_small_int_cache);
    tcase_add_test(tc, test_long_conversions);
    tcase_add_test(tc, test_long_errors);
    tcase_add_test(tc, test_long_compare);
    tcase_add_test(tc, test_bool);
    suite_add_tcase(s, tc);
    return s;
}
