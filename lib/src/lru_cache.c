/* functools.lru_cache for callables (Modules/_functools.c, lru_cache_wrapper).
 *
 * The wrapper keeps a dict `cache` from a key made of the call's arguments to
 * what the call returned, and counts hits and misses:
 *   - the key is the arguments tuple itself (no copy), or the one argument
 *     alone when it is an exact int or str (3.11's "fasttypes" shortcut); keyword
 *     arguments append a marker and then key, value, key, value...
 *   - maxsize < 0 (None): unbounded; the cache maps key -> result.
 *   - maxsize == 0: nothing is cached; every call is a miss.
 *   - maxsize > 0: the cache maps key -> link, and the links form a circular
 *     doubly linked list through `root`, oldest first: root.next is the least
 *     recently used, root.prev the most recent. A hit moves its link to the end;
 *     a miss with a full cache reuses the oldest link for the new entry (evicting
 *     the old key and result).
 *
 * Every key and result is a strong reference. Stored on a class the wrapper
 * binds like a function (tp_descr_get makes a bound method), so o.m(x) calls it
 * with (o, x): the instance is part of the key, and the cache keeps every
 * instance alive until its entries are evicted or cache_clear() runs. That is the
 * method-cache leak of facts §6 (bpo-19859), kept on purpose.
 *
 * The wrapper is a GC object and its traverse visits the cache and every link's
 * key and result, so the collector sees each reference the cache holds.
 * cache_info() makes a functools.CacheInfo, a named tuple (namedtuple.c).
 * Start reading at lru_call.
 */
#include "internal.h"

/* ==================================================================== layout */

/* One cache entry of a bounded cache (an object, so that the dict can hold it).
   Two references own a link: the cache dict's and the list's. */
typedef struct lru_link {
    MoObject_HEAD
    struct lru_link *prev, *next;
    MoObject *key;
    MoObject *result;
} lru_link;

typedef struct {
    lru_link root;            /* the list's sentinel; only prev and next are used */
    MoObject *func;
    MoObject *cache;          /* dict: key -> result, or key -> link when bounded */
    Mo_ssize_t maxsize;       /* < 0: unbounded */
    Mo_ssize_t hits, misses;
    MoObject *weakreflist;
} lru_cache_object;

static MoTypeObject lru_cache_type, lru_link_type;

/* What cache_info() returns: functools.CacheInfo, a named tuple (namedtuple.c). */
static const char *const cache_info_fields[] = {"hits", "misses", "maxsize", "currsize", NULL};
static const _MoNamedTupleDesc cache_info_desc = {"CacheInfo", "functools", cache_info_fields};
static MoTypeObject cache_info_type = {.ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)};

/* The marker between positional and keyword arguments in a key: one static object,
   equal only to itself. */
static MoTypeObject lru_kwd_mark_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "object",
    .tp_basicsize = sizeof(MoObject),
    .tp_hash = _MoObject_HashByAddress,
    .tp_richcompare = _MoObject_RichCompareIdentity,
};
static MoObject lru_kwd_mark = MoObject_HEAD_INIT(&lru_kwd_mark_type);

static int lru_check(MoObject *w)
{
    if (Mo_IS_TYPE(w, &lru_cache_type))
        return 0;
    MoErr_Format(MoExc_TypeError, "expected an lru_cache wrapper, not '%s'", Mo_TYPE(w)->tp_name);
    return -1;
}

/* ==================================================================== keys */

/* region lru_make_key */
/* new: the cache key of a call (see the file's comment). */
static MoObject *lru_make_key(MoObject *args, MoObject *kwargs)
{
    Mo_ssize_t nkw = kwargs != NULL ? MoDict_Size(kwargs) : 0;
    if (nkw == 0) {
        if (MoTuple_GET_SIZE(args) == 1) {
            MoObject *only = MoTuple_GET_ITEM(args, 0);
            if (MoUnicode_CheckExact(only) || MoLong_CheckExact(only))
                return Mo_NewRef(only);      /* a scalar key saves the tuple */
        }
        return Mo_NewRef(args);              /* the arguments tuple itself */
    }
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    MoObject *key = MoTuple_New(n + 1 + 2 * nkw);
    if (key == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++)
        MoTuple_SET_ITEM(key, i, Mo_NewRef(MoTuple_GET_ITEM(args, i)));
    MoTuple_SET_ITEM(key, n++, Mo_NewRef(&lru_kwd_mark));
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(kwargs, &pos, &k, &v)) {
        MoTuple_SET_ITEM(key, n++, Mo_NewRef(k));
        MoTuple_SET_ITEM(key, n++, Mo_NewRef(v));
    }
    return key;
}
/* endregion lru_make_key */

/* ============================================================== the LRU list */

static void lru_list_append(lru_cache_object *self, lru_link *link)
{
    lru_link *root = &self->root, *last = root->prev;
    last->next = root->prev = link;
    link->prev = last;
    link->next = root;
}

static void lru_list_extract(lru_link *link)
{
    link->prev->next = link->next;
    link->next->prev = link->prev;
}

/* Detach the whole list (returned, NULL-terminated) and leave the root empty. */
static lru_link *lru_list_detach(lru_cache_object *self)
{
    lru_link *root = &self->root, *first = root->next;
    if (first == root)
        return NULL;
    root->prev->next = NULL;
    root->next = root->prev = root;
    return first;
}

static void lru_list_release(lru_link *link)
{
    while (link != NULL) {
        lru_link *next = link->next;
        Mo_DECREF(link);
        link = next;
    }
}

static void lru_link_dealloc(MoObject *op)
{
    lru_link *link = (lru_link *)op;
    Mo_XDECREF(link->key);
    Mo_XDECREF(link->result);
    Mo_TYPE(op)->tp_free(op);
}

static MoTypeObject lru_link_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "functools._lru_list_elem",
    .tp_basicsize = sizeof(lru_link),
    .tp_dealloc = lru_link_dealloc,
};

/* ================================================================ the calls */

/* maxsize == 0: a call that is never cached. */
static MoObject *lru_call_uncached(lru_cache_object *self, MoObject *args, MoObject *kwargs)
{
    self->misses++;
    return MoObject_Call(self->func, args, kwargs);
}

/* region lru_call_unbounded */
static MoObject *lru_call_unbounded(lru_cache_object *self, MoObject *args, MoObject *kwargs)
{
    MoObject *key = lru_make_key(args, kwargs);
    if (key == NULL)
        return NULL;
    MoObject *result = MoDict_GetItemWithError(self->cache, key);
    if (result != NULL) {
        self->hits++;
        Mo_DECREF(key);
        return Mo_NewRef(result);
    }
    if (MoErr_Occurred()) {                 /* an unhashable argument */
        Mo_DECREF(key);
        return NULL;
    }
    self->misses++;
    result = MoObject_Call(self->func, args, kwargs);
    if (result != NULL && MoDict_SetItem(self->cache, key, result) < 0)
        Mo_CLEAR(result);
    Mo_DECREF(key);
    return result;
}
/* endregion lru_call_unbounded */

/* A hit in a bounded cache: the link becomes the most recent. new: the result. */
static MoObject *lru_bounded_hit(lru_cache_object *self, lru_link *link)
{
    lru_list_extract(link);
    lru_list_append(self, link);
    self->hits++;
    return Mo_NewRef(link->result);
}

/* Room left: a new link for (key, result). Steals key; returns -1 on failure. */
static int lru_bounded_add(lru_cache_object *self, MoObject *key, MoObject *result)
{
    lru_link *link = MoObject_New(lru_link, &lru_link_type);
    if (link == NULL) {
        Mo_DECREF(key);
        return -1;
    }
    link->key = key;
    link->result = Mo_NewRef(result);
    link->prev = link->next = NULL;
    if (MoDict_SetItem(self->cache, key, (MoObject *)link) < 0) {
        Mo_DECREF(link);
        return -1;
    }
    lru_list_append(self, link);     /* our reference becomes the list's */
    return 0;
}

/* region lru_bounded_evict */
/* Full: the oldest link is taken out and reused for (key, result). Steals key.
   The old key and result are released only at the end, when the cache is
   consistent again (releasing them may run a __del__ that calls us). */
static int lru_bounded_replace_oldest(lru_cache_object *self, MoObject *key, MoObject *result)
{
    lru_link *link = self->root.next;
    lru_list_extract(link);          /* the list's reference is ours meanwhile */
    int err = MoDict_DelItem(self->cache, link->key);
    if (err < 0) {
        int orphan = MoErr_ExceptionMatches(MoExc_KeyError);
        if (orphan) {
            MoErr_Clear();   /* the call removed the old key meanwhile: drop the link */
            Mo_DECREF(link);
        } else {
            lru_list_append(self, link);   /* a comparison failed: leave things as they were */
        }
        Mo_DECREF(key);
        return orphan ? 0 : -1;
    }
    MoObject *oldkey = link->key, *oldresult = link->result;
    link->key = key;
    link->result = Mo_NewRef(result);
    err = MoDict_SetItem(self->cache, key, (MoObject *)link);
    if (err == 0)
        lru_list_append(self, link);
    else
        Mo_DECREF(link);
    Mo_DECREF(oldkey);
    Mo_DECREF(oldresult);
    return err;
}
/* endregion lru_bounded_evict */

static MoObject *lru_call_bounded(lru_cache_object *self, MoObject *args, MoObject *kwargs)
{
    MoObject *key = lru_make_key(args, kwargs);
    if (key == NULL)
        return NULL;
    MoObject *link = MoDict_GetItemWithError(self->cache, key);
    if (link != NULL) {
        Mo_DECREF(key);
        return lru_bounded_hit(self, (lru_link *)link);
    }
    if (MoErr_Occurred()) {
        Mo_DECREF(key);
        return NULL;
    }
    self->misses++;
    MoObject *result = MoObject_Call(self->func, args, kwargs);
    if (result == NULL) {
        Mo_DECREF(key);
        return NULL;
    }
    /* The call itself may have cached this key (recursion): keep that entry. */
    if (MoDict_GetItemWithError(self->cache, key) != NULL || MoErr_Occurred()) {
        Mo_DECREF(key);
        if (MoErr_Occurred())
            Mo_CLEAR(result);
        return result;
    }
    int full = MoDict_Size(self->cache) >= self->maxsize && self->root.next != &self->root;
    int err = full ? lru_bounded_replace_oldest(self, key, result) : lru_bounded_add(self, key, result);
    if (err < 0)
        Mo_CLEAR(result);
    return result;
}

/* region lru_call */
static MoObject *lru_call(MoObject *op, MoObject *args, MoObject *kwargs)
{
    lru_cache_object *self = (lru_cache_object *)op;
    if (self->maxsize == 0)
        return lru_call_uncached(self, args, kwargs);
    if (self->maxsize < 0)
        return lru_call_unbounded(self, args, kwargs);
    return lru_call_bounded(self, args, kwargs);
}
/* endregion lru_call */

/* ============================================================ the public API */

MoObject *MoFunctools_LruCache(MoObject *func, Mo_ssize_t maxsize)
{
    if (MoType_Ready(&lru_cache_type) < 0 || MoType_Ready(&lru_link_type) < 0 ||
        MoType_Ready(&lru_kwd_mark_type) < 0 || _MoNamedTuple_InitType(&cache_info_type, &cache_info_desc) < 0)
        return NULL;
    if (!MoCallable_Check(func)) {
        MoErr_SetString(MoExc_TypeError, "the first argument must be callable");
        return NULL;
    }
    lru_cache_object *self = MoObject_GC_New(lru_cache_object, &lru_cache_type);
    if (self == NULL)
        return NULL;
    self->root.prev = self->root.next = &self->root;
    self->root.key = self->root.result = NULL;
    self->func = Mo_NewRef(func);
    self->maxsize = maxsize < 0 ? -1 : maxsize;
    self->hits = self->misses = 0;
    self->weakreflist = NULL;
    self->cache = MoDict_New();
    MoObject_GC_Track(self);
    if (self->cache == NULL) {
        Mo_DECREF(self);
        return NULL;
    }
    return (MoObject *)self;
}

int MoLruCache_Info(MoObject *w, Mo_ssize_t *hits, Mo_ssize_t *misses, Mo_ssize_t *maxsize, Mo_ssize_t *currsize)
{
    if (lru_check(w) < 0)
        return -1;
    lru_cache_object *self = (lru_cache_object *)w;
    *hits = self->hits;
    *misses = self->misses;
    *maxsize = self->maxsize;
    *currsize = MoDict_Size(self->cache);
    return 0;
}

/* region lru_cache_clear */
void MoLruCache_Clear(MoObject *w)
{
    if (lru_check(w) < 0) {
        MoErr_Clear();
        return;
    }
    lru_cache_object *self = (lru_cache_object *)w;
    lru_link *list = lru_list_detach(self);
    self->hits = self->misses = 0;
    MoDict_Clear(self->cache);      /* the keys go: instances they alone kept die here */
    lru_list_release(list);
}
/* endregion lru_cache_clear */

/* ====================================================== the wrapper's type */

/* region lru_cache_info */
/* wrapper.cache_info(): a functools.CacheInfo named tuple, as 3.11's
   _CacheInfo(hits, misses, maxsize, currsize), maxsize None when unbounded. */
static MoObject *lru_cache_info_method(MoObject *op, MoObject *unused)
{
    (void)unused;
    Mo_ssize_t hits, misses, maxsize, currsize;
    if (MoLruCache_Info(op, &hits, &misses, &maxsize, &currsize) < 0)
        return NULL;
    MoObject *items[4] = {
        MoLong_FromSsize_t(hits), MoLong_FromSsize_t(misses),
        maxsize < 0 ? Mo_NewRef(Mo_None) : MoLong_FromSsize_t(maxsize), MoLong_FromSsize_t(currsize),
    };
    MoObject *info = _MoNamedTuple_New(&cache_info_type);
    for (int i = 0; i < 4; i++) {
        if (info != NULL && items[i] != NULL) {
            MoTuple_SET_ITEM(info, i, items[i]);
        } else {            /* out of memory: release what is left */
            Mo_CLEAR(info);
            Mo_XDECREF(items[i]);
        }
    }
    return info;
}
/* endregion lru_cache_info */

static MoObject *lru_cache_clear_method(MoObject *op, MoObject *unused)
{
    (void)unused;
    MoLruCache_Clear(op);
    Mo_RETURN_NONE;
}

static MoMethodDef lru_cache_methods[] = {
    {"cache_info", lru_cache_info_method, MO_METH_NOARGS, "Report cache statistics"},
    {"cache_clear", lru_cache_clear_method, MO_METH_NOARGS, "Clear the cache and cache statistics"},
    {NULL, NULL, 0, NULL},
};

/* Looked up on an instance, the wrapper binds like a function in a class. */
static MoObject *lru_descr_get(MoObject *self, MoObject *obj, MoObject *type)
{
    (void)type;
    if (obj == NULL || obj == Mo_None)
        return Mo_NewRef(self);
    return MoMethod_New(self, obj);
}

static int lru_tp_clear(MoObject *op)
{
    lru_cache_object *self = (lru_cache_object *)op;
    lru_link *list = lru_list_detach(self);
    Mo_CLEAR(self->cache);
    Mo_CLEAR(self->func);
    lru_list_release(list);
    return 0;
}

static void lru_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    if (((lru_cache_object *)op)->weakreflist != NULL)
        MoObject_ClearWeakRefs(op);
    lru_tp_clear(op);
    Mo_TYPE(op)->tp_free(op);
}

static int lru_traverse(MoObject *op, visitproc visit, void *arg)
{
    lru_cache_object *self = (lru_cache_object *)op;
    for (lru_link *link = self->root.next; link != &self->root; link = link->next) {
        Mo_VISIT(link->key);
        Mo_VISIT(link->result);
    }
    Mo_VISIT(self->cache);
    Mo_VISIT(self->func);
    return 0;
}

static MoObject *lru_repr(MoObject *op)
{
    return MoUnicode_FromFormat("<functools._lru_cache_wrapper object at %p>", (void *)op);
}

static MoTypeObject lru_cache_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "functools._lru_cache_wrapper",
    .tp_basicsize = sizeof(lru_cache_object),
    .tp_dealloc = lru_dealloc,
    .tp_repr = lru_repr,
    .tp_call = lru_call,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = lru_traverse,
    .tp_clear = lru_tp_clear,
    .tp_weaklistoffset = offsetof(lru_cache_object, weakreflist),
    .tp_methods = lru_cache_methods,
    .tp_descr_get = lru_descr_get,
    .tp_free = MoObject_GC_Del,
};
