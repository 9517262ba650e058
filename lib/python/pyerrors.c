/* The exceptions the front end adds to the runtime's (NameError, SyntaxError,
 * AssertionError ...), made as classes with __module__ 'builtins'; SyntaxError's
 * arguments; and tracebacks, kept as CPython 3.11 keeps them: a list of (file,
 * line, function) entries that grows as the exception leaves frames, attached to
 * the exception as __traceback__ when a handler catches it.
 */
#include "interp.h"

MoObject *MoExc_NameError, *MoExc_UnboundLocalError, *MoExc_AssertionError, *MoExc_SyntaxError,
    *MoExc_IndentationError, *MoExc_GeneratorExit, *MoExc_SystemExit, *MoExc_KeyboardInterrupt;

static MoObject *make_class(MoObject *builtins, const char *name, MoObject *base)
{
    MoObject *existing = MoDict_GetItemString(builtins, name);
    if (existing != NULL)
        return existing;
    MoObject *ns = MoDict_New();
    MoObject *n = MoUnicode_FromString(name);
    MoObject *bases = MoTuple_Pack(1, base);
    MoObject *mod = MoUnicode_FromString("builtins");
    MoObject *cls = NULL;
    if (ns && n && bases && mod && MoDict_SetItemString(ns, "__module__", mod) == 0)
        cls = MoType_FromNameBasesDict(n, bases, ns);
    Mo_XDECREF(ns);
    Mo_XDECREF(n);
    Mo_XDECREF(bases);
    Mo_XDECREF(mod);
    if (cls == NULL)
        return NULL;
    Interp_FixExceptionClass(cls);
    int r = MoDict_SetItemString(builtins, name, cls);
    Mo_DECREF(cls);   /* builtins holds it; the pointers are borrowed */
    return r < 0 ? NULL : cls;
}

/* The runtime makes exception instances for MoErr_SetObject without the class's
   allocator (no reference to a heap class, no managed dict): an exception class
   made by type() gets this tp_new, which allocates through tp_alloc. */
static MoObject *heap_exc_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    (void)kwargs;
    MoObject *o = t->tp_alloc(t, 0);
    if (o == NULL)
        return NULL;
    ((MoBaseExceptionObject *)o)->args = args ? Mo_NewRef(args) : MoTuple_New(0);
    return o;
}

void Interp_FixExceptionClass(MoObject *cls)
{
    if (MoClass_Check(cls) && MoExceptionClass_Check(cls))
        ((MoTypeObject *)cls)->tp_new = heap_exc_new;
}

void Interp_Error(MoObject *type, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    MoObject *msg = MoUnicode_FromFormatV(fmt, va);
    va_end(va);
    if (msg == NULL)
        return;
    if (!MoClass_Check(type)) {
        MoErr_SetObject(type, msg);
        Mo_DECREF(msg);
        return;
    }
    MoObject *exc = MoObject_CallOneArg(type, msg);
    Mo_DECREF(msg);
    if (exc != NULL)
        MoErr_SetRaisedException(exc);
}

/* StopIteration.value: its first argument, or None (the runtime's StopIteration has
   only args). */
static MoObject *stopiteration_value(MoObject *o, void *closure)
{
    (void)closure;
    MoObject *args = ((MoBaseExceptionObject *)o)->args;
    return Mo_NewRef(args && MoTuple_Size(args) > 0 ? MoTuple_GetItem(args, 0) : Mo_None);
}

static MoGetSetDef stopiteration_getset[] = {
    {"value", stopiteration_value, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static int add_stopiteration_value(void)
{
    MoTypeObject *t = (MoTypeObject *)MoExc_StopIteration;
    if (MoDict_GetItemString(t->tp_dict, "value") != NULL)
        return 0;
    MoObject *d = MoDescr_NewGetSet(t, &stopiteration_getset[0]);
    int r = d ? MoDict_SetItemString(t->tp_dict, "value", d) : -1;
    Mo_XDECREF(d);
    return r;
}

int PyErrors_Init(MoObject *b)
{
    if (add_stopiteration_value() < 0)
        return -1;
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(b, &pos, &k, &v))
        Interp_FixExceptionClass(v);
    static const struct { const char *name; MoObject **base; } runtime[] = {
        {"BaseException", &MoExc_BaseException}, {"Exception", &MoExc_Exception},
        {"TypeError", &MoExc_TypeError}, {"ValueError", &MoExc_ValueError},
        {"LookupError", &MoExc_LookupError}, {"IndexError", &MoExc_IndexError},
        {"KeyError", &MoExc_KeyError}, {"AttributeError", &MoExc_AttributeError},
        {"MemoryError", &MoExc_MemoryError}, {"ReferenceError", &MoExc_ReferenceError},
        {"RuntimeError", &MoExc_RuntimeError}, {"RecursionError", &MoExc_RecursionError},
        {"ArithmeticError", &MoExc_ArithmeticError}, {"ZeroDivisionError", &MoExc_ZeroDivisionError},
        {"OverflowError", &MoExc_OverflowError}, {"StopIteration", &MoExc_StopIteration},
        {"SystemError", &MoExc_SystemError}, {"NotImplementedError", &MoExc_NotImplementedError},
        {"ImportError", &MoExc_ImportError}, {"ModuleNotFoundError", &MoExc_ModuleNotFoundError},
        {NULL, NULL}};
    for (int i = 0; runtime[i].name; i++)
        if (MoDict_GetItemString(b, runtime[i].name) == NULL &&
            MoDict_SetItemString(b, runtime[i].name, *runtime[i].base) < 0)
            return -1;
    if ((MoExc_NameError = make_class(b, "NameError", MoExc_Exception)) == NULL ||
        (MoExc_UnboundLocalError = make_class(b, "UnboundLocalError", MoExc_NameError)) == NULL ||
        (MoExc_AssertionError = make_class(b, "AssertionError", MoExc_Exception)) == NULL ||
        (MoExc_SyntaxError = make_class(b, "SyntaxError", MoExc_Exception)) == NULL ||
        (MoExc_IndentationError = make_class(b, "IndentationError", MoExc_SyntaxError)) == NULL ||
        (MoExc_GeneratorExit = make_class(b, "GeneratorExit", MoExc_BaseException)) == NULL ||
        (MoExc_SystemExit = make_class(b, "SystemExit", MoExc_BaseException)) == NULL ||
        (MoExc_KeyboardInterrupt = make_class(b, "KeyboardInterrupt", MoExc_BaseException)) == NULL)
        return -1;
    return 0;
}

void PyErrors_Fini(void)
{
    /* the builtins dict held them; the classes are cyclic garbage for the collector */
    MoExc_NameError = MoExc_UnboundLocalError = MoExc_AssertionError = MoExc_SyntaxError = NULL;
    MoExc_IndentationError = MoExc_GeneratorExit = MoExc_SystemExit = MoExc_KeyboardInterrupt = NULL;
}

int Syntax_Error(const char *src, const char *filename, int lineno, int col, int end_col, int indent,
                 const char *fmt, ...)
{
    char msg[512];
    va_list va;
    va_start(va, fmt);
    vsnprintf(msg, sizeof msg, fmt, va);
    va_end(va);
    int len;
    const char *line = Src_Line(src, lineno, &len);
    MoObject *text = MoUnicode_FromStringAndSize(line, len);
    MoObject *loc = Mo_BuildValue("(siiNii)", filename, lineno, col + 1, text, lineno, end_col + 1);
    MoObject *args = loc ? Mo_BuildValue("(sN)", msg, loc) : NULL;
    MoObject *type = indent ? MoExc_IndentationError : MoExc_SyntaxError;
    MoObject *exc = args ? MoObject_Call(type, args, NULL) : NULL;
    Mo_XDECREF(args);
    if (exc != NULL)
        MoErr_SetRaisedException(exc);
    return -1;
}

/* ---------------------------------------------------------------- tracebacks */

/* entries of the propagating exception: tuples (filename, lineno, name, line-text) */
static MoObject *current_tb;

void Traceback_Here(Frame *f)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL)
        return;
    if (current_tb == NULL)
        current_tb = MoList_New(0);
    MoCodeObject *co = f->code;
    int i = f->lasti < 0 ? 0 : f->lasti;
    const int *p = Code_Position(co, i);
    MoObject *entry = Mo_BuildValue("(OiOiiiii)", co->co_filename, Code_Line(co, i), co->co_name, p[0], p[1],
                                    p[2], p[3], p[4]);
    if (current_tb && entry)
        MoList_Append(current_tb, entry);
    Mo_XDECREF(entry);
    MoErr_SetRaisedException(exc);
}

void Traceback_Clear(void) { Mo_CLEAR(current_tb); }

/* the tracebacks of caught exceptions, by exception: the runtime's exception
   objects have no __traceback__ slot */
static MoObject *tb_table;

void Traceback_Attach(MoObject *exc)
{
    if (current_tb == NULL)
        return;
    if (tb_table == NULL && (tb_table = MoDict_New()) == NULL) {
        MoErr_Clear();
        return;
    }
    if (MoDict_SetItem(tb_table, exc, current_tb) < 0)
        MoErr_Clear();
    Mo_CLEAR(current_tb);
}

void Traceback_Restore(MoObject *exc)
{
    MoObject *tb = tb_table ? MoDict_GetItem(tb_table, exc) : NULL;
    Mo_CLEAR(current_tb);
    if (tb != NULL)
        current_tb = MoSequence_List(tb);
}

void Traceback_Forget(MoObject *exc)
{
    if (tb_table && MoDict_GetItem(tb_table, exc) != NULL && MoDict_DelItem(tb_table, exc) < 0)
        MoErr_Clear();
}

void Traceback_Fini(void)
{
    Mo_CLEAR(tb_table);
    Mo_CLEAR(current_tb);
}

/* The caret line under a traceback entry's source line, as 3.11's traceback module
   draws it: '^' under the failing expression ('~' under a BinOp's operands or a
   subscripted value, '^' under the operator or the subscript), left out when the
   expression is the whole line. */
static void print_carets(const char *filename, MoObject *e)
{
    const char *src = Interp_SourceFor(filename);
    if (src == NULL || MoTuple_Size(e) < 8)
        return;
    int lineno = (int)MoLong_AsLong(MoTuple_GetItem(e, 1));
    int col = (int)MoLong_AsLong(MoTuple_GetItem(e, 3)), end_col = (int)MoLong_AsLong(MoTuple_GetItem(e, 4));
    int end_line = (int)MoLong_AsLong(MoTuple_GetItem(e, 5));
    int a0 = (int)MoLong_AsLong(MoTuple_GetItem(e, 6)), a1 = (int)MoLong_AsLong(MoTuple_GetItem(e, 7));
    int len;
    const char *line = Src_Line(src, lineno, &len);
    int ws = 0;
    while (ws < len && (line[ws] == ' ' || line[ws] == '\t' || line[ws] == '\f'))
        ws++;
    int end = len;
    while (end > ws && (line[end - 1] == ' ' || line[end - 1] == '\r'))
        end--;
    if (end_line != lineno) {
        end_col = end;
        a0 = a1 = -1;
    }
    if (col < ws || end_col <= col || end_col > len)
        return;
    int anchored = a0 >= col && a1 > a0 && a1 <= end_col;
    if (end_col - col >= end - ws && !anchored)
        return;
    fprintf(stderr, "    %*s", col - ws, "");
    for (int i = col; i < end_col; i++)
        fputc(anchored && (i < a0 || i >= a1) ? '~' : '^', stderr);
    fputc('\n', stderr);
}

/* The source line of file at lineno, read from the file (CPython's linecache). */
static char *read_line(const char *filename, int lineno)
{
    const char *src = Interp_SourceFor(filename);
    if (src == NULL)
        return NULL;
    int len;
    const char *line = Src_Line(src, lineno, &len);
    while (len > 0 && (*line == ' ' || *line == '\t'))
        line++, len--;
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
        len--;
    if (len == 0)
        return NULL;
    char *r = malloc((size_t)len + 1);
    if (r) {
        memcpy(r, line, (size_t)len);
        r[len] = '\0';
    }
    return r;
}

static void print_syntax_error(MoObject *exc)
{
    MoObject *args = MoObject_GetAttrString(exc, "args");
    MoObject *msg = NULL, *loc = NULL;
    if (args && MoTuple_Check(args) && MoTuple_Size(args) == 2) {
        msg = MoTuple_GetItem(args, 0);
        loc = MoTuple_GetItem(args, 1);
    }
    if (loc && MoTuple_Check(loc) && MoTuple_Size(loc) >= 4) {
        fprintf(stderr, "  File \"%s\", line %ld\n", MoUnicode_AsUTF8(MoTuple_GetItem(loc, 0)),
                MoLong_AsLong(MoTuple_GetItem(loc, 1)));
        const char *text = MoUnicode_AsUTF8(MoTuple_GetItem(loc, 3));
        long offset = MoLong_AsLong(MoTuple_GetItem(loc, 2));
        long end = MoTuple_Size(loc) >= 6 ? MoLong_AsLong(MoTuple_GetItem(loc, 5)) : offset + 1;
        int ws = 0;
        while (text[ws] == ' ' || text[ws] == '\t' || text[ws] == '\f')
            ws++;
        size_t tlen = strlen(text);
        while (tlen > (size_t)ws && (text[tlen - 1] == ' ' || text[tlen - 1] == '\n'))
            tlen--;
        if (tlen > (size_t)ws) {
            fprintf(stderr, "    %.*s\n    ", (int)(tlen - (size_t)ws), text + ws);
            long caret = offset - 1 - ws;
            if (caret < 0)
                caret = 0;
            if (caret > (long)(tlen - (size_t)ws))
                caret = (long)(tlen - (size_t)ws);
            long n = end > offset ? end - offset : 1;
            if (caret + n > (long)(tlen - (size_t)ws) + 1)
                n = (long)(tlen - (size_t)ws) + 1 - caret;
            if (n < 1)
                n = 1;
            for (long i = 0; i < caret; i++)
                fputc(' ', stderr);
            for (long i = 0; i < n; i++)
                fputc('^', stderr);
            fputc('\n', stderr);
        }
        fprintf(stderr, "%s: %s\n", Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
    } else {
        MoErr_SetRaisedException(Mo_NewRef(exc));
        MoErr_Print();
    }
    Mo_XDECREF(args);
}

/* The class name as the default hook prints it: module.Name unless builtins or __main__... */
static void print_exc_line(MoObject *exc)
{
    MoTypeObject *t = Mo_TYPE(exc);
    MoObject *mod = MoObject_GetAttrString((MoObject *)t, "__module__");
    const char *m = mod && MoUnicode_Check(mod) ? MoUnicode_AsUTF8(mod) : NULL;
    if (mod == NULL)
        MoErr_Clear();
    MoObject *s = MoObject_Str(exc);
    if (s == NULL)
        MoErr_Clear();
    const char *text = s ? MoUnicode_AsUTF8(s) : "<exception str() failed>";
    if (m && strcmp(m, "builtins") != 0 && strcmp(m, "__main__") != 0)
        fprintf(stderr, "%s.", m);
    if (text[0])
        fprintf(stderr, "%s: %s\n", t->tp_name, text);
    else
        fprintf(stderr, "%s\n", t->tp_name);
    Mo_XDECREF(s);
    Mo_XDECREF(mod);
}

void Traceback_PrintException(void)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL)
        return;
    fflush(stdout);
    MoObject *tb = current_tb;
    current_tb = NULL;
    if (tb && MoList_Size(tb) > 0) {
        fprintf(stderr, "Traceback (most recent call last):\n");
        for (Mo_ssize_t i = MoList_Size(tb) - 1; i >= 0; i--) {
            MoObject *e = MoList_GetItem(tb, i);
            const char *file = MoUnicode_AsUTF8(MoTuple_GetItem(e, 0));
            long line = MoLong_AsLong(MoTuple_GetItem(e, 1));
            fprintf(stderr, "  File \"%s\", line %ld, in %s\n", file, line,
                    MoUnicode_AsUTF8(MoTuple_GetItem(e, 2)));
            char *text = read_line(file, (int)line);
            if (text) {
                fprintf(stderr, "    %s\n", text);
                free(text);
                print_carets(file, e);
            }
        }
    }
    Mo_XDECREF(tb);
    if (MoErr_GivenExceptionMatches(exc, MoExc_SyntaxError))
        print_syntax_error(exc);
    else
        print_exc_line(exc);
    Mo_DECREF(exc);
}
