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
 * The Python-level methods (get, pop, popitem, setdefault, update, copy, clear,
 * keys, values, items, __contains__; add, discard, remove, pop for WeakSet) do
 * what Lib/weakref.py and Lib/_weakrefset.py do, step for step, and check their
 * arguments as a method written in Python does (_MoArg_CheckPositional), so that even
 * "WeakSet.add() missing 1 required positional argument: 'item'" reads the same.
 * keys(), values(), items() and iter() return generators: nothing happens, and no
 * iteration guard is taken, until the first next().
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
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
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
/* Apply the removals deferred during iterations (rule 2). 0, or -1. A container
   the collector has cleared (tp_clear: no data, no pending) has nothing to apply:
   its last iterator may finish after that, when both sit in one cycle. */
static int weak_commit_removals(weak_container *self)
{
    while (self->pending != NULL && MoList_GET_SIZE(self->pending) > 0) {
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
    if (self->iterating > 0 || self->pending == NULL || MoList_GET_SIZE(self->pending) == 0)
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

/* ================================================================ arguments */

/* _MoArg_CheckPositional for the method `method` of op's type ("WeakSet.add"): param
   names its one required parameter (NULL: none), max as there. */
static int weak_args(MoObject *op, const char *method, MoObject *args, const char *param, Mo_ssize_t max)
{
    char qualname[64];
    snprintf(qualname, sizeof qualname, "%s.%s", Mo_TYPE(op)->tp_name, method);
    return _MoArg_CheckPositional(args, qualname, &param, param != NULL, max);
}

/* borrowed: args[i], or dflt when there are not that many. */
static MoObject *weak_arg(MoObject *args, Mo_ssize_t i, MoObject *dflt)
{
    return MoTuple_GET_SIZE(args) > i ? MoTuple_GET_ITEM(args, i) : dflt;
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

/* ============================================================== generators */

typedef enum { ITER_KEYS, ITER_VALUES, ITER_ITEMS } weak_iter_kind;

/* What keys(), values(), items() and iter() return: a generator over the live
   entries, as weakref.py's. It does nothing until its first next(), which takes
   the container's iteration guard (iterating + 1); the guard is released when the
   walk ends or the generator is dropped half-way. */
typedef struct {
    MoObject_HEAD
    weak_container *container;   /* NULL once finished */
    MoObject *inner;             /* NULL until started; then an iterator over data (its items for dicts) */
    weak_iter_kind kind;
    MoTypeObject *owner;         /* the container's (static) type, for the repr */
} weak_iter;

/* The first next(): commit what is pending, take the guard, start walking data. */
static int weak_iter_start(weak_iter *it)
{
    weak_container *self = it->container;
    if (weak_enter(self) < 0)
        return -1;
    if (weak_kind_of(self) == WEAK_SET) {
        it->inner = MoObject_GetIter(self->data);
    } else {
        MoObject *items = MoObject_CallMethod(self->data, "items", NULL);
        if (items != NULL) {
            it->inner = MoObject_GetIter(items);
            Mo_DECREF(items);
        }
    }
    if (it->inner == NULL)
        return -1;
    self->iterating++;
    return 0;
}

/* Release the guard, if taken; the last iterator out commits the deferred removals. */
static int weak_iter_finish(weak_iter *it)
{
    weak_container *self = it->container;
    int err = 0;
    if (self != NULL) {
        it->container = NULL;
        if (it->inner != NULL && --self->iterating == 0)
            err = weak_commit_removals(self);
        Mo_DECREF(self);
    }
    Mo_CLEAR(it->inner);
    return err;
}

static MoObject *weak_iter_new(weak_container *self, weak_iter_kind kind)
{
    weak_iter *it = MoObject_GC_New(weak_iter, &weak_iter_type);
    if (it == NULL)
        return NULL;
    it->container = (weak_container *)Mo_NewRef(self);
    it->inner = NULL;
    it->kind = kind;
    it->owner = Mo_TYPE(self);
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

/* new: what one entry of data yields, or NULL without exception for a dead entry.
   entry is a reference (WeakSet) or a (key, value) item of data. */
static MoObject *weak_entry_yield(weak_kind container_kind, weak_iter_kind kind, MoObject *entry)
{
    MoObject *key, *value;
    switch (container_kind) {
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
    if (kind == ITER_KEYS)
        return Mo_NewRef(key);
    if (kind == ITER_VALUES)
        return Mo_NewRef(value);
    return MoTuple_Pack(2, key, value);
}

static MoObject *weak_iter_next(MoObject *op)
{
    weak_iter *it = (weak_iter *)op;
    if (it->container == NULL)
        return NULL;
    if (it->inner == NULL && weak_iter_start(it) < 0) {
        weak_iter_finish(it);
        return NULL;
    }
    weak_kind container_kind = weak_kind_of(it->container);
    MoObject *entry;
    while ((entry = MoIter_Next(it->inner)) != NULL) {
        MoObject *res = weak_entry_yield(container_kind, it->kind, entry);
        Mo_DECREF(entry);
        if (res != NULL || MoErr_Occurred())
            return res;
    }
    /* The end, or the inner iterator's error (the data changed size): either way
       this iteration is over. A failed commit is the caller's error. */
    weak_iter_finish(it);
    return NULL;
}

/* "<generator object WeakValueDictionary.keys at 0x...>", as 3.11 names them
   (iter() of a dictionary is its keys(); of a WeakSet, __iter__). */
static MoObject *weak_iter_repr(MoObject *op)
{
    static const char *const methods[] = {"keys", "values", "items"};
    weak_iter *it = (weak_iter *)op;
    return MoUnicode_FromFormat("<generator object %s.%s at %p>", it->owner->tp_name,
                                it->owner == &weak_set_type ? "__iter__" : methods[it->kind], (void *)op);
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
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "generator",
    .tp_basicsize = sizeof(weak_iter),
    .tp_dealloc = weak_iter_dealloc,
    .tp_repr = weak_iter_repr,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = weak_iter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = weak_iter_next,
    .tp_free = MoObject_GC_Del,
};

static MoObject *weak_iter_keys(MoObject *op) { return weak_iter_new((weak_container *)op, ITER_KEYS); }

/* keys(), values(), items(): the generators, after the argument check. */
static MoObject *weak_keys_method(MoObject *op, MoObject *args)
{
    return weak_args(op, "keys", args, NULL, 0) < 0 ? NULL : weak_iter_new((weak_container *)op, ITER_KEYS);
}
static MoObject *weak_values_method(MoObject *op, MoObject *args)
{
    return weak_args(op, "values", args, NULL, 0) < 0 ? NULL : weak_iter_new((weak_container *)op, ITER_VALUES);
}
static MoObject *weak_items_method(MoObject *op, MoObject *args)
{
    return weak_args(op, "items", args, NULL, 0) < 0 ? NULL : weak_iter_new((weak_container *)op, ITER_ITEMS);
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
        _MoErr_SetKeyError(key);
    return o ? Mo_NewRef(o) : NULL;
}

static int weak_values_delitem(weak_container *self, MoObject *key);

static int weak_values_setitem(MoObject *op, MoObject *key, MoObject *value)
{
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return -1;
    if (value == NULL)
        return weak_values_delitem(self, key);
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
    if (weak_args(op, "get", args, "key", 2) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *o = weak_values_lookup(self, MoTuple_GET_ITEM(args, 0));
    if (o == NULL && MoErr_Occurred())
        return NULL;
    return Mo_NewRef(o != NULL ? o : weak_arg(args, 1, Mo_None));
}

/* new: the live value that data[key] referred to, after deleting the entry; NULL
   without exception when key was missing or its value dead, NULL with one when
   key cannot be hashed. */
static MoObject *weak_values_take(weak_container *self, MoObject *key)
{
    MoObject *wr = MoDict_GetItemWithError(self->data, key);
    if (wr == NULL)
        return NULL;
    MoObject *o = _MoWeakref_Referent((MoWeakReference *)wr);
    o = o == Mo_None ? NULL : Mo_NewRef(o);
    if (MoDict_DelItem(self->data, key) < 0)
        Mo_CLEAR(o);
    return o;
}

/* del wvd[key]: KeyError(key) when key is missing or its value has died, as pop()
   without a default; an entry whose value died during an iteration is dropped
   too (CPython's __delitem__ commits that removal first, then fails). */
static int weak_values_delitem(weak_container *self, MoObject *key)
{
    MoObject *o = weak_values_take(self, key);
    if (o != NULL) {
        Mo_DECREF(o);
        return 0;
    }
    if (!MoErr_Occurred())
        MoErr_SetObject(MoExc_KeyError, key);
    return -1;
}

/* wvd.pop(key[, default]): KeyError(key) when key is missing or its value dead,
   unless a default is given. As weakref.py's pop(key, *args), arguments after the
   default are accepted and ignored. */
static MoObject *weak_values_pop(MoObject *op, MoObject *args)
{
    if (weak_args(op, "pop", args, "key", -1) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *key = MoTuple_GET_ITEM(args, 0);
    MoObject *o = weak_values_take(self, key);
    if (o != NULL || MoErr_Occurred())
        return o;
    if (MoTuple_GET_SIZE(args) > 1)
        return Mo_NewRef(MoTuple_GET_ITEM(args, 1));
    _MoErr_SetKeyError(key);
    return NULL;
}

/* wvd.setdefault(key, default=None): the live value, or default stored (which must
   be weakly referenceable: None is not). */
static MoObject *weak_values_setdefault(MoObject *op, MoObject *args)
{
    if (weak_args(op, "setdefault", args, "key", 2) < 0)
        return NULL;
    MoObject *key = MoTuple_GET_ITEM(args, 0), *dflt = weak_arg(args, 1, Mo_None);
    MoObject *o = weak_values_lookup((weak_container *)op, key);
    if (o != NULL || MoErr_Occurred())
        return o != NULL ? Mo_NewRef(o) : NULL;
    return weak_values_setitem(op, key, dflt) < 0 ? NULL : Mo_NewRef(dflt);
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
        _MoErr_SetKeyError(r);
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
    if (weak_args(op, "get", args, "key", 2) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = weak_lookup_ref(MoTuple_GET_ITEM(args, 0));
    if (r == NULL)
        return NULL;
    MoObject *v = MoDict_GetItemWithError(self->data, r);
    Mo_DECREF(r);
    if (v == NULL && MoErr_Occurred())
        return NULL;
    return Mo_NewRef(v != NULL ? v : weak_arg(args, 1, Mo_None));
}

/* wkd.pop(key[, default]) is data.pop(ref(key), *rest): dict's own checks and
   messages ("pop expected at most 2 arguments, got 3"; KeyError(<weakref ...>)). */
static MoObject *weak_keys_pop(MoObject *op, MoObject *args)
{
    if (weak_args(op, "pop", args, "key", -1) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = weak_lookup_ref(MoTuple_GET_ITEM(args, 0));
    if (r == NULL)
        return NULL;
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    MoObject *call_args = MoTuple_New(n);
    if (call_args == NULL) {
        Mo_DECREF(r);
        return NULL;
    }
    MoTuple_SET_ITEM(call_args, 0, r);   /* stolen */
    for (Mo_ssize_t i = 1; i < n; i++)
        MoTuple_SET_ITEM(call_args, i, Mo_NewRef(MoTuple_GET_ITEM(args, i)));
    MoObject *pop = MoObject_GetAttrString(self->data, "pop");
    MoObject *res = pop != NULL ? MoObject_Call(pop, call_args, NULL) : NULL;
    Mo_XDECREF(pop);
    Mo_DECREF(call_args);
    return res;
}

/* wkd.setdefault(key, default=None) is data.setdefault(ref(key, remove), default). */
static MoObject *weak_keys_setdefault(MoObject *op, MoObject *args)
{
    if (weak_args(op, "setdefault", args, "key", 2) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = MoWeakref_NewRef(MoTuple_GET_ITEM(args, 0), self->remove);
    if (r == NULL)
        return NULL;
    MoObject *res = MoDict_SetDefault(self->data, r, weak_arg(args, 1, Mo_None));
    Mo_DECREF(r);
    return res;
}

/* wvd.popitem(), wkd.popitem(): take entries out of data until a live one comes;
   dict's KeyError 'popitem(): dictionary is empty' when none is left. */
static MoObject *weak_dict_popitem(MoObject *op, MoObject *args)
{
    if (weak_args(op, "popitem", args, NULL, 0) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    for (;;) {
        MoObject *entry = MoObject_CallMethod(self->data, "popitem", NULL);
        if (entry == NULL)
            return NULL;
        MoObject *res = weak_entry_yield(weak_kind_of(self), ITER_ITEMS, entry);
        Mo_DECREF(entry);
        if (res != NULL || MoErr_Occurred())
            return res;
    }
}

/* ================================================================ WeakSet */

/* self.data.add(ref(item, remove)). 0, or -1 (TypeError for what cannot be referenced). */
static int weak_set_add_one(weak_container *self, MoObject *item)
{
    if (weak_enter(self) < 0)
        return -1;
    MoObject *r = MoWeakref_NewRef(item, self->remove);
    if (r == NULL)
        return -1;
    int res = MoSet_Add(self->data, r);
    Mo_DECREF(r);
    return res;
}

/* ws.add(item) */
static MoObject *weak_set_add(MoObject *op, MoObject *args)
{
    if (weak_args(op, "add", args, "item", 1) < 0)
        return NULL;
    if (weak_set_add_one((weak_container *)op, MoTuple_GET_ITEM(args, 0)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* ws.discard(item) and ws.remove(item) (KeyError(ref(item)) when missing). */
static MoObject *weak_set_discard_impl(MoObject *op, MoObject *args, const char *method, int must_exist)
{
    if (weak_args(op, method, args, "item", 1) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *r = weak_lookup_ref(MoTuple_GET_ITEM(args, 0));
    if (r == NULL)
        return NULL;
    int res = MoSet_Discard(self->data, r);
    if (res == 0 && must_exist)
        _MoErr_SetKeyError(r);
    Mo_DECREF(r);
    if (res < 0 || (res == 0 && must_exist))
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *weak_set_discard(MoObject *op, MoObject *args)
{
    return weak_set_discard_impl(op, args, "discard", 0);
}
static MoObject *weak_set_remove(MoObject *op, MoObject *args)
{
    return weak_set_discard_impl(op, args, "remove", 1);
}

/* ws.pop(): an arbitrary live item, taken out (dead references met on the way are
   dropped); KeyError 'pop from empty WeakSet'. */
static MoObject *weak_set_pop(MoObject *op, MoObject *args)
{
    if (weak_args(op, "pop", args, NULL, 0) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    for (;;) {
        if (MoSet_Size(self->data) == 0) {
            MoErr_SetString(MoExc_KeyError, "pop from empty WeakSet");
            return NULL;
        }
        MoObject *r = MoSet_Pop(self->data);
        if (r == NULL)
            return NULL;
        MoObject *item = _MoWeakref_Referent((MoWeakReference *)r);
        item = item == Mo_None ? NULL : Mo_NewRef(item);
        Mo_DECREF(r);
        if (item != NULL)
            return item;
    }
}

/* repr(ws) is repr of its set of references, as 3.11 prints it. */
static MoObject *weak_set_repr(MoObject *op)
{
    return MoObject_Repr(((weak_container *)op)->data);
}

/* ======================================================== shared methods */

/* "<WeakValueDictionary at 0x...>", "<WeakKeyDictionary at 0x...>" */
static MoObject *weak_dict_repr(MoObject *op)
{
    return MoUnicode_FromFormat("<%s at %p>", Mo_TYPE(op)->tp_name, (void *)op);
}

/* Unpack `key, value = item` as Python does. 0 with *k and *v new references, or
   -1 with 3.11's TypeError or ValueError. */
static int weak_unpack_pair(MoObject *item, MoObject **k, MoObject **v)
{
    MoObject *got[3] = {NULL, NULL, NULL};
    int n = 0;
    MoObject *it = MoObject_GetIter(item);
    if (it == NULL) {
        if (MoErr_ExceptionMatches(MoExc_TypeError) && Mo_TYPE(item)->tp_iter == NULL) {
            MoErr_Clear();
            MoErr_Format(MoExc_TypeError, "cannot unpack non-iterable %s object", Mo_TYPE(item)->tp_name);
        }
        return -1;
    }
    while (n < 3 && (got[n] = MoIter_Next(it)) != NULL)   /* a third would be one too many */
        n++;
    Mo_DECREF(it);
    if (n == 2 && !MoErr_Occurred()) {
        *k = got[0];
        *v = got[1];
        return 0;
    }
    if (!MoErr_Occurred() && n < 2)
        MoErr_Format(MoExc_ValueError, "not enough values to unpack (expected 2, got %d)", n);
    else if (!MoErr_Occurred())
        MoErr_SetString(MoExc_ValueError, "too many values to unpack (expected 2)");
    for (int i = 0; i < n; i++)
        Mo_DECREF(got[i]);
    return -1;
}

/* Store into self what the iterator `it` yields: (key, value) pairs for the
   dictionaries (self[key] = value), items for a WeakSet (added). 0, or -1 (what
   was stored before the error stays, as in Python). */
static int weak_absorb(weak_container *self, MoObject *it)
{
    MoObject *item, *k, *v;
    int err = 0;
    while (err == 0 && (item = MoIter_Next(it)) != NULL) {
        if (weak_kind_of(self) == WEAK_SET) {
            err = weak_set_add_one(self, item);
        } else if ((err = weak_unpack_pair(item, &k, &v)) == 0) {
            err = MoObject_SetItem((MoObject *)self, k, v);
            Mo_DECREF(k);
            Mo_DECREF(v);
        }
        Mo_DECREF(item);
    }
    return err < 0 || MoErr_Occurred() ? -1 : 0;
}

/* wvd.update(other=None), wkd.update(dict=None): other's items(), or those of
   dict(other) when it has none; None adds nothing. */
static MoObject *weak_dict_update(MoObject *op, MoObject *args)
{
    if (weak_args(op, "update", args, NULL, 1) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    MoObject *other = weak_arg(args, 0, Mo_None);
    if (weak_enter(self) < 0)
        return NULL;
    if (other == Mo_None)
        Mo_RETURN_NONE;
    MoObject *source = MoObject_HasAttrString(other, "items") ? Mo_NewRef(other)
                                                               : MoObject_CallOneArg((MoObject *)&MoDict_Type, other);
    MoObject *items = source != NULL ? MoObject_CallMethod(source, "items", NULL) : NULL;
    MoObject *it = items != NULL ? MoObject_GetIter(items) : NULL;
    int err = it != NULL ? weak_absorb(self, it) : -1;
    Mo_XDECREF(it);
    Mo_XDECREF(items);
    Mo_XDECREF(source);
    if (err < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* ws.update(other): add every item of the iterable other. */
static MoObject *weak_set_update(MoObject *op, MoObject *args)
{
    if (weak_args(op, "update", args, "other", 1) < 0)
        return NULL;
    weak_container *self = (weak_container *)op;
    if (weak_enter(self) < 0)
        return NULL;
    MoObject *it = MoObject_GetIter(MoTuple_GET_ITEM(args, 0));
    int err = it != NULL ? weak_absorb(self, it) : -1;
    Mo_XDECREF(it);
    if (err < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* c.copy(): a new container of the same type holding the live entries, filled
   from c's own generator (so that deaths during the copy wait, rule 2). */
static MoObject *weak_copy_of(MoObject *op)
{
    weak_container *self = (weak_container *)op;
    MoObject *copy = weak_container_new(Mo_TYPE(op));
    MoObject *it = copy != NULL ? weak_iter_new(self, weak_kind_of(self) == WEAK_SET ? ITER_KEYS : ITER_ITEMS) : NULL;
    int err = it != NULL ? weak_absorb((weak_container *)copy, it) : -1;
    Mo_XDECREF(it);
    if (err < 0)
        Mo_CLEAR(copy);
    return copy;
}

static MoObject *weak_copy(MoObject *op, MoObject *args)
{
    return weak_args(op, "copy", args, NULL, 0) < 0 ? NULL : weak_copy_of(op);
}

/* c.clear(). The dictionaries' clear is MutableMapping's, hence the name in its
   argument error. */
static MoObject *weak_clear(MoObject *op, MoObject *args)
{
    weak_container *self = (weak_container *)op;
    int is_set = weak_kind_of(self) == WEAK_SET;
    if (_MoArg_CheckPositional(args, is_set ? "WeakSet.clear" : "MutableMapping.clear", NULL, 0, 0) < 0)
        return NULL;
    if (weak_enter(self) < 0)
        return NULL;
    if (is_set)
        MoSet_Clear(self->data);
    else
        MoDict_Clear(self->data);
    Mo_RETURN_NONE;
}

/* c.__contains__(x): what `x in c` answers (sq_contains). */
static MoObject *weak_contains_method(MoObject *op, MoObject *args)
{
    if (weak_args(op, "__contains__", args, weak_kind_of((weak_container *)op) == WEAK_SET ? "item" : "key", 1) < 0)
        return NULL;
    int res = Mo_TYPE(op)->tp_as_sequence->sq_contains(op, MoTuple_GET_ITEM(args, 0));
    return res < 0 ? NULL : _MoBool_From(res);
}

/* ============================================= keyrefs, valuerefs, equality */

/* method(self, (other,)), a one-argument method called from C, its None result
   dropped: 0, or -1 with its exception. */
static int weak_update_with(MoCFunc method, MoObject *self, MoObject *other)
{
    MoObject *args = MoTuple_Pack(1, other);
    MoObject *r = args != NULL ? method(self, args) : NULL;
    Mo_XDECREF(args);
    Mo_XDECREF(r);
    return r == NULL ? -1 : 0;
}

/* wkd.keyrefs(): list(data), the references to the keys, dead ones included (no
   commit, as weakref.py). wvd.valuerefs(): the KeyedRefs, after a commit. */
static MoObject *weak_keyrefs(MoObject *op, MoObject *args)
{
    if (weak_args(op, "keyrefs", args, NULL, 0) < 0)
        return NULL;
    return MoDict_Keys(((weak_container *)op)->data);
}

static MoObject *weak_valuerefs(MoObject *op, MoObject *args)
{
    if (weak_args(op, "valuerefs", args, NULL, 0) < 0 || weak_enter((weak_container *)op) < 0)
        return NULL;
    return MoDict_Values(((weak_container *)op)->data);
}

static int weak_is_dict_kind(MoObject *o)
{
    return Mo_IS_TYPE(o, &weak_values_type) || Mo_IS_TYPE(o, &weak_keys_type);
}

/* What collections.abc.Mapping covers among the runtime's types. */
static int weak_is_mapping(MoObject *o)
{
    return MoDict_Check(o) || weak_is_dict_kind(o);
}

/* new: dict(m.items()) for a Mapping: a snapshot of a weak dictionary's live
   entries, or the dict itself. */
static MoObject *weak_live_dict(MoObject *m)
{
    if (MoDict_Check(m))
        return Mo_NewRef(m);
    MoObject *d = MoDict_New();
    MoObject *it = d != NULL ? weak_iter_new((weak_container *)m, ITER_ITEMS) : NULL;
    MoObject *item;
    while (it != NULL && (item = MoIter_Next(it)) != NULL) {
        int err = MoDict_SetItem(d, MoTuple_GET_ITEM(item, 0), MoTuple_GET_ITEM(item, 1));
        Mo_DECREF(item);
        if (err < 0)
            break;
    }
    Mo_XDECREF(it);
    if (MoErr_Occurred())
        Mo_CLEAR(d);
    return d;
}

/* region weak_dict_richcompare */
/* Mapping.__eq__: equal when dict(self.items()) == dict(other.items()), for any
   Mapping other; NotImplemented for the rest, and for <, <=, >, >= (so that
   Python's "'<' not supported between instances of ..." is raised). */
static MoObject *weak_dict_richcompare(MoObject *a, MoObject *b, int op)
{
    if ((op != MO_EQ && op != MO_NE) || !weak_is_mapping(a) || !weak_is_mapping(b))
        Mo_RETURN_NOTIMPLEMENTED;
    MoObject *da = weak_live_dict(a);
    MoObject *db = da != NULL ? weak_live_dict(b) : NULL;
    MoObject *res = db != NULL ? MoObject_RichCompare(da, db, op) : NULL;
    Mo_XDECREF(da);
    Mo_XDECREF(db);
    return res;
}
/* endregion weak_dict_richcompare */

/* d | m (a copy of d updated from m) and m | d (a new container of d's type,
   updated from m, then from d), for Mappings m; NotImplemented otherwise. */
static MoObject *weak_dict_or(MoObject *a, MoObject *b)
{
    if (!weak_is_mapping(a) || !weak_is_mapping(b))
        Mo_RETURN_NOTIMPLEMENTED;
    int reflected = !weak_is_dict_kind(a);   /* m | d: a is a plain dict */
    MoObject *c = reflected ? weak_container_new(Mo_TYPE(b)) : weak_copy_of(a);
    if (c == NULL || weak_update_with(weak_dict_update, c, reflected ? a : b) < 0 ||
        (reflected && weak_update_with(weak_dict_update, c, b) < 0))
        Mo_CLEAR(c);
    return c;
}

/* d |= other: d.update(other), then d itself. */
static MoObject *weak_dict_ior(MoObject *a, MoObject *b)
{
    return weak_update_with(weak_dict_update, a, b) < 0 ? NULL : Mo_NewRef(a);
}

/* d.__or__(other), d.__ior__(other): the operators, named. */
static MoObject *weak_dict_or_method(MoObject *op, MoObject *args)
{
    return weak_args(op, "__or__", args, "other", 1) < 0 ? NULL : weak_dict_or(op, MoTuple_GET_ITEM(args, 0));
}
static MoObject *weak_dict_ior_method(MoObject *op, MoObject *args)
{
    return weak_args(op, "__ior__", args, "other", 1) < 0 ? NULL : weak_dict_ior(op, MoTuple_GET_ITEM(args, 0));
}

/* ================================================ WeakSet: algebra and order */

static int weak_is_set(MoObject *o)
{
    return Mo_IS_TYPE(o, &weak_set_type);
}

/* new: set(ref(item, callback) for item in iterable); callback NULL: basic refs,
   only for looking up. TypeError for an item that cannot be referenced. */
static MoObject *weak_refs_of(MoObject *iterable, MoObject *callback)
{
    MoObject *it = MoObject_GetIter(iterable);
    if (it == NULL)
        return NULL;
    MoObject *refs = MoSet_New(NULL), *item;
    while (refs != NULL && (item = MoIter_Next(it)) != NULL) {
        MoObject *r = MoWeakref_NewRef(item, callback);
        Mo_DECREF(item);
        if (r == NULL || MoSet_Add(refs, r) < 0)
            Mo_CLEAR(refs);
        Mo_XDECREF(r);
    }
    Mo_DECREF(it);
    if (MoErr_Occurred())
        Mo_CLEAR(refs);
    return refs;
}

/* region weak_set_richcompare */
/* ==, != only against another WeakSet (else NotImplemented, hence identity);
   <, <=, >, >= against any iterable: data compared with set(map(ref, other)),
   as _weakrefset.py's issubset, __lt__, issuperset, __gt__. */
static MoObject *weak_set_richcompare(MoObject *a, MoObject *b, int op)
{
    if (!weak_is_set(a) || ((op == MO_EQ || op == MO_NE) && !weak_is_set(b)))
        Mo_RETURN_NOTIMPLEMENTED;
    MoObject *refs = weak_refs_of(b, NULL);
    if (refs == NULL)
        return NULL;
    MoObject *res = MoObject_RichCompare(((weak_container *)a)->data, refs, op);
    Mo_DECREF(refs);
    return res;
}
/* endregion weak_set_richcompare */

typedef enum { SET_DIFFERENCE, SET_INTERSECTION, SET_SYMMETRIC } weak_set_op;

/* data op= refs, in place, keeping CPython's choice of entries: intersection
   keeps the entries of refs (so, as in 3.11, the survivors of `ws &= other` are
   basic references without the removal callback, and an item dying afterwards
   leaves a dead entry that len() still counts). 0 or -1. */
static int weak_set_apply(MoObject *data, MoObject *refs, weak_set_op op)
{
    MoObject *it = MoObject_GetIter(refs), *r;
    MoObject *keep = op == SET_INTERSECTION ? MoSet_New(NULL) : NULL;
    if (it == NULL || (op == SET_INTERSECTION && keep == NULL)) {
        Mo_XDECREF(it);
        Mo_XDECREF(keep);
        return -1;
    }
    int err = 0;
    while (err == 0 && (r = MoIter_Next(it)) != NULL) {
        int has = MoSet_Contains(data, r);
        if (has < 0)
            err = -1;
        else if (op == SET_DIFFERENCE || (op == SET_SYMMETRIC && has))
            err = MoSet_Discard(data, r) < 0 ? -1 : 0;
        else if (op == SET_SYMMETRIC || has)
            err = MoSet_Add(op == SET_SYMMETRIC ? data : keep, r);
        Mo_DECREF(r);
    }
    Mo_DECREF(it);
    if (err == 0 && !MoErr_Occurred() && op == SET_INTERSECTION) {
        err = MoSet_Clear(data);
        MoObject *kit = err == 0 ? MoObject_GetIter(keep) : NULL;
        while (kit != NULL && err == 0 && (r = MoIter_Next(kit)) != NULL) {
            err = MoSet_Add(data, r);
            Mo_DECREF(r);
        }
        Mo_XDECREF(kit);
    }
    Mo_XDECREF(keep);
    return err < 0 || MoErr_Occurred() ? -1 : 0;
}

/* region weak_set_update_op */
/* ws -= other, ws &= other, ws ^= other (difference_update, intersection_update,
   symmetric_difference_update): ws itself, new. `ws -= ws` and `ws ^= ws` empty it.
   The references added by ^= carry the removal callback; the others are for
   looking up only. */
static MoObject *weak_set_update_op(MoObject *op_self, MoObject *other, weak_set_op op)
{
    weak_container *self = (weak_container *)op_self;
    if (weak_enter(self) < 0)
        return NULL;
    if (op != SET_INTERSECTION && other == op_self) {
        MoSet_Clear(self->data);
        return Mo_NewRef(op_self);
    }
    MoObject *refs = weak_refs_of(other, op == SET_SYMMETRIC ? self->remove : NULL);
    int err = refs != NULL ? weak_set_apply(self->data, refs, op) : -1;
    Mo_XDECREF(refs);
    return err < 0 ? NULL : Mo_NewRef(op_self);
}
/* endregion weak_set_update_op */

/* new: a WeakSet of the items yielded by iterating `sources` in turn; with
   `filter`, only those found in it (intersection: other's items that are in ws). */
static MoObject *weak_set_from(MoObject *const *sources, int n, MoObject *filter)
{
    MoObject *res = weak_container_new(&weak_set_type);
    for (int i = 0; res != NULL && i < n; i++) {
        MoObject *it = MoObject_GetIter(sources[i]), *item;
        while (it != NULL && (item = MoIter_Next(it)) != NULL) {
            int in = filter != NULL ? weak_keys_contains(filter, item) : 1;
            int err = in < 0 ? -1 : in ? weak_set_add_one((weak_container *)res, item) : 0;
            Mo_DECREF(item);
            if (err < 0)
                break;
        }
        Mo_XDECREF(it);
        if (MoErr_Occurred())
            Mo_CLEAR(res);
    }
    return res;
}

/* ws - x, ws & x, ws ^ x, ws | x for any iterable x (a WeakSet on the left only:
   _weakrefset.py defines no reflected forms). New WeakSet. */
static MoObject *weak_set_binary(MoObject *a, MoObject *b, int which)
{
    if (!weak_is_set(a))
        Mo_RETURN_NOTIMPLEMENTED;
    if (which == '|') {
        MoObject *both[2] = {a, b};
        return weak_set_from(both, 2, NULL);
    }
    if (which == '&')
        return weak_set_from(&b, 1, a);
    MoObject *c = weak_copy_of(a);
    MoObject *r = c != NULL ? weak_set_update_op(c, b, which == '-' ? SET_DIFFERENCE : SET_SYMMETRIC) : NULL;
    Mo_XDECREF(r);
    if (r == NULL)
        Mo_CLEAR(c);
    return c;
}

static MoObject *weak_set_sub(MoObject *a, MoObject *b) { return weak_set_binary(a, b, '-'); }
static MoObject *weak_set_and(MoObject *a, MoObject *b) { return weak_set_binary(a, b, '&'); }
static MoObject *weak_set_xor(MoObject *a, MoObject *b) { return weak_set_binary(a, b, '^'); }
static MoObject *weak_set_or(MoObject *a, MoObject *b) { return weak_set_binary(a, b, '|'); }
static MoObject *weak_set_isub(MoObject *a, MoObject *b) { return weak_set_update_op(a, b, SET_DIFFERENCE); }
static MoObject *weak_set_iand(MoObject *a, MoObject *b) { return weak_set_update_op(a, b, SET_INTERSECTION); }
static MoObject *weak_set_ixor(MoObject *a, MoObject *b) { return weak_set_update_op(a, b, SET_SYMMETRIC); }

/* ws |= other: ws.update(other), then ws. */
static MoObject *weak_set_ior(MoObject *a, MoObject *b)
{
    return weak_update_with(weak_set_update, a, b) < 0 ? NULL : Mo_NewRef(a);
}

/* The named forms: ws.difference(other) is ws - other, and so on; the *_update
   ones return None; issubset/issuperset are <= and >=; isdisjoint is
   len(ws.intersection(other)) == 0. One table, one dispatcher. */
typedef struct {
    const char *name;
    binaryfunc fn;
    int returns_none;
} weak_set_named;

static const weak_set_named weak_set_named_ops[] = {
    {"difference", weak_set_sub, 0},  {"difference_update", weak_set_isub, 1},
    {"intersection", weak_set_and, 0}, {"intersection_update", weak_set_iand, 1},
    {"symmetric_difference", weak_set_xor, 0}, {"symmetric_difference_update", weak_set_ixor, 1},
    {"union", weak_set_or, 0},
    {"__sub__", weak_set_sub, 0}, {"__isub__", weak_set_isub, 0}, {"__and__", weak_set_and, 0},
    {"__iand__", weak_set_iand, 0}, {"__xor__", weak_set_xor, 0}, {"__ixor__", weak_set_ixor, 0},
    {"__or__", weak_set_or, 0}, {"__ior__", weak_set_ior, 0},
};

static MoObject *weak_set_named_call(MoObject *op, MoObject *args, int i)
{
    const weak_set_named *n = &weak_set_named_ops[i];
    if (weak_args(op, n->name, args, "other", 1) < 0)
        return NULL;
    MoObject *r = n->fn(op, MoTuple_GET_ITEM(args, 0));
    if (r != NULL && n->returns_none) {
        Mo_DECREF(r);
        Mo_RETURN_NONE;
    }
    return r;
}

#define WEAK_SET_NAMED(i) \
    static MoObject *weak_set_named_##i(MoObject *op, MoObject *args) { return weak_set_named_call(op, args, i); }
WEAK_SET_NAMED(0) WEAK_SET_NAMED(1) WEAK_SET_NAMED(2) WEAK_SET_NAMED(3) WEAK_SET_NAMED(4)
WEAK_SET_NAMED(5) WEAK_SET_NAMED(6) WEAK_SET_NAMED(7) WEAK_SET_NAMED(8) WEAK_SET_NAMED(9)
WEAK_SET_NAMED(10) WEAK_SET_NAMED(11) WEAK_SET_NAMED(12) WEAK_SET_NAMED(13) WEAK_SET_NAMED(14)

/* ws.issubset(other), ws.issuperset(other): ws <= other, ws >= other. */
static MoObject *weak_set_compare_method(MoObject *op, MoObject *args, const char *name, int cmp)
{
    if (weak_args(op, name, args, "other", 1) < 0)
        return NULL;
    return weak_set_richcompare(op, MoTuple_GET_ITEM(args, 0), cmp);
}
static MoObject *weak_set_issubset(MoObject *op, MoObject *args)
{
    return weak_set_compare_method(op, args, "issubset", MO_LE);
}
static MoObject *weak_set_issuperset(MoObject *op, MoObject *args)
{
    return weak_set_compare_method(op, args, "issuperset", MO_GE);
}

/* ws.isdisjoint(other) */
static MoObject *weak_set_isdisjoint(MoObject *op, MoObject *args)
{
    if (weak_args(op, "isdisjoint", args, "other", 1) < 0)
        return NULL;
    MoObject *common = weak_set_and(op, MoTuple_GET_ITEM(args, 0));
    if (common == NULL)
        return NULL;
    Mo_ssize_t n = MoObject_Length(common);
    Mo_DECREF(common);
    return n < 0 ? NULL : _MoBool_From(n == 0);
}

/* ================================================================ the types */

#define WEAK_DICT_METHODS(get, pop, setdefault)                                                 \
    {"get", get, MO_METH_VARARGS, "D.get(k[,d]) -> D[k] if k in D, else d."},                   \
    {"pop", pop, MO_METH_VARARGS, "D.pop(k[,d]) -> v, remove k and return its value."},         \
    {"popitem", weak_dict_popitem, MO_METH_VARARGS, "Remove and return a live (key, value)."},  \
    {"setdefault", setdefault, MO_METH_VARARGS, "D.setdefault(k[,d]) -> D.get(k,d), also set D[k]=d if k not in D."}, \
    {"update", weak_dict_update, MO_METH_VARARGS, "D.update([E]) -> None. Update D from E's items."}, \
    {"copy", weak_copy, MO_METH_VARARGS, "A new container holding the live entries."},          \
    {"clear", weak_clear, MO_METH_VARARGS, "D.clear() -> None. Remove all items from D."},      \
    {"keys", weak_keys_method, MO_METH_VARARGS, "A generator over the live keys."},             \
    {"values", weak_values_method, MO_METH_VARARGS, "A generator over the live values."},       \
    {"items", weak_items_method, MO_METH_VARARGS, "A generator over the live (key, value) pairs."}, \
    {"__contains__", weak_contains_method, MO_METH_VARARGS, "key in D"},                        \
    {"__or__", weak_dict_or_method, MO_METH_VARARGS, "D | other: a copy updated from a Mapping."}, \
    {"__ior__", weak_dict_ior_method, MO_METH_VARARGS, "D |= other: D.update(other); D."}

static MoMethodDef weak_values_methods[] = {
    WEAK_DICT_METHODS(weak_values_get, weak_values_pop, weak_values_setdefault),
    {"valuerefs", weak_valuerefs, MO_METH_VARARGS, "A list of the weak references to the values."},
    {NULL, NULL, 0, NULL},
};

static MoMethodDef weak_keys_methods[] = {
    WEAK_DICT_METHODS(weak_keys_get, weak_keys_pop, weak_keys_setdefault),
    {"keyrefs", weak_keyrefs, MO_METH_VARARGS, "A list of the weak references to the keys."},
    {NULL, NULL, 0, NULL},
};

static MoMethodDef weak_set_methods[] = {
    {"add", weak_set_add, MO_METH_VARARGS, "Add an element (held weakly)."},
    {"discard", weak_set_discard, MO_METH_VARARGS, "Remove an element if it is a member."},
    {"remove", weak_set_remove, MO_METH_VARARGS, "Remove an element; KeyError if it is not a member."},
    {"pop", weak_set_pop, MO_METH_VARARGS, "Remove and return an arbitrary live element."},
    {"update", weak_set_update, MO_METH_VARARGS, "Add every element of an iterable."},
    {"copy", weak_copy, MO_METH_VARARGS, "A new WeakSet holding the live elements."},
    {"clear", weak_clear, MO_METH_VARARGS, "Remove all elements."},
    {"__contains__", weak_contains_method, MO_METH_VARARGS, "item in S"},
    {"issubset", weak_set_issubset, MO_METH_VARARGS, "S <= other"},
    {"issuperset", weak_set_issuperset, MO_METH_VARARGS, "S >= other"},
    {"isdisjoint", weak_set_isdisjoint, MO_METH_VARARGS, "True when S and other share no element."},
    {"difference", weak_set_named_0, MO_METH_VARARGS, NULL},
    {"difference_update", weak_set_named_1, MO_METH_VARARGS, NULL},
    {"intersection", weak_set_named_2, MO_METH_VARARGS, NULL},
    {"intersection_update", weak_set_named_3, MO_METH_VARARGS, NULL},
    {"symmetric_difference", weak_set_named_4, MO_METH_VARARGS, NULL},
    {"symmetric_difference_update", weak_set_named_5, MO_METH_VARARGS, NULL},
    {"union", weak_set_named_6, MO_METH_VARARGS, NULL},
    {"__sub__", weak_set_named_7, MO_METH_VARARGS, NULL},
    {"__isub__", weak_set_named_8, MO_METH_VARARGS, NULL},
    {"__and__", weak_set_named_9, MO_METH_VARARGS, NULL},
    {"__iand__", weak_set_named_10, MO_METH_VARARGS, NULL},
    {"__xor__", weak_set_named_11, MO_METH_VARARGS, NULL},
    {"__ixor__", weak_set_named_12, MO_METH_VARARGS, NULL},
    {"__or__", weak_set_named_13, MO_METH_VARARGS, NULL},
    {"__ior__", weak_set_named_14, MO_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static MoNumberMethods weak_dict_as_number = {
    .nb_or = weak_dict_or,
    .nb_inplace_or = weak_dict_ior,
};

static MoNumberMethods weak_set_as_number = {
    .nb_subtract = weak_set_sub,
    .nb_and = weak_set_and,
    .nb_xor = weak_set_xor,
    .nb_or = weak_set_or,
    .nb_inplace_subtract = weak_set_isub,
    .nb_inplace_and = weak_set_iand,
    .nb_inplace_xor = weak_set_ixor,
    .nb_inplace_or = weak_set_ior,
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
    .tp_flags = MO_TPFLAGS_HAVE_GC,                             \
    .tp_traverse = weak_container_traverse,                     \
    .tp_clear = weak_container_clear,                           \
    .tp_weaklistoffset = offsetof(weak_container, weakreflist), \
    .tp_iter = weak_iter_keys,                                  \
    .tp_free = MoObject_GC_Del

static MoTypeObject weak_values_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "WeakValueDictionary",
    .tp_repr = weak_dict_repr,
    .tp_richcompare = weak_dict_richcompare,
    .tp_as_number = &weak_dict_as_number,
    .tp_as_sequence = &weak_values_as_sequence,
    .tp_as_mapping = &weak_values_as_mapping,
    .tp_methods = weak_values_methods,
    WEAK_CONTAINER_FIELDS,
};

static MoTypeObject weak_keys_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "WeakKeyDictionary",
    .tp_repr = weak_dict_repr,
    .tp_richcompare = weak_dict_richcompare,
    .tp_as_number = &weak_dict_as_number,
    .tp_as_sequence = &weak_keys_as_sequence,
    .tp_as_mapping = &weak_keys_as_mapping,
    .tp_methods = weak_keys_methods,
    WEAK_CONTAINER_FIELDS,
};

static MoTypeObject weak_set_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "WeakSet",
    .tp_repr = weak_set_repr,
    .tp_richcompare = weak_set_richcompare,
    .tp_as_number = &weak_set_as_number,
    .tp_as_sequence = &weak_set_as_sequence,
    .tp_methods = weak_set_methods,
    WEAK_CONTAINER_FIELDS,
};
