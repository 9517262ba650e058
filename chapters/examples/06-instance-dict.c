/* An ordinary instance and its attributes: where x and y live, what asking
 * for
 * __dict__ makes, and what getsizeof says about each. */
#include <stdio.h>
#include "mo.h"

/* __init__(self, x, y): self.x = x; self.y = y */
static MoObject *init_xy(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (MoObject_SetAttrString(self, "x", MoTuple_GET_ITEM(args, 1)) < 0 ||
        MoObject_SetAttrString(self, "y", MoTuple_GET_ITEM(args, 2)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static void print_repr(const char *label, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s%s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

int main(void)
{
    Mo_Initialize();
    /* region main */
    MoObject *cls = MoClass_New("C", NULL); /* class C: (no __slots__) */
    MoObject *init = MoCFunction_New("__init__", init_xy, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    Mo_DECREF(init);

    MoObject *c = MoObject_CallFunction(cls, "is", 1, "Hello World");
    printf("hasattr(c, '__dict__'): %s\n",
           MoObject_HasAttrString(c, "__dict__") ? "True" : "False");
    printf("getsizeof(c) = %zd\n", MoSys_GetSizeOf(c));
    MoObject *d = MoObject_GetAttrString(c, "__dict__");
    print_repr("c.__dict__ = ", d);
    printf("getsizeof(c.__dict__) = %zd\n", MoSys_GetSizeOf(d));
    printf("getsizeof(c) + getsizeof(c.__dict__) = %zd\n",
           MoSys_GetSizeOf(c) + MoSys_GetSizeOf(d));
    printf("getsizeof(c) after = %zd\n", MoSys_GetSizeOf(c));
    Mo_DECREF(d);
    Mo_DECREF(c);
    Mo_DECREF(cls); /* the collector frees the class at Mo_Finalize */
    /* endregion main */
    return Mo_Finalize() == 0 ? 0 : 1;
}
