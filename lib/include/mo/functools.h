/* functools.lru_cache for C callables: a wrapper with a bounded (or unbounded) cache
 * keyed on the call's arguments. Stored on a class it binds like a method, so the
 * instance becomes part of the key: the cache then keeps every instance alive. */
#ifndef MO_FUNCTOOLS_H
#define MO_FUNCTOOLS_H

#include "object.h"

/* new: lru_cache(maxsize)(func); maxsize < 0 means None (unbounded), 0 caches
   nothing. func is not stolen (the wrapper takes its own reference). NULL with
   TypeError "the first argument must be callable", or MemoryError. Calling the wrapper
   calls func on a miss; keys and results are kept as strong references. */
MoObject *MoFunctools_LruCache(MoObject *func, Mo_ssize_t maxsize);
/* cache_info(): 0 on success, -1 with TypeError if w is not an lru_cache wrapper.
   maxsize is -1 for an unbounded cache. (The wrapper's cache_info() method returns
   what 3.11's does: a functools.CacheInfo named tuple, a tuple subtype whose repr is
   "CacheInfo(hits=1, misses=2, maxsize=128, currsize=2)", maxsize=None when
   unbounded, and whose fields read as attributes: info.hits is info[0].) */
int MoLruCache_Info(MoObject *w, Mo_ssize_t *hits, Mo_ssize_t *misses, Mo_ssize_t *maxsize, Mo_ssize_t *currsize);
/* cache_clear(): empties the cache and zeroes the counts (which may free the
   instances it kept, running their __del__). Does nothing if w is not a wrapper.
   Cannot fail. */
void MoLruCache_Clear(MoObject *w);

#endif
