/* set and frozenset: open-addressed hash tables with an 8-entry table inside the
 * object (216 bytes with the GC header, as 3.11), growing to a separate table. */
#ifndef MO_SET_H
#define MO_SET_H

#include "object.h"

#define MoSet_MINSIZE 8

typedef struct {
    MoObject *key;
    Mo_hash_t hash;
} setentry;

typedef struct {
    MoObject_HEAD
    Mo_ssize_t fill;         /* active + dummy entries */
    Mo_ssize_t used;         /* active entries */
    Mo_ssize_t mask;         /* table size - 1 */
    setentry *table;         /* smalltable, or a separate allocation */
    Mo_hash_t hash;          /* frozenset only: -1 until computed */
    Mo_ssize_t finger;
    setentry smalltable[MoSet_MINSIZE];
    MoObject *weakreflist;
} MoSetObject;

extern MoTypeObject MoSet_Type, MoFrozenSet_Type, MoSetIter_Type;
#define MoSet_CheckExact(op) Mo_IS_TYPE((op), &MoSet_Type)
#define MoFrozenSet_CheckExact(op) Mo_IS_TYPE((op), &MoFrozenSet_Type)
#define MoFrozenSet_Check(op) MoObject_TypeCheck((MoObject *)(op), &MoFrozenSet_Type)
#define MoAnySet_Check(op) (MoObject_TypeCheck((MoObject *)(op), &MoSet_Type) || \
                            MoObject_TypeCheck((MoObject *)(op), &MoFrozenSet_Type))
#define MoSet_Check(op) MoObject_TypeCheck((MoObject *)(op), &MoSet_Type)

/* new: set(iterable) / frozenset(iterable), or empty for NULL (tracked, 216 bytes
   until a fifth element). Sets and dicts are merged table to table, as 3.11.
   NULL with the iteration's or hashing's exception. frozenset() is a new object
   each time: 3.11 has no empty frozenset singleton. */
MoObject *MoSet_New(MoObject *iterable_or_NULL);
MoObject *MoFrozenSet_New(MoObject *iterable_or_NULL);
/* s.add(o): a new reference to o is kept (o is not stolen). 0, or -1 with
   TypeError "unhashable type: 'list'". Also allowed on a frozenset nobody else
   holds yet (count 1), to fill it, as PySet_Add. */
int MoSet_Add(MoObject *s, MoObject *o);
/* o in s: 1, 0, -1 on error. */
int MoSet_Contains(MoObject *s, MoObject *o);
/* s.discard(o): 1 found and removed, 0 not found, -1 error. */
int MoSet_Discard(MoObject *s, MoObject *o);
/* len(s); -1 with SystemError for a non-set. */
Mo_ssize_t MoSet_Size(MoObject *s);
/* new: s.pop(), the first element after the pop finger. NULL with KeyError
   "pop from an empty set". */
MoObject *MoSet_Pop(MoObject *s);
/* s.clear(): back to the inline table (216 bytes). 0, or -1 for a non-set. */
int MoSet_Clear(MoObject *s);

#endif
