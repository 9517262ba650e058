/* functools.lru_cache on a method: the cache's keys hold self, so dropping the last
 * name frees nothing, and the collector finds nothing to collect (it is not a
 * cycle). cache_clear() releases the keys, and the instance dies inside it. The C
 * twin of 05-lru.py: calculate is a C function wrapped by MoFunctools_LruCache and
 * stored on the class, where it binds like a method, so self is in every key.
 */
#include <stdio.h>
#include "mo.h"

/* __init__(self, num): self.num = num */
static MoObject *calc_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "num",
                               MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* calculate(self, power): the heavy work, self.num ** power */
static MoObject *calc_calculate(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("doing heavy work...\n");
    MoObject *num = MoObject_GetAttrString(MoTuple_GET_ITEM(args, 0), "num");
    MoObject *res =
        num != NULL ? MoNumber_Power(num, MoTuple_GET_ITEM(args, 1)) : NULL;
    Mo_XDECREF(num);
    return res;
}

/* __del__(self): print(f"Deleting object: {self}") */
static MoObject *calc_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("Deleting object: ");
    Mo_Print(MoTuple_GET_ITEM(args, 0));
    Mo_RETURN_NONE;
}

/* region make_class */
/* new: class Calculator, its calculate wrapped in lru_cache(maxsize=20). */
static MoObject *make_class(void)
{
    MoObject *cls = MoClass_New("Calculator", NULL);
    MoObject *init = MoCFunction_New("__init__", calc_init, NULL);
    MoObject *calc = MoCFunction_New("calculate", calc_calculate, NULL);
    MoObject *cached = MoFunctools_LruCache(calc, 20); /* @lru_cache(maxsize=20) */
    MoObject *del = MoCFunction_New("__del__", calc_del, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    MoObject_SetAttrString(cls, "calculate", cached);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(init);
    Mo_DECREF(calc);
    Mo_DECREF(cached);
    Mo_DECREF(del);
    return cls;
}
/* endregion make_class */

/* print(Calculator.calculate.cache_info()) */
static void print_info(MoObject *cached)
{
    MoObject *info = MoObject_CallMethod(cached, "cache_info", NULL);
    Mo_Print(info);
    Mo_DECREF(info);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *Calculator = make_class();
    MoObject *cached = MoObject_GetAttrString(Calculator, "calculate");
    MoObject *c = MoObject_CallFunction(Calculator, "i", 20);
    for (int i = 0; i < 4; i++) {
        MoObject *r = MoObject_CallMethod(c, "calculate", "i", 3);
        Mo_Print(r);
        Mo_DECREF(r);
    }
    printf("c = None:\n");
    Mo_SETREF(c, Mo_NewRef(Mo_None));
    print_info(cached);
    printf("gc.collect() -> %zd\n", MoGC_Collect());
    printf("Calculator.calculate.cache_clear():\n");
    MoLruCache_Clear(cached);
    print_info(cached);
    Mo_DECREF(c);
    Mo_DECREF(cached);
    Mo_DECREF(Calculator);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
