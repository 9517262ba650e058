/* Code objects: what the compiler makes and the evaluation loop runs; and their
 * dis-style listing (`mo-python --dis`), in 3.11's columns (line, offset, name,
 * argument, what the argument means), without 3.11's hidden CACHE entries.
 */
#include "interp.h"

#define OPNAME(name) #name,
const char *const Opcode_Names[OP_COUNT] = {OPCODES(OPNAME)};
#undef OPNAME

int Opcode_HasArg(int op)
{
    switch (op) {
    case OP_CACHE: case OP_POP_TOP: case OP_PUSH_NULL: case OP_NOP: case OP_UNARY_POSITIVE:
    case OP_UNARY_NEGATIVE: case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_BINARY_SUBSCR:
    case OP_GET_LEN: case OP_PUSH_EXC_INFO: case OP_CHECK_EXC_MATCH: case OP_WITH_EXCEPT_START:
    case OP_BEFORE_WITH: case OP_STORE_SUBSCR: case OP_DELETE_SUBSCR: case OP_GET_ITER:
    case OP_GET_YIELD_FROM_ITER: case OP_PRINT_EXPR: case OP_LOAD_BUILD_CLASS:
    case OP_LOAD_ASSERTION_ERROR: case OP_RETURN_GENERATOR: case OP_LIST_TO_TUPLE:
    case OP_RETURN_VALUE: case OP_IMPORT_STAR: case OP_YIELD_VALUE: case OP_POP_EXCEPT:
        return 0;
    }
    return 1;
}

int Code_Line(MoCodeObject *co, int i)
{
    if (i < 0)
        i = 0;
    if (i >= co->co_ncode)
        i = co->co_ncode - 1;
    return co->co_lines[i];
}

const int *Code_Position(MoCodeObject *co, int i)
{
    if (i < 0)
        i = 0;
    if (i >= co->co_ncode)
        i = co->co_ncode - 1;
    return &co->co_positions[5 * i];
}

static void code_dealloc(MoObject *o)
{
    MoCodeObject *co = (MoCodeObject *)o;
    free(co->co_code);
    free(co->co_lines);
    free(co->co_positions);
    free(co->co_exc);
    free(co->co_localspluskinds);
    free(co->co_cell2arg);
    Mo_XDECREF(co->co_consts);
    Mo_XDECREF(co->co_names);
    Mo_XDECREF(co->co_localsplusnames);
    Mo_XDECREF(co->co_filename);
    Mo_XDECREF(co->co_name);
    Mo_XDECREF(co->co_qualname);
    Mo_TYPE(o)->tp_free(o);
}

static MoObject *code_repr(MoObject *o)
{
    MoCodeObject *co = (MoCodeObject *)o;
    return MoUnicode_FromFormat("<code object %U at %p, file \"%U\", line %d>", co->co_name, (void *)co,
                                co->co_filename, co->co_firstlineno);
}

static MoObject *get_name(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoCodeObject *)o)->co_name); }
static MoObject *get_qualname(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoCodeObject *)o)->co_qualname); }
static MoObject *get_filename(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoCodeObject *)o)->co_filename); }
static MoObject *get_consts(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoCodeObject *)o)->co_consts); }
static MoObject *get_names(MoObject *o, void *c) { (void)c; return Mo_NewRef(((MoCodeObject *)o)->co_names); }
static MoObject *get_firstlineno(MoObject *o, void *c) { (void)c; return MoLong_FromLong(((MoCodeObject *)o)->co_firstlineno); }
static MoObject *get_argcount(MoObject *o, void *c) { (void)c; return MoLong_FromLong(((MoCodeObject *)o)->co_argcount); }
static MoObject *get_flags(MoObject *o, void *c) { (void)c; return MoLong_FromLong(((MoCodeObject *)o)->co_flags); }
static MoObject *get_varnames(MoObject *o, void *c)
{
    (void)c;
    MoCodeObject *co = (MoCodeObject *)o;
    return MoTuple_GetSlice(co->co_localsplusnames, 0, co->co_nlocals);
}
static MoObject *get_freevars(MoObject *o, void *c)
{
    (void)c;
    MoCodeObject *co = (MoCodeObject *)o;
    return MoTuple_GetSlice(co->co_localsplusnames, co->co_nlocalsplus - co->co_nfreevars, co->co_nlocalsplus);
}
static MoObject *get_code(MoObject *o, void *c)
{
    (void)c;
    MoCodeObject *co = (MoCodeObject *)o;
    return MoBytes_FromStringAndSize((const char *)co->co_code, (Mo_ssize_t)co->co_ncode * 2);
}

static MoGetSetDef code_getset[] = {
    {"co_name", get_name, NULL, NULL, NULL},
    {"co_qualname", get_qualname, NULL, NULL, NULL},
    {"co_filename", get_filename, NULL, NULL, NULL},
    {"co_consts", get_consts, NULL, NULL, NULL},
    {"co_names", get_names, NULL, NULL, NULL},
    {"co_varnames", get_varnames, NULL, NULL, NULL},
    {"co_freevars", get_freevars, NULL, NULL, NULL},
    {"co_firstlineno", get_firstlineno, NULL, NULL, NULL},
    {"co_argcount", get_argcount, NULL, NULL, NULL},
    {"co_flags", get_flags, NULL, NULL, NULL},
    {"co_code", get_code, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

MoTypeObject MoCode_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "code",
    .tp_basicsize = sizeof(MoCodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_getset = code_getset,
    .tp_hash = NULL,
};

/* ------------------------------------------------------------------- dis */

static const char *const binop_symbols[] = {
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
    "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^="};
static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

static char *repr_utf8(MoObject *o, char *buf, size_t n)
{
    MoObject *r = MoObject_Repr(o);
    if (r == NULL) {
        MoErr_Clear();
        snprintf(buf, n, "?");
    } else {
        snprintf(buf, n, "%s", MoUnicode_AsUTF8(r));
        Mo_DECREF(r);
    }
    return buf;
}

void Code_ArgRepr(MoCodeObject *co, int op, int arg, int offset, char *out, size_t n)
{
    char buf[400];
    out[0] = '\0';
    switch (op) {
    case OP_LOAD_CONST:
    case OP_KW_NAMES:
        snprintf(out, n, "%s", repr_utf8(MoTuple_GetItem(co->co_consts, arg), buf, sizeof buf));
        break;
    case OP_LOAD_NAME: case OP_STORE_NAME: case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_STORE_ATTR:
    case OP_DELETE_ATTR: case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_IMPORT_NAME:
    case OP_IMPORT_FROM: case OP_LOAD_METHOD:
        snprintf(out, n, "%s", MoUnicode_AsUTF8(MoTuple_GetItem(co->co_names, arg)));
        break;
    case OP_LOAD_GLOBAL:
        snprintf(out, n, "%s%s", arg & 1 ? "NULL + " : "", MoUnicode_AsUTF8(MoTuple_GetItem(co->co_names, arg >> 1)));
        break;
    case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST: case OP_LOAD_DEREF: case OP_STORE_DEREF:
    case OP_DELETE_DEREF: case OP_LOAD_CLOSURE: case OP_MAKE_CELL: case OP_LOAD_CLASSDEREF:
        snprintf(out, n, "%s", MoUnicode_AsUTF8(MoTuple_GetItem(co->co_localsplusnames, arg)));
        break;
    case OP_BINARY_OP:
        snprintf(out, n, "%s", arg < 26 ? binop_symbols[arg] : "?");
        break;
    case OP_COMPARE_OP:
        snprintf(out, n, "%s", arg < 6 ? cmp_symbols[arg] : "?");
        break;
    case OP_FORMAT_VALUE: {
        static const char *const conv[] = {"", "str", "repr", "ascii"};
        snprintf(out, n, "%s%s%s", conv[arg & 3], (arg & 3) && (arg & 4) ? ", " : "", arg & 4 ? "with format" : "");
        break;
    }
    case OP_MAKE_FUNCTION: {
        static const char *const flags[] = {"defaults", "kwdefaults", "annotations", "closure"};
        char *o = out;
        for (int k = 0; k < 4; k++)
            if (arg & (1 << k))
                o += snprintf(o, n - (size_t)(o - out), "%s%s", o == out ? "" : ", ", flags[k]);
        break;
    }
    case OP_BINARY_SUBSCR:
        break;
    default:
        if (Opcode_HasJump(op)) {
            int backward = op == OP_JUMP_BACKWARD || op == OP_POP_JUMP_BACKWARD_IF_FALSE ||
                           op == OP_POP_JUMP_BACKWARD_IF_TRUE;
            snprintf(out, n, "to %d", 2 * (offset + 1 + (backward ? -arg : arg)));
        }
        break;
    }
}

void Dis(FILE *out, MoCodeObject *co, int nested)
{
    if (nested) {
        MoObject *r = code_repr((MoObject *)co);
        fprintf(out, "\nDisassembly of %s:\n", r ? MoUnicode_AsUTF8(r) : "?");
        Mo_XDECREF(r);
    }
    /* jump targets get '>>' */
    char *target = calloc((size_t)co->co_ncode + 1, 1);
    for (int i = 0, ext = 0; i < co->co_ncode; i++) {
        int op = co->co_code[i] & 0xFF, arg = ext | (co->co_code[i] >> 8);
        ext = op == OP_EXTENDED_ARG ? arg << 8 : 0;
        if (Opcode_HasJump(op) && op != OP_EXTENDED_ARG) {
            int backward = op == OP_JUMP_BACKWARD || op == OP_POP_JUMP_BACKWARD_IF_FALSE ||
                           op == OP_POP_JUMP_BACKWARD_IF_TRUE;
            int t = i + 1 + (backward ? -arg : arg);
            if (t >= 0 && t <= co->co_ncode && target)
                target[t] = 1;
        }
    }
    for (int k = 0; k < co->co_nexc && target; k++)
        target[co->co_exc[k].target] = 1;
    int last_line = -1;
    for (int i = 0, ext = 0; i < co->co_ncode; i++) {
        int op = co->co_code[i] & 0xFF, arg = ext | (co->co_code[i] >> 8);
        ext = op == OP_EXTENDED_ARG ? arg << 8 : 0;
        int line = co->co_lines[i];
        char lineno[16] = "   ";
        if (line != last_line) {
            if (last_line != -1)
                fputc('\n', out);
            snprintf(lineno, sizeof lineno, "%3d", line);
            last_line = line;
        }
        char ar[512];
        Code_ArgRepr(co, op, arg, i, ar, sizeof ar);
        char lineout[700];
        int len = snprintf(lineout, sizeof lineout, "%s     %s %4d %-20s", lineno, target && target[i] ? ">>" : "  ",
                           2 * i, Opcode_Names[op]);
        if (Opcode_HasArg(op))
            len += snprintf(lineout + len, sizeof lineout - (size_t)len, " %5d", arg);
        if (ar[0])
            len += snprintf(lineout + len, sizeof lineout - (size_t)len, " (%s)", ar);
        while (len > 0 && lineout[len - 1] == ' ')
            lineout[--len] = '\0';
        fprintf(out, "%s\n", lineout);
    }
    free(target);
    if (co->co_nexc > 0) {
        fprintf(out, "ExceptionTable:\n");
        for (int k = 0; k < co->co_nexc; k++)
            fprintf(out, "  %d to %d -> %d [%d]%s\n", 2 * co->co_exc[k].start, 2 * (co->co_exc[k].end - 1),
                    2 * co->co_exc[k].target, co->co_exc[k].depth, co->co_exc[k].lasti ? " lasti" : "");
    }
    Mo_ssize_t n = MoTuple_Size(co->co_consts);
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *k = MoTuple_GetItem(co->co_consts, i);
        if (MoCode_Check(k))
            Dis(out, (MoCodeObject *)k, 1);
    }
}
