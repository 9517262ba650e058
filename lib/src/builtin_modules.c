/* The runtime's own modules, importable by name (import.c): sys, gc, weakref,
 * functools and tracemalloc, written as extension modules are, over the public C
 * API (each function calls the MoSys_/MoGC_/MoWeakref_/MoFunctools_/MoTraceMalloc_
 * function that does the work). They are what Python on the runtime will import.
 *
 * Arguments are parsed by getargs.c, so that a wrong call fails with the message
 * CPython 3.11 gives for the same call. gc uses multi-phase init (an exec slot
 * adds its constants and lists), the others single-phase.
 */
#include "internal.h"

/* new: an int from a Mo_ssize_t result, NULL when it reports an error. */
static MoObject *size_result(Mo_ssize_t n)
{
    if (n == -1 && MoErr_Occurred())
        return NULL;
    return MoLong_FromSsize_t(n);
}

/* ===================================================================== sys */

static MoObject *sys_getsizeof(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "object", "default", NULL };
    MoObject *o, *dflt = NULL;
    (void)self;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "O|O:getsizeof", kwlist, &o, &dflt))
        return NULL;
    Mo_ssize_t n = MoSys_GetSizeOf(o);
    if (n == -1 && dflt != NULL && MoErr_ExceptionMatches(MoExc_TypeError)) {
        MoErr_Clear();
        return Mo_NewRef(dflt);
    }
    return size_result(n);
}

/* The argument's own reference (the call's argument tuple holds one) is
   counted, as CPython counts the one its stack holds. */
static MoObject *sys_getrefcount(MoObject *self, MoObject *o)
{
    (void)self;
    return MoLong_FromSsize_t(Mo_REFCNT(o));
}

static MoObject *sys_intern(MoObject *self, MoObject *args)
{
    MoObject *s;
    (void)self;
    if (!MoArg_ParseTuple(args, "U:intern", &s))
        return NULL;
    return MoSys_Intern(s);
}

#ifdef MO_DEBUG
static MoObject *sys_gettotalrefcount(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoLong_FromSsize_t(MoSys_GetTotalRefCount());
}
#endif

static MoMethodDef sys_methods[] = {
    { "getsizeof", (MoCFunction)(void (*)(void))sys_getsizeof, METH_VARARGS | METH_KEYWORDS,
      "getsizeof(object [, default]) -> int\n\nReturn the size of object in bytes." },
    { "getrefcount", sys_getrefcount, METH_O, "Return the reference count of object." },
    { "intern", sys_intern, METH_VARARGS, "``Intern'' the given string." },
#ifdef MO_DEBUG
    { "gettotalrefcount", sys_gettotalrefcount, METH_NOARGS, NULL },
#endif
    { NULL, NULL, 0, NULL },
};

static MoModuleDef sys_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "sys",
    .m_doc = "This module provides access to some objects used or maintained by the\ninterpreter.",
    .m_size = -1,
    .m_methods = sys_methods,
};

MoObject *MoInit_sys(void)
{
    MoObject *m = MoModule_Create(&sys_def);
    if (m != NULL && MoModule_AddObjectRef(m, "modules", MoImport_GetModuleDict()) < 0)
        Mo_CLEAR(m);
    return m;
}

/* ====================================================================== gc */

static MoObject *gc_collect(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "generation", NULL };
    int gen = 2;
    (void)self;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|i:collect", kwlist, &gen))
        return NULL;
    if (gen < 0 || gen > 2) {
        MoErr_SetString(MoExc_ValueError, "invalid generation");
        return NULL;
    }
    return size_result(MoGC_CollectGeneration(gen));
}

static MoObject *gc_enable(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    MoGC_Enable();
    Mo_RETURN_NONE;
}

static MoObject *gc_disable(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    MoGC_Disable();
    Mo_RETURN_NONE;
}

static MoObject *gc_isenabled(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoBool_FromLong(MoGC_IsEnabled());
}

static MoObject *gc_get_count(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    int c[3];
    (void)self;
    MoGC_GetCount(c);
    return Mo_BuildValue("(iii)", c[0], c[1], c[2]);
}

static MoObject *gc_get_threshold(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    int t[3];
    (void)self;
    MoGC_GetThreshold(t);
    return Mo_BuildValue("(iii)", t[0], t[1], t[2]);
}

static MoObject *gc_set_threshold(MoObject *self, MoObject *args)
{
    int t[3];
    (void)self;
    MoGC_GetThreshold(t);
    if (!MoArg_ParseTuple(args, "i|ii:set_threshold", &t[0], &t[1], &t[2]))
        return NULL;
    MoGC_SetThreshold(t[0], t[1], t[2]);
    Mo_RETURN_NONE;
}

static MoObject *gc_is_tracked(MoObject *self, MoObject *o)
{
    (void)self;
    return MoBool_FromLong(MoGC_IsTracked(o));
}

static MoObject *gc_is_finalized(MoObject *self, MoObject *o)
{
    (void)self;
    return MoBool_FromLong(MoGC_IsFinalized(o));
}

/* get_referents(*objs) / get_referrers(*objs): one list for all the arguments. */
static MoObject *gc_gather(MoObject *args, MoObject *(*each)(MoObject *))
{
    MoObject *result = MoList_New(0);
    for (Mo_ssize_t i = 0; result != NULL && i < MoTuple_GET_SIZE(args); i++) {
        MoObject *part = each(MoTuple_GET_ITEM(args, i));
        if (part == NULL || MoList_Extend(result, part) < 0)
            Mo_CLEAR(result);
        Mo_XDECREF(part);
    }
    return result;
}

static MoObject *gc_get_referents(MoObject *self, MoObject *args)
{
    (void)self;
    return gc_gather(args, MoGC_GetReferents);
}

static MoObject *gc_get_referrers(MoObject *self, MoObject *args)
{
    (void)self;
    return gc_gather(args, MoGC_GetReferrers);
}

static MoObject *gc_get_stats(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoGC_GetStatsList();
}

static MoObject *gc_set_debug(MoObject *self, MoObject *args)
{
    int flags;
    (void)self;
    if (!MoArg_ParseTuple(args, "i:set_debug", &flags))
        return NULL;
    MoGC_SetDebug(flags);
    Mo_RETURN_NONE;
}

static MoObject *gc_get_debug(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoLong_FromLong(MoGC_GetDebug());
}

static MoMethodDef gc_methods[] = {
    { "collect", (MoCFunction)(void (*)(void))gc_collect, METH_VARARGS | METH_KEYWORDS, NULL },
    { "enable", gc_enable, METH_NOARGS, NULL },
    { "disable", gc_disable, METH_NOARGS, NULL },
    { "isenabled", gc_isenabled, METH_NOARGS, NULL },
    { "get_count", gc_get_count, METH_NOARGS, NULL },
    { "get_threshold", gc_get_threshold, METH_NOARGS, NULL },
    { "set_threshold", gc_set_threshold, METH_VARARGS, NULL },
    { "is_tracked", gc_is_tracked, METH_O, NULL },
    { "is_finalized", gc_is_finalized, METH_O, NULL },
    { "get_referents", gc_get_referents, METH_VARARGS, NULL },
    { "get_referrers", gc_get_referrers, METH_VARARGS, NULL },
    { "get_stats", gc_get_stats, METH_NOARGS, NULL },
    { "set_debug", gc_set_debug, METH_VARARGS, NULL },
    { "get_debug", gc_get_debug, METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

/* The lists the runtime owns (gc.garbage, gc.callbacks) and the debug flags. */
static int gc_exec(MoObject *m)
{
    MoObject *garbage = MoGC_Garbage(), *callbacks = MoGC_Callbacks();
    if (MoModule_AddObjectRef(m, "garbage", garbage) < 0 || MoModule_AddObjectRef(m, "callbacks", callbacks) < 0)
        return -1;
    const struct { const char *name; long value; } flags[] = {
        { "DEBUG_STATS", MO_GC_DEBUG_STATS },
        { "DEBUG_COLLECTABLE", MO_GC_DEBUG_COLLECTABLE },
        { "DEBUG_UNCOLLECTABLE", MO_GC_DEBUG_UNCOLLECTABLE },
        { "DEBUG_SAVEALL", MO_GC_DEBUG_SAVEALL },
        { "DEBUG_LEAK", MO_GC_DEBUG_LEAK },
    };
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(flags); i++)
        if (MoModule_AddIntConstant(m, flags[i].name, flags[i].value) < 0)
            return -1;
    return 0;
}

static MoModuleDef_Slot gc_slots[] = {
    { Mo_mod_exec, (void *)gc_exec },
    { 0, NULL },
};

static MoModuleDef gc_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "gc",
    .m_doc = "This module provides access to the garbage collector for reference cycles.",
    .m_size = 0,
    .m_methods = gc_methods,
    .m_slots = gc_slots,
};

MoObject *MoInit_gc(void)
{
    return MoModuleDef_Init(&gc_def);
}

/* ================================================================= weakref */

static MoObject *weakref_proxy(MoObject *self, MoObject *args)
{
    MoObject *o, *callback = NULL;
    (void)self;
    if (!MoArg_UnpackTuple(args, "proxy", 1, 2, &o, &callback))
        return NULL;
    return MoWeakref_NewProxy(o, callback == Mo_None ? NULL : callback);
}

static MoObject *weakref_getweakrefcount(MoObject *self, MoObject *o)
{
    (void)self;
    return size_result(MoWeakref_GetWeakrefCount(o));
}

static MoObject *weakref_finalize(MoObject *self, MoObject *args)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("finalize", MoTuple_GET_SIZE(args), 2, MO_SSIZE_T_MAX))
        return NULL;
    MoObject *rest = MoTuple_GetSlice(args, 2, MoTuple_GET_SIZE(args));
    if (rest == NULL)
        return NULL;
    MoObject *f = MoWeakref_Finalize(MoTuple_GET_ITEM(args, 0), MoTuple_GET_ITEM(args, 1), rest);
    Mo_DECREF(rest);
    return f;
}

/* WeakValueDictionary() and friends: empty containers (fill them by item). */
#define WEAK_CONTAINER(fname, make)                                              \
    static MoObject *fname(MoObject *self, MoObject *Mo_UNUSED(ignored))        \
    {                                                                            \
        (void)self;                                                              \
        return make();                                                           \
    }
WEAK_CONTAINER(weakref_valuedict, MoWeakValueDict_New)
WEAK_CONTAINER(weakref_keydict, MoWeakKeyDict_New)
WEAK_CONTAINER(weakref_set, MoWeakSet_New)
#undef WEAK_CONTAINER

static MoMethodDef weakref_methods[] = {
    { "proxy", weakref_proxy, METH_VARARGS, NULL },
    { "getweakrefcount", weakref_getweakrefcount, METH_O, NULL },
    { "finalize", weakref_finalize, METH_VARARGS, NULL },
    { "WeakValueDictionary", weakref_valuedict, METH_NOARGS, NULL },
    { "WeakKeyDictionary", weakref_keydict, METH_NOARGS, NULL },
    { "WeakSet", weakref_set, METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MoModuleDef weakref_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "weakref",
    .m_doc = "Support for weak references.",
    .m_size = -1,
    .m_methods = weakref_methods,
};

MoObject *MoInit_weakref(void)
{
    MoObject *m = MoModule_Create(&weakref_def);
    if (m != NULL && (MoModule_AddObjectRef(m, "ref", (MoObject *)&MoWeakref_RefType) < 0 ||
                      MoModule_AddObjectRef(m, "ReferenceType", (MoObject *)&MoWeakref_RefType) < 0 ||
                      MoModule_AddObjectRef(m, "ProxyType", (MoObject *)&MoWeakref_ProxyType) < 0 ||
                      MoModule_AddObjectRef(m, "CallableProxyType", (MoObject *)&MoWeakref_CallableProxyType) < 0))
        Mo_CLEAR(m);
    return m;
}

/* =============================================================== functools */

/* maxsize as MoFunctools_LruCache takes it: None is -1 (unbounded), negative 0. */
static int functools_maxsize(MoObject *o, Mo_ssize_t *out)
{
    if (o == Mo_None) {
        *out = -1;
        return 0;
    }
    Mo_ssize_t n = MoNumber_AsSsize_t(o, MoExc_OverflowError);
    if (n == -1 && MoErr_Occurred())
        return -1;
    *out = n < 0 ? 0 : n;
    return 0;
}

/* lru_cache(maxsize)(func): self is maxsize. */
static MoObject *functools_decorating_function(MoObject *self, MoObject *args)
{
    MoObject *func;
    Mo_ssize_t maxsize;
    if (!MoArg_UnpackTuple(args, "decorating_function", 1, 1, &func) || functools_maxsize(self, &maxsize) < 0)
        return NULL;
    return MoFunctools_LruCache(func, maxsize);
}

static MoObject *functools_lru_cache(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "maxsize", "typed", NULL };
    MoObject *maxsize = NULL;
    int typed = 0;
    (void)self;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|Op:lru_cache", kwlist, &maxsize, &typed))
        return NULL;
    if (maxsize == NULL)
        maxsize = MoLong_FromLong(128);
    else
        Mo_INCREF(maxsize);
    if (maxsize == NULL)
        return NULL;
    MoObject *res = NULL;
    if (MoCallable_Check(maxsize) && !MoIndex_Check(maxsize)) {
        res = MoFunctools_LruCache(maxsize, 128);   /* @lru_cache without parentheses */
    } else if (maxsize != Mo_None && !MoIndex_Check(maxsize)) {
        MoErr_SetString(MoExc_TypeError, "Expected first argument to be an integer, a callable, or None");
    } else {
        res = MoCFunction_New("decorating_function", functools_decorating_function, maxsize);
    }
    Mo_DECREF(maxsize);
    return res;
}

static MoMethodDef functools_methods[] = {
    { "lru_cache", (MoCFunction)(void (*)(void))functools_lru_cache, METH_VARARGS | METH_KEYWORDS, NULL },
    { NULL, NULL, 0, NULL },
};

static MoModuleDef functools_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "functools",
    .m_doc = "functools.py - Tools for working with functions and callable objects",
    .m_size = -1,
    .m_methods = functools_methods,
};

MoObject *MoInit_functools(void)
{
    return MoModule_Create(&functools_def);
}

/* ============================================================= tracemalloc */

static MoObject *tracemalloc_start(MoObject *self, MoObject *args)
{
    int nframe = 1;
    (void)self;
    if (!MoArg_ParseTuple(args, "|i:start", &nframe) || MoTraceMalloc_Start(nframe) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *tracemalloc_stop(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    MoTraceMalloc_Stop();
    Mo_RETURN_NONE;
}

static MoObject *tracemalloc_is_tracing(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoBool_FromLong(MoTraceMalloc_IsTracing());
}

static MoObject *tracemalloc_get_traced_memory(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    size_t current, peak;
    (void)self;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    return Mo_BuildValue("(nn)", (Mo_ssize_t)current, (Mo_ssize_t)peak);
}

static MoObject *tracemalloc_reset_peak(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    MoTraceMalloc_ResetPeak();
    Mo_RETURN_NONE;
}

static MoObject *tracemalloc_clear_traces(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    MoTraceMalloc_ClearTraces();
    Mo_RETURN_NONE;
}

static MoObject *tracemalloc_take_snapshot(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoTraceMalloc_TakeSnapshot();
}

static MoObject *tracemalloc_get_object_traceback(MoObject *self, MoObject *o)
{
    (void)self;
    return MoTraceMalloc_GetObjectTraceback(o);
}

static MoObject *tracemalloc_get_traceback_limit(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return MoLong_FromLong(MoTraceMalloc_GetTracebackLimit());
}

static MoMethodDef tracemalloc_methods[] = {
    { "start", tracemalloc_start, METH_VARARGS, NULL },
    { "stop", tracemalloc_stop, METH_NOARGS, NULL },
    { "is_tracing", tracemalloc_is_tracing, METH_NOARGS, NULL },
    { "get_traced_memory", tracemalloc_get_traced_memory, METH_NOARGS, NULL },
    { "reset_peak", tracemalloc_reset_peak, METH_NOARGS, NULL },
    { "clear_traces", tracemalloc_clear_traces, METH_NOARGS, NULL },
    { "take_snapshot", tracemalloc_take_snapshot, METH_NOARGS, NULL },
    { "get_object_traceback", tracemalloc_get_object_traceback, METH_O, NULL },
    { "get_traceback_limit", tracemalloc_get_traceback_limit, METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MoModuleDef tracemalloc_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "tracemalloc",
    .m_doc = "Debug module to trace memory blocks allocated by Python.",
    .m_size = -1,
    .m_methods = tracemalloc_methods,
};

MoObject *MoInit_tracemalloc(void)
{
    return MoModule_Create(&tracemalloc_def);
}
