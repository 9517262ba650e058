/* itertools, the part the book's twins and the seeds reach for: count, islice,
 * repeat, chain (with chain.from_iterable), as CPython's Modules/itertoolsmodule.c
 * has them: lazy, with 3.11's reprs and messages. The iterators have the shared
 * layout of iterbase.h.
 */
#include "iterbase.h"
#include "modules.h"

/* ------------------------------------------------------------------ count */

/* count(start=0, step=1): a: the next value; b: the step. */
static MoObject *count_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "start", "step", NULL };
    MoObject *start = NULL, *step = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|OO:count", kwlist, &start, &step))
        return NULL;
    if ((start != NULL && !MoNumber_Check(start)) || (step != NULL && !MoNumber_Check(step))) {
        MoErr_SetString(MoExc_TypeError, "a number is required");
        return NULL;
    }
    return _MoIterBase_New(t, start != NULL ? Mo_NewRef(start) : MoLong_FromLong(0),
                           step != NULL ? Mo_NewRef(step) : MoLong_FromLong(1), NULL);
}

static MoObject *count_next(MoObject *o)
{
    MoIterBase *c = (MoIterBase *)o;
    MoObject *next = MoNumber_Add(c->a, c->b);
    if (next == NULL)
        return NULL;
    MoObject *v = c->a;
    c->a = next;
    return v;
}

/* count(5), or count(0, 2) when the step is not the int 1. */
static MoObject *count_repr(MoObject *o)
{
    MoIterBase *c = (MoIterBase *)o;
    if (MoLong_CheckExact(c->b) && MoLong_AsLong(c->b) == 1)
        return MoUnicode_FromFormat("count(%R)", c->a);
    return MoUnicode_FromFormat("count(%R, %R)", c->a, c->b);
}

MO_ITERBASE_TYPE(Count_Type, "itertools.count", count_new, count_next,
                 "Return a count object whose .__next__() method returns consecutive values.");

/* ----------------------------------------------------------------- repeat */

/* repeat(object[, times]): a: the object; n[0]: times left, -1 for ever. */
static MoObject *repeat_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "object", "times", NULL };
    MoObject *obj;
    Mo_ssize_t times = -1;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "O|n:repeat", kwlist, &obj, &times))
        return NULL;
    MoObject *r = _MoIterBase_New(t, Mo_NewRef(obj), NULL, NULL);
    if (r != NULL)
        ((MoIterBase *)r)->n[0] = MoTuple_GET_SIZE(args) + (kwargs ? MoDict_Size(kwargs) : 0) > 1 && times < 0
                                      ? 0 : times;
    return r;
}

static MoObject *repeat_next(MoObject *o)
{
    MoIterBase *r = (MoIterBase *)o;
    if (r->n[0] == 0)
        return NULL;
    if (r->n[0] > 0)
        r->n[0]--;
    return Mo_NewRef(r->a);
}

static MoObject *repeat_repr(MoObject *o)
{
    MoIterBase *r = (MoIterBase *)o;
    if (r->n[0] < 0)
        return MoUnicode_FromFormat("repeat(%R)", r->a);
    return MoUnicode_FromFormat("repeat(%R, %zd)", r->a, r->n[0]);
}

MO_ITERBASE_TYPE(Repeat_Type, "itertools.repeat", repeat_new, repeat_next,
                 "repeat(object [,times]) -> create an iterator which returns the object\n"
                 "for the specified number of times.  If not specified, returns the object\nendlessly.");

/* ----------------------------------------------------------------- islice */

/* One of islice's bounds: None gives dflt; else an int in 0..sys.maxsize, or
   ValueError with msg. 0, or -1. */
static int islice_bound(MoObject *o, Mo_ssize_t dflt, const char *msg, Mo_ssize_t *out)
{
    if (o == NULL || o == Mo_None) {
        *out = dflt;
        return 0;
    }
    *out = MoLong_Check(o) ? MoLong_AsSsize_t(o) : -1;
    if (*out == -1 && MoErr_Occurred()) {
        if (!MoErr_ExceptionMatches(MoExc_OverflowError))
            return -1;
        MoErr_Clear();
    }
    if (*out < 0) {
        MoErr_SetString(MoExc_ValueError, msg);
        return -1;
    }
    return 0;
}

/* islice(iterable, stop) or islice(iterable, start, stop[, step]): a: the
   iterator; n[0]: items taken, n[1]: index of the next to give, n[2]: stop
   (-1: none), n[3]: step. */
static MoObject *islice_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    MoObject *seq, *a1 = NULL, *a2 = NULL, *a3 = NULL;
    Mo_ssize_t start = 0, stop = -1, step = 1;
    if (!_MoArg_NoKeywords("islice", kwargs) || !MoArg_UnpackTuple(args, "islice", 2, 4, &seq, &a1, &a2, &a3))
        return NULL;
    static const char stop_msg[] = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    static const char idx_msg[] = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (MoTuple_GET_SIZE(args) == 2) {
        if (islice_bound(a1, -1, stop_msg, &stop) < 0)
            return NULL;
    } else if (islice_bound(a1, 0, idx_msg, &start) < 0 || islice_bound(a2, -1, idx_msg, &stop) < 0
               || islice_bound(a3, 1, "Step for islice() must be a positive integer or None.", &step) < 0) {
        return NULL;
    }
    if (step == 0) {
        MoErr_SetString(MoExc_ValueError, "Step for islice() must be a positive integer or None.");
        return NULL;
    }
    MoObject *it = MoObject_GetIter(seq);
    if (it == NULL)
        return NULL;
    MoIterBase *s = (MoIterBase *)_MoIterBase_New(t, it, NULL, NULL);
    if (s != NULL) {
        s->n[1] = start;
        s->n[2] = stop;
        s->n[3] = step;
    }
    return (MoObject *)s;
}

static MoObject *islice_next(MoObject *o)
{
    MoIterBase *s = (MoIterBase *)o;
    if (s->a == NULL)
        return NULL;
    while (s->n[0] < s->n[1]) {        /* skip to the next index given */
        MoObject *skipped = MoIter_Next(s->a);
        if (skipped == NULL)
            return _MoIterBase_Exhaust(o);
        Mo_DECREF(skipped);
        s->n[0]++;
    }
    if (s->n[2] != -1 && s->n[0] >= s->n[2])
        return _MoIterBase_Exhaust(o);
    MoObject *v = MoIter_Next(s->a);
    if (v == NULL)
        return _MoIterBase_Exhaust(o);
    s->n[0]++;
    Mo_ssize_t old = s->n[1];
    s->n[1] += s->n[3];
    if (s->n[1] < old || (s->n[2] != -1 && s->n[1] > s->n[2]))
        s->n[1] = s->n[2];
    return v;
}

MO_ITERBASE_TYPE(Islice_Type, "itertools.islice", islice_new, islice_next,
                 "islice(iterable, stop) --> islice object\n"
                 "islice(iterable, start, stop[, step]) --> islice object");

/* ------------------------------------------------------------------ chain */

/* chain(*iterables): a: an iterator over the iterables; b: the current one's
   iterator (NULL between two). */
static MoObject *chain_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    if (!_MoArg_NoKeywords("chain", kwargs))
        return NULL;
    MoObject *source = MoObject_GetIter(args);
    return source == NULL ? NULL : _MoIterBase_New(t, source, NULL, NULL);
}

static MoObject *chain_next(MoObject *o)
{
    MoIterBase *c = (MoIterBase *)o;
    while (c->a != NULL) {
        if (c->b == NULL) {
            MoObject *iterable = MoIter_Next(c->a);
            if (iterable == NULL)
                return _MoIterBase_Exhaust(o);
            c->b = MoObject_GetIter(iterable);
            Mo_DECREF(iterable);
            if (c->b == NULL)
                return _MoIterBase_Exhaust(o);
        }
        MoObject *v = MoIter_Next(c->b);
        if (v != NULL || MoErr_Occurred())
            return v;
        Mo_CLEAR(c->b);
    }
    return NULL;
}

MO_ITERBASE_TYPE(Chain_Type, "itertools.chain", chain_new, chain_next,
                 "Return a chain object whose .__next__() method returns elements from the\n"
                 "first iterable until it is exhausted, then elements from the next\n"
                 "iterable, until all of the iterables are exhausted.");

/* chain.from_iterable(iterables): bound to the type, as a classmethod is. */
static MoObject *chain_from_iterable(MoObject *type, MoObject *iterables)
{
    MoObject *source = MoObject_GetIter(iterables);
    return source == NULL ? NULL : _MoIterBase_New((MoTypeObject *)type, source, NULL, NULL);
}

static MoMethodDef chain_from_iterable_def = {
    "from_iterable", chain_from_iterable, METH_O,
    "Alternative chain() constructor taking a single iterable argument that evaluates lazily.",
};

/* ----------------------------------------------------------------- module */

static int itertools_exec(MoObject *m)
{
    Count_Type.tp_repr = count_repr;
    Repeat_Type.tp_repr = repeat_repr;
    MoTypeObject *types[] = { &Count_Type, &Repeat_Type, &Islice_Type, &Chain_Type };
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(types); i++)
        if (MoModule_AddType(m, types[i]) < 0)
            return -1;
    if (MoDict_GetItemString(Chain_Type.tp_dict, "from_iterable") == NULL) {
        MoObject *f = MoCFunction_NewEx(&chain_from_iterable_def, (MoObject *)&Chain_Type);
        int r = f == NULL ? -1 : MoDict_SetItemString(Chain_Type.tp_dict, "from_iterable", f);
        Mo_XDECREF(f);
        if (r < 0)
            return -1;
    }
    return 0;
}

static MoModuleDef itertools_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "itertools",
    .m_doc = "Functional tools for creating and using iterators.",
    .m_size = -1,
};

MoObject *MoInit_itertools(void)
{
    MoObject *m = MoModule_Create(&itertools_def);
    if (m != NULL && itertools_exec(m) < 0)
        Mo_CLEAR(m);
    return m;
}
