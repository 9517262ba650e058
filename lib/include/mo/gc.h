/* The cyclic collector's view of objects. A GC object (its type has
 * MO_TPFLAGS_HAVE_GC) carries a 16-byte MoGC_Head just before its header, as in
 * CPython 3.11. While tracked, the head links the object into one of the three
 * generation lists; _gc_next == 0 means untracked.
 */
#ifndef MO_GC_H
#define MO_GC_H

#include "object.h"

typedef struct {
    uintptr_t _gc_next;   /* next object in the generation list; 0: untracked */
    uintptr_t _gc_prev;   /* previous object; the low 2 bits are flags */
} MoGC_Head;

#define _Mo_AS_GC(o) ((MoGC_Head *)(o) - 1)
#define _Mo_FROM_GC(g) ((MoObject *)((MoGC_Head *)(g) + 1))
/* Bit 0 of _gc_prev: the object's finalizer has run (PEP 442). */
#define _MoGC_PREV_MASK_FINALIZED ((uintptr_t)1)
#define _MoGC_PREV_MASK_COLLECTING ((uintptr_t)2)
#define _MoGC_PREV_SHIFT 2
#define _MoGC_PREV_MASK (((uintptr_t)-1) << _MoGC_PREV_SHIFT)

static inline int _MoObject_GC_IS_TRACKED(MoObject *op) { return _Mo_AS_GC(op)->_gc_next != 0; }
/* 1 if the collector might need to look at o: a GC object that is tracked (or
   whose type says per-instance). Atomic objects (ints, strs) give 0. */
int _MoObject_GC_MAY_BE_TRACKED(MoObject *o);

/* Link a fully initialised GC object into the youngest generation. */
void MoObject_GC_Track(void *op);
/* Unlink it (no-op if untracked). Call first thing in tp_dealloc. */
void MoObject_GC_UnTrack(void *op);
/* Free the memory of a GC object (header included); the default tp_free of GC types. */
void MoObject_GC_Del(void *op);
/* 1 if o is tracked by the collector (gc.is_tracked). */
int MoGC_IsTracked(MoObject *o);

/* Visit a field in tp_traverse, returning early when the visitor says so. */
#define Mo_VISIT(op)                                                   \
    do {                                                               \
        if (op) {                                                      \
            int _mo_vret = visit(_MoObject_CAST(op), arg);             \
            if (_mo_vret)                                              \
                return _mo_vret;                                       \
        }                                                              \
    } while (0)

/* gc.get_count(): allocations minus deallocations of GC objects since the last
   collection of generation 0, and the collection counts of generations 0 and 1. */
void MoGC_GetCount(int count[3]);
void MoGC_GetThreshold(int t[3]);
void MoGC_SetThreshold(int t0, int t1, int t2);
int MoGC_Enable(void);   /* returns the previous state */
int MoGC_Disable(void);
int MoGC_IsEnabled(void);
/* Number of objects in generation gen's list (for tests and the book). */
Mo_ssize_t _MoGC_GenerationSize(int gen);

#endif
