/* Starting and stopping the runtime.
 *
 * Mo_Initialize readies every built-in type in dependency order (and reads the
 * collector's stress switch, MO_GC_STRESS). Mo_Finalize runs a full collection, so
 * that cycles the program dropped are not counted as leaks, then gives
 * back everything the runtime itself owns (the pending exception, free lists, the
 * types' dicts, the intern table) and then counts what is still alive: those are
 * objects the program created and never released. Afterwards the runtime can be
 * initialized again, which is how each test starts fresh.
 */
#include "internal.h"
#include "tracemalloc_internal.h"

static int initialized;

/* region initialize */
int Mo_Initialize(void)
{
    if (initialized)
        return 0;
    initialized = 1;
    /* MOMALLOC, as PYTHONMALLOC, before the first allocation (the debug build's
       default is pymalloc_debug: the debug hooks) */
    _MoMem_InitAllocators();
    /* Types whose objects are freed during start-up (strings, tuples, dicts) first:
       a type gets its tp_free when it is readied. */
    int (*const steps[])(void) = {
        _MoType_Init, _MoUnicode_Init, _MoTuple_Init, _MoDict_Init, _MoLong_Init, _MoFloat_Init,
        _MoBytes_Init, _MoList_Init, _MoSet_Init, _MoRange_Init, _MoCFunction_Init, _MoErr_Init,
        _MoClass_Init, _MoWeakref_Init,
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (steps[i]() < 0) {
            MoErr_Print();
            initialized = 0;
            return -1;
        }
    }
    _MoGC_Init();
    return 0;
}
/* endregion initialize */

Mo_ssize_t Mo_Finalize(void)
{
    if (!initialized)
        return 0;
    /* Pending weakref.finalize callbacks run if their atexit is true, as at CPython's
       exit, and are dropped otherwise; then cycles the program dropped are collected:
       they are not leaks. */
    _MoWeakref_Fini();
    _MoImport_Fini();
    _MoGC_AtExit();
    _MoErr_Fini();
    _MoType_Fini();
    _MoFloat_Fini();
    _MoTuple_Fini();
    _MoList_Fini();
    _MoDict_Fini();
    _MoUnicode_Fini();
    _MoRecursion_Fini();
    _MoGC_Fini();
    fflush(stdout);
    Mo_ssize_t alive = _Mo_ReportLiveObjects(stderr);
    /* After the report (which names allocation sites): stop tracing, so that the
       next Mo_Initialize installs its hooks on the plain allocators. */
    _MoTraceMalloc_Fini();
#ifdef MO_DEBUG
    _Mo_QuarantineFlush();
    _Mo_RefTotal = 0;
#endif
    initialized = 0;
    return alive;
}
