/* Lab 05, part B: the weak-valued cache (see cache.h).
 *
 * Invariants:
 *   1. data[key] is always a weak reference carrying `remove`; the cache owns the
 *      reference, never the value.
 *   2. remove(ref) deletes data[key] only for the key whose entry is that very
 *      reference (identity), so an entry given a new value survives the old value's
 *      death.
 *   3. remove reaches the cache through ref(cache): no cycle cache -> data -> ref ->
 *      remove -> cache, and nothing to do when the cache is already dead.
 */
#include "cache.h"

/* ------------------------------------------------------------ the callback */

/* region cache_remove */
/* remove(dead_ref), bound to ref(cache): delete the entry holding dead_ref. */
static MoObject *cache_remove(MoObject *selfref, MoObject *args)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: find the cache through selfref (it may be dead: then do nothing), */
    /* STUB: // and delete the one entry of data whose value is the dead reference. */
    /* STUB: (void)selfref; */
    /* STUB: (void)args; */
    MoObject *dead = MoTuple_GET_ITEM(args, 0);
    MoObject *cache = MoWeakref_GetObject(selfref);
    if (cache == NULL || cache == Mo_None)
        Mo_RETURN_NONE;                     /* the cache died first */
    MoObject *data = ((CacheObject *)cache)->data;
    Mo_ssize_t pos = 0;
    MoObject *key, *value;
    while (MoDict_Next(data, &pos, &key, &value)) {
        if (value == dead) {
            if (MoDict_DelItem(data, key) < 0)
                return NULL;
            break;
        }
    }
    /* END SOLUTION */
    Mo_RETURN_NONE;
}
/* endregion cache_remove */

/* ------------------------------------------------------- making and freeing */

MoObject *Cache_New(void)
{
    CacheObject *c = MoObject_New(CacheObject, &Cache_Type);
    if (c == NULL)
        return NULL;
    c->weakreflist = NULL;
    c->remove = NULL;
    c->data = MoDict_New();
    if (c->data == NULL) {
        Mo_DECREF(c);
        return NULL;
    }
    /* BEGIN SOLUTION */
    /* STUB: // TODO: make the callback, a built-in function bound to what lets it */
    /* STUB: // find the cache without keeping it alive (MoCFunction_New). */
    /* STUB: (void)cache_remove; */
    MoObject *selfref = MoWeakref_NewRef((MoObject *)c, NULL);
    if (selfref == NULL) {
        Mo_DECREF(c);
        return NULL;
    }
    c->remove = MoCFunction_New("remove", cache_remove, selfref);
    Mo_DECREF(selfref);
    if (c->remove == NULL) {
        Mo_DECREF(c);
        return NULL;
    }
    /* END SOLUTION */
    return (MoObject *)c;
}

static void cache_dealloc(MoObject *self)
{
    CacheObject *c = (CacheObject *)self;
    if (c->weakreflist != NULL)
        MoObject_ClearWeakRefs(self);   /* first: remove() must find us dead */
    Mo_CLEAR(c->data);
    Mo_CLEAR(c->remove);
    Mo_TYPE(self)->tp_free(self);
}

/* ------------------------------------------------------------- operations */

/* 1 if op is a Cache; 0 with SystemError otherwise. */
static int cache_check(MoObject *op)
{
    if (op != NULL && Cache_Check(op))
        return 1;
    MoErr_BadInternalCall();
    return 0;
}

/* region cache_put */
int Cache_Put(MoObject *cache, MoObject *key, MoObject *value)
{
    if (!cache_check(cache))
        return -1;
    CacheObject *c = (CacheObject *)cache;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: store a weak reference to value, with the cache's callback. */
    /* STUB: (void)c; */
    /* STUB: (void)key; */
    /* STUB: (void)value; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Cache_Put is not written yet"); */
    /* STUB: return -1; */
    MoObject *ref = MoWeakref_NewRef(value, c->remove);
    if (ref == NULL)
        return -1;
    int err = MoDict_SetItem(c->data, key, ref);
    Mo_DECREF(ref);
    return err;
    /* END SOLUTION */
}
/* endregion cache_put */

/* region cache_get */
MoObject *Cache_Get(MoObject *cache, MoObject *key, MoObject *factory)
{
    if (!cache_check(cache))
        return NULL;
    CacheObject *c = (CacheObject *)cache;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the live value under key, as a new reference; or a new one made */
    /* STUB: // by factory(key), stored weakly (Cache_Put) and returned. */
    /* STUB: (void)c; */
    /* STUB: (void)key; */
    /* STUB: (void)factory; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Cache_Get is not written yet"); */
    /* STUB: return NULL; */
    MoObject *ref = MoDict_GetItemWithError(c->data, key);
    if (ref == NULL && MoErr_Occurred())
        return NULL;
    if (ref != NULL) {
        MoObject *value = MoWeakref_GetObject(ref);
        if (value != Mo_None)
            return Mo_NewRef(value);
    }
    MoObject *value = MoObject_CallOneArg(factory, key);
    if (value == NULL)
        return NULL;
    if (Cache_Put(cache, key, value) < 0)
        Mo_CLEAR(value);
    return value;
    /* END SOLUTION */
}
/* endregion cache_get */

Mo_ssize_t Cache_Len(MoObject *cache)
{
    if (!cache_check(cache))
        return -1;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: count the entries whose value is alive. */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Cache_Len is not written yet"); */
    /* STUB: return -1; */
    Mo_ssize_t n = 0, pos = 0;
    MoObject *key, *ref;
    while (MoDict_Next(((CacheObject *)cache)->data, &pos, &key, &ref))
        n += MoWeakref_GetObject(ref) != Mo_None;
    return n;
    /* END SOLUTION */
}

/* ------------------------------------------------------------------ the type */

MoTypeObject Cache_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab05.Cache",
    .tp_basicsize = sizeof(CacheObject),
    .tp_dealloc = cache_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_weaklistoffset = offsetof(CacheObject, weakreflist),
};

int Cache_Ready(void)
{
    return MoType_Ready(&Cache_Type);
}
