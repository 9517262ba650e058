/* The builtins on iteration: the lazy iterator types enumerate, zip, map,
 * filter, reversed (and the callable_iterator of iter(f, sentinel)), and the
 * functions that consume iterables: iter, next, all, any, sum, min, max, sorted.
 *
 * The six iterator types have the layout of iterbase.h; each differs only in how
 * it is made and what its __next__ does.
 */
#include "bltin.h"
#include "iterbase.h"

typedef MoIterBase BltinIter;

/* new: a tuple of iter(x) for each x of args from index start. */
static MoObject *iterators_of(MoObject *args, Mo_ssize_t start)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(args) - start;
    MoObject *its = MoTuple_New(n);
    for (Mo_ssize_t i = 0; its != NULL && i < n; i++) {
        MoObject *it = MoObject_GetIter(MoTuple_GET_ITEM(args, start + i));
        if (it == NULL)
            Mo_CLEAR(its);
        else
            MoTuple_SetItem(its, i, it);
    }
    return its;
}

/* new: a tuple of next(it) for each iterator of its; NULL at the end of the first
   one that ends (*which = its index) or on error (*which = -1). */
static MoObject *next_of_each(MoObject *its, Mo_ssize_t *which)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(its);
    MoObject *t = MoTuple_New(n);
    *which = -1;
    for (Mo_ssize_t i = 0; t != NULL && i < n; i++) {
        MoObject *v = MoIter_Next(MoTuple_GET_ITEM(its, i));
        if (v == NULL) {
            if (!MoErr_Occurred())
                *which = i;
            Mo_CLEAR(t);
        } else {
            MoTuple_SetItem(t, i, v);
        }
    }
    return t;
}

/* ------------------------------------------------------------- enumerate */

/* a: the iterator; b: the next count (an int). */
static MoObject *enumerate_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "iterable", "start", NULL };
    MoObject *iterable, *start = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "O|O:enumerate", kwlist, &iterable, &start))
        return NULL;
    if (start != NULL && !MoLong_Check(start)) {
        MoErr_Format(MoExc_TypeError, "'%s' object cannot be interpreted as an integer", Mo_TYPE(start)->tp_name);
        return NULL;
    }
    MoObject *it = MoObject_GetIter(iterable);
    if (it == NULL)
        return NULL;
    return _MoIterBase_New(t, it, start != NULL ? Mo_NewRef(start) : MoLong_FromLong(0), NULL);
}

static MoObject *enumerate_next(MoObject *o)
{
    BltinIter *e = (BltinIter *)o;
    if (e->a == NULL)
        return NULL;
    MoObject *v = MoIter_Next(e->a);
    if (v == NULL)
        return _MoIterBase_Exhaust(o);
    MoObject *one = MoLong_FromLong(1), *next = MoNumber_Add(e->b, one);
    Mo_DECREF(one);
    if (next == NULL) {
        Mo_DECREF(v);
        return NULL;
    }
    MoObject *pair = MoTuple_Pack(2, e->b, v);
    Mo_DECREF(v);
    Mo_SETREF(e->b, next);
    return pair;
}

MO_ITERBASE_TYPE(Enumerate_Type, "enumerate", enumerate_new, enumerate_next,
                "Return an enumerate object.");

/* ------------------------------------------------------------------- zip */

/* a: the tuple of iterators; n[0]: strict. */
static MoObject *zip_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    int strict = 0;
    if (kwargs != NULL && MoDict_Size(kwargs) > 0) {
        MoObject *k, *v;
        Mo_ssize_t pos = 0;
        while (MoDict_Next(kwargs, &pos, &k, &v)) {
            if (!_MoUnicode_EqualToASCIIString(k, "strict")) {
                MoErr_Format(MoExc_TypeError, "zip() got an unexpected keyword argument '%U'", k);
                return NULL;
            }
            if ((strict = MoObject_IsTrue(v)) < 0)
                return NULL;
        }
    }
    MoObject *its = iterators_of(args, 0);
    if (its == NULL)
        return NULL;
    MoObject *z = _MoIterBase_New(t, its, NULL, NULL);
    if (z != NULL)
        ((BltinIter *)z)->n[0] = strict;
    return z;
}

/* zip(strict=True) whose iterator number `which` ended: 3.11's ValueError if any
   other still has items (or the first ended after others gave theirs). */
static MoObject *zip_strict_end(BltinIter *z, Mo_ssize_t which)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(z->a);
    if (which > 0) {
        MoErr_Format(MoExc_ValueError, "zip() argument %zd is shorter than argument%s%zd", which + 1,
                     which == 1 ? " " : "s 1-", which);
        return _MoIterBase_Exhaust((MoObject *)z);
    }
    for (Mo_ssize_t i = 1; i < n; i++) {
        MoObject *v = MoIter_Next(MoTuple_GET_ITEM(z->a, i));
        if (v != NULL) {
            Mo_DECREF(v);
            MoErr_Format(MoExc_ValueError, "zip() argument %zd is longer than argument%s%zd", i + 1,
                         i == 1 ? " " : "s 1-", i);
            return _MoIterBase_Exhaust((MoObject *)z);
        }
        if (MoErr_Occurred())
            return _MoIterBase_Exhaust((MoObject *)z);
    }
    return _MoIterBase_Exhaust((MoObject *)z);
}

static MoObject *zip_next(MoObject *o)
{
    BltinIter *z = (BltinIter *)o;
    if (z->a == NULL || MoTuple_GET_SIZE(z->a) == 0)
        return NULL;
    Mo_ssize_t which;
    MoObject *t = next_of_each(z->a, &which);
    if (t != NULL)
        return t;
    if (which >= 0 && z->n[0])
        return zip_strict_end(z, which);
    return _MoIterBase_Exhaust(o);
}

MO_ITERBASE_TYPE(Zip_Type, "zip", zip_new, zip_next,
                "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.");

/* ------------------------------------------------------------------- map */

/* a: the function; b: the tuple of iterators. */
static MoObject *map_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    if (!_MoArg_NoKeywords("map", kwargs))
        return NULL;
    if (MoTuple_GET_SIZE(args) < 2) {
        MoErr_SetString(MoExc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    MoObject *its = iterators_of(args, 1);
    return its == NULL ? NULL : _MoIterBase_New(t, Mo_NewRef(MoTuple_GET_ITEM(args, 0)), its, NULL);
}

static MoObject *map_next(MoObject *o)
{
    BltinIter *m = (BltinIter *)o;
    if (m->a == NULL)
        return NULL;
    Mo_ssize_t which;
    MoObject *t = next_of_each(m->b, &which);
    if (t == NULL)
        return which >= 0 ? _MoIterBase_Exhaust(o) : NULL;
    MoObject *r = MoObject_Call(m->a, t, NULL);
    Mo_DECREF(t);
    return r;
}

MO_ITERBASE_TYPE(Map_Type, "map", map_new, map_next,
                "Make an iterator that computes the function using arguments from each of the iterables.");

/* ---------------------------------------------------------------- filter */

/* a: the function (None: the items' truth); b: the iterator. */
static MoObject *filter_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    if (!_MoArg_NoKeywords("filter", kwargs) || !_MoArg_CheckPositionalCount("filter", MoTuple_GET_SIZE(args), 2, 2))
        return NULL;
    MoObject *it = MoObject_GetIter(MoTuple_GET_ITEM(args, 1));
    return it == NULL ? NULL : _MoIterBase_New(t, Mo_NewRef(MoTuple_GET_ITEM(args, 0)), it, NULL);
}

static MoObject *filter_next(MoObject *o)
{
    BltinIter *f = (BltinIter *)o;
    MoObject *v;
    if (f->a == NULL)
        return NULL;
    while ((v = MoIter_Next(f->b)) != NULL) {
        MoObject *test = f->a == Mo_None ? Mo_NewRef(v) : MoObject_CallOneArg(f->a, v);
        int keep = test == NULL ? -1 : MoObject_IsTrue(test);
        Mo_XDECREF(test);
        if (keep > 0)
            return v;
        Mo_DECREF(v);
        if (keep < 0)
            return NULL;
    }
    return MoErr_Occurred() ? NULL : _MoIterBase_Exhaust(o);
}

MO_ITERBASE_TYPE(Filter_Type, "filter", filter_new, filter_next,
                "Return an iterator yielding those items of iterable for which function(item) is true.");

/* -------------------------------------------------------------- reversed */

/* reversed(seq): seq.__reversed__() when its class has one; else, for a
   sequence, an iterator over seq[len-1], ..., seq[0] (a: seq; n[0]: next index). */
static MoObject *reversed_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    MoObject *seq;
    if (!_MoArg_NoKeywords("reversed", kwargs) || !MoArg_UnpackTuple(args, "reversed", 1, 1, &seq))
        return NULL;
    MoObject *name = MoUnicode_InternFromString("__reversed__");
    MoObject *method = name ? _MoType_Lookup(Mo_TYPE(seq), name) : NULL;
    Mo_XDECREF(name);
    if (method == Mo_None) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not reversible", Mo_TYPE(seq)->tp_name);
        return NULL;
    }
    if (method != NULL)
        return MoObject_CallMethod(seq, "__reversed__", NULL);
    if (!MoSequence_Check(seq) || MoDict_Check(seq)) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not reversible", Mo_TYPE(seq)->tp_name);
        return NULL;
    }
    Mo_ssize_t n = MoSequence_Size(seq);
    if (n < 0)
        return NULL;
    MoObject *r = _MoIterBase_New(t, Mo_NewRef(seq), NULL, NULL);
    if (r != NULL)
        ((BltinIter *)r)->n[0] = n - 1;
    return r;
}

static MoObject *reversed_next(MoObject *o)
{
    BltinIter *r = (BltinIter *)o;
    if (r->a == NULL || r->n[0] < 0)
        return _MoIterBase_Exhaust(o);
    MoObject *v = MoSequence_GetItem(r->a, r->n[0]--);
    if (v == NULL && (MoErr_ExceptionMatches(MoExc_IndexError) || MoErr_ExceptionMatches(MoExc_StopIteration))) {
        MoErr_Clear();
        return _MoIterBase_Exhaust(o);
    }
    return v;
}

MO_ITERBASE_TYPE(Reversed_Type, "reversed", reversed_new, reversed_next,
                "Return a reverse iterator over the values of the given sequence.");

/* ------------------------------------------------------ callable_iterator */

/* iter(f, sentinel): a: f; b: the sentinel. */
static MoObject *calliter_next(MoObject *o)
{
    BltinIter *c = (BltinIter *)o;
    if (c->a == NULL)
        return NULL;
    MoObject *v = MoObject_CallNoArgs(c->a);
    if (v == NULL) {
        if (MoErr_ExceptionMatches(MoExc_StopIteration)) {
            MoErr_Clear();
            return _MoIterBase_Exhaust(o);
        }
        return NULL;
    }
    int end = MoObject_RichCompareBool(v, c->b, MO_EQ);
    if (end == 0)
        return v;
    Mo_DECREF(v);
    return end > 0 ? _MoIterBase_Exhaust(o) : NULL;
}

MO_ITERBASE_TYPE(CallIter_Type, "callable_iterator", NULL, calliter_next, NULL);

int _MoBltin_AddIteratorTypes(MoObject *module)
{
    MoTypeObject *types[] = { &Enumerate_Type, &Zip_Type, &Map_Type, &Filter_Type, &Reversed_Type };
    if (MoType_Ready(&CallIter_Type) < 0)
        return -1;
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(types); i++)
        if (MoModule_AddType(module, types[i]) < 0)
            return -1;
    return 0;
}

/* ------------------------------------------------------------ iter, next */

static MoObject *builtin_iter(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("iter", nargs, 1, 2))
        return NULL;
    if (nargs == 1)
        return MoObject_GetIter(args[0]);
    if (!MoCallable_Check(args[0])) {
        MoErr_SetString(MoExc_TypeError, "iter(v, w): v must be callable");
        return NULL;
    }
    return _MoIterBase_New(&CallIter_Type, Mo_NewRef(args[0]), Mo_NewRef(args[1]), NULL);
}

static MoObject *builtin_next(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("next", nargs, 1, 2))
        return NULL;
    MoTypeObject *t = Mo_TYPE(args[0]);
    if (t->tp_iternext == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not an iterator", t->tp_name);
        return NULL;
    }
    MoObject *v = t->tp_iternext(args[0]);
    if (v != NULL)
        return v;
    if (MoErr_Occurred()) {
        if (nargs == 1 || !MoErr_ExceptionMatches(MoExc_StopIteration))
            return NULL;
        MoErr_Clear();
    }
    if (nargs == 2)
        return Mo_NewRef(args[1]);
    MoErr_SetNone(MoExc_StopIteration);
    return NULL;
}

/* ------------------------------------------------------------- all, any */

/* all (want 0) or any (want 1): the first item whose truth is `want` decides. */
static MoObject *first_with_truth(MoObject *iterable, int want)
{
    MoObject *it = MoObject_GetIter(iterable), *v;
    if (it == NULL)
        return NULL;
    while ((v = MoIter_Next(it)) != NULL) {
        int t = MoObject_IsTrue(v);
        Mo_DECREF(v);
        if (t < 0)
            break;
        if (t == want) {
            Mo_DECREF(it);
            return MoBool_FromLong(want);
        }
    }
    Mo_DECREF(it);
    return MoErr_Occurred() ? NULL : MoBool_FromLong(!want);
}

static MoObject *builtin_all(MoObject *self, MoObject *iterable)
{
    (void)self;
    return first_with_truth(iterable, 0);
}

static MoObject *builtin_any(MoObject *self, MoObject *iterable)
{
    (void)self;
    return first_with_truth(iterable, 1);
}

/* ------------------------------------------------------------------ sum */

/* Keyword arguments a function accepts (names, NULL-terminated): 1 if every key
   of kwargs is one of them, else 0 with "'x' is an invalid keyword argument for f()". */
static int keywords_ok(MoObject *kwargs, const char *const *names, const char *fn)
{
    MoObject *k, *v;
    Mo_ssize_t pos = 0;
    while (kwargs != NULL && MoDict_Next(kwargs, &pos, &k, &v)) {
        int known = 0;
        for (const char *const *n = names; *n != NULL; n++)
            known |= MoUnicode_Check(k) && _MoUnicode_EqualToASCIIString(k, *n);
        if (!known) {
            MoErr_Format(MoExc_TypeError, "'%S' is an invalid keyword argument for %s()", k, fn);
            return 0;
        }
    }
    return 1;
}

/* borrowed: kwargs[name], or NULL (no exception). */
static MoObject *keyword(MoObject *kwargs, const char *name)
{
    return kwargs == NULL ? NULL : MoDict_GetItemString(kwargs, name);
}

static MoObject *builtin_sum(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static const char *const names[] = { "start", NULL };
    (void)self;
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    if (nargs == 0) {
        MoErr_SetString(MoExc_TypeError, "sum() takes at least 1 positional argument (0 given)");
        return NULL;
    }
    MoObject *start = keyword(kwargs, "start");
    Mo_ssize_t total = nargs + (kwargs != NULL ? MoDict_Size(kwargs) : 0);
    if (total > 2) {
        MoErr_Format(MoExc_TypeError, "sum() takes at most 2 arguments (%zd given)", total);
        return NULL;
    }
    if (!keywords_ok(kwargs, names, "sum"))
        return NULL;
    if (nargs == 2)
        start = MoTuple_GET_ITEM(args, 1);
    if (start != NULL && MoUnicode_Check(start)) {
        MoErr_SetString(MoExc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
        return NULL;
    }
    if (start != NULL && MoBytes_Check(start)) {
        MoErr_SetString(MoExc_TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
        return NULL;
    }
    MoObject *it = MoObject_GetIter(MoTuple_GET_ITEM(args, 0)), *v;
    if (it == NULL)
        return NULL;
    MoObject *acc = start != NULL ? Mo_NewRef(start) : MoLong_FromLong(0);
    while (acc != NULL && (v = MoIter_Next(it)) != NULL) {
        Mo_SETREF(acc, MoNumber_Add(acc, v));
        Mo_DECREF(v);
    }
    Mo_DECREF(it);
    if (acc != NULL && MoErr_Occurred())
        Mo_CLEAR(acc);
    return acc;
}

/* ------------------------------------------------------------- min, max */

/* min (op MO_LT) or max (op MO_GT): the first item that no later one beats. */
static MoObject *min_max(MoObject *args, MoObject *kwargs, int op, const char *fn)
{
    static const char *const names[] = { "key", "default", NULL };
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    if (nargs == 0) {
        MoErr_Format(MoExc_TypeError, "%s expected at least 1 argument, got 0", fn);
        return NULL;
    }
    if (!keywords_ok(kwargs, names, fn))
        return NULL;
    MoObject *key = keyword(kwargs, "key"), *dflt = keyword(kwargs, "default");
    if (key == Mo_None)
        key = NULL;
    if (nargs > 1 && dflt != NULL) {
        MoErr_Format(MoExc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", fn);
        return NULL;
    }
    MoObject *it = MoObject_GetIter(nargs == 1 ? MoTuple_GET_ITEM(args, 0) : args), *v;
    if (it == NULL)
        return NULL;
    MoObject *best = NULL, *best_key = NULL;
    while ((v = MoIter_Next(it)) != NULL) {
        MoObject *k = key != NULL ? MoObject_CallOneArg(key, v) : Mo_NewRef(v);
        int better = k == NULL ? -1 : best == NULL ? 1 : MoObject_RichCompareBool(k, best_key, op);
        if (better > 0) {
            Mo_XSETREF(best, v);
            Mo_XSETREF(best_key, k);
            continue;
        }
        Mo_DECREF(v);
        Mo_XDECREF(k);
        if (better < 0)
            break;
    }
    Mo_DECREF(it);
    Mo_XDECREF(best_key);
    if (MoErr_Occurred()) {
        Mo_XDECREF(best);
        return NULL;
    }
    if (best != NULL)
        return best;
    if (dflt != NULL)
        return Mo_NewRef(dflt);
    MoErr_Format(MoExc_ValueError, "%s() arg is an empty sequence", fn);
    return NULL;
}

static MoObject *builtin_min(MoObject *self, MoObject *args, MoObject *kwargs)
{
    (void)self;
    return min_max(args, kwargs, MO_LT, "min");
}

static MoObject *builtin_max(MoObject *self, MoObject *args, MoObject *kwargs)
{
    (void)self;
    return min_max(args, kwargs, MO_GT, "max");
}

/* --------------------------------------------------------------- sorted */

/* Merge the runs [lo, mid) and [mid, hi) of idx (indices into keys) through tmp;
   an item of the right run goes first only when it is strictly less (greater,
   reversed), so that equal items keep their order. 0, or -1 with an exception. */
static int merge(MoObject **keys, Mo_ssize_t *idx, Mo_ssize_t *tmp, Mo_ssize_t lo, Mo_ssize_t mid,
                 Mo_ssize_t hi, int reverse)
{
    Mo_ssize_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        int right_first = reverse ? MoObject_RichCompareBool(keys[idx[i]], keys[idx[j]], MO_LT)
                                  : MoObject_RichCompareBool(keys[idx[j]], keys[idx[i]], MO_LT);
        if (right_first < 0)
            return -1;
        tmp[k++] = right_first ? idx[j++] : idx[i++];
    }
    while (i < mid)
        tmp[k++] = idx[i++];
    while (j < hi)
        tmp[k++] = idx[j++];
    memcpy(idx + lo, tmp + lo, (size_t)(hi - lo) * sizeof *idx);
    return 0;
}

/* Sort idx[0..n) by keys, bottom-up. 0, or -1 with an exception. */
static int merge_sort(MoObject **keys, Mo_ssize_t *idx, Mo_ssize_t n, int reverse)
{
    Mo_ssize_t *tmp = malloc((size_t)(n > 0 ? n : 1) * sizeof *tmp);
    if (tmp == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    int r = 0;
    for (Mo_ssize_t width = 1; width < n && r == 0; width *= 2)
        for (Mo_ssize_t lo = 0; lo + width < n && r == 0; lo += 2 * width)
            r = merge(keys, idx, tmp, lo, lo + width, lo + 2 * width < n ? lo + 2 * width : n, reverse);
    free(tmp);
    return r;
}

MoObject *_MoBltin_Sorted(MoObject *iterable, MoObject *key, int reverse)
{
    MoObject *items = MoSequence_List(iterable);
    if (items == NULL)
        return NULL;
    Mo_ssize_t n = MoList_Size(items);
    MoObject **keys = calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
    Mo_ssize_t *idx = malloc((size_t)(n > 0 ? n : 1) * sizeof *idx);
    MoObject *result = NULL;
    if (keys == NULL || idx == NULL) {
        MoErr_NoMemory();
        goto done;
    }
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *item = MoList_GetItem(items, i);
        keys[i] = key != NULL ? MoObject_CallOneArg(key, item) : Mo_NewRef(item);
        idx[i] = i;
        if (keys[i] == NULL)
            goto done;
    }
    if (merge_sort(keys, idx, n, reverse) < 0)
        goto done;
    result = MoList_New(n);
    for (Mo_ssize_t i = 0; result != NULL && i < n; i++)
        MoList_SetItem(result, i, Mo_NewRef(MoList_GetItem(items, idx[i])));
done:
    for (Mo_ssize_t i = 0; keys != NULL && i < n; i++)
        Mo_XDECREF(keys[i]);
    free(keys);
    free(idx);
    Mo_DECREF(items);
    return result;
}

static MoObject *builtin_sorted(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "key", "reverse", NULL };
    MoObject *key = Mo_None;
    int reverse = 0;
    (void)self;
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    if (!_MoArg_CheckPositionalCount("sorted", nargs, 1, 1))
        return NULL;
    MoObject *none = MoTuple_New(0);
    if (none == NULL)
        return NULL;
    int ok = MoArg_ParseTupleAndKeywords(none, kwargs, "|$Op:sort", kwlist, &key, &reverse);
    Mo_DECREF(none);
    if (!ok)
        return NULL;
    return _MoBltin_Sorted(MoTuple_GET_ITEM(args, 0), key == Mo_None ? NULL : key, reverse);
}

MoMethodDef _MoBltin_IterMethods[] = {
    { "iter", (MoCFunction)(void (*)(void))builtin_iter, METH_FASTCALL,
      "Get an iterator from an object." },
    { "next", (MoCFunction)(void (*)(void))builtin_next, METH_FASTCALL,
      "Return the next item from the iterator." },
    { "all", builtin_all, METH_O, "Return True if bool(x) is True for all values x in the iterable." },
    { "any", builtin_any, METH_O, "Return True if bool(x) is True for any x in the iterable." },
    { "sum", (MoCFunction)(void (*)(void))builtin_sum, METH_VARARGS | METH_KEYWORDS,
      "Return the sum of a 'start' value (default: 0) plus an iterable of numbers" },
    { "min", (MoCFunction)(void (*)(void))builtin_min, METH_VARARGS | METH_KEYWORDS,
      "With a single iterable argument, return its smallest item." },
    { "max", (MoCFunction)(void (*)(void))builtin_max, METH_VARARGS | METH_KEYWORDS,
      "With a single iterable argument, return its biggest item." },
    { "sorted", (MoCFunction)(void (*)(void))builtin_sorted, METH_VARARGS | METH_KEYWORDS,
      "Return a new list containing all items from the iterable in ascending order." },
    { NULL, NULL, 0, NULL },
};
