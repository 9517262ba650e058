/* Lab 02: release state at Mo_Finalize (see atfinalize.h). Given.
 *
 * weakref.finalize(obj, callback) runs callback at Mo_Finalize while obj is alive and
 * its atexit flag is true (the default). Here obj is the callback itself: the
 * finalizer holds a strong reference to its callback, so obj lives until the
 * finalizer has run, and then both are released.
 */
#include "atfinalize.h"

int Lab02_AtFinalize(const char *name, MoCFunc release)
{
    MoObject *fn = MoCFunction_New(name, release, NULL);
    if (fn == NULL)
        return -1;
    MoObject *finalizer = MoWeakref_Finalize(fn, fn, NULL);
    Mo_DECREF(fn);   /* the finalizer holds it now */
    if (finalizer == NULL)
        return -1;
    Mo_DECREF(finalizer);   /* the runtime's registry keeps it until it has run */
    return 0;
}
