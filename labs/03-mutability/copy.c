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
    // TODO: atoms, tuples and frozensets are their own copy; a list, dict,
    // set or Vec becomes a new container holding the same references
    // (MoList_GetSlice, MoDict_Copy, MoSet_New, Vec_New); anything else is
    // cannot_copy.
    (void)is_atom;
    (void)cannot_copy;
    (void)obj;
    MoErr_SetString(MoExc_NotImplementedError, "Copy_Shallow is not written yet");
    return NULL;
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
    // TODO: a new empty list, recorded in the memo at once; then append
    // the deep copy of each item (deep_copy).
    (void)obj;
    (void)memo;
    (void)memo_record;
    MoErr_SetString(MoExc_NotImplementedError, "deep_list is not written yet");
    return NULL;
}
/* endregion deep_list */

/* region deep_dict */
/* new: a new dict, recorded, then filled with deep copies of keys and values. */
static MoObject *deep_dict(MoObject *obj, MoObject *memo)
{
    // TODO: as deep_list, over the pairs (MoDict_Next): both key and
    // value are deep-copied.
    (void)obj;
    (void)memo;
    MoErr_SetString(MoExc_NotImplementedError, "deep_dict is not written yet");
    return NULL;
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
    // TODO: the items' copies first (deep_items); then the three cases.
    (void)deep_items;
    (void)obj;
    (void)memo;
    MoErr_SetString(MoExc_NotImplementedError, "deep_tuple is not written yet");
    return NULL;
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
    // TODO: the memo first (memo_lookup), then atoms, then each kind
    // (deep_list, deep_dict, deep_tuple, deep_set; a Vec's floats need no deep
    // copy: Copy_Shallow); a new copy's
    // original is recorded if it is not yet, and kept alive (memo_keep_alive).
    (void)obj;
    (void)memo;
    (void)deep_list;
    (void)deep_dict;
    (void)deep_tuple;
    (void)deep_set;
    (void)memo_keep_alive;
    MoErr_SetString(MoExc_NotImplementedError, "deep_copy_one is not written yet");
    return NULL;
}
/* endregion deep_copy_one */

/* region copy_deep */
MoObject *Copy_Deep(MoObject *obj, MoObject *memo)
{
    // TODO: use the caller's memo, or make one for this call (and release
    // it); then deep_copy.
    (void)obj;
    (void)memo;
    MoErr_SetString(MoExc_NotImplementedError, "Copy_Deep is not written yet");
    return NULL;
}
/* endregion copy_deep */
