/* Three ways to cache a method's results, 1000 instances each, measured by the
 * tracer: what stays allocated, and how many instances stay alive, once the program
 * has dropped them all; then after a collection. The C twin of 05-lru-fixes.py.
 * The twin's three subclasses of Base are three classes here, each given Base's
 * __init__ and __del__ (the C function for __init__ also installs the per-instance
 * cache when the class is PerInstance).
 */
/* differs "  traced memory held": the objects are not the same ones: CPython's
   lru_cache wrapper carries a __dict__ and a cache_parameters closure, its list
   comprehension and calls allocate frames, and the tracer counts those too */
/* differs "  gc.collect() -> ": each PerInstance cycle is 3 objects here (instance,
   bound method, wrapper) and 8 in CPython, whose lru_cache also makes per wrapper
   a __dict__ (update_wrapper), a cache_parameters lambda, its closure tuple and
   two cells */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static long alive;        /* instances alive, kept by __init__ and __del__ */
static MoObject *results; /* WeakKeyed's cache: WeakKeyDictionary */

/* self.num ** power */
static MoObject *power_of(MoObject *self, MoObject *power)
{
    MoObject *num = MoObject_GetAttrString(self, "num");
    MoObject *res = num != NULL ? MoNumber_Power(num, power) : NULL;
    Mo_XDECREF(num);
    return res;
}

/* calculate(self, power) / _calculate(self, power) */
static MoObject *calculate(MoObject *unused, MoObject *args)
{
    (void)unused;
    return power_of(MoTuple_GET_ITEM(args, 0), MoTuple_GET_ITEM(args, 1));
}

/* region weak_keyed */
/* WeakKeyed.calculate(self, power): results[self] is a dict {power: result}. */
static MoObject *weak_keyed_calculate(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0), *power = MoTuple_GET_ITEM(args, 1);
    MoObject *fresh = MoDict_New();
    MoObject *per_instance =
        MoObject_CallMethod(results, "setdefault", "OO", self, fresh);
    Mo_DECREF(fresh);
    if (per_instance == NULL)
        return NULL;
    MoObject *res = MoDict_GetItemWithError(per_instance, power);
    if (res == NULL && (res = power_of(self, power)) != NULL) {
        if (MoDict_SetItem(per_instance, power, res) < 0)
            Mo_CLEAR(res);
    } else {
        Mo_XINCREF(res);
    }
    Mo_DECREF(per_instance);
    return res;
}
/* endregion weak_keyed */

/* region per_instance */
/* __init__(self, num): alive += 1; self.num = num; and for PerInstance,
   self.calculate = lru_cache(maxsize=None)(self._calculate). */
static MoObject *base_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    alive++;
    if (MoObject_SetAttrString(self, "num", MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    if (strcmp(Mo_TYPE(self)->tp_name, "PerInstance") == 0) {
        MoObject *bound = MoObject_GetAttrString(self, "_calculate");
        MoObject *cached = bound != NULL ? MoFunctools_LruCache(bound, -1) : NULL;
        int err =
            cached != NULL ? MoObject_SetAttrString(self, "calculate", cached) : -1;
        Mo_XDECREF(cached);
        Mo_XDECREF(bound);
        if (err < 0)
            return NULL;
    }
    Mo_RETURN_NONE;
}
/* endregion per_instance */

/* __del__(self): alive -= 1 */
static MoObject *base_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    alive--;
    Mo_RETURN_NONE;
}

/* new: a class with Base's __init__ and __del__, and `method` stored as `name`. */
static MoObject *make_class(const char *clsname, const char *name, MoObject *method)
{
    MoObject *cls = MoClass_New(clsname, NULL);
    MoObject *init = MoCFunction_New("__init__", base_init, NULL);
    MoObject *del = MoCFunction_New("__del__", base_del, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    MoObject_SetAttrString(cls, "__del__", del);
    MoObject_SetAttrString(cls, name, method);
    Mo_DECREF(init);
    Mo_DECREF(del);
    Mo_DECREF(method);
    return cls;
}

static size_t traced_now(void)
{
    size_t current, peak;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    return current;
}

/* region run */
/* objs = [cls(n) for n in range(1000)]; o.calculate(3) for each; del objs */
static void run(MoObject *cls)
{
    MoGC_Collect();
    size_t before = traced_now();
    MoObject *objs = MoList_New(0);
    for (long n = 0; n < 1000; n++) {
        MoObject *o = MoObject_CallFunction(cls, "l", n);
        MoList_Append(objs, o);
        Mo_DECREF(o);
    }
    for (long n = 0; n < 1000; n++)
        Mo_XDECREF(
            MoObject_CallMethod(MoList_GET_ITEM(objs, n), "calculate", "i", 3));
    Mo_DECREF(objs);
    size_t held = traced_now() - before;
    const char *name = ((MoTypeObject *)cls)->tp_name;
    printf("%s: alive %ld\n", name, alive);
    printf("  traced memory held by %s: %zu KiB\n", name, held / 1024);
    Mo_ssize_t n = MoGC_Collect();
    printf("  gc.collect() -> %zd; alive %ld (%s)\n", n, alive, name);
}
/* endregion run */

int main(void)
{
    Mo_Initialize();
    MoObject *fn = MoCFunction_New("calculate", calculate, NULL);
    MoObject *OnMethod =
        make_class("OnMethod", "calculate", MoFunctools_LruCache(fn, -1));
    MoObject *PerInstance = make_class("PerInstance", "_calculate", Mo_NewRef(fn));
    MoObject *WeakKeyed =
        make_class("WeakKeyed", "calculate",
                   MoCFunction_New("calculate", weak_keyed_calculate, NULL));
    results = MoWeakKeyDict_New();
    MoGC_Disable();
    MoTraceMalloc_Start(1);
    run(OnMethod);
    MoObject *cached = MoObject_GetAttrString(OnMethod, "calculate");
    MoLruCache_Clear(cached);
    Mo_DECREF(cached);
    printf("  after cache_clear(): alive %ld\n", alive);
    run(PerInstance);
    run(WeakKeyed);
    MoTraceMalloc_Stop();
    Mo_DECREF(results);
    Mo_DECREF(fn);
    Mo_DECREF(OnMethod);
    Mo_DECREF(PerInstance);
    Mo_DECREF(WeakKeyed);
    return Mo_Finalize() == 0 ? 0 : 1;
}
