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
#define MoFrozenSet_CheckExact(op) Mo_IS_TYPE((op), &MoFrozenSet_Type)
#define MoAnySet_Check(op) (MoObject_TypeCheck((MoObject *)(op), &MoSet_Type) || \
                            MoObject_TypeCheck((MoObject *)(op), &MoFrozenSet_Type))
#define MoSet_Check(op) MoObject_TypeCheck((MoObject *)(op), &MoSet_Type)

MoObject *MoSet_New(MoObject *iterable_or_NULL);        /* new */
MoObject *MoFrozenSet_New(MoObject *iterable_or_NULL);  /* new */
int MoSet_Add(MoObject *s, MoObject *o);      /* new reference to o kept; -1 unhashable */
int MoSet_Contains(MoObject *s, MoObject *o); /* 1, 0, -1 */
int MoSet_Discard(MoObject *s, MoObject *o);  /* 1 found and removed, 0 not found, -1 error */
Mo_ssize_t MoSet_Size(MoObject *s);
MoObject *MoSet_Pop(MoObject *s);             /* new; KeyError "pop from an empty set" */
int MoSet_Clear(MoObject *s);

#endif
