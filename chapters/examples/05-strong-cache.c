/* A cache of strong references keeps its objects alive: dropping the names frees
 * nothing, and neither does a collection. Only emptying the cache does. The C twin
 * of 05-strong-cache.py. The class C is made at run time, as a class statement
 * makes it: its __init__ and __del__ are C functions stored on the class.
 */
#include <stdio.h>
#include "mo.h"

/* ------------------------------------------------------------ the class C */

/* __init__(self, x): self.x = x */
static MoObject *c_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "x",
                               MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* __del__(self): print(f"Deleting object: {self}") */
static MoObject *c_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("Deleting object: ");
    Mo_Print(MoTuple_GET_ITEM(args, 0));
    Mo_RETURN_NONE;
}

/* new: class C with __init__ and __del__. */
static MoObject *make_class(void)
{
    MoObject *cls = MoClass_New("C", NULL);
    MoObject *init = MoCFunction_New("__init__", c_init, NULL);
    MoObject *del = MoCFunction_New("__del__", c_del, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(init);
    Mo_DECREF(del);
    return cls;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = make_class();
    MoObject *cache = MoSet_New(NULL); /* cache = set() */
    MoObject *c1 = MoObject_CallFunction(C, "i", 10);
    MoObject *c2 = MoObject_CallFunction(C, "i", 11);
    Mo_Print(c1);
    Mo_Print(c2);
    MoSet_Add(cache, c1);              /* the set takes its own */
    MoSet_Add(cache, c2);              /* reference to each */
    Mo_SETREF(c1, Mo_NewRef(Mo_None)); /* c1 = None */
    Mo_SETREF(c2, Mo_NewRef(Mo_None)); /* c2 = None */
    printf("after c1 = c2 = None, len(cache) -> %zd\n", MoSet_Size(cache));
    printf("gc.collect() -> %zd\n", MoGC_Collect());
    long xs[2], n = 0; /* sorted(c.x for c in cache) */
    MoObject *it = MoObject_GetIter(cache), *c;
    while ((c = MoIter_Next(it)) != NULL) {
        MoObject *x = MoObject_GetAttrString(c, "x");
        xs[n++] = MoLong_AsLong(x);
        Mo_DECREF(x);
        Mo_DECREF(c);
    }
    Mo_DECREF(it);
    printf("still cached: x = [%ld, %ld]\n", xs[0] < xs[1] ? xs[0] : xs[1],
           xs[0] < xs[1] ? xs[1] : xs[0]);
    printf("cache.clear():\n");
    MoSet_Clear(cache); /* the last references go */
    printf("len(cache) -> %zd\n", MoSet_Size(cache));
    Mo_DECREF(c1);
    Mo_DECREF(c2);
    Mo_DECREF(cache);
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
