/* Lab 02, part B: Cents and its small-value cache, and Tally (see cents.h).
 *
 * The cache: cents_small[v - CENTS_SMALL_MIN] is the one object of amount v, for
 * every v in the range. The array holds one reference to each (made by Cents_Ready,
 * released at Mo_Finalize); every object handed out from it is a new reference of
 * the caller's, so the array's reference is never given away.
 *
 * Start reading at Cents_FromLong.
 */
#include "cents.h"
#include "atfinalize.h"

static MoObject *cents_small[CENTS_SMALL_COUNT];

/* ------------------------------------------------------------------ the cache */

/* new: a Cents object of amount v, made afresh (never from the cache). */
static MoObject *cents_alloc(long v)
{
    CentsObject *c = MoObject_New(CentsObject, &Cents_Type);
    if (c == NULL)
        return NULL;
    c->value = v;
    return (MoObject *)c;
}

/* 1 if v is one of the cached amounts. */
static int cents_is_small(long v)
{
    (void)v;
    return 0;   // TODO: the range, both ends included
}

/* At Mo_Finalize: release the array's reference to each cached object. */
static MoObject *cents_cache_release(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    // TODO: release each cached object and empty its slot.
    Mo_RETURN_NONE;
}

/* Make every cached object (once per runtime). 0, or -1 with MemoryError, the cache
   then partly filled (what was made is released at Mo_Finalize all the same). */
static int cents_cache_fill(void)
{
    // TODO: one cents_alloc per amount of the range, stored in cents_small.
    (void)cents_alloc;
    return 0;
}

int Cents_Ready(void)
{
    if (MoType_Ready(&Cents_Type) < 0 || MoType_Ready(&Tally_Type) < 0)
        return -1;
    if (cents_small[0] != NULL)
        return 0;
    if (Lab02_AtFinalize("cents_cache_release", cents_cache_release) < 0)
        return -1;
    return cents_cache_fill();
}

/* 1 if op is of type t; 0 with TypeError "expected a WHAT, got 'int'" otherwise. */
static int lab_expect(MoObject *op, MoTypeObject *t, const char *what)
{
    if (Mo_IS_TYPE(op, t))
        return 1;
    MoErr_Format(MoExc_TypeError, "expected a %s, got '%s'", what, Mo_TYPE(op)->tp_name);
    return 0;
}

long Cents_AsLong(MoObject *cents)
{
    return lab_expect(cents, &Cents_Type, "Cents") ? ((CentsObject *)cents)->value : -1;
}

/* region cents_from_long */
MoObject *Cents_FromLong(long v)
{
    // TODO: a cached amount comes from cents_small, as a new reference; any
    // other is made afresh (cents_alloc).
    (void)cents_is_small;
    (void)v;
    MoErr_SetString(MoExc_NotImplementedError, "Cents_FromLong is not written yet");
    return NULL;
}
/* endregion cents_from_long */



MoObject *Cents_Add(MoObject *a, MoObject *b)
{
    long x = Cents_AsLong(a), y;
    if ((x == -1 && MoErr_Occurred()) || ((y = Cents_AsLong(b)) == -1 && MoErr_Occurred()))
        return NULL;
    (void)y;
    MoErr_SetString(MoExc_NotImplementedError, "Cents_Add is not written yet");
    return NULL;
}

/* "Cents(250)" */
static MoObject *cents_repr(MoObject *self)
{
    return MoUnicode_FromFormat("Cents(%ld)", ((CentsObject *)self)->value);
}

/* The hash of the int of the same value (so that a Cents could stand in for it). */
static Mo_hash_t cents_hash(MoObject *self)
{
    long v = ((CentsObject *)self)->value;
    return v == -1 ? -2 : (Mo_hash_t)v;
}

/* Amounts compare by value (unlike symbols): Cents(1000) == Cents(1000) although they
   are two objects. */
static MoObject *cents_richcompare(MoObject *self, MoObject *other, int op)
{
    if (!Cents_Check(other))
        Mo_RETURN_NOTIMPLEMENTED;
    long a = ((CentsObject *)self)->value, b = ((CentsObject *)other)->value;
    int r = op == MO_LT ? a < b : op == MO_LE ? a <= b : op == MO_EQ ? a == b
          : op == MO_NE ? a != b : op == MO_GT ? a > b : a >= b;
    return MoBool_FromLong(r);
}

MoTypeObject Cents_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab02.Cents",
    .tp_basicsize = sizeof(CentsObject),
    .tp_repr = cents_repr,
    .tp_hash = cents_hash,
    .tp_richcompare = cents_richcompare,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "An amount of money in cents; small amounts are cached.",
};

/* ----------------------------------------------------------------- the tally */

MoObject *Tally_FromLong(long start)
{
    (void)start;
    MoErr_SetString(MoExc_NotImplementedError, "Tally_FromLong is not written yet");
    return NULL;
}

int Tally_Increment(MoObject *tally)
{
    if (!lab_expect(tally, &Tally_Type, "Tally"))
        return -1;
    ((TallyObject *)tally)->count++;
    return 0;
}

long Tally_Value(MoObject *tally)
{
    return lab_expect(tally, &Tally_Type, "Tally") ? ((TallyObject *)tally)->count : -1;
}

static MoObject *tally_repr(MoObject *self)
{
    return MoUnicode_FromFormat("Tally(%ld)", ((TallyObject *)self)->count);
}

MoTypeObject Tally_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab02.Tally",
    .tp_basicsize = sizeof(TallyObject),
    .tp_repr = tally_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "A counter that can change: never cached.",
};
