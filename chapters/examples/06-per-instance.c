/* What one instance costs, measured the honest way: make 10,000 of a kind,
 * ask the tracer how many bytes came into use, divide. A plain instance, the
 * same with its __dict__ asked for, a slotted one, a slotted one that can be
 * weakly referenced, a 2-tuple, and an object of a static C type with two
 * double fields (complex, in the Python twin, is such a type). */
/* allocator: pymalloc */
#include <stdio.h>
#include "mo.h"

#define N 10000

/* ----------------------------------------------------------- the classes */

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

/* new: class NAME: __slots__ = slots (NULL: none), with init_xy as __init__.
 */
static MoObject *make_class(const char *name, const char *const *slots)
{
    MoObject *cls = MoClass_New(name, slots);
    MoObject *init = MoCFunction_New("__init__", init_xy, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    Mo_DECREF(init);
    return cls;
}

/* ------------------------------------------------- a static C type: Point */

/* Two doubles right after the header, nothing else: no dict, no weakref
   list, no GC header (it can hold no references). */
typedef struct {
    MoObject_HEAD double x, y;
} PointObject;

static MoTypeObject Point_Type = {
    MoVarObject_HEAD_INIT(NULL, 0).tp_name = "Point",
    .tp_basicsize = sizeof(PointObject),
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

/* new: Point(x, y). */
static MoObject *point_new(double x, double y)
{
    PointObject *p = MoObject_New(PointObject, &Point_Type);
    if (p != NULL) {
        p->x = x;
        p->y = y;
    }
    return (MoObject *)p;
}

/* ------------------------------------------------------------ measuring */

static MoObject *cls_plain, *cls_slotted, *cls_weak;

static MoObject *plain(void)
{
    return MoObject_CallFunction(cls_plain, "ii", 1, 2);
}
static MoObject *touched(void)
{
    MoObject *o = plain();
    Mo_XDECREF(MoObject_GenericGetDict(o)); /* o.__dict__ */
    return o;
}
static MoObject *slotted(void)
{
    return MoObject_CallFunction(cls_slotted, "ii", 1, 2);
}
static MoObject *weak(void)
{
    return MoObject_CallFunction(cls_weak, "ii", 1, 2);
}
static MoObject *pair(void)
{
    MoObject *x = MoLong_FromLong(1),
             *y = MoLong_FromLong(2); /* cached: no allocation */
    MoObject *t = MoTuple_Pack(2, x, y);
    Mo_DECREF(x);
    Mo_DECREF(y);
    return t;
}
static MoObject *point(void)
{
    return point_new(1.0, 2.0);
}

/* region measure */
/* Bytes that came into use while N objects were made and kept, divided by N.
   The list that keeps them exists before the tracer starts. */
static void per_instance(const char *name, MoObject *(*make)(void))
{
    MoObject *objs = MoList_New(N);
    Mo_DECREF(make()); /* a first one, so that one-off costs fall outside */
    MoTraceMalloc_Start(1);
    size_t before, after, peak;
    MoTraceMalloc_GetTracedMemory(&before, &peak);
    for (Mo_ssize_t i = 0; i < N; i++)
        MoList_SET_ITEM(objs, i, make());
    MoTraceMalloc_GetTracedMemory(&after, &peak);
    MoTraceMalloc_Stop();
    printf("%-14s %3.0f bytes per instance\n", name,
           (double)(after - before) / N);
    Mo_DECREF(objs);
}
/* endregion measure */

int main(void)
{
    Mo_Initialize();
    MoType_Ready(&Point_Type);
    static const char *const xy[] = {"x", "y", NULL};
    static const char *const xyw[] = {"x", "y", "__weakref__", NULL};
    cls_plain = make_class("Plain", NULL);
    cls_slotted = make_class("Slotted", xy);
    cls_weak = make_class("SlottedWeak", xyw);
    per_instance("plain", plain);
    per_instance("dict touched", touched);
    per_instance("slots", slotted);
    per_instance("slots+weakref", weak);
    per_instance("tuple", pair);
    per_instance("static C type", point);
    Mo_DECREF(cls_plain);
    Mo_DECREF(cls_slotted);
    Mo_DECREF(cls_weak);
    return Mo_Finalize() == 0 ? 0 : 1;
}
