/* The collector's bookkeeping: GC headers, the three generation lists, counts.
 *
 * Invariants (checked by _MoGC_Validate in debug builds):
 *  - a GC object is tracked iff its head's _gc_next is non-zero; a tracked object is
 *    on exactly one generation's circular doubly linked list;
 *  - MoObject_GC_Track always appends to the tail of generation 0;
 *  - generations[0].count = GC allocations minus GC frees (never below 0) since
 *    generation 0 was last collected, as 3.11 counts them.
 * The collection algorithm itself (update refs, subtract refs, move unreachable...)
 * arrives with the cyclic collector; this file only keeps the lists it will walk.
 */
#include "internal.h"

typedef struct {
    MoGC_Head head;      /* list head: a sentinel, not an object */
    int threshold;
    int count;
} gc_generation;

#define NUM_GENERATIONS 3

static struct {
    gc_generation generations[NUM_GENERATIONS];
    int enabled;
} gc = {
    .generations = { { {0, 0}, 700, 0 }, { {0, 0}, 10, 0 }, { {0, 0}, 10, 0 } },
    .enabled = 1,
};

static MoGC_Head *gen_head(int i) { return &gc.generations[i].head; }

static MoGC_Head *gc_prev(MoGC_Head *g) { return (MoGC_Head *)(g->_gc_prev & _MoGC_PREV_MASK); }
static void gc_set_prev(MoGC_Head *g, MoGC_Head *prev)
{
    g->_gc_prev = (g->_gc_prev & ~_MoGC_PREV_MASK) | (uintptr_t)prev;
}

/* An empty list is a head pointing at itself both ways. */
static void gc_list_init(MoGC_Head *list)
{
    list->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)list;
}

static void gc_lists_ensure_init(void)
{
    for (int i = 0; i < NUM_GENERATIONS; i++)
        if (gen_head(i)->_gc_next == 0)
            gc_list_init(gen_head(i));
}

static void gc_list_append(MoGC_Head *node, MoGC_Head *list)
{
    MoGC_Head *last = (MoGC_Head *)list->_gc_prev;
    gc_set_prev(node, last);
    last->_gc_next = (uintptr_t)node;
    node->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)node;
}

static void gc_list_remove(MoGC_Head *node)
{
    MoGC_Head *prev = gc_prev(node);
    MoGC_Head *next = (MoGC_Head *)node->_gc_next;
    prev->_gc_next = (uintptr_t)next;
    gc_set_prev(next, prev);
    node->_gc_next = 0;   /* untracked */
}

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
    return MoObject_IS_GC(o) && _MoObject_GC_IS_TRACKED(o);
}

int _MoObject_GC_MAY_BE_TRACKED(MoObject *o)
{
    if (!MoObject_IS_GC(o))
        return 0;
    if (MoTuple_CheckExact(o))
        return _MoObject_GC_IS_TRACKED(o);
    return 1;
}

void _MoObject_GC_Link(MoObject *op)
{
    MoGC_Head *g = _Mo_AS_GC(op);
    g->_gc_next = 0;
    g->_gc_prev = 0;
    gc.generations[0].count++;
}

void MoObject_GC_Del(void *op)
{
    MoObject *o = op;
    if (_MoObject_GC_IS_TRACKED(o))
        gc_list_remove(_Mo_AS_GC(o));
    if (gc.generations[0].count > 0)
        gc.generations[0].count--;
    _MoObject_FreeObjectMemory(o, (char *)o - _MoType_PreHeaderSize(Mo_TYPE(o)));
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

Mo_ssize_t _MoGC_GenerationSize(int gen)
{
    gc_lists_ensure_init();
    Mo_ssize_t n = 0;
    MoGC_Head *head = gen_head(gen);
    for (MoGC_Head *g = (MoGC_Head *)head->_gc_next; g != head; g = (MoGC_Head *)g->_gc_next)
        n++;
    return n;
}

/* Back to the state of a fresh runtime: counts zero, default thresholds, enabled.
   Objects still tracked stay on their lists (they are leaks Mo_Finalize reports). */
void _MoGC_Fini(void)
{
    static const int defaults[NUM_GENERATIONS] = { 700, 10, 10 };
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        gc.generations[i].count = 0;
        gc.generations[i].threshold = defaults[i];
    }
    gc.enabled = 1;
}
