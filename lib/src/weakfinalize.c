/* weakref.finalize: call func(*args) once, when an object dies (Lib/weakref.py).
 *
 * The state of every pending finalizer lives in one runtime-owned registry, a
 * dict {finalizer: (weakref, func, args)}, so that nobody has to keep the
 * finalizer object: the registry does, until it has run.
 *
 *   1. Creation makes ref(obj, finalizer): the finalizer object is itself the
 *      reference's callback. The registry entry owns that reference; the finalizer
 *      owns nothing, so there is no cycle (registry -> entry -> weakref ->
 *      finalizer is a chain, and the finalizer points back at nothing).
 *   2. Running (the referent died and the callback fired, or someone called the
 *      finalizer early) pops the entry first, then calls func(*args): whatever
 *      happens, it runs at most once. "alive" is "still in the registry".
 *   3. Mo_Finalize empties the registry without running anything (_MoWeakref_Fini):
 *      CPython runs the remaining finalizers at exit; a teaching runtime that is
 *      started and stopped once per test must not.
 *
 * Its weak reference is an ordinary callback reference, so it takes its place in
 * the referent's list like one: created last, it runs first (facts §5).
 * Start reading at MoWeakref_Finalize and finalize_call.
 */
#include <string.h>
#include "internal.h"

typedef struct {
    MoObject_HEAD
} finalize_object;

/* {finalizer: (weakref, func, args)}, or NULL before the first finalizer. */
static MoObject *finalize_registry;

static MoTypeObject finalize_type;

/* ================================================================= the registry */

/* borrowed: the pending entry of f, or NULL (no exception) when it has run. */
static MoObject *finalize_entry(MoObject *f)
{
    return finalize_registry != NULL ? MoDict_GetItem(finalize_registry, f) : NULL;
}

static int finalize_register(MoObject *f, MoObject *entry)
{
    if (finalize_registry == NULL) {
        finalize_registry = MoDict_New();
        if (finalize_registry == NULL)
            return -1;
    }
    return MoDict_SetItem(finalize_registry, f, entry);
}

/* new: f's entry, taken out of the registry (rule 2), or NULL when it has run. */
static MoObject *finalize_pop(MoObject *f)
{
    MoObject *entry = finalize_entry(f);
    if (entry == NULL)
        return NULL;
    Mo_INCREF(entry);
    if (MoDict_DelItem(finalize_registry, f) < 0)
        MoErr_Clear();   /* cannot happen: the key was just found, and hashes by address */
    if (MoDict_Size(finalize_registry) == 0)
        Mo_CLEAR(finalize_registry);   /* nothing pending: the runtime owns nothing */
    return entry;
}

void _MoWeakref_Fini(void)
{
    Mo_CLEAR(finalize_registry);
}

/* ================================================================= the object */

/* region finalize_new */
MoObject *MoWeakref_Finalize(MoObject *obj, MoObject *callback, MoObject *args)
{
    if (MoType_Ready(&finalize_type) < 0)
        return NULL;
    if (args != NULL && !MoTuple_Check(args)) {
        MoErr_SetString(MoExc_TypeError, "finalize() argument after * must be a tuple");
        return NULL;
    }
    MoObject *f = _MoObject_New(&finalize_type);
    if (f == NULL)
        return NULL;
    MoObject *wr = MoWeakref_NewRef(obj, f);       /* rule 1: f is the callback */
    MoObject *call_args = args != NULL ? Mo_NewRef(args) : MoTuple_New(0);
    MoObject *entry = NULL;
    if (wr != NULL && call_args != NULL)
        entry = MoTuple_Pack(3, wr, callback, call_args);
    Mo_XDECREF(wr);
    Mo_XDECREF(call_args);
    if (entry == NULL || finalize_register(f, entry) < 0) {
        Mo_XDECREF(entry);
        Mo_DECREF(f);
        return NULL;
    }
    Mo_DECREF(entry);
    return f;
}
/* endregion finalize_new */

/* region finalize_call */
/* f() or f(dead_weakref): if still pending, run func(*args) and return its result;
   otherwise None. */
static MoObject *finalize_call(MoObject *f, MoObject *args, MoObject *kwargs)
{
    if (kwargs != NULL && MoDict_Size(kwargs) != 0) {
        MoErr_SetString(MoExc_TypeError, "__call__() got an unexpected keyword argument");
        return NULL;
    }
    if (MoTuple_GET_SIZE(args) > 1) {
        MoErr_Format(MoExc_TypeError, "__call__() takes from 1 to 2 positional arguments but %zd were given",
                     MoTuple_GET_SIZE(args) + 1);
        return NULL;
    }
    MoObject *entry = finalize_pop(f);
    if (entry == NULL)
        Mo_RETURN_NONE;
    MoObject *res = MoObject_Call(MoTuple_GET_ITEM(entry, 1), MoTuple_GET_ITEM(entry, 2), NULL);
    Mo_DECREF(entry);
    return res;
}
/* endregion finalize_call */

static MoObject *finalize_get_alive(MoObject *f, void *closure)
{
    (void)closure;
    return _MoBool_From(finalize_entry(f) != NULL);
}

/* The type's name as type(o).__name__ gives it: after the last dot. */
static const char *finalize_short_name(MoTypeObject *t)
{
    const char *dot = strrchr(t->tp_name, '.');
    return dot != NULL ? dot + 1 : t->tp_name;
}

/* "<finalize object at 0x...; for 'set' at 0x...>", or "...; dead>". */
static MoObject *finalize_repr(MoObject *f)
{
    MoObject *entry = finalize_entry(f);
    MoObject *obj = entry != NULL ? _MoWeakref_Referent((MoWeakReference *)MoTuple_GET_ITEM(entry, 0)) : Mo_None;
    if (obj == Mo_None)
        return MoUnicode_FromFormat("<finalize object at %p; dead>", (void *)f);
    return MoUnicode_FromFormat("<finalize object at %p; for '%s' at %p>", (void *)f,
                                finalize_short_name(Mo_TYPE(obj)), (void *)obj);
}

static MoGetSetDef finalize_getset[] = {
    {"alive", finalize_get_alive, NULL, "Whether finalizer is alive", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static void finalize_dealloc(MoObject *f)
{
    Mo_TYPE(f)->tp_free(f);
}

static MoTypeObject finalize_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "finalize",
    .tp_basicsize = sizeof(finalize_object),
    .tp_dealloc = finalize_dealloc,
    .tp_repr = finalize_repr,
    .tp_call = finalize_call,
    .tp_getset = finalize_getset,
};
