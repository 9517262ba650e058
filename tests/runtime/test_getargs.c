/* MoArg_ParseTuple and MoArg_ParseTupleAndKeywords (getargs.c): each format unit,
 * and every error worded as CPython 3.11's getargs.c words it. The expected
 * messages are what CPython's PyArg_ParseTuple(AndKeywords) gives for the same
 * format and arguments (checked with a CPython extension calling them).
 */
#include "testutil.h"

/* Storage any unit can write to (the widest is a pointer or a long long). */
static long long slots[8][2];

/* new: the arguments of a case from a description: i an int (1, 2, ...), m the int
   -1, H the int 40000, l the int 2**31, s the str 'x', d the float 1.5, O None,
   (...) a tuple of those. */
static MoObject *build_item(const char **d, long *next);

static MoObject *build_tuple_of(const char **d, long *next, char close)
{
    MoObject *items = MoList_New(0);
    while (**d && **d != close) {
        MoObject *v = build_item(d, next);
        MoList_Append(items, v);
        Mo_DECREF(v);
    }
    if (**d == close)
        (*d)++;
    MoObject *t = MoList_AsTuple(items);
    Mo_DECREF(items);
    return t;
}

static MoObject *build_item(const char **d, long *next)
{
    switch (*(*d)++) {
    case 'i': return MoLong_FromLong((*next)++);
    case 'm': return MoLong_FromLong(-1);
    case 'H': return MoLong_FromLong(40000);
    case 'l': return MoLong_FromLong(2147483648L);
    case 's': return MoUnicode_FromString("x");
    case 'd': return MoFloat_FromDouble(1.5);
    case '(': return build_tuple_of(d, next, ')');
    default: return Mo_NewRef(Mo_None);
    }
}

static MoObject *build_args(const char *desc)
{
    long next = 1;
    const char *d = desc;
    if (*d == '(')
        d++;
    return build_tuple_of(&d, &next, ')');
}

/* Parse args (and kwargs when kwlist is given) by format; 1 or 0 as the call. */
static int try_parse(const char *format, MoObject *args, MoObject *kwargs, char **kwlist)
{
    if (kwlist == NULL)
        return MoArg_ParseTuple(args, format, slots[0], slots[1], slots[2], slots[3], slots[4], slots[5]);
    return MoArg_ParseTupleAndKeywords(args, kwargs, format, kwlist, slots[0], slots[1], slots[2], slots[3],
                                       slots[4], slots[5]);
}

typedef struct {
    const char *format;
    const char *args;        /* the positional arguments, as build_args describes them */
    const char *kwargs;      /* Mo_BuildValue format of a dict, or NULL */
    const char *names;       /* the kwlist, space separated ("-" an empty name); NULL: ParseTuple */
    MoObject **exc;          /* NULL: the call succeeds */
    const char *message;
} parse_case;

#define T &MoExc_TypeError
#define O &MoExc_OverflowError
#define V &MoExc_ValueError
static const parse_case cases[] = {
    { "ii:f", "(i)", NULL, NULL, T, "f() takes exactly 2 arguments (1 given)" },
    { "ii:f", "(iii)", NULL, NULL, T, "f() takes exactly 2 arguments (3 given)" },
    { "i|i:f", "", NULL, NULL, T, "f() takes at least 1 argument (0 given)" },
    { "i|i:f", "(iii)", NULL, NULL, T, "f() takes at most 2 arguments (3 given)" },
    { "i|i", "", NULL, NULL, T, "function takes at least 1 argument (0 given)" },
    { ":f", "(i)", NULL, NULL, T, "f() takes exactly 0 arguments (1 given)" },
    { "i|i:f", "(i)", NULL, NULL, NULL, NULL },
    { "i:f", "(s)", NULL, NULL, T, "'str' object cannot be interpreted as an integer" },
    { "i:f", "(d)", NULL, NULL, T, "'float' object cannot be interpreted as an integer" },
    { "i:f", "(l)", NULL, NULL, O, "signed integer is greater than maximum" },
    { "b:f", "(m)", NULL, NULL, O, "unsigned byte integer is less than minimum" },
    { "h:f", "(H)", NULL, NULL, O, "signed short integer is greater than maximum" },
    { "U:f", "(i)", NULL, NULL, T, "f() argument 1 must be str, not int" },
    { "S:f", "(s)", NULL, NULL, T, "f() argument 1 must be bytes, not str" },
    { "s:f", "(O)", NULL, NULL, T, "f() argument 1 must be str, not None" },
    { "z:f", "(i)", NULL, NULL, T, "f() argument 1 must be str or None, not int" },
    { "z:f", "(O)", NULL, NULL, NULL, NULL },
    { "(ii):f", "(i)", NULL, NULL, T, "f() argument 1 must be 2-item sequence, not int" },
    { "(ii):f", "((i))", NULL, NULL, T, "f() argument 1 must be sequence of length 2, not 1" },
    { "(ii):f", "((ii))", NULL, NULL, NULL, NULL },
    { "ii;custom message", "(i)", NULL, NULL, T, "custom message" },
    { "U;custom", "(i)", NULL, NULL, T, "custom" },
    { "i;custom", "(s)", NULL, NULL, T, "'str' object cannot be interpreted as an integer" },
    /* keywords: bisect's signature (a, x, lo=0, hi=None, *, key=None) */
    { "OO|nO$O:g", "", NULL, "a x lo hi key", T, "g() missing required argument 'a' (pos 1)" },
    { "OO|nO$O:g", "(i)", NULL, "a x lo hi key", T, "g() missing required argument 'x' (pos 2)" },
    { "OO|nO$O:g", "(iiiii)", NULL, "a x lo hi key", T, "g() takes at most 4 positional arguments (5 given)" },
    { "OO|nO$O:g", "(iiiiii)", NULL, "a x lo hi key", T, "g() takes at most 5 arguments (6 given)" },
    { "OO|nO$O:g", "", "{s:i,s:i,s:i}", "a x lo hi key", T, "'q' is an invalid keyword argument for g()" },
    { "OO|nO$O:g", "(ii)", "{s:i}", "a x lo hi key", T, "argument for g() given by name ('a') and position (1)" },
    { "OO|nO$O:g", "(ii)", "{s:i}", "a x lo hi key", NULL, NULL },
    { "|O$O:g", "(ii)", NULL, "a b", T, "g() takes at most 1 positional argument (2 given)" },
    { "|$O:g", "(i)", NULL, "b", T, "g() takes no positional arguments" },
    { "O|O", "", NULL, "- b", T, "function takes at least 1 positional argument (0 given)" },
    { "OO|O", "(i)", NULL, "- - c", T, "function takes at least 2 positional arguments (1 given)" },
    { "|O:g", "", "{s:i,s:i}", "a", T, "g() takes at most 1 keyword argument (2 given)" },
    { "|UUi", "(i)", NULL, "first last number", T, "argument 1 must be str, not int" },
    { "|UU", "", "{s:i}", "first last", T, "argument 2 must be str, not int" },
    { "O|O", "", NULL, "a b", T, "function missing required argument 'a' (pos 1)" },
    { "O|$O:g", "", "{s:i}", "a b", T, "g() missing required argument 'a' (pos 1)" },
    { "O|$O:g", "(i)", "{s:i}", "a b", NULL, NULL },
};

/* The keyword dicts of the cases, by their format (names chosen per case). */
static MoObject *build_kwargs(const parse_case *c)
{
    if (c->kwargs == NULL)
        return NULL;
    if (strcmp(c->names, "a x lo hi key") == 0 && strcmp(c->args, "") == 0)
        return Mo_BuildValue(c->kwargs, "q", 1, "a", 1, "x", 2);
    if (strcmp(c->names, "a x lo hi key") == 0)
        return Mo_BuildValue(c->kwargs, c->exc ? "a" : "lo", 1);
    if (strcmp(c->names, "a") == 0)
        return Mo_BuildValue(c->kwargs, "a", 1, "c", 2);
    if (strcmp(c->names, "first last") == 0)
        return Mo_BuildValue(c->kwargs, "last", 1);
    return Mo_BuildValue(c->kwargs, "b", 2);
}

/* The kwlist of a case, in buf (words of names; "-" is an empty name). */
static char **build_kwlist(const char *names, char *buf, size_t size, char **list)
{
    if (names == NULL)
        return NULL;
    snprintf(buf, size, "%s", names);
    int n = 0;
    for (char *w = strtok(buf, " "); w != NULL; w = strtok(NULL, " "))
        list[n++] = strcmp(w, "-") == 0 ? "" : w;
    list[n] = NULL;
    return list;
}

START_TEST(cases_match_cpython)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const parse_case *c = &cases[i];
        MoObject *args = build_args(c->args);
        MoObject *kwargs = build_kwargs(c);
        char buf[64], *list[8];
        int ok = try_parse(c->format, args, kwargs, build_kwlist(c->names, buf, sizeof buf, list));
        if (c->exc == NULL) {
            ck_assert_msg(ok == 1, "case %zu (%s) failed", i, c->format);
            mt_assert_no_exc();
        } else {
            ck_assert_msg(ok == 0, "case %zu (%s) succeeded", i, c->format);
            mt_assert_exc(*c->exc, c->message);
        }
        Mo_XDECREF(kwargs);
        Mo_DECREF(args);
    }
}
END_TEST

START_TEST(units_store_values)
{
    MoObject *list = MoList_New(0);
    MoObject *args = mt_ok(Mo_BuildValue("(ilndsOO(is)i)", 7, 8L, (Mo_ssize_t)9, 2.5, "hi", list, list, 1, "x", 0));
    int i, p, n1;
    long l;
    Mo_ssize_t n;
    double d;
    const char *s, *s2;
    MoObject *o, *typed;
    ck_assert(MoArg_ParseTuple(args, "ilndsOO!(is)p:f", &i, &l, &n, &d, &s, &o, &MoList_Type, &typed, &n1, &s2, &p));
    ck_assert_int_eq(i, 7);
    ck_assert_int_eq(l, 8);
    ck_assert_int_eq(n, 9);
    ck_assert(d == 2.5);
    ck_assert_str_eq(s, "hi");
    ck_assert_ptr_eq(o, list);
    ck_assert_ptr_eq(typed, list);
    ck_assert_int_eq(n1, 1);
    ck_assert_str_eq(s2, "x");
    ck_assert_int_eq(p, 0);
    /* O! with the wrong type names the type. */
    MoObject *one = mt_ok(Mo_BuildValue("(i)", 1));
    ck_assert(!MoArg_ParseTuple(one, "O!:f", &MoList_Type, &typed));
    mt_assert_exc(MoExc_TypeError, "f() argument 1 must be list, not int");
    Mo_DECREF(one);
    Mo_DECREF(args);
    Mo_DECREF(list);
}
END_TEST

/* An O& converter: stores the int doubled; fails on negative numbers. */
static int double_it(MoObject *o, void *addr)
{
    long v = MoLong_AsLong(o);
    if (v < 0) {
        MoErr_SetString(MoExc_ValueError, "negative");
        return 0;
    }
    *(long *)addr = 2 * v;
    return 1;
}

START_TEST(converter_units)
{
    long out = 0;
    MoObject *args = mt_ok(Mo_BuildValue("(i)", 21));
    ck_assert(MoArg_ParseTuple(args, "O&:f", double_it, &out));
    ck_assert_int_eq(out, 42);
    Mo_DECREF(args);
    args = mt_ok(Mo_BuildValue("(i)", -1));
    ck_assert(!MoArg_ParseTuple(args, "O&:f", double_it, &out));
    mt_assert_exc(MoExc_ValueError, "negative");
    Mo_DECREF(args);
}
END_TEST

START_TEST(optional_and_keywords_store)
{
    static char *kwlist[] = { "a", "b", "c", NULL };
    MoObject *args = mt_ok(Mo_BuildValue("(i)", 1)), *kw = mt_ok(Mo_BuildValue("{s:i}", "c", 3));
    int a = 0, b = -1, c = 0;
    ck_assert(MoArg_ParseTupleAndKeywords(args, kw, "i|ii:f", kwlist, &a, &b, &c));
    ck_assert_int_eq(a, 1);
    ck_assert_int_eq(b, -1);   /* not given: untouched */
    ck_assert_int_eq(c, 3);
    Mo_DECREF(kw);
    kw = mt_ok(Mo_BuildValue("{i:i}", 1, 2));
    ck_assert(!MoArg_ParseTupleAndKeywords(args, kw, "i|ii:f", kwlist, &a, &b, &c));
    mt_assert_exc(MoExc_TypeError, "keywords must be strings");
    Mo_DECREF(kw);
    Mo_DECREF(args);
}
END_TEST

START_TEST(fastcall_count_checks)
{
    ck_assert(_MoArg_CheckPositionalCount("heappush", 2, 2, 2));
    ck_assert(!_MoArg_CheckPositionalCount("heappush", 0, 2, 2));
    mt_assert_exc(MoExc_TypeError, "heappush expected 2 arguments, got 0");
    ck_assert(!_MoArg_CheckPositionalCount("f", 0, 1, 3));
    mt_assert_exc(MoExc_TypeError, "f expected at least 1 argument, got 0");
    ck_assert(!_MoArg_CheckPositionalCount("f", 4, 1, 3));
    mt_assert_exc(MoExc_TypeError, "f expected at most 3 arguments, got 4");
    MoObject *kw = mt_ok(Mo_BuildValue("{s:i}", "x", 1));
    ck_assert(!_MoArg_NoKeywords("f", kw));
    mt_assert_exc(MoExc_TypeError, "f() takes no keyword arguments");
    ck_assert(_MoArg_NoKeywords("f", NULL));
    Mo_DECREF(kw);
}
END_TEST

Suite *getargs_suite(void)
{
    Suite *s = suite_create("getargs");
    TCase *tc = mt_tcase("getargs");
    tcase_add_test(tc, cases_match_cpython);
    tcase_add_test(tc, units_store_values);
    tcase_add_test(tc, converter_units);
    tcase_add_test(tc, optional_and_keywords_store);
    tcase_add_test(tc, fastcall_count_checks);
    suite_add_tcase(s, tc);
    return s;
}
