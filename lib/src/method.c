/* Bound methods (3.11's PyMethod_Type, Objects/classobject.c).
 *
 * A bound method pairs a function with the instance it was looked up on: o.m gives
 * MoMethod_New(C.m, o), and calling it calls C.m(o, *args). Nothing else: the
 * object is made fresh on every lookup (o.m is not o.m), it owns both references,
 * and it is a GC object (it can sit in a cycle through its instance) that can be
 * weakly referenced (weakref.WeakMethod rests on that).
 *
 * Layout (64 bytes with the GC header, as 3.11): header, im_func, im_self,
 * im_weakreflist, and an unused vectorcall slot.
 */
#include "internal.h"

/* ------------------------------------------------------------------ calling */

/* region method_call */
/* m(*args, **kwargs) is im_func(im_self, *args, **kwargs). */
static MoObject *method_call(MoObject *op, MoObject *args, MoObject *kwargs)
{
    MoMethodObject *m = (MoMethodObject *)op;
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    MoObject *full = MoTuple_New(n + 1);
    if (full == NULL)
        return NULL;
    MoTuple_SET_ITEM(full, 0, Mo_NewRef(m->im_self));
    for (Mo_ssize_t i = 0; i < n; i++)
        MoTuple_SET_ITEM(full, i + 1, Mo_NewRef(MoTuple_GET_ITEM(args, i)));
    MoObject *res = MoObject_Call(m->im_func, full, kwargs);
    Mo_DECREF(full);
    return res;
}
/* endregion method_call */

/* ---------------------------------------------------------------- lifetime */

static void method_dealloc(MoObject *op)
{
    MoMethodObject *m = (MoMethodObject *)op;
    MoObject_GC_UnTrack(op);
    if (m->im_weakreflist != NULL)
        MoObject_ClearWeakRefs(op);
    Mo_CLEAR(m->im_func);
    Mo_CLEAR(m->im_self);
    Mo_TYPE(op)->tp_free(op);
}

static int method_traverse(MoObject *op, visitproc visit, void *arg)
{
    MoMethodObject *m = (MoMethodObject *)op;
    Mo_VISIT(m->im_func);
    Mo_VISIT(m->im_self);
    return 0;
}

static int method_clear(MoObject *op)
{
    MoMethodObject *m = (MoMethodObject *)op;
    Mo_CLEAR(m->im_func);
    Mo_CLEAR(m->im_self);
    return 0;
}

/* ------------------------------------------------------------- repr, compare */

/* new: the name repr shows: a C function's own name, else the function's
   __qualname__ or __name__ when it is a str, else "?" (as 3.11). */
static MoObject *method_func_name(MoObject *func)
{
    if (MoCFunction_Check(func))
        return MoUnicode_FromString(((MoCFunctionObject *)func)->m_ml->ml_name);
    static const char *const attrs[] = {"__qualname__", "__name__"};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        MoObject *name = MoObject_GetAttrString(func, attrs[i]);
        if (name != NULL && MoUnicode_Check(name))
            return name;
        Mo_XDECREF(name);
        if (name == NULL && !MoErr_ExceptionMatches(MoExc_AttributeError))
            return NULL;
        MoErr_Clear();
    }
    return MoUnicode_FromString("?");
}

/* "<bound method NAME of REPR(self)>" */
static MoObject *method_repr(MoObject *op)
{
    MoMethodObject *m = (MoMethodObject *)op;
    MoObject *name = method_func_name(m->im_func);
    if (name == NULL)
        return NULL;
    MoObject *res = MoUnicode_FromFormat("<bound method %U of %R>", name, m->im_self);
    Mo_DECREF(name);
    return res;
}

/* Two bound methods are equal when they bind the same function to the same
   object (identity of self, since 3.8). */
static MoObject *method_richcompare(MoObject *a, MoObject *b, int op)
{
    if ((op != MO_EQ && op != MO_NE) || !MoMethod_Check(a) || !MoMethod_Check(b))
        Mo_RETURN_NOTIMPLEMENTED;
    MoMethodObject *ma = (MoMethodObject *)a, *mb = (MoMethodObject *)b;
    int eq = ma->im_self == mb->im_self;
    if (eq) {
        eq = MoObject_RichCompareBool(ma->im_func, mb->im_func, MO_EQ);
        if (eq < 0)
            return NULL;
    }
    return MoBool_FromLong(op == MO_EQ ? eq : !eq);
}

static Mo_hash_t method_hash(MoObject *op)
{
    MoMethodObject *m = (MoMethodObject *)op;
    Mo_hash_t y = MoObject_Hash(m->im_func);
    if (y == -1)
        return -1;
    Mo_hash_t x = _Mo_HashPointer(m->im_self) ^ y;
    return x == -1 ? -2 : x;
}

/* ---------------------------------------------------------------- attributes */

static MoMemberDef method_members[] = {
    {"__func__", MO_T_OBJECT, offsetof(MoMethodObject, im_func), MO_READONLY, "the function (or other callable) implementing a method"},
    {"__self__", MO_T_OBJECT, offsetof(MoMethodObject, im_self), MO_READONLY, "the instance to which a method is bound"},
    {NULL, 0, 0, 0, NULL},
};

/* The method's own attributes first, then the function's (m.__name__ is
   m.__func__.__name__), as 3.11's method_getattro. */
static MoObject *method_getattro(MoObject *op, MoObject *name)
{
    MoObject *descr = _MoType_Lookup(Mo_TYPE(op), name);
    if (descr != NULL) {
        descrgetfunc get = Mo_TYPE(descr)->tp_descr_get;
        return get != NULL ? get(descr, op, (MoObject *)Mo_TYPE(op)) : Mo_NewRef(descr);
    }
    return MoObject_GetAttr(((MoMethodObject *)op)->im_func, name);
}

/* -------------------------------------------------------------------- the type */

MoTypeObject MoMethod_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "method",
    .tp_basicsize = sizeof(MoMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_call = method_call,
    .tp_getattro = method_getattro,
    .tp_setattro = MoObject_GenericSetAttr,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_doc = "Create a bound instance method object.",
    .tp_traverse = method_traverse,
    .tp_clear = method_clear,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(MoMethodObject, im_weakreflist),
    .tp_members = method_members,
};

/* region method_new */
MoObject *MoMethod_New(MoObject *func, MoObject *self)
{
    if (func == NULL || self == NULL) {
        MoErr_BadInternalCall();
        return NULL;
    }
    if (MoType_Ready(&MoMethod_Type) < 0)
        return NULL;
    MoMethodObject *m = MoObject_GC_New(MoMethodObject, &MoMethod_Type);
    if (m == NULL)
        return NULL;
    m->im_func = Mo_NewRef(func);
    m->im_self = Mo_NewRef(self);
    m->im_weakreflist = NULL;
    m->vectorcall = NULL;
    MoObject_GC_Track(m);
    return (MoObject *)m;
}
/* endregion method_new */
