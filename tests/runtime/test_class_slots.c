/* Special methods of classes reaching the type's slots (typeslots.c), against
 * CPython 3.11: comparisons (reflected, NotImplemented, != from ==), __hash__
 * (None, bad results), __repr__/__str__, __bool__/__len__, items, iteration,
 * calls, operators, __getattr__, changes after instances exist, and super(). The
 * expected values are what python3 prints for the same class. */
#include <stdarg.h>
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


/* ---------------------------------------------------------- type(), the MRO */

/* new: type(name, bases, {}) with bases given as up to three classes. */
static MoObject *derive(const char *name, MoObject *b1, MoObject *b2)
{
    MoObject *bases = b1 == NULL ? MoTuple_New(0) : b2 == NULL ? MoTuple_Pack(1, b1) : MoTuple_Pack(2, b1, b2);
    MoObject *ns = MoDict_New();
    MoObject *n = MoUnicode_FromString(name);
    MoObject *cls = MoType_FromNameBasesDict(n, bases, ns);
    Mo_DECREF(n);
    Mo_DECREF(ns);
    Mo_DECREF(bases);
    return cls;
}

START_TEST(test_slots_diamond_mro)
{
    MoObject *a = mt_ok(derive("A", NULL, NULL));
    MoObject *b = mt_ok(derive("B", a, NULL));
    MoObject *c = mt_ok(derive("C", a, NULL));
    MoObject *d = mt_ok(derive("D", b, c));
    mt_assert_repr(((MoTypeObject *)d)->tp_mro,
                   "(<class '__main__.D'>, <class '__main__.B'>, <class '__main__.C'>, <class '__main__.A'>, "
                   "<class 'object'>)");
    ck_assert_ptr_eq(((MoTypeObject *)d)->tp_base, (MoTypeObject *)b);
    /* a method on C is found through B's sibling, and a later one reaches D's slot */
    set_method(c, "__len__", return_42);
    MoObject *o = new_instance(d);
    ck_assert_int_eq(MoObject_Length(o), 42);
    ck_assert_int_eq(MoObject_IsInstance(o, c), 1);
    ck_assert_int_eq(MoObject_IsSubclass(c, b), 0);
    ck_assert_ptr_null(derive("E", a, b));
    mt_assert_exc(MoExc_TypeError, "Cannot create a consistent method resolution\norder (MRO) for bases A, B");
    ck_assert_ptr_null(derive("F", a, a));
    mt_assert_exc(MoExc_TypeError, "duplicate base class A");
    ck_assert_ptr_null(derive("G", (MoObject *)&MoList_Type, (MoObject *)&MoDict_Type));
    mt_assert_exc(MoExc_TypeError, "multiple bases have instance lay-out conflict");
    ck_assert_ptr_null(derive("H", (MoObject *)&MoBool_Type, NULL));
    mt_assert_exc(MoExc_TypeError, "type 'bool' is not an acceptable base type");
    Mo_DECREF(o);
    Mo_DECREF(d);
    Mo_DECREF(c);
    Mo_DECREF(b);
    Mo_DECREF(a);
}
END_TEST

/* A class whose namespace has __eq__ but no __hash__ is unhashable, as a class
   body makes it; type(o) and type(name, bases, ns) through MoObject_Call. */
START_TEST(test_slots_eq_without_hash_in_namespace)
{
    MoObject *ns = MoDict_New();
    MoObject *eq = mt_ok(MoCFunction_New("__eq__", eq_by_v, NULL));
    ck_assert_int_eq(MoDict_SetItemString(ns, "__eq__", eq), 0);
    MoObject *args = mt_ok(Mo_BuildValue("(s()O)", "E", ns));
    MoObject *e = mt_ok(MoObject_Call((MoObject *)&MoType_Type, args, NULL));
    ck_assert_ptr_eq(MoDict_GetItemString(((MoTypeObject *)e)->tp_dict, "__hash__"), Mo_None);
    MoObject *o = with_v(e, 1);
    ck_assert_int_eq(MoObject_Hash(o), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'E'");
    MoObject *one = mt_ok(Mo_BuildValue("(O)", o));
    MoObject *t = mt_ok(MoObject_Call((MoObject *)&MoType_Type, one, NULL));
    ck_assert_ptr_eq(t, e);
    Mo_DECREF(t);
    Mo_DECREF(one);
    Mo_DECREF(o);
    Mo_DECREF(e);
    Mo_DECREF(args);
    Mo_DECREF(eq);
    Mo_DECREF(ns);
}
END_TEST

/* ------------------------------------------------- subclasses of list and dict */

/* A subclass of list is a list (its items, its repr, its size) with a dict;
   a cycle through it is collected. */
START_TEST(test_slots_list_subclass)
{
    MoObject *l = mt_ok(derive("L", (MoObject *)&MoList_Type, NULL));
    ck_assert_int_eq(((MoTypeObject *)l)->tp_basicsize, 48);
    MoObject *o = new_instance(l);
    ck_assert_int_eq(MoList_Append(o, Mo_None), 0);
    ck_assert_int_eq(MoObject_Length(o), 1);
    mt_assert_repr(o, "[None]");
    MoObject *x = mt_ok(MoLong_FromLong(3));
    ck_assert_int_eq(MoObject_SetAttrString(o, "x", x), 0);
    Mo_DECREF(x);
    ck_assert_int_eq(MoList_Append(o, o), 0);   /* a cycle: o holds itself */
    MoObject *wr = mt_ok(MoWeakref_NewRef(o, NULL));
    Mo_DECREF(o);
    MoGC_Collect();
    MoObject *alive = NULL;
    ck_assert_int_eq(MoWeakref_GetRef(wr, &alive), 0);
    Mo_DECREF(wr);
    Mo_DECREF(l);
}
END_TEST

static MoObject *start_class;   /* for super() inside the methods below */

static MoObject *repr_via_super(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *m = MoSuper_Lookup((MoTypeObject *)start_class, self_arg(args), "__repr__");
    if (m == NULL)
        return NULL;
    MoObject *inner = MoObject_CallNoArgs(m);
    Mo_DECREF(m);
    if (inner == NULL)
        return NULL;
    MoObject *res = MoUnicode_FromFormat("<%U>", inner);
    Mo_DECREF(inner);
    return res;
}

START_TEST(test_slots_super_reaches_static_slots)
{
    start_class = mt_ok(derive("D", (MoObject *)&MoDict_Type, NULL));
    set_method(start_class, "__repr__", repr_via_super);
    MoObject *o = new_instance(start_class);
    ck_assert_int_eq(MoDict_SetItemString(o, "k", Mo_None), 0);
    mt_assert_repr(o, "<{'k': None}>");
    MoObject *m = mt_ok(MoSuper_Lookup((MoTypeObject *)start_class, o, "__len__"));
    ck_assert_str_eq(Mo_TYPE(m)->tp_name, "method-wrapper");
    MoObject *n = mt_ok(MoObject_CallNoArgs(m));
    ck_assert_int_eq(MoLong_AsLong(n), 1);
    Mo_DECREF(n);
    Mo_DECREF(m);
    ck_assert_ptr_null(MoSuper_Lookup((MoTypeObject *)start_class, o, "nope"));
    mt_assert_exc(MoExc_AttributeError, "'super' object has no attribute 'nope'");
    ck_assert_ptr_null(MoSuper_Lookup(&MoList_Type, o, "__len__"));
    mt_assert_exc(MoExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    Mo_DECREF(o);
    Mo_CLEAR(start_class);
}
END_TEST

/* ------------------------------------------------------ iteration and calls */

static MoObject *square_or_stop(MoObject *unused, MoObject *args)
{
    (void)unused;
    long i = MoLong_AsLong(other_arg(args));
    if (i >= 4) {
        MoErr_SetString(MoExc_IndexError, "done");
        return NULL;
    }
    return MoLong_FromLong(i * i);
}

static MoObject *sum_two(MoObject *unused, MoObject *args)
{
    (void)unused;
    return MoNumber_Add(MoTuple_GET_ITEM(args, 1), MoTuple_GET_ITEM(args, 2));
}

START_TEST(test_slots_sequence_iteration_and_call)
{
    MoObject *s = mt_ok(MoClass_New("S", NULL));
    set_method(s, "__getitem__", square_or_stop);
    MoObject *o = new_instance(s);
    MoObject *l = mt_ok(MoSequence_List(o));
    mt_assert_repr(l, "[0, 1, 4, 9]");
    Mo_DECREF(l);
    ck_assert_int_eq(MoCallable_Check(o), 0);
    set_method(s, "__call__", sum_two);
    ck_assert_int_eq(MoCallable_Check(o), 1);
    MoObject *r = mt_ok(MoObject_CallFunction(o, "ii", 2, 3));
    ck_assert_int_eq(MoLong_AsLong(r), 5);
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_SetAttrString(s, "__iter__", Mo_None), 0);
    ck_assert_ptr_null(MoObject_GetIter(o));
    mt_assert_exc(MoExc_TypeError, "'S' object is not iterable");
    Mo_DECREF(o);
    Mo_DECREF(s);
}
END_TEST

/* a + b with __add__ answering NotImplemented and __radd__ on the other side. */
static MoObject *not_implemented(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    Mo_RETURN_NOTIMPLEMENTED;
}

START_TEST(test_slots_reflected_operator)
{
    MoObject *a = mt_ok(MoClass_New("A", NULL));
    MoObject *b = mt_ok(MoClass_New("B", NULL));
    set_method(a, "__add__", not_implemented);
    set_method(b, "__radd__", return_42);
    MoObject *x = new_instance(a), *y = new_instance(b);
    MoObject *r = mt_ok(MoNumber_Add(x, y));
    ck_assert_int_eq(MoLong_AsLong(r), 42);
    Mo_DECREF(r);
    ck_assert_ptr_null(MoNumber_Add(y, x));
    mt_assert_exc(MoExc_TypeError, "unsupported operand type(s) for +: 'B' and 'A'");
    ck_assert_ptr_null(MoNumber_InPlaceSubtract(x, y));
    mt_assert_exc(MoExc_TypeError, "unsupported operand type(s) for -=: 'A' and 'B'");
    Mo_DECREF(x);
    Mo_DECREF(y);
    Mo_DECREF(a);
    Mo_DECREF(b);
}
END_TEST

/* Names of static and heap types. */
START_TEST(test_slots_type_names)
{
    MoObject *n = mt_ok(MoObject_GetAttrString((MoObject *)&MoList_Type, "__module__"));
    mt_assert_str(n, "builtins");
    Mo_DECREF(n);
    MoObject *c = mt_ok(MoClass_New("C", NULL));
    n = mt_ok(MoObject_GetAttrString(c, "__qualname__"));
    mt_assert_str(n, "C");
    Mo_DECREF(n);
    MoObject *q = mt_ok(MoUnicode_FromString("Outer.C"));
    ck_assert_int_eq(MoObject_SetAttrString(c, "__qualname__", q), 0);
    Mo_DECREF(q);
    mt_assert_repr(c, "<class '__main__.Outer.C'>");
    MoObject *doc = mt_ok(MoObject_GetAttrString(c, "__doc__"));
    ck_assert_ptr_eq(doc, Mo_None);
    Mo_DECREF(doc);
    Mo_DECREF(c);
}
END_TEST

/* A subclass of int keeps its dict after the digits; 0 (no digits) too; a
   cycle through that dict is collected. */
START_TEST(test_slots_int_subclass)
{
    MoObject *i = mt_ok(derive("I", (MoObject *)&MoLong_Type, NULL));
    ck_assert_int_eq(((MoTypeObject *)i)->tp_dictoffset, -8);
    long values[] = {0, 7, -123456789012345L};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
        MoObject *v = mt_ok(MoLong_FromLong(values[k]));
        MoObject *o = mt_ok(MoObject_CallOneArg(i, v));
        ck_assert_int_eq(MoObject_SetAttrString(o, "self", o), 0);   /* o -> dict -> o */
        ck_assert_int_eq(MoObject_RichCompareBool(o, v, MO_EQ), 1);
        ck_assert_int_eq(MoLong_AsLong(o), values[k]);
        ck_assert_int_eq(MoObject_Hash(o), MoObject_Hash(v));
        ck_assert_ptr_null(MoWeakref_NewRef(o, NULL));   /* no weakref slot after var items */
        mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'I' object");
        Mo_DECREF(v);
        Mo_DECREF(o);
    }
    MoGC_Collect();
    Mo_DECREF(i);
}
END_TEST

/* ------------------------------------------------ a static C type as a base */

typedef struct {
    MoObject_HEAD
    long value;
} CustomObject;

static MoObject *custom_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    (void)args;
    (void)kwargs;
    CustomObject *self = (CustomObject *)type->tp_alloc(type, 0);
    if (self != NULL)
        self->value = 42;
    return (MoObject *)self;
}

static void custom_dealloc(MoObject *self)
{
    Mo_TYPE(self)->tp_free(self);
}

static MoMemberDef custom_members[] = {
    {"value", MO_T_LONG, offsetof(CustomObject, value), 0, "a number"},
    {NULL, 0, 0, 0, NULL},
};

static MoTypeObject custom_type = {
    .ob_base = { MoObject_HEAD_INIT(&MoType_Type), 0 },
    .tp_name = "custom.Custom",
    .tp_basicsize = sizeof(CustomObject),
    .tp_dealloc = custom_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_BASETYPE,
    .tp_doc = "Custom objects",
    .tp_members = custom_members,
    .tp_new = custom_new,
};

/* A static type's names come from tp_name and tp_doc; a class made on it is
   laid out after its fields, made by its tp_new, and has a dict too. */
START_TEST(test_slots_static_c_type_base)
{
    ck_assert_int_eq(MoType_Ready(&custom_type), 0);
    MoObject *t = (MoObject *)&custom_type;
    const char *const attrs[][2] = {{"__name__", "Custom"}, {"__qualname__", "Custom"},
                                    {"__module__", "custom"}, {"__doc__", "Custom objects"}};
    for (size_t k = 0; k < 4; k++) {
        MoObject *v = mt_ok(MoObject_GetAttrString(t, attrs[k][0]));
        mt_assert_str(v, attrs[k][1]);
        Mo_DECREF(v);
    }
    mt_assert_repr(t, "<class 'custom.Custom'>");
    MoObject *sub = mt_ok(derive("Sub", t, NULL));
    ck_assert_int_eq(((MoTypeObject *)sub)->tp_basicsize, (Mo_ssize_t)sizeof(CustomObject) + 8);
    MoObject *o = new_instance(sub);
    ck_assert_int_eq(((CustomObject *)o)->value, 42);
    MoObject *v = mt_ok(MoObject_GetAttrString(o, "value"));
    ck_assert_int_eq(MoLong_AsLong(v), 42);
    ck_assert_int_eq(MoObject_SetAttrString(o, "extra", v), 0);
    Mo_DECREF(v);
    ck_assert_int_eq(MoObject_IsInstance(o, t), 1);
    Mo_DECREF(o);
    Mo_DECREF(sub);
}
END_TEST

/* new: super(cls, obj).name(*args) with args built by format ("" for none). */
static MoObject *super_call(MoObject *cls, MoObject *obj, const char *name, const char *format, ...)
{
    MoObject *m = MoSuper_Lookup((MoTypeObject *)cls, obj, name);
    if (m == NULL)
        return NULL;
    va_list va;
    va_start(va, format);
    MoObject *args = *format ? Mo_VaBuildValue(format, va) : MoTuple_New(0);
    va_end(va);
    if (args != NULL && !MoTuple_Check(args))
        Mo_SETREF(args, MoTuple_Pack(1, args));
    MoObject *res = args != NULL ? MoObject_Call(m, args, NULL) : NULL;
    Mo_XDECREF(args);
    Mo_DECREF(m);
    return res;
}

/* The method-wrappers super() finds on list and int call their C slots with
   each slot's arguments (what python3 prints for the same calls). */
START_TEST(test_slots_super_wrappers)
{
    MoObject *l = mt_ok(derive("L", (MoObject *)&MoList_Type, NULL));
    MoObject *lo = new_instance(l);
    ck_assert_int_eq(MoList_Append(lo, Mo_None), 0);
    ck_assert_int_eq(MoList_Append(lo, Mo_True), 0);
    MoObject *r = mt_ok(super_call(l, lo, "__setitem__", "(ii)", 0, 9));
    Mo_DECREF(r);
    r = mt_ok(super_call(l, lo, "__getitem__", "i", 0));
    mt_assert_repr(r, "9");
    Mo_DECREF(r);
    r = mt_ok(super_call(l, lo, "__contains__", "i", 9));
    ck_assert_ptr_eq(r, Mo_True);
    Mo_DECREF(r);
    r = mt_ok(super_call(l, lo, "__delitem__", "i", 0));
    Mo_DECREF(r);
    mt_assert_repr(lo, "[True]");
    r = mt_ok(super_call(l, lo, "__len__", ""));
    mt_assert_repr(r, "1");
    Mo_DECREF(r);
    Mo_DECREF(lo);
    Mo_DECREF(l);

    MoObject *i = mt_ok(derive("I", (MoObject *)&MoLong_Type, NULL));
    MoObject *five = mt_ok(MoLong_FromLong(5));
    MoObject *io = mt_ok(MoObject_CallOneArg(i, five));
    const char *const expected[][2] = {{"__neg__", "-5"}, {"__hash__", "5"}, {"__bool__", "True"}};
    for (size_t k = 0; k < 3; k++) {
        r = mt_ok(super_call(i, io, expected[k][0], ""));
        mt_assert_repr(r, expected[k][1]);
        Mo_DECREF(r);
    }
    r = mt_ok(super_call(i, io, "__add__", "i", 1));
    mt_assert_repr(r, "6");
    Mo_DECREF(r);
    r = mt_ok(super_call(i, io, "__radd__", "i", 10));
    mt_assert_repr(r, "15");
    Mo_DECREF(r);
    r = mt_ok(super_call(i, io, "__lt__", "i", 7));
    mt_assert_repr(r, "True");
    Mo_DECREF(r);
    r = mt_ok(super_call(i, io, "__add__", "s", "x"));
    mt_assert_repr(r, "NotImplemented");
    Mo_DECREF(r);
    Mo_DECREF(io);
    Mo_DECREF(five);
    Mo_DECREF(i);
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
    tcase_add_test(tc, test_slots_diamond_mro);
    tcase_add_test(tc, test_slots_eq_without_hash_in_namespace);
    tcase_add_test(tc, test_slots_list_subclass);
    tcase_add_test(tc, test_slots_super_reaches_static_slots);
    tcase_add_test(tc, test_slots_sequence_iteration_and_call);
    tcase_add_test(tc, test_slots_reflected_operator);
    tcase_add_test(tc, test_slots_type_names);
    tcase_add_test(tc, test_slots_int_subclass);
    tcase_add_test(tc, test_slots_static_c_type_base);
    tcase_add_test(tc, test_slots_super_wrappers);
    suite_add_tcase(s, tc);
}
