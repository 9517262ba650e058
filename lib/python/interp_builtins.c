/* The builtins that need the interpreter: __build_class__, exec, eval, globals,
 * locals, vars, __import__, and super (zero arguments: the __class__ cell and
 * the first argument of the calling frame, as 3.11's super_init finds them). */
#include "interp.h"

/* new: the names and values of the frame's locals as a dict (locals()) */
static MoObject *frame_locals(Frame *f)
{
    if (f == NULL)
        return NULL;
    if (f->locals)
        return Mo_NewRef(f->locals);
    MoObject *d = MoDict_New();
    if (d == NULL)
        return NULL;
    MoCodeObject *co = f->code;
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        MoObject *v = f->localsplus[i];
        unsigned char kind = co->co_localspluskinds[i];
        if (v && (kind & (CO_FAST_CELL | CO_FAST_FREE)) && Mo_IS_TYPE(v, &MoCell_Type) &&
            !(kind & CO_FAST_LOCAL && !(kind & CO_FAST_CELL)))
            v = ((MoCellObject *)v)->ob_ref;
        if (v && MoDict_SetItem(d, MoTuple_GetItem(co->co_localsplusnames, i), v) < 0) {
            Mo_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static MoObject *builtin_build_class(MoObject *self, MoObject *const *args, Mo_ssize_t nargs, MoObject *kwnames)
{
    (void)self;
    if (nargs < 2) {
        MoErr_SetString(MoExc_TypeError, "__build_class__: not enough arguments");
        return NULL;
    }
    MoObject *func = args[0], *name = args[1];
    if (!MoFunction_Check(func)) {
        MoErr_SetString(MoExc_TypeError, "__build_class__: func must be a function");
        return NULL;
    }
    MoObject *meta = NULL;
    Mo_ssize_t nkw = kwnames ? MoTuple_Size(kwnames) : 0;
    for (Mo_ssize_t k = 0; k < nkw; k++) {
        if (_MoUnicode_EqualToASCIIString(MoTuple_GetItem(kwnames, k), "metaclass"))
            meta = args[nargs + k];
        else {
            MoErr_Format(MoExc_TypeError, "__build_class__: unsupported keyword '%U'", MoTuple_GetItem(kwnames, k));
            return NULL;
        }
    }
    MoObject *bases = _MoTuple_FromArray(args + 2, nargs - 2);
    MoObject *ns = bases ? MoDict_New() : NULL;
    if (ns == NULL) {
        Mo_XDECREF(bases);
        return NULL;
    }
    MoFunctionObject *fn = (MoFunctionObject *)func;
    Frame *f = Frame_New((MoCodeObject *)fn->func_code, func, fn->func_globals, fn->func_builtins, ns);
    MoObject *cell = f ? Eval_Frame(f, 0) : NULL;
    Frame_Free(f);
    MoObject *cls = NULL;
    if (cell != NULL) {
        if (MoDict_GetItemString(ns, "__classcell__") != NULL)
            MoDict_DelItemString(ns, "__classcell__");
        MoObject *margs = MoTuple_Pack(3, name, bases, ns);
        if (margs)
            cls = MoObject_Call(meta ? meta : (MoObject *)&MoType_Type, margs, NULL);
        Mo_XDECREF(margs);
        if (cls)
            Interp_FixExceptionClass(cls);
        if (cls && Mo_IS_TYPE(cell, &MoCell_Type))
            Mo_XSETREF(((MoCellObject *)cell)->ob_ref, Mo_NewRef(cls));
        Mo_DECREF(cell);
    }
    Mo_DECREF(bases);
    Mo_DECREF(ns);
    return cls;
}

/* the globals and locals exec/eval run with */
static int exec_namespaces(MoObject **g, MoObject **l, const char *fname)
{
    if (*g == Mo_None)
        *g = NULL;
    if (*l == Mo_None)
        *l = NULL;
    if (*g && !MoDict_Check(*g)) {
        MoErr_Format(MoExc_TypeError, "%s() globals must be a dict, not %s", fname, Mo_TYPE(*g)->tp_name);
        return -1;
    }
    Frame *f = Eval_CurrentFrame;
    if (*g == NULL) {
        if (f == NULL) {
            MoErr_SetString(MoExc_SystemError, "no current frame");
            return -1;
        }
        *g = f->globals;
        if (*l == NULL) {
            *l = frame_locals(f);
            return *l ? 1 : -1;
        }
    }
    if (*l == NULL)
        *l = *g;
    Mo_INCREF(*l);
    return 1;
}

static MoObject *run_source(MoObject *src, MoObject *g, MoObject *l, int mode, const char *fname)
{
    MoObject *code;
    if (MoCode_Check(src)) {
        code = Mo_NewRef(src);
    } else if (MoUnicode_Check(src)) {
        const char *text = MoUnicode_AsUTF8(src);
        if (mode == MODE_EVAL)
            while (*text == ' ' || *text == '\t')
                text++;
        code = Compile(text, "<string>", mode);
        if (code == NULL)
            return NULL;
    } else {
        MoErr_Format(MoExc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
        return NULL;
    }
    if (exec_namespaces(&g, &l, fname) < 0) {
        Mo_DECREF(code);
        return NULL;
    }
    MoObject *r = Eval_Code((MoCodeObject *)code, g, l);
    Mo_DECREF(code);
    Mo_DECREF(l);
    return r;
}

static MoObject *builtin_exec(MoObject *self, MoObject *args)
{
    (void)self;
    MoObject *src, *g = Mo_None, *l = Mo_None;
    if (!MoArg_UnpackTuple(args, "exec", 1, 3, &src, &g, &l))
        return NULL;
    MoObject *r = run_source(src, g, l, MODE_EXEC, "exec");
    if (r == NULL)
        return NULL;
    Mo_DECREF(r);
    Mo_RETURN_NONE;
}

static MoObject *builtin_eval(MoObject *self, MoObject *args)
{
    (void)self;
    MoObject *src, *g = Mo_None, *l = Mo_None;
    if (!MoArg_UnpackTuple(args, "eval", 1, 3, &src, &g, &l))
        return NULL;
    return run_source(src, g, l, MODE_EVAL, "eval");
}

static MoObject *builtin_compile(MoObject *self, MoObject *args, MoObject *kwargs)
{
    (void)self;
    static char *kwlist[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize", NULL};
    MoObject *src, *filename, *mode, *flags = NULL, *dont = NULL, *opt = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "OOO|OOO:compile", kwlist, &src, &filename, &mode, &flags,
                                     &dont, &opt))
        return NULL;
    if (!MoUnicode_Check(src) || !MoUnicode_Check(filename) || !MoUnicode_Check(mode)) {
        MoErr_SetString(MoExc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
        return NULL;
    }
    const char *m = MoUnicode_AsUTF8(mode);
    int imode = strcmp(m, "exec") == 0 ? MODE_EXEC : strcmp(m, "eval") == 0 ? MODE_EVAL
              : strcmp(m, "single") == 0 ? MODE_SINGLE : -1;
    if (imode < 0) {
        MoErr_SetString(MoExc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
        return NULL;
    }
    return Compile(MoUnicode_AsUTF8(src), MoUnicode_AsUTF8(filename), imode);
}

static MoObject *builtin_globals(MoObject *self, MoObject *unused)
{
    (void)self;
    (void)unused;
    Frame *f = Eval_CurrentFrame;
    if (f == NULL)
        Mo_RETURN_NONE;
    return Mo_NewRef(f->globals);
}

static MoObject *builtin_locals(MoObject *self, MoObject *unused)
{
    (void)self;
    (void)unused;
    return frame_locals(Eval_CurrentFrame);
}

static MoObject *builtin_vars(MoObject *self, MoObject *args)
{
    (void)self;
    MoObject *o = NULL;
    if (!MoArg_UnpackTuple(args, "vars", 0, 1, &o))
        return NULL;
    if (o == NULL)
        return frame_locals(Eval_CurrentFrame);
    MoObject *d = MoObject_GetAttrString(o, "__dict__");
    if (d == NULL && MoErr_ExceptionMatches(MoExc_AttributeError)) {
        MoErr_Clear();
        MoErr_SetString(MoExc_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

static MoObject *builtin_import(MoObject *self, MoObject *args, MoObject *kwargs)
{
    (void)self;
    (void)kwargs;
    MoObject *name, *g = NULL, *l = NULL, *fromlist = NULL, *level = NULL;
    if (!MoArg_UnpackTuple(args, "__import__", 1, 5, &name, &g, &l, &fromlist, &level))
        return NULL;
    return MoImport_Import(name);
}

/* ---------------------------------------------------------------- super */

typedef struct {
    MoObject_HEAD
    MoTypeObject *type;
    MoObject *obj;
} SuperObject;

static MoObject *super_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    (void)kwargs;
    MoObject *type = NULL, *obj = NULL;
    if (!MoArg_UnpackTuple(args, "super", 0, 2, &type, &obj))
        return NULL;
    if (type == NULL) {
        Frame *f = Eval_CurrentFrame;
        MoCodeObject *co = f ? f->code : NULL;
        if (co == NULL || co->co_argcount == 0) {
            MoErr_SetString(MoExc_RuntimeError, "super(): no arguments");
            return NULL;
        }
        obj = f->localsplus[0];
        if (obj && Mo_IS_TYPE(obj, &MoCell_Type) && (co->co_localspluskinds[0] & CO_FAST_CELL))
            obj = ((MoCellObject *)obj)->ob_ref;
        if (obj == NULL) {
            MoErr_SetString(MoExc_RuntimeError, "super(): arg[0] deleted");
            return NULL;
        }
        for (int i = co->co_nlocalsplus - co->co_nfreevars; i < co->co_nlocalsplus; i++)
            if (_MoUnicode_EqualToASCIIString(MoTuple_GetItem(co->co_localsplusnames, i), "__class__"))
                type = ((MoCellObject *)f->localsplus[i])->ob_ref;
        if (type == NULL) {
            MoErr_SetString(MoExc_RuntimeError, "super(): __class__ cell not found");
            return NULL;
        }
    }
    if (!MoType_Check(type)) {
        MoErr_Format(MoExc_TypeError, "super() argument 1 must be a type, not %s", Mo_TYPE(type)->tp_name);
        return NULL;
    }
    SuperObject *s = (SuperObject *)t->tp_alloc(t, 0);
    if (s == NULL)
        return NULL;
    s->type = (MoTypeObject *)Mo_NewRef(type);
    s->obj = Mo_XNewRef(obj);
    return (MoObject *)s;
}

static MoObject *super_getattro(MoObject *o, MoObject *name)
{
    SuperObject *s = (SuperObject *)o;
    if (s->obj == NULL || _MoUnicode_EqualToASCIIString(name, "__class__"))
        return MoObject_GenericGetAttr(o, name);
    return MoSuper_Lookup(s->type, s->obj, MoUnicode_AsUTF8(name));
}

static int super_traverse(MoObject *o, visitproc visit, void *arg)
{
    SuperObject *s = (SuperObject *)o;
    if (s->obj) {
        int r = visit(s->obj, arg);
        if (r)
            return r;
    }
    return s->type ? visit((MoObject *)s->type, arg) : 0;
}

static void super_dealloc(MoObject *o)
{
    SuperObject *s = (SuperObject *)o;
    MoObject_GC_UnTrack(o);
    Mo_XDECREF(s->obj);
    Mo_XDECREF(s->type);
    MoObject_GC_Del(o);
}

static MoObject *super_repr(MoObject *o)
{
    SuperObject *s = (SuperObject *)o;
    if (s->obj)
        return MoUnicode_FromFormat("<super: <class '%s'>, <%s object>>", s->type->tp_name, Mo_TYPE(s->obj)->tp_name);
    return MoUnicode_FromFormat("<super: <class '%s'>, NULL>", s->type->tp_name);
}

MoTypeObject MoSuper_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE,
    .tp_traverse = super_traverse,
    .tp_new = super_new,
};

static MoMethodDef interp_builtins[] = {
    {"__build_class__", (MoCFunc)(void (*)(void))builtin_build_class, MO_METH_FASTCALL | MO_METH_KEYWORDS, NULL},
    {"exec", builtin_exec, MO_METH_VARARGS, NULL},
    {"eval", builtin_eval, MO_METH_VARARGS, NULL},
    {"compile", (MoCFunc)(void (*)(void))builtin_compile, MO_METH_VARARGS | MO_METH_KEYWORDS, NULL},
    {"globals", builtin_globals, MO_METH_NOARGS, NULL},
    {"locals", builtin_locals, MO_METH_NOARGS, NULL},
    {"vars", builtin_vars, MO_METH_VARARGS, NULL},
    {"__import__", (MoCFunc)(void (*)(void))builtin_import, MO_METH_VARARGS | MO_METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

int Interp_AddBuiltins(MoObject *b)
{
    static MoTypeObject *types[] = {&MoCode_Type, &MoCell_Type, &MoFunction_Type, &MoGen_Type, &MoSuper_Type,
                                    &MoSlice_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (MoType_Ready(types[i]) < 0)
            return -1;
    for (MoMethodDef *ml = interp_builtins; ml->ml_name; ml++) {
        MoObject *fn = MoCFunction_NewEx(ml, NULL);
        if (fn == NULL || MoDict_SetItemString(b, ml->ml_name, fn) < 0) {
            Mo_XDECREF(fn);
            return -1;
        }
        Mo_DECREF(fn);
    }
    if (MoDict_SetItemString(b, "super", (MoObject *)&MoSuper_Type) < 0 ||
        MoDict_SetItemString(b, "slice", (MoObject *)&MoSlice_Type) < 0)
        return -1;
    return 0;
}
