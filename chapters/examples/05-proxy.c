/* weakref.proxy: an object that stands for its referent without keeping it alive.
 * Attribute access goes through to the referent; once it is dead, every use raises
 * ReferenceError. A proxy to a callable is callable. The C twin of 05-proxy.py.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* __init__(self, x): self.x = x */
static MoObject *c_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "x",
                               MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* double(n): 2 * n */
static MoObject *twice(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *n = MoTuple_GET_ITEM(args, 0);
    return MoNumber_Add(n, n);
}

/* type(o).__name__: tp_name after its last dot ("weakref.ProxyType") */
static const char *type_name(MoObject *o)
{
    const char *dot = strrchr(Mo_TYPE(o)->tp_name, '.');
    return dot != NULL ? dot + 1 : Mo_TYPE(o)->tp_name;
}

/* print(label, getattr(o, name)) */
static void print_attr(const char *label, MoObject *o, const char *name)
{
    MoObject *v = MoObject_GetAttrString(o, name);
    printf("%s", label);
    Mo_Print(v);
    Mo_DECREF(v);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = MoClass_New("C", NULL),
             *init = MoCFunction_New("__init__", c_init, NULL);
    MoObject_SetAttrString(C, "__init__", init);
    Mo_DECREF(init);
    MoObject *o = MoObject_CallFunction(C, "i", 10);
    MoObject *p = MoWeakref_NewProxy(o, NULL);
    printf("type(p).__name__ -> %s\n", type_name(p));
    print_attr("p.x -> ", p, "x"); /* forwarded to o */
    MoObject *eleven = MoLong_FromLong(11);
    MoObject_SetAttrString(p, "x", eleven); /* p.x = 11 sets o.x */
    Mo_DECREF(eleven);
    print_attr("after p.x = 11: o.x -> ", o, "x");
    MoObject *again = MoWeakref_NewProxy(o, NULL);
    printf("p is o: %s ; weakref.proxy(o) is p: %s\n", p == o ? "True" : "False",
           again == p ? "True" : "False");
    Mo_DECREF(again);
    printf("getweakrefcount(o) -> %zd\n", MoWeakref_GetWeakrefCount(o));
    MoObject *dbl = MoCFunction_New("double", twice, NULL),
             *f = MoWeakref_NewProxy(dbl, NULL);
    MoObject *r = MoObject_CallFunction(f, "i", 21);
    printf("type(f).__name__ -> %s ; f(21) -> ", type_name(f));
    Mo_Print(r);
    Mo_DECREF(r);
    Mo_DECREF(o); /* del o */
    if (MoObject_GetAttrString(p, "x") == NULL) {
        MoObject *exc = MoErr_GetRaisedException(), *msg = MoObject_Str(exc);
        printf("after del o, p.x: %s: %s\n", Mo_TYPE(exc)->tp_name,
               MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
    }
    Mo_DECREF(p);
    Mo_DECREF(f);
    Mo_DECREF(dbl);
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
