/* Functions and cells: what MAKE_FUNCTION and MAKE_CELL make. A function is
 * a descriptor: looked up on an instance it becomes a bound method (the
 * runtime's MoMethod), as 3.11's func_descr_get does. */
#include "interp.h"

/* ------------------------------------------------------------------ cells */

static int cell_traverse(MoObject *o, visitproc visit, void *arg)
{
    MoObject *r = ((MoCellObject *)o)->ob_ref;
    return r ? visit(r, arg) : 0;
}

static int cell_clear(MoObject *o)
{
    Mo_CLEAR(((MoCellObject *)o)->ob_ref);
    return 0;
}

static void cell_dealloc(MoObject *o)
{
    MoObject_GC_UnTrack(o);
    Mo_XDECREF(((MoCellObject *)o)->ob_ref);
    MoObject_GC_Del(o);
}

static MoObject *cell_repr(MoObject *o)
{
    MoObject *r = ((MoCellObject *)o)->ob_ref;
    if (r == NULL)
        return MoUnicode_FromFormat("<cell at %p: empty>", (void *)o);
    return MoUnicode_FromFormat("<cell at %p: %s object at %p>", (void *)o, Mo_TYPE(r)->tp_name, (void *)r);
}

static MoObject *cell_get_contents(MoObject *o, void *c)
{
    (void)c;
    MoObject *r = ((MoCellObject *)o)->ob_ref;
    if (r == NULL) {
        MoErr_SetString(MoExc_ValueError, "Cell is empty");
        return NULL;
    }
    return Mo_NewRef(r);
}

static MoGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MoTypeObject MoCell_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "cell",
    .tp_basicsize = sizeof(MoCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_getset = cell_getset,
};

MoObject *MoCell_New(MoObject *content)
{
    MoCellObject *c = MoObject_GC_New(MoCellObject, &MoCell_Type);
    if (c == NULL)
        return NULL;
    c->ob_ref = Mo_XNewRef(content);
    MoObject_GC_Track(c);
    return (MoObject *)c;
}

/* -------------------------------------------------------------- functions */

#define F(o) ((MoFunctionObject *)(o))

MoObject *MoFunction_New(MoObject *code, MoObject *globals, MoObject *qualname)
{
    MoCodeObject *co = (MoCodeObject *)code;
    MoFunctionObject *f = MoObject_GC_New(MoFunctionObject, &MoFunction_Type);
    if (f == NULL)
        return NULL;
    f->func_code = Mo_NewRef(code);
    f->func_globals = Mo_NewRef(globals);
    f->func_builtins = Mo_NewRef(Interp_Builtins);
    f->func_name = Mo_NewRef(co->co_name);
    f->func_qualname = Mo_NewRef(qualname ? qualname : co->co_qualname);
    f->func_defaults = f->func_kwdefaults = f->func_closure = f->func_dict = f->func_weakreflist = NULL;
    MoObject *doc = MoTuple_Size(co->co_consts) > 0 ? MoTuple_GetItem(co->co_consts, 0) : NULL;
    f->func_doc = Mo_NewRef(doc && MoUnicode_Check(doc) && (co->co_flags & CO_OPTIMIZED) ? doc : Mo_None);
    f->func_module = MoDict_GetItemString(globals, "__name__");
    Mo_XINCREF(f->func_module);
    MoObject_GC_Track(f);
    return (MoObject *)f;
}

static int func_traverse(MoObject *o, visitproc visit, void *arg)
{
    MoFunctionObject *f = F(o);
    MoObject *fields[] = {f->func_code, f->func_globals, f->func_builtins, f->func_name, f->func_qualname,
                          f->func_defaults, f->func_kwdefaults, f->func_closure, f->func_doc, f->func_dict,
                          f->func_module};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i]) {
            int r = visit(fields[i], arg);
            if (r)
                return r;
        }
    return 0;
}

static int func_clear(MoObject *o)
{
    MoFunctionObject *f = F(o);
    Mo_CLEAR(f->func_globals);
    Mo_CLEAR(f->func_builtins);
    Mo_CLEAR(f->func_module);
    Mo_CLEAR(f->func_defaults);
    Mo_CLEAR(f->func_kwdefaults);
    Mo_CLEAR(f->func_doc);
    Mo_CLEAR(f->func_dict);
    Mo_CLEAR(f->func_closure);
    return 0;
}

static void func_dealloc(MoObject *o)
{
    MoObject_GC_UnTrack(o);
    MoFunctionObject *f = F(o);
    if (f->func_weakreflist != NULL)
        MoObject_ClearWeakRefs(o);
    func_clear(o);
    Mo_CLEAR(f->func_code);
    Mo_CLEAR(f->func_name);
    Mo_CLEAR(f->func_qualname);
    MoObject_GC_Del(o);
}

static MoObject *func_repr(MoObject *o)
{
    return MoUnicode_FromFormat("<function %U at %p>", F(o)->func_qualname, (void *)o);
}

static MoObject *func_call(MoObject *o, MoObject *args, MoObject *kwargs)
{
    return Function_Call(o, args, kwargs);
}

static MoObject *func_descr_get(MoObject *func, MoObject *obj, MoObject *type)
{
    (void)type;
    if (obj == NULL || obj == Mo_None)
        return Mo_NewRef(func);
    return MoMethod_New(func, obj);
}

#define GETSET_FIELD(field, pyname)                                                    \
    static MoObject *get_##field(MoObject *o, void *c)                                 \
    {                                                                                  \
        (void)c;                                                                       \
        return Mo_NewRef(F(o)->field ? F(o)->field : Mo_None);                         \
    }                                                                                  \
    static int set_##field(MoObject *o, MoObject *v, void *c)                          \
    {                                                                                  \
        (void)c;                                                                       \
        Mo_XSETREF(F(o)->field, v == NULL || v == Mo_None ? NULL : Mo_NewRef(v));      \
        return 0;                                                                      \
    }
GETSET_FIELD(func_defaults, "__defaults__")
GETSET_FIELD(func_kwdefaults, "__kwdefaults__")
GETSET_FIELD(func_doc, "__doc__")
GETSET_FIELD(func_module, "__module__")

static int set_str(MoObject **field, MoObject *v, const char *what)
{
    if (v == NULL || !MoUnicode_Check(v)) {
        MoErr_Format(MoExc_TypeError, "%s must be set to a string object", what);
        return -1;
    }
    Mo_SETREF(*field, Mo_NewRef(v));
    return 0;
}
static MoObject *get_name(MoObject *o, void *c) { (void)c; return Mo_NewRef(F(o)->func_name); }
static int set_name(MoObject *o, MoObject *v, void *c) { (void)c; return set_str(&F(o)->func_name, v, "__name__"); }
static MoObject *get_qualname(MoObject *o, void *c) { (void)c; return Mo_NewRef(F(o)->func_qualname); }
static int set_qualname(MoObject *o, MoObject *v, void *c) { (void)c; return set_str(&F(o)->func_qualname, v, "__qualname__"); }
static MoObject *get_closure(MoObject *o, void *c)
{
    (void)c;
    return Mo_NewRef(F(o)->func_closure ? F(o)->func_closure : Mo_None);
}
static MoObject *get_code(MoObject *o, void *c) { (void)c; return Mo_NewRef(F(o)->func_code); }
static MoObject *get_globals(MoObject *o, void *c) { (void)c; return Mo_NewRef(F(o)->func_globals); }
static MoObject *get_dict(MoObject *o, void *c)
{
    (void)c;
    if (F(o)->func_dict == NULL && (F(o)->func_dict = MoDict_New()) == NULL)
        return NULL;
    return Mo_NewRef(F(o)->func_dict);
}

static MoGetSetDef func_getset[] = {
    {"__defaults__", get_func_defaults, set_func_defaults, NULL, NULL},
    {"__kwdefaults__", get_func_kwdefaults, set_func_kwdefaults, NULL, NULL},
    {"__closure__", get_closure, NULL, NULL, NULL},
    {"__doc__", get_func_doc, set_func_doc, NULL, NULL},
    {"__module__", get_func_module, set_func_module, NULL, NULL},
    {"__name__", get_name, set_name, NULL, NULL},
    {"__qualname__", get_qualname, set_qualname, NULL, NULL},
    {"__code__", get_code, NULL, NULL, NULL},
    {"__globals__", get_globals, NULL, NULL, NULL},
    {"__dict__", get_dict, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MoTypeObject MoFunction_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "function",
    .tp_basicsize = sizeof(MoFunctionObject),
    .tp_dealloc = func_dealloc,
    .tp_repr = func_repr,
    .tp_call = func_call,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = func_traverse,
    .tp_clear = func_clear,
    .tp_weaklistoffset = offsetof(MoFunctionObject, func_weakreflist),
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(MoFunctionObject, func_dict),
    .tp_getset = func_getset,
};
