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

/* ------------------------------------------------------------ the collector */

/* gc.collect(): a full collection; the number of unreachable objects found
   (collected + uncollectable), as CPython 3.11 counts them. 0 if a collection is
   already running. */
Mo_ssize_t MoGC_Collect(void);
/* gc.collect(gen), gen 0..2; -1 with ValueError "invalid generation" otherwise. */
Mo_ssize_t MoGC_CollectGeneration(int gen);
typedef struct { Mo_ssize_t collections, collected, uncollectable; } MoGCStats;
void MoGC_GetStats(MoGCStats out[3]);
/* new: gc.get_stats(): a list of three dicts {'collections', 'collected', 'uncollectable'}. */
MoObject *MoGC_GetStatsList(void);
/* new lists: gc.get_referents(o) (what o's tp_traverse visits) and gc.get_referrers(o)
   (the tracked objects whose tp_traverse visits o). */
MoObject *MoGC_GetReferents(MoObject *o);
MoObject *MoGC_GetReferrers(MoObject *o);
/* borrowed: gc.garbage (a list the runtime owns). */
MoObject *MoGC_Garbage(void);
#define MO_GC_DEBUG_STATS 1
#define MO_GC_DEBUG_COLLECTABLE 2
#define MO_GC_DEBUG_UNCOLLECTABLE 4
#define MO_GC_DEBUG_SAVEALL 32
#define MO_GC_DEBUG_LEAK (MO_GC_DEBUG_COLLECTABLE | MO_GC_DEBUG_UNCOLLECTABLE | MO_GC_DEBUG_SAVEALL)
void MoGC_SetDebug(int flags);
int MoGC_GetDebug(void);
/* gc.callbacks.append(cb): cb("start"|"stop", {'generation', 'collected', 'uncollectable'}). */
int MoGC_AddCallback(MoObject *callable);
/* Stress switch: collect (generation 0) at every GC allocation. Also turned on by the
   environment variable MO_GC_STRESS=1 at Mo_Initialize. Returns the previous setting. */
int MoGC_SetStress(int on);
/* Debug validator: check the generation lists' invariants; stops the program with a
   message naming the broken link when one fails. */
void _MoGC_Validate(void);
/* An objgraph-style DOT picture of what root reaches, max_depth levels deep: each node
   shows the type, a short repr and the refcount; weak references are dashed edges.
   0, or -1 with an exception set. */
int MoGraph_WriteDot(FILE *out, MoObject *root, int max_depth);

/* ------------------------------------------------------- finalizers (PEP 442) */

static inline int _MoGC_FINALIZED(MoObject *op)
{
    return (_Mo_AS_GC(op)->_gc_prev & _MoGC_PREV_MASK_FINALIZED) != 0;
}
static inline void _MoGC_SET_FINALIZED(MoObject *op)
{
    _Mo_AS_GC(op)->_gc_prev |= _MoGC_PREV_MASK_FINALIZED;
}
/* Run tp_finalize once: for a GC object, only if it has not run before (then mark it). */
void MoObject_CallFinalizer(MoObject *op);
/* From tp_dealloc (count zero): bring the object back to life for the finalizer; -1 if
   the finalizer resurrected it (tp_dealloc must stop), 0 to go on freeing. */
int MoObject_CallFinalizerFromDealloc(MoObject *op);

#endif
