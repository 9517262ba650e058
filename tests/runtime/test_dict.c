/* dict: sizes, order, errors, tracking, views and iterators, against CPython 3.11. */
#include <stdio.h>
#include "testutil.h"

/* new: {'k0': 0, ..., 'k<n-1>': n-1}, built by d['k%d' % i] = i. */
static MoObject *dict_of_str_keys(int n)
{
    MoObject *d = mt_ok(MoDict_New());
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "k%d", i);
        MoObject *k = mt_ok(MoUnicode_FromString(name));
        MoObject *v = mt_ok(MoLong_FromLong(i));
        ck_assert_int_eq(MoDict_SetItem(d, k, v), 0);
        Mo_DECREF(k);
        Mo_DECREF(v);
    }
    return d;
}

/* new: {0: 0, ..., n-1: n-1} */
static MoObject *dict_of_int_keys(int n)
{
    MoObject *d = mt_ok(MoDict_New());
    for (int i = 0; i < n; i++) {
        MoObject *k = mt_ok(MoLong_FromLong(i));
        ck_assert_int_eq(MoDict_SetItem(d, k, k), 0);
        Mo_DECREF(k);
    }
    return d;
}

static void set_str(MoObject *d, const char *key, MoObject *v)
{
    MoObject *k = mt_ok(MoUnicode_FromString(key));
    ck_assert_int_eq(MoDict_SetItem(d, k, v), 0);
    Mo_DECREF(k);
}

static void set_str_long(MoObject *d, const char *key, long v)
{
    MoObject *o = mt_ok(MoLong_FromLong(v));
    set_str(d, key, o);
    Mo_DECREF(o);
}

/* facts §1.7: sys.getsizeof of dicts of n str keys and of n int keys. */
START_TEST(test_dict_sizes)
{
    static const struct { int n; Mo_ssize_t str_size, int_size; } cases[] = {
        {0, 64, 64}, {1, 184, 224}, {5, 184, 224}, {6, 272, 352},
        {10, 272, 352}, {11, 464, 632}, {20, 464, 632}, {21, 464, 632}, {22, 832, 1168},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *s = dict_of_str_keys(cases[i].n);
        MoObject *n = dict_of_int_keys(cases[i].n);
        ck_assert_msg(MoSys_GetSizeOf(s) == cases[i].str_size, "%d str keys: %zd, expected %zd", cases[i].n,
                      MoSys_GetSizeOf(s), cases[i].str_size);
        ck_assert_msg(MoSys_GetSizeOf(n) == cases[i].int_size, "%d int keys: %zd, expected %zd", cases[i].n,
                      MoSys_GetSizeOf(n), cases[i].int_size);
        ck_assert_int_eq(MoDict_Size(s), cases[i].n);
        Mo_DECREF(s);
        Mo_DECREF(n);
    }
}
END_TEST

/* Deleting keeps the table (632); clear() goes back to the shared empty keys (64). */
START_TEST(test_dict_delete_keeps_size_clear_resets)
{
    MoObject *d = dict_of_int_keys(20);
    for (long i = 0; i < 20; i++) {
        MoObject *k = mt_ok(MoLong_FromLong(i));
        ck_assert_int_eq(MoDict_DelItem(d, k), 0);
        Mo_DECREF(k);
    }
    ck_assert_int_eq(MoDict_Size(d), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(d), 632);
    mt_assert_repr(d, "{}");
    MoDict_Clear(d);
    ck_assert_int_eq(MoSys_GetSizeOf(d), 64);
    Mo_DECREF(d);

    d = dict_of_str_keys(11);
    MoObject *r = mt_ok(MoObject_CallMethod(d, "clear", NULL));
    Mo_DECREF(r);
    ck_assert_int_eq(MoSys_GetSizeOf(d), 64);
    Mo_DECREF(d);
}
END_TEST

/* A non-str key turns a str-only table into a general one: d = {'a': 1}; d[1] = 1
   is 352 in 3.11 (its calculate_log2_keysize gives 16 slots for 3). */
START_TEST(test_dict_unicode_to_general)
{
    MoObject *d = dict_of_str_keys(1);
    ck_assert_int_eq(MoSys_GetSizeOf(d), 184);
    MoObject *one = mt_ok(MoLong_FromLong(1));
    ck_assert_int_eq(MoDict_SetItem(d, one, one), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(d), 352);
    mt_assert_repr(d, "{'k0': 0, 1: 1}");
    MoObject *k0 = mt_ok(MoUnicode_FromString("k0"));
    ck_assert_ptr_nonnull(MoDict_GetItem(d, k0));
    ck_assert_ptr_eq(MoDict_GetItem(d, one), one);
    Mo_DECREF(k0);
    Mo_DECREF(one);
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_repr_and_order)
{
    MoObject *d = mt_ok(MoDict_New());
    mt_assert_repr(d, "{}");
    set_str_long(d, "a", 1);
    MoObject *two = mt_ok(MoLong_FromLong(2));
    MoObject *list = mt_ok(MoList_New(0));
    ck_assert_int_eq(MoList_Append(list, two), 0);
    set_str(d, "b", list);
    mt_assert_repr(d, "{'a': 1, 'b': [2]}");
    set_str_long(d, "c", 3);
    /* Replacing a value keeps the key's place. */
    set_str_long(d, "a", 10);
    mt_assert_repr(d, "{'a': 10, 'b': [2], 'c': 3}");
    /* Deleting and re-inserting moves the key to the end. */
    ck_assert_int_eq(MoDict_DelItemString(d, "a"), 0);
    set_str_long(d, "a", 4);
    mt_assert_repr(d, "{'b': [2], 'c': 3, 'a': 4}");
    mt_assert_str(d, "{'b': [2], 'c': 3, 'a': 4}");
    ck_assert_int_eq(MoDict_Size(d), 3);
    Mo_DECREF(two);
    Mo_DECREF(list);
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_errors)
{
    MoObject *d = dict_of_int_keys(3);
    MoObject *a = mt_ok(MoUnicode_FromString("a"));
    MoObject *nine = mt_ok(MoLong_FromLong(9));
    MoObject *list = mt_ok(MoList_New(0));

    ck_assert_ptr_null(MoObject_GetItem(d, a));
    mt_assert_exc(MoExc_KeyError, "'a'");
    ck_assert_ptr_null(MoObject_GetItem(d, nine));
    mt_assert_exc(MoExc_KeyError, "9");
    ck_assert_int_eq(MoDict_DelItem(d, a), -1);
    mt_assert_exc(MoExc_KeyError, "'a'");
    ck_assert_int_eq(MoObject_DelItem(d, nine), -1);
    mt_assert_exc(MoExc_KeyError, "9");
    ck_assert_ptr_null(MoObject_CallMethod(d, "pop", "O", a));
    mt_assert_exc(MoExc_KeyError, "'a'");

    ck_assert_int_eq(MoDict_SetItem(d, list, a), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    ck_assert_ptr_null(MoDict_GetItemWithError(d, list));
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    ck_assert_int_eq(MoDict_Contains(d, list), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    /* MoDict_GetItem swallows the error. */
    ck_assert_ptr_null(MoDict_GetItem(d, list));
    mt_assert_no_exc();
    ck_assert_int_eq(MoObject_Hash(d), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'dict'");

    MoObject *empty = mt_ok(MoDict_New());
    ck_assert_ptr_null(MoObject_CallMethod(empty, "popitem", NULL));
    mt_assert_exc(MoExc_KeyError, "'popitem(): dictionary is empty'");
    ck_assert_ptr_null(MoObject_RichCompare(d, empty, MO_LT));
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'dict' and 'dict'");

    Mo_DECREF(empty);
    Mo_DECREF(a);
    Mo_DECREF(nine);
    Mo_DECREF(list);
    Mo_DECREF(d);
}
END_TEST

/* Dicts start untracked and are tracked once something trackable goes in. */
START_TEST(test_dict_tracking)
{
    MoObject *d = mt_ok(MoDict_New());
    ck_assert_int_eq(MoGC_IsTracked(d), 0);
    set_str_long(d, "a", 1);
    ck_assert_int_eq(MoGC_IsTracked(d), 0);   /* {'a': 1} */
    MoObject *list = mt_ok(MoList_New(0));
    set_str(d, "b", list);
    ck_assert_int_eq(MoGC_IsTracked(d), 1);   /* {'a': 1, 'b': []} */
    set_str_long(d, "b", 2);
    ck_assert_int_eq(MoGC_IsTracked(d), 1);   /* stays tracked until a collection */
    _MoDict_MaybeUntrack(d);
    ck_assert_int_eq(MoGC_IsTracked(d), 0);
    Mo_DECREF(d);

    d = mt_ok(MoDict_New());
    MoObject *one = mt_ok(MoLong_FromLong(1));
    ck_assert_int_eq(MoDict_SetItem(d, one, list), 0);   /* {1: []} */
    ck_assert_int_eq(MoGC_IsTracked(d), 1);
    MoObject *copy = mt_ok(MoDict_Copy(d));
    ck_assert_int_eq(MoGC_IsTracked(copy), 1);
    Mo_DECREF(copy);
    Mo_DECREF(one);
    Mo_DECREF(list);
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_self_reference_repr)
{
    MoObject *d = mt_ok(MoDict_New());
    set_str(d, "self", d);
    mt_assert_repr(d, "{'self': {...}}");
    MoDict_Clear(d);   /* break the cycle */
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_deep_nesting)
{
    int depth = mt_under_valgrind() ? 20000 : 200000;
    MoObject *d = mt_ok(MoDict_New());
    for (int i = 0; i < depth; i++) {
        MoObject *outer = mt_ok(MoDict_New());
        set_str(outer, "a", d);
        Mo_DECREF(d);
        d = outer;
    }
    ck_assert_ptr_null(MoObject_Repr(d));
    mt_assert_exc(MoExc_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    Mo_DECREF(d);   /* the trashcan keeps the C stack bounded */
}
END_TEST

START_TEST(test_dict_api)
{
    MoObject *d = mt_ok(MoDict_New());
    MoObject *v = mt_ok(MoLong_FromLong(7));
    ck_assert_int_eq(MoDict_SetItemString(d, "name", v), 0);
    ck_assert_ptr_eq(MoDict_GetItemString(d, "name"), v);
    ck_assert_ptr_null(MoDict_GetItemString(d, "other"));
    mt_assert_no_exc();
    /* The key was interned: an interned "name" is the very object stored. */
    MoObject *interned = mt_ok(MoUnicode_InternFromString("name"));
    Mo_ssize_t pos = 0;
    MoObject *k, *val;
    ck_assert_int_eq(MoDict_Next(d, &pos, &k, &val), 1);
    ck_assert_ptr_eq(k, interned);
    ck_assert_ptr_eq(val, v);
    ck_assert_int_eq(MoDict_Next(d, &pos, &k, &val), 0);
    ck_assert_int_eq(MoDict_Contains(d, interned), 1);
    ck_assert_int_eq(MoSequence_Contains(d, interned), 1);

    MoObject *dflt = mt_ok(MoLong_FromLong(5));
    MoObject *got = mt_ok(MoDict_SetDefault(d, interned, dflt));
    ck_assert_ptr_eq(got, v);
    Mo_DECREF(got);
    MoObject *x = mt_ok(MoUnicode_FromString("x"));
    got = mt_ok(MoDict_SetDefault(d, x, dflt));
    ck_assert_ptr_eq(got, dflt);
    Mo_DECREF(got);
    mt_assert_repr(d, "{'name': 7, 'x': 5}");

    MoObject *keys = mt_ok(MoDict_Keys(d));
    mt_assert_repr(keys, "['name', 'x']");
    MoObject *values = mt_ok(MoDict_Values(d));
    mt_assert_repr(values, "[7, 5]");
    MoObject *items = mt_ok(MoDict_Items(d));
    mt_assert_repr(items, "[('name', 7), ('x', 5)]");

    MoObject *other = dict_of_int_keys(2);
    ck_assert_int_eq(MoDict_Update(d, other), 0);
    mt_assert_repr(d, "{'name': 7, 'x': 5, 0: 0, 1: 1}");
    MoObject *copy = mt_ok(MoDict_Copy(d));
    mt_assert_repr(copy, "{'name': 7, 'x': 5, 0: 0, 1: 1}");
    ck_assert_int_eq(MoObject_RichCompareBool(copy, d, MO_EQ), 1);
    set_str_long(copy, "x", 6);
    ck_assert_int_eq(MoObject_RichCompareBool(copy, d, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(copy, d, MO_NE), 1);

    Mo_DECREF(copy);
    Mo_DECREF(other);
    Mo_DECREF(keys);
    Mo_DECREF(values);
    Mo_DECREF(items);
    Mo_DECREF(x);
    Mo_DECREF(dflt);
    Mo_DECREF(interned);
    Mo_DECREF(v);
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_methods)
{
    MoObject *d = dict_of_str_keys(3);
    MoObject *r;
    r = mt_ok(MoObject_CallMethod(d, "get", "s", "k1"));
    mt_assert_repr(r, "1");
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(d, "get", "s", "zz"));
    ck_assert_ptr_eq(r, Mo_None);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(d, "get", "si", "zz", 42));
    mt_assert_repr(r, "42");
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(d, "pop", "s", "k0"));
    mt_assert_repr(r, "0");
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(d, "pop", "si", "k0", -1));
    mt_assert_repr(r, "-1");
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(d, "setdefault", "si", "k9", 9));
    mt_assert_repr(r, "9");
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(d, "popitem", NULL));
    mt_assert_repr(r, "('k9', 9)");
    Mo_DECREF(r);
    mt_assert_repr(d, "{'k1': 1, 'k2': 2}");
    r = mt_ok(MoObject_CallMethod(d, "copy", NULL));
    mt_assert_repr(r, "{'k1': 1, 'k2': 2}");
    Mo_DECREF(r);

    MoObject *pairs = mt_ok(Mo_BuildValue("((si)(si))", "k1", 10, "new", 11));
    r = mt_ok(MoObject_CallMethod(d, "update", "(O)", pairs));
    Mo_DECREF(r);
    Mo_DECREF(pairs);
    mt_assert_repr(d, "{'k1': 10, 'k2': 2, 'new': 11}");
    pairs = mt_ok(Mo_BuildValue("((iii))", 1, 2, 3));
    ck_assert_ptr_null(MoObject_CallMethod(d, "update", "(O)", pairs));
    mt_assert_exc(MoExc_ValueError, "dictionary update sequence element #0 has length 3; 2 is required");
    Mo_DECREF(pairs);
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_views)
{
    MoObject *d = dict_of_str_keys(2);
    MoObject *keys = mt_ok(MoObject_CallMethod(d, "keys", NULL));
    MoObject *values = mt_ok(MoObject_CallMethod(d, "values", NULL));
    MoObject *items = mt_ok(MoObject_CallMethod(d, "items", NULL));
    mt_assert_repr(keys, "dict_keys(['k0', 'k1'])");
    mt_assert_repr(values, "dict_values([0, 1])");
    mt_assert_repr(items, "dict_items([('k0', 0), ('k1', 1)])");
    ck_assert_int_eq(MoSys_GetSizeOf(keys), 40);
    ck_assert_int_eq(MoObject_Length(keys), 2);
    /* A view is live: it shows later changes. */
    set_str_long(d, "k2", 2);
    mt_assert_repr(keys, "dict_keys(['k0', 'k1', 'k2'])");
    ck_assert_int_eq(MoObject_Length(items), 3);
    MoObject *k2 = mt_ok(MoUnicode_FromString("k2"));
    ck_assert_int_eq(MoSequence_Contains(keys, k2), 1);
    Mo_DECREF(k2);

    MoObject *it = mt_ok(MoObject_GetIter(values));
    ck_assert_int_eq(MoSys_GetSizeOf(it), 72);
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "dict_valueiterator");
    long sum = 0;
    MoObject *v;
    while ((v = MoIter_Next(it)) != NULL) {
        sum += MoLong_AsLong(v);
        Mo_DECREF(v);
    }
    mt_assert_no_exc();
    ck_assert_int_eq(sum, 3);
    Mo_DECREF(it);

    MoObject *empty = mt_ok(MoDict_New());
    MoObject *ekeys = mt_ok(MoObject_CallMethod(empty, "keys", NULL));
    mt_assert_repr(ekeys, "dict_keys([])");
    Mo_DECREF(ekeys);
    Mo_DECREF(empty);
    Mo_DECREF(keys);
    Mo_DECREF(values);
    Mo_DECREF(items);
    Mo_DECREF(d);
}
END_TEST

START_TEST(test_dict_iter_changed_size)
{
    MoObject *d = dict_of_int_keys(3);
    MoObject *it = mt_ok(MoObject_GetIter(d));
    ck_assert_str_eq(Mo_TYPE(it)->tp_name, "dict_keyiterator");
    MoObject *first = mt_ok(MoIter_Next(it));
    mt_assert_repr(first, "0");
    Mo_DECREF(first);
    MoObject *k = mt_ok(MoLong_FromLong(99));
    ck_assert_int_eq(MoDict_SetItem(d, k, k), 0);
    ck_assert_ptr_null(MoIter_Next(it));
    mt_assert_exc(MoExc_RuntimeError, "dictionary changed size during iteration");
    ck_assert_int_eq(MoDict_DelItem(d, k), 0);
    ck_assert_ptr_null(MoIter_Next(it));   /* sticky */
    mt_assert_exc(MoExc_RuntimeError, "dictionary changed size during iteration");
    Mo_DECREF(k);
    Mo_DECREF(it);
    Mo_DECREF(d);
}
END_TEST

/* A comparison that empties the dict: the lookup starts over, nothing crashes, and
   the new key goes in (CPython ends with {k2: 2} too). One that raises: the
   store fails with that exception. */
START_TEST(test_dict_mutating_compare)
{
    ck_assert_int_eq(MoType_Ready(&mt_evil_type), 0);
    MoObject *d = mt_ok(MoDict_New());
    MoObject *k1 = mt_ok(MoObject_New(MoObject, &mt_evil_type));
    MoObject *k2 = mt_ok(MoObject_New(MoObject, &mt_evil_type));
    MoObject *one = mt_ok(MoLong_FromLong(1)), *two = mt_ok(MoLong_FromLong(2));
    ck_assert_int_eq(MoDict_SetItem(d, k1, one), 0);
    mt_evil_target = d;
    mt_evil_raises = 0;
    ck_assert_int_eq(MoDict_SetItem(d, k2, two), 0);
    ck_assert_int_eq(MoDict_Size(d), 1);
    ck_assert_ptr_eq(MoDict_GetItem(d, k2), two);

    mt_evil_raises = 1;
    ck_assert_int_eq(MoDict_SetItem(d, k1, one), -1);
    mt_assert_exc(MoExc_ValueError, "boom");
    ck_assert_ptr_null(MoDict_GetItemWithError(d, k1));
    mt_assert_exc(MoExc_ValueError, "boom");
    ck_assert_int_eq(MoDict_Size(d), 1);
    mt_evil_raises = 0;
    mt_evil_target = NULL;
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(d);
}
END_TEST

/* A freed dict goes to the free list and the next one reuses it, as id({}) shows. */
START_TEST(test_dict_free_list)
{
    MoObject *a = mt_ok(MoDict_New());
    uintptr_t id = MoObject_Id(a);
    Mo_DECREF(a);
    MoObject *b = mt_ok(MoDict_New());
    ck_assert_uint_eq(MoObject_Id(b), id);
    ck_assert_int_eq(Mo_REFCNT(b), 1);
    ck_assert_int_eq(MoSys_GetSizeOf(b), 64);
    Mo_DECREF(b);
}
END_TEST

/* Many inserts and deletes keep every key findable (probing over dummies). */
START_TEST(test_dict_churn)
{
    MoObject *d = mt_ok(MoDict_New());
    for (long i = 0; i < 2000; i++) {
        MoObject *k = mt_ok(MoLong_FromLong(i * 7919));
        ck_assert_int_eq(MoDict_SetItem(d, k, k), 0);
        Mo_DECREF(k);
        if (i % 3 == 0) {
            MoObject *old = mt_ok(MoLong_FromLong((i / 2) * 7919));
            if (MoDict_DelItem(d, old) < 0)
                MoErr_Clear();
            Mo_DECREF(old);
        }
    }
    Mo_ssize_t n = 0, pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(d, &pos, &k, &v)) {
        ck_assert_ptr_eq(MoDict_GetItem(d, k), v);
        n++;
    }
    ck_assert_int_eq(n, MoDict_Size(d));
    Mo_DECREF(d);
}
END_TEST

Suite *dict_suite(void)
{
    Suite *s = suite_create("dict");
    TCase *tc = mt_tcase("dict");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_dict_sizes);
    tcase_add_test(tc, test_dict_delete_keeps_size_clear_resets);
    tcase_add_test(tc, test_dict_unicode_to_general);
    tcase_add_test(tc, test_dict_repr_and_order);
    tcase_add_test(tc, test_dict_errors);
    tcase_add_test(tc, test_dict_tracking);
    tcase_add_test(tc, test_dict_self_reference_repr);
    tcase_add_test(tc, test_dict_deep_nesting);
    tcase_add_test(tc, test_dict_api);
    tcase_add_test(tc, test_dict_methods);
    tcase_add_test(tc, test_dict_views);
    tcase_add_test(tc, test_dict_iter_changed_size);
    tcase_add_test(tc, test_dict_free_list);
    tcase_add_test(tc, test_dict_churn);
    tcase_add_test(tc, test_dict_mutating_compare);
    suite_add_tcase(s, tc);
    return s;
}
