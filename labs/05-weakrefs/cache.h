/* Lab 05, part B: Cache, a weak-valued cache. It maps keys to values without keeping
 * the values alive: while someone else holds a value, Cache_Get returns it; once the
 * value has died, its entry is gone and Cache_Get builds a new one.
 *
 * The design is WeakValueDictionary's: `data` is a dict from each key to a weak
 * reference to its value, and every such reference carries the cache's one callback,
 * `remove`. When a value dies, its reference calls remove(ref), which deletes the
 * entry that holds that very reference (and no other: the key may have been given a
 * new value meanwhile). `remove` must not keep the cache alive: it reaches the cache
 * through a weak reference (its `self` is ref(cache)), so that dropping the cache
 * frees it at once, by its count, and a callback that fires after the cache died does
 * nothing.
 */
#ifndef LAB05_CACHE_H
#define LAB05_CACHE_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    MoObject *data;          /* dict: key -> weakref.ref(value, remove) */
    MoObject *remove;        /* the callback of every reference in data */
    MoObject *weakreflist;   /* a cache can itself be weakly referenced */
} CacheObject;

/* The type: "lab05.Cache". */
extern MoTypeObject Cache_Type;
#define Cache_Check(op) Mo_IS_TYPE((op), &Cache_Type)

/* Ready Cache_Type: call it after Mo_Initialize. 0, or -1 with an exception set. */
int Cache_Ready(void);

/* new: an empty cache. NULL with MemoryError. */
MoObject *Cache_New(void);

/* new: the live value stored under key; if there is none (never stored, or it died),
   factory(key) is called, its result stored weakly under key and returned. The cache
   never holds a strong reference to a value. NULL with the factory's exception, or
   TypeError "cannot create weak reference to 'int' object" when the value cannot be
   weakly referenced (nothing is stored then), or TypeError for an unhashable key. */
MoObject *Cache_Get(MoObject *cache, MoObject *key, MoObject *factory);

/* Store value weakly under key, replacing what was there. 0, or -1 with TypeError as
   Cache_Get. Neither key nor value is stolen. */
int Cache_Put(MoObject *cache, MoObject *key, MoObject *value);

/* How many entries hold a live value (len(cache)). -1 with SystemError for a
   non-Cache. */
Mo_ssize_t Cache_Len(MoObject *cache);

#endif /* LAB05_CACHE_H */
