/* classes: classes, instances and bound methods on the Mo runtime; classes.py
 * prints the same lines under CPython 3.11.
 *
 * Instance and __dict__ sizes (the shared-keys history), __slots__ layouts,
 * attribute errors, bound methods, __init__ and __del__ (order, once,
 * resurrection), __bases__ and __mro__, and what the collector counts.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* ------------------------------------------------------------------ printing */

/* "AttributeError: 'C' object has no attribute 'x'", or "no exception". */
static void print_exception(void)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL) {
        printf("no exception\n");
        return;
    }
    MoObject *s = MoObject_Str(exc);
    printf("%s: %s\n", Mo_TYPE(exc)->tp_name, s ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_DECREF(exc);
}

/* Prints label and repr(o), then releases o. */
static void print_repr_steal(const char *label, MoObject *o)
{
    MoObject *r = o != NULL ? MoObject_Repr(o) : NULL;
    if (r == NULL) {
        print_exception();
    } else {
        printf("%s%s\n", label, MoUnicode_AsUTF8(r));
        Mo_DECREF(r);
    }
    Mo_XDECREF(o);
}

/* A result we only want for its error (or to drop). */
static void expect_error(MoObject *o)
{
    Mo_XDECREF(o);
    print_exception();
}

static void expect_error_int(int r)
{
    (void)r;
    print_exception();
}

/* ------------------------------------------------------------------- helpers */

static void set_long(MoObject *o, const char *name, long v)
{
    MoObject *x = MoLong_FromLong(v);
    MoObject_SetAttrString(o, name, x);
    Mo_DECREF(x);
}

static void set_method(MoObject *cls, const char *name, MoCFunc fn)
{
    MoObject *f = MoCFunction_New(name, fn, NULL);
    MoObject_SetAttrString(cls, name, f);
    Mo_DECREF(f);
}

static Mo_ssize_t dict_size(MoObject *o)
{
    MoObject *d = MoObject_GenericGetDict(o);
    Mo_ssize_t n = MoSys_GetSizeOf(d);
    Mo_DECREF(d);
    return n;
}

/* new: the __slots__ list as the tuple Python prints. */
static MoObject *slots_tuple(const char *const *slots)
{
    Mo_ssize_t n = 0;
    while (slots[n])
        n++;
    MoObject *t = MoTuple_New(n);
    for (Mo_ssize_t i = 0; i < n; i++)
        MoTuple_SET_ITEM(t, i, MoUnicode_FromString(slots[i]));
    return t;
}

/* -------------------------------------------------------------------- sizes */

static void sizes(void)
{
    MoObject *plain = MoClass_New("Plain", NULL);
    static const int nattrs[] = {0, 1, 2, 5};
    for (size_t i = 0; i < 4; i++) {
        MoObject *o = MoObject_CallNoArgs(plain);
        for (int k = 0; k < nattrs[i]; k++) {
            char name[16];
            snprintf(name, sizeof name, "a%d", k);
            set_long(o, name, k);
        }
        printf("getsizeof(Plain() with %d attrs) = %zd\n", nattrs[i], MoSys_GetSizeOf(o));
        Mo_DECREF(o);
    }
    printf("getsizeof(Plain) = %zd\n", MoSys_GetSizeOf(plain));
    Mo_DECREF(plain);

    static const char *const layouts[][7] = {
        {NULL}, {"a", NULL}, {"a", "b", NULL}, {"e", "d", "c", "b", "a", NULL},
        {"__weakref__", NULL}, {"a", "__weakref__", NULL}, {"a", "b", "__weakref__", NULL},
        {"a", "b", "c", "d", "e", "__weakref__", NULL},
        {"__dict__", NULL}, {"a", "__dict__", NULL}, {"a", "b", "__dict__", NULL},
        {"a", "b", "c", "d", "e", "__dict__", NULL},
    };
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        MoObject *cls = MoClass_New("S", layouts[i]);
        MoTypeObject *t = (MoTypeObject *)cls;
        MoObject *o = MoObject_CallNoArgs(cls);
        MoObject *tuple = slots_tuple(layouts[i]);
        MoObject *r = MoObject_Repr(tuple);
        printf("__slots__ = %s: getsizeof %zd, basicsize %zd, weakrefoffset %zd, dictoffset %zd\n",
               MoUnicode_AsUTF8(r), MoSys_GetSizeOf(o), t->tp_basicsize, t->tp_weaklistoffset, t->tp_dictoffset);
        Mo_DECREF(r);
        Mo_DECREF(tuple);
        Mo_DECREF(o);
        Mo_DECREF(cls);
    }
    static const char *const s5_slots[] = {"e", "d", "c", "b", "a", "__weakref__", NULL};
    MoObject *s5 = MoClass_New("S5", s5_slots);
    print_repr_steal("S5.c = ", MoObject_GetAttrString(s5, "c"));
    Mo_DECREF(s5);
    static const char *const none[] = {NULL};
    MoObject *e = MoClass_New("E", none);
    printf("getsizeof(class with __slots__ = ()) = %zd\n", MoSys_GetSizeOf(e));
    Mo_DECREF(e);
}

/* ---------------------------------------------------------- __dict__ sizes */

static MoObject *p2_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (MoObject_SetAttrString(self, "a", MoTuple_GET_ITEM(args, 1)) < 0 ||
        MoObject_SetAttrString(self, "b", MoTuple_GET_ITEM(args, 2)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static void dict_sizes(void)
{
    MoObject *p2 = MoClass_New("P2", NULL);
    set_method(p2, "__init__", p2_init);
    MoObject *objs = MoList_New(0);
    printf("getsizeof(vars(P2(...))), k = 1..31:");
    for (long k = 1; k <= 31; k++) {
        MoObject *o = MoObject_CallFunction(p2, "ll", k, -k);
        MoList_Append(objs, o);
        printf(" %zd", dict_size(o));
        Mo_DECREF(o);
    }
    printf("\nfirst instance again: %zd\n", dict_size(MoList_GetItem(objs, 0)));
    print_repr_steal("vars(objs[4]) = ", MoObject_GenericGetDict(MoList_GetItem(objs, 4)));
    Mo_DECREF(objs);
    Mo_DECREF(p2);

    MoObject *e = MoClass_New("E", NULL);
    MoObject *o = MoObject_CallNoArgs(e);
    printf("fresh class, first instance: %zd\n", dict_size(o));
    Mo_DECREF(o);
    Mo_DECREF(e);
    MoObject *f = MoClass_New("F", NULL);
    MoObject *fs[3];
    for (int i = 0; i < 3; i++)
        fs[i] = MoObject_CallNoArgs(f);
    printf("three instances: [%zd, %zd, %zd]\n", dict_size(fs[0]), dict_size(fs[1]), dict_size(fs[2]));
    for (int i = 0; i < 3; i++)
        Mo_DECREF(fs[i]);
    Mo_DECREF(f);
    MoObject *q = MoClass_New("Q", NULL);
    o = MoObject_CallNoArgs(q);
    for (int i = 0; i < 42; i++) {
        char name[16];
        snprintf(name, sizeof name, "a%d", i);
        set_long(o, name, i);
    }
    MoObject *d = MoObject_GenericGetDict(o);
    printf("42 attributes: %zd %zd\n", MoSys_GetSizeOf(d), MoDict_Size(d));
    Mo_DECREF(d);
    Mo_DECREF(o);
    Mo_DECREF(q);
}

/* ------------------------------------------------------------------- errors */

static void errors(void)
{
    static const char *const yx[] = {"y", "x", NULL};
    MoObject *c_cls = MoClass_New("C", NULL), *s_cls = MoClass_New("S", yx);
    MoObject *c = MoObject_CallNoArgs(c_cls), *s = MoObject_CallNoArgs(s_cls);
    expect_error(MoObject_GetAttrString(c, "x"));
    expect_error_int(MoObject_DelAttrString(c, "x"));
    expect_error(MoObject_GetAttrString(s, "x"));
    expect_error_int(MoObject_DelAttrString(s, "x"));
    expect_error_int(MoObject_SetAttrString(s, "z", Mo_None));
    expect_error(MoObject_GetAttrString(s, "__dict__"));
    expect_error(MoWeakref_NewRef(s, NULL));
    expect_error(MoObject_CallFunction(c_cls, "i", 1));
    static const char *const two_dicts[] = {"__dict__", "__dict__", NULL};
    static const char *const two_weakrefs[] = {"__weakref__", "__weakref__", NULL};
    static const char *const spaced[] = {"a b", NULL};
    expect_error(MoClass_New("B", two_dicts));
    expect_error(MoClass_New("B", two_weakrefs));
    expect_error(MoClass_New("B", spaced));
    Mo_DECREF(c);
    Mo_DECREF(s);
    Mo_DECREF(c_cls);
    Mo_DECREF(s_cls);
}

/* ------------------------------------------------------------------ binding */

/* def m(self, *args): return len(args) */
static MoObject *m_len(MoObject *unused, MoObject *args)
{
    (void)unused;
    return MoLong_FromSsize_t(MoTuple_GET_SIZE(args) - 1);
}

static void binding(void)
{
    MoObject *cls = MoClass_New("C", NULL);
    MoObject *m = MoCFunction_New("m", m_len, NULL);
    MoObject_SetAttrString(cls, "m", m);
    MoObject *c = MoObject_CallNoArgs(cls);
    print_repr_steal("repr(c.m) = ", MoObject_GetAttrString(c, "m"));
    MoObject *bound = MoObject_GetAttrString(c, "m");
    print_repr_steal("c.m(1, 2) = ", MoObject_CallFunction(bound, "ii", 1, 2));
    MoObject *again = MoObject_GetAttrString(c, "m");
    printf("c.m is c.m: %s c.m == c.m: %s\n", bound == again ? "True" : "False",
           MoObject_RichCompareBool(bound, again, MO_EQ) ? "True" : "False");
    MoObject *raw = MoObject_GetAttrString(cls, "m");
    printf("C.m is m: %s\n", raw == m ? "True" : "False");
    printf("getsizeof(c.m) = %zd\n", MoSys_GetSizeOf(bound));
    print_repr_steal("repr(C) = ", Mo_NewRef(cls));
    print_repr_steal("repr(c) = ", Mo_NewRef(c));
    Mo_DECREF(raw);
    Mo_DECREF(again);
    Mo_DECREF(bound);
    Mo_DECREF(c);
    Mo_DECREF(m);
    Mo_DECREF(cls);
}

/* ------------------------------------------------------------------ __del__ */

static MoObject *node_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "name", MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *node_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *name = MoObject_GetAttrString(MoTuple_GET_ITEM(args, 0), "name");
    if (name == NULL)
        return NULL;
    printf("__del__ %s\n", MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

static MoObject *node(MoObject *cls, const char *name)
{
    return MoObject_CallFunction(cls, "s", name);
}

/* a.other = b; b.other = a */
static void link(MoObject *a, MoObject *b)
{
    MoObject_SetAttrString(a, "other", b);
    MoObject_SetAttrString(b, "other", a);
}

static MoObject *keep;

static MoObject *res_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("Res.__del__\n");
    if (MoList_Append(keep, MoTuple_GET_ITEM(args, 0)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *bad_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    MoErr_SetString(MoExc_ValueError, "boom");
    return NULL;
}

/* The classes live to the end, as the twin's module globals do: a dropped class is
   cyclic garbage (class -> dict -> descriptor -> class) that the next collection
   would count, in CPython as here. */
static void finalizers(void)
{
    MoObject *cls = MoClass_New("Node", NULL);
    set_method(cls, "__init__", node_init);
    set_method(cls, "__del__", node_del);
    MoGC_Collect();
    printf("refcount death:\n");
    MoObject *nodes = MoList_New(0);
    static const char *const names[] = {"n1", "n2", "n3"};
    for (int i = 0; i < 3; i++) {
        MoObject *x = node(cls, names[i]);
        MoList_Append(nodes, x);
        Mo_DECREF(x);
    }
    Mo_DECREF(nodes);

    printf("cycle a <-> b:\n");
    MoObject *a = node(cls, "A"), *b = node(cls, "B");
    link(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("gc.collect() = %zd\n", MoGC_Collect());
    printf("created B then A:\n");
    b = node(cls, "B");
    a = node(cls, "A");
    link(a, b);
    Mo_DECREF(b);
    Mo_DECREF(a);
    printf("gc.collect() = %zd\n", MoGC_Collect());
    printf("with vars() touched:\n");
    a = node(cls, "A");
    b = node(cls, "B");
    link(a, b);
    Mo_DECREF(MoObject_GenericGetDict(a));
    Mo_DECREF(MoObject_GenericGetDict(b));
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("gc.collect() = %zd\n", MoGC_Collect());
    printf("self cycle:\n");
    MoObject *n = node(cls, "self");
    MoObject_SetAttrString(n, "me", n);
    Mo_DECREF(n);
    Mo_ssize_t found = MoGC_Collect();
    MoObject *garbage = MoObject_Repr(MoGC_Garbage());
    printf("gc.collect() = %zd garbage = %s\n", found, MoUnicode_AsUTF8(garbage));
    Mo_DECREF(garbage);

    MoObject *plain = MoClass_New("Plain", NULL);
    a = MoObject_CallNoArgs(plain);
    b = MoObject_CallNoArgs(plain);
    link(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("plain cycle, no __del__: %zd\n", MoGC_Collect());
    static const char *const other[] = {"other", NULL};
    MoObject *so = MoClass_New("SO", other);
    a = MoObject_CallNoArgs(so);
    b = MoObject_CallNoArgs(so);
    link(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("slotted cycle: %zd\n", MoGC_Collect());

    keep = MoList_New(0);
    MoObject *res = MoClass_New("Res", NULL);
    set_method(res, "__del__", res_del);
    printf("resurrection:\n");
    MoObject *o = MoObject_CallNoArgs(res);
    Mo_DECREF(o);
    printf("kept: %zd\n", MoList_Size(keep));
    MoObject *cleared = MoObject_CallMethod(keep, "clear", NULL);
    Mo_XDECREF(cleared);
    printf("after clearing the list: no second __del__\n");
    printf("resurrection in a cycle:\n");
    o = MoObject_CallNoArgs(res);
    MoObject_SetAttrString(o, "me", o);
    Mo_DECREF(o);
    found = MoGC_Collect();
    printf("gc.collect() = %zd kept: %zd\n", found, MoList_Size(keep));
    MoObject_SetAttrString(MoList_GetItem(keep, 0), "me", Mo_None);
    cleared = MoObject_CallMethod(keep, "clear", NULL);
    Mo_XDECREF(cleared);
    printf("gc.collect() = %zd\n", MoGC_Collect());
    Mo_CLEAR(keep);

    MoObject *bad = MoClass_New("Bad", NULL);
    set_method(bad, "__del__", bad_del);
    o = MoObject_CallNoArgs(bad);
    Mo_DECREF(o);
    printf("after a failing __del__\n");
    Mo_DECREF(bad);
    Mo_DECREF(res);
    Mo_DECREF(so);
    Mo_DECREF(plain);
    Mo_DECREF(cls);
}

/* ------------------------------------------------------ __bases__ and __mro__ */

static const char *bool_str(int b)
{
    return b ? "True" : "False";
}

/* "['dict', 'tuple', ...]": the type names of what o's traverse visits. */
static void print_referent_types(const char *label, MoObject *o)
{
    MoObject *refs = MoGC_GetReferents(o);
    printf("%s[", label);
    for (Mo_ssize_t i = 0; i < MoList_Size(refs); i++)
        printf("%s'%s'", i ? ", " : "", Mo_TYPE(MoList_GetItem(refs, i))->tp_name);
    printf("]\n");
    Mo_DECREF(refs);
}

static void bases_and_mro(void)
{
    static const char *const xy[] = {"x", "y", NULL};
    MoObject *point = MoClass_New("Point", xy);
    print_repr_steal("Point.__bases__ = ", MoObject_GetAttrString(point, "__bases__"));
    MoObject *mro = MoObject_GetAttrString(point, "__mro__");
    print_repr_steal("Point.__mro__ = ", Mo_NewRef(mro));
    MoObject *again = MoObject_GetAttrString(point, "__mro__");
    printf("Point.__mro__[0] is Point: %s Point.__mro__ is Point.__mro__: %s\n",
           bool_str(MoTuple_GetItem(mro, 0) == point), bool_str(again == mro));
    Mo_DECREF(again);
    Mo_DECREF(mro);
    printf("getrefcount(Point) - 1 = %zd (the name, the mro, two member descriptors)\n", MoSys_GetRefCount(point));
    print_referent_types("gc.get_referents(Point): ", point);
    MoObject *empty = MoTuple_New(0);
    expect_error_int(MoObject_SetAttrString(point, "__mro__", empty));
    Mo_DECREF(empty);
    expect_error_int(MoObject_DelAttrString(point, "__mro__"));
    Mo_DECREF(point);

    static const char *const specs[][4] = {
        {NULL}, {NULL}, {"x", NULL}, {"x", "y", NULL}, {"__weakref__", NULL}, {"__dict__", NULL},
        {"x", "__dict__", "__weakref__", NULL},
    };
    MoGC_Disable();   /* only the collections asked for (MO_GC_STRESS would add more) */
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        const char *const *slots = i == 0 ? NULL : specs[i];   /* the first: no __slots__ */
        Mo_ssize_t found[2];
        for (int collect_first = 0; collect_first <= 1; collect_first++) {
            MoGC_Collect();
            MoObject *cls = MoClass_New("C", slots);
            if (collect_first)
                MoGC_Collect();
            Mo_DECREF(cls);
            found[collect_first] = MoGC_Collect();
        }
        if (slots == NULL) {
            printf("del C, no __slots__");
        } else {
            MoObject *tuple = slots_tuple(slots);
            MoObject *r = MoObject_Repr(tuple);
            printf("del C, __slots__ = %s", MoUnicode_AsUTF8(r));
            Mo_DECREF(r);
            Mo_DECREF(tuple);
        }
        printf(": gc.collect() = %zd, %zd if collected before\n", found[0], found[1]);
    }
    MoGC_Enable();
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    sizes();
    dict_sizes();
    errors();
    binding();
    finalizers();
    bases_and_mro();
    return Mo_Finalize() != 0;
}
