/* The same cache holding weak references: the objects die with their names, and
 * the set keeps dead references, which answer None. The C twin of 05-weak-cache.py;
 * the class C is 05-strong-cache's.
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

/* x of the object a reference points to (it must be alive). */
static long x_of(MoObject *ref)
{
    MoObject *x = MoObject_GetAttrString(MoWeakref_GetObject(ref), "x");
    long v = MoLong_AsLong(x);
    Mo_DECREF(x);
    return v;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = make_class();
    MoObject *c1 = MoObject_CallFunction(C, "i", 10);
    MoObject *c2 = MoObject_CallFunction(C, "i", 11);
    MoObject *cache = MoSet_New(NULL);
    MoObject *r1 = MoWeakref_NewRef(c1, NULL); /* cache.add(weakref.ref(c1)) */
    MoObject *r2 = MoWeakref_NewRef(c2, NULL);
    MoSet_Add(cache, r1);
    MoSet_Add(cache, r2);
    long a = x_of(r1), b = x_of(r2);
    printf("alive: [%ld, %ld]\n", a < b ? a : b, a < b ? b : a);
    Mo_DECREF(r1); /* the set holds the refs */
    Mo_DECREF(r2);
    printf("c1 = None:\n");
    Mo_SETREF(c1, Mo_NewRef(Mo_None)); /* the last strong reference */
    printf("c2 = None:\n");
    Mo_SETREF(c2, Mo_NewRef(Mo_None));
    Mo_Print(cache);
    printf("len(cache) -> %zd\n", MoSet_Size(cache));
    MoObject *dead = MoSet_Pop(cache);
    printf("cache.pop()() is None -> %s\n",
           MoWeakref_GetObject(dead) == Mo_None ? "True" : "False");
    printf("len(cache) -> %zd\n", MoSet_Size(cache));
    Mo_DECREF(dead);
    Mo_DECREF(c1);
    Mo_DECREF(c2);
    Mo_DECREF(cache);
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
