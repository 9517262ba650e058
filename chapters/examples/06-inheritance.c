/* __slots__ along a class chain: each class adds its own names after its
 * base's fields; a subclass without __slots__ gets a __dict__ and a weakref
 * slot back; a name declared twice costs a second word; two slotted bases
 * cannot both lay out the start of one object. */
#include <stdio.h>
#include "mo.h"

/* new: type(name, bases, {"__slots__": slots}) (slots NULL: no __slots__);
   NULL with the TypeError type() raises. */
static MoObject *make_class(const char *name, MoObject *bases,
                            MoObject *slots)
{
    MoObject *ns = MoDict_New();
    if (slots != NULL)
        MoDict_SetItemString(ns, "__slots__", slots);
    MoObject *n = MoUnicode_FromString(name);
    MoObject *cls = MoType_FromNameBasesDict(n, bases, ns);
    Mo_DECREF(n);
    Mo_DECREF(ns);
    return cls;
}

/* new: a tuple of the given strings. */
static MoObject *names(int n, const char *a, const char *b)
{
    MoObject *t = MoTuple_New(n);
    if (n > 0)
        MoTuple_SET_ITEM(t, 0, MoUnicode_FromString(a));
    if (n > 1)
        MoTuple_SET_ITEM(t, 1, MoUnicode_FromString(b));
    return t;
}

static void show(MoObject *cls)
{
    MoTypeObject *t = (MoTypeObject *)cls;
    MoObject *o = MoObject_CallNoArgs(cls);
    printf("%-6s getsizeof %zd, basicsize %zd, weakrefoffset %zd, dictoffset "
           "%zd, has __dict__: %s\n",
           t->tp_name, MoSys_GetSizeOf(o), t->tp_basicsize,
           t->tp_weaklistoffset, t->tp_dictoffset,
           MoObject_HasAttrString(o, "__dict__") ? "True" : "False");
    Mo_DECREF(o);
}

int main(void)
{
    Mo_Initialize();
    MoObject *none = MoTuple_New(0), *x = names(1, "x", NULL),
             *y = names(1, "y", NULL);
    MoObject *z = names(1, "z", NULL), *empty = names(0, NULL, NULL),
             *xd = names(2, "x", "__dict__");
    /* region main */
    MoObject *base = make_class("Base", none, x); /* __slots__ = ("x",) */
    MoObject *on_base = MoTuple_Pack(1, base);
    MoObject *classes[] = {
        base,
        make_class("Child", on_base, y), /* (Base): __slots__ = ("y",) */
        make_class("Empty", on_base, empty), /* (Base): __slots__ = () */
        make_class("Loose", on_base, NULL), /* (Base): no __slots__ */
        make_class("Again", on_base, x), /* (Base): __slots__ = ("x",) */
        make_class("Both", none, xd), /* __slots__ = ("x", "__dict__") */
    };
    for (int i = 0; i < 6; i++)
        show(classes[i]);
    MoObject *cx = MoObject_GetAttrString(classes[1], "x"),
             *bx = MoObject_GetAttrString(base, "x");
    printf("Child.x is Base.x: %s\n", cx == bx ? "True" : "False");
    MoObject *other = make_class("Other", none, z); /* __slots__ = ("z",) */
    MoObject *both_bases = MoTuple_Pack(2, base, other);
    MoObject *mixed = make_class("Mixed", both_bases, NULL);
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *msg = MoObject_Str(exc);
    printf("class Mixed(Base, Other) -> %s: %s\n", Mo_TYPE(exc)->tp_name,
           MoUnicode_AsUTF8(msg));
    /* endregion main */
    Mo_XDECREF(mixed);
    Mo_DECREF(msg);
    Mo_DECREF(exc);
    Mo_DECREF(cx);
    Mo_DECREF(bx);
    Mo_DECREF(both_bases);
    Mo_DECREF(other);
    for (int i = 1; i < 6; i++)
        Mo_DECREF(classes[i]);
    Mo_DECREF(on_base);
    Mo_DECREF(base);
    MoObject *tmp[] = {none, x, y, z, empty, xd};
    for (int i = 0; i < 6; i++)
        Mo_DECREF(tmp[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
