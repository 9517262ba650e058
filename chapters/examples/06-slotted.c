/* The same class with __slots__ = ("x", "y"): two fields at fixed offsets,
 * read and written by member descriptors in the class, and no __dict__ at
 * all. */
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

/* Prints label and repr(o), then releases o. */
static void print_repr_steal(const char *label, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s%s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    Mo_DECREF(o);
}

int main(void)
{
    Mo_Initialize();
    /* region main */
    static const char *const slots[] = {"x", "y", NULL};
    MoObject *cls =
        MoClass_New("C", slots); /* class C: __slots__ = ("x", "y") */
    MoObject *init = MoCFunction_New("__init__", init_xy, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    Mo_DECREF(init);

    MoObject *c = MoObject_CallFunction(cls, "is", 1, "Hello World");
    printf("hasattr(c, '__dict__'): %s\n",
           MoObject_HasAttrString(c, "__dict__") ? "True" : "False");
    printf("getsizeof(c) = %zd\n", MoSys_GetSizeOf(c));
    MoObject *x = MoObject_GetAttrString(c, "x"),
             *y = MoObject_GetAttrString(c, "y");
    MoObject *ry = MoObject_Repr(y);
    printf("c.x, c.y = %ld %s\n", MoLong_AsLong(x), MoUnicode_AsUTF8(ry));
    Mo_DECREF(ry);
    Mo_DECREF(x);
    Mo_DECREF(y);
    print_repr_steal("C.x = ", MoObject_GetAttrString(cls, "x"));
    MoTypeObject *t = (MoTypeObject *)cls;
    printf("C.__basicsize__ = %zd\n", t->tp_basicsize);
    printf("C.__weakrefoffset__ = %zd\n", t->tp_weaklistoffset);
    printf("C.__dictoffset__ = %zd\n", t->tp_dictoffset);
    Mo_DECREF(c);
    Mo_DECREF(cls);
    /* endregion main */
    return Mo_Finalize() == 0 ? 0 : 1;
}
