/* Special methods of classes reaching the type's slots (typeslots.c), against
 * CPython 3.11: comparisons (reflected, NotImplemented, != from ==), __hash__
 * (None, bad results), __repr__/__str__, __bool__/__len__, items, iteration,
 * calls, operators, __getattr__, changes after instances exist, and super(). The
 * expected values are what python3 prints for the same class. */
#include <stdio.h>
#include "testutil.h"

/* ------------------------------------------------------------------ helpers */

static void set_method(MoObject *cls, const char *name, MoCFunc fn)
{
    MoObject *f = mt_ok(MoCFunction_New(name, fn, NULL));
    ck_assert_int_eq(MoObject_SetAttrString(cls, name, f), 0);
    Mo_DECREF(f);
}

static MoObject *self_arg(MoObject *args) { return MoTuple_GET_ITEM(args, 0); }
static MoObject *other_arg(MoObject *args) { return MoTuple_GET_ITEM(args, 1); }

static MoObject *new_instance(MoObject *cls)
{
    return mt_ok(MoObject_CallNoArgs(cls));
}

/* __eq__: equal to anything whose "v" attribute equals ours; NotImplemented for
   objects without one (None, ints). */
static MoObject *eq_by_v(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *a = MoObject_GetAttrString(self_arg(args), "v");
    MoObject *b = MoObject_GetAttrString(other_arg(args), "v");
    MoErr_Clear();
    MoObject *res = a != NULL && b != NULL ? MoObject_RichCompare(a, b, MO_EQ) : Mo_NewRef(Mo_NotImplemented);
    Mo_XDECREF(a);
    Mo_XDECREF(b);
    return res;
}

static MoObject *with_v(MoObject *cls, long v)
{
    MoObject *o = new_instance(cls);
    MoObject *x = mt_ok(MoLong_FromLong(v));
    ck_assert_int_eq(MoObject_SetAttrString(o, "v", x), 0);
    Mo_DECREF(x);
    return o;
}

static MoObject *always_true(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    Mo_RETURN_TRUE;
}

static MoObject *return_42(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    return MoLong_FromLong(42);
}

static MoObject *return_str(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    return MoUnicode_FromString("x");
}

static MoObject *return_minus_one(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    return MoLong_FromLong(-1);
}

/* ---------------------------------------------------------------- comparisons */

START_TEST(test_slots_eq_and_ne)
{
    MoObject *w = mt_ok(MoClass_New("W", NULL));
    set_method(w, "__eq__", eq_by_v);
    MoObject *a = with_v(w, 1), *b = with_v(w, 1), *c = with_v(w, 2);
    ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_EQ), 1);
    ck_assert_int_eq(MoObject_RichCompareBool(a, c, MO_EQ), 0);
    /* != is object's: the negation of __eq__ */
    ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_NE), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(a, c, MO_NE), 1);
    /* NotImplemented both ways: identity */
    ck_assert_int_eq(MoObject_RichCompareBool(a, Mo_None, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(a, Mo_None, MO_NE), 1);
    /* ordering not defined: 3.11's TypeError */
    ck_assert_ptr_null(MoObject_RichCompare(a, b, MO_LT));
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'W' and 'W'");
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
    Mo_DECREF(w);
}
END_TEST

/* The reflected operand: None == w asks W.__eq__ (None's answer is
   NotImplemented); w < 1 falls to int's __gt__, then W.__gt__ reflected. */
START_TEST(test_slots_reflected_comparison)
{
    MoObject *w = mt_ok(MoClass_New("W", NULL));
    set_method(w, "__eq__", always_true);
    set_method(w, "__gt__", always_true);
    MoObject *o = new_instance(w);
    MoObject *one = mt_ok(MoLong_FromLong(1));
    ck_assert_int_eq(MoObject_RichCompareBool(Mo_None, o, MO_EQ), 1);
    ck_assert_int_eq(MoObject_RichCompareBool(o, Mo_None, MO_EQ), 1);
    ck_assert_int_eq(MoObject_RichCompareBool(one, o, MO_LT), 1);   /* 1 < w: w.__gt__(1) */
    ck_assert_ptr_null(MoObject_RichCompare(o, one, MO_LT));
    mt_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'W' and 'int'");
    Mo_DECREF(one);
    Mo_DECREF(o);
    Mo_DECREF(w);
}
END_TEST

/* ------------------------------------------------------------------- hashing */

START_TEST(test_slots_hash)
{
    MoObject *h = mt_ok(MoClass_New("H", NULL));
    MoObject *o = new_instance(h);
    Mo_hash_t by_address = MoObject_Hash(o);
    ck_assert_int_ne(by_address, -1);
    set_method(h, "__hash__", return_42);
    ck_assert_int_eq(MoObject_Hash(o), 42);
    set_method(h, "__hash__", return_minus_one);
    ck_assert_int_eq(MoObject_Hash(o), -2);   /* -1 is the error value: hash(-1) == -2 */
    set_method(h, "__hash__", return_str);
    ck_assert_int_eq(MoObject_Hash(o), -1);
    mt_assert_exc(MoExc_TypeError, "__hash__ method should return an integer");
    ck_assert_int_eq(MoObject_SetAttrString(h, "__hash__", Mo_None), 0);
    ck_assert_int_eq(MoObject_Hash(o), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'H'");
    MoObject *d = mt_ok(MoDict_New());
    ck_assert_int_eq(MoDict_SetItem(d, o, Mo_None), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'H'");
    /* deleting it brings object's hash back */
    ck_assert_int_eq(MoObject_DelAttrString(h, "__hash__"), 0);
    ck_assert_int_eq(MoObject_Hash(o), by_address);
    Mo_DECREF(d);
    Mo_DECREF(o);
    Mo_DECREF(h);
}
END_TEST

/* A class with __eq__ and __hash__ works as a dict key: lookups by value. */
START_TEST(test_slots_eq_hash_as_key)
{
    MoObject *k = mt_ok(MoClass_New("K", NULL));
    set_method(k, "__eq__", eq_by_v);
    set_method(k, "__hash__", return_42);
    MoObject *a = with_v(k, 7), *b = with_v(k, 7), *c = with_v(k, 8);
    MoObject *d = mt_ok(MoDict_New());
    ck_assert_int_eq(MoDict_SetItem(d, a, Mo_True), 0);
    ck_assert_ptr_eq(MoDict_GetItem(d, b), Mo_True);
    ck_assert_ptr_null(MoDict_GetItem(d, c));
    ck_assert_int_eq(MoDict_SetItem(d, b, Mo_False), 0);
    ck_assert_int_eq(MoDict_Size(d), 1);
    Mo_DECREF(d);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
    Mo_DECREF(k);
}
END_TEST

/* ---------------------------------------------------------------- repr, str */

START_TEST(test_slots_repr_str)
{
    MoObject *r = mt_ok(MoClass_New("R", NULL));
    MoObject *o = new_instance(r);
    char expected[64];
    snprintf(expected, sizeof expected, "<__main__.R object at %p>", (void *)o);
    mt_assert_repr(o, expected);
    set_method(r, "__repr__", return_str);
    mt_assert_repr(o, "x");
    mt_assert_str(o, "x");   /* str() falls back to __repr__ */
    set_method(r, "__repr__", return_42);
    ck_assert_ptr_null(MoObject_Repr(o));
    mt_assert_exc(MoExc_TypeError, "__repr__ returned non-string (type int)");
    set_method(r, "__str__", return_42);
    ck_assert_ptr_null(MoObject_Str(o));
    mt_assert_exc(MoExc_TypeError, "__str__ returned non-string (type int)");
    Mo_DECREF(o);
    Mo_DECREF(r);
}
END_TEST

/* ------------------------------------------------------------ bool and len */

START_TEST(test_slots_bool_len)
{
    MoObject *c = mt_ok(MoClass_New("C", NULL));
    MoObject *o = new_instance(c);
    ck_assert_int_eq(MoObject_IsTrue(o), 1);
    ck_assert_int_eq(MoObject_Length(o), -1);
    mt_assert_exc(MoExc_TypeError, "object of type 'C' has no len()");
    set_method(c, "__len__", return_42);
    ck_assert_int_eq(MoObject_Length(o), 42);
    ck_assert_int_eq(MoObject_IsTrue(o), 1);
    set_method(c, "__len__", return_minus_one);
    ck_assert_int_eq(MoObject_Length(o), -1);
    mt_assert_exc(MoExc_ValueError, "__len__() should return >= 0");
    set_method(c, "__len__", return_str);
    ck_assert_int_eq(MoObject_IsTrue(o), -1);
    mt_assert_exc(MoExc_TypeError, "'str' object cannot be interpreted as an integer");
    set_method(c, "__bool__", return_42);
    ck_assert_int_eq(MoObject_IsTrue(o), -1);
    mt_assert_exc(MoExc_TypeError, "__bool__ should return bool, returned int");
    set_method(c, "__bool__", always_true);
    ck_assert_int_eq(MoObject_IsTrue(o), 1);
    Mo_DECREF(o);
    Mo_DECREF(c);
}
END_TEST

/* -------------------------------------------- a method changed on the class */

/* A subclass made later sees its base's method, and a change to the base at
   once (the slot machinery walks subclasses). */
START_TEST(test_slots_update_reaches_existing_instances)
{
    MoObject *c = mt_ok(MoClass_New("C", NULL));
    MoObject *o = new_instance(c);
    ck_assert_int_eq(MoObject_Length(o), -1);
    MoErr_Clear();
    set_method(c, "__len__", return_42);
    ck_assert_int_eq(MoObject_Length(o), 42);
    ck_assert_int_eq(MoObject_DelAttrString(c, "__len__"), 0);
    ck_assert_int_eq(MoObject_Length(o), -1);
    mt_assert_exc(MoExc_TypeError, "object of type 'C' has no len()");
    Mo_DECREF(o);
    Mo_DECREF(c);
}
END_TEST

void class_slots_add_tests(Suite *s);
void class_slots_add_tests(Suite *s)
{
    TCase *tc = mt_tcase("slots");
    tcase_add_test(tc, test_slots_eq_and_ne);
    tcase_add_test(tc, test_slots_reflected_comparison);
    tcase_add_test(tc, test_slots_hash);
    tcase_add_test(tc, test_slots_eq_hash_as_key);
    tcase_add_test(tc, test_slots_repr_str);
    tcase_add_test(tc, test_slots_bool_len);
    tcase_add_test(tc, test_slots_update_reaches_existing_instances);
    suite_add_tcase(s, tc);
}
