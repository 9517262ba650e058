/* itertools: count, islice, repeat, chain, against CPython 3.11's results. */
#include "pyutil.h"

/* list(itertools.fn(*args)) gives expected. */
#define LIST(expected, fn, ...)                                                   \
    do {                                                                          \
        MoObject *t = pu_attr("itertools", fn), *a = Mo_BuildValue(__VA_ARGS__);  \
        MoObject *it = MoObject_Call(t, a, NULL);                                 \
        pu_assert_text(pu_text(it ? MoSequence_List(it) : NULL), expected);       \
        Mo_XDECREF(it);                                                           \
        Mo_DECREF(a);                                                             \
        Mo_DECREF(t);                                                             \
    } while (0)

/* repr(itertools.fn(*args)) gives expected. */
#define REPR(expected, fn, ...) pu_assert_text(pu_call("itertools", fn, __VA_ARGS__), expected)

/* islice(count(start, step), n) as a list. */
static const char *count_prefix(MoObject *count_args, long n)
{
    MoObject *count = pu_attr("itertools", "count"), *islice = pu_attr("itertools", "islice");
    MoObject *c = mt_ok(MoObject_Call(count, count_args, NULL));
    MoObject *s = mt_ok(MoObject_CallFunction(islice, "Ol", c, n));
    const char *text = pu_text(MoSequence_List(s));
    Mo_DECREF(s);
    Mo_DECREF(c);
    Mo_DECREF(islice);
    Mo_DECREF(count);
    Mo_DECREF(count_args);
    return text;
}

START_TEST(count_counts)
{
    pu_assert_text(count_prefix(Mo_BuildValue("()"), 3), "[0, 1, 2]");
    pu_assert_text(count_prefix(Mo_BuildValue("(ii)", 10, -2), 3), "[10, 8, 6]");
    pu_assert_text(count_prefix(Mo_BuildValue("(dd)", 0.5, 0.25), 3), "[0.5, 0.75, 1.0]");
    REPR("count(5)", "count", "(i)", NULL, 5);
    REPR("count(0, 2)", "count", "(ii)", NULL, 0, 2);
    REPR("TypeError: a number is required", "count", "(s)", NULL, "a");
}
END_TEST

START_TEST(islice_slices_lazily)
{
    MoObject *r = mt_ok(MoRange_New(0, 10, 1));
    LIST("[0, 1, 2]", "islice", "(Oi)", r, 3);
    LIST("[2, 4, 6]", "islice", "(Oiii)", r, 2, 8, 2);
    LIST("[5, 6, 7, 8, 9]", "islice", "(OiO)", r, 5, Mo_None);
    LIST("[]", "islice", "(Oi)", r, 0);
    LIST("ValueError: Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.", "islice",
         "(Oi)", r, -1);
    LIST("ValueError: Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.", "islice",
         "(Oii)", r, -1, 3);
    LIST("ValueError: Step for islice() must be a positive integer or None.", "islice", "(Oiii)", r, 0, 3, 0);
    Mo_DECREF(r);
}
END_TEST

START_TEST(repeat_repeats)
{
    LIST("['a', 'a', 'a']", "repeat", "(si)", "a", 3);
    LIST("[]", "repeat", "(si)", "a", -1);
    REPR("repeat('a', 3)", "repeat", "(si)", NULL, "a", 3);
    REPR("repeat('a')", "repeat", "(s)", NULL, "a");
}
END_TEST

START_TEST(chain_chains)
{
    LIST("[1, 2, 'a', 3]", "chain", "([ii](s)[i])", 1, 2, "a", 3);
    LIST("[]", "chain", "()");
    LIST("TypeError: 'int' object is not iterable", "chain", "([i]i)", 1, 2);
    MoObject *chain = pu_attr("itertools", "chain");
    MoObject *fi = mt_ok(MoObject_GetAttrString(chain, "from_iterable"));
    MoObject *nested = Mo_BuildValue("[[ii][i]]", 1, 2, 3);
    MoObject *it = mt_ok(MoObject_CallOneArg(fi, nested));
    ck_assert_ptr_eq(Mo_TYPE(it), (MoTypeObject *)chain);
    pu_assert_text(pu_text(MoSequence_List(it)), "[1, 2, 3]");
    Mo_DECREF(it);
    Mo_DECREF(nested);
    Mo_DECREF(fi);
    Mo_DECREF(chain);
}
END_TEST

/* An exhausted iterator keeps nothing alive: the list it walked is freed. */
START_TEST(exhausted_iterators_let_go)
{
    MoObject *l = Mo_BuildValue("[ii]", 1, 2);
    MoObject *chain = pu_attr("itertools", "chain"), *it = mt_ok(MoObject_CallFunction(chain, "O", l));
    Mo_DECREF(chain);
    Mo_ssize_t before = Mo_REFCNT(l);
    MoObject *all = mt_ok(MoSequence_List(it));
    ck_assert_int_eq(Mo_REFCNT(l), before - 1);
    Mo_DECREF(all);
    Mo_DECREF(it);
    Mo_DECREF(l);
}
END_TEST

Suite *itertools_suite(void)
{
    Suite *s = suite_create("itertools");
    TCase *tc = mt_tcase("itertools");
    tcase_add_test(tc, count_counts);
    tcase_add_test(tc, islice_slices_lazily);
    tcase_add_test(tc, repeat_repeats);
    tcase_add_test(tc, chain_chains);
    tcase_add_test(tc, exhausted_iterators_let_go);
    suite_add_tcase(s, tc);
    return s;
}
