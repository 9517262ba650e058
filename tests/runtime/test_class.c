/* Classes, instances and bound methods, against CPython 3.11 (facts §1.9, §4):
 * instance and __dict__ sizes, slot layouts, attribute errors, binding, __init__,
 * __del__ (once, resurrection), weak references and the collector's counts. */
#include <stdio.h>
#include "testutil.h"

/* ------------------------------------------------------------------ helpers */

/* A NULL-terminated __slots__ list from a space-separated spec ("" is (), NULL is
   a plain class). */
static MoObject *class_from_spec(const char *name, const char *spec)
{
    if (spec == NULL)
        return mt_ok(MoClass_New(name, NULL));
    static char buf[256];
    const char *slots[16];
    size_t n = 0;
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *tok = strtok(buf, " "); tok != NULL; tok = strtok(NULL, " "))
        slots[n++] = tok;
    slots[n] = NULL;
    return mt_ok(MoClass_New(name, slots));
}

static void set_attr_long(MoObject *o, const char *name, long v)
{
    MoObject *x = mt_ok(MoLong_FromLong(v));
    ck_assert_int_eq(MoObject_SetAttrString(o, name, x), 0);
    Mo_DECREF(x);
}

static long get_attr_long(MoObject *o, const char *name)
{
    MoObject *x = mt_ok(MoObject_GetAttrString(o, name));
    long v = MoLong_AsLong(x);
    Mo_DECREF(x);
    return v;
}

/* cls.name = a C function named name; the class keeps it. */
static void set_method(MoObject *cls, const char *name, MoCFunc fn)
{
    MoObject *f = mt_ok(MoCFunction_New(name, fn, NULL));
    ck_assert_int_eq(MoObject_SetAttrString(cls, name, f), 0);
    Mo_DECREF(f);
}

static Mo_ssize_t dict_size_of(MoObject *o)
{
    MoObject *d = mt_ok(MoObject_GenericGetDict(o));
    Mo_ssize_t size = MoSys_GetSizeOf(d);
    Mo_DECREF(d);
    return size;
}

/* __init__(self, a, b): self.a = a; self.b = b (P2 of facts §1.9). */
static MoObject *init_a_b(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (MoObject_SetAttrString(self, "a", MoTuple_GET_ITEM(args, 1)) < 0 ||
        MoObject_SetAttrString(self, "b", MoTuple_GET_ITEM(args, 2)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *p2_instance(MoObject *cls, long a, long b)
{
    MoObject *args = mt_ok(Mo_BuildValue("(ll)", a, b));
    MoObject *o = mt_ok(MoObject_Call(cls, args, NULL));
    Mo_DECREF(args);
    return o;
}

/* --------------------------------------------------------------------- sizes */

/* facts §1.9's table: getsizeof, __basicsize__, __weakrefoffset__, __dictoffset__
   and the managed-dict flag for every layout (printed by python3). */
START_TEST(test_class_sizes)
{
    static const struct {
        const char *slots;
        Mo_ssize_t size, basicsize, weakoff, dictoff;
        int managed;
    } cases[] = {
        {NULL, 56, 24, 16, -48, 1},
        {"", 32, 16, 0, 0, 0},
        {"a", 40, 24, 0, 0, 0},
        {"a b", 48, 32, 0, 0, 0},
        {"e d c b a", 72, 56, 0, 0, 0},
        {"__weakref__", 40, 24, 16, 0, 0},
        {"a __weakref__", 48, 32, 24, 0, 0},
        {"a b __weakref__", 56, 40, 32, 0, 0},
        {"a b c d e __weakref__", 80, 64, 56, 0, 0},
        {"__dict__", 48, 16, 0, -40, 1},
        {"a __dict__", 56, 24, 0, -48, 1},
        {"a b __dict__", 64, 32, 0, -56, 1},
        {"a b c d e __dict__", 88, 56, 0, -80, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *cls = class_from_spec("S", cases[i].slots);
        MoTypeObject *t = (MoTypeObject *)cls;
        MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
        const char *label = cases[i].slots ? cases[i].slots : "(plain)";
        ck_assert_msg(MoSys_GetSizeOf(o) == cases[i].size, "%s: getsizeof %zd", label, MoSys_GetSizeOf(o));
        ck_assert_msg(t->tp_basicsize == cases[i].basicsize, "%s: basicsize %zd", label, t->tp_basicsize);
        ck_assert_msg(t->tp_weaklistoffset == cases[i].weakoff, "%s: weakrefoffset %zd", label, t->tp_weaklistoffset);
        ck_assert_msg(t->tp_dictoffset == cases[i].dictoff, "%s: dictoffset %zd", label, t->tp_dictoffset);
        ck_assert_int_eq(MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT), cases[i].managed);
        ck_assert(MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_HAVE_GC));
        ck_assert(MoGC_IsTracked(o));   /* even __slots__ = () */
        Mo_DECREF(o);
        Mo_DECREF(cls);
    }
}
END_TEST

/* A plain instance is 56 bytes whatever it holds: attributes live elsewhere. */
START_TEST(test_class_plain_size_constant)
{
    static const int nattrs[] = {0, 1, 2, 5, 29, 30, 31, 42};
    MoObject *cls = mt_ok(MoClass_New("C", NULL));
    for (size_t i = 0; i < sizeof nattrs / sizeof nattrs[0]; i++) {
        MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
        for (int k = 0; k < nattrs[i]; k++) {
            char name[16];
            snprintf(name, sizeof name, "a%d", k);
            set_attr_long(o, name, k);
        }
        ck_assert_int_eq(MoSys_GetSizeOf(o), 56);
        for (int k = 0; k < nattrs[i]; k++) {
            char name[16];
            snprintf(name, sizeof name, "a%d", k);
            ck_assert_int_eq(get_attr_long(o, name), k);
        }
        Mo_DECREF(o);
    }
    /* sizeof(PyHeapTypeObject) 904 + shared keys 768 + GC head 16. */
    ck_assert_int_eq(MoSys_GetSizeOf(cls), 1688);
    Mo_DECREF(cls);
    MoObject *empty = class_from_spec("E", "");
    ck_assert_int_eq(MoSys_GetSizeOf(empty), 920);
    Mo_DECREF(empty);
}
END_TEST

/* Slot members are laid out in sorted order, 8 bytes apart from offset 16. */
START_TEST(test_class_slot_offsets)
{
    MoObject *cls = class_from_spec("S5", "e d c b a __weakref__");
    MoHeapTypeObject *ht = (MoHeapTypeObject *)cls;
    static const char *const names[] = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < 5; i++) {
        ck_assert_str_eq(ht->ht_members[i].name, names[i]);
        ck_assert_int_eq(ht->ht_members[i].offset, 16 + 8 * i);
        ck_assert_int_eq(ht->ht_members[i].type, MO_T_OBJECT_EX);
    }
    ck_assert_ptr_null(ht->ht_members[5].name);
    MoObject *x = mt_ok(MoObject_GetAttrString(cls, "c"));
    mt_assert_repr(x, "<member 'c' of 'S5' objects>");
    Mo_DECREF(x);
    MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
    set_attr_long(o, "c", 7);
    ck_assert_int_eq(MoLong_AsLong(*(MoObject **)((char *)o + 32)), 7);
    Mo_DECREF(o);
    Mo_DECREF(cls);
    /* Private names are mangled before sorting: __z in class K is _K__z. */
    MoObject *k = class_from_spec("K", "__z y");
    ck_assert_str_eq(((MoHeapTypeObject *)k)->ht_members[0].name, "_K__z");
    ck_assert_str_eq(((MoHeapTypeObject *)k)->ht_members[1].name, "y");
    Mo_DECREF(k);
}
END_TEST

/* facts §1.9: getsizeof(o.__dict__) for the k-th P2 instance, read at once
   (python3: 296, 288, ..., 96, 88, 88, ...), and an old instance re-measured. */
START_TEST(test_class_dict_size_sequence)
{
    MoObject *cls = mt_ok(MoClass_New("P2", NULL));
    set_method(cls, "__init__", init_a_b);
    MoObject *objs = mt_ok(MoList_New(0));
    for (long k = 1; k <= 31; k++) {
        MoObject *o = p2_instance(cls, k, -k);
        Mo_ssize_t expected = 64 + 8 * (30 - k > 3 ? 30 - k : 3);
        ck_assert_msg(dict_size_of(o) == expected, "instance %ld: %zd, expected %zd", k, dict_size_of(o), expected);
        ck_assert_int_eq(MoList_Append(objs, o), 0);
        Mo_DECREF(o);
    }
    ck_assert_int_eq(dict_size_of(MoList_GetItem(objs, 0)), 88);
    MoObject *d = mt_ok(MoObject_GenericGetDict(MoList_GetItem(objs, 4)));
    mt_assert_repr(d, "{'a': 5, 'b': -5}");
    Mo_DECREF(d);
    ck_assert_int_eq(get_attr_long(MoList_GetItem(objs, 30), "b"), -31);
    Mo_DECREF(objs);
    Mo_DECREF(cls);
}
END_TEST

/* The first instance of any fresh class has a 296-byte __dict__, whatever it
   holds; three instances then all report 280; 42 attributes overflow the shared
   keys into a combined dict of 1584. */
START_TEST(test_class_dict_sizes_fresh)
{
    static const int nattrs[] = {0, 1, 2, 5};
    for (size_t i = 0; i < sizeof nattrs / sizeof nattrs[0]; i++) {
        MoObject *cls = mt_ok(MoClass_New("E", NULL));
        MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
        for (int k = 0; k < nattrs[i]; k++) {
            char name[16];
            snprintf(name, sizeof name, "a%d", k);
            set_attr_long(o, name, k);
        }
        ck_assert_int_eq(dict_size_of(o), 296);
        Mo_DECREF(o);
        Mo_DECREF(cls);
    }
    MoObject *cls = mt_ok(MoClass_New("F", NULL));
    MoObject *fs[3];
    for (int i = 0; i < 3; i++)
        fs[i] = mt_ok(MoObject_CallNoArgs(cls));
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(dict_size_of(fs[i]), 280);
        Mo_DECREF(fs[i]);
    }
    Mo_DECREF(cls);
    MoObject *q = mt_ok(MoClass_New("Q", NULL));
    MoObject *o = mt_ok(MoObject_CallNoArgs(q));
    for (int k = 0; k < 42; k++) {
        char name[16];
        snprintf(name, sizeof name, "a%d", k);
        set_attr_long(o, name, k);
    }
    ck_assert_int_eq(dict_size_of(o), 1584);
    ck_assert_int_eq(get_attr_long(o, "a0"), 0);
    ck_assert_int_eq(get_attr_long(o, "a41"), 41);
    Mo_DECREF(o);
    Mo_DECREF(q);
}
END_TEST

/* The values array becomes a dict only on demand; from then on attributes live in
   the dict, which is tracked only once it holds something trackable. Deleting
   keeps the split table; a non-str key makes it combined (python3 sizes). */
START_TEST(test_class_managed_dict)
{
    MoObject *cls = mt_ok(MoClass_New("C", NULL));
    MoObject *spare[4];
    for (int i = 0; i < 4; i++)
        spare[i] = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *c = mt_ok(MoObject_CallNoArgs(cls));   /* the 5th instance */
    set_attr_long(c, "x", 1);
    ck_assert_ptr_nonnull(*_MoObject_ValuesPointer(c));
    ck_assert_ptr_null(*_MoObject_ManagedDictPointer(c));
    MoObject *d = mt_ok(MoObject_GetAttrString(c, "__dict__"));
    ck_assert_ptr_null(*_MoObject_ValuesPointer(c));
    ck_assert_ptr_eq(*_MoObject_ManagedDictPointer(c), d);
    ck_assert_int_eq(MoSys_GetSizeOf(d), 264);
    ck_assert(!MoGC_IsTracked(d));
    MoObject *l = mt_ok(MoList_New(0));
    ck_assert_int_eq(MoObject_SetAttrString(c, "y", l), 0);
    ck_assert(MoGC_IsTracked(d));
    mt_assert_repr(d, "{'x': 1, 'y': []}");
    MoObject *again = mt_ok(MoObject_GetAttrString(c, "__dict__"));
    ck_assert_ptr_eq(again, d);
    Mo_DECREF(again);
    /* A second instance that gets a list before its dict exists: tracked at once. */
    MoObject *c2 = mt_ok(MoObject_CallNoArgs(cls));
    ck_assert_int_eq(MoObject_SetAttrString(c2, "l", l), 0);
    MoObject *d2 = mt_ok(MoObject_GenericGetDict(c2));
    ck_assert(MoGC_IsTracked(d2));
    Mo_DECREF(d2);
    ck_assert_int_eq(MoObject_DelAttrString(c, "x"), 0);
    mt_assert_repr(d, "{'y': []}");
    ck_assert_int_eq(MoSys_GetSizeOf(d), 256);
    MoObject *five = mt_ok(MoLong_FromLong(5));
    ck_assert_int_eq(MoDict_SetItem(d, five, five), 0);
    mt_assert_repr(d, "{'y': [], 5: 5}");
    ck_assert_int_eq(MoSys_GetSizeOf(d), 352);
    ck_assert_int_eq(MoObject_HasAttrString(c, "y"), 1);
    Mo_DECREF(five);
    Mo_DECREF(l);
    Mo_DECREF(d);
    Mo_DECREF(c);
    Mo_DECREF(c2);
    for (int i = 0; i < 4; i++)
        Mo_DECREF(spare[i]);
    Mo_DECREF(cls);
}
END_TEST

/* Split dicts behave as dicts: order of first insertion per instance, copy stays
   split, popitem works, iteration, equality, keys added through one instance's
   dict are shared by the class. */
START_TEST(test_class_split_dict_operations)
{
    MoObject *cls = mt_ok(MoClass_New("C", NULL));
    MoObject *a = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *b = mt_ok(MoObject_CallNoArgs(cls));
    set_attr_long(a, "x", 1);
    set_attr_long(a, "y", 2);
    set_attr_long(b, "y", 20);
    set_attr_long(b, "x", 10);
    MoObject *da = mt_ok(MoObject_GenericGetDict(a));
    MoObject *db = mt_ok(MoObject_GenericGetDict(b));
    mt_assert_repr(da, "{'x': 1, 'y': 2}");
    mt_assert_repr(db, "{'y': 20, 'x': 10}");
    MoObject *keys = mt_ok(MoDict_Keys(db));
    mt_assert_repr(keys, "['y', 'x']");
    Mo_DECREF(keys);
    MoObject *copy = mt_ok(MoDict_Copy(db));
    ck_assert_int_eq(MoSys_GetSizeOf(copy), MoSys_GetSizeOf(db));
    ck_assert_int_eq(MoObject_RichCompareBool(copy, db, MO_EQ), 1);
    ck_assert_int_eq(MoObject_RichCompareBool(copy, da, MO_EQ), 0);
    MoObject *z = mt_ok(MoUnicode_FromString("z"));
    ck_assert_int_eq(MoDict_SetItem(da, z, z), 0);      /* 'z' joins the shared keys */
    ck_assert_int_eq(MoObject_HasAttrString(b, "z"), 0);
    mt_assert_repr(da, "{'x': 1, 'y': 2, 'z': 'z'}");
    MoObject *item = mt_ok(MoObject_CallMethod(da, "popitem", NULL));
    mt_assert_repr(item, "('z', 'z')");
    Mo_DECREF(item);
    mt_assert_repr(da, "{'x': 1, 'y': 2}");
    set_attr_long(a, "w", 3);   /* a's dict is combined now, and still its dict */
    mt_assert_repr(da, "{'x': 1, 'y': 2, 'w': 3}");
    ck_assert_int_eq(MoDict_DelItem(db, z), -1);
    mt_assert_exc(MoExc_KeyError, "'z'");
    MoObject *it = mt_ok(MoObject_GetIter(copy));
    MoObject *first = mt_ok(MoIter_Next(it));
    mt_assert_repr(first, "'y'");
    Mo_DECREF(first);
    Mo_DECREF(it);
    MoDict_Clear(copy);
    mt_assert_repr(copy, "{}");
    Mo_DECREF(z);
    Mo_DECREF(copy);
    Mo_DECREF(da);
    Mo_DECREF(db);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(cls);
}
END_TEST

/* -------------------------------------------------------------------- errors */

START_TEST(test_class_attribute_errors)
{
    MoObject *plain = mt_ok(MoClass_New("C", NULL));
    MoObject *slotted = class_from_spec("S", "y x");
    MoObject *c = mt_ok(MoObject_CallNoArgs(plain));
    MoObject *s = mt_ok(MoObject_CallNoArgs(slotted));
    static const struct {
        int which;          /* 0: c, 1: s */
        const char *op;     /* "get", "set", "del" */
        const char *name;
        MoObject **exc;
        const char *msg;
    } cases[] = {
        {0, "get", "x", &MoExc_AttributeError, "'C' object has no attribute 'x'"},
        {0, "del", "x", &MoExc_AttributeError, "'C' object has no attribute 'x'"},
        {1, "get", "x", &MoExc_AttributeError, "'S' object has no attribute 'x'"},
        {1, "del", "x", &MoExc_AttributeError, "x"},
        {1, "set", "z", &MoExc_AttributeError, "'S' object has no attribute 'z'"},
        {1, "get", "__dict__", &MoExc_AttributeError, "'S' object has no attribute '__dict__'"},
        {1, "get", "__weakref__", &MoExc_AttributeError, "'S' object has no attribute '__weakref__'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *o = cases[i].which ? s : c;
        if (strcmp(cases[i].op, "get") == 0)
            ck_assert_ptr_null(MoObject_GetAttrString(o, cases[i].name));
        else if (strcmp(cases[i].op, "del") == 0)
            ck_assert_int_eq(MoObject_DelAttrString(o, cases[i].name), -1);
        else
            ck_assert_int_eq(MoObject_SetAttrString(o, cases[i].name, Mo_None), -1);
        mt_assert_exc(*cases[i].exc, cases[i].msg);
    }
    ck_assert_ptr_null(MoObject_GenericGetDict(s));
    mt_assert_exc(MoExc_AttributeError, "'S' object has no attribute '__dict__'");
    ck_assert_ptr_null(MoWeakref_NewRef(s, NULL));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'S' object");
    ck_assert_ptr_null(MoObject_CallFunction(plain, "i", 1));
    mt_assert_exc(MoExc_TypeError, "C() takes no arguments");
    ck_assert_int_eq(MoObject_DelAttrString(plain, "nope"), -1);
    mt_assert_exc(MoExc_AttributeError, "type object 'C' has no attribute 'nope'");
    /* __slots__ errors, as type() raises them. */
    static const struct { const char *const slots[4]; const char *msg; } bad[] = {
        {{"__dict__", "__dict__", NULL}, "__dict__ slot disallowed: we already got one"},
        {{"__weakref__", "__weakref__", NULL},
         "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0"},
        {{"a b", NULL}, "__slots__ must be identifiers"},
        {{"1a", NULL}, "__slots__ must be identifiers"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_ptr_null(MoClass_New("B", bad[i].slots));
        mt_assert_exc(MoExc_TypeError, bad[i].msg);
    }
    Mo_DECREF(c);
    Mo_DECREF(s);
    Mo_DECREF(plain);
    Mo_DECREF(slotted);
}
END_TEST

/* ------------------------------------------------------------------- binding */

static MoObject *method_args(MoObject *unused, MoObject *args)
{
    (void)unused;
    return Mo_NewRef(args);
}

/* o.m binds: a fresh 64-byte bound method each time, equal to the next one, whose
   call prepends o; C.m is the function itself. */
START_TEST(test_class_binding)
{
    MoObject *cls = mt_ok(MoClass_New("C", NULL));
    set_method(cls, "m", method_args);
    MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *m1 = mt_ok(MoObject_GetAttrString(o, "m"));
    MoObject *m2 = mt_ok(MoObject_GetAttrString(o, "m"));
    ck_assert(MoMethod_Check(m1));
    ck_assert_ptr_ne(m1, m2);
    ck_assert_int_eq(MoObject_RichCompareBool(m1, m2, MO_EQ), 1);
    ck_assert_int_eq(MoObject_Hash(m1), MoObject_Hash(m2));
    ck_assert_int_eq(MoSys_GetSizeOf(m1), 64);
    ck_assert_ptr_eq(MoMethod_GET_SELF(m1), o);
    ck_assert(MoGC_IsTracked(m1));
    char expected[128];
    snprintf(expected, sizeof expected, "<bound method m of <__main__.C object at %p>>", (void *)o);
    mt_assert_repr(m1, expected);
    MoObject *res = mt_ok(MoObject_CallFunction(m1, "ii", 1, 2));
    ck_assert_int_eq(MoTuple_GET_SIZE(res), 3);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(res, 0), o);
    ck_assert_int_eq(MoLong_AsLong(MoTuple_GET_ITEM(res, 2)), 2);
    Mo_DECREF(res);
    MoObject *fself = mt_ok(MoObject_GetAttrString(m1, "__self__"));
    ck_assert_ptr_eq(fself, o);
    Mo_DECREF(fself);
    MoObject *raw = mt_ok(MoObject_GetAttrString(cls, "m"));
    ck_assert(MoCFunction_Check(raw));
    MoObject *func = mt_ok(MoObject_GetAttrString(m1, "__func__"));
    ck_assert_ptr_eq(func, raw);
    Mo_DECREF(func);
    /* An instance attribute shadows the method; a bound method stored on a class
       does not bind again; neither does a class. */
    ck_assert_int_eq(MoObject_SetAttrString(o, "m", Mo_None), 0);
    MoObject *shadow = mt_ok(MoObject_GetAttrString(o, "m"));
    ck_assert_ptr_eq(shadow, Mo_None);
    Mo_DECREF(shadow);
    ck_assert_int_eq(MoObject_SetAttrString(cls, "bm", m2), 0);
    ck_assert_int_eq(MoObject_SetAttrString(cls, "k", cls), 0);
    MoObject *o2 = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *bm = mt_ok(MoObject_GetAttrString(o2, "bm"));
    ck_assert_ptr_eq(bm, m2);
    MoObject *k = mt_ok(MoObject_GetAttrString(o2, "k"));
    ck_assert_ptr_eq(k, cls);
    Mo_DECREF(k);
    Mo_DECREF(bm);
    ck_assert_int_eq(MoObject_DelAttrString(cls, "k"), 0);   /* break cls -> dict -> cls */
    ck_assert_int_eq(MoObject_DelAttrString(cls, "bm"), 0);
    Mo_DECREF(o2);
    Mo_DECREF(raw);
    Mo_DECREF(m1);
    Mo_DECREF(m2);
    Mo_DECREF(o);
    Mo_DECREF(cls);
}
END_TEST

/* MoMethod_New works for any callable and self; repr uses the C function's name. */
START_TEST(test_method_new)
{
    MoObject *f = mt_ok(MoCFunction_New("f", method_args, NULL));
    MoObject *self = mt_ok(MoList_New(0));
    MoObject *m = mt_ok(MoMethod_New(f, self));
    mt_assert_repr(m, "<bound method f of []>");
    MoObject *res = mt_ok(MoObject_CallNoArgs(m));
    mt_assert_repr(res, "([],)");
    Mo_DECREF(res);
    MoObject *w = mt_ok(MoWeakref_NewRef(m, NULL));
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(m), 1);
    Mo_DECREF(m);
    MoObject *dead;
    ck_assert_int_eq(MoWeakref_GetRef(w, &dead), 0);
    Mo_DECREF(w);
    ck_assert_ptr_null(MoMethod_New(f, NULL));
    mt_assert_exc(MoExc_SystemError, NULL);
    Mo_DECREF(self);
    Mo_DECREF(f);
}
END_TEST

/* ----------------------------------------------------------- __init__, __del__ */

static MoObject *init_returns_one(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    return MoLong_FromLong(1);
}

START_TEST(test_class_init)
{
    MoObject *cls = mt_ok(MoClass_New("P2", NULL));
    set_method(cls, "__init__", init_a_b);
    MoObject *o = p2_instance(cls, 3, 4);
    ck_assert_int_eq(get_attr_long(o, "a"), 3);
    ck_assert_int_eq(get_attr_long(o, "b"), 4);
    ck_assert_int_eq(Mo_REFCNT(o), 1);
    Mo_DECREF(o);
    MoObject *bad = mt_ok(MoClass_New("D", NULL));
    set_method(bad, "__init__", init_returns_one);
    ck_assert_ptr_null(MoObject_CallNoArgs(bad));
    mt_assert_exc(MoExc_TypeError, "__init__() should return None, not 'int'");
    /* Instances hold their class: one reference each, given back when they die. */
    Mo_ssize_t before = Mo_REFCNT(cls);
    MoObject *x = p2_instance(cls, 1, 2);
    ck_assert_int_eq(Mo_REFCNT(cls), before + 1);
    Mo_DECREF(x);
    ck_assert_int_eq(Mo_REFCNT(cls), before);
    Mo_DECREF(bad);
    Mo_DECREF(cls);
}
END_TEST

static int del_calls;
static MoObject *resurrected_into;   /* a list, or NULL */

static MoObject *del_count(MoObject *unused, MoObject *args)
{
    (void)unused;
    del_calls++;
    if (resurrected_into != NULL && MoList_Append(resurrected_into, MoTuple_GET_ITEM(args, 0)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* __del__ runs once when the count reaches zero; set after instances exist, it
   still applies; deleted from the class, it stops. */
START_TEST(test_class_del_once)
{
    del_calls = 0;
    resurrected_into = NULL;
    MoObject *cls = mt_ok(MoClass_New("Node", NULL));
    MoObject *early = mt_ok(MoObject_CallNoArgs(cls));
    ck_assert_ptr_null(((MoTypeObject *)cls)->tp_finalize);
    set_method(cls, "__del__", del_count);
    ck_assert_ptr_nonnull(((MoTypeObject *)cls)->tp_finalize);
    MoObject *late = mt_ok(MoObject_CallNoArgs(cls));
    Mo_DECREF(early);
    ck_assert_int_eq(del_calls, 1);
    Mo_DECREF(late);
    ck_assert_int_eq(del_calls, 2);
    ck_assert_int_eq(MoObject_DelAttrString(cls, "__del__"), 0);
    ck_assert_ptr_null(((MoTypeObject *)cls)->tp_finalize);
    MoObject *third = mt_ok(MoObject_CallNoArgs(cls));
    Mo_DECREF(third);
    ck_assert_int_eq(del_calls, 2);
    Mo_DECREF(cls);
}
END_TEST

/* PEP 442: a __del__ that stores self brings the object back; when it dies again
   __del__ does not run a second time. */
START_TEST(test_class_del_resurrects)
{
    del_calls = 0;
    resurrected_into = mt_ok(MoList_New(0));
    MoObject *cls = mt_ok(MoClass_New("Res", NULL));
    set_method(cls, "__del__", del_count);
    MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
    set_attr_long(o, "v", 42);
    MoObject *w = mt_ok(MoWeakref_NewRef(o, NULL));
    Mo_DECREF(o);
    ck_assert_int_eq(del_calls, 1);
    ck_assert_int_eq(MoList_Size(resurrected_into), 1);
    MoObject *back = MoList_GetItem(resurrected_into, 0);
    ck_assert_int_eq(Mo_REFCNT(back), 1);
    ck_assert_int_eq(get_attr_long(back, "v"), 42);
    ck_assert(MoGC_IsTracked(back));
    MoObject *alive;
    ck_assert_int_eq(MoWeakref_GetRef(w, &alive), 1);   /* not cleared: it never died */
    Mo_DECREF(alive);
    MoObject *list = resurrected_into;
    resurrected_into = NULL;
    Mo_DECREF(list);   /* the object dies for good: no second __del__ */
    ck_assert_int_eq(del_calls, 1);
    ck_assert_int_eq(MoWeakref_GetRef(w, &alive), 0);
    Mo_DECREF(w);
    Mo_DECREF(cls);
}
END_TEST

/* An exception in __del__ is reported and swallowed; the object is freed. */
static MoObject *del_raises(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    del_calls++;
    MoErr_SetString(MoExc_ValueError, "boom");
    return NULL;
}

START_TEST(test_class_del_raises)
{
    del_calls = 0;
    MoObject *cls = mt_ok(MoClass_New("Bad", NULL));
    set_method(cls, "__del__", del_raises);
    MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
    Mo_DECREF(o);
    ck_assert_int_eq(del_calls, 1);
    mt_assert_no_exc();
    Mo_DECREF(cls);
}
END_TEST

/* ------------------------------------------------------- weakrefs, collector */

static int callback_calls;
static int callback_saw_del;

static MoObject *weak_callback(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    callback_calls++;
    callback_saw_del = del_calls;
    Mo_RETURN_NONE;
}

/* A plain instance's weakref list is at offset 16; callbacks run after __del__. */
START_TEST(test_class_weakrefs)
{
    del_calls = callback_calls = callback_saw_del = 0;
    resurrected_into = NULL;
    MoObject *cls = mt_ok(MoClass_New("W", NULL));
    set_method(cls, "__del__", del_count);
    MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *cb = mt_ok(MoCFunction_New("cb", weak_callback, NULL));
    MoObject *w = mt_ok(MoWeakref_NewRef(o, cb));
    ck_assert_ptr_eq(*(MoObject **)((char *)o + 16), w);
    MoObject *first = mt_ok(MoObject_GetAttrString(o, "__weakref__"));
    ck_assert_ptr_eq(first, w);
    Mo_DECREF(first);
    Mo_DECREF(o);
    ck_assert_int_eq(callback_calls, 1);
    ck_assert_int_eq(callback_saw_del, 1);
    Mo_DECREF(w);
    Mo_DECREF(cb);
    /* Slotted with __weakref__ is weakrefable, at its own offset. */
    MoObject *s = class_from_spec("S", "a __weakref__");
    MoObject *so = mt_ok(MoObject_CallNoArgs(s));
    MoObject *sw = mt_ok(MoWeakref_NewRef(so, NULL));
    ck_assert_ptr_eq(*(MoObject **)((char *)so + 24), sw);
    Mo_DECREF(so);
    MoObject *dead;
    ck_assert_int_eq(MoWeakref_GetRef(sw, &dead), 0);
    Mo_DECREF(sw);
    Mo_DECREF(s);
    Mo_DECREF(cls);
}
END_TEST

/* facts §4 (d): two plain instances in a cycle are 2 unreachable objects; with
   their __dict__s touched first, 4; slotted, 2. (a): __del__ runs once, in the
   collection. An instance stored on its class is collected with the class. */
START_TEST(test_class_collector_counts)
{
    static const struct { const char *slots; int touch_dicts; Mo_ssize_t found; } cases[] = {
        {NULL, 0, 2},
        {NULL, 1, 4},
        {"other", 0, 2},
    };
    MoGC_Collect();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *cls = class_from_spec("P", cases[i].slots);
        MoObject *p = mt_ok(MoObject_CallNoArgs(cls));
        MoObject *q = mt_ok(MoObject_CallNoArgs(cls));
        ck_assert_int_eq(MoObject_SetAttrString(p, "other", q), 0);
        ck_assert_int_eq(MoObject_SetAttrString(q, "other", p), 0);
        if (cases[i].touch_dicts) {
            Mo_DECREF(mt_ok(MoObject_GenericGetDict(p)));
            Mo_DECREF(mt_ok(MoObject_GenericGetDict(q)));
        }
        Mo_DECREF(p);
        Mo_DECREF(q);
        ck_assert_int_eq(MoGC_Collect(), cases[i].found);
        Mo_DECREF(cls);
        MoGC_Collect();   /* the class: cycles through its mro and descriptors, not counted above */
    }
    del_calls = 0;
    resurrected_into = NULL;
    MoObject *node = mt_ok(MoClass_New("Node", NULL));
    set_method(node, "__del__", del_count);
    MoObject *a = mt_ok(MoObject_CallNoArgs(node));
    MoObject *b = mt_ok(MoObject_CallNoArgs(node));
    ck_assert_int_eq(MoObject_SetAttrString(a, "other", b), 0);
    ck_assert_int_eq(MoObject_SetAttrString(b, "other", a), 0);
    Mo_DECREF(a);
    Mo_DECREF(b);
    ck_assert_int_eq(del_calls, 0);
    ck_assert_int_eq(MoGC_Collect(), 2);
    ck_assert_int_eq(del_calls, 2);
    /* class -> dict -> instance -> class: the class, its dict and the instance
       (and the descriptors, the str and the bound ... nothing else). */
    MoObject *c = mt_ok(MoObject_CallNoArgs(node));
    ck_assert_int_eq(MoObject_SetAttrString(node, "inst", c), 0);
    Mo_DECREF(c);
    Mo_DECREF(node);
    ck_assert_int_eq(del_calls, 2);
    ck_assert_int_gt(MoGC_Collect(), 2);
    ck_assert_int_eq(del_calls, 3);
}
END_TEST

/* ------------------------------------------------ descriptors own their class */

/* 1 when the weak reference's class is still alive, 0 when it is gone. */
static int class_alive(MoObject *w)
{
    MoObject *cls;
    int r = MoWeakref_GetRef(w, &cls);
    ck_assert_int_ge(r, 0);
    Mo_XDECREF(cls);
    return r;
}

/* A descriptor owns its class (3.11's descr->d_type). One fetched from the class's
   dict keeps the class alive once every other reference went, and still works on an
   instance made before; dropped, it leaves the class as cyclic garbage (class ->
   dict -> descriptor -> class) that a collection reclaims. python3, taking the same
   steps with del and gc.collect(), prints the same reprs and error and finds the
   same numbers: 0, 0, then the class, its dict, C.__mro__ and its descriptors (an
   earlier collection untracked C.__bases__, a tuple of a static type). */
START_TEST(test_class_descriptor_outlives_class)
{
    static const struct {
        const char *slots, *name, *repr;
        const char *set_error;   /* NULL: setting works */
        Mo_ssize_t found;        /* the class, its dict, its mro, its descriptors */
    } cases[] = {
        {"x", "x", "<member 'x' of 'C' objects>", NULL, 4},
        {NULL, "__dict__", "<attribute '__dict__' of 'C' objects>", NULL, 5},
        {"__weakref__", "__weakref__", "<attribute '__weakref__' of 'C' objects>",
         "attribute '__weakref__' of 'C' objects is not writable", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoGC_Collect();
        MoObject *cls = class_from_spec("C", cases[i].slots);
        MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
        MoObject *descr = Mo_NewRef(mt_ok(MoDict_GetItemString(((MoTypeObject *)cls)->tp_dict, cases[i].name)));
        MoObject *w = mt_ok(MoWeakref_NewRef(cls, NULL));
        Mo_DECREF(cls);
        ck_assert_int_eq(MoGC_Collect(), 0);
        ck_assert_int_eq(class_alive(w), 1);
        mt_assert_repr(descr, cases[i].repr);
        /* Through the kept descriptor: set, then get what the instance shows. */
        MoObject *v = mt_ok(MoDict_New());
        int r = Mo_TYPE(descr)->tp_descr_set(descr, o, v);
        if (cases[i].set_error != NULL) {
            ck_assert_int_eq(r, -1);
            mt_assert_exc(MoExc_AttributeError, cases[i].set_error);
        } else
            ck_assert_int_eq(r, 0);
        MoObject *got = mt_ok(Mo_TYPE(descr)->tp_descr_get(descr, o, NULL));
        MoObject *attr = mt_ok(MoObject_GetAttrString(o, cases[i].name));
        ck_assert_ptr_eq(got, attr);
        ck_assert_int_eq(got == v, cases[i].set_error == NULL);
        Mo_DECREF(attr);
        Mo_DECREF(got);
        Mo_DECREF(v);
        /* The instance goes too: the descriptor alone holds the class. */
        Mo_DECREF(o);
        ck_assert_int_eq(MoGC_Collect(), 0);
        ck_assert_int_eq(class_alive(w), 1);
        mt_assert_repr(descr, cases[i].repr);
        Mo_DECREF(descr);
        ck_assert_int_eq(class_alive(w), 1);   /* a cycle: refcounting alone cannot free it */
        ck_assert_int_eq(MoGC_Collect(), cases[i].found);
        ck_assert_int_eq(class_alive(w), 0);
        Mo_DECREF(w);
    }
}
END_TEST

/* Each descriptor made for a class holds one reference to it. python3's
   sys.getrefcount(C) for a fresh class counts the call's argument, the name C,
   C.__mro__ and one per member or getset descriptor in C.__dict__; Mo_REFCNT
   counts all but the argument: one less. */
START_TEST(test_class_descriptors_own_class)
{
    static const struct { const char *slots; Mo_ssize_t py_getrefcount; } cases[] = {
        {NULL, 5},          {"", 3},          {"x", 4},          {"x y", 5},
        {"a b c", 6},       {"__weakref__", 4}, {"x __weakref__", 5}, {"__dict__", 4},
        {"x __dict__ __weakref__", 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *cls = class_from_spec("C", cases[i].slots);
        ck_assert_msg(Mo_REFCNT(cls) == cases[i].py_getrefcount - 1, "__slots__ '%s': refcount %zd, python3 %zd - 1",
                      cases[i].slots ? cases[i].slots : "(none)", Mo_REFCNT(cls), cases[i].py_getrefcount);
        Mo_DECREF(cls);
        MoGC_Collect();
    }
    /* One more per descriptor made, one less per descriptor freed; the last owner
       from outside being a descriptor out of the dict, its death leaves the class
       held by its own mro: garbage for the collector, with the mro and the bases
       (a fresh tuple: no collection has untracked it yet), as python3 finds 3 after
       `class C: __slots__ = ()` and `del C`. No automatic collection (MO_GC_STRESS)
       may untrack the bases before. */
    static MoMemberDef extra = {"y", MO_T_OBJECT, sizeof(MoObject), 0, NULL};
    int enabled = MoGC_Disable();
    MoObject *cls = class_from_spec("C", "");
    MoObject *w = mt_ok(MoWeakref_NewRef(cls, NULL));
    MoObject *d1 = mt_ok(MoDescr_NewMember((MoTypeObject *)cls, &extra));
    ck_assert_int_eq(Mo_REFCNT(cls), 3);   /* the name, the mro, d1 */
    MoObject *d2 = mt_ok(MoDescr_NewMember((MoTypeObject *)cls, &extra));
    ck_assert_int_eq(Mo_REFCNT(cls), 4);
    mt_assert_repr(d2, "<member 'y' of 'C' objects>");
    Mo_DECREF(d2);
    ck_assert_int_eq(Mo_REFCNT(cls), 3);
    Mo_DECREF(cls);
    ck_assert_int_eq(class_alive(w), 1);
    Mo_DECREF(d1);
    ck_assert_int_eq(class_alive(w), 1);   /* its mro still holds it: a cycle */
    ck_assert_int_eq(MoGC_Collect(), 3);   /* the dict holds atomic values only: untracked */
    ck_assert_int_eq(class_alive(w), 0);
    Mo_DECREF(w);
    if (enabled)
        MoGC_Enable();
    /* A static type's count is touched as CPython touches it (never to zero). */
    MoTypeObject *lt = &MoList_Type;
    Mo_ssize_t before = Mo_REFCNT(lt);
    MoObject *m = mt_ok(MoDescr_NewMethod(lt, &lt->tp_methods[0]));
    ck_assert_int_eq(Mo_REFCNT(lt), before + 1);
    Mo_DECREF(m);
    ck_assert_int_eq(Mo_REFCNT(lt), before);
}
END_TEST

/* ------------------------------------------------------ __bases__ and __mro__ */

/* C.__bases__ and C.__mro__ are tuples the class owns, the same object on every
   access (python3: `m = C.__mro__; sys.getrefcount(m)` is 3, the class, m and the
   argument; Mo_REFCNT leaves the argument out). The mro holds the class itself.
   gc.get_referents(C) is [C.__dict__, C.__mro__, C.__bases__, object], in 3.11's
   order. __mro__ cannot be set or deleted ("readonly attribute"); what type's dict
   holds for them prints as type.__dict__['__mro__'] and ['__bases__'] do. */
START_TEST(test_class_bases_and_mro)
{
    static const struct { const char *name, *slots, *mro; } cases[] = {
        {"C", NULL, "(<class '__main__.C'>, <class 'object'>)"},
        {"Point", "x y", "(<class '__main__.Point'>, <class 'object'>)"},
        {"_Private", "", "(<class '__main__._Private'>, <class 'object'>)"},
        {"D", "__dict__ __weakref__", "(<class '__main__.D'>, <class 'object'>)"},
    };
    MoObject *object = (MoObject *)&MoBaseObject_Type;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *cls = class_from_spec(cases[i].name, cases[i].slots);
        MoObject *bases = mt_ok(MoObject_GetAttrString(cls, "__bases__"));
        MoObject *mro = mt_ok(MoObject_GetAttrString(cls, "__mro__"));
        mt_assert_repr(bases, "(<class 'object'>,)");
        mt_assert_repr(mro, cases[i].mro);
        ck_assert_ptr_eq(MoTuple_GET_ITEM(bases, 0), object);
        ck_assert_ptr_eq(MoTuple_GET_ITEM(mro, 0), cls);
        ck_assert_ptr_eq(MoTuple_GET_ITEM(mro, 1), object);
        MoObject *again = mt_ok(MoObject_GetAttrString(cls, "__mro__"));
        ck_assert_ptr_eq(again, mro);
        Mo_DECREF(again);
        ck_assert_int_eq(Mo_REFCNT(mro), 2);
        ck_assert_int_eq(Mo_REFCNT(bases), 2);
        MoObject *referents = mt_ok(MoGC_GetReferents(cls));
        ck_assert_int_eq(MoList_Size(referents), 4);
        MoObject *expected[] = {((MoTypeObject *)cls)->tp_dict, mro, bases, object};
        for (Mo_ssize_t k = 0; k < 4; k++)
            ck_assert_ptr_eq(MoList_GetItem(referents, k), expected[k]);
        Mo_DECREF(referents);
        ck_assert_int_eq(MoObject_SetAttrString(cls, "__mro__", bases), -1);
        mt_assert_exc(MoExc_AttributeError, "readonly attribute");
        ck_assert_int_eq(MoObject_DelAttrString(cls, "__mro__"), -1);
        mt_assert_exc(MoExc_AttributeError, "readonly attribute");
        ck_assert_ptr_eq(((MoTypeObject *)cls)->tp_mro, mro);
        ck_assert_ptr_null(MoDict_GetItemString(((MoTypeObject *)cls)->tp_dict, "__mro__"));
        Mo_DECREF(mro);
        Mo_DECREF(bases);
        Mo_DECREF(cls);
    }
    static const struct { const char *name, *repr; } meta[] = {
        {"__mro__", "<member '__mro__' of 'type' objects>"},
        {"__bases__", "<attribute '__bases__' of 'type' objects>"},
    };
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++) {
        MoObject *descr = MoDict_GetItemString(_MoHeapType_Type.tp_dict, meta[i].name);
        ck_assert_ptr_nonnull(descr);
        mt_assert_repr(descr, meta[i].repr);
    }
}
END_TEST

/* A dropped class is cyclic garbage. python3, after `class C: __slots__ = ...`
   and `del C` (tests/fidelity/classes.py prints the same table), finds the class,
   its mro, its dict unless it holds only atomic values (__slots__ = ()), its
   descriptors, and its bases unless a collection untracked that tuple (it holds
   only object) while the class was alive: none runs but those asked for (the
   collector is disabled, as MO_GC_STRESS would collect at every allocation). */
START_TEST(test_class_garbage_counts)
{
    static const struct { const char *slots; Mo_ssize_t fresh, after_collect; } cases[] = {
        {NULL, 6, 5},          {"", 3, 2},           {"x", 5, 4},
        {"x y", 6, 5},         {"__weakref__", 5, 4}, {"__dict__", 5, 4},
        {"x __dict__ __weakref__", 7, 6},
    };
    int enabled = MoGC_Disable();
    for (int collect_first = 0; collect_first <= 1; collect_first++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            MoGC_Collect();
            MoObject *cls = class_from_spec("C", cases[i].slots);
            if (collect_first)
                ck_assert_int_eq(MoGC_Collect(), 0);
            Mo_DECREF(cls);
            Mo_ssize_t want = collect_first ? cases[i].after_collect : cases[i].fresh;
            Mo_ssize_t found = MoGC_Collect();
            ck_assert_msg(found == want, "__slots__ '%s', %s: found %zd, python3 %zd",
                          cases[i].slots ? cases[i].slots : "(none)", collect_first ? "collected first" : "fresh",
                          found, want);
        }
    }
    if (enabled)
        MoGC_Enable();
}
END_TEST

/* ---------------------------------------------------- making a class fails */

/* Out of memory at each allocation of MoClass_New in turn, the last ones making
   __bases__ and __mro__: MemoryError, and nothing left alive (the fixture counts
   survivors; a half-made class is not tracked, so no collection would find it). */
START_TEST(test_class_new_out_of_memory)
{
    static const char *const slots[] = {"x", "__weakref__", NULL};
    MoObject *cls;
    long budget = 0;
    for (;; budget++) {
        mt_oom_start(budget);
        cls = MoClass_New("C", slots);
        mt_oom_stop();
        if (cls != NULL)
            break;
        mt_assert_exc(MoExc_MemoryError, NULL);
    }
    ck_assert_int_gt(budget, 5);
    MoObject *mro = mt_ok(MoObject_GetAttrString(cls, "__mro__"));
    mt_assert_repr(mro, "(<class '__main__.C'>, <class 'object'>)");
    Mo_DECREF(mro);
    Mo_DECREF(cls);
}
END_TEST

/* --------------------------------------------------------------------- reprs */

START_TEST(test_class_reprs)
{
    MoObject *cls = mt_ok(MoClass_New("C", NULL));
    mt_assert_repr(cls, "<class '__main__.C'>");
    MoObject *meta = (MoObject *)Mo_TYPE(cls);
    mt_assert_repr(meta, "<class 'type'>");
    ck_assert(MoType_Check(cls));
    ck_assert(MoClass_Check(cls));
    ck_assert(!MoClass_Check((MoObject *)&MoList_Type));
    ck_assert(MoGC_IsTracked(cls));
    MoObject *o = mt_ok(MoObject_CallNoArgs(cls));
    char expected[64];
    snprintf(expected, sizeof expected, "<__main__.C object at %p>", (void *)o);
    mt_assert_repr(o, expected);
    ck_assert(MoObject_TypeCheck(o, (MoTypeObject *)cls));
    ck_assert(MoObject_TypeCheck(o, &MoBaseObject_Type));
    ck_assert(!MoObject_TypeCheck(o, &MoList_Type));
    MoObject *mod = mt_ok(MoObject_GetAttrString(o, "__module__"));
    mt_assert_repr(mod, "'__main__'");
    Mo_DECREF(mod);
    Mo_DECREF(o);
    Mo_DECREF(cls);
}
END_TEST

/* PEP 442 across the trashcan: an instance whose __del__ already ran, freed at
   the bottom of a nest deep enough for the trashcan to park it, must not run
   __del__ again (the parking link keeps the FINALIZED bit). */
static int trashcan_del_calls;

static MoObject *count_del(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    trashcan_del_calls++;
    Mo_RETURN_NONE;
}

START_TEST(test_class_finalized_survives_trashcan)
{
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *f = mt_ok(MoCFunction_New("__del__", count_del, NULL));
    ck_assert_int_eq(MoObject_SetAttrString(C, "__del__", f), 0);
    Mo_DECREF(f);
    for (int depth = 40; depth < 60; depth++) {
        MoObject *o = mt_ok(MoObject_CallNoArgs(C));
        MoObject_CallFinalizer(o);   /* __del__ runs now, once */
        MoObject *top = MoList_New(0), *cur = Mo_NewRef(top);
        for (int i = 0; i < depth; i++) {
            MoObject *n = MoList_New(0);
            MoList_Append(cur, n);
            Mo_DECREF(cur);
            cur = n;
        }
        MoList_Append(cur, o);
        Mo_DECREF(cur);
        Mo_DECREF(o);
        int before = trashcan_del_calls;
        Mo_DECREF(top);
        ck_assert_msg(trashcan_del_calls == before, "depth %d: __del__ ran again", depth);
    }
    ck_assert_int_eq(trashcan_del_calls, 20);
    Mo_DECREF(C);
}
END_TEST

void class_slots_add_tests(Suite *s);
void class_builtins_add_tests(Suite *s);

Suite *class_suite(void)
{
    Suite *s = suite_create("class");
    TCase *tc = mt_tcase("class");
    tcase_add_test(tc, test_class_sizes);
    tcase_add_test(tc, test_class_plain_size_constant);
    tcase_add_test(tc, test_class_slot_offsets);
    tcase_add_test(tc, test_class_dict_size_sequence);
    tcase_add_test(tc, test_class_dict_sizes_fresh);
    tcase_add_test(tc, test_class_managed_dict);
    tcase_add_test(tc, test_class_split_dict_operations);
    tcase_add_test(tc, test_class_attribute_errors);
    tcase_add_test(tc, test_class_binding);
    tcase_add_test(tc, test_method_new);
    tcase_add_test(tc, test_class_init);
    tcase_add_test(tc, test_class_del_once);
    tcase_add_test(tc, test_class_del_resurrects);
    tcase_add_test(tc, test_class_del_raises);
    tcase_add_test(tc, test_class_weakrefs);
    tcase_add_test(tc, test_class_collector_counts);
    tcase_add_test(tc, test_class_descriptor_outlives_class);
    tcase_add_test(tc, test_class_descriptors_own_class);
    tcase_add_test(tc, test_class_bases_and_mro);
    tcase_add_test(tc, test_class_garbage_counts);
    tcase_add_test(tc, test_class_new_out_of_memory);
    tcase_add_test(tc, test_class_reprs);
    tcase_add_test(tc, test_class_finalized_survives_trashcan);
    suite_add_tcase(s, tc);
    class_slots_add_tests(s);   /* test_class_slots.c */
    class_builtins_add_tests(s);   /* test_class_builtins.c */
    return s;
}
