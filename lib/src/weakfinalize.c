/* weakref.finalize: call func(*args) once, when an object dies (Lib/weakref.py).
 *
 * The state of every pending finalizer lives in one runtime-owned registry, a
 * dict {finalizer: (weakref, func, args, atexit)}, so that nobody has to keep the
 * finalizer object: the registry does, until it has run.
 *
 *   1. Creation makes ref(obj, finalizer): the finalizer object is itself the
 *      reference's callback. The registry entry owns that reference; the finalizer
 *      owns nothing, so there is no cycle (registry -> entry -> weakref ->
 *      finalizer is a chain, and the finalizer points back at nothing).
 *   2. Running (the referent died and the callback fired, or someone called the
 *      finalizer early) pops the entry first, then calls func(*args): whatever
 *      happens, it runs at most once. detach() pops it without calling. "alive" is
 *      "still in the registry".
 *   3. The registry keeps creation order (a dict's order; entries are replaced in
 *      place, never re-inserted). Mo_Finalize calls _MoWeakref_Fini first, which
 *      runs the pending finalizers whose atexit is true, newest first, as CPython's
 *      finalize._exitfunc does at interpreter exit, then drops the rest unrun.
 *
 * Its weak reference is an ordinary callback reference, so it takes its place in
 * the referent's list like one: created last, it runs first (facts §5).
 * Start reading at MoWeakref_Finalize, finalize_call and finalize_run_at_exit.
 */
#include <string.h>
#include "internal.h"

typedef struct {
    MoObject_HEAD
} finalize_object;

/* The fields of a registry entry. */
enum { ENTRY_WEAKREF, ENTRY_FUNC, ENTRY_ARGS, ENTRY_ATEXIT, ENTRY_SIZE };

/* {finalizer: (weakref, func, args, atexit)}, or NULL before the first finalizer. */
static MoObject *finalize_registry;
/* A finalizer was created since the exit run last chose what to run (_dirty). */
static int finalize_dirty;

static MoTypeObject finalize_type;

/* ================================================================= the registry */

/* borrowed: the pending entry of f, or NULL (no exception) when it is dead. */
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

/* new: f's entry, taken out of the registry (rule 2), or NULL when it is dead. */
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

/* borrowed: the object f will finalize, or None when f is dead (or its object is). */
static MoObject *finalize_referent(MoObject *entry)
{
    if (entry == NULL)
        return Mo_None;
    return _MoWeakref_Referent((MoWeakReference *)MoTuple_GET_ITEM(entry, ENTRY_WEAKREF));
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
        entry = MoTuple_Pack(ENTRY_SIZE, wr, callback, call_args, Mo_True);
    Mo_XDECREF(wr);
    Mo_XDECREF(call_args);
    if (entry == NULL || finalize_register(f, entry) < 0) {
        Mo_XDECREF(entry);
        Mo_DECREF(f);
        return NULL;
    }
    Mo_DECREF(entry);
    finalize_dirty = 1;
    return f;
}
/* endregion finalize_new */

/* Bind f's call arguments as Python binds `def __call__(self, _=None)`: keywords
   first (only `_`, and only without a positional), then the count. 0, or -1 with
   3.11's TypeError. */
static int finalize_check_call_args(MoObject *args, MoObject *kwargs)
{
    Mo_ssize_t pos = 0;
    MoObject *key;
    while (kwargs != NULL && MoDict_Next(kwargs, &pos, &key, NULL)) {
        if (!MoUnicode_Check(key) || strcmp(MoUnicode_AsUTF8(key), "_") != 0) {
            MoErr_Format(MoExc_TypeError, "finalize.__call__() got an unexpected keyword argument '%S'", key);
            return -1;
        }
        if (MoTuple_GET_SIZE(args) > 0) {
            MoErr_SetString(MoExc_TypeError, "finalize.__call__() got multiple values for argument '_'");
            return -1;
        }
    }
    return _MoArg_CheckPositional(args, "finalize.__call__", NULL, 0, 1);
}

/* region finalize_call */
/* f() or f(dead_weakref): if still pending, run func(*args) and return its result;
   otherwise None. */
static MoObject *finalize_call(MoObject *f, MoObject *args, MoObject *kwargs)
{
    if (finalize_check_call_args(args, kwargs) < 0)
        return NULL;
    MoObject *entry = finalize_pop(f);
    if (entry == NULL)
        Mo_RETURN_NONE;
    MoObject *res = MoObject_Call(MoTuple_GET_ITEM(entry, ENTRY_FUNC), MoTuple_GET_ITEM(entry, ENTRY_ARGS), NULL);
    Mo_DECREF(entry);
    return res;
}
/* endregion finalize_call */

/* new: (obj, func, args, {}) while f's object lives; NULL without exception when
   it is dead (or f is). The {} stands for the keyword arguments, which a finalizer
   made from C has none of: a new dict each time, as Python's `kwargs or {}`. */
static MoObject *finalize_state(MoObject *entry)
{
    MoObject *obj = finalize_referent(entry);
    if (obj == Mo_None)
        return NULL;
    MoObject *kwargs = MoDict_New();
    if (kwargs == NULL)
        return NULL;
    MoObject *state = MoTuple_Pack(4, obj, MoTuple_GET_ITEM(entry, ENTRY_FUNC), MoTuple_GET_ITEM(entry, ENTRY_ARGS),
                                   kwargs);
    Mo_DECREF(kwargs);
    return state;
}

/* f.peek(): (obj, func, args, kwargs) while alive, else None. */
static MoObject *finalize_peek(MoObject *f, MoObject *args)
{
    if (_MoArg_CheckPositional(args, "finalize.peek", NULL, 0, 0) < 0)
        return NULL;
    MoObject *state = finalize_state(finalize_entry(f));
    if (state == NULL && !MoErr_Occurred())
        Mo_RETURN_NONE;
    return state;
}

/* f.detach(): what peek() returns, and f is dead from then on (it will never run;
   its weak reference goes with its entry). */
static MoObject *finalize_detach(MoObject *f, MoObject *args)
{
    if (_MoArg_CheckPositional(args, "finalize.detach", NULL, 0, 0) < 0)
        return NULL;
    MoObject *state = finalize_state(finalize_entry(f));
    if (state == NULL)
        return MoErr_Occurred() ? NULL : Mo_NewRef(Mo_None);
    Mo_XDECREF(finalize_pop(f));
    return state;
}

static MoObject *finalize_get_alive(MoObject *f, void *closure)
{
    (void)closure;
    return _MoBool_From(finalize_entry(f) != NULL);
}

/* alive and atexit are properties in Python: their messages, not a getset's. */
static int finalize_property_readonly(const char *name, MoObject *value)
{
    MoErr_Format(MoExc_AttributeError, "property '%s' of 'finalize' object has no %s", name,
                 value == NULL ? "deleter" : "setter");
    return -1;
}

static int finalize_set_alive(MoObject *f, MoObject *value, void *closure)
{
    (void)f;
    (void)closure;
    return finalize_property_readonly("alive", value);
}

/* f.atexit: False once dead. */
static MoObject *finalize_get_atexit(MoObject *f, void *closure)
{
    (void)closure;
    MoObject *entry = finalize_entry(f);
    return _MoBool_From(entry != NULL && MoTuple_GET_ITEM(entry, ENTRY_ATEXIT) == Mo_True);
}

/* f.atexit = value: bool(value) is kept while f is alive; a dead f ignores it
   without asking value's truth. */
static int finalize_set_atexit(MoObject *f, MoObject *value, void *closure)
{
    (void)closure;
    if (value == NULL)
        return finalize_property_readonly("atexit", value);
    if (finalize_entry(f) == NULL)
        return 0;
    int truth = MoObject_IsTrue(value);
    MoObject *entry = finalize_entry(f);   /* again: value's __bool__ may have run it */
    if (truth < 0 || entry == NULL)
        return truth < 0 ? -1 : 0;
    MoObject *updated = MoTuple_Pack(ENTRY_SIZE, MoTuple_GET_ITEM(entry, ENTRY_WEAKREF),
                                     MoTuple_GET_ITEM(entry, ENTRY_FUNC), MoTuple_GET_ITEM(entry, ENTRY_ARGS),
                                     truth ? Mo_True : Mo_False);
    if (updated == NULL)
        return -1;
    int res = MoDict_SetItem(finalize_registry, f, updated);   /* in place: the order stays (rule 3) */
    Mo_DECREF(updated);
    return res;
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
    MoObject *obj = finalize_referent(finalize_entry(f));
    if (obj == Mo_None)
        return MoUnicode_FromFormat("<finalize object at %p; dead>", (void *)f);
    return MoUnicode_FromFormat("<finalize object at %p; for '%s' at %p>", (void *)f,
                                finalize_short_name(Mo_TYPE(obj)), (void *)obj);
}

/* ============================================================= at Mo_Finalize */

/* new: the live finalizers whose atexit is true, oldest first (_select_for_exit). */
static MoObject *finalize_select_for_exit(void)
{
    MoObject *chosen = MoList_New(0);
    Mo_ssize_t pos = 0;
    MoObject *f, *entry;
    while (chosen != NULL && finalize_registry != NULL && MoDict_Next(finalize_registry, &pos, &f, &entry)) {
        if (MoTuple_GET_ITEM(entry, ENTRY_ATEXIT) == Mo_True && MoList_Append(chosen, f) < 0)
            Mo_CLEAR(chosen);
    }
    return chosen;
}

/* region finalize_run_at_exit */
/* Run the atexit finalizers, newest first. One that another's callback killed is
   skipped (calling it returns None); the choice is made again when a callback
   created a finalizer. The collector waits meanwhile, as in CPython. */
static void finalize_run_at_exit(void)
{
    if (finalize_registry == NULL)
        return;
    int gc_was_enabled = MoGC_Disable();
    MoObject *pending = NULL;
    for (;;) {
        if (pending == NULL || finalize_dirty) {
            Mo_XDECREF(pending);
            pending = finalize_select_for_exit();
            finalize_dirty = 0;
        }
        if (pending == NULL || MoList_GET_SIZE(pending) == 0)
            break;
        MoObject *f = MoList_Pop(pending, -1);
        MoObject *res = f != NULL ? MoObject_CallNoArgs(f) : NULL;
        if (res == NULL)
            MoErr_Print();   /* as sys.excepthook: printed, and the others still run */
        Mo_XDECREF(res);
        Mo_XDECREF(f);
    }
    if (pending == NULL)
        MoErr_Print();
    Mo_XDECREF(pending);
    if (gc_was_enabled)
        MoGC_Enable();
}
/* endregion finalize_run_at_exit */

void _MoWeakref_Fini(void)
{
    MoObject *pending_exc = MoErr_GetRaisedException();
    finalize_run_at_exit();
    Mo_CLEAR(finalize_registry);
    finalize_dirty = 0;
    if (pending_exc != NULL)
        MoErr_SetRaisedException(pending_exc);
}

/* ================================================================= the type */

static MoMethodDef finalize_methods[] = {
    {"peek", finalize_peek, MO_METH_VARARGS, "If alive then return (obj, func, args, kwargs); otherwise return None"},
    {"detach", finalize_detach, MO_METH_VARARGS,
     "If alive then mark as dead and return (obj, func, args, kwargs); otherwise return None"},
    {NULL, NULL, 0, NULL},
};

static MoGetSetDef finalize_getset[] = {
    {"alive", finalize_get_alive, finalize_set_alive, "Whether finalizer is alive", NULL},
    {"atexit", finalize_get_atexit, finalize_set_atexit, "Whether finalizer should be called at exit", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static void finalize_dealloc(MoObject *f)
{
    Mo_TYPE(f)->tp_free(f);
}

static MoTypeObject finalize_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "finalize",
    .tp_basicsize = sizeof(finalize_object),
    .tp_dealloc = finalize_dealloc,
    .tp_repr = finalize_repr,
    .tp_call = finalize_call,
    .tp_methods = finalize_methods,
    .tp_getset = finalize_getset,
};
