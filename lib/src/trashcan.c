/* The trashcan: freeing deep structures in bounded C stack.
 *
 * Freeing a list DECREFs its items; an item that dies frees its own items, and so
 * on: a list nested a million deep would need a million nested tp_dealloc frames.
 * CPython's answer, kept here: count the nesting of container deallocs; past
 * TRASHCAN_DEPTH, do not free the object now but park it on a list (linked through
 * its GC header's _gc_prev, free to use since the object is untracked and dying),
 * and when the outermost dealloc finishes, free the parked objects one by one,
 * each again with the nesting limit. The C stack never holds more than
 * TRASHCAN_DEPTH container deallocs at once.
 *
 * The parking link keeps the low bits of _gc_prev: bit 0 says the object's
 * finalizer has already run (PEP 442), and must survive the wait.
 */
#include "internal.h"

#define TRASHCAN_DEPTH 50

static int nesting;
static MoObject *delete_later;   /* parked objects, newest first */

/* region trashcan */
int _Mo_Trashcan_Begin(MoObject *op, destructor dealloc)
{
    /* Only the type's own dealloc uses the can (not a base's called by a subtype). */
    if (Mo_TYPE(op)->tp_dealloc != dealloc)
        return 0;
    if (nesting >= TRASHCAN_DEPTH) {
        MoGC_Head *g = _Mo_AS_GC(op);
        g->_gc_prev = (g->_gc_prev & ~_MoGC_PREV_MASK) | (uintptr_t)delete_later;
        delete_later = op;
        return 1;   /* skip the body: the object is freed later */
    }
    nesting++;
    return 0;
}

void _Mo_Trashcan_End(void)
{
    nesting--;
    if (nesting > 0)
        return;
    /* Outermost: free what was parked. Each dealloc may park more. */
    while (delete_later != NULL) {
        MoObject *op = delete_later;
        MoGC_Head *g = _Mo_AS_GC(op);
        delete_later = (MoObject *)(g->_gc_prev & _MoGC_PREV_MASK);
        g->_gc_prev &= ~_MoGC_PREV_MASK;
        nesting = 1;   /* as if inside a dealloc: deeper levels park again */
        _Mo_DeallocResume(op);
        Mo_TYPE(op)->tp_dealloc(op);
        _Mo_DeallocEnd(op);
        nesting = 0;
    }
}
/* endregion trashcan */
