/* The generic object protocol: repr, comparison, hashing, truth, attributes,
   items, iteration, and the None / NotImplemented singletons. */
#include "testutil.h"

START_TEST(singleton_reprs)
{
    mt_assert_repr(Mo_None, "None");
    mt_assert_repr(Mo_NotImplemented, "NotImplemented");
    mt_assert_repr((MoObject *)&MoLong_Type, "<class 'int'>");
    mt_assert_repr((MoObject *)&_MoNone_Type, "<class 'NoneType'>");
    ck_assert_int_eq(MoObject_IsTrue(Mo_None), 0);
    ck_assert_int_eq(MoSys_GetSizeOf(Mo_None), 16);
}
END_TEST

START_TEST(default_repr_names_type_and_address)
{
    MoObject *o = mt_ok(MoObject_CallNoArgs((MoObject *)&MoBaseObject_Type));
    char expected[64];
    snprintf(expected, sizeof expected, "<object object at %p>", (void *)o);
    mt_assert_repr(o, expected);
    ck_assert_int_eq(MoSys_GetSizeOf(o), 16);
    ck_assert(MoObject_Hash(o) != -1);
    Mo_DECREF(o);
}
END_TEST

/* Each row: an operation and the exception CPython 3.11 raises for it. */
static MoObject *failing_operation(int row, MoObject *one, MoObject *s, MoObject *l, MoObject *f)
{
    switch (row) {
    case 0: return MoNumber_Add(one, s);
    case 1: return MoNumber_Power(one, s);
    case 2: return MoNumber_Multiply(s, f);
    case 3: return MoNumber_Negative(s);
    case 4: return MoObject_GetItem(one, one);
    case 5: return MoObject_GetIter(one);
    case 6: return MoObject_CallNoArgs(one);
    case 7: return MoObject_RichCompare(one, s, MO_LT);
    case 8: return MoObject_GetAttrString(l, "x");
    case 9: return MoObject_GetAttrString((MoObject *)&MoLong_Type, "foo");
    default: return MoObject_GetAttr(l, one);
    }
}

START_TEST(operation_type_errors)
{
    MoObject *one = MoLong_FromLong(1), *s = MoUnicode_FromString("a"), *l = MoList_New(0);
    MoObject *f = MoFloat_FromDouble(1.5);
    struct { MoObject *type; const char *msg; } rows[] = {
        { MoExc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'" },
        { MoExc_TypeError, "unsupported operand type(s) for ** or pow(): 'int' and 'str'" },
        { MoExc_TypeError, "can't multiply sequence by non-int of type 'float'" },
        { MoExc_TypeError, "bad operand type for unary -: 'str'" },
        { MoExc_TypeError, "'int' object is not subscriptable" },
        { MoExc_TypeError, "'int' object is not iterable" },
        { MoExc_TypeError, "'int' object is not callable" },
        { MoExc_TypeError, "'<' not supported between instances of 'int' and 'str'" },
        { MoExc_AttributeError, "'list' object has no attribute 'x'" },
        { MoExc_AttributeError, "type object 'int' has no attribute 'foo'" },
        { MoExc_TypeError, "attribute name must be string, not 'int'" },
    };
    for (int i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++) {
        ck_assert_msg(failing_operation(i, one, s, l, f) == NULL, "row %d did not fail", i);
        mt_assert_exc(rows[i].type, rows[i].msg);
    }
    Mo_DECREF(f);
    Mo_DECREF(l);
    Mo_DECREF(s);
    Mo_DECREF(one);
}
END_TEST

START_TEST(item_and_length_errors)
{
    MoObject *one = MoLong_FromLong(1);
    MoObject *t = MoTuple_Pack(2, one, one);
    ck_assert_int_eq(MoObject_Length(one), -1);
    mt_assert_exc(MoExc_TypeError, "object of type 'int' has no len()");
    ck_assert_int_eq(MoObject_SetItem(t, one, one), -1);
    mt_assert_exc(MoExc_TypeError, "'tuple' object does not support item assignment");
    ck_assert_int_eq(MoObject_DelItem(t, one), -1);
    mt_assert_exc(MoExc_TypeError, "'tuple' object doesn't support item deletion");
    ck_assert_int_eq(MoObject_Length(t), 2);
    Mo_DECREF(t);
    Mo_DECREF(one);
}
END_TEST

START_TEST(attribute_errors_on_builtins)
{
    MoObject *l = MoList_New(0), *one = MoLong_FromLong(1);
    ck_assert_int_eq(MoObject_SetAttrString(l, "x", one), -1);
    mt_assert_exc(MoExc_AttributeError, "'list' object has no attribute 'x'");
    ck_assert_int_eq(MoObject_SetAttrString(l, "append", one), -1);
    mt_assert_exc(MoExc_AttributeError, "'list' object attribute 'append' is read-only");
    ck_assert_int_eq(MoObject_SetAttrString((MoObject *)&MoLong_Type, "x", one), -1);
    mt_assert_exc(MoExc_TypeError, "cannot set 'x' attribute of immutable type 'int'");
    ck_assert_int_eq(MoObject_HasAttrString(l, "append"), 1);
    ck_assert_int_eq(MoObject_HasAttrString(l, "nope"), 0);
    mt_assert_no_exc();
    Mo_DECREF(one);
    Mo_DECREF(l);
}
END_TEST

START_TEST(rich_compare_identity_fallback)
{
    MoObject *a = MoList_New(0), *b = MoList_New(0), *n = Mo_None;
    ck_assert_int_eq(MoObject_RichCompareBool(a, a, MO_EQ), 1);
    ck_assert_int_eq(MoObject_RichCompareBool(a, b, MO_EQ), 1);     /* equal values */
    ck_assert_int_eq(MoObject_RichCompareBool(n, a, MO_EQ), 0);     /* identity fallback */
    ck_assert_int_eq(MoObject_RichCompareBool(n, n, MO_NE), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(n, a, MO_NE), 1);
    Mo_DECREF(a);
    Mo_DECREF(b);
}
END_TEST

START_TEST(truth_values)
{
    struct { MoObject *o; int truth; } rows[] = {
        { MoLong_FromLong(0), 0 }, { MoLong_FromLong(7), 1 }, { MoFloat_FromDouble(0.0), 0 },
        { MoUnicode_FromString(""), 0 }, { MoUnicode_FromString("x"), 1 }, { MoList_New(0), 0 },
        { MoTuple_New(0), 0 }, { MoDict_New(), 0 }, { MoRange_New(0, 0, 1), 0 }, { MoRange_New(0, 2, 1), 1 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_msg(MoObject_IsTrue(rows[i].o) == rows[i].truth, "row %zu", i);
        Mo_DECREF(rows[i].o);
    }
}
END_TEST

START_TEST(iteration_protocol)
{
    MoObject *r = MoRange_New(0, 3, 1);
    MoObject *it = mt_ok(MoObject_GetIter(r));
    long expected = 0;
    MoObject *v;
    while ((v = MoIter_Next(it)) != NULL) {
        ck_assert_int_eq(MoLong_AsLong(v), expected++);
        Mo_DECREF(v);
    }
    mt_assert_no_exc();
    ck_assert_int_eq(expected, 3);
    Mo_DECREF(it);
    Mo_DECREF(r);
}
END_TEST

START_TEST(call_method_with_format)
{
    MoObject *l = MoList_New(0);
    MoObject *r = mt_ok(MoObject_CallMethod(l, "append", "i", 5));
    ck_assert(r == Mo_None);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(l, "insert", "ns", (Mo_ssize_t)0, "first"));
    Mo_DECREF(r);
    mt_assert_repr(l, "['first', 5]");
    ck_assert_ptr_null(MoObject_CallMethod(l, "nope", NULL));
    mt_assert_exc(MoExc_AttributeError, "'list' object has no attribute 'nope'");
    Mo_DECREF(l);
}
END_TEST

START_TEST(build_value_formats)
{
    MoObject *v = mt_ok(Mo_BuildValue("(is)d", 3, "x", 2.5));
    mt_assert_repr(v, "((3, 'x'), 2.5)");
    Mo_DECREF(v);
    v = mt_ok(Mo_BuildValue("O", Mo_None));
    ck_assert(v == Mo_None);
    Mo_DECREF(v);
    v = mt_ok(Mo_BuildValue("s", NULL));
    ck_assert(v == Mo_None);
    Mo_DECREF(v);
}
END_TEST

START_TEST(deep_repr_raises_recursion_error)
{
    MoObject *top = MoList_New(0), *cur = top;
    for (int i = 0; i < 5000; i++) {
        MoObject *inner = MoList_New(0);
        MoList_Append(cur, inner);
        Mo_DECREF(inner);
        cur = inner;
    }
    ck_assert_ptr_null(MoObject_Repr(top));
    mt_assert_exc(MoExc_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    Mo_DECREF(top);
}
END_TEST

START_TEST(type_ready_inherits_and_fills_dict)
{
    static MoMethodDef methods[] = { { "hello", NULL, MO_METH_NOARGS, NULL }, { NULL, NULL, 0, NULL } };
    static MoTypeObject T = {
        MoVarObject_HEAD_INIT(NULL, 0)
        .tp_name = "test.T",
        .tp_basicsize = sizeof(MoObject),
        .tp_methods = methods,
    };
    ck_assert_int_eq(MoType_Ready(&T), 0);
    ck_assert(T.tp_flags & MO_TPFLAGS_READY);
    ck_assert_ptr_eq(T.tp_base, &MoBaseObject_Type);
    ck_assert(Mo_TYPE(&T) == &MoType_Type);
    ck_assert_ptr_nonnull(T.tp_free);
    ck_assert_ptr_nonnull(T.tp_getattro);
    ck_assert_ptr_nonnull(MoDict_GetItemString(T.tp_dict, "hello"));
    mt_assert_repr(MoDict_GetItemString(T.tp_dict, "hello"), "<method 'hello' of 'test.T' objects>");
    ck_assert(MoType_IsSubtype(&T, &MoBaseObject_Type));
    ck_assert(!MoType_IsSubtype(&MoLong_Type, &T));
    ck_assert(MoType_IsSubtype(&MoBool_Type, &MoLong_Type));
}
END_TEST

Suite *object_suite(void)
{
    Suite *s = suite_create("object");
    TCase *tc = mt_tcase("protocol");
    tcase_add_test(tc, singleton_reprs);
    tcase_add_test(tc, default_repr_names_type_and_address);
    tcase_add_test(tc, operation_type_errors);
    tcase_add_test(tc, item_and_length_errors);
    tcase_add_test(tc, attribute_errors_on_builtins);
    tcase_add_test(tc, rich_compare_identity_fallback);
    tcase_add_test(tc, truth_values);
    tcase_add_test(tc, iteration_protocol);
    tcase_add_test(tc, call_method_with_format);
    tcase_add_test(tc, build_value_formats);
    tcase_add_test(tc, deep_repr_raises_recursion_error);
    tcase_add_test(tc, type_ready_inherits_and_fills_dict);
    suite_add_tcase(s, tc);
    return s;
}
