/* Weak references: weakref.ref, and the death of a referent (Objects/weakrefobject.c).
 *
 * A weak reference points at its referent without counting in the referent's
 * reference count. Every weakrefable object keeps, at its type's
 * tp_weaklistoffset, the head of a doubly linked list of the references to it.
 *
 * Invariants of that list (the discipline of CPython 3.11):
 *   1. If a basic ref exists (an exact weakref.ref without a callback), it is the
 *      head, and it is the only one: ref(o) is ref(o).
 *   2. If a basic proxy exists (weakref.proxy without a callback), it comes next,
 *      and it is the only one too.
 *   3. Every other reference (with a callback, or of a subtype) comes after them,
 *      inserted right after the basic ones: so the newest comes first.
 *   4. A reference is on its referent's list iff its wr_object is not None. A dead
 *      reference has wr_object == None and is on no list; a reference that dies
 *      unlinks itself.
 *
 * When the referent dies by its count (its tp_dealloc calls MoObject_ClearWeakRefs)
 * every reference on the list is cleared first, and only then are the callbacks
 * called, in list order: newest first (cb3, cb2, cb1), each with its own dead
 * reference as the one argument. The collector instead unlinks references one at
 * a time with _MoWeakref_ClearRef and calls the callbacks itself.
 *
 * Start reading at MoObject_ClearWeakRefs and weakref_new.
 * The proxies (weakref.proxy) share this list and this struct: see weakproxy.c.
 */
#include <string.h>
#include "internal.h"

/* =================================================================== readiness */

static int weakref_ready_types(void)
{
    if ((MoWeakref_RefType.tp_flags & MO_TPFLAGS_READY) && (MoWeakref_ProxyType.tp_flags & MO_TPFLAGS_READY) &&
        (MoWeakref_CallableProxyType.tp_flags & MO_TPFLAGS_READY))
        return 0;
    if (MoType_Ready(&MoWeakref_RefType) < 0 || MoType_Ready(&MoWeakref_ProxyType) < 0 ||
        MoType_Ready(&MoWeakref_CallableProxyType) < 0)
        return -1;
    return 0;
}

int _MoWeakref_Init(void)
{
    return weakref_ready_types();
}

/* ============================================================ the referent's list */

/* The referent of a live reference, or None. An object whose count is already
   zero (its tp_dealloc is running, or the trashcan postponed it) counts as dead,
   as PyWeakref_GET_OBJECT in 3.11 (gh-60806). Borrowed. */
static inline MoObject *weakref_referent(MoWeakReference *self)
{
    MoObject *obj = self->wr_object;
    return Mo_REFCNT(obj) > 0 ? obj : Mo_None;
}

MoObject *_MoWeakref_Referent(MoWeakReference *self)
{
    return weakref_referent(self);
}

/* The shared callback-less ref and proxy at the head of a list, if any. */
static void weakref_get_basic_refs(MoWeakReference *head, MoWeakReference **refp, MoWeakReference **proxyp)
{
    *refp = NULL;
    *proxyp = NULL;
    if (head != NULL && head->wr_callback == NULL && Mo_IS_TYPE(head, &MoWeakref_RefType)) {
        *refp = head;
        head = head->wr_next;
    }
    if (head != NULL && head->wr_callback == NULL && MoWeakref_CheckProxy(head))
        *proxyp = head;
}

static void weakref_insert_head(MoWeakReference *self, MoWeakReference **list)
{
    MoWeakReference *next = *list;
    self->wr_prev = NULL;
    self->wr_next = next;
    if (next != NULL)
        next->wr_prev = self;
    *list = self;
}

static void weakref_insert_after(MoWeakReference *self, MoWeakReference *prev)
{
    self->wr_prev = prev;
    self->wr_next = prev->wr_next;
    if (prev->wr_next != NULL)
        prev->wr_next->wr_prev = self;
    prev->wr_next = self;
}

/* region weakref_unlink */
/* Take self off its referent's list and make it dead (wr_object = None). Its
   callback stays: the caller decides whether it runs. Cannot fail. */
static void weakref_unlink(MoWeakReference *self)
{
    if (self->wr_object == Mo_None)
        return;
    MoWeakReference **list = _MoObject_GET_WEAKREFS_LISTPTR(self->wr_object);
    if (*list == self)
        *list = self->wr_next;
    if (self->wr_prev != NULL)
        self->wr_prev->wr_next = self->wr_next;
    if (self->wr_next != NULL)
        self->wr_next->wr_prev = self->wr_prev;
    self->wr_prev = self->wr_next = NULL;
    self->wr_object = Mo_None;
}
/* endregion weakref_unlink */

/* Unlink and drop the callback too: the reference can never fire again. */
static void weakref_clear(MoWeakReference *self)
{
    weakref_unlink(self);
    Mo_CLEAR(self->wr_callback);
}

void _MoWeakref_ClearRef(MoWeakReference *self)
{
    weakref_unlink(self);
}

static Mo_ssize_t weakref_list_length(MoWeakReference *head)
{
    Mo_ssize_t n = 0;
    for (; head != NULL; head = head->wr_next)
        n++;
    return n;
}

Mo_ssize_t MoWeakref_GetWeakrefCount(MoObject *o)
{
    if (!MoType_SUPPORTS_WEAKREFS(Mo_TYPE(o)))
        return 0;
    return weakref_list_length(*_MoObject_GET_WEAKREFS_LISTPTR(o));
}

/* region getweakrefs */
MoObject *MoWeakref_GetWeakrefs(MoObject *o)
{
    MoObject *refs = MoList_New(0);
    if (refs == NULL || !MoType_SUPPORTS_WEAKREFS(Mo_TYPE(o)))
        return refs;
    for (MoWeakReference *r = *_MoObject_GET_WEAKREFS_LISTPTR(o); r != NULL; r = r->wr_next) {
        if (MoList_Append(refs, (MoObject *)r) < 0) {
            Mo_DECREF(refs);
            return NULL;
        }
    }
    return refs;
}
/* endregion getweakrefs */

/* ========================================================= making a reference */

static int weakref_check_referent(MoObject *ob)
{
    if (MoType_SUPPORTS_WEAKREFS(Mo_TYPE(ob)))
        return 0;
    MoErr_Format(MoExc_TypeError, "cannot create weak reference to '%s' object", Mo_TYPE(ob)->tp_name);
    return -1;
}

static void weakref_init(MoWeakReference *self, MoObject *ob, MoObject *callback)
{
    self->wr_object = ob;
    self->wr_callback = Mo_XNewRef(callback);
    self->hash = -1;
    self->wr_prev = self->wr_next = NULL;
    self->vectorcall = NULL;
}

/* region weakref_new */
/* new: a reference of type `type` (weakref.ref, a subtype, or a proxy type) to ob.
   A callback-less basic ref or proxy is shared: the existing one is returned. */
static MoObject *weakref_new(MoTypeObject *type, MoObject *ob, MoObject *callback)
{
    if (weakref_ready_types() < 0 || weakref_check_referent(ob) < 0)
        return NULL;
    if (callback == Mo_None)
        callback = NULL;
    int is_basic_ref = callback == NULL && type == &MoWeakref_RefType;
    int is_basic_proxy = callback == NULL && (type == &MoWeakref_ProxyType || type == &MoWeakref_CallableProxyType);
    MoWeakReference **list = _MoObject_GET_WEAKREFS_LISTPTR(ob);
    MoWeakReference *ref, *proxy;
    weakref_get_basic_refs(*list, &ref, &proxy);
    if (is_basic_ref && ref != NULL)
        return Mo_NewRef(ref);           /* rule 1: ref(o) is ref(o) */
    if (is_basic_proxy && proxy != NULL)
        return Mo_NewRef(proxy);         /* rule 2 */

    /* A class's instance comes from its tp_alloc (its fields, a reference to the
       class), tracked already; weakref.ref's own and static subtypes' from here. */
    MoWeakReference *self = (MoWeakReference *)(MoType_HasFeature(type, MO_TPFLAGS_HEAPTYPE)
                                                    ? type->tp_alloc(type, 0)
                                                    : _MoObject_GC_New(type));
    if (self == NULL)
        return NULL;
    weakref_init(self, ob, callback);
    /* The allocation may have run the collector, which may have changed the list:
       look again before choosing the place. */
    weakref_get_basic_refs(*list, &ref, &proxy);
    MoWeakReference *prev = is_basic_ref ? NULL : is_basic_proxy ? ref : (proxy != NULL ? proxy : ref);
    if (prev == NULL)
        weakref_insert_head(self, list);     /* rule 1, or the first after nothing */
    else
        weakref_insert_after(self, prev);    /* rules 2 and 3: newest first */
    if (!_MoObject_GC_IS_TRACKED((MoObject *)self))
        MoObject_GC_Track(self);
    return (MoObject *)self;
}
/* endregion weakref_new */

MoObject *MoWeakref_NewRef(MoObject *o, MoObject *callback_or_NULL)
{
    return weakref_new(&MoWeakref_RefType, o, callback_or_NULL);
}

MoObject *MoWeakref_NewProxy(MoObject *o, MoObject *callback_or_NULL)
{
    if (weakref_ready_types() < 0)
        return NULL;
    MoTypeObject *type = MoCallable_Check(o) ? &MoWeakref_CallableProxyType : &MoWeakref_ProxyType;
    return weakref_new(type, o, callback_or_NULL);
}

MoObject *_MoWeakref_NewOfType(MoTypeObject *type, MoObject *o, MoObject *callback_or_NULL)
{
    if (MoType_Ready(type) < 0)
        return NULL;
    return weakref_new(type, o, callback_or_NULL);
}

/* ======================================================== reading a reference */

int MoWeakref_GetRef(MoObject *ref, MoObject **pobj)
{
    *pobj = NULL;
    if (ref == NULL || !MoWeakref_Check(ref)) {
        MoErr_SetString(MoExc_TypeError, "expected a weakref");
        return -1;
    }
    MoObject *obj = weakref_referent((MoWeakReference *)ref);
    if (obj == Mo_None)
        return 0;
    *pobj = Mo_NewRef(obj);
    return 1;
}

MoObject *MoWeakref_GetObject(MoObject *ref)
{
    if (ref == NULL || !MoWeakref_Check(ref)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    return weakref_referent((MoWeakReference *)ref);
}

/* ======================================================= death of the referent */

/* Call one callback with its dead reference; an exception is reported, never
   raised (there is nobody to raise it to). */
static void weakref_handle_callback(MoWeakReference *ref, MoObject *callback)
{
    MoObject *res = MoObject_CallOneArg(callback, (MoObject *)ref);
    if (res == NULL)
        MoErr_WriteUnraisable(callback);
    else
        Mo_DECREF(res);
}

/* One (reference, callback) pair of the snapshot: both owned, or both NULL when
   the reference was itself dying (its count zero: its callback is just dropped). */
typedef struct {
    MoWeakReference *ref;
    MoObject *callback;
} weakref_pending;

/* Clear the basic ref and proxy: they have no callbacks to call. */
static void clearweakrefs_drop_basic(MoWeakReference **list)
{
    for (int i = 0; i < 2 && *list != NULL && (*list)->wr_callback == NULL; i++)
        weakref_clear(*list);
}

/* Take every remaining reference off the list into the snapshot, clearing each. */
static void clearweakrefs_snapshot(MoWeakReference **list, weakref_pending *pending, Mo_ssize_t count)
{
    for (Mo_ssize_t i = 0; i < count; i++) {
        MoWeakReference *current = *list;
        MoObject *callback = current->wr_callback;
        current->wr_callback = NULL;
        weakref_unlink(current);
        if (Mo_REFCNT(current) > 0 && callback != NULL) {
            pending[i].ref = (MoWeakReference *)Mo_NewRef(current);
            pending[i].callback = callback;
        } else {
            pending[i].ref = NULL;
            pending[i].callback = NULL;
            Mo_XDECREF(callback);
        }
    }
}

/* Then call them, in list order: newest first. */
static void clearweakrefs_call(weakref_pending *pending, Mo_ssize_t count)
{
    for (Mo_ssize_t i = 0; i < count; i++) {
        if (pending[i].callback == NULL)
            continue;
        weakref_handle_callback(pending[i].ref, pending[i].callback);
        Mo_DECREF(pending[i].callback);
        Mo_DECREF(pending[i].ref);
    }
}

/* Without memory for a snapshot: clear and call one reference at a time. The
   references not yet reached still point at the dying object, but its count is
   zero, so they already read as dead. */
static void clearweakrefs_one_by_one(MoWeakReference **list)
{
    while (*list != NULL) {
        weakref_pending one;
        clearweakrefs_snapshot(list, &one, 1);
        clearweakrefs_call(&one, 1);
    }
}

/* region clear_weakrefs */
void MoObject_ClearWeakRefs(MoObject *o)
{
    if (o == NULL || !MoType_SUPPORTS_WEAKREFS(Mo_TYPE(o)) || Mo_REFCNT(o) != 0) {
        MoErr_BadInternalCall();
        return;
    }
    MoWeakReference **list = _MoObject_GET_WEAKREFS_LISTPTR(o);
    clearweakrefs_drop_basic(list);
    if (*list == NULL)
        return;
    /* Callbacks run Python-level code: keep the exception being raised, if any. */
    MoObject *saved = MoErr_GetRaisedException();
    Mo_ssize_t count = weakref_list_length(*list);
    weakref_pending small[8];
    weakref_pending *pending = count <= 8 ? small : MoMem_Malloc((size_t)count * sizeof *pending);
    if (pending == NULL) {
        clearweakrefs_one_by_one(list);
    } else {
        clearweakrefs_snapshot(list, pending, count);   /* every reference dead first, */
        clearweakrefs_call(pending, count);             /* then the callbacks, newest first */
        if (pending != small)
            MoMem_Free(pending);
    }
    MoErr_SetRaisedException(saved);
}
/* endregion clear_weakrefs */

/* ========================================================= the reference type */

/* Shared with the proxy types (weakproxy.c): a reference dying unlinks itself. */
void _MoWeakref_Dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    weakref_clear((MoWeakReference *)op);
    Mo_TYPE(op)->tp_free(op);
}

int _MoWeakref_Traverse(MoObject *op, visitproc visit, void *arg)
{
    Mo_VISIT(((MoWeakReference *)op)->wr_callback);
    return 0;
}

int _MoWeakref_TpClear(MoObject *op)
{
    weakref_clear((MoWeakReference *)op);
    return 0;
}

/* ref(): the referent, or None once it has died. */
static MoObject *weakref_call(MoObject *op, MoObject *args, MoObject *kwargs)
{
    if (kwargs != NULL && MoDict_Size(kwargs) != 0) {
        MoErr_SetString(MoExc_TypeError, "weakref() takes no keyword arguments");
        return NULL;
    }
    if (MoTuple_GET_SIZE(args) != 0) {
        MoErr_Format(MoExc_TypeError, "weakref expected 0 arguments, got %zd", MoTuple_GET_SIZE(args));
        return NULL;
    }
    return Mo_NewRef(weakref_referent((MoWeakReference *)op));
}

/* The referent's hash, computed once and kept: a dict keyed on a reference must
   still find it after the referent has died. */
static Mo_hash_t weakref_hash(MoObject *op)
{
    MoWeakReference *self = (MoWeakReference *)op;
    if (self->hash != -1)
        return self->hash;
    MoObject *obj = weakref_referent(self);
    if (obj == Mo_None) {
        MoErr_SetString(MoExc_TypeError, "weak object has gone away");
        return -1;
    }
    Mo_INCREF(obj);
    self->hash = MoObject_Hash(obj);
    Mo_DECREF(obj);
    return self->hash;
}

/* Live references compare their referents; once either is dead, identity. */
static MoObject *weakref_richcompare(MoObject *self, MoObject *other, int op)
{
    if ((op != MO_EQ && op != MO_NE) || !MoWeakref_Check(self) || !MoWeakref_Check(other))
        Mo_RETURN_NOTIMPLEMENTED;
    MoObject *a = weakref_referent((MoWeakReference *)self);
    MoObject *b = weakref_referent((MoWeakReference *)other);
    if (a == Mo_None || b == Mo_None) {
        int same = self == other;
        return _MoBool_From(op == MO_EQ ? same : !same);
    }
    Mo_INCREF(a);
    Mo_INCREF(b);
    MoObject *res = MoObject_RichCompare(a, b, op);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return res;
}

/* new: o.__name__ when it is a str, else NULL (no exception unless a real error). */
static MoObject *weakref_referent_name(MoObject *obj)
{
    if (MoCFunction_Check(obj))   /* a built-in function: its name, without a lookup */
        return MoUnicode_FromString(((MoCFunctionObject *)obj)->m_ml->ml_name);
    if (MoType_Check(obj)) {      /* a class: type.__name__, the tp_name after its last dot */
        const char *name = ((MoTypeObject *)obj)->tp_name, *dot = strrchr(name, '.');
        return MoUnicode_FromString(dot != NULL ? dot + 1 : name);
    }
    MoObject *name = MoObject_GetAttrString(obj, "__name__");
    if (name == NULL) {
        if (!MoErr_ExceptionMatches(MoExc_AttributeError))
            return NULL;
        MoErr_Clear();
        return NULL;
    }
    if (!MoUnicode_Check(name))
        Mo_CLEAR(name);
    return name;
}

/* "<weakref at 0x...; to 'list' at 0x...>", with " (name)" for named referents. */
static MoObject *weakref_repr(MoObject *op)
{
    MoObject *obj = weakref_referent((MoWeakReference *)op);
    if (obj == Mo_None)
        return MoUnicode_FromFormat("<weakref at %p; dead>", (void *)op);
    Mo_INCREF(obj);
    MoObject *name = weakref_referent_name(obj);
    MoObject *repr = NULL;
    if (name == NULL && MoErr_Occurred())
        repr = NULL;
    else if (name == NULL)
        repr = MoUnicode_FromFormat("<weakref at %p; to '%s' at %p>", (void *)op, Mo_TYPE(obj)->tp_name,
                                    (void *)obj);
    else
        repr = MoUnicode_FromFormat("<weakref at %p; to '%s' at %p (%U)>", (void *)op, Mo_TYPE(obj)->tp_name,
                                    (void *)obj, name);
    Mo_XDECREF(name);
    Mo_DECREF(obj);
    return repr;
}

/* weakref.ref(o[, callback]) called as a type; a subclass (Lib/weakref.py's
   KeyedRef) calls it as ref.__new__(type, o, callback) from its own __new__.
   Keyword arguments are ignored, as in 3.11 (a subclass's __init__ may take some). */
static MoObject *weakref_tp_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    (void)kwargs;
    MoObject *ob, *callback = NULL;
    if (!MoArg_UnpackTuple(args, "__new__", 1, 2, &ob, &callback))
        return NULL;
    return weakref_new(type, ob, callback);
}

/* ref.__init__(o[, callback]): the reference was made by __new__; this only
   checks the arguments, so that a subclass's __init__ can call it (3.11). */
static int weakref_tp_init(MoObject *self, MoObject *args, MoObject *kwargs)
{
    (void)self;
    MoObject *ob, *callback;
    if (kwargs != NULL && MoDict_Size(kwargs) != 0) {
        MoErr_SetString(MoExc_TypeError, "ref() takes no keyword arguments");
        return -1;
    }
    return MoArg_UnpackTuple(args, "__init__", 1, 2, &ob, &callback) ? 0 : -1;
}

static MoObject *weakref_get_callback(MoObject *op, void *closure)
{
    (void)closure;
    MoObject *cb = ((MoWeakReference *)op)->wr_callback;
    return Mo_NewRef(cb != NULL ? cb : Mo_None);
}

static MoGetSetDef weakref_getset[] = {
    {"__callback__", weakref_get_callback, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MoTypeObject MoWeakref_RefType = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(MoWeakReference),
    .tp_dealloc = _MoWeakref_Dealloc,
    .tp_repr = weakref_repr,
    .tp_hash = weakref_hash,
    .tp_call = weakref_call,
    .tp_flags = MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE,
    .tp_traverse = _MoWeakref_Traverse,
    .tp_clear = _MoWeakref_TpClear,
    .tp_richcompare = weakref_richcompare,
    .tp_getset = weakref_getset,
    .tp_init = weakref_tp_init,
    .tp_new = weakref_tp_new,
    .tp_free = MoObject_GC_Del,
};
