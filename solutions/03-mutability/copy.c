/* Lab 03, part A: shallow and deep copies (see copy.h for the rules).
 *
 * The memo is the heart of the deep copy. Given (the helpers below): looking an
 * object up, recording its copy, keeping it alive. Yours: deciding, for each kind
 * of object, what its copy is and *when* to record it. A container that can reach
 * itself (list, dict, Vec) must be recorded before its items are copied; an
 * immutable container (tuple, frozenset, set of hashables) can only be built
 * after them.
 */
#include "copy.h"
#include "point.h"
#include "vec.h"

/* ------------------------------------------------------------------- kinds */

/* 1 if o is immutable and holds nothing that could change: its own copy. */
static int is_atom(MoObject *o)
{
    return o == Mo_None || MoLong_CheckExact(o) || MoBool_Check(o) || MoFloat_CheckExact(o)
        || MoUnicode_CheckExact(o) || MoBytes_CheckExact(o) || Point_Check(o);
}

/* NULL with TypeError "cannot pickle 'T' object": what copy raises for an object
   it does not know how to copy. */
static MoObject *cannot_copy(MoObject *o)
{
    MoErr_Format(MoExc_TypeError, "cannot pickle '%.200s' object", Mo_TYPE(o)->tp_name);
    return NULL;
}

/* ---------------------------------------------------------------- shallow */

/* region copy_shallow */
MoObject *Copy_Shallow(MoObject *obj)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: atoms, tuples and frozensets are their own copy; a list, dict, */
    /* STUB: // set or Vec becomes a new container holding the same references */
    /* STUB: // (MoList_GetSlice, MoDict_Copy, MoSet_New, Vec_New); anything else is */
    /* STUB: // cannot_copy. */
    /* STUB: (void)is_atom; */
    /* STUB: (void)cannot_copy; */
    /* STUB: (void)obj; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Copy_Shallow is not written yet"); */
    /* STUB: return NULL; */
    if (is_atom(obj) || MoTuple_CheckExact(obj) || MoFrozenSet_CheckExact(obj))
        return Mo_NewRef(obj);
    if (MoList_CheckExact(obj))
        return MoList_GetSlice(obj, 0, MoList_Size(obj));
    if (MoDict_CheckExact(obj))
        return MoDict_Copy(obj);
    if (MoSet_CheckExact(obj))
        return MoSet_New(obj);
    if (Vec_Check(obj))
        return Vec_New(((VecObject *)obj)->size, ((VecObject *)obj)->values);
    return cannot_copy(obj);
    /* END SOLUTION */
}
/* endregion copy_shallow */

/* ------------------------------------------------------------------- memo */

/* region memo */
/* new: the memo's key for o, id(o) as an int. */
static MoObject *memo_key(MoObject *o)
{
    return MoLong_FromUnsignedLongLong((unsigned long long)MoObject_Id(o));
}

/* borrowed: the copy recorded for o, or NULL: not recorded (no exception) or an
   error (exception set). */
static MoObject *memo_lookup(MoObject *memo, MoObject *o)
{
    MoObject *key = memo_key(o);
    if (key == NULL)
        return NULL;
    MoObject *copy = MoDict_GetItem(memo, key);
    Mo_DECREF(key);
    return copy;
}

/* memo[id(o)] = copy (the memo takes its own reference). 0, or -1. */
static int memo_record(MoObject *memo, MoObject *o, MoObject *copy)
{
    MoObject *key = memo_key(o);
    if (key == NULL)
        return -1;
    int status = MoDict_SetItem(memo, key, copy);
    Mo_DECREF(key);
    return status;
}

/* memo[id(memo)].append(o), making the list on first use: the memo keeps every
   copied original alive, so no new object can take its id while the memo lives
   (Lib/copy.py's _keep_alive). 0, or -1. */
static int memo_keep_alive(MoObject *memo, MoObject *o)
{
    MoObject *originals = memo_lookup(memo, memo);
    if (originals == NULL) {
        if (MoErr_Occurred())
            return -1;
        MoObject *fresh = MoList_New(0);
        if (fresh == NULL)
            return -1;
        int status = memo_record(memo, memo, fresh);
        Mo_DECREF(fresh);
        if (status < 0)
            return -1;
        originals = fresh;   /* the memo holds it now */
    }
    return MoList_Append(originals, o);
}
/* endregion memo */

/* --------------------------------------------------------------------- deep */

static MoObject *deep_copy_one(MoObject *obj, MoObject *memo);

/* region deep_copy_guard */
/* new: the deep copy of obj, one level deeper. Every recursive step comes through
   here, so a copy that recurses without end (a cycle the memo does not stop) ends
   at the recursion limit with CPython's RecursionError for copy.deepcopy, rather
   than in a crash when the C stack runs out. */
static MoObject *deep_copy(MoObject *obj, MoObject *memo)
{
    if (Mo_EnterRecursiveCall(" while calling a Python object") < 0)
        return NULL;
    MoObject *copy = deep_copy_one(obj, memo);
    Mo_LeaveRecursiveCall();
    return copy;
}
/* endregion deep_copy_guard */

/* region deep_list */
/* new: a new list, recorded, then filled with deep copies of the items. */
static MoObject *deep_list(MoObject *obj, MoObject *memo)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: a new empty list, recorded in the memo at once; then append */
    /* STUB: // the deep copy of each item (deep_copy). */
    /* STUB: (void)obj; */
    /* STUB: (void)memo; */
    /* STUB: (void)memo_record; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "deep_list is not written yet"); */
    /* STUB: return NULL; */
    MoObject *copy = MoList_New(0);
    if (copy == NULL)
        return NULL;
    if (memo_record(memo, obj, copy) < 0)
        goto error;
    for (Mo_ssize_t i = 0; i < MoList_Size(obj); i++) {
        MoObject *item = deep_copy(MoList_GetItem(obj, i), memo);
        if (item == NULL)
            goto error;
        int status = MoList_Append(copy, item);
        Mo_DECREF(item);
        if (status < 0)
            goto error;
    }
    return copy;
error:
    Mo_DECREF(copy);
    return NULL;
    /* END SOLUTION */
}
/* endregion deep_list */

/* region deep_dict */
/* new: a new dict, recorded, then filled with deep copies of keys and values. */
static MoObject *deep_dict(MoObject *obj, MoObject *memo)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: as deep_list, over the pairs (MoDict_Next): both key and */
    /* STUB: // value are deep-copied. */
    /* STUB: (void)obj; */
    /* STUB: (void)memo; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "deep_dict is not written yet"); */
    /* STUB: return NULL; */
    MoObject *copy = MoDict_New();
    if (copy == NULL)
        return NULL;
    if (memo_record(memo, obj, copy) < 0)
        goto error;
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(obj, &pos, &k, &v)) {
        MoObject *kc = deep_copy(k, memo);
        MoObject *vc = kc != NULL ? deep_copy(v, memo) : NULL;
        int status = vc != NULL ? MoDict_SetItem(copy, kc, vc) : -1;
        Mo_XDECREF(kc);
        Mo_XDECREF(vc);
        if (status < 0)
            goto error;
    }
    return copy;
error:
    Mo_DECREF(copy);
    return NULL;
    /* END SOLUTION */
}
/* endregion deep_dict */

/* new: a list of the deep copies of the items of the iterable obj (a tuple, set or
   frozenset); *same is 1 when each copy is its item. */
static MoObject *deep_items(MoObject *obj, MoObject *memo, int *same)
{
    MoObject *items = MoList_New(0), *it = MoObject_GetIter(obj), *item;
    *same = 1;
    if (items == NULL || it == NULL)
        goto error;
    while ((item = MoIter_Next(it)) != NULL) {
        MoObject *c = deep_copy(item, memo);
        *same &= c == item;
        Mo_DECREF(item);
        int status = c != NULL ? MoList_Append(items, c) : -1;
        Mo_XDECREF(c);
        if (status < 0)
            goto error;
    }
    if (MoErr_Occurred())
        goto error;
    Mo_DECREF(it);
    return items;
error:
    Mo_XDECREF(it);
    Mo_XDECREF(items);
    return NULL;
}

/* region deep_tuple */
/* new: obj itself when no item changed; the copy recorded meanwhile if obj was
   reached again through its items; otherwise a new tuple of the copies. */
static MoObject *deep_tuple(MoObject *obj, MoObject *memo)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the items' copies first (deep_items); then the three cases. */
    /* STUB: (void)deep_items; */
    /* STUB: (void)obj; */
    /* STUB: (void)memo; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "deep_tuple is not written yet"); */
    /* STUB: return NULL; */
    int same;
    MoObject *items = deep_items(obj, memo, &same);
    if (items == NULL)
        return NULL;
    MoObject *result;
    MoObject *recorded = memo_lookup(memo, obj);
    if (recorded != NULL)
        result = Mo_NewRef(recorded);   /* built already, deeper in the cycle */
    else if (MoErr_Occurred())
        result = NULL;
    else if (same)
        result = Mo_NewRef(obj);
    else
        result = MoList_AsTuple(items);
    Mo_DECREF(items);
    return result;
    /* END SOLUTION */
}
/* endregion deep_tuple */

/* new: a new set or frozenset (like obj) of the deep copies of its items. */
static MoObject *deep_set(MoObject *obj, MoObject *memo)
{
    int same;
    MoObject *items = deep_items(obj, memo, &same);
    if (items == NULL)
        return NULL;
    MoObject *copy = MoSet_CheckExact(obj) ? MoSet_New(items) : MoFrozenSet_New(items);
    Mo_DECREF(items);
    return copy;
}

/* region deep_copy_one */
/* new: the deep copy of obj with the memo (a dict); its parts are copied through
   deep_copy. */
static MoObject *deep_copy_one(MoObject *obj, MoObject *memo)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the memo first (memo_lookup), then atoms, then each kind */
    /* STUB: // (deep_list, deep_dict, deep_tuple, deep_set; a Vec's floats need no deep */
    /* STUB: // copy: Copy_Shallow); a new copy's */
    /* STUB: // original is recorded if it is not yet, and kept alive (memo_keep_alive). */
    /* STUB: (void)obj; */
    /* STUB: (void)memo; */
    /* STUB: (void)deep_list; */
    /* STUB: (void)deep_dict; */
    /* STUB: (void)deep_tuple; */
    /* STUB: (void)deep_set; */
    /* STUB: (void)memo_keep_alive; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "deep_copy_one is not written yet"); */
    /* STUB: return NULL; */
    MoObject *done = memo_lookup(memo, obj);
    if (done != NULL)
        return Mo_NewRef(done);
    if (MoErr_Occurred())
        return NULL;
    if (is_atom(obj))
        return Mo_NewRef(obj);
    MoObject *copy;
    if (MoList_CheckExact(obj))
        copy = deep_list(obj, memo);
    else if (MoDict_CheckExact(obj))
        copy = deep_dict(obj, memo);
    else if (MoTuple_CheckExact(obj))
        copy = deep_tuple(obj, memo);
    else if (MoSet_CheckExact(obj) || MoFrozenSet_CheckExact(obj))
        copy = deep_set(obj, memo);
    else if (Vec_Check(obj))
        copy = Copy_Shallow(obj);     /* floats: nothing deeper to copy */
    else
        return cannot_copy(obj);
    if (copy == NULL || copy == obj)
        return copy;
    /* A new object: recorded (if its kind did not do it already) and kept alive. */
    if (memo_lookup(memo, obj) == NULL && (MoErr_Occurred() || memo_record(memo, obj, copy) < 0))
        Mo_CLEAR(copy);
    else if (memo_keep_alive(memo, obj) < 0)
        Mo_CLEAR(copy);
    return copy;
    /* END SOLUTION */
}
/* endregion deep_copy_one */

/* region copy_deep */
MoObject *Copy_Deep(MoObject *obj, MoObject *memo)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: use the caller's memo, or make one for this call (and release */
    /* STUB: // it); then deep_copy. */
    /* STUB: (void)obj; */
    /* STUB: (void)memo; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Copy_Deep is not written yet"); */
    /* STUB: return NULL; */
    if (memo != NULL)
        return deep_copy(obj, memo);
    MoObject *own = MoDict_New();
    if (own == NULL)
        return NULL;
    MoObject *copy = deep_copy(obj, own);
    Mo_DECREF(own);
    return copy;
    /* END SOLUTION */
}
/* endregion copy_deep */
