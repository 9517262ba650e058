/* tuple: an immutable array of references, 40 + 8n bytes with its GC header.
 * The empty tuple is a static, untracked singleton.
 */
#ifndef MO_TUPLE_H
#define MO_TUPLE_H

#include "object.h"

typedef struct {
    MoObject_VAR_HEAD
    MoObject *ob_item[1];
} MoTupleObject;

extern MoTypeObject MoTuple_Type;
extern MoTypeObject MoTupleIter_Type;
#define MoTuple_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_TUPLE_SUBCLASS)
#define MoTuple_CheckExact(op) Mo_IS_TYPE((op), &MoTuple_Type)
#define MoTuple_GET_ITEM(op, i) (((MoTupleObject *)(op))->ob_item[i])
#define MoTuple_SET_ITEM(op, i, v) (((MoTupleObject *)(op))->ob_item[i] = (v))  /* steals; old not released */
#define MoTuple_GET_SIZE(op) Mo_SIZE(op)

/* new: a tuple of n NULL slots to fill with MoTuple_SetItem (n == 0: the empty
   tuple), tracked by the collector. NULL with MemoryError (SystemError if n < 0). */
MoObject *MoTuple_New(Mo_ssize_t n);
/* Steals o, even on failure. -1 with IndexError "tuple assignment index out of
   range", or SystemError if the tuple is shared (count > 1). */
int MoTuple_SetItem(MoObject *t, Mo_ssize_t i, MoObject *o);
/* borrowed; NULL with IndexError "tuple index out of range". */
MoObject *MoTuple_GetItem(MoObject *t, Mo_ssize_t i);
/* new: a tuple of the n objects given (each gets a new reference). NULL with MemoryError. */
MoObject *MoTuple_Pack(Mo_ssize_t n, ...);
/* len(t); -1 with SystemError if t is not a tuple. */
Mo_ssize_t MoTuple_Size(MoObject *t);
/* new: t[low:high], bounds clipped as a slice's; t itself when it is the whole
   exact tuple. NULL with an exception on failure. */
MoObject *MoTuple_GetSlice(MoObject *t, Mo_ssize_t low, Mo_ssize_t high);
/* Untrack t if every item is atomic or untracked (what a collection does).
   Cannot fail. */
void _MoTuple_MaybeUntrack(MoObject *t);
/* borrowed: the static empty tuple (never freed, never tracked). Cannot fail. */
MoObject *_MoTuple_Empty(void);
/* new: a tuple holding new references to items[0..n-1]. NULL with MemoryError. */
MoObject *_MoTuple_FromArray(MoObject *const *items, Mo_ssize_t n);
/* Free the tuples parked on the free lists (3.11 does it in every full
   collection and at shutdown). Cannot fail. */
void _MoTuple_ClearFreeList(void);

#endif
