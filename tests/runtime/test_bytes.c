/* bytes: sizes, reprs, hashes, singletons, comparison, the sequence slots.
 * Every expected value was printed by CPython 3.11 (hashes with PYTHONHASHSEED=0). */
#include "testutil.h"

static MoObject *bytes(const char *s, Mo_ssize_t n)
{
    return mt_ok(MoBytes_FromStringAndSize(s, n));
}

static const struct {
    const char *data;
    Mo_ssize_t n;
    const char *repr;
    Mo_ssize_t size;
    long long hash;
} cases[] = {
    {"", 0, "b''", 33, 0LL},
    {"a", 1, "b'a'", 34, 4644417185603328019LL},
    {"abc", 3, "b'abc'", 36, -4594863902769663758LL},
    {"it's", 4, "b\"it's\"", 37, -8730089285106596815LL},
    {"say \"hi\"", 8, "b'say \"hi\"'", 41, 0},
    {"both ' and \"", 12, "b'both \\' and \"'", 45, 0},
    {"\000\011\012\015\\\177\200\377", 8, "b'\\x00\\t\\n\\r\\\\\\x7f\\x80\\xff'", 41, 0},
    {"\000\377", 2, "b'\\x00\\xff'", 35, -2713640983873221217LL},
    {" ~", 2, "b' ~'", 35, 0},
};

START_TEST(test_repr_size_hash)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *b = bytes(cases[i].data, cases[i].n);
        mt_assert_repr(b, cases[i].repr);
        mt_assert_str(b, cases[i].repr);
        ck_assert_int_eq(MoSys_GetSizeOf(b), cases[i].size);
        ck_assert_int_eq(MoBytes_Size(b), cases[i].n);
        ck_assert_int_eq(MoBytes_AsString(b)[cases[i].n], '\0');
        if (cases[i].hash != 0 || cases[i].n == 0)
            ck_assert_int_eq(MoObject_Hash(b), cases[i].hash);
        Mo_DECREF(b);
    }
    MoObject *a = mt_ok(MoBytes_FromString("a")), *big = bytes(NULL, 100);
    memset(MoBytes_AS_STRING(big), 'a', 100);
    ck_assert_int_eq(MoSys_GetSizeOf(big), 133);   /* b'a'*100 */
    MoObject *rep = mt_ok(MoSequence_Repeat(a, 100));
    ck_assert_int_eq(MoObject_RichCompareBool(rep, big, MO_EQ), 1);
    ck_assert_int_eq(MoObject_Hash(rep), MoObject_Hash(big));
    /* the same function as str: hash(b'abc') == hash('abc') */
    MoObject *s = mt_ok(MoUnicode_FromString("abc")), *b = mt_ok(MoBytes_FromString("abc"));
    ck_assert_int_eq(MoObject_Hash(s), MoObject_Hash(b));
    ck_assert_int_eq(MoObject_RichCompareBool(s, b, MO_EQ), 0);   /* but never equal */
    Mo_DECREF(b);
    Mo_DECREF(s);
    Mo_DECREF(rep);
    Mo_DECREF(big);
    Mo_DECREF(a);
}
END_TEST

START_TEST(test_singletons)
{
    MoObject *e1 = bytes("", 0), *e2 = mt_ok(MoBytes_FromString(""));
    ck_assert_ptr_eq(e1, e2);
    ck_assert_int_ge(Mo_REFCNT(e1), 999999999);
    /* bytes([97]) is b'a', b'abc'[0:1] is b'a': every one-byte string is shared */
    for (int c = 0; c < 256; c++) {
        char ch = (char)c;
        MoObject *x = bytes(&ch, 1), *y = bytes(&ch, 1);
        ck_assert_ptr_eq(x, y);
        ck_assert_int_eq((unsigned char)MoBytes_AS_STRING(x)[0], c);
        Mo_DECREF(x);
        Mo_DECREF(y);
    }
    /* NULL source: uninitialised, never a shared one-byte object */
    MoObject *fresh = bytes(NULL, 1), *a = bytes("a", 1);
    ck_assert_ptr_ne(fresh, a);
    MoObject *x = mt_ok(MoSequence_Repeat(a, 1));
    ck_assert_ptr_eq(x, a);
    MoObject *z = mt_ok(MoSequence_Repeat(a, -1));
    ck_assert_ptr_eq(z, e1);
    Mo_DECREF(z);
    Mo_DECREF(x);
    Mo_DECREF(a);
    Mo_DECREF(fresh);
    Mo_DECREF(e2);
    Mo_DECREF(e1);
    ck_assert_ptr_null(MoBytes_FromStringAndSize("x", -1));
    mt_assert_exc(MoExc_SystemError, "Negative size passed to MoBytes_FromStringAndSize");
}
END_TEST

START_TEST(test_compare)
{
    static const struct {
        const char *a, *b;
        int cmp;
    } cmps[] = {{"abc", "abd", -1}, {"abc", "abc", 0}, {"ab", "abc", -1}, {"b", "abc", 1}, {"", "", 0}, {"\377", "a", 1}};
    for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++) {
        MoObject *a = mt_ok(MoBytes_FromString(cmps[i].a)), *b = mt_ok(MoBytes_FromString(cmps[i].b));
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_LT), cmps[i].cmp < 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_LE), cmps[i].cmp <= 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_EQ), cmps[i].cmp == 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_NE), cmps[i].cmp != 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_GT), cmps[i].cmp > 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_GE), cmps[i].cmp >= 0);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
}
END_TEST

START_TEST(test_sequence)
{
    MoObject *b = mt_ok(MoBytes_FromString("abc")), *cd = mt_ok(MoBytes_FromString("cd"));
    ck_assert_int_eq(MoObject_Length(b), 3);
    MoObject *item = mt_ok(MoSequence_GetItem(b, 1));
    mt_assert_repr(item, "98");
    Mo_DECREF(item);
    ck_assert_ptr_null(MoSequence_GetItem(b, 3));
    mt_assert_exc(MoExc_IndexError, "index out of range");
    MoObject *sum = mt_ok(MoSequence_Concat(b, cd));
    mt_assert_repr(sum, "b'abccd'");
    ck_assert_int_eq(MoSys_GetSizeOf(sum), 38);
    Mo_DECREF(sum);
    MoObject *rep = mt_ok(MoSequence_Repeat(cd, 3));
    mt_assert_repr(rep, "b'cdcdcd'");
    Mo_DECREF(rep);
    ck_assert_ptr_null(MoSequence_Repeat(cd, MO_SSIZE_T_MAX / 2 + 1));
    mt_assert_exc(MoExc_OverflowError, "repeated bytes are too long");
    MoObject *one = MoLong_FromLong(1), *c99 = MoLong_FromLong(99), *big = MoLong_FromLong(300);
    ck_assert_ptr_null(MoSequence_Concat(b, one));
    mt_assert_exc(MoExc_TypeError, "can't concat int to bytes");
    ck_assert_int_eq(MoSequence_Contains(b, c99), 1);
    ck_assert_int_eq(MoSequence_Contains(b, one), 0);
    ck_assert_int_eq(MoSequence_Contains(b, big), -1);
    mt_assert_exc(MoExc_ValueError, "byte must be in range(0, 256)");
    MoObject *bc = mt_ok(MoBytes_FromString("bc")), *s = mt_ok(MoUnicode_FromString("x"));
    ck_assert_int_eq(MoSequence_Contains(b, bc), 1);
    ck_assert_int_eq(MoSequence_Contains(b, cd), 0);
    ck_assert_int_eq(MoSequence_Contains(b, s), -1);
    mt_assert_exc(MoExc_TypeError, "a bytes-like object is required, not 'str'");
    ck_assert_ptr_null(MoBytes_AsString(s));
    mt_assert_exc(MoExc_TypeError, "expected bytes, str found");
    Mo_DECREF(s);
    Mo_DECREF(bc);
    Mo_DECREF(big);
    Mo_DECREF(c99);
    Mo_DECREF(one);
    Mo_DECREF(cd);
    Mo_DECREF(b);
}
END_TEST

Suite *bytes_suite(void)
{
    Suite *s = suite_create("bytes");
    struct {
        const char *name;
        const TTest *test;
    } tests[] = {
        {"repr_size_hash", test_repr_size_hash},
        {"singletons", test_singletons},
        {"compare", test_compare},
        {"sequence", test_sequence},
    };
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        TCase *tc = mt_tcase(tests[i].name);
        tcase_add_test(tc, tests[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
