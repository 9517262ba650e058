/* What the compiler (compile.c) and the assembler (assemble.c) share. */
#ifndef MO_PYTHON_COMPILE_UNIT_H
#define MO_PYTHON_COMPILE_UNIT_H

#include "interp.h"

typedef struct {
    int op, arg;         /* a jump's arg is a label until assembled */
    int line;
    int col, end_col, end_line;   /* the span of the expression it belongs to (PEP 657) */
    int a0, a1;                   /* the '^' part of a BinOp / Subscript span, or -1 */
    int handler;         /* the label of the innermost handler covering it, or -1 */
} Instr;

#define MAX_FBLOCKS 20
typedef struct {
    int kind, start, exit;   /* loops: the labels continue and break go to */
    Node *datum;
    int saved_handler;       /* the handler outside the block */
} FBlock;

typedef struct Unit {
    Scope *scope;
    MoObject *name, *qualname;
    MoObject *consts, *names, *localsplus;   /* lists */
    int nlocals, argcount, kwonlyargcount, flags, firstlineno, is_lambda;
    Instr *ins;
    int n, cap;
    int *labels;             /* label -> instruction index */
    int nlabels, labcap;
    int handler;
    FBlock fb[MAX_FBLOCKS];
    int nfb;
    struct Unit *parent;
} Unit;

typedef struct {
    Unit *u;
    MoObject *const_cache;
    const char *filename, *src;
    int interactive;
    int lineno;
    int col, end_col, end_lineno, a0, a1;
    MoObject *s_name, *s_module, *s_qualname, *s_doc, *s_classcell;   /* interned names */
} Compiler;

int Emit(Compiler *c, int op, int arg);
int NewLabel(Compiler *c);
/* new: the code object of the current unit. NULL with an exception. */
MoObject *Assemble(Compiler *c);
void Unit_Free(Unit *u);

#endif
