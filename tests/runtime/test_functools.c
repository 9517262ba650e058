/* functools.lru_cache: keys, hit and miss counts, LRU eviction, cache_clear, and
 * the method-cache leak of facts §6. */
#include "testutil.h"

/* ------------------------------------------------------------------ helpers */

/* double(x) -> x * 2, counting its real calls in the list bound as self. */
static MoObject *twice(MoObject *self, MoObject *args)
{
    if (self != NULL && MoList_Append(self, Mo_None) < 0)
        return NULL;
    MoObject *x = MoTuple_GET_ITEM(args, MoTuple_GET_SIZE(args) - 1);
    return MoNumber_Add(x, x);
}

/* Returns a new object each time (so that results can be told apart). */
static MoObject *make_list(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    return MoList_New(0);
}

typedef struct { Mo_ssize_t hits, misses, maxsize, currsize; } info;

static info cache_info(MoObject *w)
{
    info i;
    ck_assert_int_eq(MoLruCache_Info(w, &i.hits, &i.misses, &i.maxsize, &i.currsize), 0);
    return i;
}

static void assert_info(MoObject *w, Mo_ssize_t hits, Mo_ssize_t misses, Mo_ssize_t maxsize, Mo_ssize_t currsize)
{
    info i = cache_info(w);
    ck_assert_msg(i.hits == hits && i.misses == misses && i.maxsize == maxsize && i.currsize == currsize,
                  "CacheInfo(hits=%zd, misses=%zd, maxsize=%zd, currsize=%zd), expected (%zd, %zd, %zd, %zd)",
                  i.hits, i.misses, i.maxsize, i.currsize, hits, misses, maxsize, currsize);
}

/* new: w(v) for an int v. */
static MoObject *call_long(MoObject *w, long v)
{
    MoObject *x = MoLong_FromLong(v);
    MoObject *r = MoObject_CallOneArg(w, x);
    Mo_DECREF(x);
    return r;
}

/* ------------------------------------------------------------------- tests */

/* A sequence of calls and the CacheInfo after each, for the three kinds of cache. */
START_TEST(functools_info_counts)
{
    static const long calls[] = { 1, 2, 1, 3, 1, 2 };
    static const struct {
        Mo_ssize_t maxsize;
        info after[6];
    } cases[] = {
        { -1, { {0, 1, -1, 1}, {0, 2, -1, 2}, {1, 2, -1, 2}, {1, 3, -1, 3}, {2, 3, -1, 3}, {3, 3, -1, 3} } },
        { 2, { {0, 1, 2, 1}, {0, 2, 2, 2}, {1, 2, 2, 2}, {1, 3, 2, 2}, {2, 3, 2, 2}, {2, 4, 2, 2} } },
        { 0, { {0, 1, 0, 0}, {0, 2, 0, 0}, {0, 3, 0, 0}, {0, 4, 0, 0}, {0, 5, 0, 0}, {0, 6, 0, 0} } },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        MoObject *calls_log = MoList_New(0);
        MoObject *f = MoCFunction_New("twice", twice, calls_log);
        MoObject *w = mt_ok(MoFunctools_LruCache(f, cases[c].maxsize));
        for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
            MoObject *r = mt_ok(call_long(w, calls[i]));
            ck_assert_int_eq(MoLong_AsLong(r), 2 * calls[i]);
            Mo_DECREF(r);
            const info *e = &cases[c].after[i];
            assert_info(w, e->hits, e->misses, e->maxsize, e->currsize);
        }
        /* The function really ran once per miss. */
        ck_assert_int_eq(MoList_Size(calls_log), cache_info(w).misses);
        MoLruCache_Clear(w);
        assert_info(w, 0, 0, cases[c].maxsize < 0 ? -1 : cases[c].maxsize, 0);
        Mo_DECREF(w);
        Mo_DECREF(f);
        Mo_DECREF(calls_log);
    }
}
END_TEST

/* The key: one exact int or str is the key itself; anything else, the arguments
   tuple itself (no copy): the cache holds a reference to it. */
START_TEST(functools_keys)
{
    MoObject *f = MoCFunction_New("make_list", make_list, NULL);
    MoObject *w = mt_ok(MoFunctools_LruCache(f, -1));
    MoObject *s = MoUnicode_FromString("spam");
    MoObject *r1 = mt_ok(MoObject_CallOneArg(w, s));
    MoObject *r2 = mt_ok(MoObject_CallOneArg(w, s));
    ck_assert_ptr_eq(r1, r2);                               /* cached result */
    ck_assert_int_eq(Mo_REFCNT(s), 2);                      /* ours + the key */
    MoObject *fs = MoFrozenSet_New(NULL);
    MoObject *args = MoTuple_Pack(2, fs, s);
    MoObject *r3 = mt_ok(MoObject_Call(w, args, NULL));
    ck_assert_int_eq(Mo_REFCNT(args), 2);                   /* the tuple is the key */
    ck_assert_int_eq(Mo_REFCNT(fs), 2);
    MoObject *unhashable = MoList_New(0);
    ck_assert_ptr_null(MoObject_CallOneArg(w, unhashable));
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    assert_info(w, 1, 2, -1, 2);
    /* Keywords are part of the key: dict(k='spam') through a cache of dict. */
    MoObject *wd = mt_ok(MoFunctools_LruCache((MoObject *)&MoDict_Type, -1));
    MoObject *kw = MoDict_New();
    MoDict_SetItemString(kw, "k", s);
    MoObject *empty = MoTuple_New(0);
    MoObject *r4 = mt_ok(MoObject_Call(wd, empty, kw));
    mt_assert_repr(r4, "{'k': 'spam'}");
    MoObject *r5 = mt_ok(MoObject_Call(wd, empty, kw));
    ck_assert_ptr_eq(r4, r5);
    MoObject *r6 = mt_ok(MoObject_Call(wd, empty, NULL));
    ck_assert_ptr_ne(r4, r6);
    assert_info(wd, 1, 2, -1, 2);
    Mo_DECREF(wd);
    Mo_DECREF(empty);
    Mo_DECREF(r6);
    MoObject *referents = mt_ok(MoGC_GetReferents(w));      /* the collector sees the cache */
    ck_assert_int_eq(MoSequence_Contains(referents, f), 1);
    Mo_DECREF(referents);
    Mo_ssize_t s_refs = Mo_REFCNT(s);
    MoLruCache_Clear(w);
    ck_assert_int_eq(Mo_REFCNT(args), 1);
    ck_assert_int_eq(Mo_REFCNT(s), s_refs - 1);             /* the key 'spam' is gone */
    Mo_DECREF(r1);
    Mo_DECREF(r2);
    Mo_DECREF(r3);
    Mo_DECREF(r4);
    Mo_DECREF(r5);
    Mo_DECREF(kw);
    Mo_DECREF(unhashable);
    Mo_DECREF(args);
    Mo_DECREF(fs);
    Mo_DECREF(s);
    Mo_DECREF(w);
    Mo_DECREF(f);
}
END_TEST

/* maxsize=2 and 5 argument objects created and dropped: the cache keeps the 2
   most recent alive (facts §6), and a hit refreshes an entry. */
START_TEST(functools_eviction)
{
    MoObject *f = MoCFunction_New("make_list", make_list, NULL);
    MoObject *w = mt_ok(MoFunctools_LruCache(f, 2));
    MoObject *refs[5];
    for (int i = 0; i < 5; i++) {
        MoObject *range = MoRange_New(0, i + 1, 1);
        MoObject *arg = MoFrozenSet_New(range);   /* distinct keys: frozenset(range(i + 1)) */
        Mo_DECREF(range);
        refs[i] = mt_ok(MoWeakref_NewRef(arg, NULL));
        Mo_DECREF(mt_ok(MoObject_CallOneArg(w, arg)));
        Mo_DECREF(arg);                    /* only the cache keeps it now */
        if (i == 1) {                      /* a hit on argument 0: it becomes the newest */
            MoObject *first = MoWeakref_GetObject(refs[0]);
            Mo_DECREF(mt_ok(MoObject_CallOneArg(w, first)));
        }
        if (i == 2) {                      /* so argument 1 was the one evicted */
            ck_assert_ptr_eq(MoWeakref_GetObject(refs[1]), Mo_None);
            ck_assert_ptr_ne(MoWeakref_GetObject(refs[0]), Mo_None);
        }
    }
    static const int alive[5] = { 0, 0, 0, 1, 1 };
    for (int i = 0; i < 5; i++)
        ck_assert_msg((MoWeakref_GetObject(refs[i]) != Mo_None) == alive[i], "argument %d", i);
    assert_info(w, 1, 5, 2, 2);
    MoLruCache_Clear(w);
    for (int i = 0; i < 5; i++) {
        ck_assert_ptr_eq(MoWeakref_GetObject(refs[i]), Mo_None);
        Mo_DECREF(refs[i]);
    }
    Mo_DECREF(w);
    Mo_DECREF(f);
}
END_TEST

/* cache_info() and cache_clear() as methods (cache_info's named tuple has its own
   tests below); errors. */
START_TEST(functools_methods_and_errors)
{
    MoObject *f = MoCFunction_New("twice", twice, NULL);
    MoObject *w = mt_ok(MoFunctools_LruCache(f, -1));
    Mo_DECREF(mt_ok(call_long(w, 21)));
    MoObject *i = mt_ok(MoObject_CallMethod(w, "cache_info", NULL));
    mt_assert_repr(i, "CacheInfo(hits=0, misses=1, maxsize=None, currsize=1)");
    Mo_DECREF(i);
    Mo_DECREF(mt_ok(MoObject_CallMethod(w, "cache_clear", NULL)));
    assert_info(w, 0, 0, -1, 0);
    char expected[96];
    snprintf(expected, sizeof expected, "<functools._lru_cache_wrapper object at %p>", (void *)w);
    mt_assert_repr(w, expected);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoFunctools_LruCache(one, 2));
    mt_assert_exc(MoExc_TypeError, "the first argument must be callable");
    Mo_ssize_t h, m, mx, c;
    ck_assert_int_eq(MoLruCache_Info(one, &h, &m, &mx, &c), -1);
    mt_assert_exc(MoExc_TypeError, NULL);
    Mo_DECREF(one);
    Mo_DECREF(w);
    Mo_DECREF(f);
}
END_TEST

/* ------------------------------------------------ cache_info(): CacheInfo */

/* new: w.cache_info() after w(1), w(2), w(1): one hit, two misses. */
static MoObject *info_after_three_calls(Mo_ssize_t maxsize)
{
    MoObject *f = MoCFunction_New("twice", twice, NULL);
    MoObject *w = mt_ok(MoFunctools_LruCache(f, maxsize));
    static const long calls[] = { 1, 2, 1 };
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
        Mo_DECREF(mt_ok(call_long(w, calls[i])));
    MoObject *ci = mt_ok(MoObject_CallMethod(w, "cache_info", NULL));
    Mo_DECREF(w);
    Mo_DECREF(f);
    return ci;
}

/* What CPython 3.11 shows: functools.CacheInfo, a named tuple of 72 bytes whose
   fields are its items, equal to (and hashed as) the plain tuple. */
START_TEST(functools_cache_info_named_tuple)
{
    static const char *const fields[] = { "hits", "misses", "maxsize", "currsize" };
    static const struct {
        Mo_ssize_t maxsize;
        const char *repr, *plain;
    } cases[] = {
        { 128, "CacheInfo(hits=1, misses=2, maxsize=128, currsize=2)", "(1, 2, 128, 2)" },
        { -1, "CacheInfo(hits=1, misses=2, maxsize=None, currsize=2)", "(1, 2, None, 2)" },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        MoObject *ci = info_after_three_calls(cases[c].maxsize);
        mt_assert_repr(ci, cases[c].repr);
        mt_assert_str(ci, cases[c].repr);
        ck_assert_str_eq(Mo_TYPE(ci)->tp_name, "CacheInfo");
        ck_assert(MoTuple_Check(ci) && !MoTuple_CheckExact(ci));
        ck_assert_int_eq(MoObject_Length(ci), 4);
        ck_assert_int_eq(MoSys_GetSizeOf(ci), 72);     /* as a 4-tuple: no __dict__ */
        ck_assert(MoGC_IsTracked(ci));
        for (int i = 0; i < 4; i++) {
            MoObject *v = mt_ok(MoObject_GetAttrString(ci, fields[i]));
            ck_assert_msg(v == MoTuple_GET_ITEM(ci, i), "info.%s is not info[%d]", fields[i], i);
            Mo_DECREF(v);
        }
        MoObject *plain = mt_ok(MoSequence_Tuple(ci));
        ck_assert(MoTuple_CheckExact(plain));
        mt_assert_repr(plain, cases[c].plain);
        ck_assert_int_eq(MoObject_RichCompareBool(ci, plain, MO_EQ), 1);
        ck_assert_int_eq(MoObject_RichCompareBool(plain, ci, MO_EQ), 1);
        ck_assert_int_eq(MoObject_Hash(ci), MoObject_Hash(plain));
        MoObject *other = mt_ok(Mo_BuildValue("(nnnn)", (Mo_ssize_t)1, (Mo_ssize_t)2, (Mo_ssize_t)128,
                                              (Mo_ssize_t)3));
        ck_assert_int_eq(MoObject_RichCompareBool(ci, other, MO_EQ), 0);
        Mo_DECREF(other);
        Mo_DECREF(plain);
        Mo_DECREF(ci);
    }
}
END_TEST

/* Stores and deletes fail as on 3.11's named tuples: a field is a read-only
   _tuplegetter, and there is no __dict__ for other names. */
START_TEST(functools_cache_info_attribute_errors)
{
    enum { GET, SET, DEL };
    static const struct {
        int op;
        const char *name, *message;
    } cases[] = {
        { GET, "foo", "'CacheInfo' object has no attribute 'foo'" },
        { SET, "foo", "'CacheInfo' object has no attribute 'foo'" },
        { DEL, "foo", "'CacheInfo' object has no attribute 'foo'" },
        { SET, "hits", "can't set attribute" },
        { DEL, "currsize", "can't delete attribute" },
    };
    MoObject *ci = info_after_three_calls(2);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        if (cases[c].op == GET)
            ck_assert_ptr_null(MoObject_GetAttrString(ci, cases[c].name));
        else
            ck_assert_int_eq(MoObject_SetAttrString(ci, cases[c].name, cases[c].op == SET ? Mo_None : NULL), -1);
        mt_assert_exc(MoExc_AttributeError, cases[c].message);
    }
    mt_assert_repr(ci, "CacheInfo(hits=1, misses=2, maxsize=2, currsize=2)");   /* unchanged */
    /* type(info) names the module the class was written in, as the type of a
       class written in Python does */
    mt_assert_repr((MoObject *)Mo_TYPE(ci), "<class 'functools.CacheInfo'>");
    Mo_DECREF(ci);
}
END_TEST

/* new: (1, 2, ..., npos) */
static MoObject *numbered_args(Mo_ssize_t npos)
{
    MoObject *args = MoTuple_New(npos);
    for (Mo_ssize_t i = 0; i < npos; i++)
        MoTuple_SET_ITEM(args, i, MoLong_FromSsize_t(i + 1));
    return args;
}

/* Calling the type binds arguments as namedtuple's generated __new__ does. */
START_TEST(functools_cache_info_new)
{
    static const struct {
        Mo_ssize_t npos;             /* positional arguments 1, 2, ... */
        const char *keywords[5];     /* each = 9 */
        const char *result;          /* the repr, or the TypeError's message */
    } cases[] = {
        { 4, { NULL }, "CacheInfo(hits=1, misses=2, maxsize=3, currsize=4)" },
        { 0, { "hits", "misses", "maxsize", "currsize", NULL }, "CacheInfo(hits=9, misses=9, maxsize=9, currsize=9)" },
        { 2, { "currsize", NULL }, "CacheInfo.__new__() missing 1 required positional argument: 'maxsize'" },
        { 3, { NULL }, "CacheInfo.__new__() missing 1 required positional argument: 'currsize'" },
        { 2, { NULL }, "CacheInfo.__new__() missing 2 required positional arguments: 'maxsize' and 'currsize'" },
        { 1, { NULL }, "CacheInfo.__new__() missing 3 required positional arguments: 'misses', 'maxsize', and 'currsize'" },
        { 5, { NULL }, "CacheInfo.__new__() takes 5 positional arguments but 6 were given" },
        { 4, { "x", NULL }, "CacheInfo.__new__() got an unexpected keyword argument 'x'" },
        { 5, { "x", NULL }, "CacheInfo.__new__() got an unexpected keyword argument 'x'" },
        { 1, { "hits", NULL }, "CacheInfo.__new__() got multiple values for argument 'hits'" },
    };
    MoObject *ci = info_after_three_calls(2);
    MoObject *type = (MoObject *)Mo_TYPE(ci);
    MoObject *nine = MoLong_FromLong(9);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        MoObject *args = numbered_args(cases[c].npos), *kwargs = MoDict_New();
        for (const char *const *k = cases[c].keywords; *k != NULL; k++)
            MoDict_SetItemString(kwargs, *k, nine);
        MoObject *r = MoObject_Call(type, args, kwargs);
        if (strncmp(cases[c].result, "CacheInfo(", 10) == 0) {
            mt_assert_repr(mt_ok(r), cases[c].result);
            ck_assert_ptr_eq(Mo_TYPE(r), Mo_TYPE(ci));
            Mo_DECREF(r);
        } else {
            ck_assert_ptr_null(r);
            mt_assert_exc(MoExc_TypeError, cases[c].result);
        }
        Mo_DECREF(args);
        Mo_DECREF(kwargs);
    }
    Mo_DECREF(nine);
    Mo_DECREF(ci);
}
END_TEST

/* The class namespace namedtuple writes, _asdict(), and the field descriptors. */
START_TEST(functools_cache_info_namespace)
{
    static const struct {
        const char *name, *repr;
    } class_attrs[] = {
        { "_fields", "('hits', 'misses', 'maxsize', 'currsize')" },
        { "__match_args__", "('hits', 'misses', 'maxsize', 'currsize')" },
        { "__slots__", "()" },
        { "__module__", "'functools'" },
        { "hits", "_tuplegetter(0, 'Alias for field number 0')" },
        { "currsize", "_tuplegetter(3, 'Alias for field number 3')" },
    };
    MoObject *ci = info_after_three_calls(-1);
    MoObject *type = (MoObject *)Mo_TYPE(ci);
    for (size_t c = 0; c < sizeof class_attrs / sizeof class_attrs[0]; c++) {
        MoObject *v = mt_ok(MoObject_GetAttrString(type, class_attrs[c].name));
        mt_assert_repr(v, class_attrs[c].repr);
        Mo_DECREF(v);
    }
    MoObject *d = mt_ok(MoObject_CallMethod(ci, "_asdict", NULL));
    mt_assert_repr(d, "{'hits': 1, 'misses': 2, 'maxsize': None, 'currsize': 2}");
    Mo_DECREF(d);
    /* A field descriptor: 48 bytes; it reads any tuple, and refuses anything else. */
    MoObject *hits = mt_ok(MoObject_GetAttrString(type, "hits"));
    ck_assert_int_eq(MoSys_GetSizeOf(hits), 48);
    descrgetfunc get = Mo_TYPE(hits)->tp_descr_get;
    MoObject *pair = MoTuple_Pack(2, Mo_None, ci);
    ck_assert_ptr_eq(mt_ok(get(hits, pair, NULL)), Mo_None);
    Mo_DECREF(Mo_None);
    ck_assert_ptr_eq(mt_ok(get(hits, Mo_None, type)), hits);   /* as on the class */
    Mo_DECREF(hits);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(get(hits, one, NULL));
    mt_assert_exc(MoExc_TypeError, "descriptor for index '0' for tuple subclasses doesn't apply to 'int' object");
    MoObject *empty = MoTuple_New(0);
    ck_assert_ptr_null(get(hits, empty, NULL));
    mt_assert_exc(MoExc_IndexError, "tuple index out of range");
    Mo_DECREF(empty);
    Mo_DECREF(one);
    Mo_DECREF(pair);
    Mo_DECREF(hits);
    Mo_DECREF(ci);
}
END_TEST

/* Out of memory at each allocation in turn: cache_info() fails with
   MemoryError and leaks nothing (the fixture counts survivors), until the
   budget is enough. */
START_TEST(functools_cache_info_out_of_memory)
{
    MoObject *f = MoCFunction_New("twice", twice, NULL);
    MoObject *w = mt_ok(MoFunctools_LruCache(f, 1000));     /* 1000 is not a cached small int */
    MoObject *ci;
    long budget = 0;
    for (;; budget++) {
        mt_oom_start(budget);
        ci = MoObject_CallMethod(w, "cache_info", NULL);
        mt_oom_stop();
        if (ci != NULL)
            break;
        mt_assert_exc(MoExc_MemoryError, NULL);
    }
    ck_assert_int_gt(budget, 1);      /* the named tuple and maxsize's int both failed once */
    mt_assert_repr(ci, "CacheInfo(hits=0, misses=0, maxsize=1000, currsize=0)");
    Mo_DECREF(ci);
    Mo_DECREF(w);
    Mo_DECREF(f);
}
END_TEST

/* ---------------------------------------------------- the method-cache leak */

/* calculate(self, x) -> x * 2 */
static MoObject *calculate(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *x = MoTuple_GET_ITEM(args, 1);
    return MoNumber_Add(x, x);
}

/* new: a class whose "calculate" is lru_cache(maxsize)(calculate); *wrapper borrowed. */
static MoObject *calculator_class(Mo_ssize_t maxsize, MoObject **wrapper)
{
    MoObject *cls = mt_ok(MoClass_New("Calculator", NULL));
    MoObject *f = MoCFunction_New("calculate", calculate, NULL);
    *wrapper = mt_ok(MoFunctools_LruCache(f, maxsize));
    ck_assert_int_eq(MoObject_SetAttrString(cls, "calculate", *wrapper), 0);
    Mo_DECREF(*wrapper);
    Mo_DECREF(f);
    return cls;
}

/* Looked up on the class the wrapper is itself; on an instance it binds, and the
   instance becomes part of the key: the cache keeps it alive (facts §6). */
START_TEST(functools_method_binding)
{
    MoObject *w;
    MoObject *cls = calculator_class(-1, &w);
    MoObject *same = mt_ok(MoObject_GetAttrString(cls, "calculate"));
    ck_assert_ptr_eq(same, w);
    Mo_DECREF(same);
    MoObject *c = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *bound = mt_ok(MoObject_GetAttrString(c, "calculate"));
    ck_assert(MoMethod_Check(bound));
    ck_assert_ptr_eq(MoMethod_GET_FUNCTION(bound), w);
    ck_assert_ptr_eq(MoMethod_GET_SELF(bound), c);
    Mo_DECREF(bound);
    ck_assert_int_eq(Mo_REFCNT(c), 1);
    MoObject *r = mt_ok(MoObject_CallMethod(c, "calculate", "i", 21));
    ck_assert_int_eq(MoLong_AsLong(r), 42);
    Mo_DECREF(r);
    ck_assert_int_eq(MoSys_GetRefCount(c), 2);       /* c + the key (c, 21): facts §6 */
    assert_info(w, 0, 1, -1, 1);
    r = mt_ok(MoObject_CallMethod(c, "calculate", "i", 21));
    Mo_DECREF(r);
    assert_info(w, 1, 1, -1, 1);
    MoObject *probe = mt_ok(MoWeakref_NewRef(c, NULL));
    Mo_DECREF(c);
    ck_assert_ptr_ne(MoWeakref_GetObject(probe), Mo_None);     /* kept by the cache */
    ck_assert_int_eq(MoGC_Collect(), 0);                        /* not a cycle */
    MoObject *referrers = mt_ok(MoGC_GetReferrers(MoWeakref_GetObject(probe)));
    ck_assert_int_eq(MoList_Size(referrers), 1);
    ck_assert(MoTuple_CheckExact(MoList_GetItem(referrers, 0)));
    Mo_DECREF(referrers);
    MoLruCache_Clear(w);
    ck_assert_ptr_eq(MoWeakref_GetObject(probe), Mo_None);
    Mo_DECREF(probe);
    Mo_DECREF(cls);
}
END_TEST

/* maxsize=2, 5 instances created and dropped: 2 stay alive (facts §6). */
START_TEST(functools_method_eviction)
{
    MoObject *w;
    MoObject *cls = calculator_class(2, &w);
    MoObject *probes[5];
    for (int i = 0; i < 5; i++) {
        MoObject *c = mt_ok(MoObject_CallNoArgs(cls));
        Mo_DECREF(mt_ok(MoObject_CallMethod(c, "calculate", "i", 1)));
        probes[i] = mt_ok(MoWeakref_NewRef(c, NULL));
        Mo_DECREF(c);
    }
    int alive = 0;
    for (int i = 0; i < 5; i++)
        alive += MoWeakref_GetObject(probes[i]) != Mo_None;
    ck_assert_int_eq(alive, 2);
    ck_assert_ptr_ne(MoWeakref_GetObject(probes[4]), Mo_None);   /* the newest two */
    ck_assert_ptr_ne(MoWeakref_GetObject(probes[3]), Mo_None);
    assert_info(w, 0, 5, 2, 2);
    MoLruCache_Clear(w);
    for (int i = 0; i < 5; i++) {
        ck_assert_ptr_eq(MoWeakref_GetObject(probes[i]), Mo_None);
        Mo_DECREF(probes[i]);
    }
    Mo_DECREF(cls);
}
END_TEST

/* The cache in a cycle: the collector sees the references it holds (tp_traverse)
   and frees the lot. An instance caching itself: c.m(c) with c.cache = wrapper. */
START_TEST(functools_collectable)
{
    MoObject *w;
    MoObject *cls = calculator_class(3, &w);
    MoObject *c = mt_ok(MoObject_CallNoArgs(cls));
    Mo_INCREF(w);
    ck_assert_int_eq(MoObject_SetAttrString(c, "cache", w), 0);
    ck_assert_int_eq(MoObject_DelAttrString(cls, "calculate"), 0);
    Mo_DECREF(w);
    MoObject *one = MoLong_FromLong(1);
    MoObject *args = MoTuple_Pack(2, c, one);
    Mo_DECREF(mt_ok(MoObject_Call(w, args, NULL)));    /* key (c, 1): c -> w -> key -> c */
    Mo_DECREF(args);
    Mo_DECREF(one);
    MoObject *probe = mt_ok(MoWeakref_NewRef(c, NULL));
    Mo_DECREF(c);
    ck_assert_ptr_ne(MoWeakref_GetObject(probe), Mo_None);
    ck_assert_int_gt(MoGC_Collect(), 0);
    ck_assert_ptr_eq(MoWeakref_GetObject(probe), Mo_None);
    Mo_DECREF(probe);
    Mo_DECREF(cls);
}
END_TEST

Suite *functools_suite(void)
{
    Suite *s = suite_create("functools");
    struct { const char *name; const TTest *test; } cases[] = {
        {"info_counts", functools_info_counts},
        {"keys", functools_keys},
        {"eviction", functools_eviction},
        {"methods_and_errors", functools_methods_and_errors},
        {"cache_info_named_tuple", functools_cache_info_named_tuple},
        {"cache_info_attribute_errors", functools_cache_info_attribute_errors},
        {"cache_info_new", functools_cache_info_new},
        {"cache_info_namespace", functools_cache_info_namespace},
        {"cache_info_out_of_memory", functools_cache_info_out_of_memory},
        {"method_binding", functools_method_binding},
        {"method_eviction", functools_method_eviction},
        {"collectable", functools_collectable},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = mt_tcase(cases[i].name);
        tcase_add_test(tc, cases[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
