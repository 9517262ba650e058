/* Members of every C type (structmember.c), against CPython 3.11: a static type
 * "memb.M" with one field of each T_* type, and a table of sets, deletes and the
 * reads after them. Each row's expected result, the value read back and the
 * warnings are what python3 printed for a CPython extension type with the same
 * fields and members (written with Python.h, built against CPython 3.11.7), so the
 * conversions, the truncations, CPython's quirks (a failed set of a long field
 * leaves -1 in it) and the messages are checked against the real thing. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"
#include "structmember.h"

/* ------------------------------------------------------------- the type */

typedef struct {
    MoObject_HEAD
    char b; unsigned char ub; short s; unsigned short us; int i; unsigned int ui;
    long l; unsigned long ul; Mo_ssize_t n; float f; double d; char c; char bo;
    long long ll; unsigned long long ull; const char *str; MoObject *o, *ox;
    char ro;
    char sin[8];
} MObject;

static MoMemberDef m_members[] = {
    {"b", T_BYTE, offsetof(MObject, b), 0, NULL},
    {"ub", T_UBYTE, offsetof(MObject, ub), 0, NULL},
    {"s", T_SHORT, offsetof(MObject, s), 0, NULL},
    {"us", T_USHORT, offsetof(MObject, us), 0, NULL},
    {"i", T_INT, offsetof(MObject, i), 0, NULL},
    {"ui", T_UINT, offsetof(MObject, ui), 0, NULL},
    {"l", T_LONG, offsetof(MObject, l), 0, NULL},
    {"ul", T_ULONG, offsetof(MObject, ul), 0, NULL},
    {"n", T_PYSSIZET, offsetof(MObject, n), 0, NULL},
    {"f", T_FLOAT, offsetof(MObject, f), 0, NULL},
    {"d", T_DOUBLE, offsetof(MObject, d), 0, NULL},
    {"c", T_CHAR, offsetof(MObject, c), 0, NULL},
    {"bo", T_BOOL, offsetof(MObject, bo), 0, NULL},
    {"ll", T_LONGLONG, offsetof(MObject, ll), 0, NULL},
    {"ull", T_ULONGLONG, offsetof(MObject, ull), 0, NULL},
    {"str", T_STRING, offsetof(MObject, str), 0, NULL},
    {"sin", T_STRING_INPLACE, offsetof(MObject, sin), 0, NULL},
    {"none", T_NONE, offsetof(MObject, ro), 0, NULL},
    {"o", T_OBJECT, offsetof(MObject, o), 0, NULL},
    {"ox", T_OBJECT_EX, offsetof(MObject, ox), 0, NULL},
    {"ro", T_INT, offsetof(MObject, i), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static void m_dealloc(MoObject *self)
{
    MObject *m = (MObject *)self;
    Mo_XDECREF(m->o);
    Mo_XDECREF(m->ox);
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject M_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "memb.M",
    .tp_basicsize = sizeof(MObject),
    .tp_dealloc = m_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_members = m_members,
};

/* new: an M as the CPython twin's tp_new makes it: zeros, str "hello", c 'x'. */
static MoObject *new_m(void)
{
    ck_assert_int_eq(MoType_Ready(&M_Type), 0);
    MObject *m = MoObject_New(MObject, &M_Type);
    ck_assert_ptr_nonnull(m);
    memset((char *)m + sizeof(MoObject), 0, sizeof(MObject) - sizeof(MoObject));
    m->str = "hello";
    m->c = 'x';
    memcpy(m->sin, "inplace", 8);
    return (MoObject *)m;
}

/* --------------------------------------------------------------- helpers */

/* new: the value a row's text stands for ('a', None, True, 1.5, 1e+39, 123...). */
static MoObject *value_of(const char *text)
{
    size_t n = strlen(text);
    if (text[0] == '\'')
        return mt_ok(MoUnicode_FromStringAndSize(text + 1, (Mo_ssize_t)n - 2));
    if (strcmp(text, "None") == 0)
        return Mo_NewRef(Mo_None);
    if (strcmp(text, "True") == 0 || strcmp(text, "False") == 0)
        return MoBool_FromLong(text[0] == 'T');
    if (strpbrk(text, ".e") != NULL)
        return mt_ok(MoFloat_FromDouble(strtod(text, NULL)));
    return mt_ok(MoLong_FromString(text));
}

/* "Type: message" of the pending exception (cleared), in buf. */
static const char *raised(char *buf, size_t size)
{
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *msg = mt_ok(MoObject_Str(exc));
    snprintf(buf, size, "%s: %s", Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
    Mo_DECREF(msg);
    Mo_DECREF(exc);
    return buf;
}

/* What stderr received while a set ran: fd 2 goes to a temporary file. */
static int saved_stderr = -1;
static FILE *captured;

static void capture_start(void)
{
    fflush(stderr);
    captured = tmpfile();
    ck_assert_ptr_nonnull(captured);
    saved_stderr = dup(2);
    dup2(fileno(captured), 2);
}

static const char *capture_end(char *buf, size_t size)
{
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    rewind(captured);
    size_t got = fread(buf, 1, size - 1, captured);
    buf[got] = '\0';
    fclose(captured);
    return buf;
}

/* ------------------------------------------------------------- the table */

/* field, the value set (NULL: deleted), what the set did, repr of the field (or the
   exception) read after it, the warnings written. From python3 3.11.7. */
static const struct {
    const char *field, *value, *result, *after, *warnings;
} cases[] = {
    {"b", "127", "ok", "127", ""},
    {"b", "128", "ok", "-128", "RuntimeWarning: Truncation of value to char\n"},
    {"b", "-129", "ok", "127", "RuntimeWarning: Truncation of value to char\n"},
    {"b", "9223372036854775808", "OverflowError: Python int too large to convert to C long", "0", ""},
    {"b", "1.5", "TypeError: 'float' object cannot be interpreted as an integer", "0", ""},
    {"b", "'a'", "TypeError: 'str' object cannot be interpreted as an integer", "0", ""},
    {"b", "None", "TypeError: 'NoneType' object cannot be interpreted as an integer", "0", ""},
    {"ub", "255", "ok", "255", ""},
    {"ub", "-1", "ok", "255", "RuntimeWarning: Truncation of value to unsigned char\n"},
    {"ub", "256", "ok", "0", "RuntimeWarning: Truncation of value to unsigned char\n"},
    {"ub", "300", "ok", "44", "RuntimeWarning: Truncation of value to unsigned char\n"},
    {"s", "32767", "ok", "32767", ""},
    {"s", "32768", "ok", "-32768", "RuntimeWarning: Truncation of value to short\n"},
    {"s", "-32769", "ok", "32767", "RuntimeWarning: Truncation of value to short\n"},
    {"us", "65535", "ok", "65535", ""},
    {"us", "-1", "ok", "65535", "RuntimeWarning: Truncation of value to unsigned short\n"},
    {"us", "65536", "ok", "0", "RuntimeWarning: Truncation of value to unsigned short\n"},
    {"i", "2147483647", "ok", "2147483647", ""},
    {"i", "2147483648", "ok", "-2147483648", "RuntimeWarning: Truncation of value to int\n"},
    {"i", "-2147483649", "ok", "2147483647", "RuntimeWarning: Truncation of value to int\n"},
    {"i", "9223372036854775808", "OverflowError: Python int too large to convert to C long", "0", ""},
    {"ui", "4294967295", "ok", "4294967295", ""},
    {"ui", "-1", "ok", "4294967295", "RuntimeWarning: Writing negative value into unsigned field\nRuntimeWarning: Truncation of value to unsigned int\n"},
    {"ui", "4294967296", "ok", "0", "RuntimeWarning: Truncation of value to unsigned int\n"},
    {"ui", "9223372036854775808", "ok", "0", "RuntimeWarning: Truncation of value to unsigned int\n"},
    {"ui", "18446744073709551616", "OverflowError: Python int too large to convert to C long", "0", ""},
    {"ui", "'a'", "TypeError: 'str' object cannot be interpreted as an integer", "0", ""},
    {"l", "9223372036854775807", "ok", "9223372036854775807", ""},
    {"l", "-9223372036854775808", "ok", "-9223372036854775808", ""},
    {"l", "9223372036854775808", "OverflowError: Python int too large to convert to C long", "-1", ""},
    {"l", "'a'", "TypeError: 'str' object cannot be interpreted as an integer", "-1", ""},
    {"ul", "18446744073709551615", "ok", "18446744073709551615", ""},
    {"ul", "-1", "ok", "18446744073709551615", "RuntimeWarning: Writing negative value into unsigned field\n"},
    {"ul", "18446744073709551616", "OverflowError: Python int too large to convert to C long", "18446744073709551615", ""},
    {"ul", "'a'", "TypeError: 'str' object cannot be interpreted as an integer", "18446744073709551615", ""},
    {"n", "9223372036854775807", "ok", "9223372036854775807", ""},
    {"n", "9223372036854775808", "OverflowError: Python int too large to convert to C ssize_t", "-1", ""},
    {"n", "1.5", "TypeError: an integer is required", "-1", ""},
    {"n", "True", "ok", "1", ""},
    {"f", "1.5", "ok", "1.5", ""},
    {"f", "0.1", "ok", "0.10000000149011612", ""},
    {"f", "2147483647", "ok", "2147483648.0", ""},
    {"f", "1e+39", "ok", "inf", ""},
    {"f", "True", "ok", "1.0", ""},
    {"f", "'a'", "TypeError: must be real number, not str", "0.0", ""},
    {"f", "179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "OverflowError: int too large to convert to float", "0.0", ""},
    {"d", "0.1", "ok", "0.1", ""},
    {"d", "'a'", "TypeError: must be real number, not str", "-1.0", ""},
    {"d", "179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "OverflowError: int too large to convert to float", "-1.0", ""},
    {"c", "'a'", "ok", "'a'", ""},
    {"c", "'ab'", "TypeError: bad argument type for built-in operation", "'x'", ""},
    {"c", "'é'", "TypeError: bad argument type for built-in operation", "'x'", ""},
    {"c", "''", "TypeError: bad argument type for built-in operation", "'x'", ""},
    {"c", "1", "TypeError: bad argument type for built-in operation", "'x'", ""},
    {"c", "None", "TypeError: bad argument type for built-in operation", "'x'", ""},
    {"bo", "True", "ok", "True", ""},
    {"bo", "False", "ok", "False", ""},
    {"bo", "1", "TypeError: attribute value type must be bool", "False", ""},
    {"bo", "None", "TypeError: attribute value type must be bool", "False", ""},
    {"ll", "9223372036854775807", "ok", "9223372036854775807", ""},
    {"ll", "9223372036854775808", "OverflowError: int too big to convert", "-1", ""},
    {"ll", "-9223372036854775809", "OverflowError: int too big to convert", "-1", ""},
    {"ll", "'a'", "TypeError: 'str' object cannot be interpreted as an integer", "-1", ""},
    {"ull", "18446744073709551615", "ok", "18446744073709551615", ""},
    {"ull", "-1", "OverflowError: can't convert negative int to unsigned", "18446744073709551615", ""},
    {"ull", "18446744073709551616", "OverflowError: int too big to convert", "18446744073709551615", ""},
    {"ull", "'a'", "TypeError: 'str' object cannot be interpreted as an integer", "18446744073709551615", ""},
    {"str", "'a'", "TypeError: readonly attribute", "'hello'", ""},
    {"str", "None", "TypeError: readonly attribute", "'hello'", ""},
    {"sin", "'a'", "TypeError: readonly attribute", "'inplace'", ""},
    {"none", "1", "SystemError: bad memberdescr type for none", "None", ""},
    {"o", "1", "ok", "1", ""},
    {"o", "None", "ok", "None", ""},
    {"ox", "1", "ok", "1", ""},
    {"ro", "1", "AttributeError: readonly attribute", "0", ""},
    {"b", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"ub", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"s", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"us", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"i", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"ui", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"l", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"ul", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"n", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"f", NULL, "TypeError: can't delete numeric/char attribute", "0.0", ""},
    {"d", NULL, "TypeError: can't delete numeric/char attribute", "0.0", ""},
    {"c", NULL, "TypeError: can't delete numeric/char attribute", "'x'", ""},
    {"bo", NULL, "TypeError: can't delete numeric/char attribute", "False", ""},
    {"ll", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"ull", NULL, "TypeError: can't delete numeric/char attribute", "0", ""},
    {"str", NULL, "TypeError: can't delete numeric/char attribute", "'hello'", ""},
    {"sin", NULL, "TypeError: can't delete numeric/char attribute", "'inplace'", ""},
    {"none", NULL, "TypeError: can't delete numeric/char attribute", "None", ""},
    {"o", NULL, "ok", "None", ""},
    {"ox", NULL, "AttributeError: ox", "AttributeError: 'memb.M' object has no attribute 'ox'", ""},
    {"ro", NULL, "AttributeError: readonly attribute", "0", ""},
};

/* Set (or delete) one field of a new M, then read it back. */
static void run_case(int k)
{
    char got[256], after[256], warned[256];
    MoObject *m = new_m();
    MoObject *v = cases[k].value ? value_of(cases[k].value) : NULL;
    capture_start();
    int rc = v ? MoObject_SetAttrString(m, cases[k].field, v) : MoObject_DelAttrString(m, cases[k].field);
    capture_end(warned, sizeof warned);
    if (rc == 0)
        snprintf(got, sizeof got, "ok");
    else
        raised(got, sizeof got);
    MoObject *now = MoObject_GetAttrString(m, cases[k].field);
    if (now != NULL) {
        snprintf(after, sizeof after, "%s", mt_repr(now));
        Mo_DECREF(now);
    } else {
        raised(after, sizeof after);
    }
    if (strcmp(got, cases[k].result) != 0 || strcmp(after, cases[k].after) != 0 ||
        strcmp(warned, cases[k].warnings) != 0)
        ck_abort_msg("m.%s = %s: got [%s], read [%s], warned [%s]; CPython: [%s], [%s], [%s]", cases[k].field,
                     cases[k].value ? cases[k].value : "(del)", got, after, warned, cases[k].result,
                     cases[k].after, cases[k].warnings);
    Mo_XDECREF(v);
    Mo_DECREF(m);
}

START_TEST(each_type_as_cpython)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        run_case((int)k);
}
END_TEST

START_TEST(new_fields_read_as_cpython)
{
    MoObject *m = new_m();
    static const char *const expect[][2] = {
        {"b", "0"}, {"ub", "0"}, {"f", "0.0"}, {"c", "'x'"}, {"bo", "False"},
        {"str", "'hello'"}, {"sin", "'inplace'"}, {"none", "None"}, {"o", "None"},
    };
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++) {
        MoObject *v = mt_ok(MoObject_GetAttrString(m, expect[k][0]));
        mt_assert_repr(v, expect[k][1]);
        Mo_DECREF(v);
    }
    ck_assert_ptr_null(MoObject_GetAttrString(m, "ox"));
    mt_assert_exc(MoExc_AttributeError, "'memb.M' object has no attribute 'ox'");
    ((MObject *)m)->str = NULL;   /* a NULL char * reads as None */
    MoObject *v = mt_ok(MoObject_GetAttrString(m, "str"));
    ck_assert_ptr_eq(v, Mo_None);
    Mo_DECREF(v);
    Mo_DECREF(m);
}
END_TEST

/* A set writes its own bytes only: a short next to a byte, an int next to them. */
START_TEST(fields_do_not_overlap)
{
    MoObject *m = new_m();
    MObject *raw = (MObject *)m;
    MoObject *v = value_of("-2");
    ck_assert_int_eq(MoObject_SetAttrString(m, "s", v), 0);
    char warned[128];
    capture_start();
    ck_assert_int_eq(MoObject_SetAttrString(m, "ub", v), 0);   /* 254, with a warning */
    capture_end(warned, sizeof warned);
    ck_assert_str_eq(warned, "RuntimeWarning: Truncation of value to unsigned char\n");
    ck_assert_int_eq(raw->s, -2);
    ck_assert_int_eq(raw->ub, 254);
    ck_assert_int_eq(raw->b, 0);
    ck_assert_int_eq(raw->us, 0);
    ck_assert_int_eq(raw->i, 0);
    Mo_DECREF(v);
    Mo_DECREF(m);
}
END_TEST

/* The old value of an object field dies after the new one is in place: its
   deallocator reads the field and finds the new value. */
static MoObject *watched;          /* borrowed: the M whose field is read */
static MoObject *seen_in_field;    /* borrowed: what the dying value saw there */

static void witness_dealloc(MoObject *self)
{
    seen_in_field = ((MObject *)watched)->o;
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Witness_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Witness",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = witness_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

START_TEST(object_field_replaced_before_old_dies)
{
    ck_assert_int_eq(MoType_Ready(&Witness_Type), 0);
    watched = new_m();
    MoObject *old = MoObject_New(MoObject, &Witness_Type);
    MoObject *new = mt_ok(MoLong_FromLong(7000));   /* not a cached small int */
    ck_assert_int_eq(MoObject_SetAttrString(watched, "o", old), 0);
    Mo_DECREF(old);
    ck_assert_int_eq(MoObject_SetAttrString(watched, "o", new), 0);
    ck_assert_ptr_eq(seen_in_field, new);
    ck_assert_int_eq(Mo_REFCNT(new), 2);
    Mo_DECREF(new);
    Mo_DECREF(watched);
}
END_TEST

/* The public functions, without a descriptor: what an extension's getter calls. */
START_TEST(get_one_and_set_one)
{
    MoObject *m = new_m();
    MoMemberDef *ub = &m_members[1];
    MoObject *v = value_of("200");
    ck_assert_int_eq(MoMember_SetOne((char *)m, ub, v), 0);
    MoObject *got = mt_ok(MoMember_GetOne((const char *)m, ub));
    ck_assert_ptr_eq(got, v);   /* both the cached small int 200 */
    Mo_DECREF(got);
    MoMemberDef bad = {"bad", 15, offsetof(MObject, b), 0, NULL};
    ck_assert_ptr_null(MoMember_GetOne((const char *)m, &bad));
    mt_assert_exc(MoExc_SystemError, "bad memberdescr type");
    ck_assert_int_eq(MoMember_SetOne((char *)m, &bad, v), -1);
    mt_assert_exc(MoExc_SystemError, "bad memberdescr type for bad");
    Mo_DECREF(v);
    Mo_DECREF(m);
}
END_TEST

Suite *structmember_suite(void)
{
    Suite *s = suite_create("structmember");
    TCase *tc = mt_tcase("structmember");
    tcase_add_test(tc, each_type_as_cpython);
    tcase_add_test(tc, new_fields_read_as_cpython);
    tcase_add_test(tc, fields_do_not_overlap);
    tcase_add_test(tc, object_field_replaced_before_old_dies);
    tcase_add_test(tc, get_one_and_set_one);
    suite_add_tcase(s, tc);
    return s;
}
