/* Generators: a function whose code has CO_GENERATOR returns one at its
 * RETURN_GENERATOR; each next() or send() resumes the frame with the sent value
 * pushed, until YIELD_VALUE hands a value out or RETURN_VALUE ends it
 * (StopIteration carrying the return value). */
#include "interp.h"

MoObject *MoGen_New(Frame *f)
{
    MoGenObject *g = MoObject_GC_New(MoGenObject, &MoGen_Type);
    if (g == NULL)
        return NULL;
    g->gi_frame = f;
    g->gi_name = Mo_NewRef(f->code->co_name);
    g->gi_qualname = Mo_NewRef(f->code->co_qualname);
    g->gi_running = 0;
    g->gi_weakreflist = NULL;
    MoObject_GC_Track(g);
    return (MoObject *)g;
}

MoObject *Gen_Send(MoGenObject *g, MoObject *value, int exc, int *finished)
{
    *finished = 0;
    Frame *f = g->gi_frame;
    if (f == NULL) {
        if (exc)
            return NULL;
        *finished = 1;
        return Mo_NewRef(Mo_None);
    }
    if (g->gi_running) {
        MoErr_SetString(MoExc_ValueError, "generator already executing");
        return NULL;
    }
    if (!exc) {
        if (f->lasti <= 0 && value != Mo_None && f->code->co_code[f->lasti] != OP_YIELD_VALUE &&
            (f->code->co_code[f->lasti] & 0xFF) == OP_RETURN_GENERATOR) {
            MoErr_SetString(MoExc_TypeError, "can't send non-None value to a just-started generator");
            return NULL;
        }
        f->localsplus[f->code->co_nlocalsplus + f->stacktop++] = Mo_NewRef(value);
    }
    g->gi_running = 1;
    MoObject *r = Eval_Frame(f, exc);
    g->gi_running = 0;
    if (f->yielded)
        return r;
    /* returned or raised: the frame is done */
    g->gi_frame = NULL;
    Frame_Free(f);
    if (r != NULL) {
        *finished = 1;
        return r;
    }
    if (MoErr_ExceptionMatches(MoExc_StopIteration)) {
        MoErr_Clear();
        MoErr_SetString(MoExc_RuntimeError, "generator raised StopIteration");
    }
    return NULL;
}

static MoObject *gen_iternext(MoObject *o)
{
    int finished;
    MoObject *r = Gen_Send((MoGenObject *)o, Mo_None, 0, &finished);
    if (finished) {
        /* a return value rides on StopIteration; a plain end sets nothing */
        if (r != Mo_None) {
            MoObject *args = MoTuple_Pack(1, r);   /* a tuple value stays one argument */
            if (args != NULL) {
                MoErr_SetObject(MoExc_StopIteration, args);
                Mo_DECREF(args);
            }
        }
        Mo_DECREF(r);
        return NULL;
    }
    return r;
}

static MoObject *stop_with(MoObject *r)
{
    MoObject *args = r == Mo_None ? NULL : MoTuple_Pack(1, r);
    MoErr_SetObject(MoExc_StopIteration, args);
    Mo_XDECREF(args);
    Mo_DECREF(r);
    return NULL;
}

static MoObject *gen_send(MoObject *o, MoObject *v)
{
    int finished;
    MoObject *r = Gen_Send((MoGenObject *)o, v, 0, &finished);
    return finished ? stop_with(r) : r;
}

static MoObject *gen_next_method(MoObject *o, MoObject *unused)
{
    (void)unused;
    return gen_send(o, Mo_None);
}

static MoObject *gen_throw(MoObject *o, MoObject *args)
{
    MoObject *typ, *val = NULL, *tb = NULL;
    if (!MoArg_UnpackTuple(args, "throw", 1, 3, &typ, &val, &tb))
        return NULL;
    MoObject *exc = MoExceptionClass_Check(typ) ? MoObject_CallNoArgs(typ) : Mo_NewRef(typ);
    if (exc == NULL)
        return NULL;
    MoGenObject *g = (MoGenObject *)o;
    MoErr_SetRaisedException(exc);
    if (g->gi_frame == NULL)
        return NULL;
    int finished;
    MoObject *r = Gen_Send(g, NULL, 1, &finished);
    return finished ? stop_with(r) : r;
}

static MoObject *gen_close(MoObject *o, MoObject *unused)
{
    (void)unused;
    MoGenObject *g = (MoGenObject *)o;
    if (g->gi_frame == NULL || g->gi_frame->lasti < 0 ||
        (g->gi_frame->code->co_code[g->gi_frame->lasti] & 0xFF) == OP_RETURN_GENERATOR) {
        if (g->gi_frame) {
            Frame_Free(g->gi_frame);
            g->gi_frame = NULL;
        }
        Mo_RETURN_NONE;
    }
    MoObject *ge = MoObject_CallNoArgs(MoExc_GeneratorExit);
    if (ge == NULL)
        return NULL;
    MoErr_SetRaisedException(ge);
    int finished;
    MoObject *r = Gen_Send(g, NULL, 1, &finished);
    if (r != NULL) {
        Mo_DECREF(r);
        if (!finished) {
            MoErr_SetString(MoExc_RuntimeError, "generator ignored GeneratorExit");
            return NULL;
        }
        Mo_RETURN_NONE;
    }
    if (MoErr_ExceptionMatches(MoExc_GeneratorExit) || MoErr_ExceptionMatches(MoExc_StopIteration)) {
        MoErr_Clear();
        Traceback_Clear();
        Mo_RETURN_NONE;
    }
    return NULL;
}

static int gen_traverse(MoObject *o, visitproc visit, void *arg)
{
    MoGenObject *g = (MoGenObject *)o;
    if (g->gi_frame && !g->gi_running)
        return Frame_Traverse(g->gi_frame, visit, arg);
    return 0;
}

static int gen_clear(MoObject *o)
{
    MoGenObject *g = (MoGenObject *)o;
    if (g->gi_frame && !g->gi_running) {
        Frame *f = g->gi_frame;
        g->gi_frame = NULL;
        Frame_Free(f);
    }
    return 0;
}

static void gen_finalize(MoObject *o)
{
    MoGenObject *g = (MoGenObject *)o;
    if (g->gi_frame == NULL)
        return;
    MoObject *saved = MoErr_GetRaisedException();
    MoObject *r = gen_close(o, NULL);
    if (r == NULL)
        MoErr_WriteUnraisable(o);
    Mo_XDECREF(r);
    MoErr_SetRaisedException(saved);
}

static void gen_dealloc(MoObject *o)
{
    MoGenObject *g = (MoGenObject *)o;
    if (g->gi_frame && MoObject_CallFinalizerFromDealloc(o) < 0)
        return;   /* resurrected by its finally block */
    MoObject_GC_UnTrack(o);
    if (g->gi_weakreflist)
        MoObject_ClearWeakRefs(o);
    gen_clear(o);
    Mo_CLEAR(g->gi_name);
    Mo_CLEAR(g->gi_qualname);
    MoObject_GC_Del(o);
}

static MoObject *gen_repr(MoObject *o)
{
    return MoUnicode_FromFormat("<generator object %U at %p>", ((MoGenObject *)o)->gi_qualname, (void *)o);
}

static MoObject *get_gi_name(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoGenObject *)o)->gi_name); }
static MoObject *get_gi_qualname(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoGenObject *)o)->gi_qualname); }
static MoObject *get_gi_running(MoObject *o, void *c) { (void)c; return MoBool_FromLong(((MoGenObject *)o)->gi_running); }

static MoGetSetDef gen_getset[] = {
    {"__name__", get_gi_name, NULL, NULL, NULL},
    {"__qualname__", get_gi_qualname, NULL, NULL, NULL},
    {"gi_running", get_gi_running, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static MoMethodDef gen_methods[] = {
    {"send", gen_send, MO_METH_O, NULL},
    {"throw", gen_throw, MO_METH_VARARGS, NULL},
    {"close", gen_close, MO_METH_NOARGS, NULL},
    {"__next__", gen_next_method, MO_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

MoTypeObject MoGen_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "generator",
    .tp_basicsize = sizeof(MoGenObject),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_clear = gen_clear,
    .tp_weaklistoffset = offsetof(MoGenObject, gi_weakreflist),
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
    .tp_finalize = gen_finalize,
};
