/* list: a growable array of references. ob_size items are in use out of
 * `allocated`; growth over-allocates as 3.11's list_resize does, so that appends
 * are amortised O(1). 40 bytes + 16 GC header + 8 per allocated slot.
 */
#ifndef MO_LIST_H
#define MO_LIST_H

#include "object.h"

typedef struct {
    MoObject_VAR_HEAD
    MoObject **ob_item;      /* the slots; ob_item[0..ob_size-1] are the items */
    Mo_ssize_t allocated;    /* how many slots ob_item has room for */
} MoListObject;

extern MoTypeObject MoList_Type;
extern MoTypeObject MoListIter_Type;      /* iter(l): "list_iterator" */
extern MoTypeObject MoListRevIter_Type;   /* reversed(l): "list_reverseiterator" */
#define MoList_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_LIST_SUBCLASS)
#define MoList_CheckExact(op) Mo_IS_TYPE((op), &MoList_Type)
#define MoList_GET_ITEM(op, i) (((MoListObject *)(op))->ob_item[i])
#define MoList_SET_ITEM(op, i, v) (((MoListObject *)(op))->ob_item[i] = (v))   /* steals; old not released */
#define MoList_GET_SIZE(op) Mo_SIZE(op)

/* Failure: unless said otherwise, functions returning MoObject * give NULL and
   those returning int give -1, with an exception set (SystemError when l is not
   a list); a list is left unchanged by a failed call. */

/* new: a list of n NULL slots (exact capacity n), tracked; fill with
   MoList_SetItem. NULL with MemoryError. */
MoObject *MoList_New(Mo_ssize_t n);
/* Appends a new reference to o. 0, or -1 with MemoryError (list unchanged). */
int MoList_Append(MoObject *l, MoObject *o);
/* Inserts a new reference to o before index i (clamped, negative from the end). */
int MoList_Insert(MoObject *l, Mo_ssize_t i, MoObject *o);
/* Steals o, even on failure; releases the old item. IndexError
   "list assignment index out of range". */
int MoList_SetItem(MoObject *l, Mo_ssize_t i, MoObject *o);
/* borrowed; NULL with IndexError "list index out of range". */
MoObject *MoList_GetItem(MoObject *l, Mo_ssize_t i);
/* len(l); -1 with SystemError if l is not a list. */
Mo_ssize_t MoList_Size(MoObject *l);
/* Remove the item at i (negative from the end): del l[i]. IndexError
   "list assignment index out of range". */
int MoList_DelItem(MoObject *l, Mo_ssize_t i);
/* new: l.pop(i), i negative from the end (-1: the last). IndexError
   "pop from empty list" / "pop index out of range". */
MoObject *MoList_Pop(MoObject *l, Mo_ssize_t i);
/* l.extend(iterable): into an empty list with a known length, the capacity is that
   length rounded up to even, as 3.11's list_preallocate_exact. On failure the
   items taken so far stay appended (as in CPython). */
int MoList_Extend(MoObject *l, MoObject *iterable);
/* new: list(iterable). TypeError "'int' object is not iterable". */
MoObject *MoSequence_List(MoObject *iterable);
/* new: l[low:high], bounds clipped; exact capacity. */
MoObject *MoList_GetSlice(MoObject *l, Mo_ssize_t low, Mo_ssize_t high);
/* l[low:high] = v, v any iterable (copied first; NULL deletes the slice); bounds
   clipped as for GetSlice. TypeError "can only assign an iterable". */
int MoList_SetSlice(MoObject *l, Mo_ssize_t low, Mo_ssize_t high, MoObject *v);
/* l.clear(): releases the items (last to first) and the slot array. */
int MoList_Clear(MoObject *l);
/* l.reverse(), in place. */
int MoList_Reverse(MoObject *l);
/* new: tuple(l) */
MoObject *MoList_AsTuple(MoObject *l);
/* Free the list shells parked on the free list (3.11 does it in every full
   collection and at shutdown). Cannot fail. */
void _MoList_ClearFreeList(void);

#endif
