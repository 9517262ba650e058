/* Lab 05 grader, part B: the weak-valued cache (labs/05-weakrefs/cache.h).
 *
 * Values are instances of Thing, a weakly referenceable type defined here whose
 * instances count themselves: the tests see exactly which values are alive. The
 * factory counts its calls, so "built once" and "built again" are facts, not guesses.
 */
#include <string.h>
#include "harness.h"
#include "cache.h"


/* ------------------------------------------------------------------ helpers */

typedef struct {
    MoObject_HEAD
    MoObject *weakreflist;
} ThingObject;

static int things_alive;

static void thing_dealloc(MoObject *self)
{
    if (((ThingObject *)self)->weakreflist != NULL)
        MoObject_ClearWeakRefs(self);
    things_alive--;
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Thing_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Thing",
    .tp_basicsize = sizeof(ThingObject),
    .tp_dealloc = thing_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_weaklistoffset = offsetof(ThingObject, weakreflist),
};

/* new: a Thing, or NULL with MemoryError (the factory may run out of memory). */
static MoObject *make_thing(void)
{
    ThingObject *t = MoObject_New(ThingObject, &Thing_Type);
    if (t == NULL)
        return NULL;
    t->weakreflist = NULL;
    things_alive++;
    return (MoObject *)t;
}

static MoObject *new_thing(void)
{
    ck_assert_int_eq(MoType_Ready(&Thing_Type), 0);
    MoObject *t = make_thing();
    ck_assert_ptr_nonnull(t);
    return t;
}

/* The module init: ready the lab's type and the tests' own. */
static int cache_lab_setup(void)
{
    return Cache_Ready() < 0 ? -1 : MoType_Ready(&Thing_Type);
}
MG_LAB_SETUP(cache_lab_setup)

static int factory_calls, cache_deaths;

/* A weak reference's callback: counts the deaths it is told of. */
static MoObject *count_death(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    cache_deaths++;
    Mo_RETURN_NONE;
}

/* factory(key): a new Thing (or, for the key "int", the int 7). */
static MoObject *factory_fn(MoObject *unused, MoObject *args)
{
    (void)unused;
    factory_calls++;
    MoObject *key = MoTuple_GET_ITEM(args, 0);
    if (MoUnicode_Check(key) && strcmp(MoUnicode_AsUTF8(key), "int") == 0)
        return MoLong_FromLong(7);
    return make_thing();
}

static MoObject *factory(void)
{
    return mg_ok(MoCFunction_New("factory", factory_fn, NULL), "MoCFunction_New");
}

static MoObject *text(const char *s)
{
    return mg_ok(MoUnicode_FromString(s), "MoUnicode_FromString");
}

static MoObject *new_cache(void)
{
    return mg_ok(Cache_New(), "Cache_New()");
}

/* new: Cache_Get(c, key, f), which must succeed. */
static MoObject *get(MoObject *c, MoObject *key, MoObject *f)
{
    MoObject *v = Cache_Get(c, key, f);
    ck_assert_msg(v != NULL, "Cache_Get failed: %s", mg_exc_text());
    return v;
}

static void expect_len(MoObject *c, Mo_ssize_t n, const char *when)
{
    Mo_ssize_t got = Cache_Len(c);
    ck_assert_msg(got == n, "Cache_Len %s is %zd (%s), expected %zd", when, got, mg_exc_text(), n);
}

/* ---------------------------------------------------------------- the tests */

MG_TEST(cache_new, 2, "Cache_New returns an empty lab05.Cache with refcount 1")
{
    MoObject *c = new_cache();
    ck_assert_msg(Mo_TYPE(c) == &Cache_Type, "Cache_New returned a '%s'", Mo_TYPE(c)->tp_name);
    mg_assert_refcnt(c, 1, "a new cache");
    expect_len(c, 0, "of a new cache");
    Mo_DECREF(c);
}

MG_TEST(cache_get_builds_once, 4, "Cache_Get builds a value once and returns the same live object while it is held, as a new reference")
{
    MoObject *c = new_cache(), *f = factory(), *k = text("k");
    MoObject *v1 = get(c, k, f);
    mg_assert_refcnt(v1, 1, "the value Cache_Get made (yours alone: the cache holds it weakly)");
    MoObject *v2 = get(c, k, f);
    ck_assert_msg(v2 == v1, "the second Cache_Get returned another object while the first was alive");
    ck_assert_msg(factory_calls == 1, "the factory ran %d times, expected once", factory_calls);
    mg_assert_refcnt(v1, 2, "the value after a second Cache_Get (two new references)");
    expect_len(c, 1, "with one live value");
    Mo_DECREF(v1);
    Mo_DECREF(v2);
    Mo_DECREF(k);
    Mo_DECREF(f);
    Mo_DECREF(c);
}

MG_TEST(cache_does_not_keep_values, 6, "the cache keeps no value alive: dropping the last reference frees it at once")
{
    MoObject *c = new_cache(), *f = factory(), *k = text("k");
    MoObject *v = get(c, k, f);
    MoObject *probe = mg_ok(MoWeakref_NewRef(v, NULL), "weakref.ref(value)");
    int before = things_alive;
    Mo_DECREF(v);
    ck_assert_msg(things_alive == before - 1 && MoWeakref_GetObject(probe) == Mo_None,
                  "the value survived its last reference: the cache holds it strongly");
    expect_len(c, 0, "after the value died");
    Mo_DECREF(probe);
    Mo_DECREF(k);
    Mo_DECREF(f);
    Mo_DECREF(c);
}

MG_TEST(cache_rebuilds_after_death, 4, "after a value died Cache_Get calls the factory again and returns the new object")
{
    MoObject *c = new_cache(), *f = factory(), *k = text("k");
    MoObject *v = get(c, k, f);
    Mo_DECREF(v);
    MoObject *w = get(c, k, f);
    ck_assert_msg(Mo_TYPE(w) == &Thing_Type, "Cache_Get after the death returned a '%s'", Mo_TYPE(w)->tp_name);
    ck_assert_msg(factory_calls == 2, "the factory ran %d times, expected twice", factory_calls);
    ck_assert_msg(things_alive == 1, "%d values alive, expected 1", things_alive);
    expect_len(c, 1, "with the rebuilt value");
    Mo_DECREF(w);
    Mo_DECREF(k);
    Mo_DECREF(f);
    Mo_DECREF(c);
}

MG_TEST(cache_callback_removes_entry, 5, "a value's death removes its entry from data (a callback), and only that one")
{
    MoObject *c = new_cache(), *f = factory(), *k1 = text("k1"), *k2 = text("k2");
    MoObject *v1 = get(c, k1, f), *v2 = get(c, k2, f);
    MoObject *data = ((CacheObject *)c)->data;
    ck_assert_msg(data != NULL && MoDict_Check(data) && MoDict_Size(data) == 2, "data does not hold two entries");
    Mo_DECREF(v1);
    ck_assert_msg(MoDict_Size(data) == 1, "data holds %zd entries after one value died, expected 1",
                  MoDict_Size(data));
    ck_assert_msg(MoDict_GetItemWithError(data, k2) != NULL, "the entry of the live value k2 was removed");
    MoObject *again = get(c, k2, f);
    ck_assert_msg(again == v2 && factory_calls == 2, "Cache_Get(k2) did not return the live value");
    Mo_DECREF(again);
    Mo_DECREF(v2);
    ck_assert_msg(MoDict_Size(data) == 0, "data holds %zd entries after both values died", MoDict_Size(data));
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(f);
    Mo_DECREF(c);
}

MG_TEST(cache_put_replaced_entry_survives, 5, "an old value's callback, run after Cache_Put replaced it, does not remove the entry of the new value")
{
    MoObject *c = new_cache(), *f = factory(), *k = text("k");
    MoObject *old = new_thing(), *fresh = new_thing();
    ck_assert_msg(Cache_Put(c, k, old) == 0, "Cache_Put failed: %s", mg_exc_text());
    MoObject *old_ref = MoDict_GetItemWithError(((CacheObject *)c)->data, k);
    ck_assert_msg(old_ref != NULL && MoWeakref_Check(old_ref), "data[k] is not a weak reference after Cache_Put");
    Mo_INCREF(old_ref);                    /* kept alive, so that its callback will run */
    ck_assert_msg(Cache_Put(c, k, fresh) == 0, "Cache_Put failed: %s", mg_exc_text());
    Mo_DECREF(old);                        /* the old reference's callback runs now */
    expect_len(c, 1, "after the replaced value died");
    MoObject *got = get(c, k, f);
    ck_assert_msg(got == fresh, "Cache_Get(k) did not return the value put last (the factory ran %d times)",
                  factory_calls);
    ck_assert_msg(factory_calls == 0, "the factory ran: the entry of the new value was removed");
    Mo_DECREF(got);
    Mo_DECREF(old_ref);
    Mo_DECREF(fresh);
    Mo_DECREF(k);
    Mo_DECREF(f);
    Mo_DECREF(c);
}

MG_TEST(cache_dies_by_count, 5, "dropping the cache frees it at once (no cycle through the callback); values dying later are harmless")
{
    MoObject *c = new_cache(), *f = factory(), *k = text("k");
    MoObject *v = get(c, k, f);
    MoObject *entry = MoDict_GetItemWithError(((CacheObject *)c)->data, k);
    ck_assert_msg(entry != NULL && MoWeakref_Check(entry), "data[k] is not a weak reference");
    Mo_INCREF(entry);                      /* outlives the cache: its callback will run */
    MoObject *on_death = mg_ok(MoCFunction_New("on_death", count_death, NULL), "MoCFunction_New");
    MoObject *probe = mg_ok(MoWeakref_NewRef(c, on_death), "weakref.ref(cache, callback)");
    Mo_DECREF(c);
    ck_assert_msg(MoWeakref_GetObject(probe) == Mo_None,
                  "the cache is still alive after its last reference went: something holds it");
    ck_assert_msg(cache_deaths == 1, "a weak reference to the cache called back %d times when it died, expected "
                  "once (does cache_dealloc clear its weak references?)", cache_deaths);
    Mo_DECREF(v);                          /* the callback runs after the cache died */
    mg_assert_no_exc("a value dying after its cache");
    ck_assert_msg(MoWeakref_GetObject(entry) == Mo_None, "the entry's reference is not dead");
    Mo_DECREF(entry);
    Mo_DECREF(probe);
    Mo_DECREF(on_death);
    Mo_DECREF(k);
    Mo_DECREF(f);
}

MG_TEST(cache_refuses_unreferenceable, 2, "a value that cannot be weakly referenced: TypeError, nothing stored, nothing leaked")
{
    MoObject *c = new_cache(), *f = factory(), *k = text("int");
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Cache_Get(c, k, f) == NULL, "Cache_Get stored an int");
    mg_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object", "Cache_Get of an int value");
    mg_assert_no_new_objects(before, "after the refused value");
    expect_len(c, 0, "after the refused value");
    Mo_DECREF(k);
    Mo_DECREF(f);
    Mo_DECREF(c);
}

MG_TEST(cache_out_of_memory, 2, "when memory runs out Cache_New, Cache_Put and Cache_Get fail with MemoryError and leak nothing")
{
    MoObject *f = factory(), *k = text("k"), *c = NULL;
    for (long n = 0; c == NULL; n++) {
        Mo_ssize_t before = mg_live();
        mg_alloc_limit(n);
        c = Cache_New();
        mg_alloc_unlimited();
        if (c == NULL) {
            mg_assert_exc(MoExc_MemoryError, NULL, "Cache_New when memory runs out");
            mg_assert_no_new_objects(before, "Cache_New that ran out of memory");
        }
        ck_assert_msg(n < 1000, "Cache_New kept failing with 1000 allocations allowed");
    }
    MoObject *v = new_thing(), *got = NULL;
    int status = -1;
    for (long n = 0; status < 0; n++) {
        mg_alloc_limit(n);
        status = Cache_Put(c, k, v);
        mg_alloc_unlimited();
        if (status < 0)
            mg_assert_exc(MoExc_MemoryError, NULL, "Cache_Put when memory runs out");
        ck_assert_msg(n < 1000, "Cache_Put kept failing with 1000 allocations allowed");
    }
    Mo_DECREF(v);                          /* the entry goes; Cache_Get must build */
    for (long n = 0; got == NULL; n++) {
        mg_alloc_limit(n);
        got = Cache_Get(c, k, f);
        mg_alloc_unlimited();
        if (got == NULL)
            mg_assert_exc(MoExc_MemoryError, NULL, "Cache_Get when memory runs out");
        ck_assert_msg(n < 1000, "Cache_Get kept failing with 1000 allocations allowed");
    }
    ck_assert_msg(things_alive == 1, "%d values alive after the failed attempts, expected 1", things_alive);
    Mo_DECREF(got);
    Mo_DECREF(c);
    Mo_DECREF(k);
    Mo_DECREF(f);
}
