/* The Python front end on Mo: what its files share.
 *
 * source --tokenizer.c--> tokens --parser.c--> AST (ast.c) --symtable.c--> scopes
 *        --compile.c--> code objects (code.c) --ceval.c--> results
 *
 * Objects of the front end (code, function, cell, generator, super) are Mo objects
 * made over the runtime's public API; the runtime knows nothing of them.
 */
#ifndef MO_PYTHON_INTERP_H
#define MO_PYTHON_INTERP_H

#include "mo.h"

/* ------------------------------------------------------------------ tokens */

typedef enum {
    T_ENDMARKER, T_NAME, T_NUMBER, T_STRING, T_OP, T_NEWLINE, T_INDENT, T_DEDENT
} TokKind;

typedef struct {
    TokKind kind;
    int line, col, end_line, end_col;   /* col: byte offset in its line, 0-based */
    const char *start;                  /* into the source */
    int len;
} Token;

typedef struct {
    const char *src;                    /* borrowed; NUL-terminated */
    const char *filename;
    Token *toks;
    int n, cap;
} TokenList;

/* Tokenize src whole. 0, or -1 with SyntaxError set. */
int Tok_Tokenize(const char *src, const char *filename, TokenList *out);
void Tok_Free(TokenList *tl);
/* The text of line lineno (1-based) of src, and its length (without newline). */
const char *Src_Line(const char *src, int lineno, int *len);

/* ------------------------------------------------------------- syntax errors */

/* Set SyntaxError (or IndentationError when indent) with msg and the location
   (filename, lineno, offset 1-based, the line's text), as CPython's args are:
   (msg, (filename, lineno, offset, text, end_lineno, end_offset)). Returns -1. */
int Syntax_Error(const char *src, const char *filename, int lineno, int col, int end_col,
                 int indent, const char *fmt, ...);

/* ----------------------------------------------------------------------- AST */

typedef struct Node Node;
typedef struct { Node **items; int n, cap; } NodeList;

typedef enum {
    /* expressions */
    N_Constant, N_Name, N_BinOp, N_UnaryOp, N_BoolOp, N_Compare, N_Call, N_Keyword,
    N_Attribute, N_Subscript, N_Slice, N_List, N_Tuple, N_Dict, N_Set, N_ListComp,
    N_SetComp, N_DictComp, N_GenExp, N_Comprehension, N_Lambda, N_IfExp, N_Starred,
    N_JoinedStr, N_FormattedValue, N_Yield, N_YieldFrom, N_NamedExpr, N_Arguments, N_Arg,
    /* statements */
    N_Module, N_Expr, N_Assign, N_AugAssign, N_AnnAssign, N_If, N_While, N_For, N_Break,
    N_Continue, N_Pass, N_FunctionDef, N_Return, N_Delete, N_Global, N_Nonlocal,
    N_ClassDef, N_Try, N_ExceptHandler, N_Raise, N_With, N_WithItem, N_Import,
    N_ImportFrom, N_Alias, N_Assert
} NodeKind;

enum { CTX_LOAD, CTX_STORE, CTX_DEL };
/* BINARY_OP's argument kinds, numbered as 3.11's (NB_ADD ... NB_INPLACE_XOR). */
enum {
    NB_ADD, NB_AND, NB_FLOOR_DIVIDE, NB_LSHIFT, NB_MATRIX_MULTIPLY, NB_MULTIPLY,
    NB_REMAINDER, NB_OR, NB_POWER, NB_RSHIFT, NB_SUBTRACT, NB_TRUE_DIVIDE, NB_XOR,
    NB_INPLACE_ADD
};
enum { U_INVERT, U_NOT, U_UADD, U_USUB };
enum { B_AND, B_OR };
/* comparisons: MO_LT..MO_GE, then these */
enum { CMP_IS = 6, CMP_ISNOT, CMP_IN, CMP_NOTIN };

struct Node {
    NodeKind kind;
    int op;                        /* operator, ctx, conversion, level ... */
    int lineno, col, end_lineno, end_col;
    MoObject *v, *v2;              /* constant / name / attr; alias asname (owned) */
    Node *a, *b, *c;
    NodeList l1, l2, l3, l4;
    int *ops;                      /* Compare's operators (owned) */
    struct Scope *scope;           /* set by symtable for scopes */
};

typedef struct {
    Node **all;                    /* every node, for freeing */
    int n, cap;
} Arena;

Node *Node_New(Arena *ar, NodeKind kind, int lineno, int col);
void NodeList_Append(NodeList *l, Node *n);
void Arena_Free(Arena *ar);

/* Parse a whole module (mode 'exec'), or one expression ('eval'), or the
   interactive 'single' input. NULL with SyntaxError set. */
enum { MODE_EXEC, MODE_EVAL, MODE_SINGLE };
Node *Parse(const char *src, const char *filename, int mode, Arena *ar);
/* Parse the expression text of an f-string's field. */
Node *Parse_FStringExpr(const char *text, int len, const char *filename, const char *src,
                        int lineno, int col, Arena *ar);

/* ------------------------------------------------------------------ scopes */

enum { SC_MODULE, SC_FUNCTION, SC_CLASS };
/* the flags of a name in a scope */
#define DEF_LOCAL 1
#define DEF_PARAM 2
#define DEF_GLOBAL 4
#define DEF_NONLOCAL 8
#define USE 16
/* the resolved kinds */
enum { S_LOCAL = 1, S_GLOBAL_EXPLICIT, S_GLOBAL_IMPLICIT, S_FREE, S_CELL };

typedef struct Scope {
    int kind;
    MoObject *name;                /* owned */
    MoObject *symbols;             /* dict name -> int flags */
    MoObject *resolved;            /* dict name -> int kind */
    MoObject *varnames;            /* list: params first, then locals (functions) */
    MoObject *cellvars, *freevars; /* lists */
    struct Scope *parent;
    struct Scope **children;
    int nchildren, cap;
    int generator, needs_class_cell, has_varargs, has_varkw;
    int child_index;
    Node *node;
} Scope;

/* Build the scopes of a module; NULL with an exception. */
Scope *Symtable_Build(Node *module, const char *filename, const char *src);
void Symtable_Free(Scope *s);
/* The resolved kind of name in s (S_*). */
int Scope_Lookup(Scope *s, MoObject *name);

/* ----------------------------------------------------------- code objects */

/* an exception-table entry: instructions [start, end) jump to target with the
   stack cut to depth (and lasti pushed when lasti) */
typedef struct { int start, end, target, depth, lasti; } ExcEntry;

typedef struct {
    MoObject_HEAD
    int co_argcount, co_kwonlyargcount, co_flags, co_nlocalsplus, co_nlocals;
    int co_stacksize, co_firstlineno, co_ncellvars, co_nfreevars;
    uint16_t *co_code;             /* code units: opcode | oparg << 8 */
    int co_ncode;
    int *co_lines;                 /* the line of each code unit */
    int *co_positions;             /* per code unit: col, end_col, end_line, a0, a1 (PEP 657) */
    ExcEntry *co_exc;
    int co_nexc;
    MoObject *co_consts, *co_names;        /* tuples */
    MoObject *co_localsplusnames;          /* tuple: varnames, cellvars, freevars */
    unsigned char *co_localspluskinds;     /* CO_FAST_* per slot */
    MoObject *co_filename, *co_name, *co_qualname;
    int *co_cell2arg;              /* for each cell: the argument it copies, or -1 */
} MoCodeObject;

#define CO_OPTIMIZED 0x1
#define CO_NEWLOCALS 0x2
#define CO_VARARGS 0x4
#define CO_VARKEYWORDS 0x8
#define CO_NESTED 0x10
#define CO_GENERATOR 0x20
#define CO_FAST_LOCAL 0x20
#define CO_FAST_CELL 0x40
#define CO_FAST_FREE 0x80

extern MoTypeObject MoCode_Type;
#define MoCode_Check(o) Mo_IS_TYPE((o), &MoCode_Type)
/* 1-based line of code unit i */
int Code_Line(MoCodeObject *co, int i);
/* the five position numbers of code unit i */
const int *Code_Position(MoCodeObject *co, int i);

/* --------------------------------------------------------------- compiling */

/* new: the code object of a module / expression / interactive input.
   NULL with SyntaxError or another exception. */
MoObject *Compile(const char *src, const char *filename, int mode);
/* Print a dis-style listing of co (and nested code objects) on out. */
void Dis(FILE *out, MoCodeObject *co, int nested);
/* what dis prints in parentheses for an instruction at code unit offset */
void Code_ArgRepr(MoCodeObject *co, int op, int arg, int offset, char *out, size_t n);
/* new: the dis module (dis, get_instructions) */
MoObject *MoInit_dis(void);
/* add the str methods the runtime lacks to str's dict; 0 or -1 */
int StrMethods_Init(void);

/* ----------------------------------------------------------------- opcodes */

#define OPCODES(X) \
    X(CACHE) X(POP_TOP) X(PUSH_NULL) X(NOP) X(UNARY_POSITIVE) X(UNARY_NEGATIVE) X(UNARY_NOT) \
    X(UNARY_INVERT) X(BINARY_SUBSCR) X(GET_LEN) X(PUSH_EXC_INFO) X(CHECK_EXC_MATCH) \
    X(WITH_EXCEPT_START) X(BEFORE_WITH) X(STORE_SUBSCR) X(DELETE_SUBSCR) X(GET_ITER) \
    X(GET_YIELD_FROM_ITER) X(PRINT_EXPR) X(LOAD_BUILD_CLASS) X(LOAD_ASSERTION_ERROR) \
    X(RETURN_GENERATOR) X(LIST_TO_TUPLE) X(RETURN_VALUE) X(IMPORT_STAR) X(YIELD_VALUE) \
    X(POP_EXCEPT) X(STORE_NAME) X(DELETE_NAME) X(UNPACK_SEQUENCE) X(FOR_ITER) X(UNPACK_EX) \
    X(STORE_ATTR) X(DELETE_ATTR) X(STORE_GLOBAL) X(DELETE_GLOBAL) X(SWAP) X(LOAD_CONST) \
    X(LOAD_NAME) X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP) X(LOAD_ATTR) \
    X(COMPARE_OP) X(IMPORT_NAME) X(IMPORT_FROM) X(JUMP_FORWARD) X(JUMP_IF_FALSE_OR_POP) \
    X(JUMP_IF_TRUE_OR_POP) X(POP_JUMP_FORWARD_IF_FALSE) X(POP_JUMP_FORWARD_IF_TRUE) \
    X(LOAD_GLOBAL) X(IS_OP) X(CONTAINS_OP) X(RERAISE) X(COPY) X(BINARY_OP) X(SEND) \
    X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST) X(POP_JUMP_FORWARD_IF_NOT_NONE) \
    X(POP_JUMP_FORWARD_IF_NONE) X(RAISE_VARARGS) X(MAKE_FUNCTION) X(BUILD_SLICE) \
    X(MAKE_CELL) X(LOAD_CLOSURE) X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) \
    X(JUMP_BACKWARD) X(CALL_FUNCTION_EX) X(EXTENDED_ARG) X(LIST_APPEND) X(SET_ADD) \
    X(MAP_ADD) X(LOAD_CLASSDEREF) X(COPY_FREE_VARS) X(RESUME) X(FORMAT_VALUE) \
    X(BUILD_CONST_KEY_MAP) X(BUILD_STRING) X(LOAD_METHOD) X(LIST_EXTEND) X(SET_UPDATE) \
    X(DICT_MERGE) X(DICT_UPDATE) X(PRECALL) X(CALL) X(KW_NAMES) \
    X(POP_JUMP_BACKWARD_IF_FALSE) X(POP_JUMP_BACKWARD_IF_TRUE) \
    X(SETUP_FINALLY) X(SETUP_CLEANUP) X(SETUP_WITH) X(POP_BLOCK) X(JUMP) \
    X(POP_JUMP_IF_FALSE) X(POP_JUMP_IF_TRUE) X(POP_JUMP_IF_NONE) X(POP_JUMP_IF_NOT_NONE)

#define OPENUM(name) OP_##name,
enum { OPCODES(OPENUM) OP_COUNT };
#undef OPENUM
/* pseudo-instructions (never in co_code): SETUP_*, POP_BLOCK, JUMP and the
   direction-free POP_JUMP_IF_*, resolved by the assembler */
#define IS_PSEUDO(op) ((op) >= OP_SETUP_FINALLY)
extern const char *const Opcode_Names[OP_COUNT];
int Opcode_HasJump(int op);
int Opcode_HasArg(int op);

/* ------------------------------------------------------- runtime objects */

typedef struct {
    MoObject_HEAD
    MoObject *ob_ref;              /* the cell's content, or NULL (empty) */
} MoCellObject;
extern MoTypeObject MoCell_Type;
MoObject *MoCell_New(MoObject *content);   /* new; content borrowed (may be NULL) */

typedef struct {
    MoObject_HEAD
    MoObject *func_code, *func_globals, *func_builtins, *func_name, *func_qualname;
    MoObject *func_defaults, *func_kwdefaults, *func_closure, *func_doc, *func_dict;
    MoObject *func_module, *func_weakreflist;
} MoFunctionObject;
extern MoTypeObject MoFunction_Type;
#define MoFunction_Check(o) Mo_IS_TYPE((o), &MoFunction_Type)
/* new: a function of code over globals; qualname borrowed */
MoObject *MoFunction_New(MoObject *code, MoObject *globals, MoObject *qualname);

/* A frame: localsplus (locals, cells, frees) then the value stack, holding strong
   references as CPython's _PyInterpreterFrame does. */
typedef struct Frame {
    struct Frame *back;
    MoCodeObject *code;            /* strong */
    MoObject *func;                /* strong, or NULL */
    MoObject *globals, *builtins, *locals;   /* strong; locals NULL in functions */
    int lasti;                     /* the code unit being run, -1 before the first */
    int stacktop;                  /* items on the value stack */
    int owned_by_gen;
    int yielded;                   /* set when the frame returned by YIELD_VALUE */
    MoObject *localsplus[];
} Frame;

/* A generator: a suspended frame. */
typedef struct {
    MoObject_HEAD
    Frame *gi_frame;               /* NULL once finished */
    MoObject *gi_name, *gi_qualname;
    int gi_running;
    MoObject *gi_weakreflist;
} MoGenObject;
extern MoTypeObject MoGen_Type;
MoObject *MoGen_New(Frame *f);     /* new; takes the frame */
/* Resume gen with value sent (borrowed); new result, NULL at the end (*finished
   set, StopIteration not set) or with an exception. */
MoObject *Gen_Send(MoGenObject *gen, MoObject *value, int exc, int *finished);

Frame *Frame_New(MoCodeObject *co, MoObject *func, MoObject *globals, MoObject *builtins,
                 MoObject *locals);
void Frame_Free(Frame *f);
int Frame_Traverse(Frame *f, visitproc visit, void *arg);

/* new: run f to its return (or first yield when in a generator). throwflag: an
   exception is pending to be raised at lasti. */
MoObject *Eval_Frame(Frame *f, int throwflag);
/* new: code run with globals and locals (the module's / exec's frame). */
MoObject *Eval_Code(MoCodeObject *co, MoObject *globals, MoObject *locals);
/* new: call a Python function with args (borrowed), kwargs dict or NULL. */
MoObject *Function_Call(MoObject *func, MoObject *args, MoObject *kwargs);
/* new: call any callable with nargs positional arguments at args, then one value
   for each name of kwnames (a tuple, or NULL). Steals the references at args (as
   3.11's frames take them over from the caller's stack). */
MoObject *Call_Vector(MoObject *callable, MoObject **args, Mo_ssize_t nargs,
                      MoObject *kwnames);

/* the frame running now (NULL at top level) */
extern Frame *Eval_CurrentFrame;
/* the builtins dict every frame uses (borrowed; owned by main.c) */
extern MoObject *Interp_Builtins;

/* ----------------------------------------------------- exceptions, tracebacks */

extern MoObject *MoExc_NameError, *MoExc_UnboundLocalError, *MoExc_AssertionError,
    *MoExc_SyntaxError, *MoExc_IndentationError, *MoExc_GeneratorExit, *MoExc_SystemExit,
    *MoExc_KeyboardInterrupt;
/* make the exception classes the runtime lacks; 0 or -1 */
int PyErrors_Init(MoObject *builtins);
void PyErrors_Fini(void);
/* Raise type(message) with a printf-like format (%U %R %S as MoUnicode_FromFormat):
   MoErr_Format for the runtime's types, a call of the class for classes. */
void Interp_Error(MoObject *type, const char *fmt, ...);
/* Give an exception class made by type() an allocator that makes whole instances. */
void Interp_FixExceptionClass(MoObject *cls);

/* Add "File, line, function" of f at its lasti to the traceback of the pending
   exception. */
void Traceback_Here(Frame *f);
/* the traceback of the pending exception: attach to / take from exc */
void Traceback_Attach(MoObject *exc);
void Traceback_Restore(MoObject *exc);
void Traceback_Clear(void);
/* drop what Traceback_Attach kept for exc (its handler is done); free all at exit */
void Traceback_Forget(MoObject *exc);
void Traceback_Fini(void);
/* borrowed: the exception being handled, or NULL */
MoObject *Interp_HandledException(void);
/* Print the pending exception as CPython's default hook does, and clear it. */
void Traceback_PrintException(void);

/* interpreter builtins (__build_class__, exec, eval, ...); 0 or -1 */
int Interp_AddBuiltins(MoObject *builtins);
extern MoTypeObject MoSuper_Type;

/* slices (the runtime has none): slice(start, stop, step) and subscripting with one */
typedef struct {
    MoObject_HEAD
    MoObject *start, *stop, *step;
} MoSliceObject;
extern MoTypeObject MoSlice_Type;
#define MoSlice_Check(o) Mo_IS_TYPE((o), &MoSlice_Type)
MoObject *MoSlice_New(MoObject *start, MoObject *stop, MoObject *step);   /* new; borrows */
/* o[key] / o[key] = v / del o[key] with key a slice, for list, tuple, str, range
   and anything whose __getitem__ takes one. new / 0 / -1 */
MoObject *Slice_GetItem(MoObject *o, MoObject *slice);
int Slice_SetItem(MoObject *o, MoObject *slice, MoObject *v);
/* the source of a file compiled so far (for tracebacks) */
const char *Interp_SourceFor(const char *filename);

#endif
