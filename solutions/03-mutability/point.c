/* Lab 03, part B: the Point type (see point.h for what it promises).
 *
 * Immutability here is the absence of any way in: the coordinates are readable
 * through getters, and the type has no setters, no instance dict and no method
 * that writes. MoObject_SetAttr then refuses as CPython refuses for a read-only
 * attribute of a C type ("attribute 'x' of 'lab03.Point' objects is not
 * writable") and for a new one ("'lab03.Point' object has no attribute 'z'").
 */
#include "point.h"

/* --------------------------------------------------------------- creation */

/* region point_new */
MoObject *Point_New(MoObject *x, MoObject *y)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: hash((x, y)) first (an unhashable coordinate is refused before */
    /* STUB: // anything is made), then a PointObject holding its own references to x */
    /* STUB: // and y, and the hash cached. */
    /* STUB: (void)x; */
    /* STUB: (void)y; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Point_New is not written yet"); */
    /* STUB: return NULL; */
    MoObject *pair = MoTuple_Pack(2, x, y);
    if (pair == NULL)
        return NULL;
    Mo_hash_t h = MoObject_Hash(pair);   /* TypeError for an unhashable coordinate */
    Mo_DECREF(pair);
    if (h == -1)
        return NULL;
    PointObject *p = MoObject_New(PointObject, &Point_Type);
    if (p == NULL)
        return NULL;
    p->x = Mo_NewRef(x);
    p->y = Mo_NewRef(y);
    p->hash = h;
    return (MoObject *)p;
    /* END SOLUTION */
}
/* endregion point_new */

static void point_dealloc(MoObject *self)
{
    PointObject *p = (PointObject *)self;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: release what the point owns. */
    /* STUB: (void)p; */
    Mo_DECREF(p->x);
    Mo_DECREF(p->y);
    /* END SOLUTION */
    Mo_TYPE(self)->tp_free(self);
}

/* ------------------------------------------------------- hash and equality */

/* region point_hash */
static Mo_hash_t point_hash(MoObject *self)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the hash computed at creation. */
    /* STUB: (void)self; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "point_hash is not written yet"); */
    /* STUB: return -1; */
    return ((PointObject *)self)->hash;
    /* END SOLUTION */
}
/* endregion point_hash */

/* region point_richcompare */
/* == and != between points compare coordinates; anything else is NotImplemented
   (so that Python falls back to identity, or to the other operand). */
static MoObject *point_richcompare(MoObject *a, MoObject *b, int op)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: NotImplemented unless op is == or != and both are points; */
    /* STUB: // otherwise compare x with x and y with y. */
    /* STUB: (void)a; */
    /* STUB: (void)b; */
    /* STUB: (void)op; */
    /* STUB: Mo_RETURN_NOTIMPLEMENTED; */
    if ((op != MO_EQ && op != MO_NE) || !Point_Check(a) || !Point_Check(b))
        Mo_RETURN_NOTIMPLEMENTED;
    PointObject *p = (PointObject *)a, *q = (PointObject *)b;
    int same = MoObject_RichCompareBool(p->x, q->x, MO_EQ);
    if (same == 1)
        same = MoObject_RichCompareBool(p->y, q->y, MO_EQ);
    if (same < 0)
        return NULL;
    return MoBool_FromLong(op == MO_EQ ? same : !same);
    /* END SOLUTION */
}
/* endregion point_richcompare */

/* -------------------------------------------------------------- attributes */

/* new: p.x */
static MoObject *point_get_x(MoObject *self, void *closure)
{
    (void)closure;
    return Mo_NewRef(((PointObject *)self)->x);
}

/* new: p.y */
static MoObject *point_get_y(MoObject *self, void *closure)
{
    (void)closure;
    return Mo_NewRef(((PointObject *)self)->y);
}

/* region point_getset */
static MoGetSetDef point_getset[] = {
    /* BEGIN SOLUTION */
    /* STUB: // TODO: x and y, readable and not writable. */
    {"x", point_get_x, NULL, "the first coordinate (read-only)", NULL},
    {"y", point_get_y, NULL, "the second coordinate (read-only)", NULL},
    /* END SOLUTION */
    {NULL, NULL, NULL, NULL, NULL},
};
/* endregion point_getset */

/* new: "Point(x=1, y=2)", with the coordinates' reprs. */
static MoObject *point_repr(MoObject *self)
{
    PointObject *p = (PointObject *)self;
    return MoUnicode_FromFormat("Point(x=%R, y=%R)", p->x, p->y);
}

/* ---------------------------------------------------------------- the type */

MoTypeObject Point_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab03.Point",
    .tp_basicsize = sizeof(PointObject),
    .tp_dealloc = point_dealloc,
    .tp_repr = point_repr,
    .tp_hash = point_hash,
    .tp_richcompare = point_richcompare,
    .tp_getset = point_getset,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "An immutable point: Point(x, y), hashable, equal by value.",
};

int Point_Ready(void)
{
    (void)point_get_x;   /* used by point_getset in the solution */
    (void)point_get_y;
    return MoType_Ready(&Point_Type);
}
