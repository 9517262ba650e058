/* The evaluation loop: runs a frame's code units, with the value stack and the
 * local slots holding strong references as 3.11's frames do. A call moves the
 * arguments' references off the caller's stack into the callee (a new frame's
 * slots, or the argument tuple of a C function), so an object passed to
 * sys.getrefcount is counted once for its name and once as the argument: 2.
 *
 * Exceptions: an instruction that fails adds this frame to the traceback and
 * looks its offset up in the code's exception table; a handler gets the stack
 * cut to its depth and the exception pushed, else the frame returns NULL.
 */
#include "interp.h"

Frame *Eval_CurrentFrame;
MoObject *Interp_Builtins;
static int call_depth;
#define RECURSION_LIMIT 1000

/* the exception being handled (sys.exc_info()), or NULL */
static MoObject *handled_exc;

Frame *Frame_New(MoCodeObject *co, MoObject *func, MoObject *globals, MoObject *builtins, MoObject *locals)
{
    size_t n = (size_t)co->co_nlocalsplus + (size_t)co->co_stacksize;
    Frame *f = calloc(1, sizeof *f + n * sizeof(MoObject *));
    if (f == NULL) {
        MoErr_NoMemory();
        return NULL;
    }
    f->code = (MoCodeObject *)Mo_NewRef(co);
    f->func = Mo_XNewRef(func);
    f->globals = Mo_NewRef(globals);
    f->builtins = Mo_NewRef(builtins);
    f->locals = Mo_XNewRef(locals);
    f->lasti = -1;
    return f;
}

void Frame_Free(Frame *f)
{
    if (f == NULL)
        return;
    int n = f->code->co_nlocalsplus + f->stacktop;
    for (int i = 0; i < n; i++)
        Mo_XDECREF(f->localsplus[i]);
    Mo_XDECREF(f->func);
    Mo_DECREF(f->globals);
    Mo_DECREF(f->builtins);
    Mo_XDECREF(f->locals);
    Mo_DECREF(f->code);
    free(f);
}

int Frame_Traverse(Frame *f, visitproc visit, void *arg)
{
    int n = f->code->co_nlocalsplus + f->stacktop;
    for (int i = 0; i < n; i++)
        if (f->localsplus[i]) {
            int r = visit(f->localsplus[i], arg);
            if (r)
                return r;
        }
    if (f->func) {
        int r = visit(f->func, arg);
        if (r)
            return r;
    }
    if (f->locals)
        return visit(f->locals, arg);
    return 0;
}

/* --------------------------------------------------------------- calls */

static void format_missing(MoCodeObject *co, MoObject *missing, const char *kind)
{
    Mo_ssize_t n = MoList_Size(missing);
    MoObject *names = NULL;
    if (n == 1) {
        names = MoUnicode_FromFormat("'%U'", MoList_GetItem(missing, 0));
    } else if (n == 2) {
        names = MoUnicode_FromFormat("'%U' and '%U'", MoList_GetItem(missing, 0), MoList_GetItem(missing, 1));
    } else {
        MoObject *acc = MoUnicode_FromString("");
        for (Mo_ssize_t i = 0; i < n && acc; i++) {
            MoObject *piece = i == n - 1 ? MoUnicode_FromFormat("and '%U'", MoList_GetItem(missing, i))
                                         : MoUnicode_FromFormat("'%U', ", MoList_GetItem(missing, i));
            MoObject *j = piece ? MoUnicode_Concat(acc, piece) : NULL;
            Mo_XDECREF(piece);
            Mo_SETREF(acc, j);
        }
        names = acc;
    }
    if (names == NULL)
        return;
    MoErr_Format(MoExc_TypeError, "%U() missing %zd required %s argument%s: %U", co->co_qualname, n, kind,
                 n == 1 ? "" : "s", names);
    Mo_DECREF(names);
}

static void too_many_positional(MoFunctionObject *fn, MoCodeObject *co, Mo_ssize_t given)
{
    Mo_ssize_t ndefs = fn->func_defaults ? MoTuple_Size(fn->func_defaults) : 0;
    int argc = co->co_argcount;
    if (ndefs > 0)
        MoErr_Format(MoExc_TypeError, "%U() takes from %zd to %d positional arguments but %zd %s given",
                     co->co_qualname, argc - ndefs, argc, given, given == 1 ? "was" : "were");
    else
        MoErr_Format(MoExc_TypeError, "%U() takes %d positional argument%s but %zd %s given", co->co_qualname,
                     argc, argc == 1 ? "" : "s", given, given == 1 ? "was" : "were");
}

/* Move the arguments into f's slots. Steals args; -1 with TypeError. */
static int bind_arguments(Frame *f, MoFunctionObject *fn, MoObject **args, Mo_ssize_t nargs, MoObject *kwnames)
{
    MoCodeObject *co = f->code;
    MoObject **slots = f->localsplus;
    int argc = co->co_argcount, kwc = co->co_kwonlyargcount;
    Mo_ssize_t nkw = kwnames ? MoTuple_Size(kwnames) : 0;
    int varargs_slot = (co->co_flags & CO_VARARGS) ? argc + kwc : -1;
    int varkw_slot = (co->co_flags & CO_VARKEYWORDS) ? argc + kwc + (varargs_slot >= 0) : -1;
    MoObject *kwdict = NULL;
    Mo_ssize_t i;
    int err = 0;
    if (varkw_slot >= 0) {
        kwdict = MoDict_New();
        if (kwdict == NULL)
            err = 1;
        slots[varkw_slot] = kwdict;
    }
    Mo_ssize_t npos = nargs < argc ? nargs : argc;
    for (i = 0; i < npos; i++) {
        slots[i] = args[i];
        args[i] = NULL;
    }
    if (varargs_slot >= 0) {
        MoObject *rest = MoTuple_New(nargs > argc ? nargs - argc : 0);
        if (rest == NULL)
            err = 1;
        for (i = argc; i < nargs && rest; i++) {
            MoTuple_SetItem(rest, i - argc, args[i]);
            args[i] = NULL;
        }
        slots[varargs_slot] = rest;
    } else if (nargs > argc && !err) {
        too_many_positional(fn, co, nargs);
        err = 1;
    }
    for (Mo_ssize_t k = 0; k < nkw && !err; k++) {
        MoObject *name = MoTuple_GetItem(kwnames, k);
        MoObject *value = args[nargs + k];
        int j;
        for (j = 0; j < argc + kwc; j++)
            if (_MoUnicode_Equal(MoTuple_GetItem(co->co_localsplusnames, j), name))
                break;
        if (j < argc + kwc) {
            if (slots[j] != NULL) {
                MoErr_Format(MoExc_TypeError, "%U() got multiple values for argument '%U'", co->co_qualname, name);
                err = 1;
                break;
            }
            slots[j] = value;
            args[nargs + k] = NULL;
        } else if (kwdict) {
            if (MoDict_SetItem(kwdict, name, value) < 0)
                err = 1;
        } else {
            MoErr_Format(MoExc_TypeError, "%U() got an unexpected keyword argument '%U'", co->co_qualname, name);
            err = 1;
        }
    }
    for (i = 0; i < nargs + nkw; i++)
        Mo_XDECREF(args[i]);
    if (err)
        return -1;
    /* defaults for the missing */
    Mo_ssize_t ndefs = fn->func_defaults ? MoTuple_Size(fn->func_defaults) : 0;
    MoObject *missing = NULL;
    for (int j = (int)npos; j < argc; j++) {
        if (slots[j] != NULL)
            continue;
        int d = j - (argc - (int)ndefs);
        if (d >= 0) {
            slots[j] = Mo_NewRef(MoTuple_GetItem(fn->func_defaults, d));
        } else {
            if (missing == NULL && (missing = MoList_New(0)) == NULL)
                return -1;
            MoList_Append(missing, MoTuple_GetItem(co->co_localsplusnames, j));
        }
    }
    if (missing) {
        format_missing(co, missing, "positional");
        Mo_DECREF(missing);
        return -1;
    }
    for (int j = argc; j < argc + kwc; j++) {
        if (slots[j] != NULL)
            continue;
        MoObject *name = MoTuple_GetItem(co->co_localsplusnames, j);
        MoObject *d = fn->func_kwdefaults ? MoDict_GetItem(fn->func_kwdefaults, name) : NULL;
        if (d) {
            slots[j] = Mo_NewRef(d);
        } else {
            if (missing == NULL && (missing = MoList_New(0)) == NULL)
                return -1;
            MoList_Append(missing, name);
        }
    }
    if (missing) {
        format_missing(co, missing, "keyword-only");
        Mo_DECREF(missing);
        return -1;
    }
    return 0;
}

static MoObject *function_vector(MoObject *func, MoObject **args, Mo_ssize_t nargs, MoObject *kwnames)
{
    MoFunctionObject *fn = (MoFunctionObject *)func;
    MoCodeObject *co = (MoCodeObject *)fn->func_code;
    Mo_ssize_t nkw = kwnames ? MoTuple_Size(kwnames) : 0;
    Frame *f = Frame_New(co, func, fn->func_globals, fn->func_builtins, NULL);
    if (f == NULL) {
        for (Mo_ssize_t i = 0; i < nargs + nkw; i++)
            Mo_XDECREF(args[i]);
        return NULL;
    }
    if (bind_arguments(f, fn, args, nargs, kwnames) < 0) {
        Frame_Free(f);
        return NULL;
    }
    MoObject *r = Eval_Frame(f, 0);
    if (!f->owned_by_gen)
        Frame_Free(f);
    return r;
}

/* A built-in function called as 3.11's vectorcall does, without an argument tuple
   when its convention takes none (METH_NOARGS, METH_O, METH_FASTCALL); NULL with
   *handled 0 when the tuple path must serve (VARARGS, or a count it reports). */
static MoObject *cfunction_vector(MoObject *callable, MoObject **args, Mo_ssize_t nargs, Mo_ssize_t nkw,
                                  MoObject *kwnames, int *handled)
{
    MoCFunctionObject *cf = (MoCFunctionObject *)callable;
    int flags = cf->m_ml->ml_flags & ~(MO_METH_CLASS | MO_METH_STATIC | MO_METH_COEXIST);
    MoObject *self = cf->m_self;
    *handled = 1;
    if (flags == MO_METH_NOARGS && nargs == 0 && nkw == 0)
        return cf->m_ml->ml_meth(self, NULL);
    if (flags == MO_METH_O && nargs == 1 && nkw == 0)
        return cf->m_ml->ml_meth(self, args[0]);
    if (flags == MO_METH_FASTCALL && nkw == 0)
        return ((_MoCFunctionFast)(void (*)(void))cf->m_ml->ml_meth)(self, args, nargs);
    if (flags == (MO_METH_FASTCALL | MO_METH_KEYWORDS))
        return ((_MoCFunctionFastWithKeywords)(void (*)(void))cf->m_ml->ml_meth)(self, args, nargs, kwnames);
    *handled = 0;
    return NULL;
}

MoObject *Call_Vector(MoObject *callable, MoObject **args, Mo_ssize_t nargs, MoObject *kwnames)
{
    Mo_ssize_t nkw = kwnames ? MoTuple_Size(kwnames) : 0;
    if (MoFunction_Check(callable))
        return function_vector(callable, args, nargs, kwnames);
    if (MoCFunction_Check(callable)) {
        int handled;
        MoObject *r = cfunction_vector(callable, args, nargs, nkw, kwnames, &handled);
        if (handled) {
            for (Mo_ssize_t i = 0; i < nargs + nkw; i++)
                Mo_DECREF(args[i]);
            return r;
        }
    }
    if (MoMethod_Check(callable) && MoFunction_Check(MoMethod_GET_FUNCTION(callable))) {
        MoObject *small[8], **all = nargs + nkw + 1 <= 8 ? small : malloc(sizeof(MoObject *) * (size_t)(nargs + nkw + 1));
        if (all == NULL) {
            for (Mo_ssize_t i = 0; i < nargs + nkw; i++)
                Mo_DECREF(args[i]);
            return MoErr_NoMemory();
        }
        all[0] = Mo_NewRef(MoMethod_GET_SELF(callable));
        memcpy(all + 1, args, sizeof(MoObject *) * (size_t)(nargs + nkw));
        MoObject *r = function_vector(MoMethod_GET_FUNCTION(callable), all, nargs + 1, kwnames);
        if (all != small)
            free(all);
        return r;
    }
    MoObject *tuple = MoTuple_New(nargs);
    MoObject *kw = nkw ? MoDict_New() : NULL;
    if (tuple == NULL || (nkw && kw == NULL)) {
        Mo_XDECREF(tuple);
        for (Mo_ssize_t i = 0; i < nargs + nkw; i++)
            Mo_DECREF(args[i]);
        return NULL;
    }
    for (Mo_ssize_t i = 0; i < nargs; i++)
        MoTuple_SetItem(tuple, i, args[i]);
    int err = 0;
    for (Mo_ssize_t k = 0; k < nkw; k++) {
        if (!err && MoDict_SetItem(kw, MoTuple_GetItem(kwnames, k), args[nargs + k]) < 0)
            err = 1;
        Mo_DECREF(args[nargs + k]);
    }
    MoObject *r = err ? NULL : MoObject_Call(callable, tuple, kw);
    Mo_DECREF(tuple);
    Mo_XDECREF(kw);
    return r;
}

MoObject *Function_Call(MoObject *func, MoObject *args, MoObject *kwargs)
{
    Mo_ssize_t nargs = args ? MoTuple_Size(args) : 0;
    Mo_ssize_t nkw = kwargs ? MoDict_Size(kwargs) : 0;
    MoObject *small[8], **all = nargs + nkw <= 8 ? small : malloc(sizeof(MoObject *) * (size_t)(nargs + nkw + 1));
    if (all == NULL)
        return MoErr_NoMemory();
    for (Mo_ssize_t i = 0; i < nargs; i++)
        all[i] = Mo_NewRef(MoTuple_GetItem(args, i));
    MoObject *kwnames = NULL;
    if (nkw) {
        kwnames = MoTuple_New(nkw);
        Mo_ssize_t pos = 0, k = 0;
        MoObject *key, *value;
        while (kwnames && MoDict_Next(kwargs, &pos, &key, &value)) {
            MoTuple_SetItem(kwnames, k, Mo_NewRef(key));
            all[nargs + k++] = Mo_NewRef(value);
        }
        if (kwnames == NULL) {
            for (Mo_ssize_t i = 0; i < nargs; i++)
                Mo_DECREF(all[i]);
            if (all != small)
                free(all);
            return NULL;
        }
    }
    MoObject *r = function_vector(func, all, nargs, kwnames);
    Mo_XDECREF(kwnames);
    if (all != small)
        free(all);
    return r;
}

MoObject *Eval_Code(MoCodeObject *co, MoObject *globals, MoObject *locals)
{
    Frame *f = Frame_New(co, NULL, globals, Interp_Builtins, locals);
    if (f == NULL)
        return NULL;
    MoObject *r = Eval_Frame(f, 0);
    Frame_Free(f);
    return r;
}

/* ------------------------------------------------------------- helpers */

static MoObject *binary_op(int op, MoObject *l, MoObject *r)
{
    switch (op) {
    case NB_ADD: return MoNumber_Add(l, r);
    case NB_AND: return MoNumber_And(l, r);
    case NB_FLOOR_DIVIDE: return MoNumber_FloorDivide(l, r);
    case NB_LSHIFT: return MoNumber_Lshift(l, r);
    case NB_MULTIPLY: return MoNumber_Multiply(l, r);
    case NB_REMAINDER: return MoNumber_Remainder(l, r);
    case NB_OR: return MoNumber_Or(l, r);
    case NB_POWER: return MoNumber_Power(l, r);
    case NB_RSHIFT: return MoNumber_Rshift(l, r);
    case NB_SUBTRACT: return MoNumber_Subtract(l, r);
    case NB_TRUE_DIVIDE: return MoNumber_TrueDivide(l, r);
    case NB_XOR: return MoNumber_Xor(l, r);
    case NB_INPLACE_ADD + NB_ADD: return MoNumber_InPlaceAdd(l, r);
    case NB_INPLACE_ADD + NB_AND: return MoNumber_InPlaceAnd(l, r);
    case NB_INPLACE_ADD + NB_FLOOR_DIVIDE: return MoNumber_InPlaceFloorDivide(l, r);
    case NB_INPLACE_ADD + NB_LSHIFT: return MoNumber_InPlaceLshift(l, r);
    case NB_INPLACE_ADD + NB_MULTIPLY: return MoNumber_InPlaceMultiply(l, r);
    case NB_INPLACE_ADD + NB_REMAINDER: return MoNumber_InPlaceRemainder(l, r);
    case NB_INPLACE_ADD + NB_OR: return MoNumber_InPlaceOr(l, r);
    case NB_INPLACE_ADD + NB_POWER: return MoNumber_Power(l, r);
    case NB_INPLACE_ADD + NB_RSHIFT: return MoNumber_InPlaceRshift(l, r);
    case NB_INPLACE_ADD + NB_SUBTRACT: return MoNumber_InPlaceSubtract(l, r);
    case NB_INPLACE_ADD + NB_TRUE_DIVIDE: return MoNumber_InPlaceTrueDivide(l, r);
    case NB_INPLACE_ADD + NB_XOR: return MoNumber_InPlaceXor(l, r);
    }
    MoErr_Format(MoExc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                 op >= NB_INPLACE_ADD ? "@=" : "@", Mo_TYPE(l)->tp_name, Mo_TYPE(r)->tp_name);
    return NULL;
}

static MoObject *lookup_name(Frame *f, MoObject *name, int use_locals)
{
    MoObject *v;
    if (use_locals && f->locals) {
        if (MoDict_Check(f->locals)) {
            v = MoDict_GetItemWithError(f->locals, name);
            if (v)
                return Mo_NewRef(v);
            if (MoErr_Occurred())
                return NULL;
        } else {
            v = MoObject_GetItem(f->locals, name);
            if (v)
                return v;
            if (!MoErr_ExceptionMatches(MoExc_KeyError))
                return NULL;
            MoErr_Clear();
        }
    }
    v = MoDict_GetItemWithError(f->globals, name);
    if (v)
        return Mo_NewRef(v);
    if (MoErr_Occurred())
        return NULL;
    v = MoDict_GetItemWithError(f->builtins, name);
    if (v)
        return Mo_NewRef(v);
    if (!MoErr_Occurred())
        Interp_Error(MoExc_NameError, "name '%U' is not defined", name);
    return NULL;
}

static int unpack(MoObject *seq, int before, int after, int star, MoObject **sp_out)
{
    /* items pushed so that the first target is on top: sp_out[0] is deepest */
    if (!star && (MoTuple_CheckExact(seq) || MoList_CheckExact(seq)) && Mo_SIZE(seq) == before) {
        for (int i = 0; i < before; i++)
            sp_out[before - 1 - i] = Mo_NewRef(MoTuple_CheckExact(seq) ? MoTuple_GET_ITEM(seq, i) : MoList_GET_ITEM(seq, i));
        return 0;
    }
    MoObject *it = MoObject_GetIter(seq);
    if (it == NULL) {
        if (MoErr_ExceptionMatches(MoExc_TypeError)) {
            MoErr_Clear();
            MoErr_Format(MoExc_TypeError, "cannot unpack non-iterable %s object", Mo_TYPE(seq)->tp_name);
        }
        return -1;
    }
    MoObject *items = MoSequence_List(it);
    Mo_DECREF(it);
    if (items == NULL)
        return -1;
    Mo_ssize_t n = MoList_Size(items);
    if (!star) {
        if (n != before) {
            if (n < before)
                MoErr_Format(MoExc_ValueError, "not enough values to unpack (expected %d, got %zd)", before, n);
            else
                MoErr_Format(MoExc_ValueError, "too many values to unpack (expected %d)", before);
            Mo_DECREF(items);
            return -1;
        }
        for (int i = 0; i < before; i++)
            sp_out[before - 1 - i] = Mo_NewRef(MoList_GetItem(items, i));
        Mo_DECREF(items);
        return 0;
    }
    if (n < before + after) {
        MoErr_Format(MoExc_ValueError, "not enough values to unpack (expected at least %d, got %zd)", before + after, n);
        Mo_DECREF(items);
        return -1;
    }
    int total = before + 1 + after;
    for (int i = 0; i < before; i++)
        sp_out[total - 1 - i] = Mo_NewRef(MoList_GetItem(items, i));
    MoObject *mid = MoList_GetSlice(items, before, n - after);
    if (mid == NULL) {
        for (int i = 0; i < before; i++)
            Mo_DECREF(sp_out[total - 1 - i]);
        Mo_DECREF(items);
        return -1;
    }
    sp_out[after] = mid;
    for (int i = 0; i < after; i++)
        sp_out[after - 1 - i] = Mo_NewRef(MoList_GetItem(items, n - after + i));
    Mo_DECREF(items);
    return 0;
}

static int exception_class_ok(MoObject *t)
{
    if (MoTuple_Check(t)) {
        for (Mo_ssize_t i = 0; i < MoTuple_Size(t); i++)
            if (!exception_class_ok(MoTuple_GetItem(t, i)))
                return 0;
        return 1;
    }
    return MoExceptionClass_Check(t);
}

static MoObject *format_value(MoObject *v, int flags, MoObject *spec)
{
    MoObject *conv = NULL;
    switch (flags & 3) {
    case 1: conv = MoObject_Str(v); break;
    case 2: case 3: conv = MoObject_Repr(v); break;
    default: conv = Mo_NewRef(v); break;
    }
    if (conv == NULL)
        return NULL;
    if (spec == NULL && MoUnicode_CheckExact(conv))
        return conv;
    MoObject *fmt = MoDict_GetItemString(Interp_Builtins, "format");
    MoObject *r;
    if (fmt)
        r = MoObject_CallFunction(fmt, "OO", conv, spec ? spec : _MoUnicode_Empty());
    else
        r = MoObject_Str(conv);
    Mo_DECREF(conv);
    return r;
}

static int find_handler(MoCodeObject *co, int lasti, ExcEntry **out)
{
    for (int i = 0; i < co->co_nexc; i++)
        if (co->co_exc[i].start <= lasti && lasti < co->co_exc[i].end) {
            *out = &co->co_exc[i];
            return 1;
        }
    return 0;
}

MoObject *Interp_HandledException(void) { return handled_exc; }

static MoObject *import_star(Frame *f, MoObject *mod)
{
    MoObject *d = MoObject_GetAttrString(mod, "__dict__");
    if (d == NULL)
        return NULL;
    MoObject *target = f->locals ? f->locals : f->globals;
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(d, &pos, &k, &v)) {
        if (MoUnicode_Check(k) && MoUnicode_AsUTF8(k)[0] == '_')
            continue;
        if (MoObject_SetItem(target, k, v) < 0) {
            Mo_DECREF(d);
            return NULL;
        }
    }
    Mo_DECREF(d);
    return Mo_None;
}

/* ---------------------------------------------------------------- the loop */

MoObject *Eval_Frame(Frame *f, int throwflag)
{
    MoCodeObject *co = f->code;
    MoObject **locals = f->localsplus;
    MoObject **stack = f->localsplus + co->co_nlocalsplus;
    MoObject *consts_ = co->co_consts, *names = co->co_names;
    MoObject *const *consts = &MoTuple_GET_ITEM(consts_, 0);
    int sp = f->stacktop;
    int next = f->lasti + 1;
    MoObject *kwnames = NULL;
    MoObject *retval = NULL;
    f->yielded = 0;

#define PUSH(v) (stack[sp++] = (v))
#define POP() (stack[--sp])
#define TOP() (stack[sp - 1])
#define PEEK(n) (stack[sp - (n)])
#define SET_TOP(v) (stack[sp - 1] = (v))
#define NAME(i) MoTuple_GET_ITEM(names, (i))

    if (call_depth >= RECURSION_LIMIT) {
        MoErr_SetString(MoExc_RecursionError, "maximum recursion depth exceeded");
        f->lasti = next;
        return NULL;
    }
    call_depth++;
    f->back = Eval_CurrentFrame;
    Eval_CurrentFrame = f;
    if (throwflag)
        goto error;

    for (;;) {
        f->lasti = next;
        uint16_t word = co->co_code[next++];
        int op = word & 0xFF, oparg = word >> 8;
    dispatch:
        switch (op) {
        case OP_EXTENDED_ARG:
            word = co->co_code[next++];
            op = word & 0xFF;
            oparg = (oparg << 8) | (word >> 8);
            goto dispatch;
        case OP_NOP: case OP_RESUME: case OP_PRECALL: case OP_CACHE:
            break;
        case OP_POP_TOP: {
            MoObject *v = POP();
            Mo_XDECREF(v);
            break;
        }
        case OP_PUSH_NULL:
            PUSH(NULL);
            break;
        case OP_COPY: {
            MoObject *v = PEEK(oparg);
            PUSH(Mo_XNewRef(v));
            break;
        }
        case OP_SWAP: {
            MoObject *t = TOP();
            SET_TOP(PEEK(oparg));
            PEEK(oparg) = t;
            break;
        }
        case OP_LOAD_CONST:
            PUSH(Mo_NewRef(consts[oparg]));
            break;
        case OP_LOAD_FAST: {
            MoObject *v = locals[oparg];
            if (v == NULL) {
                Interp_Error(MoExc_UnboundLocalError,
                             "cannot access local variable '%U' where it is not associated with a value",
                             MoTuple_GET_ITEM(co->co_localsplusnames, oparg));
                goto error;
            }
            PUSH(Mo_NewRef(v));
            break;
        }
        case OP_STORE_FAST: {
            MoObject *v = POP();
            Mo_XSETREF(locals[oparg], v);
            break;
        }
        case OP_DELETE_FAST:
            if (locals[oparg] == NULL) {
                Interp_Error(MoExc_UnboundLocalError,
                             "cannot access local variable '%U' where it is not associated with a value",
                             MoTuple_GET_ITEM(co->co_localsplusnames, oparg));
                goto error;
            }
            Mo_CLEAR(locals[oparg]);
            break;
        case OP_LOAD_NAME: {
            MoObject *v = lookup_name(f, NAME(oparg), 1);
            if (v == NULL)
                goto error;
            PUSH(v);
            break;
        }
        case OP_LOAD_GLOBAL: {
            MoObject *v = lookup_name(f, NAME(oparg >> 1), 0);
            if (v == NULL)
                goto error;
            if (oparg & 1)
                PUSH(NULL);
            PUSH(v);
            break;
        }
        case OP_STORE_NAME: {
            MoObject *v = POP();
            MoObject *target = f->locals ? f->locals : f->globals;
            int r = MoDict_Check(target) ? MoDict_SetItem(target, NAME(oparg), v) : MoObject_SetItem(target, NAME(oparg), v);
            Mo_DECREF(v);
            if (r < 0)
                goto error;
            break;
        }
        case OP_STORE_GLOBAL: {
            MoObject *v = POP();
            int r = MoDict_SetItem(f->globals, NAME(oparg), v);
            Mo_DECREF(v);
            if (r < 0)
                goto error;
            break;
        }
        case OP_DELETE_NAME:
        case OP_DELETE_GLOBAL: {
            MoObject *target = op == OP_DELETE_NAME && f->locals ? f->locals : f->globals;
            if (MoObject_DelItem(target, NAME(oparg)) < 0) {
                if (MoErr_ExceptionMatches(MoExc_KeyError)) {
                    MoErr_Clear();
                    Interp_Error(MoExc_NameError, "name '%U' is not defined", NAME(oparg));
                }
                goto error;
            }
            break;
        }
        case OP_MAKE_CELL: {
            MoObject *cell = MoCell_New(locals[oparg]);
            if (cell == NULL)
                goto error;
            Mo_XSETREF(locals[oparg], cell);
            break;
        }
        case OP_COPY_FREE_VARS: {
            MoObject *closure = ((MoFunctionObject *)f->func)->func_closure;
            int first = co->co_nlocalsplus - oparg;
            for (int i = 0; i < oparg; i++)
                locals[first + i] = Mo_NewRef(MoTuple_GET_ITEM(closure, i));
            break;
        }
        case OP_LOAD_CLOSURE:
            PUSH(Mo_NewRef(locals[oparg]));
            break;
        case OP_LOAD_CLASSDEREF:
        case OP_LOAD_DEREF: {
            MoObject *name = MoTuple_GET_ITEM(co->co_localsplusnames, oparg);
            if (op == OP_LOAD_CLASSDEREF && f->locals) {
                MoObject *v = MoDict_GetItem(f->locals, name);
                if (v) {
                    PUSH(Mo_NewRef(v));
                    break;
                }
            }
            MoObject *v = ((MoCellObject *)locals[oparg])->ob_ref;
            if (v == NULL) {
                if (co->co_localspluskinds[oparg] & CO_FAST_FREE)
                    Interp_Error(MoExc_NameError,
                                 "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
                                 name);
                else
                    Interp_Error(MoExc_UnboundLocalError,
                                 "cannot access local variable '%U' where it is not associated with a value", name);
                goto error;
            }
            PUSH(Mo_NewRef(v));
            break;
        }
        case OP_STORE_DEREF: {
            MoObject *v = POP();
            Mo_XSETREF(((MoCellObject *)locals[oparg])->ob_ref, v);
            break;
        }
        case OP_DELETE_DEREF:
            Mo_CLEAR(((MoCellObject *)locals[oparg])->ob_ref);
            break;
        case OP_LOAD_ATTR: {
            MoObject *o = TOP();
            MoObject *v = MoObject_GetAttr(o, NAME(oparg));
            if (v == NULL)
                goto error;
            SET_TOP(v);
            Mo_DECREF(o);
            break;
        }
        case OP_LOAD_METHOD: {
            MoObject *o = TOP();
            MoObject *v = MoObject_GetAttr(o, NAME(oparg));
            if (v == NULL)
                goto error;
            if (MoMethod_Check(v) && MoMethod_GET_SELF(v) == o && MoFunction_Check(MoMethod_GET_FUNCTION(v))) {
                /* [function, self]: no bound method kept */
                SET_TOP(Mo_NewRef(MoMethod_GET_FUNCTION(v)));
                PUSH(o);
                Mo_DECREF(v);
            } else {
                SET_TOP(NULL);
                PUSH(v);
                Mo_DECREF(o);
            }
            break;
        }
        case OP_STORE_ATTR: {
            MoObject *owner = POP(), *v = POP();
            int r = MoObject_SetAttr(owner, NAME(oparg), v);
            Mo_DECREF(owner);
            Mo_DECREF(v);
            if (r < 0)
                goto error;
            break;
        }
        case OP_DELETE_ATTR: {
            MoObject *owner = POP();
            int r = MoObject_SetAttr(owner, NAME(oparg), NULL);
            Mo_DECREF(owner);
            if (r < 0)
                goto error;
            break;
        }
        case OP_BINARY_OP: {
            MoObject *r_ = POP(), *l = POP(), *res;
            if (oparg == NB_INPLACE_ADD && MoUnicode_CheckExact(l) && MoUnicode_CheckExact(r_) &&
                (co->co_code[next] & 0xFF) == OP_STORE_FAST && locals[co->co_code[next] >> 8] == l) {
                /* s += t before STORE_FAST s: drop the local's reference so that the
                   string may grow in place (3.11's BINARY_OP_INPLACE_ADD_UNICODE) */
                Mo_CLEAR(locals[co->co_code[next] >> 8]);
                MoUnicode_Append(&l, r_);
                Mo_DECREF(r_);
                if (l == NULL)
                    goto error;
                PUSH(l);
                break;
            }
            res = binary_op(oparg, l, r_);
            Mo_DECREF(l);
            Mo_DECREF(r_);
            if (res == NULL)
                goto error;
            PUSH(res);
            break;
        }
        case OP_UNARY_NEGATIVE: case OP_UNARY_POSITIVE: case OP_UNARY_INVERT: {
            MoObject *v = TOP();
            MoObject *r = op == OP_UNARY_NEGATIVE ? MoNumber_Negative(v)
                        : op == OP_UNARY_POSITIVE ? MoNumber_Positive(v) : MoNumber_Invert(v);
            if (r == NULL)
                goto error;
            SET_TOP(r);
            Mo_DECREF(v);
            break;
        }
        case OP_UNARY_NOT: {
            MoObject *v = TOP();
            int t = MoObject_IsTrue(v);
            if (t < 0)
                goto error;
            SET_TOP(MoBool_FromLong(!t));
            Mo_DECREF(v);
            break;
        }
        case OP_COMPARE_OP: {
            MoObject *r_ = POP(), *l = TOP();
            MoObject *res = MoObject_RichCompare(l, r_, oparg);
            Mo_DECREF(r_);
            if (res == NULL)
                goto error;
            SET_TOP(res);
            Mo_DECREF(l);
            break;
        }
        case OP_IS_OP: {
            MoObject *r_ = POP(), *l = TOP();
            SET_TOP(MoBool_FromLong((l == r_) ^ oparg));
            Mo_DECREF(l);
            Mo_DECREF(r_);
            break;
        }
        case OP_CONTAINS_OP: {
            MoObject *r_ = POP(), *l = TOP();
            int c = MoSequence_Contains(r_, l);
            Mo_DECREF(r_);
            if (c < 0)
                goto error;
            SET_TOP(MoBool_FromLong(c ^ oparg));
            Mo_DECREF(l);
            break;
        }
        case OP_BINARY_SUBSCR: {
            MoObject *sub = POP(), *container = TOP();
            MoObject *r = MoSlice_Check(sub) ? Slice_GetItem(container, sub) : MoObject_GetItem(container, sub);
            Mo_DECREF(sub);
            if (r == NULL)
                goto error;
            SET_TOP(r);
            Mo_DECREF(container);
            break;
        }
        case OP_STORE_SUBSCR: {
            MoObject *sub = POP(), *container = POP(), *v = POP();
            int r = MoSlice_Check(sub) ? Slice_SetItem(container, sub, v) : MoObject_SetItem(container, sub, v);
            Mo_DECREF(sub);
            Mo_DECREF(container);
            Mo_DECREF(v);
            if (r < 0)
                goto error;
            break;
        }
        case OP_DELETE_SUBSCR: {
            MoObject *sub = POP(), *container = POP();
            int r = MoSlice_Check(sub) ? Slice_SetItem(container, sub, NULL) : MoObject_DelItem(container, sub);
            Mo_DECREF(sub);
            Mo_DECREF(container);
            if (r < 0)
                goto error;
            break;
        }
        case OP_BUILD_SLICE: {
            MoObject *step = oparg == 3 ? POP() : NULL;
            MoObject *stop = POP(), *start = POP();
            MoObject *s = MoSlice_New(start, stop, step);
            Mo_DECREF(start);
            Mo_DECREF(stop);
            Mo_XDECREF(step);
            if (s == NULL)
                goto error;
            PUSH(s);
            break;
        }
        case OP_BUILD_TUPLE: {
            MoObject *t = MoTuple_New(oparg);
            if (t == NULL)
                goto error;
            for (int i = oparg - 1; i >= 0; i--)
                MoTuple_SET_ITEM(t, i, POP());
            PUSH(t);
            break;
        }
        case OP_BUILD_LIST: {
            MoObject *l = MoList_New(oparg);
            if (l == NULL)
                goto error;
            for (int i = oparg - 1; i >= 0; i--)
                MoList_SET_ITEM(l, i, POP());
            PUSH(l);
            break;
        }
        case OP_BUILD_SET: {
            MoObject *s = MoSet_New(NULL);
            int err = s == NULL;
            for (int i = oparg; i > 0; i--) {
                if (!err && MoSet_Add(s, PEEK(i)) < 0)
                    err = 1;
                Mo_DECREF(PEEK(i));
            }
            sp -= oparg;
            if (err) {
                Mo_XDECREF(s);
                goto error;
            }
            PUSH(s);
            break;
        }
        case OP_BUILD_MAP: {
            MoObject *d = MoDict_New();
            int err = d == NULL;
            for (int i = 2 * oparg; i > 0; i -= 2) {
                if (!err && MoDict_SetItem(d, PEEK(i), PEEK(i - 1)) < 0)
                    err = 1;
                Mo_DECREF(PEEK(i));
                Mo_DECREF(PEEK(i - 1));
            }
            sp -= 2 * oparg;
            if (err) {
                Mo_XDECREF(d);
                goto error;
            }
            PUSH(d);
            break;
        }
        case OP_BUILD_CONST_KEY_MAP: {
            MoObject *keys = POP();
            MoObject *d = MoDict_New();
            int err = d == NULL;
            for (int i = 0; i < oparg; i++) {
                MoObject *v = PEEK(oparg - i);
                if (!err && MoDict_SetItem(d, MoTuple_GET_ITEM(keys, i), v) < 0)
                    err = 1;
                Mo_DECREF(v);
            }
            sp -= oparg;
            Mo_DECREF(keys);
            if (err) {
                Mo_XDECREF(d);
                goto error;
            }
            PUSH(d);
            break;
        }
        case OP_BUILD_STRING: {
            MoObject *t = MoTuple_New(oparg);
            if (t == NULL)
                goto error;
            for (int i = oparg - 1; i >= 0; i--)
                MoTuple_SET_ITEM(t, i, POP());
            MoObject *s = MoUnicode_Join(_MoUnicode_Empty(), t);
            Mo_DECREF(t);
            if (s == NULL)
                goto error;
            PUSH(s);
            break;
        }
        case OP_LIST_APPEND: case OP_SET_ADD: {
            MoObject *v = POP();
            int r = op == OP_LIST_APPEND ? MoList_Append(PEEK(oparg), v) : MoSet_Add(PEEK(oparg), v);
            Mo_DECREF(v);
            if (r < 0)
                goto error;
            break;
        }
        case OP_MAP_ADD: {
            MoObject *v = POP(), *k = POP();
            int r = MoDict_SetItem(PEEK(oparg), k, v);
            Mo_DECREF(k);
            Mo_DECREF(v);
            if (r < 0)
                goto error;
            break;
        }
        case OP_LIST_EXTEND: {
            MoObject *it = POP();
            int r = MoList_Extend(PEEK(oparg), it);
            if (r < 0 && MoErr_ExceptionMatches(MoExc_TypeError) && !MoObject_HasAttrString(it, "__iter__")) {
                MoErr_Clear();
                MoErr_Format(MoExc_TypeError, "Value after * must be an iterable, not %s", Mo_TYPE(it)->tp_name);
            }
            Mo_DECREF(it);
            if (r < 0)
                goto error;
            break;
        }
        case OP_SET_UPDATE: {
            MoObject *it = POP();
            MoObject *iter = MoObject_GetIter(it);
            Mo_DECREF(it);
            if (iter == NULL)
                goto error;
            MoObject *item;
            int err = 0;
            while ((item = MoIter_Next(iter)) != NULL) {
                if (MoSet_Add(PEEK(oparg), item) < 0)
                    err = 1;
                Mo_DECREF(item);
                if (err)
                    break;
            }
            Mo_DECREF(iter);
            if (err || MoErr_Occurred())
                goto error;
            break;
        }
        case OP_DICT_UPDATE: case OP_DICT_MERGE: {
            MoObject *other = POP();
            int r = MoDict_Update(PEEK(oparg), other);
            if (r < 0 && MoErr_ExceptionMatches(MoExc_AttributeError)) {
                MoErr_Clear();
                MoErr_Format(MoExc_TypeError, "'%s' object is not a mapping", Mo_TYPE(other)->tp_name);
            }
            Mo_DECREF(other);
            if (r < 0)
                goto error;
            break;
        }
        case OP_LIST_TO_TUPLE: {
            MoObject *l = TOP();
            MoObject *t = MoList_AsTuple(l);
            if (t == NULL)
                goto error;
            SET_TOP(t);
            Mo_DECREF(l);
            break;
        }
        case OP_UNPACK_SEQUENCE: case OP_UNPACK_EX: {
            MoObject *seq = POP();
            int star = op == OP_UNPACK_EX;
            int before = star ? (oparg & 0xFF) : oparg, after = star ? oparg >> 8 : 0;
            int r = unpack(seq, before, after, star, &stack[sp]);
            Mo_DECREF(seq);
            if (r < 0)
                goto error;
            sp += before + after + star;
            break;
        }
        case OP_GET_ITER: {
            MoObject *o = TOP();
            MoObject *it = MoObject_GetIter(o);
            if (it == NULL)
                goto error;
            SET_TOP(it);
            Mo_DECREF(o);
            break;
        }
        case OP_GET_YIELD_FROM_ITER: {
            MoObject *o = TOP();
            if (!Mo_IS_TYPE(o, &MoGen_Type)) {
                MoObject *it = MoObject_GetIter(o);
                if (it == NULL)
                    goto error;
                SET_TOP(it);
                Mo_DECREF(o);
            }
            break;
        }
        case OP_FOR_ITER: {
            MoObject *it = TOP();
            MoObject *v = Mo_TYPE(it)->tp_iternext ? Mo_TYPE(it)->tp_iternext(it) : MoIter_Next(it);
            if (v != NULL) {
                PUSH(v);
                break;
            }
            if (MoErr_Occurred()) {
                if (!MoErr_ExceptionMatches(MoExc_StopIteration))
                    goto error;
                MoErr_Clear();
            }
            (void)POP();
            Mo_DECREF(it);
            next += oparg;
            break;
        }
        case OP_JUMP_FORWARD:
            next += oparg;
            break;
        case OP_JUMP_BACKWARD:
            next -= oparg;
            break;
        case OP_POP_JUMP_FORWARD_IF_FALSE: case OP_POP_JUMP_FORWARD_IF_TRUE:
        case OP_POP_JUMP_BACKWARD_IF_FALSE: case OP_POP_JUMP_BACKWARD_IF_TRUE: {
            MoObject *v = POP();
            int t = v == Mo_True ? 1 : v == Mo_False ? 0 : MoObject_IsTrue(v);
            Mo_DECREF(v);
            if (t < 0)
                goto error;
            int want = op == OP_POP_JUMP_FORWARD_IF_TRUE || op == OP_POP_JUMP_BACKWARD_IF_TRUE;
            if (t == want)
                next += (op == OP_POP_JUMP_BACKWARD_IF_FALSE || op == OP_POP_JUMP_BACKWARD_IF_TRUE) ? -oparg : oparg;
            break;
        }
        case OP_POP_JUMP_FORWARD_IF_NONE: case OP_POP_JUMP_FORWARD_IF_NOT_NONE: {
            MoObject *v = POP();
            if ((v == Mo_None) == (op == OP_POP_JUMP_FORWARD_IF_NONE))
                next += oparg;
            Mo_DECREF(v);
            break;
        }
        case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: {
            MoObject *v = TOP();
            int t = MoObject_IsTrue(v);
            if (t < 0)
                goto error;
            if (t == (op == OP_JUMP_IF_TRUE_OR_POP)) {
                next += oparg;
            } else {
                (void)POP();
                Mo_DECREF(v);
            }
            break;
        }
        case OP_KW_NAMES:
            kwnames = consts[oparg];
            break;
        case OP_CALL: {
            int is_meth = PEEK(oparg + 2) != NULL;
            int total = oparg + is_meth;
            MoObject *callable = is_meth ? PEEK(oparg + 2) : PEEK(oparg + 1);
            MoObject **args = &stack[sp - total];
            Mo_ssize_t nkw = kwnames ? MoTuple_GET_SIZE(kwnames) : 0;
            MoObject *res = Call_Vector(callable, args, total - nkw, kwnames);
            kwnames = NULL;
            sp -= total;
            MoObject *c1 = POP();
            Mo_XDECREF(c1);
            if (!is_meth) {
                MoObject *null = POP();
                (void)null;
            }
            if (res == NULL)
                goto error;
            PUSH(res);
            break;
        }
        case OP_CALL_FUNCTION_EX: {
            MoObject *kw = (oparg & 1) ? POP() : NULL;
            MoObject *a = POP();
            MoObject *func = POP();
            MoObject *null = POP();
            MoObject *res = NULL;
            if (!MoTuple_Check(a)) {
                MoObject *t = MoSequence_Tuple(a);
                Mo_SETREF(a, t);
            }
            if (a != NULL)
                res = MoObject_Call(func, a, kw);
            Mo_XDECREF(a);
            Mo_XDECREF(kw);
            Mo_DECREF(func);
            Mo_XDECREF(null);
            if (res == NULL)
                goto error;
            PUSH(res);
            break;
        }
        case OP_MAKE_FUNCTION: {
            MoObject *code = POP();
            MoObject *fn = MoFunction_New(code, f->globals, NULL);
            Mo_DECREF(code);
            if (fn == NULL)
                goto error;
            MoFunctionObject *func = (MoFunctionObject *)fn;
            if (oparg & 8)
                func->func_closure = POP();
            if (oparg & 4)
                Mo_DECREF(POP());
            if (oparg & 2)
                func->func_kwdefaults = POP();
            if (oparg & 1)
                func->func_defaults = POP();
            PUSH(fn);
            break;
        }
        case OP_LOAD_BUILD_CLASS: {
            MoObject *bc = MoDict_GetItemString(f->builtins, "__build_class__");
            if (bc == NULL) {
                MoErr_SetString(MoExc_NameError, "__build_class__ not found");
                goto error;
            }
            PUSH(Mo_NewRef(bc));
            break;
        }
        case OP_LOAD_ASSERTION_ERROR:
            PUSH(Mo_NewRef(MoExc_AssertionError));
            break;
        case OP_RETURN_VALUE:
            retval = POP();
            goto exit_frame;
        case OP_RETURN_GENERATOR: {
            MoObject *gen = MoGen_New(f);
            if (gen == NULL)
                goto error;
            f->owned_by_gen = 1;
            f->stacktop = sp;
            retval = gen;
            Eval_CurrentFrame = f->back;
            call_depth--;
            return retval;
        }
        case OP_YIELD_VALUE:
            retval = POP();
            f->stacktop = sp;
            f->yielded = 1;
            Eval_CurrentFrame = f->back;
            call_depth--;
            return retval;
        case OP_SEND: {
            MoObject *v = POP();
            MoObject *it = TOP();
            MoObject *r;
            int finished = 0;
            if (Mo_IS_TYPE(it, &MoGen_Type)) {
                r = Gen_Send((MoGenObject *)it, v, 0, &finished);
            } else if (v == Mo_None) {
                r = Mo_TYPE(it)->tp_iternext(it);
                if (r == NULL && !MoErr_Occurred()) {
                    finished = 1;
                    r = Mo_NewRef(Mo_None);
                }
            } else {
                r = MoObject_CallMethod(it, "send", "O", v);
            }
            Mo_DECREF(v);
            if (r == NULL) {
                if (!MoErr_ExceptionMatches(MoExc_StopIteration))
                    goto error;
                MoObject *exc = MoErr_GetRaisedException();
                MoObject *args = MoObject_GetAttrString(exc, "args");
                r = args && MoTuple_Size(args) > 0 ? Mo_NewRef(MoTuple_GetItem(args, 0)) : Mo_NewRef(Mo_None);
                Mo_XDECREF(args);
                Mo_DECREF(exc);
                finished = 1;
            }
            if (finished) {
                (void)POP();
                Mo_DECREF(it);
                PUSH(r);
                next += oparg;
            } else {
                PUSH(r);
            }
            break;
        }
        case OP_RAISE_VARARGS: {
            if (oparg == 0) {
                if (handled_exc == NULL) {
                    MoErr_SetString(MoExc_RuntimeError, "No active exception to reraise");
                    goto error;
                }
                Traceback_Restore(handled_exc);
                MoErr_SetRaisedException(Mo_NewRef(handled_exc));
                goto exception_unwind;
            }
            MoObject *cause = oparg == 2 ? POP() : NULL;
            MoObject *exc = POP();
            Mo_XDECREF(cause);
            if (MoExceptionClass_Check(exc)) {
                MoObject *inst = MoObject_CallNoArgs(exc);
                Mo_DECREF(exc);
                if (inst == NULL)
                    goto error;
                exc = inst;
            }
            if (!MoExceptionInstance_Check(exc)) {
                Mo_DECREF(exc);
                MoErr_SetString(MoExc_TypeError, "exceptions must derive from BaseException");
                goto error;
            }
            Traceback_Restore(exc);
            MoErr_SetRaisedException(exc);
            goto error;
        }
        case OP_RERAISE: {
            MoObject *exc = POP();
            Traceback_Restore(exc);
            MoErr_SetRaisedException(exc);
            goto exception_unwind;
        }
        case OP_PUSH_EXC_INFO: {
            MoObject *exc = POP();
            PUSH(handled_exc ? handled_exc : Mo_NewRef(Mo_None));
            handled_exc = Mo_NewRef(exc);
            PUSH(exc);
            break;
        }
        case OP_POP_EXCEPT: {
            MoObject *prev = POP();
            MoObject *old = handled_exc;
            /* the handler is done with old, unless it is about to be re-raised */
            if (old && (sp == 0 || TOP() != old))
                Traceback_Forget(old);
            handled_exc = prev == Mo_None ? NULL : prev;
            if (prev == Mo_None)
                Mo_DECREF(prev);
            Mo_XDECREF(old);
            break;
        }
        case OP_CHECK_EXC_MATCH: {
            MoObject *type = POP();
            if (!exception_class_ok(type)) {
                Mo_DECREF(type);
                MoErr_SetString(MoExc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
                goto error;
            }
            int m = 0;
            if (MoTuple_Check(type)) {
                for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(type) && !m; i++)
                    m = MoErr_GivenExceptionMatches(TOP(), MoTuple_GET_ITEM(type, i));
            } else {
                m = MoErr_GivenExceptionMatches(TOP(), type);
            }
            Mo_DECREF(type);
            PUSH(MoBool_FromLong(m));
            break;
        }
        case OP_BEFORE_WITH: {
            MoObject *mgr = TOP();
            MoObject *enter = MoObject_GetAttrString(mgr, "__enter__");
            MoObject *exit = enter ? MoObject_GetAttrString(mgr, "__exit__") : NULL;
            if (exit == NULL) {
                Mo_XDECREF(enter);
                MoErr_Clear();
                MoErr_Format(MoExc_TypeError, "'%s' object does not support the context manager protocol",
                             Mo_TYPE(mgr)->tp_name);
                goto error;
            }
            MoObject *res = MoObject_CallNoArgs(enter);
            Mo_DECREF(enter);
            if (res == NULL) {
                Mo_DECREF(exit);
                goto error;
            }
            SET_TOP(exit);
            Mo_DECREF(mgr);
            PUSH(res);
            break;
        }
        case OP_WITH_EXCEPT_START: {
            MoObject *exit = PEEK(3), *exc = TOP();
            MoObject *res = MoObject_CallFunction(exit, "OOO", (MoObject *)Mo_TYPE(exc), exc, Mo_None);
            if (res == NULL)
                goto error;
            PUSH(res);
            break;
        }
        case OP_IMPORT_NAME: {
            MoObject *fromlist = POP(), *level = POP();
            Mo_DECREF(fromlist);
            Mo_DECREF(level);
            MoObject *m = MoImport_Import(NAME(oparg));
            if (m == NULL)
                goto error;
            PUSH(m);
            break;
        }
        case OP_IMPORT_FROM: {
            MoObject *m = TOP();
            MoObject *v = MoObject_GetAttr(m, NAME(oparg));
            if (v == NULL) {
                if (!MoErr_ExceptionMatches(MoExc_AttributeError))
                    goto error;
                MoErr_Clear();
                const char *mn = MoModule_GetName(m);
                if (mn == NULL)
                    MoErr_Clear();
                MoErr_Format(MoExc_ImportError, "cannot import name '%U' from '%s' (unknown location)", NAME(oparg),
                             mn ? mn : "?");
                goto error;
            }
            PUSH(v);
            break;
        }
        case OP_IMPORT_STAR: {
            MoObject *m = POP();
            MoObject *r = import_star(f, m);
            Mo_DECREF(m);
            if (r == NULL)
                goto error;
            break;
        }
        case OP_PRINT_EXPR: {
            MoObject *v = POP();
            if (v != Mo_None) {
                MoObject *r = MoObject_Repr(v);
                if (r == NULL) {
                    Mo_DECREF(v);
                    goto error;
                }
                printf("%s\n", MoUnicode_AsUTF8(r));
                Mo_DECREF(r);
                MoDict_SetItemString(f->builtins, "_", v);
            }
            Mo_DECREF(v);
            break;
        }
        case OP_FORMAT_VALUE: {
            MoObject *spec = (oparg & 4) ? POP() : NULL;
            MoObject *v = POP();
            MoObject *r = format_value(v, oparg, spec);
            Mo_DECREF(v);
            Mo_XDECREF(spec);
            if (r == NULL)
                goto error;
            PUSH(r);
            break;
        }
        default:
            MoErr_Format(MoExc_SystemError, "unknown opcode %d", op);
            goto error;
        }
        continue;

    error:
        Traceback_Here(f);
    exception_unwind: {
        ExcEntry *h;
        if (!find_handler(co, f->lasti, &h)) {
            while (sp > 0) {
                MoObject *v = POP();
                Mo_XDECREF(v);
            }
            retval = NULL;
            goto exit_frame;
        }
        while (sp > h->depth) {
            MoObject *v = POP();
            Mo_XDECREF(v);
        }
        MoObject *exc = MoErr_GetRaisedException();
        Traceback_Attach(exc);
        PUSH(exc);
        next = h->target;
        kwnames = NULL;
        continue;
    }
    }

exit_frame:
    f->stacktop = sp;
    Eval_CurrentFrame = f->back;
    call_depth--;
    return retval;
}
