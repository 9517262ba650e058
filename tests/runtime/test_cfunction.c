/* Built-in functions, methods and descriptors. */
#include "testutil.h"

static MoObject *count_args(MoObject *self, MoObject *args)
{
    (void)self;
    return MoLong_FromSsize_t(MoTuple_Size(args));
}

START_TEST(function_calls_and_repr)
{
    MoObject *f = MoCFunction_New("count_args", count_args, NULL);
    mt_assert_repr(f, "<built-in function count_args>");
    MoObject *args = MoTuple_Pack(3, Mo_None, Mo_None, Mo_None);
    MoObject *r = mt_ok(MoObject_Call(f, args, NULL));
    ck_assert_int_eq(MoLong_AsLong(r), 3);
    Mo_DECREF(r);
    ck_assert_int_eq(MoSys_GetSizeOf(f), 72);
    Mo_DECREF(args);
    Mo_DECREF(f);
}
END_TEST

START_TEST(bound_function_holds_self)
{
    MoObject *self = MoList_New(0);
    MoObject *f = MoCFunction_New("count_args", count_args, self);
    ck_assert_int_eq(Mo_REFCNT(self), 2);
    char expected[96];
    snprintf(expected, sizeof expected, "<built-in method count_args of list object at %p>", (void *)self);
    mt_assert_repr(f, expected);
    Mo_DECREF(f);
    ck_assert_int_eq(Mo_REFCNT(self), 1);
    Mo_DECREF(self);
}
END_TEST

START_TEST(method_descriptors)
{
    MoObject *l = MoList_New(0);
    MoObject *descr = mt_ok(MoObject_GetAttrString((MoObject *)&MoList_Type, "append"));
    mt_assert_repr(descr, "<method 'append' of 'list' objects>");
    MoObject *args = MoTuple_Pack(2, l, Mo_None);
    MoObject *r = mt_ok(MoObject_Call(descr, args, NULL));      /* list.append(l, None) */
    Mo_DECREF(r);
    mt_assert_repr(l, "[None]");
    MoObject *bad = MoTuple_Pack(2, Mo_None, Mo_None);
    ck_assert_ptr_null(MoObject_Call(descr, bad, NULL));
    mt_assert_exc(MoExc_TypeError, "descriptor 'append' for 'list' objects doesn't apply to a 'NoneType' object");
    ck_assert_ptr_null(MoObject_CallNoArgs(descr));
    mt_assert_exc(MoExc_TypeError, "unbound method list.append() needs an argument");
    MoObject *bound = mt_ok(MoObject_GetAttrString(l, "append"));
    ck_assert_ptr_null(MoObject_CallNoArgs(bound));
    mt_assert_exc(MoExc_TypeError, "list.append() takes exactly one argument (0 given)");
    MoObject *clear = mt_ok(MoObject_GetAttrString(l, "clear"));
    ck_assert_ptr_null(MoObject_CallOneArg(clear, Mo_None));
    mt_assert_exc(MoExc_TypeError, "list.clear() takes no arguments (1 given)");
    Mo_DECREF(clear);
    Mo_DECREF(bound);
    Mo_DECREF(bad);
    Mo_DECREF(args);
    Mo_DECREF(descr);
    Mo_DECREF(l);
}
END_TEST

/* A type with members, as an extension author writes one. */
typedef struct {
    MoObject_HEAD
    MoObject *obj;
    MoObject *obj_ex;
    long number;
} Rec;

static MoMemberDef rec_members[] = {
    { "obj", MO_T_OBJECT, offsetof(Rec, obj), 0, NULL },
    { "obj_ex", MO_T_OBJECT_EX, offsetof(Rec, obj_ex), 0, NULL },
    { "number", MO_T_LONG, offsetof(Rec, number), MO_READONLY, NULL },
    { NULL, 0, 0, 0, NULL },
};

static void rec_dealloc(MoObject *o)
{
    Rec *r = (Rec *)o;
    Mo_XDECREF(r->obj);
    Mo_XDECREF(r->obj_ex);
    Mo_TYPE(o)->tp_free(o);
}

static MoTypeObject RecType = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test.Rec",
    .tp_basicsize = sizeof(Rec),
    .tp_dealloc = rec_dealloc,
    .tp_members = rec_members,
};

START_TEST(member_descriptors)
{
    ck_assert_int_eq(MoType_Ready(&RecType), 0);
    Rec *r = MoObject_New(Rec, &RecType);
    r->obj = r->obj_ex = NULL;
    r->number = 12;
    MoObject *o = (MoObject *)r;
    MoObject *v = mt_ok(MoObject_GetAttrString(o, "obj"));
    ck_assert_ptr_eq(v, Mo_None);                 /* an empty T_OBJECT reads as None */
    Mo_DECREF(v);
    ck_assert_ptr_null(MoObject_GetAttrString(o, "obj_ex"));
    mt_assert_exc(MoExc_AttributeError, "'test.Rec' object has no attribute 'obj_ex'");
    MoObject *s = MoUnicode_FromString("v");
    ck_assert_int_eq(MoObject_SetAttrString(o, "obj_ex", s), 0);
    v = mt_ok(MoObject_GetAttrString(o, "obj_ex"));
    ck_assert_ptr_eq(v, s);
    Mo_DECREF(v);
    ck_assert_int_eq(MoObject_DelAttrString(o, "obj_ex"), 0);
    ck_assert_int_eq(MoObject_DelAttrString(o, "obj_ex"), -1);
    mt_assert_exc(MoExc_AttributeError, "obj_ex");
    v = mt_ok(MoObject_GetAttrString(o, "number"));
    mt_assert_repr(v, "12");
    Mo_DECREF(v);
    ck_assert_int_eq(MoObject_SetAttrString(o, "number", s), -1);
    mt_assert_exc(MoExc_AttributeError, "readonly attribute");
    mt_assert_repr(MoDict_GetItemString(RecType.tp_dict, "obj"), "<member 'obj' of 'test.Rec' objects>");
    Mo_DECREF(s);
    Mo_DECREF(o);
}
END_TEST

Suite *cfunction_suite(void)
{
    Suite *s = suite_create("cfunction");
    TCase *tc = mt_tcase("functions");
    tcase_add_test(tc, function_calls_and_repr);
    tcase_add_test(tc, bound_function_holds_self);
    tcase_add_test(tc, method_descriptors);
    tcase_add_test(tc, member_descriptors);
    suite_add_tcase(s, tc);
    return s;
}
