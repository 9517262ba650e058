/* The minimal ctypes: real memory of the runtime's objects read at id(). */
#include "pyutil.h"

/* ctypes.<type>.from_address(address).value, as text. */
static const char *value_at(const char *type, const void *address)
{
    MoObject *t = pu_attr("ctypes", type);
    MoObject *c = MoObject_CallMethod(t, "from_address", "N", MoLong_FromUnsignedLongLong((uintptr_t)address));
    Mo_DECREF(t);
    if (c == NULL)
        return pu_text(NULL);
    MoObject *v = MoObject_GetAttrString(c, "value");
    Mo_DECREF(c);
    return pu_text(v);
}

START_TEST(reads_the_header_at_id)
{
    MoObject *l = Mo_BuildValue("[iii]", 10, 20, 30), *alias = Mo_NewRef(l);
    pu_assert_text(value_at("c_ssize_t", l), "2");          /* l and alias */
    Mo_DECREF(alias);
    pu_assert_text(value_at("c_ssize_t", l), "1");
    pu_assert_text(value_at("c_ssize_t", (char *)l + 16), "3");   /* ob_size */
    char expected[64];
    snprintf(expected, sizeof expected, "%lu", (unsigned long)(uintptr_t)&MoList_Type);
    pu_assert_text(value_at("c_void_p", (char *)l + 8), expected);   /* ob_type */
    MoObject *x = MoFloat_FromDouble(7.5);
    pu_assert_text(value_at("c_double", (char *)x + 16), "7.5");
    Mo_DECREF(x);
    Mo_DECREF(l);
}
END_TEST

/* A view made by from_address sees later changes: nothing is copied. */
START_TEST(from_address_is_a_live_view)
{
    long cell = 5;
    MoObject *t = pu_attr("ctypes", "c_long");
    MoObject *view = mt_ok(MoObject_CallMethod(t, "from_address", "N", MoLong_FromUnsignedLongLong((uintptr_t)&cell)));
    cell = 6;
    pu_assert_text(pu_text(MoObject_GetAttrString(view, "value")), "6");
    MoObject *seven = MoLong_FromLong(7);
    ck_assert_int_eq(MoObject_SetAttrString(view, "value", seven), 0);
    ck_assert_int_eq(cell, 7);
    Mo_DECREF(seven);
    Mo_DECREF(view);
    Mo_DECREF(t);
}
END_TEST

START_TEST(cast_to_py_object)
{
    MoObject *s = MoUnicode_FromString("a string");
    MoObject *py_object = pu_attr("ctypes", "py_object");
    MoObject *cast = pu_attr("ctypes", "cast");
    MoObject *p = mt_ok(MoObject_CallFunction(cast, "NO", MoLong_FromUnsignedLongLong((uintptr_t)s), py_object));
    MoObject *v = mt_ok(MoObject_GetAttrString(p, "value"));
    ck_assert_ptr_eq(v, s);
    Mo_DECREF(v);
    Mo_DECREF(p);
    MoObject *c_long = pu_attr("ctypes", "c_long");
    pu_assert_text(pu_call("ctypes", "cast", "(iO)", NULL, 5, c_long),
                   "TypeError: cast() argument 2 must be a pointer type, not c_long");
    Mo_DECREF(c_long);
    Mo_DECREF(cast);
    Mo_DECREF(py_object);
    Mo_DECREF(s);
}
END_TEST

START_TEST(values_sizes_and_reprs)
{
    pu_assert_text(pu_call("ctypes", "c_long", "(i)", NULL, 5), "c_long(5)");
    pu_assert_text(pu_call("ctypes", "c_ssize_t", "(i)", NULL, -5), "c_long(-5)");
    pu_assert_text(pu_call("ctypes", "c_uint32", "(N)", NULL, MoLong_FromLongLong((1LL << 32) + 1)), "c_uint(1)");
    pu_assert_text(pu_call("ctypes", "c_double", "(d)", NULL, 1.5), "c_double(1.5)");
    pu_assert_text(pu_call("ctypes", "c_void_p", "(i)", NULL, 0), "c_void_p(None)");
    pu_assert_text(pu_call("ctypes", "py_object", "(i)", NULL, 42), "py_object(42)");
    pu_assert_text(pu_call("ctypes", "py_object", "()", NULL), "py_object(<NULL>)");
    pu_assert_text(pu_call("ctypes", "c_long", "(s)", NULL, "a"),
                   "TypeError: 'str' object cannot be interpreted as an integer");
    const struct { const char *type; const char *size; } sizes[] = {
        { "c_ssize_t", "8" }, { "c_int", "4" }, { "c_uint32", "4" }, { "c_double", "8" },
        { "py_object", "8" }, { "c_short", "2" }, { "c_bool", "1" },
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        MoObject *t = pu_attr("ctypes", sizes[i].type);
        pu_assert_text(pu_call("ctypes", "sizeof", "(N)", NULL, t), sizes[i].size);
    }
    pu_assert_text(pu_call("ctypes", "sizeof", "(i)", NULL, 5), "TypeError: this type has no size");
    MoObject *py_object = pu_attr("ctypes", "py_object");
    MoObject *empty = mt_ok(MoObject_CallNoArgs(py_object));
    Mo_DECREF(py_object);
    pu_assert_text(pu_text(MoObject_GetAttrString(empty, "value")), "ValueError: PyObject is NULL");
    Mo_DECREF(empty);
}
END_TEST

START_TEST(string_at_reads_bytes)
{
    MoObject *b = MoBytes_FromString("header");
    pu_assert_text(pu_call("ctypes", "string_at", "(Ni)", NULL,
                           MoLong_FromUnsignedLongLong((uintptr_t)MoBytes_AS_STRING(b)), 4), "b'head'");
    Mo_DECREF(b);
}
END_TEST

Suite *ctypes_suite(void)
{
    Suite *s = suite_create("ctypes");
    TCase *tc = mt_tcase("ctypes");
    tcase_add_test(tc, reads_the_header_at_id);
    tcase_add_test(tc, from_address_is_a_live_view);
    tcase_add_test(tc, cast_to_py_object);
    tcase_add_test(tc, values_sizes_and_reprs);
    tcase_add_test(tc, string_at_reads_bytes);
    suite_add_tcase(s, tc);
    return s;
}
