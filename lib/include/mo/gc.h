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
/* Bit 0 of _gc_next, only while a collection's move_unreachable runs: the object
   is in the tentatively unreachable list. */
#define _MoGC_NEXT_MASK_UNREACHABLE ((uintptr_t)1)

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
/* 1 if o is tracked by the collector (gc.is_tracked). Cannot fail. */
int MoGC_IsTracked(MoObject *o);
/* 1 if o's finalizer has already run (gc.is_finalized). Cannot fail. */
int MoGC_IsFinalized(MoObject *o);

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
   collection of generation 0, and the collection counts of generations 0 and 1.
   None of these functions can fail. */
void MoGC_GetCount(int count[3]);
/* gc.get_threshold() / gc.set_threshold(): (700, 10, 10) in a fresh runtime;
   threshold 0 for generation 0 turns automatic collection off. */
void MoGC_GetThreshold(int t[3]);
void MoGC_SetThreshold(int t0, int t1, int t2);
/* gc.enable() / gc.disable(): automatic collection only; both return the previous
   state. MoGC_Collect works either way. */
int MoGC_Enable(void);
int MoGC_Disable(void);
int MoGC_IsEnabled(void);
/* Number of objects in generation gen's list (for tests and the book). */
Mo_ssize_t _MoGC_GenerationSize(int gen);

/* ------------------------------------------------------------ the collector */

/* gc.collect(): a full collection; the number of unreachable objects found
   (collected + uncollectable), as CPython 3.11 counts them. 0 if a collection is
   already running. Cannot fail: exceptions raised by finalizers, callbacks and
   tp_clear are reported as unraisable, and a pending exception is kept. */
Mo_ssize_t MoGC_Collect(void);
/* gc.collect(gen), gen 0..2; -1 with ValueError "invalid generation" otherwise. */
Mo_ssize_t MoGC_CollectGeneration(int gen);
/* Per generation, since Mo_Initialize: collections of it (as the oldest one collected)
   and what they found. Cannot fail. */
typedef struct { Mo_ssize_t collections, collected, uncollectable; } MoGCStats;
void MoGC_GetStats(MoGCStats out[3]);
/* new: gc.get_stats(): a list of three dicts {'collections', 'collected', 'uncollectable'};
   NULL with MemoryError. */
MoObject *MoGC_GetStatsList(void);
/* new lists: gc.get_referents(o) (what o's tp_traverse visits, in its order; [] for a
   non-GC object) and gc.get_referrers(o) (the tracked objects whose tp_traverse visits
   o, generation 0 first). NULL with MemoryError. */
MoObject *MoGC_GetReferents(MoObject *o);
MoObject *MoGC_GetReferrers(MoObject *o);
/* borrowed: gc.garbage (a list the runtime owns, made on first use, released at
   Mo_Finalize); NULL with MemoryError if it could not be made. */
MoObject *MoGC_Garbage(void);
#define MO_GC_DEBUG_STATS 1
#define MO_GC_DEBUG_COLLECTABLE 2
#define MO_GC_DEBUG_UNCOLLECTABLE 4
#define MO_GC_DEBUG_SAVEALL 32
#define MO_GC_DEBUG_LEAK (MO_GC_DEBUG_COLLECTABLE | MO_GC_DEBUG_UNCOLLECTABLE | MO_GC_DEBUG_SAVEALL)
/* gc.set_debug() / gc.get_debug(). The messages go to stderr, in CPython's words. */
void MoGC_SetDebug(int flags);
int MoGC_GetDebug(void);
/* gc.callbacks.append(cb): cb("start"|"stop", {'generation', 'collected', 'uncollectable'}).
   0, or -1 with MemoryError. The list keeps a new reference to cb. */
int MoGC_AddCallback(MoObject *callable);
/* borrowed: gc.callbacks itself (a list the runtime owns, released at Mo_Finalize),
   for removing a callback; NULL with MemoryError if it could not be made. */
MoObject *MoGC_Callbacks(void);
/* Stress switch: a collection at every GC allocation (of generation 0, or an older one
   when its count is due), while automatic collection is on (enabled, threshold0 > 0). Also turned on by the
   environment variable MO_GC_STRESS=1 at Mo_Initialize (and off by Mo_Finalize).
   Returns the previous setting. */
int MoGC_SetStress(int on);
/* Validator: check the three generation lists (links agree both ways, no collection
   bits left, live objects of GC types); stops the program with a message naming the
   broken link when one fails. The debug build runs it on the generations a collection
   touches, before and after each collection. */
void _MoGC_Validate(void);
/* An objgraph-style DOT picture of what root reaches, max_depth levels deep: each node
   shows the type, a short repr and the refcount; weak references are dashed edges;
   classes are left out. Node names n0 (the root), n1... follow a breadth-first walk.
   0, or -1 with an exception set (ValueError for a negative max_depth, MemoryError). */
int MoGraph_WriteDot(FILE *out, MoObject *root, int max_depth);

/* new: gc.get_objects(generation): the tracked objects of that generation (0..2), or of
   all three for -1 (None), the permanent generation left out, the result itself left
   out. NULL with ValueError "generation parameter must be less than the number of
   available generations (3)" / "generation parameter cannot be negative", or MemoryError. */
MoObject *MoGC_GetObjects(int generation);
/* gc.freeze(): move every tracked object to the permanent generation, which collections
   ignore (generation 0's count restarts); gc.unfreeze(): move them all to the oldest
   generation; gc.get_freeze_count(): how many are there. None can fail. */
void MoGC_Freeze(void);
void MoGC_Unfreeze(void);
Mo_ssize_t MoGC_GetFreezeCount(void);

/* ------------------------------------------------- watching a collection (debug builds) */

/* What one step of a collection computed for one object. step is one of:
   "update_refs" (gc_refs = the reference count), "subtract_refs" (gc_refs = the
   references from outside the generation), "reachable" (the scan of move_unreachable
   keeps it; gc_refs as the scan found it), "set_aside" (gc_refs 0: tentatively
   unreachable), "unreachable" (after the scan; gc_refs -1), "legacy_finalizer" (tp_del: kept for
   gc.garbage), "finalize" (tp_finalize is about to run), "resurrected" (referenced
   again after the finalizers), "delete" (tp_clear is about to run), "survived" (still
   alive after its tp_clear). pass is 1, or 2 while the resurrection check runs the
   first steps again on the unreachable set. op is borrowed, valid only during the call. */
typedef struct {
    const char *step;
    int generation;
    int pass;
    MoObject *op;
    Mo_ssize_t gc_refs;   /* -1 when the step has none */
} MoGCObservation;
typedef void (*MoGC_Observer)(const MoGCObservation *obs, void *arg);
/* Install fn (NULL: none), called at each step above for each object concerned, in the
   collector's own order, with its own numbers. The observer must not create, free or
   change objects (it runs in the middle of a collection). Returns 1 in the debug build,
   0 in the release build, where the collector reports nothing. Mo_Finalize removes it. */
int _MoGC_SetObserver(MoGC_Observer fn, void *arg);

/* Used by lifecycle.c: Mo_Initialize reads MO_GC_STRESS; Mo_Finalize drops gc.garbage
   and gc.callbacks and collects before it counts the survivors. */
void _MoGC_Init(void);
void _MoGC_AtExit(void);

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
