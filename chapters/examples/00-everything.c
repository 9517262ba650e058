/* Everything is an object: numbers, strings, containers, functions, classes and the
 * types themselves. The C twin of 00-everything.py.
 *
 * Each thing below is a MoObject *, so each starts with the same header and each
 * has a type, itself an object (a MoTypeObject). The class Point is defined here
 * the way a C extension defines one: a static MoTypeObject, readied by
 * MoType_Ready.
 */
#include <stdio.h>
#include "mo.h"

typedef struct {
    MoObject_HEAD          /* the header every object starts with */
} PointObject;

static MoTypeObject Point_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "__main__.Point",
    .tp_basicsize = sizeof(PointObject),
    .tp_new = MoType_GenericNew,
};

/* len(o): a built-in function written in C, like Python's own len. */
static MoObject *len_impl(MoObject *self, MoObject *args)
{
    (void)self;
    Mo_ssize_t n = MoObject_Length(MoTuple_GetItem(args, 0));
    return n < 0 ? NULL : MoLong_FromSsize_t(n);
}

/* [1, 2] */
static MoObject *small_list(void)
{
    MoObject *l = MoList_New(0);
    for (long i = 1; i <= 2; i++) {
        MoObject *n = MoLong_FromLong(i);
        MoList_Append(l, n);   /* the list keeps its own reference to n */
        Mo_DECREF(n);
    }
    return l;
}

/* {'k': 1} */
static MoObject *small_dict(void)
{
    MoObject *d = MoDict_New(), *one = MoLong_FromLong(1);
    MoDict_SetItemString(d, "k", one);
    Mo_DECREF(one);
    return d;
}

int main(void)
{
    Mo_Initialize();
    MoType_Ready(&Point_Type);
    struct { const char *text; MoObject *obj; } things[] = {
        { "42", MoLong_FromLong(42) },
        { "3.5", MoFloat_FromDouble(3.5) },
        { "'hi'", MoUnicode_FromConstant("hi") },
        { "[1, 2]", small_list() },
        { "{'k': 1}", small_dict() },
        { "None", Mo_NewRef(Mo_None) },
        { "len", MoCFunction_New("len", len_impl, NULL) },
        { "Point", Mo_NewRef((MoObject *)&Point_Type) },
        { "Point()", MoObject_CallNoArgs((MoObject *)&Point_Type) },
        { "int", Mo_NewRef((MoObject *)&MoLong_Type) },
        { "type", Mo_NewRef((MoObject *)&MoType_Type) },
    };
    for (size_t i = 0; i < sizeof things / sizeof things[0]; i++) {
        MoObject *o = things[i].obj;
        /* str(type(obj)) */
        MoObject *type_repr = MoObject_Repr((MoObject *)Mo_TYPE(o));
        printf("%-9s type: %-36s an object: %s\n", things[i].text,
               MoUnicode_AsUTF8(type_repr),
               MoObject_TypeCheck(o, &MoBaseObject_Type) ? "True" : "False");
        Mo_DECREF(type_repr);
        Mo_DECREF(o);
    }
    return Mo_Finalize() == 0 ? 0 : 1;
}
