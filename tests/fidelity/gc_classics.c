/* gc_classics: the classic programs of the cyclic collector on the Mo runtime;
 * gc_classics.py prints the same lines under CPython 3.11 (facts §4 "Classic
 * programs", §5 "Weakrefs and cyclic trash").
 *
 * A Python method becomes a built-in function set on the class: looked up on an
 * instance it binds, so it receives the instance as its first argument, as
 * API.md says. Each section starts with a clean collection whose result is not
 * printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mo.h"

/* --------------------------------------------------------------- helpers */

static void check(int ok, const char *what)
{
    if (!ok) {
        fflush(stdout);
        fprintf(stderr, "gc_classics: %s failed\n", what);
        if (MoErr_Occurred())
            MoErr_Print();
        exit(1);
    }
}

/* Steals o: checks it is not NULL and returns it. */
static MoObject *ok(MoObject *o)
{
    check(o != NULL, "a call");
    return o;
}

static const char *py_bool(int v) { return v ? "True" : "False"; }

/* The repr of o (borrowed) in a static buffer. */
static const char *repr(MoObject *o)
{
    static char buf[1024];
    MoObject *r = ok(MoObject_Repr(o));
    snprintf(buf, sizeof buf, "%s", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    return buf;
}

static void section(const char *title)
{
    MoGC_Collect();
    printf("-- %s\n", title);
}

static void set_attr(MoObject *o, const char *name, MoObject *v)
{
    check(MoObject_SetAttrString(o, name, v) == 0, name);
}

/* Steals v. */
static void set_attr_steal(MoObject *o, const char *name, MoObject *v)
{
    set_attr(o, name, ok(v));
    Mo_DECREF(v);
}

/* new: an instance of cls with .name = name (NULL: no name). */
static MoObject *instance(MoObject *cls, const char *name)
{
    MoObject *o = ok(MoObject_CallNoArgs(cls));
    if (name != NULL)
        set_attr_steal(o, "name", MoUnicode_FromString(name));
    return o;
}

/* a.other = b; b.other = a */
static void link_pair(MoObject *a, MoObject *b)
{
    set_attr(a, "other", b);
    set_attr(b, "other", a);
}

/* Sets a built-in function as a method of cls; fn gets (self, *args) in args. */
static void set_method(MoObject *cls, const char *name, MoCFunc fn)
{
    set_attr_steal(cls, name, MoCFunction_New(name, fn, NULL));
}

/* ------------------------------------------------- the classes' methods */

static MoObject *saved;   /* the list Res.__del__ appends to */

static MoObject *node_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *name = ok(MoObject_GetAttrString(MoTuple_GetItem(args, 0), "name"));
    printf("__del__ %s\n", MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

static MoObject *c_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    printf("C.__del__ called\n");
    Mo_RETURN_NONE;
}

static MoObject *res_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("Res.__del__\n");
    if (MoList_Append(saved, MoTuple_GetItem(args, 0)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *cb_out(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *referent = MoWeakref_GetObject(MoTuple_GetItem(args, 0));
    printf("outside callback, referent: %s\n", repr(referent));
    Mo_RETURN_NONE;
}

static MoObject *cb_in(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    printf("inside callback\n");
    Mo_RETURN_NONE;
}

static MoObject *show_phase(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("%s ", MoUnicode_AsUTF8(MoTuple_GetItem(args, 0)));
    printf("%s\n", repr(MoTuple_GetItem(args, 1)));
    Mo_RETURN_NONE;
}

/* ---------------------------------------------------------------- sections */

static MoObject *Node, *Plain, *Slotted, *C, *Res;

static void make_classes(void)
{
    static const char *const slots[] = { "other", NULL };
    Node = ok(MoClass_New("Node", NULL));
    set_method(Node, "__del__", node_del);
    Plain = ok(MoClass_New("Plain", NULL));
    Slotted = ok(MoClass_New("Slotted", slots));
    C = ok(MoClass_New("C", NULL));
    set_method(C, "__del__", c_del);
    Res = ok(MoClass_New("Res", NULL));
    set_method(Res, "__del__", res_del);
}

static void classic_node_pairs(void)
{
    section("(a) two instances with __del__ in a cycle");
    MoObject *a = instance(Node, "A"), *b = instance(Node, "B");
    link_pair(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("after del\n");
    printf("collect: %zd\n", MoGC_Collect());

    section("(a') created B first");
    b = instance(Node, "B");
    a = instance(Node, "A");
    link_pair(a, b);
    Mo_DECREF(b);
    Mo_DECREF(a);
    printf("collect: %zd\n", MoGC_Collect());

    section("(a'') both __dict__s materialised");
    a = instance(Node, "A");
    b = instance(Node, "B");
    link_pair(a, b);
    Mo_DECREF(ok(MoObject_GenericGetDict(a)));   /* vars(a) */
    Mo_DECREF(ok(MoObject_GenericGetDict(b)));
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("collect: %zd\n", MoGC_Collect());
}

static void classic_containers_and_plain(void)
{
    section("(b) a = [1, 2]; a.append(a)");
    MoObject *t = ok(Mo_BuildValue("(ii)", 1, 2));
    MoObject *a = ok(MoSequence_List(t));
    Mo_DECREF(t);
    check(MoList_Append(a, a) == 0, "append");
    Mo_DECREF(a);
    printf("collect: %zd\n", MoGC_Collect());

    section("(c) instance self-cycle with __del__");
    MoObject *c = instance(C, NULL);
    set_attr(c, "cr", c);
    Mo_DECREF(c);
    printf("collect: %zd\n", MoGC_Collect());
    printf("garbage: %s\n", repr(MoGC_Garbage()));

    section("(d) plain pair");
    MoObject *p = instance(Plain, NULL), *q = instance(Plain, NULL);
    link_pair(p, q);
    Mo_DECREF(p);
    Mo_DECREF(q);
    printf("collect: %zd\n", MoGC_Collect());

    section("(d) plain pair, __dict__s touched");
    p = instance(Plain, NULL);
    q = instance(Plain, NULL);
    link_pair(p, q);
    Mo_DECREF(ok(MoObject_GetAttrString(p, "__dict__")));
    Mo_DECREF(ok(MoObject_GetAttrString(q, "__dict__")));
    Mo_DECREF(p);
    Mo_DECREF(q);
    printf("collect: %zd\n", MoGC_Collect());

    section("(d) slotted pair");
    p = instance(Slotted, NULL);
    q = instance(Slotted, NULL);
    link_pair(p, q);
    Mo_DECREF(p);
    Mo_DECREF(q);
    printf("collect: %zd\n", MoGC_Collect());

    section("(d) two lists");
    MoObject *x = ok(MoList_New(0)), *y = ok(MoList_New(0));
    check(MoList_Append(y, x) == 0 && MoList_Append(x, y) == 0, "append");
    Mo_DECREF(x);
    Mo_DECREF(y);
    printf("collect: %zd\n", MoGC_Collect());

    section("(d) d['self'] = d");
    MoObject *d = ok(MoDict_New());
    check(MoDict_SetItemString(d, "self", d) == 0, "setitem");
    Mo_DECREF(d);
    printf("collect: %zd\n", MoGC_Collect());
}

static void classic_resurrection(void)
{
    section("(e) __del__ resurrects");
    MoObject *r = instance(Res, NULL);
    set_attr(r, "cr", r);
    Mo_DECREF(r);
    printf("collect: %zd\n", MoGC_Collect());
    printf("saved: %zd finalized: %s\n", MoList_Size(saved), py_bool(MoGC_IsFinalized(MoList_GetItem(saved, 0))));
    check(MoList_Clear(saved) == 0, "clear");
    printf("collect after dropping it again: %zd\n", MoGC_Collect());
}

static void classic_saveall(void)
{
    section("DEBUG_SAVEALL");
    MoGC_SetDebug(MO_GC_DEBUG_SAVEALL);
    MoObject *l = ok(MoList_New(0)), *one = ok(MoLong_FromLong(1));
    check(MoList_Append(l, one) == 0 && MoList_Append(l, l) == 0, "append");
    Mo_DECREF(one);
    MoObject *p = instance(Plain, NULL), *q = instance(Plain, NULL);
    link_pair(p, q);
    Mo_DECREF(l);
    Mo_DECREF(p);
    Mo_DECREF(q);
    printf("collect: %zd\n", MoGC_Collect());
    MoObject *garbage = MoGC_Garbage();
    printf("garbage: %zd [", MoList_Size(garbage));
    for (Mo_ssize_t i = 0; i < MoList_Size(garbage); i++)
        printf("%s'%s'", i ? ", " : "", Mo_TYPE(MoList_GetItem(garbage, i))->tp_name);
    printf("]\n");
    MoGC_SetDebug(0);
    check(MoList_Clear(garbage) == 0, "clear");
    printf("collect again: %zd\n", MoGC_Collect());
}

static void classic_weakrefs(void)
{
    MoObject *out = ok(MoCFunction_New("cb_out", cb_out, NULL));

    section("weakref outside the cycle");
    MoObject *a = instance(Plain, NULL), *b = instance(Plain, NULL);
    link_pair(a, b);
    MoObject *w_out = ok(MoWeakref_NewRef(a, out));
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("collect: %zd\n", MoGC_Collect());
    printf("w_out() is None: %s\n", py_bool(MoWeakref_GetObject(w_out) == Mo_None));
    Mo_DECREF(w_out);

    section("weakref inside the cycle");
    a = instance(Plain, NULL);
    b = instance(Plain, NULL);
    link_pair(a, b);
    MoObject *in = ok(MoCFunction_New("cb_in", cb_in, NULL));   /* the lambda */
    set_attr_steal(a, "w", MoWeakref_NewRef(b, in));
    Mo_DECREF(in);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("collect: %zd\n", MoGC_Collect());

    section("weakrefs inside and outside, to the same object");
    a = instance(Plain, NULL);
    b = instance(Plain, NULL);
    link_pair(a, b);
    w_out = ok(MoWeakref_NewRef(b, out));
    in = ok(MoCFunction_New("cb_in", cb_in, NULL));
    set_attr_steal(a, "w", MoWeakref_NewRef(b, in));
    Mo_DECREF(in);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("collect: %zd\n", MoGC_Collect());
    Mo_DECREF(w_out);

    section("callbacks run before __del__ in a collection");
    a = instance(Node, "A");
    set_attr(a, "self", a);
    w_out = ok(MoWeakref_NewRef(a, out));
    Mo_DECREF(a);
    printf("collect: %zd\n", MoGC_Collect());
    Mo_DECREF(w_out);
    Mo_DECREF(out);
}

static void tracking(void)
{
    section("is_tracked");
    MoObject *one = ok(MoLong_FromLong(1)), *abc = ok(MoUnicode_FromString("abc"));
    printf("1: %s 'abc': %s None: %s\n", py_bool(MoGC_IsTracked(one)), py_bool(MoGC_IsTracked(abc)),
           py_bool(MoGC_IsTracked(Mo_None)));
    MoObject *l = ok(MoList_New(0)), *s = ok(MoSet_New(NULL)), *e = ok(MoDict_New());
    printf("[]: %s set(): %s {}: %s\n", py_bool(MoGC_IsTracked(l)), py_bool(MoGC_IsTracked(s)),
           py_bool(MoGC_IsTracked(e)));
    Mo_DECREF(s);
    Mo_DECREF(e);
    MoObject *p = instance(Plain, NULL), *q = instance(Slotted, NULL);
    printf("Plain(): %s Slotted(): %s\n", py_bool(MoGC_IsTracked(p)), py_bool(MoGC_IsTracked(q)));
    Mo_DECREF(p);
    Mo_DECREF(q);
    MoObject *t = ok(Mo_BuildValue("(ii)", 1, 2)), *d = ok(MoDict_New());
    check(MoDict_SetItemString(d, "a", l) == 0, "setitem");
    printf("tuple([1, 2]): %s {'a': []}: %s\n", py_bool(MoGC_IsTracked(t)), py_bool(MoGC_IsTracked(d)));
    check(MoDict_SetItemString(d, "a", one) == 0, "setitem");
    for (int gen = 0; gen < 3; gen++) {
        MoGC_CollectGeneration(gen);
        printf("after collect(%d): %s %s\n", gen, py_bool(MoGC_IsTracked(t)), py_bool(MoGC_IsTracked(d)));
    }
    Mo_DECREF(t);
    Mo_DECREF(d);
    Mo_DECREF(l);
    Mo_DECREF(one);
    Mo_DECREF(abc);
}

static void module_functions(void)
{
    section("get_stats, threshold, get_referents");
    MoObject *stats = ok(MoGC_GetStatsList());
    MoObject *keys = ok(MoSequence_List(MoList_GetItem(stats, 0)));
    printf("len: %zd keys: %s\n", MoList_Size(stats), repr(keys));
    Mo_DECREF(keys);
    Mo_DECREF(stats);
    int t[3];
    MoGC_GetThreshold(t);
    printf("threshold: (%d, %d, %d)\n", t[0], t[1], t[2]);
    MoObject *tuple = ok(Mo_BuildValue("(isO)", 1, "a", Mo_None));
    MoObject *list = ok(MoSequence_List(tuple));
    MoObject *refs = ok(MoGC_GetReferents(list));
    printf("referents of [1, 'a', None]: %s\n", repr(refs));
    Mo_DECREF(refs);
    Mo_DECREF(list);
    Mo_DECREF(tuple);

    section("gc.callbacks");
    MoObject *cb = ok(MoCFunction_New("show_phase", show_phase, NULL));
    check(MoGC_AddCallback(cb) == 0, "add callback");
    MoObject *x = ok(MoList_New(0)), *y = ok(MoList_New(0));
    check(MoList_Append(y, x) == 0 && MoList_Append(x, y) == 0, "append");
    Mo_DECREF(x);
    Mo_DECREF(y);
    printf("collect: %zd\n", MoGC_Collect());
    Mo_DECREF(ok(MoObject_CallMethod(MoGC_Callbacks(), "remove", "O", cb)));
    Mo_DECREF(cb);
}

int main(void)
{
    check(Mo_Initialize() == 0, "Mo_Initialize");
    saved = ok(MoList_New(0));
    make_classes();
    classic_node_pairs();
    classic_containers_and_plain();
    classic_resurrection();
    classic_saveall();
    classic_weakrefs();
    tracking();
    module_functions();
    Mo_DECREF(saved);
    Mo_DECREF(Node);
    Mo_DECREF(Plain);
    Mo_DECREF(Slotted);
    Mo_DECREF(C);
    Mo_DECREF(Res);
    fflush(stdout);
    return Mo_Finalize() == 0 ? 0 : 1;
}
