/* __del__ in a collection: its order, resurrection (PEP 442: a finalizer runs
 * once), and what 3.11 still cannot collect: a legacy tp_del finalizer in a cycle.
 * The C twin of 04-finalizers.py. Node and Res are classes made at run time; Legacy
 * is a static type with a tp_del slot, which is what _testcapi.with_tp_del gives
 * the twin's class.
 */
#include <stdio.h>
#include "mo.h"

/* --------------------------------------------------------- a legacy type */

typedef struct {
    MoObject_HEAD
    MoObject *me;
} LegacyObject;

static int legacy_traverse(MoObject *self, visitproc visit, void *arg)
{
    Mo_VISIT(((LegacyObject *)self)->me);
    return 0;
}

static int legacy_clear(MoObject *self)
{
    Mo_CLEAR(((LegacyObject *)self)->me);
    return 0;
}

static void legacy_dealloc(MoObject *self)
{
    MoObject_GC_UnTrack(self);
    legacy_clear(self);
    Mo_TYPE(self)->tp_free(self);
}

static void legacy_del(MoObject *self) { (void)self; }

static MoTypeObject LegacyType = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "Legacy",
    .tp_basicsize = sizeof(LegacyObject),
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_dealloc = legacy_dealloc,
    .tp_traverse = legacy_traverse,
    .tp_clear = legacy_clear,
    .tp_del = legacy_del,
};

/* ------------------------------------------------------ the run-time classes */

static MoObject *saved;

static MoObject *node_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *name = MoObject_GetAttrString(MoTuple_GetItem(args, 0), "name");
    if (name == NULL)
        return NULL;
    printf("__del__ %s\n", MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

static MoObject *res_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("Res.__del__: saving self\n");
    if (MoList_Append(saved, MoTuple_GetItem(args, 0)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* new: a class whose __del__ is fn */
static MoObject *class_with_del(const char *name, MoCFunc fn)
{
    MoObject *cls = MoClass_New(name, NULL);
    MoObject *del = MoCFunction_New("__del__", fn, NULL);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(del);
    return cls;
}

/* new: Node(name) */
static MoObject *node(MoObject *cls, const char *name)
{
    MoObject *o = MoObject_CallNoArgs(cls);
    MoObject *s = MoUnicode_FromString(name);
    MoObject_SetAttrString(o, "name", s);
    Mo_DECREF(s);
    return o;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *Node = class_with_del("Node", node_del);
    MoObject *Res = class_with_del("Res", res_del);
    saved = MoList_New(0);
    MoType_Ready(&LegacyType);
    MoGC_Collect();

    MoObject *a = node(Node, "A"), *b = node(Node, "B"), *c = node(Node, "C");
    MoObject_SetAttrString(a, "next", b);      /* a ring of three */
    MoObject_SetAttrString(b, "next", c);
    MoObject_SetAttrString(c, "next", a);
    Mo_DECREF(a), Mo_DECREF(b), Mo_DECREF(c);
    printf("ring collect: %zd\n", MoGC_Collect());

    MoObject *r = MoObject_CallNoArgs(Res);
    MoObject_SetAttrString(r, "me", r);
    Mo_DECREF(r);
    printf("resurrected collect: %zd\n", MoGC_Collect());
    printf("saved: %zd is_finalized: %s\n", MoList_Size(saved),
           MoGC_IsFinalized(MoList_GetItem(saved, 0)) ? "True" : "False");
    MoList_Clear(saved);                       /* garbage again: no 2nd __del__ */
    printf("second collect: %zd\n", MoGC_Collect());

    LegacyObject *x = (LegacyObject *)_MoObject_GC_New(&LegacyType);
    x->me = Mo_NewRef((MoObject *)x);          /* x.me = x */
    MoObject_GC_Track(x);
    Mo_DECREF(x);
    printf("legacy collect: %zd\n", MoGC_Collect());
    MoGCStats st[3];
    MoGC_GetStats(st);
    MoObject *garbage = MoGC_Garbage();
    printf("gc.garbage: ['%s'] uncollectable: %zd\n",
           Mo_TYPE(MoList_GetItem(garbage, 0))->tp_name, st[2].uncollectable);
    printf("collect again: %zd\n", MoGC_Collect());
    legacy_clear(MoList_GetItem(garbage, 0));  /* break the cycle by hand */
    MoList_Clear(garbage);
    printf("after clearing: %zd\n", MoGC_Collect());
    Mo_DECREF(saved);
    Mo_DECREF(Res);
    Mo_DECREF(Node);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
