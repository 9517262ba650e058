/* lru_leak: functools.lru_cache on a method keeps every instance alive (facts §6,
 * bpo-19859); lru_leak.py prints the same lines under CPython 3.11.
 *
 * The class's "methods" (__init__, calculate, __del__) are built-in functions set
 * on the class, which binds them as Python binds functions; `calculate` is wrapped
 * in MoFunctools_LruCache, which binds like a method too, so the instance becomes
 * the first item of every cache key. Reference counts: MoSys_GetRefCount(c) here,
 * sys.getrefcount(c) - 1 in the twin (Python's count includes the call's argument).
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

static void print_info(const char *label, MoObject *w)
{
    Mo_ssize_t hits, misses, maxsize, currsize;
    MoLruCache_Info(w, &hits, &misses, &maxsize, &currsize);
    char max[32];
    if (maxsize < 0)
        snprintf(max, sizeof max, "None");
    else
        snprintf(max, sizeof max, "%zd", maxsize);
    printf("%sCacheInfo(hits=%zd, misses=%zd, maxsize=%s, currsize=%zd)\n", label, hits, misses, max, currsize);
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

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *Calculator = make_class("Calculator", -1);
    one_instance(Calculator);
    three_instances(Calculator);
    bounded();
    if (MoErr_Occurred())
        MoErr_Print();
    Mo_DECREF(Calculator);
    MoGC_Collect();
    return Mo_Finalize() == 0 ? 0 : 1;
}
