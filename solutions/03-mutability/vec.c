/* Lab 03, part B: the Vec type (see vec.h for what it promises).
 *
 * Start reading at Vec_Type, at the end: its number slots are the operators, and
 * its tp_hash is what makes a mutable type unhashable.
 */
#include "vec.h"

#include <string.h>

/* ----------------------------------------------------------------- storage */

/* Room for at least n components: the block grows to twice n (or 4) when full.
   0, or -1 with MemoryError and the vector unchanged. */
static int vec_reserve(VecObject *v, Mo_ssize_t n)
{
    if (n <= v->allocated)
        return 0;
    Mo_ssize_t room = n < 4 ? 4 : 2 * n;
    double *values = MoMem_Realloc(v->values, (size_t)room * sizeof(double));
    if (values == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    v->values = values;
    v->allocated = room;
    return 0;
}

MoObject *Vec_New(Mo_ssize_t n, const double *values)
{
    VecObject *v = MoObject_New(VecObject, &Vec_Type);
    if (v == NULL)
        return NULL;
    v->size = 0;
    v->allocated = 0;
    v->values = NULL;
    if (vec_reserve(v, n) < 0) {
        Mo_DECREF(v);
        return NULL;
    }
    if (n > 0)
        memcpy(v->values, values, (size_t)n * sizeof(double));
    v->size = n;
    return (MoObject *)v;
}

static void vec_dealloc(MoObject *self)
{
    MoMem_Free(((VecObject *)self)->values);
    Mo_TYPE(self)->tp_free(self);
}

/* region vec_append */
int Vec_Append(MoObject *vec, double value)
{
    if (vec == NULL || !Vec_Check(vec)) {
        MoErr_BadInternalCall();
        return -1;
    }
    VecObject *v = (VecObject *)vec;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: make room (vec_reserve), then store the new component. */
    /* STUB: (void)v; */
    /* STUB: (void)value; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Vec_Append is not written yet"); */
    /* STUB: return -1; */
    if (vec_reserve(v, v->size + 1) < 0)
        return -1;
    v->values[v->size++] = value;
    return 0;
    /* END SOLUTION */
}
/* endregion vec_append */

/* -------------------------------------------------------------- arithmetic */

/* 1 if a and b are vectors of one length; 0 (not a vector: NotImplemented) or -1
   with ValueError otherwise. */
static int same_shape(MoObject *a, MoObject *b)
{
    if (!Vec_Check(a) || !Vec_Check(b))
        return 0;
    Mo_ssize_t n = ((VecObject *)a)->size, m = ((VecObject *)b)->size;
    if (n != m) {
        MoErr_Format(MoExc_ValueError, "vectors of different lengths (%zd and %zd)", n, m);
        return -1;
    }
    return 1;
}

/* dst[i] += src[i] for every component (same length). */
static void add_into(VecObject *dst, const VecObject *src)
{
    for (Mo_ssize_t i = 0; i < dst->size; i++)
        dst->values[i] += src->values[i];
}

/* dst[i] *= k for every component. */
static void scale_into(VecObject *dst, double k)
{
    for (Mo_ssize_t i = 0; i < dst->size; i++)
        dst->values[i] *= k;
}

/* 1 with *k set if o is an int or a float; 0 otherwise; -1 on error. */
static int as_scalar(MoObject *o, double *k)
{
    if (!MoLong_Check(o) && !MoFloat_Check(o))
        return 0;
    *k = MoFloat_AsDouble(o);
    return *k == -1.0 && MoErr_Occurred() ? -1 : 1;
}

/* new: NotImplemented, the answer of a binary slot to an operand it does not
   handle (the interpreter then tries the other operand, then raises TypeError). */
static MoObject *not_implemented(void)
{
    Mo_RETURN_NOTIMPLEMENTED;
}

/* new: a copy of v, made with Vec_New. */
static MoObject *vec_copy(MoObject *v)
{
    return Vec_New(((VecObject *)v)->size, ((VecObject *)v)->values);
}

/* region vec_add */
/* v + w: a new vector. */
static MoObject *vec_add(MoObject *a, MoObject *b)
{
    int ok = same_shape(a, b);
    if (ok <= 0)
        return ok < 0 ? NULL : not_implemented();
    MoObject *sum = vec_copy(a);
    if (sum != NULL)
        add_into((VecObject *)sum, (VecObject *)b);
    return sum;
}

/* v += w: v itself, changed. */
static MoObject *vec_inplace_add(MoObject *a, MoObject *b)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the same checks as vec_add; then change a and return it. */
    /* STUB: (void)b; */
    /* STUB: (void)add_into; */
    /* STUB: return vec_add(a, b); */
    int ok = same_shape(a, b);
    if (ok <= 0)
        return ok < 0 ? NULL : not_implemented();
    add_into((VecObject *)a, (VecObject *)b);
    return Mo_NewRef(a);   /* the result of += is the object itself */
    /* END SOLUTION */
}
/* endregion vec_add */

/* v * k: a new vector. */
static MoObject *vec_multiply(MoObject *a, MoObject *b)
{
    double k;
    int ok = Vec_Check(a) ? as_scalar(b, &k) : 0;
    if (ok <= 0)
        return ok < 0 ? NULL : not_implemented();
    MoObject *product = vec_copy(a);
    if (product != NULL)
        scale_into((VecObject *)product, k);
    return product;
}

/* v *= k: v itself, changed. */
static MoObject *vec_inplace_multiply(MoObject *a, MoObject *b)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: like vec_multiply, but change a and return it. */
    /* STUB: (void)scale_into; */
    /* STUB: return vec_multiply(a, b); */
    double k;
    int ok = Vec_Check(a) ? as_scalar(b, &k) : 0;
    if (ok <= 0)
        return ok < 0 ? NULL : not_implemented();
    scale_into((VecObject *)a, k);
    return Mo_NewRef(a);
    /* END SOLUTION */
}

/* ------------------------------------------------- equality, hash and repr */

/* == and != compare the components; anything else is NotImplemented. */
static MoObject *vec_richcompare(MoObject *a, MoObject *b, int op)
{
    if ((op != MO_EQ && op != MO_NE) || !Vec_Check(a) || !Vec_Check(b))
        Mo_RETURN_NOTIMPLEMENTED;
    VecObject *v = (VecObject *)a, *w = (VecObject *)b;
    int same = v->size == w->size;
    for (Mo_ssize_t i = 0; same && i < v->size; i++)
        same = v->values[i] == w->values[i];
    return MoBool_FromLong(op == MO_EQ ? same : !same);
}

/* new: "Vec([1.0, 2.5])", each component as float's repr writes it. */
static MoObject *vec_repr(MoObject *self)
{
    VecObject *v = (VecObject *)self;
    MoObject *items = MoList_New(v->size);
    if (items == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < v->size; i++) {
        MoObject *f = MoFloat_FromDouble(v->values[i]);
        if (f == NULL) {
            Mo_DECREF(items);
            return NULL;
        }
        MoList_SetItem(items, i, f);
    }
    MoObject *r = MoUnicode_FromFormat("Vec(%R)", items);
    Mo_DECREF(items);
    return r;
}

/* ---------------------------------------------------------------- the type */

static MoNumberMethods vec_as_number = {
    .nb_add = vec_add,
    .nb_multiply = vec_multiply,
    .nb_inplace_add = vec_inplace_add,
    .nb_inplace_multiply = vec_inplace_multiply,
};

/* region vec_type */
MoTypeObject Vec_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab03.Vec",
    .tp_basicsize = sizeof(VecObject),
    .tp_dealloc = vec_dealloc,
    .tp_repr = vec_repr,
    .tp_as_number = &vec_as_number,
    .tp_richcompare = vec_richcompare,
    .tp_hash = MoObject_HashNotImplemented,   /* mutable: never hashable */
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "A mutable vector of floats: in-place operators keep the object.",
};
/* endregion vec_type */

int Vec_Ready(void)
{
    return MoType_Ready(&Vec_Type);
}
