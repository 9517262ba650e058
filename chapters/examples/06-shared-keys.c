/* getsizeof(vars(o)) for the k-th instance of a class: 3.11's shared keys
 * give up one free entry per new instance, so the dict an instance hands out
 * when asked is smaller the more instances came before it, down to a floor.
 */
#include <stdio.h>
#include "mo.h"

/* __init__(self, a, b): self.a = a; self.b = b */
static MoObject *init_ab(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (MoObject_SetAttrString(self, "a", MoTuple_GET_ITEM(args, 1)) < 0 ||
        MoObject_SetAttrString(self, "b", MoTuple_GET_ITEM(args, 2)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* getsizeof(vars(o)) */
static Mo_ssize_t dict_size(MoObject *o)
{
    MoObject *d = MoObject_GenericGetDict(o);
    Mo_ssize_t n = MoSys_GetSizeOf(d);
    Mo_DECREF(d);
    return n;
}

int main(void)
{
    Mo_Initialize();
    MoObject *cls = MoClass_New("P", NULL);
    MoObject *init = MoCFunction_New("__init__", init_ab, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    Mo_DECREF(init);
    /* region main */
    MoObject *objs = MoList_New(0);
    printf("getsizeof(vars(P(...))), k = 1..31:");
    for (long k = 1; k <= 31; k++) {
        MoObject *o = MoObject_CallFunction(cls, "ll", k, -k);
        MoList_Append(objs, o);
        printf(" %zd", dict_size(o));
        Mo_DECREF(o);
    }
    MoObject *first = MoList_GetItem(objs, 0); /* borrowed */
    printf("\nfirst instance again: %zd\n", dict_size(first));
    printf("getsizeof(objs[0]) = %zd\n", MoSys_GetSizeOf(first));
    MoObject *d = MoObject_GenericGetDict(MoList_GetItem(objs, 4));
    MoObject *r = MoObject_Repr(d);
    printf("vars(objs[4]) = %s\n", MoUnicode_AsUTF8(r));
    /* endregion main */
    Mo_DECREF(r);
    Mo_DECREF(d);
    Mo_DECREF(objs);
    Mo_DECREF(cls);
    return Mo_Finalize() == 0 ? 0 : 1;
}
