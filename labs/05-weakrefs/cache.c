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
    // TODO: find the cache through selfref (it may be dead: then do nothing),
    // and delete the one entry of data whose value is the dead reference.
    (void)selfref;
    (void)args;
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
    // TODO: make the callback, a built-in function bound to what lets it
    // find the cache without keeping it alive (MoCFunction_New).
    (void)cache_remove;
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
    // TODO: store a weak reference to value, with the cache's callback.
    (void)c;
    (void)key;
    (void)value;
    MoErr_SetString(MoExc_NotImplementedError, "Cache_Put is not written yet");
    return -1;
}
/* endregion cache_put */

/* region cache_get */
MoObject *Cache_Get(MoObject *cache, MoObject *key, MoObject *factory)
{
    if (!cache_check(cache))
        return NULL;
    CacheObject *c = (CacheObject *)cache;
    // TODO: the live value under key, as a new reference; or a new one made
    // by factory(key), stored weakly (Cache_Put) and returned.
    (void)c;
    (void)key;
    (void)factory;
    MoErr_SetString(MoExc_NotImplementedError, "Cache_Get is not written yet");
    return NULL;
}
/* endregion cache_get */

Mo_ssize_t Cache_Len(MoObject *cache)
{
    if (!cache_check(cache))
        return -1;
    // TODO: count the entries whose value is alive.
    MoErr_SetString(MoExc_NotImplementedError, "Cache_Len is not written yet");
    return -1;
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
