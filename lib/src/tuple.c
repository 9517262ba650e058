/* tuple: an immutable array of references, as 3.11's Objects/tupleobject.c.
 *
 * Invariants:
 *  - A tuple of n items is one allocation: a 24-byte var header, then n slots
 *    (basicsize 24, itemsize 8), after a 16-byte GC header: 40 + 8n bytes.
 *  - The empty tuple is one static object (preceded by an unused, untracked GC
 *    header); MoTuple_New(0) returns it and it is never freed.
 *  - A new tuple is tracked by the collector from birth; a collection may untrack
 *    it later (_MoTuple_MaybeUntrack) once its items cannot form a cycle.
 *  - Dead tuples of length 1..20 are parked on one free list per length (up to
 *    2000 each), linked through ob_item[0], and handed out again by MoTuple_New.
 *
 * Sections: the empty singleton and free lists, creation, the public API, the
 * type's slots (repr, hash, compare, sequence), methods, the iterator, lifecycle.
 */
#include <stdarg.h>
#include <string.h>
#include "internal.h"

/* ------------------------------------------------- the empty singleton */

/* A GC header precedes the object, as for every GC type, so that the collector's
   "is it tracked?" test can read it; it stays zero (untracked) forever. */
static struct {
    MoGC_Head gc;
    MoTupleObject tuple;
} tuple_empty = {
    { 0, 0 },
    { { { _MO_STATIC_REFCNT, &MoTuple_Type }, 0 }, { NULL } },
};
#define TUPLE_EMPTY ((MoObject *)&tuple_empty.tuple)

MoObject *_MoTuple_Empty(void)
{
    return TUPLE_EMPTY;
}

static MoObject *tuple_get_empty(void)
{
    return Mo_NewRef(TUPLE_EMPTY);
}

/* ------------------------------------------------------------ free lists */

/* region tuple_freelist */
#define TUPLE_MAXSAVESIZE 20     /* lengths 1..20 have a free list */
#define TUPLE_MAXFREELIST 2000   /* tuples kept per length */

static MoTupleObject *free_list[TUPLE_MAXSAVESIZE];
static int numfree[TUPLE_MAXSAVESIZE];

/* Borrow a parked tuple of this length, or NULL. 3.11 serves only lengths below
   20 while tuple_freelist_push accepts 20 as well: parked 20-tuples are never
   reused (fixed in 3.13). We keep the quirk so that counts match 3.11. */
static MoTupleObject *tuple_freelist_pop(Mo_ssize_t size)
{
    if (size >= TUPLE_MAXSAVESIZE)
        return NULL;
    Mo_ssize_t index = size - 1;
    MoTupleObject *op = free_list[index];
    if (op == NULL)
        return NULL;
    free_list[index] = (MoTupleObject *)op->ob_item[0];
    numfree[index]--;
    _Mo_NewReference((MoObject *)op);
    return op;
}

/* Park a dead exact tuple whose items are released: 1 if kept, 0 if the caller
   must free it. */
static int tuple_freelist_push(MoTupleObject *op)
{
    Mo_ssize_t index = Mo_SIZE(op) - 1;
    if (index < 0 || index >= TUPLE_MAXSAVESIZE || numfree[index] >= TUPLE_MAXFREELIST ||
        !MoTuple_CheckExact(op))
        return 0;
    op->ob_item[0] = (MoObject *)free_list[index];
    free_list[index] = op;
    numfree[index]++;
    return 1;
}
/* endregion tuple_freelist */

void _MoTuple_ClearFreeList(void)
{
    for (int i = 0; i < TUPLE_MAXSAVESIZE; i++) {
        MoTupleObject *op = free_list[i];
        while (op != NULL) {
            MoTupleObject *next = (MoTupleObject *)op->ob_item[0];
            MoObject_GC_Del(op);
            op = next;
        }
        free_list[i] = NULL;
        numfree[i] = 0;
    }
}

/* -------------------------------------------------------------- creation */

/* new, untracked: a tuple of size > 0 NULL slots, from the free list if one is
   parked. NULL with MemoryError. */
static MoTupleObject *tuple_alloc(Mo_ssize_t size)
{
    MoTupleObject *op = tuple_freelist_pop(size);
    if (op == NULL) {
        if ((size_t)size > ((size_t)MO_SSIZE_T_MAX - sizeof(MoTupleObject)) / sizeof(MoObject *))
            return (MoTupleObject *)MoErr_NoMemory();
        op = MoObject_GC_NewVar(MoTupleObject, &MoTuple_Type, size);
        if (op == NULL)
            return NULL;
    }
    memset(op->ob_item, 0, (size_t)size * sizeof(MoObject *));
    return op;
}

MoObject *MoTuple_New(Mo_ssize_t size)
{
    if (size < 0) {
        MoErr_BadInternalCall();
        return NULL;
    }
    if (size == 0)
        return tuple_get_empty();
    MoTupleObject *op = tuple_alloc(size);
    if (op == NULL)
        return NULL;
    MoObject_GC_Track(op);
    return (MoObject *)op;
}

MoObject *_MoTuple_FromArray(MoObject *const *items, Mo_ssize_t n)
{
    if (n == 0)
        return tuple_get_empty();
    MoTupleObject *op = tuple_alloc(n);
    if (op == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++)
        op->ob_item[i] = Mo_NewRef(items[i]);
    MoObject_GC_Track(op);
    return (MoObject *)op;
}

/* ------------------------------------------------------------ public API */

int MoTuple_SetItem(MoObject *op, Mo_ssize_t i, MoObject *newitem)
{
    if (!MoTuple_Check(op) || Mo_REFCNT(op) != 1) {
        Mo_XDECREF(newitem);
        MoErr_BadInternalCall();
        return -1;
    }
    if (i < 0 || i >= Mo_SIZE(op)) {
        Mo_XDECREF(newitem);
        MoErr_SetString(MoExc_IndexError, "tuple assignment index out of range");
        return -1;
    }
    Mo_XSETREF(((MoTupleObject *)op)->ob_item[i], newitem);
    return 0;
}

MoObject *MoTuple_GetItem(MoObject *op, Mo_ssize_t i)
{
    if (!MoTuple_Check(op)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Mo_SIZE(op)) {
        MoErr_SetString(MoExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return ((MoTupleObject *)op)->ob_item[i];
}

Mo_ssize_t MoTuple_Size(MoObject *op)
{
    if (!MoTuple_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    return Mo_SIZE(op);
}

MoObject *MoTuple_Pack(Mo_ssize_t n, ...)
{
    if (n == 0)
        return tuple_get_empty();
    MoTupleObject *op = tuple_alloc(n);
    if (op == NULL)
        return NULL;
    va_list va;
    va_start(va, n);
    for (Mo_ssize_t i = 0; i < n; i++)
        op->ob_item[i] = Mo_NewRef(va_arg(va, MoObject *));
    va_end(va);
    MoObject_GC_Track(op);
    return (MoObject *)op;
}

MoObject *MoTuple_GetSlice(MoObject *op, Mo_ssize_t low, Mo_ssize_t high)
{
    if (op == NULL || !MoTuple_Check(op)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    Mo_ssize_t size = Mo_SIZE(op);
    if (low < 0)
        low = 0;
    if (high > size)
        high = size;
    if (high < low)
        high = low;
    if (low == 0 && high == size && MoTuple_CheckExact(op))
        return Mo_NewRef(op);
    return _MoTuple_FromArray(((MoTupleObject *)op)->ob_item + low, high - low);
}

/* region tuple_maybe_untrack */
void _MoTuple_MaybeUntrack(MoObject *op)
{
    if (!MoTuple_CheckExact(op) || !_MoObject_GC_IS_TRACKED(op))
        return;
    MoTupleObject *t = (MoTupleObject *)op;
    for (Mo_ssize_t i = 0; i < Mo_SIZE(t); i++) {
        MoObject *item = t->ob_item[i];
        /* A NULL slot means the tuple is still being filled: keep watching it. */
        if (item == NULL || _MoObject_GC_MAY_BE_TRACKED(item))
            return;
    }
    MoObject_GC_UnTrack(op);
}
/* endregion tuple_maybe_untrack */

/* ----------------------------------------------------------- destruction */

/* region tuple_dealloc */
static void tuple_dealloc(MoObject *self)
{
    MoTupleObject *op = (MoTupleObject *)self;
    if (self == TUPLE_EMPTY)
        Mo_FatalError("deallocating the empty tuple singleton");
    MoObject_GC_UnTrack(op);
    MO_TRASHCAN_BEGIN(op, tuple_dealloc)
    /* Last to first, as 3.11 does. */
    Mo_ssize_t i = Mo_SIZE(op);
    while (--i >= 0)
        Mo_XDECREF(op->ob_item[i]);
    if (!tuple_freelist_push(op))
        Mo_TYPE(op)->tp_free(op);
    MO_TRASHCAN_END
}
/* endregion tuple_dealloc */

/* No tp_clear: a tuple cannot be changed once built, so a cycle always passes
   through some mutable object, whose tp_clear breaks it (as in CPython). */
static int tuple_traverse(MoObject *self, visitproc visit, void *arg)
{
    MoTupleObject *op = (MoTupleObject *)self;
    for (Mo_ssize_t i = Mo_SIZE(op); --i >= 0;)
        Mo_VISIT(op->ob_item[i]);
    return 0;
}

/* ------------------------------------------------------------------ repr */

static int tuple_repr_items(_MoUnicodeWriter *w, MoTupleObject *v)
{
    Mo_ssize_t n = Mo_SIZE(v);
    if (_MoUnicodeWriter_WriteASCII(w, "(", 1) < 0)
        return -1;
    for (Mo_ssize_t i = 0; i < n; i++) {
        if (i > 0 && _MoUnicodeWriter_WriteASCII(w, ", ", 2) < 0)
            return -1;
        /* MoObject_Repr holds the recursion guard: a deep nest raises
           RecursionError " while getting the repr of an object". */
        MoObject *s = MoObject_Repr(v->ob_item[i]);
        if (s == NULL)
            return -1;
        int r = _MoUnicodeWriter_WriteStr(w, s);
        Mo_DECREF(s);
        if (r < 0)
            return -1;
    }
    if (n == 1 && _MoUnicodeWriter_WriteASCII(w, ",", 1) < 0)
        return -1;
    return _MoUnicodeWriter_WriteASCII(w, ")", 1);
}

static MoObject *tuple_repr(MoObject *self)
{
    if (Mo_SIZE(self) == 0)
        return MoUnicode_FromString("()");
    /* A tuple cannot contain itself directly, but an object holding the tuple
       may sit inside it and print it again. */
    int rc = Mo_ReprEnter(self);
    if (rc != 0)
        return rc > 0 ? MoUnicode_FromString("(...)") : NULL;
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    MoObject *result = NULL;
    if (tuple_repr_items(&w, (MoTupleObject *)self) == 0)
        result = _MoUnicodeWriter_Finish(&w);
    else
        _MoUnicodeWriter_Dealloc(&w);
    Mo_ReprLeave(self);
    return result;
}

/* ------------------------------------------------------------------ hash */

/* region tuple_hash */
/* 3.11's tuplehash: a reduced xxHash (XXH64's round over each item's hash). */
#define XXPRIME_1 ((uint64_t)11400714785074694791ULL)
#define XXPRIME_2 ((uint64_t)14029467366897019727ULL)
#define XXPRIME_5 ((uint64_t)2870177450012600261ULL)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))   /* rotate left 31 bits */

static Mo_hash_t tuple_hash(MoObject *self)
{
    MoTupleObject *v = (MoTupleObject *)self;
    Mo_ssize_t len = Mo_SIZE(v);
    uint64_t acc = XXPRIME_5;
    for (Mo_ssize_t i = 0; i < len; i++) {
        uint64_t lane = (uint64_t)MoObject_Hash(v->ob_item[i]);
        if (lane == (uint64_t)-1)
            return -1;
        acc += lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    /* The length, mangled so that hash(()) keeps its historical value. */
    acc += (uint64_t)len ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (uint64_t)-1)
        return 1546275796;
    return (Mo_hash_t)acc;
}
/* endregion tuple_hash */

/* ------------------------------------------------------------ comparison */

/* Lexicographic: find the first pair of items that differ, then compare them
   with op (or decide == / != at once). */
static MoObject *tuple_richcompare(MoObject *v, MoObject *w, int op)
{
    if (!MoTuple_Check(v) || !MoTuple_Check(w))
        Mo_RETURN_NOTIMPLEMENTED;
    MoTupleObject *vt = (MoTupleObject *)v, *wt = (MoTupleObject *)w;
    Mo_ssize_t vlen = Mo_SIZE(vt), wlen = Mo_SIZE(wt), i;
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = MoObject_RichCompareBool(vt->ob_item[i], wt->ob_item[i], MO_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    return _MoSequence_CompareFrom(vt->ob_item, vlen, wt->ob_item, wlen, i, op);
}

/* -------------------------------------------------------------- sequence */

static Mo_ssize_t tuple_length(MoObject *self)
{
    return Mo_SIZE(self);
}

static int tuple_contains(MoObject *self, MoObject *el)
{
    MoTupleObject *a = (MoTupleObject *)self;
    int cmp = 0;
    for (Mo_ssize_t i = 0; cmp == 0 && i < Mo_SIZE(a); i++)
        cmp = MoObject_RichCompareBool(a->ob_item[i], el, MO_EQ);
    return cmp;
}

static MoObject *tuple_item(MoObject *self, Mo_ssize_t i)
{
    if (i < 0 || i >= Mo_SIZE(self)) {
        MoErr_SetString(MoExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return Mo_NewRef(((MoTupleObject *)self)->ob_item[i]);
}

static MoObject *tuple_concat(MoObject *self, MoObject *other)
{
    if (!MoTuple_Check(other)) {
        MoErr_Format(MoExc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple",
                     _Mo_TypeName(other));
        return NULL;
    }
    MoTupleObject *a = (MoTupleObject *)self, *b = (MoTupleObject *)other;
    if (Mo_SIZE(b) == 0 && MoTuple_CheckExact(a))
        return Mo_NewRef(a);
    if (Mo_SIZE(a) == 0 && MoTuple_CheckExact(b))
        return Mo_NewRef(b);
    Mo_ssize_t size = Mo_SIZE(a) + Mo_SIZE(b);
    if (size == 0)
        return tuple_get_empty();
    MoTupleObject *np = tuple_alloc(size);
    if (np == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < Mo_SIZE(a); i++)
        np->ob_item[i] = Mo_NewRef(a->ob_item[i]);
    for (Mo_ssize_t i = 0; i < Mo_SIZE(b); i++)
        np->ob_item[Mo_SIZE(a) + i] = Mo_NewRef(b->ob_item[i]);
    MoObject_GC_Track(np);
    return (MoObject *)np;
}

/* region tuple_repeat */
/* t * n: the result's slots point at the same items (nothing is copied). */
static MoObject *tuple_repeat(MoObject *self, Mo_ssize_t n)
{
    MoTupleObject *a = (MoTupleObject *)self;
    Mo_ssize_t len = Mo_SIZE(a);
    if ((len == 0 || n == 1) && MoTuple_CheckExact(a))
        return Mo_NewRef(a);
    if (len == 0 || n <= 0)
        return tuple_get_empty();
    if (n > MO_SSIZE_T_MAX / len)
        return MoErr_NoMemory();
    MoTupleObject *np = tuple_alloc(len * n);
    if (np == NULL)
        return NULL;
    MoObject **p = np->ob_item;
    for (Mo_ssize_t i = 0; i < n; i++)
        for (Mo_ssize_t j = 0; j < len; j++)
            *p++ = Mo_NewRef(a->ob_item[j]);
    MoObject_GC_Track(np);
    return (MoObject *)np;
}
/* endregion tuple_repeat */

static MoObject *tuple_subscript(MoObject *self, MoObject *key)
{
    if (!MoIndex_Check(key)) {
        MoErr_Format(MoExc_TypeError, "tuple indices must be integers or slices, not %.200s",
                     _Mo_TypeName(key));
        return NULL;
    }
    Mo_ssize_t i = MoNumber_AsSsize_t(key, MoExc_IndexError);
    if (i == -1 && MoErr_Occurred())
        return NULL;
    if (i < 0)
        i += Mo_SIZE(self);
    return tuple_item(self, i);
}

/* --------------------------------------------------------------- methods */

static MoObject *tuple_index(MoObject *self, MoObject *args)
{
    MoObject *value;
    Mo_ssize_t start, stop;
    if (_MoSequence_IndexArgs(args, Mo_SIZE(self), &value, &start, &stop) < 0)
        return NULL;
    for (Mo_ssize_t i = start; i < stop && i < Mo_SIZE(self); i++) {
        int cmp = MoObject_RichCompareBool(MoTuple_GET_ITEM(self, i), value, MO_EQ);
        if (cmp > 0)
            return MoLong_FromSsize_t(i);
        if (cmp < 0)
            return NULL;
    }
    MoErr_SetString(MoExc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static MoObject *tuple_count(MoObject *self, MoObject *value)
{
    Mo_ssize_t count = 0;
    for (Mo_ssize_t i = 0; i < Mo_SIZE(self); i++) {
        int cmp = MoObject_RichCompareBool(MoTuple_GET_ITEM(self, i), value, MO_EQ);
        if (cmp < 0)
            return NULL;
        count += cmp;
    }
    return MoLong_FromSsize_t(count);
}

static MoObject *tuple_iter(MoObject *seq);

/* new: an instance of type, a subclass of tuple, holding tuple t's items (3.11's
   tuple_subtype_new): var-sized from type->tp_alloc, the class's dict pointer
   after the items; never on a free list, never untracked by the collector. */
static MoObject *tuple_subtype_new(MoTypeObject *type, MoObject *t)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(t);
    MoTupleObject *self = (MoTupleObject *)type->tp_alloc(type, n);
    if (self == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++)
        self->ob_item[i] = Mo_NewRef(MoTuple_GET_ITEM(t, i));
    return (MoObject *)self;
}

/* tuple(iterable) when the type is called. */
static MoObject *tuple_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    MoObject *iterable = NULL;
    if (kwargs != NULL && MoDict_Size(kwargs) > 0) {
        MoErr_SetString(MoExc_TypeError, "tuple() takes no keyword arguments");
        return NULL;
    }
    if (!MoArg_UnpackTuple(args, "tuple", 0, 1, &iterable))
        return NULL;
    MoObject *t = iterable == NULL ? tuple_get_empty() : MoSequence_Tuple(iterable);
    if (t == NULL || type == &MoTuple_Type)
        return t;
    MoObject *self = tuple_subtype_new(type, t);
    Mo_DECREF(t);
    return self;
}

/* ------------------------------------------------------------------ type */

static MoSequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

static MoMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

static MoMethodDef tuple_methods[] = {
    { "index", tuple_index, MO_METH_VARARGS, "Return first index of value." },
    { "count", tuple_count, MO_METH_O, "Return number of occurrences of value." },
    { NULL, NULL, 0, NULL },
};

MoTypeObject MoTuple_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tuple",
    .tp_basicsize = sizeof(MoTupleObject) - sizeof(MoObject *),
    .tp_itemsize = sizeof(MoObject *),
    .tp_dealloc = tuple_dealloc,
    .tp_repr = tuple_repr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuple_hash,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE |
                MO_TPFLAGS_TUPLE_SUBCLASS | MO_TPFLAGS_SEQUENCE,
    .tp_doc = "Built-in immutable sequence.",
    .tp_traverse = tuple_traverse,
    .tp_richcompare = tuple_richcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_new = tuple_new,
};

/* -------------------------------------------------------------- iterator */

/* 48 bytes with its GC header, as 3.11's tupleiterobject. */
typedef struct {
    MoObject_HEAD
    Mo_ssize_t it_index;
    MoTupleObject *it_seq;   /* NULL once exhausted */
} tupleiterobject;

static MoObject *tuple_iter(MoObject *seq)
{
    tupleiterobject *it = MoObject_GC_New(tupleiterobject, &MoTupleIter_Type);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = (MoTupleObject *)Mo_NewRef(seq);
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

static void tupleiter_dealloc(MoObject *self)
{
    tupleiterobject *it = (tupleiterobject *)self;
    MoObject_GC_UnTrack(it);
    Mo_XDECREF(it->it_seq);
    Mo_TYPE(it)->tp_free(it);
}

static int tupleiter_traverse(MoObject *self, visitproc visit, void *arg)
{
    Mo_VISIT(((tupleiterobject *)self)->it_seq);
    return 0;
}

static MoObject *tupleiter_next(MoObject *self)
{
    tupleiterobject *it = (tupleiterobject *)self;
    MoTupleObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index < Mo_SIZE(seq))
        return Mo_NewRef(seq->ob_item[it->it_index++]);
    /* Exhausted: let go of the tuple now, as 3.11 does. */
    it->it_seq = NULL;
    Mo_DECREF(seq);
    return NULL;
}

static MoObject *tupleiter_length_hint(MoObject *self, MoObject *unused)
{
    tupleiterobject *it = (tupleiterobject *)self;
    (void)unused;
    Mo_ssize_t len = it->it_seq ? Mo_SIZE(it->it_seq) - it->it_index : 0;
    return MoLong_FromSsize_t(len);
}

static MoMethodDef tupleiter_methods[] = {
    { "__length_hint__", tupleiter_length_hint, MO_METH_NOARGS, "Private method returning an estimate of len(list(it))." },
    { NULL, NULL, 0, NULL },
};

MoTypeObject MoTupleIter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(tupleiterobject),
    .tp_dealloc = tupleiter_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = tupleiter_next,
    .tp_methods = tupleiter_methods,
};

/* ------------------------------------------------------------- lifecycle */

int _MoTuple_Init(void)
{
    if (MoType_Ready(&MoTuple_Type) < 0 || MoType_Ready(&MoTupleIter_Type) < 0)
        return -1;
    return 0;
}

void _MoTuple_Fini(void)
{
    _MoTuple_ClearFreeList();
}
