/* The cyclic garbage collector, as CPython 3.11 runs it (Modules/gcmodule.c).
 *
 * Reference counting frees an object when its count reaches zero; a group of
 * objects that refer to each other in a cycle never gets there. The collector
 * finds such groups among the container ("GC") objects it tracks.
 *
 * Invariants (checked by the validator in debug builds):
 *  - a GC object is tracked iff its head's _gc_next is non-zero; a tracked object
 *    is on exactly one of three generation lists (circular, doubly linked through
 *    the 16-byte MoGC_Head before the object);
 *  - MoObject_GC_Track appends to the tail of generation 0; objects that survive a
 *    collection move one generation older;
 *  - outside a collection no head carries the COLLECTING or UNREACHABLE bits, and
 *    _gc_prev holds the previous node (plus the persistent FINALIZED bit).
 *
 * The algorithm, for the generation being collected ("young", with every younger
 * generation merged in):
 *  1. update_refs: copy each object's reference count into its head (gc_refs);
 *  2. subtract_refs: for each reference between two young objects, subtract one;
 *     what is left is the number of references from outside young;
 *  3. move_unreachable: objects with gc_refs > 0 are reachable, and so is all they
 *     reach; the rest moves to an "unreachable" list;
 *  4. the unreachable objects are finalized (weak references cleared, tp_finalize
 *     called once), checked again for resurrection, and their cycles broken with
 *     tp_clear; the last DECREFs then free them.
 * Start reading at gc_collect_main, the driver; the steps follow it in the order
 * it calls them.
 *
 * When: every GC allocation counts (_MoObject_GC_Link); past threshold0 (700)
 * net allocations a collection runs inside the allocation, of the oldest
 * generation whose count exceeds its threshold (gen 2 only when the objects
 * waiting there are more than a quarter of those that survived the last full
 * collection).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"

#define NUM_GENERATIONS 3

typedef struct {
    MoGC_Head head;      /* list head: a sentinel, not an object */
    int threshold;
    int count;
} gc_generation;

static struct {
    gc_generation generations[NUM_GENERATIONS];
    int enabled;
    int debug;                       /* MO_GC_DEBUG_* flags */
    int collecting;                  /* a collection is running */
    int stress;                      /* collect at every GC allocation */
    Mo_ssize_t long_lived_total;     /* survivors of the last full collection */
    Mo_ssize_t long_lived_pending;   /* objects moved to gen 2 since then */
    MoObject *garbage;               /* gc.garbage, made when first needed */
    MoObject *callbacks;             /* gc.callbacks, made when first needed */
    MoGCStats stats[NUM_GENERATIONS];
    MoGC_Head permanent;             /* gc.freeze()'s generation: never collected */
    MoGC_Observer observer;          /* debug builds: told each step of a collection */
    void *observer_arg;
    int observe_pass;                /* 1: finding the garbage; 2: the resurrection check */
    int observe_generation;
} gc = {
    .generations = { { {0, 0}, 700, 0 }, { {0, 0}, 10, 0 }, { {0, 0}, 10, 0 } },
    .enabled = 1,
};

static MoGC_Head *gen_head(int i) { return &gc.generations[i].head; }

/* A GC object: its type has HAVE_GC and, when the type asks per instance
   (tp_is_gc), this instance says yes (static type objects have no GC head). */
static int gc_is_gc(MoObject *op)
{
    MoTypeObject *t = Mo_TYPE(op);
    return MoType_IS_GC(t) && (t->tp_is_gc == NULL || t->tp_is_gc(op));
}

/* ============================================================ head bits */

static MoGC_Head *gc_next(MoGC_Head *g) { return (MoGC_Head *)g->_gc_next; }
static MoGC_Head *gc_prev(MoGC_Head *g) { return (MoGC_Head *)(g->_gc_prev & _MoGC_PREV_MASK); }
static void gc_set_prev(MoGC_Head *g, MoGC_Head *prev)
{
    g->_gc_prev = (g->_gc_prev & ~_MoGC_PREV_MASK) | (uintptr_t)prev;
}

static int gc_is_collecting(MoGC_Head *g) { return (g->_gc_prev & _MoGC_PREV_MASK_COLLECTING) != 0; }
static void gc_clear_collecting(MoGC_Head *g) { g->_gc_prev &= ~_MoGC_PREV_MASK_COLLECTING; }

/* During a collection the prev field holds gc_refs instead of a pointer. */
static Mo_ssize_t gc_get_refs(MoGC_Head *g) { return (Mo_ssize_t)(g->_gc_prev >> _MoGC_PREV_SHIFT); }
static void gc_set_refs(MoGC_Head *g, Mo_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & ~_MoGC_PREV_MASK) | ((uintptr_t)refs << _MoGC_PREV_SHIFT);
}
/* gc_refs = refs, COLLECTING set, FINALIZED kept. */
static void gc_reset_refs(MoGC_Head *g, Mo_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & _MoGC_PREV_MASK_FINALIZED) | _MoGC_PREV_MASK_COLLECTING |
                  ((uintptr_t)refs << _MoGC_PREV_SHIFT);
}
static void gc_decref(MoGC_Head *g) { g->_gc_prev -= (uintptr_t)1 << _MoGC_PREV_SHIFT; }

/* ============================================================ lists */

/* An empty list is a head pointing at itself both ways. */
static void gc_list_init(MoGC_Head *list)
{
    list->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)list;
}

static int gc_list_is_empty(MoGC_Head *list) { return list->_gc_next == (uintptr_t)list; }

static void gc_lists_ensure_init(void)
{
    for (int i = 0; i < NUM_GENERATIONS; i++)
        if (gen_head(i)->_gc_next == 0)
            gc_list_init(gen_head(i));
    if (gc.permanent._gc_next == 0)
        gc_list_init(&gc.permanent);
}

/* Append node (flags in its _gc_prev kept) at the tail of list. */
static void gc_list_append(MoGC_Head *node, MoGC_Head *list)
{
    MoGC_Head *last = (MoGC_Head *)list->_gc_prev;
    gc_set_prev(node, last);
    last->_gc_next = (uintptr_t)node;
    node->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)node;
}

/* Unlink node: it becomes untracked; only its FINALIZED bit survives. */
static void gc_list_remove(MoGC_Head *node)
{
    MoGC_Head *prev = gc_prev(node);
    MoGC_Head *next = gc_next(node);
    prev->_gc_next = (uintptr_t)next;
    gc_set_prev(next, prev);
    node->_gc_next = 0;
    node->_gc_prev &= _MoGC_PREV_MASK_FINALIZED;
}

/* Move node from whatever list it is on to the tail of list (flags kept). */
static void gc_list_move(MoGC_Head *node, MoGC_Head *list)
{
    MoGC_Head *from_prev = gc_prev(node);
    MoGC_Head *from_next = gc_next(node);
    from_prev->_gc_next = (uintptr_t)from_next;
    gc_set_prev(from_next, from_prev);
    gc_list_append(node, list);
}

/* Append all of from to to; from becomes empty. */
static void gc_list_merge(MoGC_Head *from, MoGC_Head *to)
{
    if (gc_list_is_empty(from))
        return;
    MoGC_Head *to_tail = (MoGC_Head *)to->_gc_prev;
    MoGC_Head *from_head = gc_next(from);
    MoGC_Head *from_tail = (MoGC_Head *)from->_gc_prev;
    to_tail->_gc_next = (uintptr_t)from_head;
    gc_set_prev(from_head, to_tail);
    from_tail->_gc_next = (uintptr_t)to;
    to->_gc_prev = (uintptr_t)from_tail;
    gc_list_init(from);
}

static Mo_ssize_t gc_list_size(MoGC_Head *list)
{
    Mo_ssize_t n = 0;
    for (MoGC_Head *g = gc_next(list); g != list; g = gc_next(g))
        n++;
    return n;
}

/* ============================================================ tracking */

void MoObject_GC_Track(void *op)
{
    MoGC_Head *g = _Mo_AS_GC(op);
    if (g->_gc_next != 0)
        Mo_FatalError("object already tracked by the garbage collector");
    gc_lists_ensure_init();
    gc_list_append(g, gen_head(0));
}

void MoObject_GC_UnTrack(void *op)
{
    MoGC_Head *g = _Mo_AS_GC(op);
    if (g->_gc_next != 0)
        gc_list_remove(g);
}

int MoGC_IsTracked(MoObject *o)
{
    return gc_is_gc(o) && _MoObject_GC_IS_TRACKED(o);
}

int MoGC_IsFinalized(MoObject *o)
{
    return gc_is_gc(o) && _MoGC_FINALIZED(o);
}

int _MoObject_GC_MAY_BE_TRACKED(MoObject *o)
{
    if (!gc_is_gc(o))
        return 0;
    if (MoTuple_CheckExact(o))
        return _MoObject_GC_IS_TRACKED(o);
    return 1;
}

static Mo_ssize_t gc_collect_generations(void);

/* region gc_link */
/* Every fresh GC allocation comes here (object_alloc in object.c) before the
   object is initialised: it is untracked, so a collection cannot see it. */
void _MoObject_GC_Link(MoObject *op)
{
    MoGC_Head *g = _Mo_AS_GC(op);
    g->_gc_next = 0;
    g->_gc_prev = 0;
    gc.generations[0].count++;
    if (gc.collecting || !gc.enabled || gc.generations[0].threshold == 0 ||
        MoErr_Occurred() != NULL)
        return;
    if (gc.stress || gc.generations[0].count > gc.generations[0].threshold) {
        gc.collecting = 1;
        gc_collect_generations();
        gc.collecting = 0;
    }
}
/* endregion gc_link */

void MoObject_GC_Del(void *op)
{
    MoObject *o = op;
    if (_MoObject_GC_IS_TRACKED(o))
        gc_list_remove(_Mo_AS_GC(o));
    if (gc.generations[0].count > 0)
        gc.generations[0].count--;
    _MoObject_FreeObjectMemory(o, (char *)o - _MoType_PreHeaderSize(Mo_TYPE(o)));
}

/* ============================================================ the validator */

/* What a list's nodes must carry: the COLLECTING bit on _gc_prev, the
   UNREACHABLE bit on _gc_next (each 0 or 1). */
typedef struct {
    const char *name;
    int collecting;
    int unreachable;
} gc_list_expect;

static _Noreturn void gc_validate_fail(const gc_list_expect *e, MoGC_Head *g, const char *what)
{
    char msg[256];
    MoObject *op = _Mo_FROM_GC(g);
    snprintf(msg, sizeof msg, "gc: %s: the link at %p (object %p): %s", e->name, (void *)g, (void *)op, what);
    Mo_FatalError(msg);
}

/* Walk one list: next/prev agree both ways, the flags are what e says, and every
   node is a live object of a GC type. */
static void gc_validate_list(MoGC_Head *head, const gc_list_expect *e)
{
    uintptr_t unreachable = e->unreachable ? _MoGC_NEXT_MASK_UNREACHABLE : 0;
    MoGC_Head *prev = head;
    MoGC_Head *g = (MoGC_Head *)(head->_gc_next & ~_MoGC_NEXT_MASK_UNREACHABLE);
    while (g != head) {
        if (g == NULL)
            gc_validate_fail(e, prev, "its next pointer is NULL");
        if ((g->_gc_prev & _MoGC_PREV_MASK) != (uintptr_t)prev)
            gc_validate_fail(e, g, "its prev pointer does not point back to the node before it");
        if (gc_is_collecting(g) != e->collecting)
            gc_validate_fail(e, g, e->collecting ? "COLLECTING bit missing" : "COLLECTING bit set outside a collection");
        if ((g->_gc_next & _MoGC_NEXT_MASK_UNREACHABLE) != unreachable)
            gc_validate_fail(e, g, e->unreachable ? "UNREACHABLE bit missing" : "UNREACHABLE bit set");
        MoObject *op = _Mo_FROM_GC(g);
        if (op->ob_refcnt <= 0)
            gc_validate_fail(e, g, "a tracked object whose reference count is not positive (freed?)");
        if (op->ob_type == NULL || !MoType_IS_GC(op->ob_type))
            gc_validate_fail(e, g, "a tracked object whose type is not a GC type");
        prev = g;
        g = (MoGC_Head *)(g->_gc_next & ~_MoGC_NEXT_MASK_UNREACHABLE);
    }
    if ((MoGC_Head *)head->_gc_prev != prev)
        gc_validate_fail(e, head, "the list head's prev is not the last node");
}

static const char *const generation_names[NUM_GENERATIONS] = { "generation 0", "generation 1", "generation 2" };

void _MoGC_Validate(void)
{
    gc_lists_ensure_init();
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        gc_list_expect e = { generation_names[i], 0, 0 };
        gc_validate_list(gen_head(i), &e);
    }
    gc_list_expect p = { "the permanent generation", 0, 0 };
    gc_validate_list(&gc.permanent, &p);
}

/* Debug builds, around every collection: the generations it collects (the one
   named and the younger ones; all three in a full collection). The older ones
   are left out so that the cost stays that of the collection itself: walking
   all three every time would make the stress switch quadratic. */
static void gc_validate_generations(int generation)
{
#ifdef MO_DEBUG
    gc_lists_ensure_init();
    for (int i = 0; i <= generation; i++) {
        gc_list_expect e = { generation_names[i], 0, 0 };
        gc_validate_list(gen_head(i), &e);
    }
#else
    (void)generation;
#endif
}

#ifdef MO_DEBUG
#define GC_VALIDATE(head, name, collecting, unreachable)                    \
    do {                                                                    \
        gc_list_expect _e = { (name), (collecting), (unreachable) };        \
        gc_validate_list((head), &_e);                                      \
    } while (0)
#else
#define GC_VALIDATE(head, name, collecting, unreachable) ((void)0)
#endif

/* ============================================================ the observer */

/* Debug builds: tell the observer what this step computed for the object at g
   (gc_refs is -1 when the step has none). Release builds compile it away. */
static void gc_observe(const char *step, MoGC_Head *g, Mo_ssize_t gc_refs)
{
#ifdef MO_DEBUG
    if (gc.observer == NULL)
        return;
    MoGCObservation obs = { step, gc.observe_generation, gc.observe_pass, _Mo_FROM_GC(g), gc_refs };
    gc.observer(&obs, gc.observer_arg);
#else
    (void)step, (void)g, (void)gc_refs;
#endif
}

/* The same for every object of list; gc_refs only while the prev fields hold
   them (with_refs), -1 once they are pointers again. */
static void gc_observe_list(const char *step, MoGC_Head *list, int with_refs)
{
#ifdef MO_DEBUG
    if (gc.observer == NULL)
        return;
    for (MoGC_Head *g = (MoGC_Head *)(list->_gc_next & ~_MoGC_NEXT_MASK_UNREACHABLE); g != list;
         g = (MoGC_Head *)(g->_gc_next & ~_MoGC_NEXT_MASK_UNREACHABLE))
        gc_observe(step, g, with_refs ? gc_get_refs(g) : -1);
#else
    (void)step, (void)list, (void)with_refs;
#endif
}

int _MoGC_SetObserver(MoGC_Observer fn, void *arg)
{
    gc.observer = fn;
    gc.observer_arg = arg;
#ifdef MO_DEBUG
    return 1;
#else
    return 0;
#endif
}

/* ============================================================ finding the garbage */

/* region subtract_refs */
/* Step 1. gc_refs = the reference count, for every object in young. */
static void update_refs(MoGC_Head *young)
{
    for (MoGC_Head *g = gc_next(young); g != young; g = gc_next(g)) {
        Mo_ssize_t refcnt = Mo_REFCNT(_Mo_FROM_GC(g));
        if (refcnt <= 0)
            Mo_FatalError("gc: update_refs: a tracked object has a reference count "
                          "of zero or less");
        gc_reset_refs(g, refcnt);
    }
}

/* gc_refs cannot go below zero unless some tp_traverse visits a reference its
   object does not own (CPython asserts "refcount is too small" here): stop, naming
   the visitor and the object. */
static void gc_refs_too_small(MoObject *parent, MoObject *op)
{
    char msg[256];
    snprintf(msg, sizeof msg,
             "gc: refcount is too small: the tp_traverse of <'%s' object at %p> "
             "visited <'%s' object at %p> more often than it is referenced "
             "(a reference it does not own?)",
             Mo_TYPE(parent)->tp_name, (void *)parent, Mo_TYPE(op)->tp_name,
             (void *)op);
    Mo_FatalError(msg);
}

/* A reference from one young object to another: not a reason to keep it. */
static int visit_decref(MoObject *op, void *parent)
{
    if (gc_is_gc(op)) {
        MoGC_Head *g = _Mo_AS_GC(op);
        if (gc_is_collecting(g)) {
            if (gc_get_refs(g) <= 0)
                gc_refs_too_small(parent, op);
            gc_decref(g);
        }
    }
    return 0;
}

/* Step 2. Subtract the internal references: gc_refs becomes the number of
   references from outside young (from older generations, the C stack, globals). */
static void subtract_refs(MoGC_Head *young)
{
    for (MoGC_Head *g = gc_next(young); g != young; g = gc_next(g)) {
        MoObject *op = _Mo_FROM_GC(g);
        traverseproc traverse = Mo_TYPE(op)->tp_traverse;
        if (traverse != NULL)
            traverse(op, visit_decref, op);
    }
}
/* endregion subtract_refs */

/* op is referenced by a reachable object: make sure move_unreachable keeps it. */
static int visit_reachable(MoObject *op, void *arg)
{
    MoGC_Head *reachable = arg;
    if (!gc_is_gc(op))
        return 0;
    MoGC_Head *g = _Mo_AS_GC(op);
    /* Not in young, or already scanned (scanning clears the bit): nothing to do. */
    if (!gc_is_collecting(g))
        return 0;
    if (g->_gc_next & _MoGC_NEXT_MASK_UNREACHABLE) {
        /* Tentatively unreachable, but reachable after all: unlink it by hand (the
           list helpers do not understand the flag) and put it back at young's
           tail, where the scan will reach it again. */
        MoGC_Head *prev = gc_prev(g);
        MoGC_Head *next = (MoGC_Head *)(g->_gc_next & ~_MoGC_NEXT_MASK_UNREACHABLE);
        prev->_gc_next = g->_gc_next;   /* keeps prev's UNREACHABLE bit */
        gc_set_prev(next, prev);
        gc_list_append(g, reachable);
        gc_set_refs(g, 1);
    } else if (gc_get_refs(g) == 0) {
        /* Not scanned yet: tell the scan it is reachable. */
        gc_set_refs(g, 1);
    }
    /* else gc_refs > 0: the scan will get to it. */
    return 0;
}

/* region move_unreachable */
/* Step 3. Walk young once. An object with gc_refs > 0 is reachable: everything it
   refers to is marked reachable too (and fetched back if it had already been set
   aside). An object with gc_refs == 0 is set aside in unreachable, for now: a
   later object may still reach it. Meanwhile young is singly linked (the prev
   fields hold gc_refs); the walk restores the prev pointers as it goes, and marks
   each unreachable node with the UNREACHABLE bit on _gc_next. */
static void move_unreachable(MoGC_Head *young, MoGC_Head *unreachable)
{
    MoGC_Head *prev = young;
    MoGC_Head *g = gc_next(young);
    while (g != young) {
        if (gc_get_refs(g) > 0) {
            MoObject *op = _Mo_FROM_GC(g);
            gc_observe("reachable", g, gc_get_refs(g));
            traverseproc traverse = Mo_TYPE(op)->tp_traverse;
            if (traverse != NULL)
                traverse(op, visit_reachable, young);
            gc_set_prev(g, prev);   /* a pointer again */
            gc_clear_collecting(g); /* scanned */
            prev = g;
        } else {
            /* Unlink (young is singly linked for now) and append to unreachable. */
            gc_observe("set_aside", g, 0);
            prev->_gc_next = g->_gc_next;
            MoGC_Head *last = (MoGC_Head *)unreachable->_gc_prev;
            last->_gc_next = _MoGC_NEXT_MASK_UNREACHABLE | (uintptr_t)g;
            gc_set_prev(g, last);
            g->_gc_next = _MoGC_NEXT_MASK_UNREACHABLE | (uintptr_t)unreachable;
            unreachable->_gc_prev = (uintptr_t)g;
        }
        g = gc_next(prev);
    }
    young->_gc_prev = (uintptr_t)prev;
    /* The head got the bit too when the first node was appended: remove it. */
    unreachable->_gc_next &= ~_MoGC_NEXT_MASK_UNREACHABLE;
}
/* endregion move_unreachable */

/* Steps 1-3: leave in young what is reachable from outside it, move the rest to
   unreachable (COLLECTING and UNREACHABLE set on those). */
static void deduce_unreachable(MoGC_Head *young, MoGC_Head *unreachable)
{
    GC_VALIDATE(young, "young, before update_refs", 0, 0);
    update_refs(young);
    gc_observe_list("update_refs", young, 1);
    subtract_refs(young);
    gc_observe_list("subtract_refs", young, 1);
    move_unreachable(young, unreachable);
    gc_observe_list("unreachable", unreachable, 0);
    GC_VALIDATE(young, "young, after move_unreachable", 0, 0);
    GC_VALIDATE(unreachable, "unreachable, after move_unreachable", 1, 1);
}

/* Surviving tuples whose items can never be part of a cycle stop being tracked
   (every collection). */
static void untrack_tuples(MoGC_Head *head)
{
    MoGC_Head *next;
    for (MoGC_Head *g = gc_next(head); g != head; g = next) {
        next = gc_next(g);
        MoObject *op = _Mo_FROM_GC(g);
        if (MoTuple_CheckExact(op))
            _MoTuple_MaybeUntrack(op);
    }
}

/* The same for dicts, in full collections only (issue #14775: doing it every
   time made building a big dict of dicts quadratic). */
static void untrack_dicts(MoGC_Head *head)
{
    MoGC_Head *next;
    for (MoGC_Head *g = gc_next(head); g != head; g = next) {
        next = gc_next(g);
        MoObject *op = _Mo_FROM_GC(g);
        if (MoDict_CheckExact(op))
            _MoDict_MaybeUntrack(op);
    }
}

/* ============================================================ legacy finalizers */

/* region legacy_finalizers */
static int has_legacy_finalizer(MoObject *op)
{
    return Mo_TYPE(op)->tp_del != NULL;
}

/* Step 4a. Objects with tp_del cannot be collected: move them to finalizers.
   This pass also drops the UNREACHABLE bits: unreachable is an ordinary list
   afterwards (its objects keep COLLECTING). */
static void move_legacy_finalizers(MoGC_Head *unreachable, MoGC_Head *finalizers)
{
    MoGC_Head *next;
    for (MoGC_Head *g = gc_next(unreachable); g != unreachable; g = next) {
        g->_gc_next &= ~_MoGC_NEXT_MASK_UNREACHABLE;
        next = gc_next(g);
        if (has_legacy_finalizer(_Mo_FROM_GC(g))) {
            gc_observe("legacy_finalizer", g, -1);
            gc_clear_collecting(g);
            gc_list_move(g, finalizers);
        }
    }
}
/* endregion legacy_finalizers */

static int visit_move(MoObject *op, void *arg)
{
    MoGC_Head *tolist = arg;
    if (gc_is_gc(op)) {
        MoGC_Head *g = _Mo_AS_GC(op);
        if (gc_is_collecting(g)) {
            gc_list_move(g, tolist);
            gc_clear_collecting(g);
        }
    }
    return 0;
}

/* Step 4b. What a legacy finalizer can reach must stay intact for it: those
   unreachable objects join finalizers too (the list grows while we walk it). */
static void move_legacy_finalizer_reachable(MoGC_Head *finalizers)
{
    for (MoGC_Head *g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
        MoObject *op = _Mo_FROM_GC(g);
        traverseproc traverse = Mo_TYPE(op)->tp_traverse;
        if (traverse != NULL)
            traverse(op, visit_move, finalizers);
    }
}

/* ============================================================ debugging output */

static void debug_cycle(const char *msg, MoObject *op)
{
    fprintf(stderr, "gc: %s <%s %p>\n", msg, Mo_TYPE(op)->tp_name, (void *)op);
}

static void debug_print_collectable(MoGC_Head *unreachable)
{
    if (!(gc.debug & MO_GC_DEBUG_COLLECTABLE))
        return;
    for (MoGC_Head *g = gc_next(unreachable); g != unreachable; g = gc_next(g))
        debug_cycle("collectable", _Mo_FROM_GC(g));
}

static double gc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* DEBUG_STATS: the first lines of a collection; returns the start time. */
static double debug_print_start(int generation)
{
    if (!(gc.debug & MO_GC_DEBUG_STATS))
        return 0;
    gc_lists_ensure_init();
    fflush(stdout);
    fprintf(stderr, "gc: collecting generation %d...\n", generation);
    fprintf(stderr, "gc: objects in each generation: %zd %zd %zd\n", gc_list_size(gen_head(0)),
            gc_list_size(gen_head(1)), gc_list_size(gen_head(2)));
    fprintf(stderr, "gc: objects in permanent generation: %zd\n", gc_list_size(&gc.permanent));
    return gc_now();
}

static void debug_print_done(double t0, Mo_ssize_t unreachable, Mo_ssize_t uncollectable)
{
    if (gc.debug & MO_GC_DEBUG_STATS)
        fprintf(stderr, "gc: done, %zd unreachable, %zd uncollectable, %.4fs elapsed\n", unreachable,
                uncollectable, gc_now() - t0);
}

/* ============================================================ weak references */

/* region handle_weakrefs */
/* Step 5. Weak references to the trash must be dead before any code can run
   (a callback or a finalizer could otherwise reach the trash through them). For
   every unreachable object: a weakref among them is cleared (its callback will
   never run: it is trash itself); every weakref *to* it is cleared, and those
   that are reachable and have a callback are set aside. Only once everything is
   cleared are those callbacks called. Returns how many of those reachable weakrefs
   died from it: they count as collected. */
static Mo_ssize_t handle_weakrefs(MoGC_Head *unreachable, MoGC_Head *old)
{
    MoGC_Head wrcb_to_call;
    gc_list_init(&wrcb_to_call);
    MoGC_Head *next;
    for (MoGC_Head *g = gc_next(unreachable); g != unreachable; g = next) {
        MoObject *op = _Mo_FROM_GC(g);
        next = gc_next(g);
        if (MoWeakref_Check(op))
            _MoWeakref_ClearRef((MoWeakReference *)op);
        if (!MoType_SUPPORTS_WEAKREFS(Mo_TYPE(op)))
            continue;
        MoWeakReference **wrlist = _MoObject_GET_WEAKREFS_LISTPTR(op);
        /* Clearing unlinks wr from the list, so *wrlist moves on each time. */
        for (MoWeakReference *wr = *wrlist; wr != NULL; wr = *wrlist) {
            _MoWeakref_ClearRef(wr);
            if (wr->wr_callback == NULL)
                continue;
            MoGC_Head *wrg = _Mo_AS_GC(wr);
            if (gc_is_collecting(wrg))
                continue;   /* the weakref is trash too: deemed to die first */
            Mo_INCREF(wr);  /* keep it until its callback has run */
            if (_MoObject_GC_IS_TRACKED((MoObject *)wr))
                gc_list_move(wrg, &wrcb_to_call);
            else
                gc_list_append(wrg, &wrcb_to_call);
        }
    }
    Mo_ssize_t num_freed = 0;
    while (!gc_list_is_empty(&wrcb_to_call)) {
        MoGC_Head *g = gc_next(&wrcb_to_call);
        MoWeakReference *wr = (MoWeakReference *)_Mo_FROM_GC(g);
        MoObject *callback = wr->wr_callback;
        MoObject *res = MoObject_CallOneArg(callback, (MoObject *)wr);
        if (res == NULL)
            MoErr_WriteUnraisable(callback);
        else
            Mo_DECREF(res);
        /* Ours may be the last reference (say a weak-valued dict dropped its entry
           in the callback): then it dies here, and counts as collected. */
        Mo_DECREF(wr);
        if (gc_next(&wrcb_to_call) == g)
            gc_list_move(g, old);   /* still alive */
        else
            num_freed++;
    }
    return num_freed;
}
/* endregion handle_weakrefs */

/* ============================================================ finalizers */

/* region finalize_garbage */
/* Step 6. Call tp_finalize (PEP 442) on each unreachable object that has one and
   has not been finalized before. Any object may die or be resurrected meanwhile;
   each is moved to a "seen" list first, so the walk stays on valid nodes. */
static void finalize_garbage(MoGC_Head *collectable)
{
    MoGC_Head seen;
    gc_list_init(&seen);
    while (!gc_list_is_empty(collectable)) {
        MoGC_Head *g = gc_next(collectable);
        MoObject *op = _Mo_FROM_GC(g);
        gc_list_move(g, &seen);
        if (!_MoGC_FINALIZED(op) && Mo_TYPE(op)->tp_finalize != NULL) {
            gc_observe("finalize", g, -1);
            Mo_INCREF(op);
            MoObject_CallFinalizer(op);
            Mo_DECREF(op);
        }
    }
    gc_list_merge(&seen, collectable);
}

/* Step 7. A finalizer may have stored a reference to some of the trash somewhere
   reachable: run the deduction again on the unreachable set alone. What is
   referenced from outside it now is resurrected (moved to old); the rest is
   still_unreachable. */
static void handle_resurrected_objects(MoGC_Head *unreachable,
                                       MoGC_Head *still_unreachable, MoGC_Head *old)
{
    for (MoGC_Head *g = gc_next(unreachable); g != unreachable; g = gc_next(g))
        gc_clear_collecting(g);
    gc.observe_pass = 2;
    deduce_unreachable(unreachable, still_unreachable);
    gc.observe_pass = 1;
    MoGC_Head *still = still_unreachable;
    for (MoGC_Head *g = gc_next(still); g != still; g = gc_next(g))
        g->_gc_next &= ~_MoGC_NEXT_MASK_UNREACHABLE;
    gc_observe_list("resurrected", unreachable, 0);
    gc_list_merge(unreachable, old);
}
/* endregion finalize_garbage */

/* ============================================================ breaking the cycles */

/* region delete_garbage */
/* Step 8. Break every cycle with tp_clear (or, under DEBUG_SAVEALL, keep the
   objects in gc.garbage instead). tp_clear drops references; the DECREFs free the
   objects whose counts reach zero, which unlinks them from this list. An object
   still at the head afterwards is alive (some other object will free it, or it
   was not garbage after all): it moves to old. */
static void delete_garbage(MoGC_Head *collectable, MoGC_Head *old)
{
    while (!gc_list_is_empty(collectable)) {
        MoGC_Head *g = gc_next(collectable);
        MoObject *op = _Mo_FROM_GC(g);
        gc_observe("delete", g, -1);
        if (gc.debug & MO_GC_DEBUG_SAVEALL) {
            MoObject *garbage = MoGC_Garbage();
            if (garbage == NULL || MoList_Append(garbage, op) < 0)
                MoErr_Clear();
        } else {
            inquiry clear = Mo_TYPE(op)->tp_clear;
            if (clear != NULL) {
                Mo_INCREF(op);
                (void)clear(op);
                if (MoErr_Occurred())
                    MoErr_WriteUnraisable(op);
                Mo_DECREF(op);
            }
        }
        if (gc_next(collectable) == g) {
            gc_observe("survived", g, -1);
            gc_clear_collecting(g);
            gc_list_move(g, old);
        }
    }
}
/* endregion delete_garbage */

/* Step 9. The objects with tp_del go to gc.garbage (all of finalizers under
   DEBUG_SAVEALL), where the program can see them; the whole set lives on in old. */
static void handle_legacy_finalizers(MoGC_Head *finalizers, MoGC_Head *old)
{
    for (MoGC_Head *g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
        MoObject *op = _Mo_FROM_GC(g);
        if ((gc.debug & MO_GC_DEBUG_SAVEALL) || has_legacy_finalizer(op)) {
            MoObject *garbage = MoGC_Garbage();
            if (garbage == NULL || MoList_Append(garbage, op) < 0) {
                MoErr_Clear();
                break;
            }
        }
    }
    gc_list_merge(finalizers, old);
}

/* Full collections also empty the free lists (CPython's clear_freelists). */
static void clear_freelists(void)
{
    _MoFloat_Fini();
    _MoTuple_ClearFreeList();
    _MoList_ClearFreeList();
    _MoDict_Fini();
}

/* ============================================================ the driver */

/* Step 0. The counts: this generation and the younger ones start again; the next
   older one records one more collection below it. Then the younger generations
   join this one, which becomes "young". */
static MoGC_Head *gc_prepare_young(int generation)
{
    gc_lists_ensure_init();
    if (generation + 1 < NUM_GENERATIONS)
        gc.generations[generation + 1].count++;
    for (int i = 0; i <= generation; i++)
        gc.generations[i].count = 0;
    for (int i = 0; i < generation; i++)
        gc_list_merge(gen_head(i), gen_head(generation));
    return gen_head(generation);
}

/* The survivors grow one generation older (the oldest stays where it is, and a
   full collection is when dicts may be untracked and the 25% rule is reset). */
static void move_survivors(MoGC_Head *young, MoGC_Head *old, int generation)
{
    untrack_tuples(young);
    if (young != old) {
        if (generation == NUM_GENERATIONS - 2)
            gc.long_lived_pending += gc_list_size(young);
        gc_list_merge(young, old);
    } else {
        untrack_dicts(young);
        gc.long_lived_pending = 0;
        gc.long_lived_total = gc_list_size(young);
    }
}

/* How many objects the legacy finalizers keep (DEBUG_UNCOLLECTABLE names them). */
static Mo_ssize_t count_uncollectable(MoGC_Head *finalizers)
{
    Mo_ssize_t n = 0;
    for (MoGC_Head *g = gc_next(finalizers); g != finalizers; g = gc_next(g)) {
        n++;
        if (gc.debug & MO_GC_DEBUG_UNCOLLECTABLE)
            debug_cycle("uncollectable", _Mo_FROM_GC(g));
    }
    return n;
}

/* region gc_collect_main */
/* One collection of `generation` (younger ones merged in). Sets *collected (the
   unreachable objects freed, weakrefs freed by their callbacks included) and
   *uncollectable (those kept for legacy finalizers); returns their sum. */
static Mo_ssize_t gc_collect_main(int generation, Mo_ssize_t *collected,
                                  Mo_ssize_t *uncollectable)
{
    MoGC_Head unreachable, finalizers, final_unreachable;
    double t0 = debug_print_start(generation);
    gc.observe_generation = generation;
    gc.observe_pass = 1;
    MoGC_Head *young = gc_prepare_young(generation);
    MoGC_Head *old = generation + 1 < NUM_GENERATIONS ? gen_head(generation + 1)
                                                      : young;

    gc_list_init(&unreachable);
    deduce_unreachable(young, &unreachable);                    /* steps 1-3 */
    move_survivors(young, old, generation);

    gc_list_init(&finalizers);
    move_legacy_finalizers(&unreachable, &finalizers);          /* step 4 */
    move_legacy_finalizer_reachable(&finalizers);
    GC_VALIDATE(&finalizers, "legacy finalizers", 0, 0);
    GC_VALIDATE(&unreachable, "unreachable, after move_legacy_finalizers", 1, 0);
    debug_print_collectable(&unreachable);

    Mo_ssize_t m = handle_weakrefs(&unreachable, old);          /* step 5 */
    GC_VALIDATE(&unreachable, "unreachable, after handle_weakrefs", 1, 0);
    finalize_garbage(&unreachable);                             /* step 6 */
    gc_list_init(&final_unreachable);
    handle_resurrected_objects(&unreachable, &final_unreachable, old); /* step 7 */

    m += gc_list_size(&final_unreachable);
    delete_garbage(&final_unreachable, old);                    /* step 8 */

    Mo_ssize_t n = count_uncollectable(&finalizers);
    debug_print_done(t0, n + m, n);
    handle_legacy_finalizers(&finalizers, old);                 /* step 9 */
    if (generation == NUM_GENERATIONS - 1)
        clear_freelists();
    if (MoErr_Occurred())
        MoErr_WriteUnraisable(NULL);

    gc.stats[generation].collections++;
    gc.stats[generation].collected += m;
    gc.stats[generation].uncollectable += n;
    *collected = m;
    *uncollectable = n;
    return n + m;
}
/* endregion gc_collect_main */

/* new: {keys[0]: values[0], ...} for the three keys, in that order. */
static MoObject *gc_small_dict(const char *const keys[3], const Mo_ssize_t values[3])
{
    MoObject *d = MoDict_New();
    for (int i = 0; d != NULL && i < 3; i++) {
        MoObject *v = MoLong_FromSsize_t(values[i]);
        if (v == NULL || MoDict_SetItemString(d, keys[i], v) < 0)
            Mo_CLEAR(d);
        Mo_XDECREF(v);
    }
    return d;
}

/* gc.callbacks: each is called with (phase, info); an exception is reported as
   unraisable and the others still run. */
static void invoke_gc_callbacks(const char *phase, int generation, Mo_ssize_t collected, Mo_ssize_t uncollectable)
{
    if (gc.callbacks == NULL || MoList_GET_SIZE(gc.callbacks) == 0)
        return;
    static const char *const keys[3] = { "generation", "collected", "uncollectable" };
    const Mo_ssize_t values[3] = { generation, collected, uncollectable };
    MoObject *info = gc_small_dict(keys, values);
    if (info == NULL) {
        MoErr_WriteUnraisable(NULL);
        return;
    }
    for (Mo_ssize_t i = 0; i < MoList_GET_SIZE(gc.callbacks); i++) {
        MoObject *cb = Mo_NewRef(MoList_GET_ITEM(gc.callbacks, i));
        MoObject *r = MoObject_CallFunction(cb, "sO", phase, info);
        if (r == NULL)
            MoErr_WriteUnraisable(cb);
        else
            Mo_DECREF(r);
        Mo_DECREF(cb);
    }
    Mo_DECREF(info);
}

/* A collection with the callbacks around it. gc.collecting must be set. */
static Mo_ssize_t gc_collect_with_callback(int generation)
{
    Mo_ssize_t collected = 0, uncollectable = 0;
    gc_validate_generations(generation);
    invoke_gc_callbacks("start", generation, 0, 0);
    Mo_ssize_t result = gc_collect_main(generation, &collected, &uncollectable);
    invoke_gc_callbacks("stop", generation, collected, uncollectable);
    gc_validate_generations(generation);
    return result;
}

/* region gc_collect_generations */
/* An automatic collection: the oldest generation whose count is over its
   threshold; the oldest only when enough objects wait there (the 25% rule,
   issue #4074). Under the stress switch, generation 0 when none is due. */
static Mo_ssize_t gc_collect_generations(void)
{
    for (int i = NUM_GENERATIONS - 1; i >= 0; i--) {
        if (gc.generations[i].count > gc.generations[i].threshold) {
            if (i == NUM_GENERATIONS - 1 &&
                gc.long_lived_pending < gc.long_lived_total / 4)
                continue;
            return gc_collect_with_callback(i);
        }
    }
    return gc.stress ? gc_collect_with_callback(0) : 0;
}
/* endregion gc_collect_generations */

/* ============================================================ the gc module */

static Mo_ssize_t gc_collect_explicit(int generation)
{
    if (gc.collecting)
        return 0;   /* a finalizer or callback asked during a collection */
    /* A pending exception is kept aside: the collection reports the ones it
       meets itself, and must not report or lose the caller's. */
    MoObject *saved = MoErr_GetRaisedException();
    gc.collecting = 1;
    Mo_ssize_t n = gc_collect_with_callback(generation);
    gc.collecting = 0;
    MoErr_SetRaisedException(saved);
    return n;
}

Mo_ssize_t MoGC_Collect(void)
{
    return gc_collect_explicit(NUM_GENERATIONS - 1);
}

Mo_ssize_t MoGC_CollectGeneration(int gen)
{
    if (gen < 0 || gen >= NUM_GENERATIONS) {
        MoErr_SetString(MoExc_ValueError, "invalid generation");
        return -1;
    }
    return gc_collect_explicit(gen);
}

void MoGC_GetCount(int count[3])
{
    for (int i = 0; i < NUM_GENERATIONS; i++)
        count[i] = gc.generations[i].count;
}

void MoGC_GetThreshold(int t[3])
{
    for (int i = 0; i < NUM_GENERATIONS; i++)
        t[i] = gc.generations[i].threshold;
}

void MoGC_SetThreshold(int t0, int t1, int t2)
{
    gc.generations[0].threshold = t0;
    gc.generations[1].threshold = t1;
    gc.generations[2].threshold = t2;
}

int MoGC_Enable(void)
{
    int old = gc.enabled;
    gc.enabled = 1;
    return old;
}

int MoGC_Disable(void)
{
    int old = gc.enabled;
    gc.enabled = 0;
    return old;
}

int MoGC_IsEnabled(void) { return gc.enabled; }

int MoGC_SetStress(int on)
{
    int old = gc.stress;
    gc.stress = on != 0;
    return old;
}

void MoGC_SetDebug(int flags) { gc.debug = flags; }
int MoGC_GetDebug(void) { return gc.debug; }

Mo_ssize_t _MoGC_GenerationSize(int gen)
{
    gc_lists_ensure_init();
    return gc_list_size(gen_head(gen));
}

void MoGC_GetStats(MoGCStats out[3])
{
    for (int i = 0; i < NUM_GENERATIONS; i++)
        out[i] = gc.stats[i];
}

MoObject *MoGC_GetStatsList(void)
{
    MoObject *result = MoList_New(0);
    if (result == NULL)
        return NULL;
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        MoGCStats st = gc.stats[i];
        static const char *const keys[3] = { "collections", "collected", "uncollectable" };
        const Mo_ssize_t values[3] = { st.collections, st.collected, st.uncollectable };
        MoObject *d = gc_small_dict(keys, values);
        if (d == NULL || MoList_Append(result, d) < 0) {
            Mo_XDECREF(d);
            Mo_DECREF(result);
            return NULL;
        }
        Mo_DECREF(d);
    }
    return result;
}

MoObject *MoGC_Garbage(void)
{
    if (gc.garbage == NULL)
        gc.garbage = MoList_New(0);
    return gc.garbage;
}

MoObject *MoGC_Callbacks(void)
{
    if (gc.callbacks == NULL)
        gc.callbacks = MoList_New(0);
    return gc.callbacks;
}

int MoGC_AddCallback(MoObject *callable)
{
    MoObject *callbacks = MoGC_Callbacks();
    return callbacks == NULL ? -1 : MoList_Append(callbacks, callable);
}

/* ------------------------------------------------------ referents, referrers */

static int referents_visit(MoObject *op, void *list)
{
    return MoList_Append(list, op) < 0 ? -1 : 0;
}

MoObject *MoGC_GetReferents(MoObject *o)
{
    MoObject *result = MoList_New(0);
    if (result == NULL)
        return NULL;
    if (!gc_is_gc(o))
        return result;
    traverseproc traverse = Mo_TYPE(o)->tp_traverse;
    if (traverse != NULL && traverse(o, referents_visit, result) != 0) {
        Mo_DECREF(result);
        return NULL;
    }
    return result;
}

typedef struct {
    MoObject *target;
    int found;
} referrers_state;

static int referrers_visit(MoObject *op, void *arg)
{
    referrers_state *st = arg;
    if (op == st->target) {
        st->found = 1;
        return 1;   /* once is enough */
    }
    return 0;
}

MoObject *MoGC_GetReferrers(MoObject *o)
{
    MoObject *result = MoList_New(0);
    if (result == NULL)
        return NULL;
    gc_lists_ensure_init();
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        MoGC_Head *head = gen_head(i);
        for (MoGC_Head *g = gc_next(head); g != head; g = gc_next(g)) {
            MoObject *op = _Mo_FROM_GC(g);
            traverseproc traverse = Mo_TYPE(op)->tp_traverse;
            if (op == result || traverse == NULL)
                continue;
            referrers_state st = { o, 0 };
            traverse(op, referrers_visit, &st);
            if (st.found && MoList_Append(result, op) < 0) {
                Mo_DECREF(result);
                return NULL;
            }
        }
    }
    return result;
}

/* ------------------------------------------------------ objects, freezing */

/* Append every object of list to result, except result itself. */
static int gc_list_append_objects(MoGC_Head *list, MoObject *result)
{
    for (MoGC_Head *g = gc_next(list); g != list; g = gc_next(g)) {
        MoObject *op = _Mo_FROM_GC(g);
        if (op != result && MoList_Append(result, op) < 0)
            return -1;
    }
    return 0;
}

MoObject *MoGC_GetObjects(int generation)
{
    if (generation >= NUM_GENERATIONS) {
        MoErr_Format(MoExc_ValueError,
                     "generation parameter must be less than the number of available generations (%i)",
                     NUM_GENERATIONS);
        return NULL;
    }
    if (generation < -1) {
        MoErr_SetString(MoExc_ValueError, "generation parameter cannot be negative");
        return NULL;
    }
    gc_lists_ensure_init();
    MoObject *result = MoList_New(0);
    if (result == NULL)
        return NULL;
    /* The new list is tracked already: in generation 0, where the walk skips it. */
    int first = generation == -1 ? 0 : generation;
    int last = generation == -1 ? NUM_GENERATIONS - 1 : generation;
    for (int i = first; i <= last; i++) {
        if (gc_list_append_objects(gen_head(i), result) < 0) {
            Mo_DECREF(result);
            return NULL;
        }
    }
    return result;
}

/* region freeze */
/* gc.freeze(): every tracked object moves to the permanent generation, which no
   collection looks at (so a forked child does not write to the pages of objects it
   shares with its parent just to compute gc_refs). Generation 0's count
   restarts. */
void MoGC_Freeze(void)
{
    gc_lists_ensure_init();
    for (int i = 0; i < NUM_GENERATIONS; i++)
        gc_list_merge(gen_head(i), &gc.permanent);
    gc.generations[0].count = 0;
}

/* gc.unfreeze(): the permanent generation joins the oldest one. */
void MoGC_Unfreeze(void)
{
    gc_lists_ensure_init();
    gc_list_merge(&gc.permanent, gen_head(NUM_GENERATIONS - 1));
}
/* endregion freeze */

Mo_ssize_t MoGC_GetFreezeCount(void)
{
    gc_lists_ensure_init();
    return gc_list_size(&gc.permanent);
}

/* ============================================================ lifecycle */

/* Mo_Initialize: the stress switch from the environment (MO_GC_STRESS=1). */
void _MoGC_Init(void)
{
    const char *s = getenv("MO_GC_STRESS");
    gc.stress = s != NULL && s[0] != '\0' && strcmp(s, "0") != 0;
}

/* Mo_Finalize, before it counts the survivors: forget the callbacks and what the
   program left in gc.garbage, and collect everything the program dropped, so that
   only real leaks are reported. What a legacy finalizer keeps alive stays. */
void _MoGC_AtExit(void)
{
    MoErr_Clear();   /* Mo_Finalize drops it anyway; it may be part of a cycle */
    gc.debug = 0;
    Mo_CLEAR(gc.callbacks);
    Mo_CLEAR(gc.garbage);
    MoGC_Collect();
    Mo_CLEAR(gc.garbage);
}

/* Back to the state of a fresh runtime: counts and statistics zero, default
   thresholds, enabled. Objects still tracked are leaks (Mo_Finalize reports them):
   they are unlinked, so that the next runtime starts with empty lists. */
/* Untrack every object of list (leaks, at Mo_Finalize) without touching them
   otherwise; list becomes empty. */
static void gc_list_forget(MoGC_Head *list)
{
    MoGC_Head *next;
    for (MoGC_Head *g = gc_next(list); g != list; g = next) {
        next = gc_next(g);
        g->_gc_next = 0;
        g->_gc_prev &= _MoGC_PREV_MASK_FINALIZED;
    }
    gc_list_init(list);
}

void _MoGC_Fini(void)
{
    static const int defaults[NUM_GENERATIONS] = { 700, 10, 10 };
    gc_lists_ensure_init();
    gc_list_forget(&gc.permanent);
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        gc_list_forget(gen_head(i));
        gc.generations[i].count = 0;
        gc.generations[i].threshold = defaults[i];
        gc.stats[i] = (MoGCStats){ 0, 0, 0 };
    }
    Mo_CLEAR(gc.callbacks);
    Mo_CLEAR(gc.garbage);
    gc.enabled = 1;
    gc.debug = 0;
    gc.stress = 0;
    gc.collecting = 0;
    gc.long_lived_total = 0;
    gc.long_lived_pending = 0;
    gc.observer = NULL;
    gc.observer_arg = NULL;
}
