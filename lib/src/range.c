/* range: a lazy arithmetic sequence, as 3.11's Objects/rangeobject.c.
 *
 * Invariants:
 *  - A range is 48 bytes whatever its length: four int objects, start, stop,
 *    step (never 0) and length (>= 0), computed once at creation. It holds only
 *    ints, so it cannot be part of a cycle and is not a GC type.
 *  - MoRange_New takes C longs, so start, stop and step always fit in a long;
 *    only the length may not (range(-2**63, 2**63 - 1)). The item arithmetic is
 *    done in unsigned long, where start + i * step cannot overflow for i below
 *    the length and the true value fits back in a long.
 *  - The iterator (48 bytes, not GC) counts with C longs.
 */
#include <limits.h>
#include "internal.h"

/* ----------------------------------------------------------- arithmetic */

/* The C values of r's fields (they fit: see the invariants). */
typedef struct {
    long start, stop, step;
} range_bounds;

static range_bounds range_get_bounds(MoRangeObject *r)
{
    range_bounds b = { MoLong_AsLong(r->start), MoLong_AsLong(r->stop), MoLong_AsLong(r->step) };
    return b;
}

/* region range_length */
/* How many values lo, lo + step, ... lie before hi. If step > 0 and lo < hi,
   the last value lo + (n-1)*step must be <= hi - 1, so n = 1 + (hi-1-lo)/step;
   likewise for step < 0. Unsigned: hi - lo may not fit in a long. */
static unsigned long range_len_of(long lo, long hi, long step)
{
    if (step > 0 && lo < hi)
        return 1UL + ((unsigned long)hi - 1UL - (unsigned long)lo) / (unsigned long)step;
    if (step < 0 && lo > hi)
        return 1UL + ((unsigned long)lo - 1UL - (unsigned long)hi) / (0UL - (unsigned long)step);
    return 0UL;
}
/* endregion range_length */

/* start + i * step for 0 <= i < length: exact, computed modulo 2**64. */
static long range_value_at(range_bounds b, unsigned long i)
{
    return (long)((unsigned long)b.start + i * (unsigned long)b.step);
}

static unsigned long range_ulen(MoRangeObject *r)
{
    range_bounds b = range_get_bounds(r);
    return range_len_of(b.start, b.stop, b.step);
}

/* ------------------------------------------------------------- creation */

MoObject *MoRange_New(long start, long stop, long step)
{
    if (step == 0) {
        MoErr_SetString(MoExc_ValueError, "range() arg 3 must not be zero");
        return NULL;
    }
    MoRangeObject *r = MoObject_New(MoRangeObject, &MoRange_Type);
    if (r == NULL)
        return NULL;
    r->start = MoLong_FromLong(start);
    r->stop = MoLong_FromLong(stop);
    r->step = MoLong_FromLong(step);
    r->length = MoLong_FromUnsignedLongLong(range_len_of(start, stop, step));
    if (r->start == NULL || r->stop == NULL || r->step == NULL || r->length == NULL) {
        Mo_DECREF(r);
        return NULL;
    }
    return (MoObject *)r;
}

/* range(stop) / range(start, stop[, step]) when the type is called. */
static MoObject *range_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    (void)type;
    if (kwargs != NULL && MoDict_Size(kwargs) > 0) {
        MoErr_SetString(MoExc_TypeError, "range() takes no keyword arguments");
        return NULL;
    }
    Mo_ssize_t n = MoTuple_Size(args);
    long v[3] = { 0, 0, 1 };
    if (n < 1 || n > 3) {
        MoErr_Format(MoExc_TypeError, n < 1 ? "range expected at least 1 argument, got %zd"
                                            : "range expected at most 3 arguments, got %zd", n);
        return NULL;
    }
    for (Mo_ssize_t i = 0; i < n; i++) {
        v[n == 1 ? 1 : i] = MoLong_AsLong(MoTuple_GET_ITEM(args, i));
        if (v[n == 1 ? 1 : i] == -1 && MoErr_Occurred())
            return NULL;
    }
    return MoRange_New(v[0], v[1], v[2]);
}

static void range_dealloc(MoObject *self)
{
    MoRangeObject *r = (MoRangeObject *)self;
    Mo_XDECREF(r->start);
    Mo_XDECREF(r->stop);
    Mo_XDECREF(r->step);
    Mo_XDECREF(r->length);
    Mo_TYPE(r)->tp_free(r);
}

/* ----------------------------------------------------------------- repr */

/* "range(0, 10)", with the step only when it is not 1: "range(0, 10, 2)". */
static MoObject *range_repr(MoObject *self)
{
    MoRangeObject *r = (MoRangeObject *)self;
    if (MoLong_AsLong(r->step) == 1)
        return MoUnicode_FromFormat("range(%R, %R)", r->start, r->stop);
    return MoUnicode_FromFormat("range(%R, %R, %R)", r->start, r->stop, r->step);
}

/* ------------------------------------------------------ compare and hash */

/* Two ranges are equal when they give the same values: same length and, if not
   empty, same start and, if longer than one, same step. */
static int range_equals(MoRangeObject *a, MoRangeObject *b)
{
    if (a == b)
        return 1;
    unsigned long len = range_ulen(a);
    if (len != range_ulen(b))
        return 0;
    if (len == 0)
        return 1;
    range_bounds x = range_get_bounds(a), y = range_get_bounds(b);
    if (x.start != y.start)
        return 0;
    return len == 1 || x.step == y.step;
}

/* == and != only; ordering is not defined for ranges. */
static MoObject *range_richcompare(MoObject *self, MoObject *other, int op)
{
    if (!MoRange_Check(other) || (op != MO_EQ && op != MO_NE))
        Mo_RETURN_NOTIMPLEMENTED;
    int eq = range_equals((MoRangeObject *)self, (MoRangeObject *)other);
    return _MoBool_From(op == MO_EQ ? eq : !eq);
}

/* region range_hash */
/* Equal ranges hash alike: the hash of (length, start, step), with None in
   place of what does not matter (start and step for an empty range, the step
   for a range of one value), as 3.11's range_hash. */
static Mo_hash_t range_hash(MoObject *self)
{
    MoRangeObject *r = (MoRangeObject *)self;
    unsigned long len = range_ulen(r);
    MoObject *t = MoTuple_Pack(3, r->length, len == 0 ? Mo_None : r->start, len <= 1 ? Mo_None : r->step);
    if (t == NULL)
        return -1;
    Mo_hash_t h = MoObject_Hash(t);
    Mo_DECREF(t);
    return h;
}
/* endregion range_hash */

/* ------------------------------------------------------------- sequence */

static Mo_ssize_t range_length(MoObject *self)
{
    return MoLong_AsSsize_t(((MoRangeObject *)self)->length);
}

static int range_bool(MoObject *self)
{
    return range_ulen((MoRangeObject *)self) != 0;
}

/* new: r[i], i negative from the end. */
static MoObject *range_item(MoObject *self, Mo_ssize_t i)
{
    MoRangeObject *r = (MoRangeObject *)self;
    unsigned long len = range_ulen(r);
    /* -(i + 1) cannot overflow, and is below len exactly when i + len >= 0. */
    unsigned long back = i < 0 ? (unsigned long)-(i + 1) : 0;
    if (i < 0 ? back >= len : (unsigned long)i >= len) {
        MoErr_SetString(MoExc_IndexError, "range object index out of range");
        return NULL;
    }
    unsigned long index = i < 0 ? len - 1 - back : (unsigned long)i;
    return MoLong_FromLong(range_value_at(range_get_bounds(r), index));
}

static MoObject *range_subscript(MoObject *self, MoObject *key)
{
    if (!MoIndex_Check(key)) {
        MoErr_Format(MoExc_TypeError, "range indices must be integers or slices, not %.200s",
                     _Mo_TypeName(key));
        return NULL;
    }
    /* Clipped: an index beyond Mo_ssize_t is out of range like any other. */
    Mo_ssize_t i = MoNumber_AsSsize_t(key, NULL);
    if (i == -1 && MoErr_Occurred())
        return NULL;
    return range_item(self, i);
}

/* The index of the int v in r, or -1 if r does not contain it; arithmetic,
   without walking the range. */
static long range_index_of_long(MoRangeObject *r, long v)
{
    range_bounds b = range_get_bounds(r);
    unsigned long len = range_len_of(b.start, b.stop, b.step);
    if (len == 0)
        return -1;
    int inside = b.step > 0 ? (b.start <= v && v < b.stop) : (b.stop < v && v <= b.start);
    if (!inside)
        return -1;
    unsigned long dist = b.step > 0 ? (unsigned long)v - (unsigned long)b.start
                                    : (unsigned long)b.start - (unsigned long)v;
    unsigned long ustep = b.step > 0 ? (unsigned long)b.step : 0UL - (unsigned long)b.step;
    return dist % ustep == 0 ? (long)(dist / ustep) : -1;
}

/* For an int: arithmetic. Anything else (1.0, a str) is compared with each
   value in turn, as Python does. 1, 0 or -1. */
static int range_contains(MoObject *self, MoObject *ob)
{
    if (MoLong_CheckExact(ob) || MoBool_Check(ob)) {
        long v = MoLong_AsLong(ob);
        if (v == -1 && MoErr_Occurred()) {
            /* Too big for a long: outside any range we can build. */
            if (!MoErr_ExceptionMatches(MoExc_OverflowError))
                return -1;
            MoErr_Clear();
            return 0;
        }
        return range_index_of_long((MoRangeObject *)self, v) >= 0;
    }
    MoRangeObject *r = (MoRangeObject *)self;
    range_bounds b = range_get_bounds(r);
    unsigned long len = range_len_of(b.start, b.stop, b.step);
    for (unsigned long i = 0; i < len; i++) {
        MoObject *item = MoLong_FromLong(range_value_at(b, i));
        if (item == NULL)
            return -1;
        int cmp = MoObject_RichCompareBool(item, ob, MO_EQ);
        Mo_DECREF(item);
        if (cmp != 0)
            return cmp;
    }
    return 0;
}

/* -------------------------------------------------------------- methods */

static MoObject *range_count(MoObject *self, MoObject *ob)
{
    if (MoLong_CheckExact(ob) || MoBool_Check(ob)) {
        int found = range_contains(self, ob);
        return found < 0 ? NULL : MoLong_FromLong(found);
    }
    range_bounds b = range_get_bounds((MoRangeObject *)self);
    unsigned long len = range_len_of(b.start, b.stop, b.step);
    Mo_ssize_t count = 0;
    for (unsigned long i = 0; i < len; i++) {
        MoObject *item = MoLong_FromLong(range_value_at(b, i));
        if (item == NULL)
            return NULL;
        int cmp = MoObject_RichCompareBool(item, ob, MO_EQ);
        Mo_DECREF(item);
        if (cmp < 0)
            return NULL;
        count += cmp;
    }
    return MoLong_FromSsize_t(count);
}

static MoObject *range_index(MoObject *self, MoObject *ob)
{
    if (MoLong_CheckExact(ob) || MoBool_Check(ob)) {
        long v = MoLong_AsLong(ob);
        long i = (v == -1 && MoErr_Occurred()) ? -1 : range_index_of_long((MoRangeObject *)self, v);
        MoErr_Clear();
        if (i >= 0)
            return MoLong_FromLong(i);
    } else {
        range_bounds b = range_get_bounds((MoRangeObject *)self);
        unsigned long len = range_len_of(b.start, b.stop, b.step);
        for (unsigned long i = 0; i < len; i++) {
            MoObject *item = MoLong_FromLong(range_value_at(b, i));
            if (item == NULL)
                return NULL;
            int cmp = MoObject_RichCompareBool(item, ob, MO_EQ);
            Mo_DECREF(item);
            if (cmp < 0)
                return NULL;
            if (cmp > 0)
                return MoLong_FromUnsignedLongLong(i);
        }
    }
    MoErr_Format(MoExc_ValueError, "%R is not in range", ob);
    return NULL;
}

static MoObject *range_iter(MoObject *self);
static MoObject *range_reversed(MoObject *self, MoObject *unused);

/* ----------------------------------------------------------------- type */

static MoNumberMethods range_as_number = {
    .nb_bool = range_bool,
};

static MoSequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

static MoMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

static MoMethodDef range_methods[] = {
    { "count", range_count, MO_METH_O, "rangeobject.count(value) -> integer -- return number of occurrences of value" },
    { "index", range_index, MO_METH_O, "rangeobject.index(value) -> integer -- return index of value." },
    { "__reversed__", range_reversed, MO_METH_NOARGS, "Return a reverse iterator." },
    { NULL, NULL, 0, NULL },
};

static MoMemberDef range_members[] = {
    { "start", MO_T_OBJECT, offsetof(MoRangeObject, start), MO_READONLY, NULL },
    { "stop", MO_T_OBJECT, offsetof(MoRangeObject, stop), MO_READONLY, NULL },
    { "step", MO_T_OBJECT, offsetof(MoRangeObject, step), MO_READONLY, NULL },
    { NULL, 0, 0, 0, NULL },
};

MoTypeObject MoRange_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "range",
    .tp_basicsize = sizeof(MoRangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_SEQUENCE,
    .tp_doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_new = range_new,
};

/* ------------------------------------------------------------- iterator */

/* region range_iterator */
/* 48 bytes, not GC, as 3.11's rangeiterobject: it holds no objects. It yields
   start + index * step while index < len. */
typedef struct {
    MoObject_HEAD
    unsigned long index;
    long start;
    long step;
    unsigned long len;
} rangeiterobject;
/* endregion range_iterator */

static MoObject *rangeiter_new(long start, long step, unsigned long len)
{
    rangeiterobject *it = MoObject_New(rangeiterobject, &MoRangeIter_Type);
    if (it == NULL)
        return NULL;
    it->index = 0;
    it->start = start;
    it->step = step;
    it->len = len;
    return (MoObject *)it;
}

static MoObject *range_iter(MoObject *self)
{
    range_bounds b = range_get_bounds((MoRangeObject *)self);
    return rangeiter_new(b.start, b.step, range_len_of(b.start, b.stop, b.step));
}

/* reversed(r): from the last value down, by -step. */
static MoObject *range_reversed(MoObject *self, MoObject *unused)
{
    (void)unused;
    range_bounds b = range_get_bounds((MoRangeObject *)self);
    unsigned long len = range_len_of(b.start, b.stop, b.step);
    long last = len ? range_value_at(b, len - 1) : b.start;
    /* -LONG_MIN does not exist, but 0 - step modulo 2**64 gives the right steps. */
    return rangeiter_new(last, (long)(0UL - (unsigned long)b.step), len);
}

static void rangeiter_dealloc(MoObject *self)
{
    Mo_TYPE(self)->tp_free(self);
}

static MoObject *rangeiter_next(MoObject *self)
{
    rangeiterobject *it = (rangeiterobject *)self;
    if (it->index >= it->len)
        return NULL;
    range_bounds b = { it->start, 0, it->step };
    return MoLong_FromLong(range_value_at(b, it->index++));
}

static MoObject *rangeiter_length_hint(MoObject *self, MoObject *unused)
{
    rangeiterobject *it = (rangeiterobject *)self;
    (void)unused;
    return MoLong_FromUnsignedLongLong(it->len - it->index);
}

static MoMethodDef rangeiter_methods[] = {
    { "__length_hint__", rangeiter_length_hint, MO_METH_NOARGS, "Private method returning an estimate of len(list(it))." },
    { NULL, NULL, 0, NULL },
};

MoTypeObject MoRangeIter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(rangeiterobject),
    .tp_dealloc = rangeiter_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
};

/* ------------------------------------------------------------ lifecycle */

int _MoRange_Init(void)
{
    if (MoType_Ready(&MoRange_Type) < 0 || MoType_Ready(&MoRangeIter_Type) < 0)
        return -1;
    return 0;
}
