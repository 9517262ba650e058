/* list: a growable array of references, as 3.11's Objects/listobject.c.
 *
 * Invariants:
 *  - 0 <= ob_size <= allocated; ob_item[0..ob_size-1] are the items (owned
 *    references); ob_item is NULL only when allocated is 0 (and may be non-NULL
 *    with allocated 0 after a shrink to nothing, as in CPython).
 *  - The object is 40 bytes after a 16-byte GC header; the slot array is a
 *    separate MoMem block of 8 * allocated bytes: getsizeof = 56 + 8 * allocated.
 *  - Growth goes through list_resize, which over-allocates so that n appends
 *    cost O(n) in all; the exact-size paths (MoList_New, repeat, slices, and
 *    list_preallocate_exact for extend into an empty list) bypass it.
 *  - Dead exact lists keep their 40-byte shell on a free list of 80; the slot
 *    array is always freed.
 *
 * Start reading at list_resize. Sections: free list, sizing, the public API,
 * the type's slots (dealloc, repr, compare, sequence, mapping), methods, the
 * iterators, lifecycle.
 */
#include <string.h>
#include "internal.h"

/* ------------------------------------------------------------- free list */

/* region list_freelist */
#define LIST_MAXFREELIST 80

static MoListObject *free_list[LIST_MAXFREELIST];
static int numfree;

/* new, untracked: an empty list shell (ob_item NULL), from the free list if one
   is parked. NULL with MemoryError. */
static MoListObject *list_alloc_shell(void)
{
    MoListObject *op;
    if (numfree > 0) {
        op = free_list[--numfree];
        _Mo_NewReference((MoObject *)op);
    } else {
        op = MoObject_GC_New(MoListObject, &MoList_Type);
        if (op == NULL)
            return NULL;
    }
    op->ob_item = NULL;
    Mo_SET_SIZE(op, 0);
    op->allocated = 0;
    return op;
}
/* endregion list_freelist */

void _MoList_ClearFreeList(void)
{
    while (numfree > 0)
        MoObject_GC_Del(free_list[--numfree]);
}

/* ---------------------------------------------------------------- sizing */

/* region list_resize */
/* Make room for newsize items and set ob_size to it. The array is reallocated
   only when newsize is above the capacity or below half of it; then the new
   capacity is newsize plus about 1/8, plus 6, rounded down to a multiple of 4
   (0, 4, 8, 16, 24, 32, 40, 52, 64, 76, ... for one append at a time). A jump
   bigger than that over-allocation is given exactly, rounded up to 4.
   0, or -1 with MemoryError and the list unchanged. Items beyond the old size
   are left uninitialised: the caller fills them. */
static int list_resize(MoListObject *self, Mo_ssize_t newsize)
{
    Mo_ssize_t allocated = self->allocated;
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        Mo_SET_SIZE(self, newsize);
        return 0;
    }
    size_t new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    if (newsize - Mo_SIZE(self) > (Mo_ssize_t)(new_allocated - (size_t)newsize))
        new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0)
        new_allocated = 0;
    if (new_allocated > (size_t)MO_SSIZE_T_MAX / sizeof(MoObject *)) {
        MoErr_NoMemory();
        return -1;
    }
    MoObject **items = MoMem_Realloc(self->ob_item, new_allocated * sizeof(MoObject *));
    if (items == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    Mo_SET_SIZE(self, newsize);
    self->allocated = (Mo_ssize_t)new_allocated;
    return 0;
}
/* endregion list_resize */

/* region list_preallocate_exact */
/* An empty list about to receive `size` items: allocate exactly that many slots,
   rounded up to even (the allocator's 16-byte granularity makes the odd slot
   free), without over-allocation. ob_size stays 0. */
static int list_preallocate_exact(MoListObject *self, Mo_ssize_t size)
{
    size = (size + 1) & ~(Mo_ssize_t)1;
    if ((size_t)size > (size_t)MO_SSIZE_T_MAX / sizeof(MoObject *)) {
        MoErr_NoMemory();
        return -1;
    }
    MoObject **items = MoMem_Malloc((size_t)size * sizeof(MoObject *));
    if (items == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    self->ob_item = items;
    self->allocated = size;
    return 0;
}
/* endregion list_preallocate_exact */

/* new, tracked: an empty list with room for exactly `size` items (ob_size 0,
   the slots uninitialised). */
static MoListObject *list_new_prealloc(Mo_ssize_t size)
{
    MoListObject *op = (MoListObject *)MoList_New(0);
    if (op == NULL || size == 0)
        return op;
    op->ob_item = MoMem_Malloc((size_t)size * sizeof(MoObject *));
    if (op->ob_item == NULL) {
        Mo_DECREF(op);
        return (MoListObject *)MoErr_NoMemory();
    }
    op->allocated = size;
    return op;
}

/* Add n to o's count in one step (what n Mo_INCREFs would do). */
static void list_incref_n(MoObject *o, Mo_ssize_t n)
{
    Mo_INCREF(o);   /* checks, in the debug build, that o is alive */
    o->ob_refcnt += n - 1;
#ifdef MO_DEBUG
    _Mo_RefTotal += n - 1;
#endif
}

/* -------------------------------------------------------- adding, removing */

/* Append, taking over the caller's reference to item (released on failure). */
static int list_append_take(MoListObject *self, MoObject *item)
{
    Mo_ssize_t len = Mo_SIZE(self);
    if (self->allocated > len) {
        self->ob_item[len] = item;
        Mo_SET_SIZE(self, len + 1);
        return 0;
    }
    if (list_resize(self, len + 1) < 0) {
        Mo_DECREF(item);
        return -1;
    }
    self->ob_item[len] = item;
    return 0;
}

/* Insert a new reference to v before index where (clamped as list.insert). */
static int list_insert_at(MoListObject *self, Mo_ssize_t where, MoObject *v)
{
    Mo_ssize_t n = Mo_SIZE(self);
    if (list_resize(self, n + 1) < 0)
        return -1;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    MoObject **items = self->ob_item;
    memmove(&items[where + 1], &items[where], (size_t)(n - where) * sizeof(MoObject *));
    items[where] = Mo_NewRef(v);
    return 0;
}

/* region list_remove_range */
/* Remove items[low:high] (0 <= low <= high <= size). The list is made consistent
   (moved down and shrunk) before the removed items are released, last to first,
   because releasing one may run code that looks at this list. */
static int list_remove_range(MoListObject *self, Mo_ssize_t low, Mo_ssize_t high)
{
    Mo_ssize_t n = high - low, size = Mo_SIZE(self);
    if (n == 0)
        return 0;
    MoObject *small[8];
    MoObject **recycle = n <= 8 ? small : MoMem_Malloc((size_t)n * sizeof(MoObject *));
    if (recycle == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    MoObject **items = self->ob_item;
    memcpy(recycle, &items[low], (size_t)n * sizeof(MoObject *));
    memmove(&items[low], &items[high], (size_t)(size - high) * sizeof(MoObject *));
    if (list_resize(self, size - n) < 0) {
        /* Put everything back as it was. */
        memmove(&items[high], &items[low], (size_t)(size - high) * sizeof(MoObject *));
        memcpy(&items[low], recycle, (size_t)n * sizeof(MoObject *));
        if (recycle != small)
            MoMem_Free(recycle);
        return -1;
    }
    for (Mo_ssize_t k = n - 1; k >= 0; k--)
        Mo_DECREF(recycle[k]);
    if (recycle != small)
        MoMem_Free(recycle);
    return 0;
}
/* endregion list_remove_range */

/* Empty the list and free its array. The list is emptied first and the items
   released after, last to first: a destructor may look at the list. */
static int list_clear_items(MoListObject *a)
{
    MoObject **items = a->ob_item;
    if (items == NULL)
        return 0;
    Mo_ssize_t i = Mo_SIZE(a);
    Mo_SET_SIZE(a, 0);
    a->ob_item = NULL;
    a->allocated = 0;
    while (--i >= 0)
        Mo_XDECREF(items[i]);
    MoMem_Free(items);
    return 0;
}

/* ------------------------------------------------------------ public API */

MoObject *MoList_New(Mo_ssize_t size)
{
    if (size < 0) {
        MoErr_BadInternalCall();
        return NULL;
    }
    MoListObject *op = list_alloc_shell();
    if (op == NULL)
        return NULL;
    if (size > 0) {
        if ((size_t)size > (size_t)MO_SSIZE_T_MAX / sizeof(MoObject *)) {
            Mo_DECREF(op);
            return MoErr_NoMemory();
        }
        op->ob_item = MoMem_Calloc((size_t)size, sizeof(MoObject *));
        if (op->ob_item == NULL) {
            Mo_DECREF(op);
            return MoErr_NoMemory();
        }
    }
    Mo_SET_SIZE(op, size);
    op->allocated = size;
    MoObject_GC_Track(op);
    return (MoObject *)op;
}

Mo_ssize_t MoList_Size(MoObject *op)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    return Mo_SIZE(op);
}

MoObject *MoList_GetItem(MoObject *op, Mo_ssize_t i)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    if (i < 0 || i >= Mo_SIZE(op)) {
        MoErr_SetString(MoExc_IndexError, "list index out of range");
        return NULL;
    }
    return ((MoListObject *)op)->ob_item[i];
}

/* region list_setitem */
int MoList_SetItem(MoObject *op, Mo_ssize_t i, MoObject *newitem)
{
    if (!MoList_Check(op)) {
        Mo_XDECREF(newitem);
        MoErr_BadInternalCall();
        return -1;
    }
    if (i < 0 || i >= Mo_SIZE(op)) {
        Mo_XDECREF(newitem);
        MoErr_SetString(MoExc_IndexError, "list assignment index out of range");
        return -1;
    }
    Mo_XSETREF(((MoListObject *)op)->ob_item[i], newitem);
    return 0;
}
/* endregion list_setitem */

int MoList_Insert(MoObject *op, Mo_ssize_t where, MoObject *newitem)
{
    if (!MoList_Check(op) || newitem == NULL) {
        MoErr_BadInternalCall();
        return -1;
    }
    return list_insert_at((MoListObject *)op, where, newitem);
}

/* region list_append */
int MoList_Append(MoObject *op, MoObject *newitem)
{
    if (!MoList_Check(op) || newitem == NULL) {
        MoErr_BadInternalCall();
        return -1;
    }
    return list_append_take((MoListObject *)op, Mo_NewRef(newitem));
}
/* endregion list_append */

int MoList_DelItem(MoObject *op, Mo_ssize_t i)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    if (i < 0)
        i += Mo_SIZE(op);
    if (i < 0 || i >= Mo_SIZE(op)) {
        MoErr_SetString(MoExc_IndexError, "list assignment index out of range");
        return -1;
    }
    return list_remove_range((MoListObject *)op, i, i + 1);
}

/* region list_pop */
MoObject *MoList_Pop(MoObject *op, Mo_ssize_t index)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    MoListObject *self = (MoListObject *)op;
    Mo_ssize_t size = Mo_SIZE(self);
    if (size == 0) {
        MoErr_SetString(MoExc_IndexError, "pop from empty list");
        return NULL;
    }
    if (index < 0)
        index += size;
    if (index < 0 || index >= size) {
        MoErr_SetString(MoExc_IndexError, "pop index out of range");
        return NULL;
    }
    MoObject *v = self->ob_item[index];
    if (index == size - 1) {
        /* The list's reference becomes the caller's; the array may shrink. */
        if (list_resize(self, size - 1) < 0)
            return NULL;
        return v;
    }
    Mo_INCREF(v);
    if (list_remove_range(self, index, index + 1) < 0) {
        Mo_DECREF(v);
        return NULL;
    }
    return v;
}
/* endregion list_pop */

/* region list_extend */
/* Extend from a list or tuple (or the list itself): the length is known. */
static int list_extend_fast(MoListObject *self, MoObject *seq)
{
    Mo_ssize_t n = Mo_SIZE(seq), m = Mo_SIZE(self);
    if (n == 0)
        return 0;
    if (self->ob_item == NULL) {
        if (list_preallocate_exact(self, n) < 0)
            return -1;
        Mo_SET_SIZE(self, n);
    } else if (list_resize(self, m + n) < 0) {
        return -1;
    }
    /* Read the source after the resize: it may be this very list. */
    MoObject **src = MoList_Check(seq) ? ((MoListObject *)seq)->ob_item : ((MoTupleObject *)seq)->ob_item;
    for (Mo_ssize_t i = 0; i < n; i++)
        self->ob_item[m + i] = Mo_NewRef(src[i]);
    return 0;
}

/* Make room for the iterable's estimated length: exactly (rounded up to even)
   when the list is empty, else through list_resize. */
static int list_extend_reserve(MoListObject *self, MoObject *iterable)
{
    Mo_ssize_t n = MoObject_LengthHint(iterable, 8);
    if (n < 0)
        return -1;
    Mo_ssize_t m = Mo_SIZE(self);
    if (m > MO_SSIZE_T_MAX - n)
        return 0;   /* the hint may lie: grow as items come */
    if (self->ob_item == NULL)
        return n ? list_preallocate_exact(self, n) : 0;
    if (list_resize(self, m + n) < 0)
        return -1;
    Mo_SET_SIZE(self, m);
    return 0;
}

/* Extend from any iterable, then give back what the estimate over-reserved. */
static int list_extend_iter(MoListObject *self, MoObject *iterable)
{
    MoObject *it = MoObject_GetIter(iterable);
    if (it == NULL)
        return -1;
    if (list_extend_reserve(self, iterable) < 0)
        goto error;
    MoObject *item;
    while ((item = MoIter_Next(it)) != NULL) {
        if (list_append_take(self, item) < 0)
            goto error;
    }
    if (MoErr_Occurred())
        goto error;
    if (Mo_SIZE(self) < self->allocated && list_resize(self, Mo_SIZE(self)) < 0)
        goto error;
    Mo_DECREF(it);
    return 0;
error:
    Mo_DECREF(it);
    return -1;
}

int MoList_Extend(MoObject *op, MoObject *iterable)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    MoListObject *self = (MoListObject *)op;
    if (MoList_CheckExact(iterable) || MoTuple_CheckExact(iterable) || op == iterable)
        return list_extend_fast(self, iterable);
    return list_extend_iter(self, iterable);
}
/* endregion list_extend */

MoObject *MoSequence_List(MoObject *iterable)
{
    MoObject *result = MoList_New(0);
    if (result == NULL)
        return NULL;
    if (MoList_Extend(result, iterable) < 0) {
        Mo_DECREF(result);
        return NULL;
    }
    return result;
}

/* l[low:high] = v (v NULL: del l[low:high]), as 3.11's list_ass_slice: the items
   replaced are released only after the list is whole again, since releasing one
   may run code that looks at the list. v is copied first, so l[a:b] = l works. */
int MoList_SetSlice(MoObject *op, Mo_ssize_t low, Mo_ssize_t high, MoObject *v)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    MoListObject *a = (MoListObject *)op;
    MoObject *items = NULL;
    if (v != NULL && (items = MoSequence_List(v)) == NULL) {
        if (MoErr_ExceptionMatches(MoExc_TypeError)) {
            MoErr_Clear();
            MoErr_SetString(MoExc_TypeError, "can only assign an iterable");
        }
        return -1;
    }
    Mo_ssize_t size = Mo_SIZE(a), n = items ? Mo_SIZE(items) : 0;
    low = low < 0 ? 0 : low > size ? size : low;
    high = high < low ? low : high > size ? size : high;
    Mo_ssize_t removed = high - low, delta = n - removed;
    MoObject **recycle = removed ? MoMem_Malloc((size_t)removed * sizeof *recycle) : NULL;
    if (removed && recycle == NULL) {
        Mo_XDECREF(items);
        MoErr_NoMemory();
        return -1;
    }
    if (removed)
        memcpy(recycle, a->ob_item + low, (size_t)removed * sizeof *recycle);
    if (delta < 0) {
        memmove(a->ob_item + high + delta, a->ob_item + high, (size_t)(size - high) * sizeof(MoObject *));
        if (list_resize(a, size + delta) < 0) {
            /* The slots are moved already: the list keeps its allocation. */
            MoErr_Clear();
            Mo_SET_SIZE(a, size + delta);
        }
    } else if (delta > 0) {
        if (list_resize(a, size + delta) < 0) {
            MoMem_Free(recycle);
            Mo_XDECREF(items);
            return -1;
        }
        memmove(a->ob_item + high + delta, a->ob_item + high, (size_t)(size - high) * sizeof(MoObject *));
    }
    for (Mo_ssize_t k = 0; k < n; k++)
        a->ob_item[low + k] = Mo_NewRef(MoList_GET_ITEM(items, k));
    for (Mo_ssize_t k = removed - 1; k >= 0; k--)
        Mo_DECREF(recycle[k]);
    MoMem_Free(recycle);
    Mo_XDECREF(items);
    return 0;
}

MoObject *MoList_GetSlice(MoObject *op, Mo_ssize_t low, Mo_ssize_t high)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    Mo_ssize_t size = Mo_SIZE(op);
    if (low < 0)
        low = 0;
    else if (low > size)
        low = size;
    if (high < low)
        high = low;
    else if (high > size)
        high = size;
    Mo_ssize_t len = high - low;
    MoListObject *np = list_new_prealloc(len);
    if (np == NULL)
        return NULL;
    MoObject **src = ((MoListObject *)op)->ob_item + low;
    for (Mo_ssize_t i = 0; i < len; i++)
        np->ob_item[i] = Mo_NewRef(src[i]);
    Mo_SET_SIZE(np, len);
    return (MoObject *)np;
}

int MoList_Clear(MoObject *op)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    return list_clear_items((MoListObject *)op);
}

int MoList_Reverse(MoObject *op)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return -1;
    }
    MoObject **lo = ((MoListObject *)op)->ob_item, **hi = lo + Mo_SIZE(op) - 1;
    for (; lo < hi; lo++, hi--) {
        MoObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
    return 0;
}

MoObject *MoList_AsTuple(MoObject *op)
{
    if (!MoList_Check(op)) {
        MoErr_BadInternalCall();
        return NULL;
    }
    return _MoTuple_FromArray(((MoListObject *)op)->ob_item, Mo_SIZE(op));
}

/* ------------------------------------------------------ dealloc, GC slots */

/* region list_dealloc */
static void list_dealloc(MoObject *self)
{
    MoListObject *op = (MoListObject *)self;
    MoObject_GC_UnTrack(op);
    MO_TRASHCAN_BEGIN(op, list_dealloc)
    if (op->ob_item != NULL) {
        /* Last to first, as 3.11 does ("do it backwards"). */
        Mo_ssize_t i = Mo_SIZE(op);
        while (--i >= 0)
            Mo_XDECREF(op->ob_item[i]);
        MoMem_Free(op->ob_item);
    }
    if (numfree < LIST_MAXFREELIST && MoList_CheckExact(op))
        free_list[numfree++] = op;
    else
        Mo_TYPE(op)->tp_free(op);
    MO_TRASHCAN_END
}
/* endregion list_dealloc */

static int list_traverse(MoObject *self, visitproc visit, void *arg)
{
    MoListObject *o = (MoListObject *)self;
    for (Mo_ssize_t i = Mo_SIZE(o); --i >= 0;)
        Mo_VISIT(o->ob_item[i]);
    return 0;
}

static int list_tp_clear(MoObject *self)
{
    return list_clear_items((MoListObject *)self);
}

/* region list_sizeof */
static Mo_ssize_t list_sizeof(MoObject *self)
{
    return Mo_TYPE(self)->tp_basicsize + ((MoListObject *)self)->allocated * (Mo_ssize_t)sizeof(MoObject *);
}
/* endregion list_sizeof */

/* ------------------------------------------------------------------ repr */

/* The items, each by MoObject_Repr (which holds the recursion guard, so a deep
   nest raises RecursionError " while getting the repr of an object"). The size
   is re-read each time round: an item's repr may change the list. */
static int list_repr_items(_MoUnicodeWriter *w, MoListObject *v)
{
    if (_MoUnicodeWriter_WriteASCII(w, "[", 1) < 0)
        return -1;
    for (Mo_ssize_t i = 0; i < Mo_SIZE(v); i++) {
        if (i > 0 && _MoUnicodeWriter_WriteASCII(w, ", ", 2) < 0)
            return -1;
        MoObject *item = Mo_NewRef(v->ob_item[i]);
        MoObject *s = MoObject_Repr(item);
        Mo_DECREF(item);
        if (s == NULL)
            return -1;
        int r = _MoUnicodeWriter_WriteStr(w, s);
        Mo_DECREF(s);
        if (r < 0)
            return -1;
    }
    return _MoUnicodeWriter_WriteASCII(w, "]", 1);
}

static MoObject *list_repr(MoObject *self)
{
    if (Mo_SIZE(self) == 0)
        return MoUnicode_FromString("[]");
    int rc = Mo_ReprEnter(self);
    if (rc != 0)
        return rc > 0 ? MoUnicode_FromString("[...]") : NULL;
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    MoObject *result = NULL;
    if (list_repr_items(&w, (MoListObject *)self) == 0)
        result = _MoUnicodeWriter_Finish(&w);
    else
        _MoUnicodeWriter_Dealloc(&w);
    Mo_ReprLeave(self);
    return result;
}

/* ------------------------------------------------------------ comparison */

/* region list_richcompare */
/* Lexicographic. Lists of different lengths are unequal without looking at
   the items; otherwise find the first pair that differs and compare it with op.
   The items are held during the comparison: it may change the lists. */
static MoObject *list_richcompare(MoObject *v, MoObject *w, int op)
{
    if (!MoList_Check(v) || !MoList_Check(w))
        Mo_RETURN_NOTIMPLEMENTED;
    MoListObject *vl = (MoListObject *)v, *wl = (MoListObject *)w;
    if (Mo_SIZE(vl) != Mo_SIZE(wl) && (op == MO_EQ || op == MO_NE))
        return _MoBool_From(op == MO_NE);
    Mo_ssize_t i;
    for (i = 0; i < Mo_SIZE(vl) && i < Mo_SIZE(wl); i++) {
        MoObject *vi = vl->ob_item[i], *wi = wl->ob_item[i];
        if (vi == wi)
            continue;
        Mo_INCREF(vi);
        Mo_INCREF(wi);
        int k = MoObject_RichCompareBool(vi, wi, MO_EQ);
        Mo_DECREF(vi);
        Mo_DECREF(wi);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    return _MoSequence_CompareFrom(vl->ob_item, Mo_SIZE(vl), wl->ob_item, Mo_SIZE(wl), i, op);
}
/* endregion list_richcompare */

/* -------------------------------------------------------------- sequence */

static Mo_ssize_t list_length(MoObject *self)
{
    return Mo_SIZE(self);
}

/* 1 if some item == el, 0 if none, -1 on error. */
static int list_contains(MoObject *self, MoObject *el)
{
    MoListObject *a = (MoListObject *)self;
    int cmp = 0;
    for (Mo_ssize_t i = 0; cmp == 0 && i < Mo_SIZE(a); i++) {
        MoObject *item = Mo_NewRef(a->ob_item[i]);
        cmp = MoObject_RichCompareBool(item, el, MO_EQ);
        Mo_DECREF(item);
    }
    return cmp;
}

static MoObject *list_item(MoObject *self, Mo_ssize_t i)
{
    if (i < 0 || i >= Mo_SIZE(self)) {
        MoErr_SetString(MoExc_IndexError, "list index out of range");
        return NULL;
    }
    return Mo_NewRef(((MoListObject *)self)->ob_item[i]);
}

/* self[i] = v, or del self[i] when v is NULL. */
static int list_ass_item(MoObject *self, Mo_ssize_t i, MoObject *v)
{
    if (i < 0 || i >= Mo_SIZE(self)) {
        MoErr_SetString(MoExc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (v == NULL)
        return list_remove_range((MoListObject *)self, i, i + 1);
    Mo_SETREF(((MoListObject *)self)->ob_item[i], Mo_NewRef(v));
    return 0;
}

static MoObject *list_concat(MoObject *self, MoObject *other)
{
    if (!MoList_Check(other)) {
        MoErr_Format(MoExc_TypeError, "can only concatenate list (not \"%.200s\") to list",
                     _Mo_TypeName(other));
        return NULL;
    }
    MoListObject *a = (MoListObject *)self, *b = (MoListObject *)other;
    Mo_ssize_t size = Mo_SIZE(a) + Mo_SIZE(b);
    MoListObject *np = list_new_prealloc(size);
    if (np == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < Mo_SIZE(a); i++)
        np->ob_item[i] = Mo_NewRef(a->ob_item[i]);
    for (Mo_ssize_t i = 0; i < Mo_SIZE(b); i++)
        np->ob_item[Mo_SIZE(a) + i] = Mo_NewRef(b->ob_item[i]);
    Mo_SET_SIZE(np, size);
    return (MoObject *)np;
}

/* region list_repeat */
/* l * n: exactly len*n slots, all pointing at l's items (nothing is copied):
   each item's count goes up by n in one step. So [[]] * 3 holds one inner list
   three times. */
static MoObject *list_repeat(MoObject *self, Mo_ssize_t n)
{
    MoListObject *a = (MoListObject *)self;
    Mo_ssize_t len = Mo_SIZE(a);
    if (n < 0)
        n = 0;
    if (n > 0 && len > MO_SSIZE_T_MAX / n)
        return MoErr_NoMemory();
    Mo_ssize_t size = len * n;
    if (size == 0)
        return MoList_New(0);
    MoListObject *np = list_new_prealloc(size);
    if (np == NULL)
        return NULL;
    MoObject **dest = np->ob_item;
    for (Mo_ssize_t j = 0; j < len; j++) {
        list_incref_n(a->ob_item[j], n);
        dest[j] = a->ob_item[j];
    }
    /* The first copy is in place: the rest are copies of it. */
    for (Mo_ssize_t k = len; k < size; k++)
        dest[k] = dest[k - len];
    Mo_SET_SIZE(np, size);
    return (MoObject *)np;
}
/* endregion list_repeat */

/* l += iterable: extend in place and return l itself. */
static MoObject *list_inplace_concat(MoObject *self, MoObject *other)
{
    if (MoList_Extend(self, other) < 0)
        return NULL;
    return Mo_NewRef(self);
}

/* l *= n: grow in place; n < 1 empties it. */
static MoObject *list_inplace_repeat(MoObject *self, Mo_ssize_t n)
{
    MoListObject *a = (MoListObject *)self;
    Mo_ssize_t size = Mo_SIZE(a);
    if (size == 0 || n == 1)
        return Mo_NewRef(self);
    if (n < 1) {
        list_clear_items(a);
        return Mo_NewRef(self);
    }
    if (size > MO_SSIZE_T_MAX / n)
        return MoErr_NoMemory();
    if (list_resize(a, size * n) < 0)
        return NULL;
    for (Mo_ssize_t j = 0; j < size; j++)
        list_incref_n(a->ob_item[j], n - 1);
    for (Mo_ssize_t k = size; k < size * n; k++)
        a->ob_item[k] = a->ob_item[k - size];
    return Mo_NewRef(self);
}

/* --------------------------------------------------------------- mapping */

/* An index from a subscript key, negative counted from the end. -1 with
   TypeError when the key is not an integer. */
static int list_key_index(MoObject *self, MoObject *key, Mo_ssize_t *out)
{
    if (!MoIndex_Check(key)) {
        MoErr_Format(MoExc_TypeError, "list indices must be integers or slices, not %.200s",
                     _Mo_TypeName(key));
        return -1;
    }
    Mo_ssize_t i = MoNumber_AsSsize_t(key, MoExc_IndexError);
    if (i == -1 && MoErr_Occurred())
        return -1;
    *out = i < 0 ? i + Mo_SIZE(self) : i;
    return 0;
}

static MoObject *list_subscript(MoObject *self, MoObject *key)
{
    Mo_ssize_t i;
    if (list_key_index(self, key, &i) < 0)
        return NULL;
    return list_item(self, i);
}

static int list_ass_subscript(MoObject *self, MoObject *key, MoObject *value)
{
    Mo_ssize_t i;
    if (list_key_index(self, key, &i) < 0)
        return -1;
    return list_ass_item(self, i, value);
}

/* --------------------------------------------------------------- methods */

static MoObject *list_append_meth(MoObject *self, MoObject *object)
{
    if (MoList_Append(self, object) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *list_extend_meth(MoObject *self, MoObject *iterable)
{
    if (MoList_Extend(self, iterable) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* An integer argument (index of insert/pop); -1 with TypeError for a non-int,
   OverflowError for one beyond Mo_ssize_t, as 3.11's argument clinic. */
static int list_arg_index(MoObject *o, Mo_ssize_t *out)
{
    if (!MoLong_Check(o)) {
        MoErr_Format(MoExc_TypeError, "'%.200s' object cannot be interpreted as an integer", _Mo_TypeName(o));
        return -1;
    }
    Mo_ssize_t v = MoLong_AsSsize_t(o);
    if (v == -1 && MoErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

static MoObject *list_insert_meth(MoObject *self, MoObject *args)
{
    MoObject *oindex, *object;
    Mo_ssize_t index;
    if (!MoArg_UnpackTuple(args, "insert", 2, 2, &oindex, &object) || list_arg_index(oindex, &index) < 0)
        return NULL;
    if (list_insert_at((MoListObject *)self, index, object) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *list_pop_meth(MoObject *self, MoObject *args)
{
    MoObject *oindex = NULL;
    Mo_ssize_t index = -1;
    if (!MoArg_UnpackTuple(args, "pop", 0, 1, &oindex))
        return NULL;
    if (oindex != NULL && list_arg_index(oindex, &index) < 0)
        return NULL;
    return MoList_Pop(self, index);
}

static MoObject *list_clear_meth(MoObject *self, MoObject *unused)
{
    (void)unused;
    list_clear_items((MoListObject *)self);
    Mo_RETURN_NONE;
}

static MoObject *list_copy_meth(MoObject *self, MoObject *unused)
{
    (void)unused;
    return MoList_GetSlice(self, 0, Mo_SIZE(self));
}

static MoObject *list_reverse_meth(MoObject *self, MoObject *unused)
{
    (void)unused;
    MoList_Reverse(self);
    Mo_RETURN_NONE;
}

/* The first i with self[i] == value, or -1 (with an exception if cmp failed,
   none if there is no such item). */
static Mo_ssize_t list_find(MoListObject *self, MoObject *value, Mo_ssize_t start, Mo_ssize_t stop)
{
    for (Mo_ssize_t i = start; i < stop && i < Mo_SIZE(self); i++) {
        MoObject *item = Mo_NewRef(self->ob_item[i]);
        int cmp = MoObject_RichCompareBool(item, value, MO_EQ);
        Mo_DECREF(item);
        if (cmp > 0)
            return i;
        if (cmp < 0)
            return -1;
    }
    return -1;
}

static MoObject *list_index_meth(MoObject *self, MoObject *args)
{
    MoObject *value;
    Mo_ssize_t start, stop;
    if (_MoSequence_IndexArgs(args, Mo_SIZE(self), &value, &start, &stop) < 0)
        return NULL;
    Mo_ssize_t i = list_find((MoListObject *)self, value, start, stop);
    if (i >= 0)
        return MoLong_FromSsize_t(i);
    if (!MoErr_Occurred())
        MoErr_Format(MoExc_ValueError, "%R is not in list", value);
    return NULL;
}

static MoObject *list_count_meth(MoObject *self, MoObject *value)
{
    MoListObject *l = (MoListObject *)self;
    Mo_ssize_t count = 0;
    for (Mo_ssize_t i = 0; i < Mo_SIZE(l); i++) {
        MoObject *item = l->ob_item[i];
        if (item == value) {
            count++;
            continue;
        }
        Mo_INCREF(item);
        int cmp = MoObject_RichCompareBool(item, value, MO_EQ);
        Mo_DECREF(item);
        if (cmp < 0)
            return NULL;
        count += cmp;
    }
    return MoLong_FromSsize_t(count);
}

static MoObject *list_remove_meth(MoObject *self, MoObject *value)
{
    Mo_ssize_t i = list_find((MoListObject *)self, value, 0, MO_SSIZE_T_MAX);
    if (i < 0) {
        if (!MoErr_Occurred())
            MoErr_SetString(MoExc_ValueError, "list.remove(x): x not in list");
        return NULL;
    }
    if (list_remove_range((MoListObject *)self, i, i + 1) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *list_sizeof_meth(MoObject *self, MoObject *unused)
{
    (void)unused;
    return MoLong_FromSsize_t(list_sizeof(self));
}

static MoObject *list_reversed_meth(MoObject *self, MoObject *unused);

/* list.__new__: an empty list; list.__init__ fills it. */
static MoObject *list_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    (void)args;
    (void)kwargs;
    if (type == &MoList_Type)
        return MoList_New(0);
    return type->tp_alloc(type, 0);
}

/* list.__init__(iterable=()): empty the list, then extend it. */
static int list_init(MoObject *self, MoObject *args, MoObject *kwargs)
{
    MoObject *iterable = NULL;
    if (kwargs != NULL && MoDict_Size(kwargs) > 0) {
        MoErr_SetString(MoExc_TypeError, "list() takes no keyword arguments");
        return -1;
    }
    if (!MoArg_UnpackTuple(args, "list", 0, 1, &iterable))
        return -1;
    list_clear_items((MoListObject *)self);
    return iterable != NULL ? MoList_Extend(self, iterable) : 0;
}

/* ------------------------------------------------------------------ type */

static MoSequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

static MoMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

static MoMethodDef list_methods[] = {
    { "append", list_append_meth, MO_METH_O, "Append object to the end of the list." },
    { "insert", list_insert_meth, MO_METH_VARARGS, "Insert object before index." },
    { "pop", list_pop_meth, MO_METH_VARARGS, "Remove and return item at index (default last)." },
    { "extend", list_extend_meth, MO_METH_O, "Extend list by appending elements from the iterable." },
    { "clear", list_clear_meth, MO_METH_NOARGS, "Remove all items from list." },
    { "copy", list_copy_meth, MO_METH_NOARGS, "Return a shallow copy of the list." },
    { "reverse", list_reverse_meth, MO_METH_NOARGS, "Reverse *IN PLACE*." },
    { "index", list_index_meth, MO_METH_VARARGS, "Return first index of value." },
    { "count", list_count_meth, MO_METH_O, "Return number of occurrences of value." },
    { "remove", list_remove_meth, MO_METH_O, "Remove first occurrence of value." },
    { "__sizeof__", list_sizeof_meth, MO_METH_NOARGS, "Return the size of the list in memory, in bytes." },
    { "__reversed__", list_reversed_meth, MO_METH_NOARGS, "Return a reverse iterator over the list." },
    { NULL, NULL, 0, NULL },
};

static MoObject *list_iter(MoObject *seq);

MoTypeObject MoList_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "list",
    .tp_basicsize = sizeof(MoListObject),
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = MoObject_HashNotImplemented,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE |
                MO_TPFLAGS_LIST_SUBCLASS | MO_TPFLAGS_SEQUENCE,
    .tp_doc = "Built-in mutable sequence.",
    .tp_traverse = list_traverse,
    .tp_clear = list_tp_clear,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_init = list_init,
    .tp_new = list_new,
    .tp_sizeof = list_sizeof,
};

/* ------------------------------------------------------------- iterators */

/* 48 bytes with its GC header, as 3.11's listiterobject; the reversed iterator
   has the same layout and walks the other way. */
typedef struct {
    MoObject_HEAD
    Mo_ssize_t it_index;
    MoListObject *it_seq;    /* NULL once exhausted */
} listiterobject;

static MoObject *listiter_new(MoTypeObject *type, MoObject *seq, Mo_ssize_t index)
{
    listiterobject *it = MoObject_GC_New(listiterobject, type);
    if (it == NULL)
        return NULL;
    it->it_index = index;
    it->it_seq = (MoListObject *)Mo_NewRef(seq);
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

static MoObject *list_iter(MoObject *seq)
{
    return listiter_new(&MoListIter_Type, seq, 0);
}

static MoObject *list_reversed_meth(MoObject *self, MoObject *unused)
{
    (void)unused;
    return listiter_new(&MoListRevIter_Type, self, Mo_SIZE(self) - 1);
}

static void listiter_dealloc(MoObject *self)
{
    listiterobject *it = (listiterobject *)self;
    MoObject_GC_UnTrack(it);
    Mo_XDECREF(it->it_seq);
    Mo_TYPE(it)->tp_free(it);
}

static int listiter_traverse(MoObject *self, visitproc visit, void *arg)
{
    Mo_VISIT(((listiterobject *)self)->it_seq);
    return 0;
}

/* Let go of the list at the end, as 3.11 does: an exhausted iterator keeps
   nothing alive. */
static MoObject *listiter_exhausted(listiterobject *it)
{
    Mo_CLEAR(it->it_seq);
    return NULL;
}

static MoObject *listiter_next(MoObject *self)
{
    listiterobject *it = (listiterobject *)self;
    MoListObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index < Mo_SIZE(seq))
        return Mo_NewRef(seq->ob_item[it->it_index++]);
    return listiter_exhausted(it);
}

static MoObject *listreviter_next(MoObject *self)
{
    listiterobject *it = (listiterobject *)self;
    MoListObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index >= 0 && it->it_index < Mo_SIZE(seq))
        return Mo_NewRef(seq->ob_item[it->it_index--]);
    return listiter_exhausted(it);
}

static MoObject *listiter_length_hint(MoObject *self, MoObject *unused)
{
    listiterobject *it = (listiterobject *)self;
    (void)unused;
    Mo_ssize_t len = 0;
    if (it->it_seq != NULL) {
        if (Mo_IS_TYPE(self, &MoListIter_Type))
            len = Mo_SIZE(it->it_seq) - it->it_index;
        else if (it->it_index < Mo_SIZE(it->it_seq))
            len = it->it_index + 1;
    }
    return MoLong_FromSsize_t(len < 0 ? 0 : len);
}

static MoMethodDef listiter_methods[] = {
    { "__length_hint__", listiter_length_hint, MO_METH_NOARGS, "Private method returning an estimate of len(list(it))." },
    { NULL, NULL, 0, NULL },
};

MoTypeObject MoListIter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = listiter_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = listiter_next,
    .tp_methods = listiter_methods,
};

MoTypeObject MoListRevIter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = listiter_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = listreviter_next,
    .tp_methods = listiter_methods,
};

/* ------------------------------------------------------------- lifecycle */

int _MoList_Init(void)
{
    if (MoType_Ready(&MoList_Type) < 0 || MoType_Ready(&MoListIter_Type) < 0 ||
        MoType_Ready(&MoListRevIter_Type) < 0)
        return -1;
    return 0;
}

void _MoList_Fini(void)
{
    _MoList_ClearFreeList();
}
