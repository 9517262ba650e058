/* Built-in functions and methods, and the descriptors that put a type's methods,
 * members and getsets into its dict.
 *
 * A method descriptor lives in a type's dict (list.append); looked up on an
 * instance it binds, making a MoCFunction whose m_self is the instance
 * ([].append); calling that calls the C function with self and the arguments.
 *
 * Invariant: a descriptor owns a reference to its type (d_type), taken when it is
 * made, released in its dealloc and visited by its traverse, as in CPython 3.11
 * (Objects/descrobject.c). A descriptor kept after its class was otherwise dropped
 * still works; and a class always sits in a cycle (class -> dict -> descriptor ->
 * class) that the collector reclaims through the class's tp_clear (class.c).
 */
#include <string.h>
#include "internal.h"

/* ml_flags bit for a MoMethodDef allocated by MoCFunction_New (freed with it). */
#define METH_OWNED_DEF 0x10000

/* ------------------------------------------------------- calling convention */

/* What messages call the function, as CPython's _PyObject_FunctionStr: "list.append"
   for a method (the short name of self's type), "_heapq.heappop" for a module's
   function (module names the module), "name" for a function MoCFunction_New made. */
static MoObject *cfunction_qualname(MoMethodDef *ml, MoObject *self, MoObject *module)
{
    if (module != NULL && MoUnicode_Check(module))
        return MoUnicode_FromFormat("%U.%s", module, ml->ml_name);
    if (self != NULL && !(ml->ml_flags & METH_OWNED_DEF) && !MoModule_Check(self)) {
        const char *tname = Mo_TYPE(self)->tp_name;
        const char *dot = strrchr(tname, '.');
        return MoUnicode_FromFormat("%s.%s", dot ? dot + 1 : tname, ml->ml_name);
    }
    return MoUnicode_FromString(ml->ml_name);
}

/* TypeError with fmt, whose %U is the function's name and %zd the count. */
static MoObject *call_error(MoMethodDef *ml, MoObject *self, MoObject *module, const char *fmt, Mo_ssize_t n)
{
    MoObject *q = cfunction_qualname(ml, self, module);
    if (q != NULL)
        MoErr_Format(MoExc_TypeError, fmt, q, n);
    Mo_XDECREF(q);
    return NULL;
}

/* METH_FASTCALL | METH_KEYWORDS from a tuple and a dict: the positional
   arguments, then the keywords' values, in one array; their names in a tuple. */
static MoObject *call_fast_keywords(MoMethodDef *ml, MoObject *self, MoObject *args, MoObject *kwargs)
{
    _MoCFunctionFastWithKeywords fn = (_MoCFunctionFastWithKeywords)(void (*)(void))ml->ml_meth;
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    MoObject *const *items = ((MoTupleObject *)args)->ob_item;
    if (kwargs == NULL || MoDict_Size(kwargs) == 0)
        return fn(self, items, n, NULL);
    Mo_ssize_t k = MoDict_Size(kwargs), pos = 0, i = 0;
    MoObject **stack = MoMem_Malloc((size_t)(n + k) * sizeof *stack);
    MoObject *kwnames = MoTuple_New(k);
    if (stack == NULL || kwnames == NULL) {
        MoMem_Free(stack);
        Mo_XDECREF(kwnames);
        return stack == NULL ? MoErr_NoMemory() : NULL;
    }
    memcpy(stack, items, (size_t)n * sizeof *stack);
    MoObject *key, *value;
    while (MoDict_Next(kwargs, &pos, &key, &value)) {
        MoTuple_SET_ITEM(kwnames, i, Mo_NewRef(key));
        stack[n + i++] = value;   /* borrowed: kwargs holds it for the call */
    }
    MoObject *res = fn(self, stack, n, kwnames);
    Mo_DECREF(kwnames);
    MoMem_Free(stack);
    return res;
}

/* Call ml with self and a tuple of arguments (and a dict of keywords), by the
   convention its flags name, checking the counts those conventions fix. */
static MoObject *call_method_def(MoMethodDef *ml, MoObject *self, MoObject *module, MoObject *args,
                                 MoObject *kwargs)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    int kind = ml->ml_flags & (MO_METH_NOARGS | MO_METH_O | MO_METH_VARARGS | MO_METH_KEYWORDS | MO_METH_FASTCALL);
    if (kwargs != NULL && MoDict_Size(kwargs) != 0 && !(kind & MO_METH_KEYWORDS))
        return call_error(ml, self, module, "%U() takes no keyword arguments", 0);
    switch (kind) {
    case MO_METH_NOARGS:
        if (n != 0)
            return call_error(ml, self, module, "%U() takes no arguments (%zd given)", n);
        return ml->ml_meth(self, NULL);
    case MO_METH_O:
        if (n != 1)
            return call_error(ml, self, module, "%U() takes exactly one argument (%zd given)", n);
        return ml->ml_meth(self, MoTuple_GET_ITEM(args, 0));
    case MO_METH_VARARGS:
        return ml->ml_meth(self, args);
    case MO_METH_VARARGS | MO_METH_KEYWORDS:
        return ((MoCFunctionWithKeywords)(void (*)(void))ml->ml_meth)(self, args, kwargs);
    case MO_METH_FASTCALL:
        return ((_MoCFunctionFast)(void (*)(void))ml->ml_meth)(self, ((MoTupleObject *)args)->ob_item, n);
    case MO_METH_FASTCALL | MO_METH_KEYWORDS:
        return call_fast_keywords(ml, self, args, kwargs);
    default:
        MoErr_Format(MoExc_SystemError, "%s() method: bad call flags", ml->ml_name);
        return NULL;
    }
}

/* ------------------------------------------------------------- functions */

static MoObject *cfunction_call(MoObject *f, MoObject *args, MoObject *kwargs)
{
    MoCFunctionObject *fn = (MoCFunctionObject *)f;
    return call_method_def(fn->m_ml, fn->m_self, fn->m_module, args, kwargs);
}

static void cfunction_dealloc(MoObject *f)
{
    MoCFunctionObject *fn = (MoCFunctionObject *)f;
    MoObject_GC_UnTrack(f);
    if (fn->m_weakreflist != NULL)
        MoObject_ClearWeakRefs(f);
    Mo_CLEAR(fn->m_self);
    Mo_CLEAR(fn->m_module);
    if (fn->m_ml->ml_flags & METH_OWNED_DEF)
        MoMem_Free(fn->m_ml);
    Mo_TYPE(f)->tp_free(f);
}

static int cfunction_traverse(MoObject *f, visitproc visit, void *arg)
{
    MoCFunctionObject *fn = (MoCFunctionObject *)f;
    Mo_VISIT(fn->m_self);
    Mo_VISIT(fn->m_module);
    return 0;
}

static MoObject *cfunction_repr(MoObject *f)
{
    MoCFunctionObject *fn = (MoCFunctionObject *)f;
    if (fn->m_self == NULL || MoModule_Check(fn->m_self))
        return MoUnicode_FromFormat("<built-in function %s>", fn->m_ml->ml_name);
    return MoUnicode_FromFormat("<built-in method %s of %s object at %p>", fn->m_ml->ml_name,
                                Mo_TYPE(fn->m_self)->tp_name, (void *)fn->m_self);
}

MoTypeObject MoCFunction_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(MoCFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_repr = cfunction_repr,
    .tp_call = cfunction_call,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = cfunction_traverse,
    .tp_weaklistoffset = offsetof(MoCFunctionObject, m_weakreflist),
};

MoObject *MoCFunction_NewEx(MoMethodDef *ml, MoObject *self)
{
    return MoCMethod_New(ml, self, NULL, NULL);
}

MoObject *MoCMethod_New(MoMethodDef *ml, MoObject *self, MoObject *module, MoTypeObject *cls)
{
    if (cls != NULL) {
        MoErr_SetString(MoExc_SystemError, "attempting to create PyCMethod with a METH_METHOD flag");
        return NULL;
    }
    MoCFunctionObject *fn = MoObject_GC_New(MoCFunctionObject, &MoCFunction_Type);
    if (fn == NULL)
        return NULL;
    fn->m_ml = ml;
    fn->m_self = Mo_XNewRef(self);
    fn->m_module = Mo_XNewRef(module);
    fn->m_weakreflist = NULL;
    fn->vectorcall = NULL;
    MoObject_GC_Track(fn);
    return (MoObject *)fn;
}

/* region cfunction_new */
MoObject *MoCFunction_New(const char *name, MoCFunc fn, MoObject *self)
{
    /* The definition and a copy of the name in one block, owned by the function. */
    size_t len = strlen(name);
    MoMethodDef *ml = MoMem_Malloc(sizeof(MoMethodDef) + len + 1);
    if (ml == NULL)
        return MoErr_NoMemory();
    char *copy = (char *)(ml + 1);
    memcpy(copy, name, len + 1);
    *ml = (MoMethodDef){ copy, fn, MO_METH_VARARGS | METH_OWNED_DEF, NULL };
    MoObject *f = MoCFunction_NewEx(ml, self);
    if (f == NULL)
        MoMem_Free(ml);
    return f;
}
/* endregion cfunction_new */

/* ------------------------------------------------------------ descriptors */

typedef struct {
    MoObject_HEAD
    MoTypeObject *d_type;   /* owned (static types' counts are touched too, never freed) */
    MoObject *d_name;
    MoObject *d_qualname;
    union {
        MoMethodDef *method;
        MoMemberDef *member;
        MoGetSetDef *getset;
    } d;
} MoDescrObject;

static MoDescrObject *descr_new(MoTypeObject *descrtype, MoTypeObject *t, const char *name)
{
    MoDescrObject *d = MoObject_GC_New(MoDescrObject, descrtype);
    if (d == NULL)
        return NULL;
    d->d_type = (MoTypeObject *)Mo_NewRef((MoObject *)t);
    d->d_qualname = NULL;
    d->d_name = MoUnicode_InternFromString(name);
    if (d->d_name == NULL) {
        Mo_DECREF(d);
        return NULL;
    }
    MoObject_GC_Track(d);
    return d;
}

static void descr_dealloc(MoObject *o)
{
    MoDescrObject *d = (MoDescrObject *)o;
    MoObject_GC_UnTrack(o);
    Mo_CLEAR(d->d_type);   /* may free a class whose last owner this was */
    Mo_CLEAR(d->d_name);
    Mo_CLEAR(d->d_qualname);
    Mo_TYPE(o)->tp_free(o);
}

/* The type is the one reference that can close a cycle (a class reaches its
   descriptors through its dict); the names are strings. */
static int descr_traverse(MoObject *o, visitproc visit, void *arg)
{
    Mo_VISIT(((MoDescrObject *)o)->d_type);
    return 0;
}

/* The instance must be of the descriptor's type: list.append(1, 2) is an error. */
static int descr_check(MoDescrObject *d, MoObject *obj)
{
    if (!MoObject_TypeCheck(obj, d->d_type)) {
        MoErr_Format(MoExc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                     d->d_name, d->d_type->tp_name, Mo_TYPE(obj)->tp_name);
        return -1;
    }
    return 0;
}

static MoObject *method_get(MoObject *o, MoObject *obj, MoObject *type)
{
    (void)type;
    MoDescrObject *d = (MoDescrObject *)o;
    if (obj == NULL)
        return Mo_NewRef(o);
    if (descr_check(d, obj) < 0)
        return NULL;
    return MoCFunction_NewEx(d->d.method, obj);
}

/* list.append(l, x): the first argument is self. */
static MoObject *method_call(MoObject *o, MoObject *args, MoObject *kwargs)
{
    MoDescrObject *d = (MoDescrObject *)o;
    if (MoTuple_GET_SIZE(args) < 1) {
        MoErr_Format(MoExc_TypeError, "unbound method %s.%U() needs an argument", d->d_type->tp_name, d->d_name);
        return NULL;
    }
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (descr_check(d, self) < 0)
        return NULL;
    MoObject *rest = MoTuple_GetSlice(args, 1, MoTuple_GET_SIZE(args));
    if (rest == NULL)
        return NULL;
    MoObject *res = call_method_def(d->d.method, self, NULL, rest, kwargs);
    Mo_DECREF(rest);
    return res;
}

static MoObject *method_repr(MoObject *o)
{
    MoDescrObject *d = (MoDescrObject *)o;
    return MoUnicode_FromFormat("<method '%U' of '%s' objects>", d->d_name, d->d_type->tp_name);
}

MoTypeObject MoMethodDescr_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(MoDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = method_repr,
    .tp_call = method_call,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_descr_get = method_get,
};

/* region member_get */
/* A member reads a field at a fixed offset in the instance: how __slots__ work.
   Looked up on the class (obj NULL) it is the descriptor itself. */
static MoObject *member_get(MoObject *o, MoObject *obj, MoObject *type)
{
    (void)type;
    MoDescrObject *d = (MoDescrObject *)o;
    if (obj == NULL)
        return Mo_NewRef(o);
    if (descr_check(d, obj) < 0)
        return NULL;
    return MoMember_GetOne((const char *)obj, d->d.member);
}
/* endregion member_get */

/* region member_set */
/* Writing (v) or deleting (v NULL) the field, once the instance is known to be of
   the descriptor's type: its offset means nothing in any other object. */
static int member_set(MoObject *o, MoObject *obj, MoObject *v)
{
    MoDescrObject *d = (MoDescrObject *)o;
    if (descr_check(d, obj) < 0)
        return -1;
    return MoMember_SetOne((char *)obj, d->d.member, v);
}
/* endregion member_set */

static MoObject *member_repr(MoObject *o)
{
    MoDescrObject *d = (MoDescrObject *)o;
    return MoUnicode_FromFormat("<member '%U' of '%s' objects>", d->d_name, d->d_type->tp_name);
}

MoTypeObject MoMemberDescr_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(MoDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_repr,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

static MoObject *getset_get(MoObject *o, MoObject *obj, MoObject *type)
{
    (void)type;
    MoDescrObject *d = (MoDescrObject *)o;
    if (obj == NULL)
        return Mo_NewRef(o);
    if (descr_check(d, obj) < 0)
        return NULL;
    if (d->d.getset->get == NULL) {
        MoErr_Format(MoExc_AttributeError, "attribute '%U' of '%s' objects is not readable", d->d_name,
                     d->d_type->tp_name);
        return NULL;
    }
    return d->d.getset->get(obj, d->d.getset->closure);
}

static int getset_set(MoObject *o, MoObject *obj, MoObject *v)
{
    MoDescrObject *d = (MoDescrObject *)o;
    if (descr_check(d, obj) < 0)
        return -1;
    if (d->d.getset->set == NULL) {
        MoErr_Format(MoExc_AttributeError, "attribute '%U' of '%s' objects is not writable", d->d_name,
                     d->d_type->tp_name);
        return -1;
    }
    return d->d.getset->set(obj, v, d->d.getset->closure);
}

static MoObject *getset_repr(MoObject *o)
{
    MoDescrObject *d = (MoDescrObject *)o;
    return MoUnicode_FromFormat("<attribute '%U' of '%s' objects>", d->d_name, d->d_type->tp_name);
}

MoTypeObject MoGetSetDescr_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(MoDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

MoObject *MoDescr_NewMethod(MoTypeObject *t, MoMethodDef *ml)
{
    MoDescrObject *d = descr_new(&MoMethodDescr_Type, t, ml->ml_name);
    if (d != NULL)
        d->d.method = ml;
    return (MoObject *)d;
}

MoObject *MoDescr_NewMember(MoTypeObject *t, MoMemberDef *m)
{
    MoDescrObject *d = descr_new(&MoMemberDescr_Type, t, m->name);
    if (d != NULL)
        d->d.member = m;
    return (MoObject *)d;
}

MoObject *MoDescr_NewGetSet(MoTypeObject *t, MoGetSetDef *g)
{
    MoDescrObject *d = descr_new(&MoGetSetDescr_Type, t, g->name);
    if (d != NULL)
        d->d.getset = g;
    return (MoObject *)d;
}

int _MoCFunction_Init(void)
{
    if (MoType_Ready(&MoCFunction_Type) < 0 || MoType_Ready(&MoMethodDescr_Type) < 0 ||
        MoType_Ready(&MoMemberDescr_Type) < 0 || MoType_Ready(&MoGetSetDescr_Type) < 0)
        return -1;
    return 0;
}
