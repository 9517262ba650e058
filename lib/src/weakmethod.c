/* weakref.WeakMethod (Lib/weakref.py), as a static subtype of weakref.ref.
 *
 * A bound method is made afresh at every `obj.meth`, so ref(obj.meth) is dead as
 * soon as the temporary method is. A WeakMethod instead refers weakly to the two
 * things the method is made of: the instance (the reference itself: its
 * wr_object) and the function (func_ref). Calling it binds them again.
 *
 * Invariants:
 *   1. Both references carry the same callback, `cb`, a built-in function whose
 *      self is a two-item list [ref(the WeakMethod), the user's callback or None]:
 *      the WeakMethod is reached weakly from its own callbacks, so there is no
 *      cycle (Lib/weakref.py's self_wr trick).
 *   2. `alive` is True until the first of instance and function dies; then cb sets
 *      it False and calls the user's callback once, with the WeakMethod.
 *   3. The layout is 3.11's: the four __slots__ (_func_ref, _meth_type, _alive,
 *      __weakref__) are object pointers after the ref's fields.
 */
#include "internal.h"

typedef struct {
    MoWeakReference base;
    MoObject *func_ref;      /* ref(func, cb) */
    MoObject *meth_type;     /* type(meth) */
    MoObject *alive;         /* True or False (rule 2) */
    MoObject *weakreflist;
} weakmethod;

/* cb(dead_ref): self is [ref(wm), callback] (rule 1). */
static MoObject *weakmethod_cb(MoObject *cell, MoObject *args)
{
    (void)args;
    MoObject *wm = MoWeakref_GetObject(MoList_GET_ITEM(cell, 0));
    if (wm == NULL || wm == Mo_None || ((weakmethod *)wm)->alive != Mo_True)
        Mo_RETURN_NONE;
    Mo_SETREF(((weakmethod *)wm)->alive, Mo_NewRef(Mo_False));
    MoObject *callback = MoList_GET_ITEM(cell, 1);
    if (callback == Mo_None)
        Mo_RETURN_NONE;
    return MoObject_CallOneArg(callback, wm);
}

/* new: the WeakMethod's cb and its cell, the cell's first item still None. */
static MoObject *weakmethod_make_cb(MoObject *callback, MoObject **cell)
{
    *cell = MoList_New(2);
    if (*cell == NULL)
        return NULL;
    MoList_SET_ITEM(*cell, 0, Mo_NewRef(Mo_None));
    MoList_SET_ITEM(*cell, 1, Mo_NewRef(callback != NULL ? callback : Mo_None));
    MoObject *cb = MoCFunction_New("_cb", weakmethod_cb, *cell);
    if (cb == NULL)
        Mo_CLEAR(*cell);
    return cb;
}

/* region weakmethod_new */
MoObject *MoWeakMethod_New(MoObject *meth, MoObject *callback_or_NULL)
{
    if (!MoMethod_Check(meth)) {
        MoErr_Format(MoExc_TypeError, "argument should be a bound method, not %R", (MoObject *)Mo_TYPE(meth));
        return NULL;
    }
    MoObject *cell, *cb = weakmethod_make_cb(callback_or_NULL, &cell);
    if (cb == NULL)
        return NULL;
    weakmethod *self = (weakmethod *)_MoWeakref_NewOfType(&MoWeakMethod_Type, MoMethod_GET_SELF(meth), cb);
    if (self != NULL) {
        /* Before anything allocates: the collector may traverse us. */
        self->func_ref = self->weakreflist = NULL;
        self->meth_type = Mo_NewRef((MoObject *)Mo_TYPE(meth));
        self->alive = Mo_NewRef(Mo_True);
        self->func_ref = MoWeakref_NewRef(MoMethod_GET_FUNCTION(meth), cb);
        MoObject *self_wr = self->func_ref != NULL ? MoWeakref_NewRef((MoObject *)self, NULL) : NULL;
        if (self_wr == NULL)
            Mo_CLEAR(self);
        else
            MoList_SetItem(cell, 0, self_wr);   /* steals self_wr */
    }
    Mo_DECREF(cb);
    Mo_DECREF(cell);
    return (MoObject *)self;
}
/* endregion weakmethod_new */

/* wm(): a new bound method of the function and the instance, or None. */
static MoObject *weakmethod_call(MoObject *op, MoObject *args, MoObject *kwargs)
{
    if (_MoArg_CheckPositional(args, "WeakMethod.__call__", NULL, 0, 0) < 0)
        return NULL;
    (void)kwargs;
    weakmethod *self = (weakmethod *)op;
    MoObject *obj = _MoWeakref_Referent(&self->base);
    MoObject *func = MoWeakref_GetObject(self->func_ref);
    if (obj == Mo_None || func == Mo_None)
        Mo_RETURN_NONE;
    return MoMethod_New(func, obj);
}

/* ==, != between WeakMethods: identity once either is dead; else the references
   to the instances compare as refs do, and the function references too. */
static MoObject *weakmethod_richcompare(MoObject *a, MoObject *b, int op)
{
    if ((op != MO_EQ && op != MO_NE) || !MoObject_TypeCheck(a, &MoWeakMethod_Type) ||
        !MoObject_TypeCheck(b, &MoWeakMethod_Type))
        Mo_RETURN_NOTIMPLEMENTED;
    weakmethod *x = (weakmethod *)a, *y = (weakmethod *)b;
    int eq = a == b;
    if (x->alive == Mo_True && y->alive == Mo_True) {
        MoObject *same = MoWeakref_RefType.tp_richcompare(a, b, MO_EQ);
        eq = same != NULL ? MoObject_IsTrue(same) : -1;
        Mo_XDECREF(same);
        if (eq == 1)
            eq = MoObject_RichCompareBool(x->func_ref, y->func_ref, MO_EQ);
        if (eq < 0)
            return NULL;
    }
    return _MoBool_From(op == MO_EQ ? eq : !eq);
}

static void weakmethod_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    weakmethod *self = (weakmethod *)op;
    if (self->weakreflist != NULL)
        MoObject_ClearWeakRefs(op);
    Mo_CLEAR(self->func_ref);
    Mo_CLEAR(self->meth_type);
    Mo_CLEAR(self->alive);
    _MoWeakref_Dealloc(op);
}

static int weakmethod_traverse(MoObject *op, visitproc visit, void *arg)
{
    weakmethod *self = (weakmethod *)op;
    Mo_VISIT(self->func_ref);
    Mo_VISIT(self->meth_type);
    return _MoWeakref_Traverse(op, visit, arg);
}

static int weakmethod_clear(MoObject *op)
{
    Mo_CLEAR(((weakmethod *)op)->func_ref);
    return _MoWeakref_TpClear(op);
}

/* WeakMethod keeps ref's hash (its __hash__ = ref.__hash__): the instance's. */
static Mo_hash_t weakmethod_hash(MoObject *op)
{
    return MoWeakref_RefType.tp_hash(op);
}

MoTypeObject MoWeakMethod_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "weakref.WeakMethod",
    .tp_basicsize = sizeof(weakmethod),
    .tp_dealloc = weakmethod_dealloc,
    .tp_hash = weakmethod_hash,
    .tp_call = weakmethod_call,
    .tp_flags = MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE,
    .tp_traverse = weakmethod_traverse,
    .tp_clear = weakmethod_clear,
    .tp_richcompare = weakmethod_richcompare,
    .tp_weaklistoffset = offsetof(weakmethod, weakreflist),
    .tp_base = &MoWeakref_RefType,
    .tp_free = MoObject_GC_Del,
};
