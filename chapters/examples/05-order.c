/* When a weakref callback runs and when __del__ does: outside a cycle, the count
 * reaches zero and __del__ runs first; inside a cycle, the collector clears the
 * weak references and calls their callbacks first, then the finalizers. A weak
 * reference that is itself part of the garbage never calls back. The C twin of
 * 05-order.py; D's __init__ and __del__ are C functions stored on the class.
 */
#include <stdio.h>
#include "mo.h"

/* __init__(self, name): self.name = name */
static MoObject *d_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "name",
                               MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* __del__(self): print("  __del__", self.name) */
static MoObject *d_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *name = MoObject_GetAttrString(MoTuple_GET_ITEM(args, 0), "name");
    printf("  __del__ %s\n", MoUnicode_AsUTF8(name));
    Mo_DECREF(name);
    Mo_RETURN_NONE;
}

/* callback(ref): print("  callback: referent gone ->", ref() is None) */
static MoObject *callback(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("  callback: referent gone -> %s\n",
           MoWeakref_GetObject(MoTuple_GET_ITEM(args, 0)) == Mo_None ? "True"
                                                                     : "False");
    Mo_RETURN_NONE;
}

/* lambda ref: print("  inner callback") */
static MoObject *inner_callback(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    printf("  inner callback\n");
    Mo_RETURN_NONE;
}

static MoObject *make_class(void)
{
    MoObject *cls = MoClass_New("D", NULL);
    MoObject *init = MoCFunction_New("__init__", d_init, NULL);
    MoObject *del = MoCFunction_New("__del__", d_del, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(init);
    Mo_DECREF(del);
    return cls;
}

/* a, b = D("a"), D("b"); a.other, b.other = b, a */
static void make_cycle(MoObject *D, MoObject **a, MoObject **b)
{
    *a = MoObject_CallFunction(D, "s", "a");
    *b = MoObject_CallFunction(D, "s", "b");
    MoObject_SetAttrString(*a, "other", *b);
    MoObject_SetAttrString(*b, "other", *a);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *D = make_class(), *cb = MoCFunction_New("callback", callback, NULL);

    printf("1. no cycle: del o\n");
    MoObject *o = MoObject_CallFunction(D, "s", "o");
    MoObject *w = MoWeakref_NewRef(o, cb);
    Mo_DECREF(o); /* __del__, then the callback */

    printf("2. a cycle, the weakref outside it\n");
    MoObject *a, *b;
    make_cycle(D, &a, &b);
    MoObject *w_out = MoWeakref_NewRef(a, cb);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("  gc.collect() -> %zd\n", MoGC_Collect());

    printf("3. a cycle, the weakref inside it\n");
    make_cycle(D, &a, &b);
    MoObject *lambda = MoCFunction_New("<lambda>", inner_callback, NULL);
    MoObject *w_in =
        MoWeakref_NewRef(b, lambda); /* a.w = weakref.ref(b, lambda ...) */
    MoObject_SetAttrString(a, "w", w_in);
    Mo_DECREF(w_in);
    Mo_DECREF(lambda);
    Mo_DECREF(a);
    Mo_DECREF(b);
    printf("  gc.collect() -> %zd\n", MoGC_Collect());

    Mo_DECREF(w);
    Mo_DECREF(w_out);
    Mo_DECREF(cb);
    Mo_DECREF(D);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
