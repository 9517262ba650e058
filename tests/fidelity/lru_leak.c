/* lru_leak: functools.lru_cache on a method keeps every instance alive (facts §6,
 * bpo-19859); lru_leak.py prints the same lines under CPython 3.11.
 *
 * The class's "methods" (__init__, calculate, __del__) are built-in functions set
 * on the class, which binds them as Python binds functions; `calculate` is wrapped
 * in MoFunctools_LruCache, which binds like a method too, so the instance becomes
 * the first item of every cache key. Reference counts: MoSys_GetRefCount(c) here,
 * sys.getrefcount(c) - 1 in the twin (Python's count includes the call's argument).
 * The last section prints cache_info() itself: a functools.CacheInfo named tuple.
 */
#include <stdio.h>
#include "mo.h"

/* ------------------------------------------------------------ the "methods" */

/* __init__(self, name): self.name = name */
static MoObject *init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "name", MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* calculate(self, x): return x * 2 */
static MoObject *calculate(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *x = MoTuple_GET_ITEM(args, 1);
    return MoNumber_Add(x, x);
}

/* __del__(self): print(f"  {type name} {self.name} __del__"); bound to the type's name. */
static MoObject *del(MoObject *clsname, MoObject *args)
{
    MoObject *name = MoObject_GetAttrString(MoTuple_GET_ITEM(args, 0), "name");
    if (name == NULL)
        return NULL;
    printf("  %s %s __del__\n", MoUnicode_AsUTF8(clsname), MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

/* new: class name: __init__, calculate = lru_cache(maxsize)(calculate), __del__. */
static MoObject *make_class(const char *name, Mo_ssize_t maxsize)
{
    MoObject *cls = MoClass_New(name, NULL);
    MoObject *clsname = MoUnicode_FromString(name);
    MoObject *f_init = MoCFunction_New("__init__", init, NULL);
    MoObject *f_calc = MoCFunction_New("calculate", calculate, NULL);
    MoObject *cached = MoFunctools_LruCache(f_calc, maxsize);
    MoObject *f_del = MoCFunction_New("__del__", del, clsname);
    MoObject_SetAttrString(cls, "__init__", f_init);
    MoObject_SetAttrString(cls, "calculate", cached);
    MoObject_SetAttrString(cls, "__del__", f_del);
    Mo_DECREF(f_init);
    Mo_DECREF(f_calc);
    Mo_DECREF(cached);
    Mo_DECREF(f_del);
    Mo_DECREF(clsname);
    return cls;
}

/* new: cls(name) */
static MoObject *make(MoObject *cls, const char *name)
{
    return MoObject_CallFunction(cls, "s", name);
}

/* o.calculate(x) as a C long. */
static long call_calculate(MoObject *o, long x)
{
    MoObject *r = MoObject_CallMethod(o, "calculate", "l", x);
    long v = r != NULL ? MoLong_AsLong(r) : -1;
    Mo_XDECREF(r);
    return v;
}

/* borrowed: cls.calculate (the wrapper itself: looked up on the class it does not bind). */
static MoObject *cached_of(MoObject *cls)
{
    MoObject *w = MoObject_GetAttrString(cls, "calculate");
    Mo_DECREF(w);   /* the class keeps it */
    return w;
}

/* print(label, w.cache_info()): the named tuple CacheInfo prints itself. */
static void print_info(const char *label, MoObject *w)
{
    MoObject *info = MoObject_CallMethod(w, "cache_info", NULL);
    printf("%s", label);
    if (info != NULL)
        Mo_Print(info);
    Mo_XDECREF(info);
}

static const char *tf(int v) { return v ? "True" : "False"; }

static int alive(MoObject **probes, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += MoWeakref_GetObject(probes[i]) != Mo_None;
    return k;
}

/* ---------------------------------------------------------------- the story */

static void one_instance(MoObject *Calculator)
{
    printf("-- one instance\n");
    MoObject *c = make(Calculator, "c1");
    printf("c.calculate(21) -> %ld\n", call_calculate(c, 21));
    print_info("Calculator.calculate.cache_info() -> ", cached_of(Calculator));
    printf("getrefcount(c) - 1 -> %zd (the name c + the cache key (c, 21))\n", MoSys_GetRefCount(c));
    MoObject *probe = MoWeakref_NewRef(c, NULL);
    Mo_DECREF(c);
    printf("after del c: probe() alive -> %s\n", tf(MoWeakref_GetObject(probe) != Mo_None));
    Mo_ssize_t n = MoGC_Collect();
    printf("gc.collect() -> %zd ; probe() alive -> %s\n", n, tf(MoWeakref_GetObject(probe) != Mo_None));
    MoObject *referrers = MoGC_GetReferrers(MoWeakref_GetObject(probe));
    printf("referrers of the instance: [");
    for (Mo_ssize_t i = 0; i < MoList_Size(referrers); i++)
        printf("%s'%s'", i ? ", " : "", Mo_TYPE(MoList_GetItem(referrers, i))->tp_name);
    printf("]\n");
    Mo_DECREF(referrers);
    printf("Calculator.calculate.cache_clear():\n");
    MoLruCache_Clear(cached_of(Calculator));
    printf("after cache_clear: probe() alive -> %s\n", tf(MoWeakref_GetObject(probe) != Mo_None));
    Mo_DECREF(probe);
}

static void three_instances(MoObject *Calculator)
{
    printf("-- 3 instances x 2 args\n");
    MoObject *probes[3];
    for (int i = 0; i < 3; i++) {
        char name[8];
        snprintf(name, sizeof name, "m%d", i);
        MoObject *c = make(Calculator, name);
        call_calculate(c, 1);
        call_calculate(c, 2);
        probes[i] = MoWeakref_NewRef(c, NULL);
        Mo_DECREF(c);
    }
    printf("alive = %d ; ", alive(probes, 3));
    print_info("", cached_of(Calculator));
    printf("cache_clear():\n");
    MoLruCache_Clear(cached_of(Calculator));
    printf("after cache_clear: alive = %d\n", alive(probes, 3));
    for (int i = 0; i < 3; i++)
        Mo_DECREF(probes[i]);
}

static void bounded(void)
{
    MoObject *Bounded = make_class("Bounded", 2);
    printf("-- maxsize=2, 5 instances created and dropped\n");
    MoObject *probes[5];
    for (int i = 0; i < 5; i++) {
        char name[8];
        snprintf(name, sizeof name, "b%d", i);
        MoObject *b = make(Bounded, name);
        long v = call_calculate(b, 1);
        printf("b%d.calculate(1) -> %ld\n", i, v);
        probes[i] = MoWeakref_NewRef(b, NULL);
        Mo_DECREF(b);
    }
    printf("alive = %d ; ", alive(probes, 5));
    print_info("", cached_of(Bounded));
    printf("cache_clear():\n");
    MoLruCache_Clear(cached_of(Bounded));
    printf("after cache_clear: alive = %d\n", alive(probes, 5));
    for (int i = 0; i < 5; i++)
        Mo_DECREF(probes[i]);
    Mo_DECREF(Bounded);
}

/* square(x): x * x */
static MoObject *square(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *x = MoTuple_GET_ITEM(args, 0);
    return MoNumber_Multiply(x, x);
}

/* print(label, o) for a new reference o (NULL: an error, printed). */
static void print_new(const char *label, MoObject *o)
{
    printf("%s", label);
    if (o == NULL) {
        printf("\n");
        MoErr_Print();
        return;
    }
    Mo_Print(o);
    Mo_DECREF(o);
}

/* The statement's AttributeError, as the twin prints it. */
static void print_attribute_error(const char *stmt, int failed)
{
    MoObject *exc = failed ? MoErr_GetRaisedException() : NULL;
    MoObject *msg = exc != NULL ? MoObject_Str(exc) : NULL;
    printf("%s -> AttributeError: %s\n", stmt, msg != NULL ? MoUnicode_AsUTF8(msg) : "(none)");
    Mo_XDECREF(msg);
    Mo_XDECREF(exc);
}

/* print("ci.hits, ... ->", ci.hits, ...): each field read as an attribute. */
static void print_fields(MoObject *ci)
{
    static const char *const fields[] = { "hits", "misses", "maxsize", "currsize" };
    printf("ci.hits, ci.misses, ci.maxsize, ci.currsize ->");
    for (int i = 0; i < 4; i++) {
        MoObject *v = MoObject_GetAttrString(ci, fields[i]);
        MoObject *str = v != NULL ? MoObject_Str(v) : NULL;
        printf(" %s", str != NULL ? MoUnicode_AsUTF8(str) : "(error)");
        Mo_XDECREF(str);
        Mo_XDECREF(v);
    }
    printf("\n");
}

/* What cache_info() returns: functools.CacheInfo, a named tuple. */
static void cache_info_named_tuple(void)
{
    printf("-- cache_info() is a named tuple\n");
    MoObject *f = MoCFunction_New("square", square, NULL);
    MoObject *sq = MoFunctools_LruCache(f, 128);
    static const long calls[] = { 1, 2, 1 };
    for (int i = 0; i < 3; i++)
        Mo_XDECREF(MoObject_CallFunction(sq, "l", calls[i]));
    MoObject *ci = MoObject_CallMethod(sq, "cache_info", NULL);
    Mo_Print(ci);
    print_new("repr: ", MoObject_Repr(ci));
    printf("type: %s ; a tuple: %s ; len: %zd ; getsizeof: %zd\n", Mo_TYPE(ci)->tp_name,
           tf(MoObject_TypeCheck(ci, &MoTuple_Type)), MoObject_Length(ci), MoSys_GetSizeOf(ci));
    print_fields(ci);
    print_new("ci[0] -> ", MoSequence_GetItem(ci, 0));
    print_new("ci[-1] -> ", MoSequence_GetItem(ci, -1));
    MoObject *plain = Mo_BuildValue("(iiii)", 1, 2, 128, 2);
    printf("ci == (1, 2, 128, 2) -> %s\n", tf(MoObject_RichCompareBool(ci, plain, MO_EQ) == 1));
    printf("hash(ci) == hash((1, 2, 128, 2)) -> %s\n", tf(MoObject_Hash(ci) == MoObject_Hash(plain)));
    Mo_DECREF(plain);
    print_new("tuple(ci) -> ", MoSequence_Tuple(ci));
    print_new("ci._asdict() -> ", MoObject_CallMethod(ci, "_asdict", NULL));
    print_attribute_error("ci.foo", MoObject_GetAttrString(ci, "foo") == NULL);
    print_attribute_error("ci.hits = 0", MoObject_SetAttrString(ci, "hits", Mo_None) < 0);
    Mo_DECREF(ci);
    MoObject *unbounded = MoFunctools_LruCache(f, -1);
    Mo_XDECREF(MoObject_CallFunction(unbounded, "i", 3));
    print_info("", unbounded);
    ci = MoObject_CallMethod(unbounded, "cache_info", NULL);
    MoObject *maxsize = MoObject_GetAttrString(ci, "maxsize");
    printf("maxsize is None -> %s\n", tf(maxsize == Mo_None));
    Mo_XDECREF(maxsize);
    Mo_DECREF(ci);
    Mo_DECREF(unbounded);
    Mo_DECREF(sq);
    Mo_DECREF(f);
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *Calculator = make_class("Calculator", -1);
    one_instance(Calculator);
    three_instances(Calculator);
    bounded();
    cache_info_named_tuple();
    if (MoErr_Occurred())
        MoErr_Print();
    Mo_DECREF(Calculator);
    MoGC_Collect();
    return Mo_Finalize() == 0 ? 0 : 1;
}
