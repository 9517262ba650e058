/* The weak containers: WeakValueDictionary, WeakKeyDictionary and WeakSet
 * (Lib/weakref.py, Lib/_weakrefset.py), as C types.
 *
 * Each container keeps an ordinary backing collection, `data`, whose entries hold
 * weak references that carry one shared callback, `remove`:
 *   WeakValueDictionary  data = {key: KeyedRef(value, remove, key)}
 *   WeakKeyDictionary    data = {ref(key, remove): value}
 *   WeakSet              data = {ref(item, remove)}
 * When a referent dies its reference fires `remove`, which deletes the entry.
 *
 * Invariants:
 *   1. No cycle through the callback: `remove` is a built-in function bound to a
 *      weak reference to the container (CPython's selfref default argument), so
 *      container -> remove -> ref(container) is a chain, and a callback that fires
 *      after the container died finds it dead and does nothing.
 *   2. `data` never changes size while an iteration runs (`iterating` > 0 counts
 *      the live iterators): a removal is deferred to `pending` then, and
 *      committed when the last iterator finishes, or by the next public operation
 *      that runs with no iterator alive (CPython's _IterationGuard and
 *      _commit_removals).
 *   3. A WeakValueDictionary removal deletes the key only if the entry still
 *      holds a dead reference (_remove_dead_weakref): the key may have been bound
 *      to a new value meanwhile.
 *   4. len() counts only live entries, at once: with removals pending it counts
 *      the entries whose referent is alive.
 *
 * One difference from CPython, on purpose: CPython's WeakValueDictionary commits
 * pending removals in __len__ or __getitem__ even during an iteration, which makes
 * that iteration fail with "dictionary changed size during iteration"; here a
 * public operation never commits while an iterator is alive (rule 2).
 *
 * Start reading at weak_remove (the callback) and weak_commit_removals.
 */
#include "internal.h"

/* ======================================================== the shared object */

typedef enum { WEAK_VALUES, WEAK_KEYS, WEAK_SET } weak_kind;

typedef struct {
    MoObject_HEAD
    MoObject *data;          /* dict, or set for a WeakSet */
    MoObject *remove;        /* the shared callback, bound to a weak reference to us */
    MoObject *pending;       /* list: keys (values dict) or dead references (others) */
    Mo_ssize_t iterating;    /* iterators alive */
    MoObject *weakreflist;
} weak_container;

static MoTypeObject weak_values_type, weak_keys_type, weak_set_type, weak_iter_type, keyedref_type;

static weak_kind weak_kind_of(weak_container *self)
{
    MoTypeObject *t = Mo_TYPE(self);
    return t == &weak_values_type ? WEAK_VALUES : t == &weak_keys_type ? WEAK_KEYS : WEAK_SET;
}

/* ------------------------------------------------------------ KeyedRef */

/* A weakref.ref that also remembers the key it is stored under, so that one
   callback can serve every entry of a WeakValueDictionary. */
typedef struct {
    MoWeakReference base;
    MoObject *key;
} keyedref;

static void keyedref_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    Mo_CLEAR(((keyedref *)op)->key);
    _MoWeakref_Dealloc(op);
}

static int keyedref_traverse(MoObject *op, visitproc visit, void *arg)
{
    Mo_VISIT(((keyedref *)op)->key);
    return _MoWeakref_Traverse(op, visit, arg);
}

static int keyedref_clear(MoObject *op)
{
    Mo_CLEAR(((keyedref *)op)->key);
    return _MoWeakref_TpClear(op);
}

static MoTypeObject keyedref_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "KeyedRef",
    .tp_basicsize = sizeof(keyedref),
    .tp_dealloc = keyedref_dealloc,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = keyedref_traverse,
    .tp_clear = keyedref_clear,
    .tp_base = &MoWeakref_RefType,
    .tp_free = MoObject_GC_Del,
};

/* new: KeyedRef(value, callback, key). */
static MoObject *keyedref_new(MoObject *value, MoObject *callback, MoObject *key)
{
    MoObject *r = _MoWeakref_NewOfType(&keyedref_type, value, callback);
    if (r != NULL)
        ((keyedref *)r)->key = Mo_NewRef(key);
    return r;
}

/* 1 if o is a reference whose referent is gone. */
static int weak_is_dead(MoObject *o)
{
    return MoWeakref_Check(o) && _MoWeakref_Referent((MoWeakReference *)o) == Mo_None;
}

/* ==================================================== removal and its deferral */

/* region weak_remove_one */
/* Delete the entry that a dead reference stands for (rule 3). 0, or -1 with an
   exception; an entry already gone is not an error. */
static int weak_remove_one(weak_container *self, MoObject *what)
{
    switch (weak_kind_of(self)) {
    case WEAK_VALUES: {
        /* what is a key: delete it only if it still maps to a dead reference. */
        MoObject *wr = MoDict_GetItemWithError(self->data, what);
        if (wr == NULL)
            return MoErr_Occurred() ? -1 : 0;
        return weak_is_dead(wr) ? MoDict_DelItem(self->data, what) : 0;
    }
    case WEAK_KEYS:
        /* what is the dead reference itself: it kept its hash, and compares by identity. */
        if (MoDict_DelItem(self->data, what) < 0) {
            if (!MoErr_ExceptionMatches(MoExc_KeyError))
                return -1;
            MoErr_Clear();
        }
        return 0;
    case WEAK_SET:
        return MoSet_Discard(self->data, what) < 0 ? -1 : 0;
    }
    return 0;
}
/* endregion weak_remove_one */

/* region weak_commit_removals */
/* Apply the removals deferred during iterations (rule 2). 0, or -1. */
static int weak_commit_removals(weak_container *self)
{
    while (MoList_GET_SIZE(self->pending) > 0) {
        MoObject *what = MoList_Pop(self->pending, -1);
        if (what == NULL)
            return -1;
        int err = weak_remove_one(self, what);
        Mo_DECREF(what);
        if (err < 0)
            return -1;
    }
    return 0;
}
/* endregion weak_commit_removals */

/* What every public operation does first: commit, unless an iteration runs. */
static int weak_enter(weak_container *self)
{
    if (self->iterating > 0 || MoList_GET_SIZE(self->pending) == 0)
        return 0;
    return weak_commit_removals(self);
}

/* region weak_remove */
/* The callback of every reference in data: remove(dead_ref), bound to a weak
   reference to the container (rule 1). Defers while an iteration runs. */
static MoObject *weak_remove(MoObject *selfref, MoObject *args)
{
    MoObject *wr = MoTuple_GET_ITEM(args, 0);
    MoObject *container = _MoWeakref_Referent((MoWeakReference *)selfref);
    if (container == Mo_None)
        Mo_RETURN_NONE;                        /* the container died first */
    weak_container *self = (weak_container *)Mo_NewRef(container);
    MoObject *what = weak_kind_of(self) == WEAK_VALUES ? ((keyedref *)wr)->key : wr;
    int err = self->iterating > 0 ? MoList_Append(self->pending, what)
                                  : weak_remove_one(self, what);
    Mo_DECREF(self);
    if (err < 0)
        return NULL;
    Mo_RETURN_NONE;
}
/* endregion weak_remove */

/* ================================================ creating and destroying */

static MoObject *weak_container_new(MoTypeObject *type)
{
    if (MoType_Ready(type) < 0 || MoType_Ready(&weak_iter_type) < 0 || MoType_Ready(&keyedref_type) < 0)
        return NULL;
    weak_container *self = MoObject_GC_New(weak_container, type);
    if (self == NULL)
        return NULL;
    self->data = self->remove = self->pending = self->weakreflist = NULL;
    self->iterating = 0;
    self->data = type == &weak_set_type ? MoSet_New(NULL) : MoDict_New();
    self->pending = MoList_New(0);
    MoObject *selfref = (self->data && self->pending) ? MoWeakref_NewRef((MoObject *)self, NULL) : NULL;
    if (selfref != NULL) {
        self->remove = MoCFunction_New("remove", weak_remove, selfref);
        Mo_DECREF(selfref);
    }
    MoObject_GC_Track(self);
    if (self->remove == NULL) {
        Mo_DECREF(self);
        return NULL;
    }
    return (MoObject *)self;
}

MoObject *MoWeakValueDict_New(void) { return weak_container_new(&weak_values_type); }
MoObject *MoWeakKeyDict_New(void) { return weak_container_new(&weak_keys_type); }
MoObject *MoWeakSet_New(void) { return weak_container_new(&weak_set_type); }

static int weak_container_clear(MoObject *op)
{
    weak_container *self = (weak_container *)op;
    Mo_CLEAR(self->data);
    Mo_CLEAR(self->remove);
    Mo_CLEAR(self->pending);
    return 0;
}

static void weak_container_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    /* First: the callbacks of entries that die below must find us dead (rule 1). */
    if (((weak_container *)op)->weakreflist != NULL)
        MoObject_ClearWeakRefs(op);
    weak_container_clear(op);
    Mo_TYPE(op)->tp_free(op);
}

static int weak_container_traverse(MoObject *op, visitproc visit, void *arg)
{
    weak_container *self = (weak_container *)op;
    Mo_VISIT(self->data);
    Mo_VISIT(self->remove);
    Mo_VISIT(self->pending);
    return 0;
}

/* ====================================================================== len */

/* Entries whose referent is alive (rule 4), counted one by one. */
static Mo_ssize_t weak_count_live(weak_container *self)
{
    Mo_ssize_t n = 0;
    if (weak_kind_of(self) != WEAK_SET) {
        Mo_ssize_t pos = 0;
        MoObject *k, *v;
        int values = weak_kind_of(self) == WEAK_VALUES;
        while (MoDict_Next(self->data, &pos, &k, &v))
            n += !weak_is_dead(values ? v : k);
        return n;
    }
    MoObject *it = MoObject_GetIter(self->data);
    if (it == NULL)
        return -1;
    MoObject *wr;
    while ((wr = MoIter_Next(it)) != NULL) {
        n += !weak_is_dead(wr);
        Mo_DECREF(wr);
    }
    Mo_DECREF(it);
    return MoErr_Occurred() ? -1 : n;
}

static Mo_ssize_t weak_length(MoObject *op)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return -1;
    if (MoList_GET_SIZE(self->pending) > 0)
        return weak_count_live(self);
    return MoObject_Length(self->data);
}

/* ==================================================== WeakValueDictionary */

/* borrowed: the live value under key, or NULL (no exception: missing or dead). */
static MoObject *weak_values_lookup(weak_container *self, MoObject *key)
{
    MoObject *wr = MoDict_GetItemWithError(self->data, key);
    if (wr == NULL)
        return NULL;
    MoObject *o = _MoWeakref_Referent((MoWeakReference *)wr);
    return o == Mo_None ? NULL : o;
}

static MoObject *weak_values_getitem(MoObject *op, MoObject *key)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *o = weak_values_lookup(self, key);
    if (o == NULL && !MoErr_Occurred())
        MoErr_SetObject(MoExc_KeyError, key);
    return o ? Mo_NewRef(o) : NULL;
}

static int weak_values_setitem(MoObject *op, MoObject *key, MoObject *value)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return -1;
    if (value == NULL)
        return MoDict_DelItem(self->data, key);
    MoObject *wr = keyedref_new(value, self->remove, key);
    if (wr == NULL)
        return -1;
    int res = MoDict_SetItem(self->data, key, wr);
    Mo_DECREF(wr);
    return res;
}

static int weak_values_contains(MoObject *op, MoObject *key)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return -1;
    MoObject *o = weak_values_lookup(self, key);
    return o != NULL ? 1 : MoErr_Occurred() ? -1 : 0;
}

/* wvd.get(key, default=None) */
static MoObject *weak_values_get(MoObject *op, MoObject *args)
{
    MoObject *key, *dflt = Mo_None;
    if (!MoArg_UnpackTuple(args, "get", 1, 2, &key, &dflt))
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *o = weak_values_lookup(self, key);
    if (o == NULL && MoErr_Occurred())
        return NULL;
    return Mo_NewRef(o != NULL ? o : dflt);
}

/* ====================================================== WeakKeyDictionary */

/* new: ref(key), the shared basic reference used to look keys up; TypeError for
   keys that cannot be weakly referenced. */
static MoObject *weak_lookup_ref(MoObject *key)
{
    return MoWeakref_NewRef(key, NULL);
}

static MoObject *weak_keys_getitem(MoObject *op, MoObject *key)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = weak_lookup_ref(key);
    if (r == NULL)
        return NULL;
    MoObject *v = MoDict_GetItemWithError(self->data, r);
    if (v == NULL && !MoErr_Occurred())
        MoErr_SetObject(MoExc_KeyError, r);
    Mo_XINCREF(v);
    Mo_DECREF(r);
    return v;
}

static int weak_keys_setitem(MoObject *op, MoObject *key, MoObject *value)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return -1;
    MoObject *r = value == NULL ? weak_lookup_ref(key) : MoWeakref_NewRef(key, self->remove);
    if (r == NULL)
        return -1;
    int res = value == NULL ? MoDict_DelItem(self->data, r) : MoDict_SetItem(self->data, r, value);
    Mo_DECREF(r);
    return res;
}

/* key in wkd / item in ws: False (not an error) for what cannot be referenced. */
static int weak_keys_contains(MoObject *op, MoObject *key)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return -1;
    MoObject *r = weak_lookup_ref(key);
    if (r == NULL) {
        if (!MoErr_ExceptionMatches(MoExc_TypeError))
            return -1;
        MoErr_Clear();
        return 0;
    }
    int res = weak_kind_of(self) == WEAK_SET ? MoSet_Contains(self->data, r) : MoDict_Contains(self->data, r);
    Mo_DECREF(r);
    return res;
}

/* wkd.get(key, default=None) */
static MoObject *weak_keys_get(MoObject *op, MoObject *args)
{
    MoObject *key, *dflt = Mo_None;
    if (!MoArg_UnpackTuple(args, "get", 1, 2, &key, &dflt))
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = weak_lookup_ref(key);
    if (r == NULL)
        return NULL;
    MoObject *v = MoDict_GetItemWithError(self->data, r);
    Mo_DECREF(r);
    if (v == NULL && MoErr_Occurred())
        return NULL;
    return Mo_NewRef(v != NULL ? v : dflt);
}

/* ================================================================ WeakSet */

/* ws.add(item) */
static MoObject *weak_set_add(MoObject *op, MoObject *item)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = MoWeakref_NewRef(item, self->remove);
    if (r == NULL)
        return NULL;
    int res = MoSet_Add(self->data, r);
    Mo_DECREF(r);
    if (res < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* ws.discard(item) and ws.remove(item) (KeyError(ref(item)) when missing). */
static MoObject *weak_set_discard_impl(MoObject *op, MoObject *item, int must_exist)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = weak_lookup_ref(item);
    if (r == NULL)
        return NULL;
    int res = MoSet_Discard(self->data, r);
    if (res == 0 && must_exist)
        MoErr_SetObject(MoExc_KeyError, r);
    Mo_DECREF(r);
    if (res < 0 || (res == 0 && must_exist))
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *weak_set_discard(MoObject *op, MoObject *item) { return weak_set_discard_impl(op, item, 0); }
static MoObject *weak_set_remove(MoObject *op, MoObject *item) { return weak_set_discard_impl(op, item, 1); }

/* repr(ws) is repr of its set of references, as 3.11 prints it. */
static MoObject *weak_set_repr(MoObject *op)
{
    return MoObject_Repr(((weak_container *)op)->data);
}

static MoObject *weak_dict_repr(MoObject *op)
{
    const char *name = Mo_TYPE(op) == &weak_values_type ? "WeakValueDictionary" : "WeakKeyDictionary";
    return MoUnicode_FromFormat("<%s at %p>", name, (void *)op);
}

/* ============================================================== iteration */

typedef enum { ITER_KEYS, ITER_VALUES, ITER_ITEMS } weak_iter_kind;

/* An iterator over a container's live entries. While it is alive and unfinished
   it holds the container's iteration guard (iterating + 1). */
typedef struct {
    MoObject_HEAD
    weak_container *container;   /* NULL once finished */
    MoObject *inner;             /* iterator over data (its items for dicts) */
    weak_iter_kind kind;
} weak_iter;

/* Release the guard; the last iterator out commits the deferred removals. */
static int weak_iter_finish(weak_iter *it)
{
    weak_container *self = it->container;
    int err = 0;
    if (self != NULL) {
        it->container = NULL;
        if (--self->iterating == 0)
            err = weak_commit_removals(self);
        Mo_DECREF(self);
    }
    Mo_CLEAR(it->inner);
    return err;
}

static MoObject *weak_iter_new(weak_container *self, weak_iter_kind kind)
{
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *inner = NULL;
    if (weak_kind_of(self) == WEAK_SET) {
        inner = MoObject_GetIter(self->data);
    } else {
        MoObject *items = MoObject_CallMethod(self->data, "items", NULL);
        if (items != NULL) {
            inner = MoObject_GetIter(items);
            Mo_DECREF(items);
        }
    }
    if (inner == NULL)
        return NULL;
    weak_iter *it = MoObject_GC_New(weak_iter, &weak_iter_type);
    if (it == NULL) {
        Mo_DECREF(inner);
        return NULL;
    }
    it->container = (weak_container *)Mo_NewRef(self);
    it->inner = inner;
    it->kind = kind;
    self->iterating++;
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

/* new: what one live entry yields, or NULL without exception for a dead entry. */
static MoObject *weak_iter_yield(weak_iter *it, MoObject *entry)
{
    MoObject *key, *value;
    switch (weak_kind_of(it->container)) {
    case WEAK_SET:
        key = _MoWeakref_Referent((MoWeakReference *)entry);
        return key == Mo_None ? NULL : Mo_NewRef(key);
    case WEAK_VALUES:
        key = MoTuple_GET_ITEM(entry, 0);
        value = _MoWeakref_Referent((MoWeakReference *)MoTuple_GET_ITEM(entry, 1));
        if (value == Mo_None)
            return NULL;
        break;
    default:
        key = _MoWeakref_Referent((MoWeakReference *)MoTuple_GET_ITEM(entry, 0));
        value = MoTuple_GET_ITEM(entry, 1);
        if (key == Mo_None)
            return NULL;
        break;
    }
    if (it->kind == ITER_KEYS)
        return Mo_NewRef(key);
    if (it->kind == ITER_VALUES)
        return Mo_NewRef(value);
    return MoTuple_Pack(2, key, value);
}

static MoObject *weak_iter_next(MoObject *op)
{
    weak_iter *it = (weak_iter *)op;
    if (it->container == NULL)
        return NULL;
    MoObject *entry;
    while ((entry = MoIter_Next(it->inner)) != NULL) {
        MoObject *res = weak_iter_yield(it, entry);
        Mo_DECREF(entry);
        if (res != NULL || MoErr_Occurred())
            return res;
    }
    /* The end, or the inner iterator's error (the data changed size): either way
       this iteration is over. A failed commit is the caller's error. */
    weak_iter_finish(it);
    return NULL;
}

static void weak_iter_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    if (weak_iter_finish((weak_iter *)op) < 0)
        MoErr_WriteUnraisable(op);
    Mo_TYPE(op)->tp_free(op);
}

static int weak_iter_traverse(MoObject *op, visitproc visit, void *arg)
{
    weak_iter *it = (weak_iter *)op;
    Mo_VISIT(it->container);
    Mo_VISIT(it->inner);
    return 0;
}

static MoTypeObject weak_iter_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "generator",
    .tp_basicsize = sizeof(weak_iter),
    .tp_dealloc = weak_iter_dealloc,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = weak_iter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = weak_iter_next,
    .tp_free = MoObject_GC_Del,
};

static MoObject *weak_iter_keys(MoObject *op) { return weak_iter_new((weak_container *)op, ITER_KEYS); }
static MoObject *weak_keys_method(MoObject *op, MoObject *unused)
{
    (void)unused;
    return weak_iter_new((weak_container *)op, ITER_KEYS);
}
static MoObject *weak_values_method(MoObject *op, MoObject *unused)
{
    (void)unused;
    return weak_iter_new((weak_container *)op, ITER_VALUES);
}
static MoObject *weak_items_method(MoObject *op, MoObject *unused)
{
    (void)unused;
    return weak_iter_new((weak_container *)op, ITER_ITEMS);
}

/* ================================================================ the types */

static MoMethodDef weak_values_methods[] = {
    {"get", weak_values_get, MO_METH_VARARGS, "D.get(k[,d]) -> D[k] if k in D, else d."},
    {"keys", weak_keys_method, MO_METH_NOARGS, NULL},
    {"values", weak_values_method, MO_METH_NOARGS, NULL},
    {"items", weak_items_method, MO_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MoMethodDef weak_keys_methods[] = {
    {"get", weak_keys_get, MO_METH_VARARGS, "D.get(k[,d]) -> D[k] if k in D, else d."},
    {"keys", weak_keys_method, MO_METH_NOARGS, NULL},
    {"values", weak_values_method, MO_METH_NOARGS, NULL},
    {"items", weak_items_method, MO_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MoMethodDef weak_set_methods[] = {
    {"add", weak_set_add, MO_METH_O, NULL},
    {"discard", weak_set_discard, MO_METH_O, NULL},
    {"remove", weak_set_remove, MO_METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static MoMappingMethods weak_values_as_mapping = {
    .mp_length = weak_length,
    .mp_subscript = weak_values_getitem,
    .mp_ass_subscript = weak_values_setitem,
};
static MoSequenceMethods weak_values_as_sequence = { .sq_contains = weak_values_contains };

static MoMappingMethods weak_keys_as_mapping = {
    .mp_length = weak_length,
    .mp_subscript = weak_keys_getitem,
    .mp_ass_subscript = weak_keys_setitem,
};
static MoSequenceMethods weak_keys_as_sequence = { .sq_contains = weak_keys_contains };

static MoSequenceMethods weak_set_as_sequence = {
    .sq_length = weak_length,
    .sq_contains = weak_keys_contains,
};

#define WEAK_CONTAINER_FIELDS                                   \
    .tp_basicsize = sizeof(weak_container),                     \
    .tp_dealloc = weak_container_dealloc,                       \
    .tp_hash = MoObject_HashNotImplemented,                     \
    .tp_richcompare = _MoObject_RichCompareIdentity,            \
    .tp_flags = MO_TPFLAGS_HAVE_GC,                             \
    .tp_traverse = weak_container_traverse,                     \
    .tp_clear = weak_container_clear,                           \
    .tp_weaklistoffset = offsetof(weak_container, weakreflist), \
    .tp_iter = weak_iter_keys,                                  \
    .tp_free = MoObject_GC_Del

static MoTypeObject weak_values_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "WeakValueDictionary",
    .tp_repr = weak_dict_repr,
    .tp_as_sequence = &weak_values_as_sequence,
    .tp_as_mapping = &weak_values_as_mapping,
    .tp_methods = weak_values_methods,
    WEAK_CONTAINER_FIELDS,
};

static MoTypeObject weak_keys_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "WeakKeyDictionary",
    .tp_repr = weak_dict_repr,
    .tp_as_sequence = &weak_keys_as_sequence,
    .tp_as_mapping = &weak_keys_as_mapping,
    .tp_methods = weak_keys_methods,
    WEAK_CONTAINER_FIELDS,
};

static MoTypeObject weak_set_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "WeakSet",
    .tp_repr = weak_set_repr,
    .tp_as_sequence = &weak_set_as_sequence,
    .tp_methods = weak_set_methods,
    WEAK_CONTAINER_FIELDS,
};
