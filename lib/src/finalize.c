/* PEP 442 finalizers: running tp_finalize at most once, and noticing resurrection.
 *
 * Rules (CPython 3.11's PyObject_CallFinalizer and ..._FromDealloc):
 *  1. tp_finalize runs at most once per GC object: afterwards the FINALIZED bit
 *     (bit 0 of the GC head's _gc_prev) is set, and it survives every later
 *     collection. A non-GC object has no such bit, so its finalizer runs again
 *     each time the object dies.
 *  2. From tp_dealloc the object's count is zero: it is brought back to 1 for the
 *     call (the finalizer may look at the object, even store it somewhere), then
 *     taken down again without a DECREF (which would re-enter tp_dealloc).
 *  3. If the count is still above zero, the finalizer resurrected the object: it
 *     is alive again as if the last DECREF had never happened, and tp_dealloc
 *     must stop.
 *
 * Both the collector (finalize_garbage in gc.c) and the instances' tp_dealloc
 * (class.c) come here, so "once" holds whichever way the object dies.
 */
#include "internal.h"

/* region call_finalizer */
void MoObject_CallFinalizer(MoObject *op)
{
    MoTypeObject *tp = Mo_TYPE(op);
    if (tp->tp_finalize == NULL)
        return;
    if (MoType_IS_GC(tp) && _MoGC_FINALIZED(op))
        return;   /* rule 1: at most once */
    /* The finalizer runs with no exception pending; one it raises cannot propagate
       (nobody called it), so it is reported and the caller's exception restored. */
    MoObject *saved = MoErr_GetRaisedException();
    tp->tp_finalize(op);
    if (MoErr_Occurred())
        MoErr_WriteUnraisable(op);
    MoErr_SetRaisedException(saved);
    if (MoType_IS_GC(tp))
        _MoGC_SET_FINALIZED(op);
}

int MoObject_CallFinalizerFromDealloc(MoObject *op)
{
    if (Mo_REFCNT(op) != 0)
        Mo_FatalError("MoObject_CallFinalizerFromDealloc called on object with a "
                      "non-zero refcount");
    /* Rule 2: a temporary life. The count is set, not INCREF'd: the reference the
       last DECREF gave back is lent again and taken back below. */
    op->ob_refcnt = 1;
    MoObject_CallFinalizer(op);
    op->ob_refcnt--;
    if (Mo_REFCNT(op) == 0)
        return 0;   /* the normal path: go on freeing */
    /* Rule 3: resurrected. The references the finalizer created are already in
       the total; the object only needs to rejoin the live set. */
    _Mo_ResurrectReference(op);
    return -1;
}
/* endregion call_finalizer */
