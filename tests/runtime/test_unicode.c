/* str: layout and sizes, reprs, hashes, singletons, interning, in-place append,
 * concatenation and join, decoding errors, formatting, the sequence slots.
 * Every expected value was printed by CPython 3.11 (hashes with PYTHONHASHSEED=0). */
#include "testutil.h"

static MoObject *str(const char *utf8)
{
    return mt_ok(MoUnicode_FromString(utf8));
}

/* ------------------------------------------------------------------ sizes */

/* sys.getsizeof(unit * count) in 3.11 (facts §1.3). */
static const struct {
    const char *unit;
    Mo_ssize_t count, size;
} size_cases[] = {
    {"", 1, 49},     {"a", 1, 50},     {"abc", 1, 52},   {"a", 10, 59},    {"a", 100, 149},
    {"a", 1000, 1049}, {"\303\251", 1, 74}, {"\303\251", 10, 83}, {"caf\303\251", 1, 77},
    {"\342\202\254", 1, 76}, {"\342\202\254", 10, 94}, {"a\342\202\254", 1, 78},
    {"\360\237\230\200", 1, 80}, {"\360\237\230\200", 10, 116}, {"a\360\237\230\200", 1, 84},
};

START_TEST(test_sizes)
{
    for (size_t i = 0; i < sizeof size_cases / sizeof size_cases[0]; i++) {
        MoObject *unit = str(size_cases[i].unit);
        MoObject *s = mt_ok(MoSequence_Repeat(unit, size_cases[i].count));
        ck_assert_msg(MoSys_GetSizeOf(s) == size_cases[i].size, "getsizeof(%s * %zd) = %zd, expected %zd",
                      size_cases[i].unit, size_cases[i].count, MoSys_GetSizeOf(s), size_cases[i].size);
        Mo_DECREF(s);
        Mo_DECREF(unit);
    }
}
END_TEST

/* 3.11: after PyUnicode_AsUTF8, '\xe9'*10 grows by its cached UTF-8 copy. */
START_TEST(test_utf8_cache_counts_in_size)
{
    MoObject *e = str("\303\251");
    MoObject *s = mt_ok(MoSequence_Repeat(e, 10));
    ck_assert_int_eq(MoSys_GetSizeOf(s), 83);
    /* s.encode() makes a bytes object and caches nothing */
    MoObject *enc = mt_ok(MoUnicode_AsUTF8String(s));
    ck_assert_int_eq(MoBytes_Size(enc), 20);
    ck_assert_int_eq(memcmp(MoBytes_AS_STRING(enc), "\303\251\303\251", 4), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(s), 83);
    Mo_DECREF(enc);
    Mo_ssize_t n;
    const char *u = MoUnicode_AsUTF8AndSize(s, &n);
    ck_assert_int_eq(n, 20);
    ck_assert_int_eq(memcmp(u, "\303\251\303\251", 4), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(s), 104);
    ck_assert_ptr_eq(MoUnicode_AsUTF8(s), u);   /* cached, not rebuilt */
    /* ASCII strings are their own UTF-8: no copy, no growth */
    MoObject *a = str("abc");
    ck_assert_ptr_eq(MoUnicode_AsUTF8(a), (const char *)MoUnicode_DATA(a));
    ck_assert_int_eq(MoSys_GetSizeOf(a), 52);
    /* the repr of a list holding s does not ask s for its UTF-8 */
    MoObject *t = str("\303\251\303\251");
    MoObject *r = mt_ok(MoObject_Repr(t));
    ck_assert_int_eq(MoSys_GetSizeOf(t), 75);
    Mo_DECREF(r);
    Mo_DECREF(t);
    Mo_DECREF(a);
    Mo_DECREF(s);
    Mo_DECREF(e);
    ck_assert_ptr_null(MoUnicode_AsUTF8(Mo_None));
    mt_assert_exc(MoExc_TypeError, "bad argument type for built-in operation");
}
END_TEST

START_TEST(test_kinds)
{
    static const struct {
        const char *utf8;
        int kind, ascii;
        Mo_ssize_t length;
    } cases[] = {
        {"abc", 1, 1, 3}, {"caf\303\251", 1, 0, 4}, {"a\342\202\254", 2, 0, 2},
        {"a\360\237\230\200", 4, 0, 2}, {"", 1, 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *s = str(cases[i].utf8);
        ck_assert_int_eq(MoUnicode_KIND(s), cases[i].kind);
        ck_assert_int_eq(MoUnicode_IS_ASCII(s), cases[i].ascii);
        ck_assert_int_eq(MoUnicode_GetLength(s), cases[i].length);
        Mo_DECREF(s);
    }
    MoObject *s = str("a\342\202\254");
    ck_assert_uint_eq(MoUnicode_ReadChar(s, 1), 0x20ac);
    ck_assert_uint_eq(MoUnicode_ReadChar(s, 2), (Mo_UCS4)-1);
    mt_assert_exc(MoExc_IndexError, "string index out of range");
    Mo_DECREF(s);
    /* FromKindAndData picks the narrowest kind whatever kind it was given */
    const Mo_UCS4 wide[] = {'h', 0xe9};
    s = mt_ok(MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, wide, 2));
    ck_assert_int_eq(MoUnicode_KIND(s), 1);
    ck_assert_int_eq(MoSys_GetSizeOf(s), 75);
    mt_assert_repr(s, "'h\303\251'");
    Mo_DECREF(s);
}
END_TEST

/* ------------------------------------------------------------------ reprs */

static const struct {
    const char *utf8, *repr;
} repr_cases[] = {
    {"", "''"},
    {"it's", "\"it's\""},
    {"say \"hi\"", "'say \"hi\"'"},
    {"both ' and \"", "'both \\' and \"'"},
    {"back\\slash", "'back\\\\slash'"},
    {"tab\011nl\012ret\015", "'tab\\tnl\\nret\\r'"},
    {"\001\037\177", "'\\x01\\x1f\\x7f'"},
    {"\302\200\302\237\302\240\302\255\303\251\303\277", "'\\x80\\x9f\\xa0\\xad\303\251\303\277'"},
    {"caf\303\251", "'caf\303\251'"},
    {"\342\202\254\342\200\213\342\200\250\357\273\277", "'\342\202\254\\u200b\\u2028\\ufeff'"},
    {"\360\237\230\200\363\240\200\201", "'\360\237\230\200\\U000e0001'"},
    {"\315\270", "'\\u0378'"},
    {"\320\274\320\270\321\200", "'\320\274\320\270\321\200'"},
    {"\346\227\245\346\234\254\350\252\236", "'\346\227\245\346\234\254\350\252\236'"},
};

START_TEST(test_reprs)
{
    for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++) {
        MoObject *s = str(repr_cases[i].utf8);
        mt_assert_repr(s, repr_cases[i].repr);
        mt_assert_str(s, repr_cases[i].utf8);
        Mo_DECREF(s);
    }
    const Mo_UCS2 lone[] = {0xd800};   /* a lone surrogate: escaped by repr */
    MoObject *s = mt_ok(MoUnicode_FromKindAndData(MoUnicode_2BYTE_KIND, lone, 1));
    mt_assert_repr(s, "'\\ud800'");
    ck_assert_ptr_null(MoUnicode_AsUTF8(s));
    mt_assert_exc(MoExc_ValueError,
                  "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed");
    Mo_DECREF(s);
}
END_TEST

/* ----------------------------------------------------------------- hashes */

static const struct {
    const char *utf8;
    long long hash;
} hash_cases[] = {
    {"", 0LL},
    {"a", 4644417185603328019LL},
    {"abc", -4594863902769663758LL},
    {"hello", -2096571579003691106LL},
    {"hello world", -5642461784034726774LL},
    {"caf\303\251", 137524001917817222LL},
    {"\303\251", 6047309291227476195LL},
    {"\342\202\254", -5529981157763016009LL},
    {"a\342\202\254", 5181483246891551849LL},
    {"\360\237\230\200", -3536540696076613844LL},
    {"\346\227\245\346\234\254\350\252\236", 7116994712188270LL},
};

START_TEST(test_hashes)
{
    for (size_t i = 0; i < sizeof hash_cases / sizeof hash_cases[0]; i++) {
        MoObject *s = str(hash_cases[i].utf8);
        ck_assert_msg(MoObject_Hash(s) == hash_cases[i].hash, "hash(%s) = %zd, expected %lld",
                      hash_cases[i].utf8, MoObject_Hash(s), hash_cases[i].hash);
        ck_assert_int_eq(((MoASCIIObject *)s)->hash, hash_cases[i].hash);   /* cached */
        Mo_DECREF(s);
    }
    MoObject *x = str("x"), *s = mt_ok(MoSequence_Repeat(x, 100));
    ck_assert_int_eq(MoObject_Hash(s), 1359644457043326220LL);
    Mo_DECREF(s);
    Mo_DECREF(x);
}
END_TEST

/* ------------------------------------------------------------- singletons */

START_TEST(test_singletons)
{
    MoObject *e1 = str(""), *e2 = mt_ok(MoUnicode_FromStringAndSize("xyz", 0));
    ck_assert_ptr_eq(e1, _MoUnicode_Empty());
    ck_assert_ptr_eq(e2, e1);
    ck_assert_int_ge(Mo_REFCNT(e1), 999999999);   /* static: never freed */
    /* one-character latin-1 strings are shared, wider ones are not (chr(255) is
       chr(255), chr(256) is not chr(256)) */
    static const struct {
        const char *utf8;
        int shared;
    } cases[] = {{"a", 1}, {"\001", 1}, {"\303\251", 1}, {"\303\277", 1}, {"\304\200", 0}, {"\342\202\254", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = str(cases[i].utf8), *b = str(cases[i].utf8);
        ck_assert_msg((a == b) == cases[i].shared, "%s shared: %d", cases[i].utf8, a == b);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    /* s[0] is the singleton; ''*n, 'abc'*0 and ''.join([]) are the empty string */
    MoObject *abc = str("abc"), *a = str("a");
    MoObject *first = mt_ok(MoSequence_GetItem(abc, 0));
    ck_assert_ptr_eq(first, a);
    MoObject *zero = mt_ok(MoSequence_Repeat(abc, 0));
    ck_assert_ptr_eq(zero, e1);
    MoObject *list = mt_ok(MoList_New(0));
    MoObject *joined = mt_ok(MoUnicode_Join(abc, list));
    ck_assert_ptr_eq(joined, e1);
    Mo_DECREF(joined);
    Mo_DECREF(list);
    Mo_DECREF(zero);
    Mo_DECREF(first);
    Mo_DECREF(a);
    Mo_DECREF(abc);
    Mo_DECREF(e2);
    Mo_DECREF(e1);
}
END_TEST

/* ------------------------------------------------------------- interning */

START_TEST(test_interning_identities)
{
    /* facts §2: identifier-like constants are interned, run-time strings are not */
    MoObject *c1 = mt_ok(MoUnicode_FromConstant("hello")), *c2 = mt_ok(MoUnicode_FromConstant("hello"));
    ck_assert_ptr_eq(c1, c2);
    MoObject *r1 = str("hello"), *r2 = str("hello");
    ck_assert_ptr_ne(r1, r2);
    ck_assert_ptr_ne(r1, c1);
    MoObject *w1 = mt_ok(MoUnicode_FromConstant("hello world"));
    MoObject *w2 = mt_ok(MoUnicode_FromConstant("hello world"));
    ck_assert_ptr_ne(w1, w2);
    /* sys.intern of a run-time "hello" gives the constant's object */
    MoObject *i1 = mt_ok(MoSys_Intern(r1));
    ck_assert_ptr_eq(i1, c1);
    /* sys.intern of non-identifiers: the first one interned is returned after */
    MoObject *iw1 = mt_ok(MoSys_Intern(w1)), *iw2 = mt_ok(MoSys_Intern(w2));
    ck_assert_ptr_eq(iw1, w1);
    ck_assert_ptr_eq(iw2, w1);
    MoObject *h1 = mt_ok(MoUnicode_FromConstant("h\303\251llo")), *h2 = mt_ok(MoUnicode_FromConstant("h\303\251llo"));
    ck_assert_ptr_ne(h1, h2);   /* not ASCII: not interned */
    MoObject *u1 = mt_ok(MoUnicode_InternFromString("a.b")), *u2 = mt_ok(MoUnicode_InternFromString("a.b"));
    ck_assert_ptr_eq(u1, u2);
    MoObject *objs[] = {c1, c2, r1, r2, w1, w2, i1, iw1, iw2, h1, h2, u1, u2};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++)
        Mo_DECREF(objs[i]);
}
END_TEST

START_TEST(test_interning_rules)
{
    static const struct {
        const char *utf8;
        int interned;
    } cases[] = {
        {"hello", 1}, {"hello_world", 1}, {"_x1", 1}, {"123", 1}, {"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", 1},
        {"hello world", 0}, {"hello!", 0}, {"a.b", 0}, {"h\303\251llo", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *c = mt_ok(MoUnicode_FromConstant(cases[i].utf8));
        MoObject *fresh = mt_ok(MoUnicode_FromString(cases[i].utf8));
        MoObject *in = mt_ok(MoSys_Intern(fresh));
        ck_assert_msg((in == c) == cases[i].interned, "constant %s interned: %d", cases[i].utf8, in == c);
        Mo_DECREF(in);
        Mo_DECREF(fresh);
        Mo_DECREF(c);
    }
}
END_TEST

START_TEST(test_interning_is_mortal)
{
    Mo_ssize_t before = _MoUnicode_InternedSize();
    MoObject *s = str("mortal_name");
    ck_assert_int_eq(Mo_REFCNT(s), 1);
    MoUnicode_InternInPlace(&s);
    ck_assert_int_eq(Mo_REFCNT(s), 1);   /* the table adds no reference */
    ck_assert_int_eq(_MoUnicode_InternedSize(), before + 1);
    ck_assert_int_eq(((MoASCIIObject *)s)->state.interned, SSTATE_INTERNED_MORTAL);
    Mo_DECREF(s);                        /* dies, and leaves the table */
    ck_assert_int_eq(_MoUnicode_InternedSize(), before);
    MoObject *again = mt_ok(MoUnicode_FromConstant("mortal_name"));
    ck_assert_int_eq(Mo_REFCNT(again), 1);
    Mo_DECREF(again);
    /* many interned strings: the table grows and deletes shift correctly */
    MoObject *many[300];
    char name[32];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "n%d", i);
        many[i] = mt_ok(MoUnicode_InternFromString(name));
    }
    for (int i = 0; i < 300; i += 2)
        Mo_DECREF(many[i]);
    for (int i = 1; i < 300; i += 2) {
        snprintf(name, sizeof name, "n%d", i);
        MoObject *c = mt_ok(MoUnicode_FromConstant(name));
        ck_assert_ptr_eq(c, many[i]);
        Mo_DECREF(c);
        Mo_DECREF(many[i]);
    }
    ck_assert_int_eq(_MoUnicode_InternedSize(), before);
}
END_TEST

START_TEST(test_interning_errors_and_singletons)
{
    MoObject *b = mt_ok(MoBytes_FromString("x"));
    ck_assert_ptr_null(_MoUnicode_Intern(b));
    mt_assert_exc(MoExc_TypeError, "intern() argument must be str, not bytes");
    Mo_DECREF(b);
    /* documented choice: a one-character constant is the latin-1 singleton, so
       FromConstant("a") is FromString("a") (3.11 differs for 'a', agrees for 'A') */
    MoObject *ca = mt_ok(MoUnicode_FromConstant("a")), *ra = str("a");
    ck_assert_ptr_eq(ca, ra);
    MoObject *ce = mt_ok(MoUnicode_FromConstant(""));
    ck_assert_ptr_eq(ce, _MoUnicode_Empty());
    Mo_DECREF(ce);
    Mo_DECREF(ra);
    Mo_DECREF(ca);
}
END_TEST

/* ------------------------------------------------------------ concatenation */

START_TEST(test_append_in_place)
{
    /* one reference, no hash, not interned: the same object grows */
    MoObject *s = str("hello"), *x = str("x");
    uintptr_t id = MoObject_Id(s);
    MoUnicode_Append(&s, x);
    /* the block is realloc'ed: it stays put when the allocator can grow it where it
       is (valgrind's realloc always moves a block, so the address is not checked there) */
    if (!mt_under_valgrind())
        ck_assert_uint_eq(MoObject_Id(s), id);
    mt_assert_str(s, "hellox");
    ck_assert_int_eq(MoSys_GetSizeOf(s), 55);
    /* a second reference: a new string; the other holder still sees the old one */
    MoObject *alias = Mo_NewRef(s);
    MoUnicode_Append(&s, x);
    ck_assert_ptr_ne(s, alias);
    mt_assert_str(s, "helloxx");
    mt_assert_str(alias, "hellox");
    Mo_DECREF(alias);
    /* a computed hash forbids it too */
    MoObject *h = str("hash");
    MoObject_Hash(h);
    id = MoObject_Id(h);
    MoUnicode_Append(&h, x);
    ck_assert_uint_ne(MoObject_Id(h), id);
    mt_assert_str(h, "hashx");
    /* ASCII left, non-ASCII right: a wider string is made */
    MoObject *e = str("\303\251");
    MoUnicode_Append(&s, e);
    ck_assert_int_eq(MoSys_GetSizeOf(s), 73 + 8);
    mt_assert_str(s, "helloxx\303\251");   /* asks for UTF-8: caches 10 bytes */
    ck_assert_int_eq(MoSys_GetSizeOf(s), 73 + 8 + 10);
    /* latin-1 left grows in place with ASCII, keeping its kind */
    id = MoObject_Id(s);
    MoUnicode_Append(&s, x);
    if (!mt_under_valgrind())
        ck_assert_uint_eq(MoObject_Id(s), id);
    ck_assert_int_eq(MoSys_GetSizeOf(s), 73 + 9);   /* the stale UTF-8 copy was dropped */
    mt_assert_repr(s, "'helloxx\303\251x'");
    /* empty left gives right itself */
    MoObject *empty = str("");
    MoUnicode_Append(&empty, h);
    ck_assert_ptr_eq(empty, h);
    Mo_DECREF(empty);
    /* an error releases *pleft and sets it NULL */
    MoObject *one = MoLong_FromLong(1);
    MoUnicode_AppendAndDel(&s, one);
    ck_assert_ptr_null(s);
    mt_assert_exc(MoExc_SystemError, NULL);
    Mo_DECREF(e);
    Mo_DECREF(h);
    Mo_DECREF(x);
}
END_TEST

START_TEST(test_concat_and_repeat)
{
    static const struct {
        const char *a, *b, *sum;
    } cases[] = {
        {"ab", "cd", "abcd"}, {"", "x", "x"}, {"caf", "\303\251", "caf\303\251"},
        {"\342\202\254", "a", "\342\202\254a"}, {"a", "\360\237\230\200", "a\360\237\230\200"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = str(cases[i].a), *b = str(cases[i].b);
        MoObject *sum = mt_ok(MoSequence_Concat(a, b));
        mt_assert_str(sum, cases[i].sum);
        MoObject *expect = str(cases[i].sum);
        ck_assert_int_eq(MoObject_RichCompareBool(sum, expect, MO_EQ), 1);
        ck_assert_int_eq(MoObject_Hash(sum), MoObject_Hash(expect));
        Mo_DECREF(expect);
        Mo_DECREF(sum);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    MoObject *ab = str("ab"), *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoUnicode_Concat(ab, one));
    mt_assert_exc(MoExc_TypeError, "can only concatenate str (not \"int\") to str");
    ck_assert_ptr_null(MoNumber_Add(ab, one));
    mt_assert_exc(MoExc_TypeError, "can only concatenate str (not \"int\") to str");
    MoObject *r = mt_ok(MoSequence_Repeat(ab, 3));
    mt_assert_repr(r, "'ababab'");
    Mo_DECREF(r);
    r = mt_ok(MoSequence_Repeat(ab, -2));
    ck_assert_ptr_eq(r, _MoUnicode_Empty());
    Mo_DECREF(r);
    r = mt_ok(MoSequence_Repeat(ab, 1));
    ck_assert_ptr_eq(r, ab);
    Mo_DECREF(r);
    ck_assert_ptr_null(MoSequence_Repeat(ab, MO_SSIZE_T_MAX / 2 + 1));
    mt_assert_exc(MoExc_OverflowError, "repeated string is too long");
    Mo_DECREF(one);
    Mo_DECREF(ab);
}
END_TEST

START_TEST(test_join)
{
    MoObject *sep = str(", "), *list = mt_ok(MoList_New(0));
    const char *items[] = {"a", "b\303\251", "c"};
    for (int i = 0; i < 3; i++) {
        MoObject *s = str(items[i]);
        MoList_Append(list, s);
        Mo_DECREF(s);
    }
    MoObject *j = mt_ok(MoUnicode_Join(sep, list));
    mt_assert_repr(j, "'a, b\303\251, c'");
    Mo_DECREF(j);
    /* one exact str: the item itself */
    MoObject *single = mt_ok(MoList_New(0));
    MoList_Append(single, MoList_GetItem(list, 1));
    j = mt_ok(MoUnicode_Join(sep, single));
    ck_assert_ptr_eq(j, MoList_GetItem(list, 1));
    Mo_DECREF(j);
    Mo_DECREF(single);
    /* errors, as str.join words them */
    MoObject *one = MoLong_FromLong(1);
    MoList_Insert(list, 1, one);
    ck_assert_ptr_null(MoUnicode_Join(sep, list));
    mt_assert_exc(MoExc_TypeError, "sequence item 1: expected str instance, int found");
    ck_assert_ptr_null(MoUnicode_Join(sep, one));
    mt_assert_exc(MoExc_TypeError, "can only join an iterable");
    MoObject *b = mt_ok(MoBytes_FromString("x")), *bl = mt_ok(MoList_New(0));
    MoList_Append(bl, b);
    ck_assert_ptr_null(MoUnicode_Join(sep, bl));
    mt_assert_exc(MoExc_TypeError, "sequence item 0: expected str instance, bytes found");
    Mo_DECREF(bl);
    Mo_DECREF(b);
    Mo_DECREF(one);
    Mo_DECREF(list);
    Mo_DECREF(sep);
}
END_TEST

/* -------------------------------------------------------------- decoding */

START_TEST(test_decode_errors)
{
    static const struct {
        const char *bytes;
        Mo_ssize_t n;
        const char *msg;
    } cases[] = {
        {"\377", 1, "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
        {"a\342(\241", 4, "'utf-8' codec can't decode byte 0xe2 in position 1: invalid continuation byte"},
        {"\342\202(", 3, "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"},
        {"\342\202", 2, "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
        {"\342", 1, "'utf-8' codec can't decode byte 0xe2 in position 0: unexpected end of data"},
        {"\355\240\200", 3, "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"},
        {"\360\200", 2, "'utf-8' codec can't decode byte 0xf0 in position 0: invalid continuation byte"},
        {"\364\220\200\200", 4, "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"},
        {"\300\200", 2, "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"},
        {"\360\237\230", 3, "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_ptr_null(MoUnicode_FromStringAndSize(cases[i].bytes, cases[i].n));
        mt_assert_exc(MoExc_UnicodeDecodeError, cases[i].msg);
    }
    ck_assert_ptr_null(MoUnicode_FromString("ok\377"));
    mt_assert_exc(MoExc_UnicodeDecodeError,
                  "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
}
END_TEST

/* ------------------------------------------------------------ formatting */

START_TEST(test_from_format)
{
    MoObject *abc = str("abc"), *e = str("\303\251t\303\251"), *n = MoLong_FromLong(42);
    static char big[16];
    struct {
        MoObject *got;
        const char *expected;
    } cases[] = {
        {MoUnicode_FromFormat("%d %i %u %ld %lu %zd %zu %lld %x", -1, 2, 3u, -4L, 5UL, (Mo_ssize_t)-6,
                              (size_t)7, -8LL, 255),
         "-1 2 3 -4 5 -6 7 -8 ff"},
        {MoUnicode_FromFormat("[%5d|%-4d|%03d|%.3d]", 42, 7, 5, 9), "[   42|7   |005|009]"},
        {MoUnicode_FromFormat("%s|%.2s|%6s|%c|%c|%%", "hi", "hello", "ab", 'x', 0x20ac), "hi|he|    ab|x|\342\202\254|%"},
        {MoUnicode_FromFormat("%S %R %U", n, abc, e), "42 'abc' \303\251t\303\251"},
        {MoUnicode_FromFormat("<%.2U><%5U><%.1R>", e, abc, abc), "<\303\251t><  abc><'>"},
        {MoUnicode_FromFormat("%V %V", abc, "unused", NULL, "alt"), "abc alt"},
        {MoUnicode_FromFormat("%p", (void *)0x1f), "0x1f"},
        {MoUnicode_FromFormat("bad \377 byte %s", "x\376"), "bad \357\277\275 byte x\357\277\275"},
        {MoUnicode_FromFormat("%d then %y %d", 1), "1 then %y %d"},
        {MoUnicode_FromFormat("%s", big), ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mt_ok(cases[i].got);
        mt_assert_str(cases[i].got, cases[i].expected);
        Mo_DECREF(cases[i].got);
    }
    ck_assert_ptr_null(MoUnicode_FromFormat("%c", 0x110000));
    mt_assert_exc(MoExc_OverflowError, "character argument not in range(0x110000)");
    MoErr_Format(MoExc_KeyError, "%R and %s", e, "more");
    mt_assert_exc(MoExc_KeyError, NULL);
    Mo_DECREF(n);
    Mo_DECREF(e);
    Mo_DECREF(abc);
}
END_TEST

/* ------------------------------------------------- comparison and sequence */

START_TEST(test_compare)
{
    static const struct {
        const char *a, *b;
        int cmp;
    } cases[] = {
        {"abc", "abd", -1}, {"abc", "abc", 0}, {"ab", "abc", -1}, {"b", "abc", 1}, {"", "", 0},
        {"\303\251", "z", 1}, {"\342\202\254", "\360\237\230\200", -1}, {"a\342\202\254", "a\303\251", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *a = str(cases[i].a), *b = str(cases[i].b);
        ck_assert_int_eq(MoUnicode_Compare(a, b), cases[i].cmp);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_LT), cases[i].cmp < 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_LE), cases[i].cmp <= 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_EQ), cases[i].cmp == 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_NE), cases[i].cmp != 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_GT), cases[i].cmp > 0);
        ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_GE), cases[i].cmp >= 0);
        ck_assert_int_eq(_MoUnicode_Equal(a, b), cases[i].cmp == 0);
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
    MoObject *a = str("a"), *one = MoLong_FromLong(1);
    ck_assert_int_eq(MoObject_RichCompareBool(a, one, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(a, one, MO_LT), -1);
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'str' and 'int'");
    ck_assert_int_eq(_MoUnicode_EqualToASCIIString(a, "a"), 1);
    ck_assert_int_eq(_MoUnicode_EqualToASCIIString(a, "ab"), 0);
    Mo_DECREF(one);
    Mo_DECREF(a);
}
END_TEST

START_TEST(test_sequence)
{
    MoObject *s = str("h\303\251\342\202\254");
    ck_assert_int_eq(MoObject_Length(s), 3);
    MoObject *c = mt_ok(MoSequence_GetItem(s, 2));
    mt_assert_repr(c, "'\342\202\254'");
    Mo_DECREF(c);
    c = mt_ok(MoSequence_GetItem(s, -1));
    mt_assert_repr(c, "'\342\202\254'");
    Mo_DECREF(c);
    ck_assert_ptr_null(MoSequence_GetItem(s, 3));
    mt_assert_exc(MoExc_IndexError, "string index out of range");
    static const struct {
        const char *sub;
        int in;
    } subs[] = {{"h", 1}, {"\303\251\342\202\254", 1}, {"", 1}, {"x", 0}, {"\360\237\230\200", 0}, {"h\342\202\254", 0}};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        MoObject *sub = str(subs[i].sub);
        ck_assert_int_eq(MoSequence_Contains(s, sub), subs[i].in);
        Mo_DECREF(sub);
    }
    MoObject *one = MoLong_FromLong(1);
    ck_assert_int_eq(MoSequence_Contains(s, one), -1);
    mt_assert_exc(MoExc_TypeError, "'in <string>' requires string as left operand, not int");
    Mo_DECREF(one);
    /* iteration yields one-character strings; the iterator types are 3.11's */
    MoObject *it = mt_ok(MoObject_GetIter(s)), *item;
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "str_iterator");
    ck_assert_int_eq(MoSys_GetSizeOf(it), 48);
    MoObject *sep = str("-"), *joined = mt_ok(MoUnicode_Join(sep, it));
    mt_assert_str(joined, "h-\303\251-\342\202\254");
    ck_assert_ptr_null(item = MoIter_Next(it));
    mt_assert_no_exc();
    Mo_DECREF(joined);
    Mo_DECREF(sep);
    Mo_DECREF(it);
    MoObject *ascii = str("ab");
    it = mt_ok(MoObject_GetIter(ascii));
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "str_ascii_iterator");
    item = mt_ok(MoIter_Next(it));
    mt_assert_repr(item, "'a'");
    Mo_DECREF(item);
    Mo_DECREF(it);
    Mo_DECREF(ascii);
    Mo_DECREF(s);
}
END_TEST

Suite *unicode_suite(void)
{
    Suite *s = suite_create("unicode");
    struct {
        const char *name;
        const TTest *test;
    } cases[] = {
        {"sizes", test_sizes},
        {"utf8_cache", test_utf8_cache_counts_in_size},
        {"kinds", test_kinds},
        {"reprs", test_reprs},
        {"hashes", test_hashes},
        {"singletons", test_singletons},
        {"interning_identities", test_interning_identities},
        {"interning_rules", test_interning_rules},
        {"interning_mortal", test_interning_is_mortal},
        {"interning_errors", test_interning_errors_and_singletons},
        {"append_in_place", test_append_in_place},
        {"concat_repeat", test_concat_and_repeat},
        {"join", test_join},
        {"decode_errors", test_decode_errors},
        {"from_format", test_from_format},
        {"compare", test_compare},
        {"sequence", test_sequence},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = mt_tcase(cases[i].name);
        tcase_add_test(tc, cases[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
