/* The compiler: an AST (after the symbol table) to code objects, emitting 3.11's
 * instructions with 3.11's stack layouts (calls as [NULL|method, callable|self,
 * args...], exception handlers from a table, not a block stack).
 *
 * A unit is one code object being built: its instructions (with pseudo-instructions
 * SETUP_FINALLY/SETUP_CLEANUP/SETUP_WITH marking where handlers start, and jumps to
 * labels), its constants (merged per module through the runtime's constant cache),
 * names and local slots. assemble.c turns a unit into a code object.
 */
#include "interp.h"
#include "compile_unit.h"

static int expr(Compiler *c, Node *e);
static int stmts(Compiler *c, NodeList *l);
static int stmt(Compiler *c, Node *s);

/* ---------------------------------------------------------------- emitting */

int Emit(Compiler *c, int op, int arg)
{
    Unit *u = c->u;
    if (u->n == u->cap) {
        int cap = u->cap ? u->cap * 2 : 64;
        Instr *ins = realloc(u->ins, (size_t)cap * sizeof *ins);
        if (ins == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        u->ins = ins;
        u->cap = cap;
    }
    u->ins[u->n++] = (Instr){op, arg, c->lineno, c->col, c->end_col, c->end_lineno, c->a0, c->a1, u->handler};
    return 0;
}

int NewLabel(Compiler *c)
{
    Unit *u = c->u;
    if (u->nlabels == u->labcap) {
        int cap = u->labcap ? u->labcap * 2 : 16;
        int *l = realloc(u->labels, (size_t)cap * sizeof *l);
        if (l == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        u->labels = l;
        u->labcap = cap;
    }
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

static void use_label(Compiler *c, int label) { c->u->labels[label] = c->u->n; }

#define EMIT(op, arg) do { if (Emit(c, OP_##op, (arg)) < 0) return -1; } while (0)
#define EMIT0(op) EMIT(op, 0)
#define CHECK(x) do { if ((x) < 0) return -1; } while (0)
#define LABEL(name) int name = NewLabel(c); if (name < 0) return -1

static int add_const(Compiler *c, MoObject *o)
{
    Mo_ssize_t i = MoCompile_AddConst(c->const_cache, c->u->consts, o);
    return (int)i;
}

static int load_const(Compiler *c, MoObject *o)
{
    int i = add_const(c, o);
    CHECK(i);
    EMIT(LOAD_CONST, i);
    return 0;
}

static int index_in(MoObject *list, MoObject *name)
{
    Mo_ssize_t n = MoList_Size(list);
    for (Mo_ssize_t i = 0; i < n; i++)
        if (_MoUnicode_Equal(MoList_GetItem(list, i), name))
            return (int)i;
    if (MoList_Append(list, name) < 0)
        return -1;
    return (int)n;
}

static int name_index(Compiler *c, MoObject *name) { return index_in(c->u->names, name); }

static int localsplus_index(Compiler *c, MoObject *name)
{
    Mo_ssize_t n = MoList_Size(c->u->localsplus);
    for (Mo_ssize_t i = 0; i < n; i++)
        if (_MoUnicode_Equal(MoList_GetItem(c->u->localsplus, i), name))
            return (int)i;
    MoErr_Format(MoExc_SystemError, "no slot for %U", name);
    return -1;
}

/* Load, store or delete name as its scope says. */
static int name_op(Compiler *c, MoObject *name, int ctx)
{
    Scope *s = c->u->scope;
    int kind = Scope_Lookup(s, name);
    if (s->kind == SC_FUNCTION) {
        if (kind == S_LOCAL) {
            int i = localsplus_index(c, name);
            CHECK(i);
            return Emit(c, ctx == CTX_LOAD ? OP_LOAD_FAST : ctx == CTX_STORE ? OP_STORE_FAST : OP_DELETE_FAST, i);
        }
        if (kind == S_CELL || kind == S_FREE) {
            int i = localsplus_index(c, name);
            CHECK(i);
            return Emit(c, ctx == CTX_LOAD ? OP_LOAD_DEREF : ctx == CTX_STORE ? OP_STORE_DEREF : OP_DELETE_DEREF, i);
        }
        int i = name_index(c, name);
        CHECK(i);
        if (ctx == CTX_LOAD)
            return Emit(c, OP_LOAD_GLOBAL, i << 1);
        return Emit(c, ctx == CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL, i);
    }
    if (s->kind == SC_CLASS && kind == S_FREE) {
        int i = localsplus_index(c, name);
        CHECK(i);
        return Emit(c, ctx == CTX_LOAD ? OP_LOAD_CLASSDEREF : ctx == CTX_STORE ? OP_STORE_DEREF : OP_DELETE_DEREF, i);
    }
    int i = name_index(c, name);
    CHECK(i);
    if (kind == S_GLOBAL_EXPLICIT)
        return Emit(c, ctx == CTX_LOAD ? OP_LOAD_GLOBAL : ctx == CTX_STORE ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL,
                    ctx == CTX_LOAD ? i << 1 : i);
    return Emit(c, ctx == CTX_LOAD ? OP_LOAD_NAME : ctx == CTX_STORE ? OP_STORE_NAME : OP_DELETE_NAME, i);
}

/* PUSH_NULL and the callable: LOAD_GLOBAL carries the NULL in its low bit */
static int push_null_and_callable(Compiler *c, Node *f)
{
    if (f->kind == N_Name && c->u->scope->kind == SC_FUNCTION) {
        int kind = Scope_Lookup(c->u->scope, f->v);
        if (kind == S_GLOBAL_IMPLICIT || kind == S_GLOBAL_EXPLICIT) {
            int i = name_index(c, f->v);
            CHECK(i);
            c->lineno = f->lineno;
            EMIT(LOAD_GLOBAL, (i << 1) | 1);
            return 0;
        }
    }
    EMIT0(PUSH_NULL);
    return expr(c, f);
}

/* ------------------------------------------------------------ constant folding */

static const int fold_binop_of[] = {
    [NB_ADD] = MO_AST_ADD, [NB_SUBTRACT] = MO_AST_SUB, [NB_MULTIPLY] = MO_AST_MULT,
    [NB_TRUE_DIVIDE] = MO_AST_DIV, [NB_FLOOR_DIVIDE] = MO_AST_FLOORDIV, [NB_REMAINDER] = MO_AST_MOD,
    [NB_POWER] = MO_AST_POW, [NB_LSHIFT] = MO_AST_LSHIFT, [NB_RSHIFT] = MO_AST_RSHIFT,
    [NB_AND] = -1, [NB_OR] = -1, [NB_XOR] = -1, [NB_MATRIX_MULTIPLY] = -1,
};

static void make_constant(Node *e, MoObject *v)
{
    Mo_XSETREF(e->v, v);
    e->kind = N_Constant;
}

/* Fold e's constant subexpressions bottom up, as 3.11's ast_opt does. 0 or -1. */
static int fold(Node *e)
{
    if (e == NULL)
        return 0;
    if (e->kind == N_Lambda || e->kind == N_ListComp || e->kind == N_SetComp || e->kind == N_DictComp ||
        e->kind == N_GenExp) {
        /* fold inside, but the node stays */
    }
    CHECK(fold(e->a));
    CHECK(fold(e->b));
    CHECK(fold(e->c));
    NodeList *ls[] = {&e->l1, &e->l2, &e->l3, &e->l4};
    for (int k = 0; k < 4; k++)
        for (int i = 0; i < ls[k]->n; i++)
            CHECK(fold(ls[k]->items[i]));
    switch (e->kind) {
    case N_BinOp:
        if (e->a->kind == N_Constant && e->b->kind == N_Constant && fold_binop_of[e->op] >= 0) {
            MoObject *v = MoAST_FoldBinOp((MoAST_BinOp)fold_binop_of[e->op], e->a->v, e->b->v);
            if (v)
                make_constant(e, v);
            else if (MoErr_Occurred())
                return -1;
        }
        break;
    case N_UnaryOp:
        if (e->a->kind == N_Constant) {
            MoObject *v = MoAST_FoldUnaryOp((MoAST_UnaryOp)e->op, e->a->v);
            if (v)
                make_constant(e, v);
            else if (MoErr_Occurred())
                return -1;
        }
        break;
    case N_Subscript:
        if (e->op == CTX_LOAD && e->a->kind == N_Constant && e->b->kind == N_Constant) {
            MoObject *v = MoAST_FoldSubscript(e->a->v, e->b->v);
            if (v)
                make_constant(e, v);
            else if (MoErr_Occurred())
                return -1;
        }
        break;
    case N_Tuple:
        if (e->op == CTX_LOAD) {
            for (int i = 0; i < e->l1.n; i++)
                if (e->l1.items[i]->kind != N_Constant)
                    return 0;
            MoObject *t = MoTuple_New(e->l1.n);
            if (t == NULL)
                return -1;
            for (int i = 0; i < e->l1.n; i++)
                MoTuple_SetItem(t, i, Mo_NewRef(e->l1.items[i]->v));
            make_constant(e, t);
        }
        break;
    case N_Compare:
        /* x in [1, 2] / x in {1, 2}: the display becomes a tuple / frozenset */
        for (int i = 0; i < e->l1.n; i++) {
            Node *r = e->l1.items[i];
            if ((e->ops[i] == CMP_IN || e->ops[i] == CMP_NOTIN) && (r->kind == N_List || r->kind == N_Set)) {
                int all = 1;
                for (int k = 0; k < r->l1.n; k++)
                    all &= r->l1.items[k]->kind == N_Constant;
                if (!all)
                    continue;
                MoObject *items = MoTuple_New(r->l1.n);
                if (items == NULL)
                    return -1;
                for (int k = 0; k < r->l1.n; k++)
                    MoTuple_SetItem(items, k, Mo_NewRef(r->l1.items[k]->v));
                MoObject *v = MoAST_FoldIter(items, r->kind == N_Set);
                Mo_DECREF(items);
                if (v == NULL)
                    return MoErr_Occurred() ? -1 : 0;
                make_constant(r, v);
            }
        }
        break;
    case N_For:
    case N_Comprehension: {
        Node *r = e->b;
        if ((r->kind == N_List || r->kind == N_Set) && r->l1.n > 0) {
            int all = 1;
            for (int k = 0; k < r->l1.n; k++)
                all &= r->l1.items[k]->kind == N_Constant;
            if (!all)
                break;
            MoObject *items = MoTuple_New(r->l1.n);
            if (items == NULL)
                return -1;
            for (int k = 0; k < r->l1.n; k++)
                MoTuple_SetItem(items, k, Mo_NewRef(r->l1.items[k]->v));
            MoObject *v = MoAST_FoldIter(items, r->kind == N_Set);
            Mo_DECREF(items);
            if (v == NULL)
                return MoErr_Occurred() ? -1 : 0;
            make_constant(r, v);
        }
        break;
    }
    default:
        break;
    }
    return 0;
}

/* --------------------------------------------------------------- units */

static MoObject *make_qualname(Compiler *c, MoObject *name)
{
    Unit *p = c->u;
    if (p == NULL || p->scope->kind == SC_MODULE)
        return Mo_NewRef(name);
    /* a function declared global in its parent has a plain qualname */
    if (Scope_Lookup(p->scope, name) == S_GLOBAL_EXPLICIT)
        return Mo_NewRef(name);
    if (p->scope->kind == SC_FUNCTION)
        return MoUnicode_FromFormat("%U.<locals>.%U", p->qualname, name);
    return MoUnicode_FromFormat("%U.%U", p->qualname, name);
}

static int enter_unit(Compiler *c, Scope *s, MoObject *name, int firstlineno)
{
    Unit *u = calloc(1, sizeof *u);
    if (u == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    u->scope = s;
    u->handler = -1;
    u->firstlineno = firstlineno;
    u->name = Mo_NewRef(name);
    u->qualname = make_qualname(c, name);
    u->consts = MoList_New(0);
    u->names = MoList_New(0);
    u->localsplus = MoList_New(0);
    u->parent = c->u;
    c->u = u;
    if (!u->qualname || !u->consts || !u->names || !u->localsplus)
        return -1;
    /* the slots: parameters and locals, cells that are not parameters, free variables */
    Mo_ssize_t nv = MoList_Size(s->varnames);
    for (Mo_ssize_t i = 0; i < nv; i++) {
        MoObject *n = MoList_GetItem(s->varnames, i);
        CHECK(MoList_Append(u->localsplus, n));
    }
    u->nlocals = (int)nv;
    Mo_ssize_t nc = MoList_Size(s->cellvars);
    for (Mo_ssize_t i = 0; i < nc; i++) {
        MoObject *n = MoList_GetItem(s->cellvars, i);
        if (MoSequence_Contains(s->varnames, n) == 0)
            CHECK(MoList_Append(u->localsplus, n));
    }
    Mo_ssize_t nf = MoList_Size(s->freevars);
    for (Mo_ssize_t i = 0; i < nf; i++)
        CHECK(MoList_Append(u->localsplus, MoList_GetItem(s->freevars, i)));
    return 0;
}

void Unit_Free(Unit *u)
{
    Mo_XDECREF(u->name);
    Mo_XDECREF(u->qualname);
    Mo_XDECREF(u->consts);
    Mo_XDECREF(u->names);
    Mo_XDECREF(u->localsplus);
    free(u->ins);
    free(u->labels);
    free(u);
}

static void leave_unit(Compiler *c)
{
    Unit *u = c->u;
    c->u = u->parent;
    Unit_Free(u);
}

/* The prologue of a code object: MAKE_CELL, COPY_FREE_VARS, RETURN_GENERATOR, RESUME. */
static int prologue(Compiler *c)
{
    Scope *s = c->u->scope;
    int line = c->lineno;
    /* a module's RESUME is on line 0, as 3.11 numbers it */
    c->lineno = s->kind == SC_MODULE ? 0 : c->u->firstlineno;
    Mo_ssize_t nc = MoList_Size(s->cellvars);
    for (Mo_ssize_t i = 0; i < nc; i++) {
        int k = localsplus_index(c, MoList_GetItem(s->cellvars, i));
        CHECK(k);
        EMIT(MAKE_CELL, k);
    }
    if (MoList_Size(s->freevars) > 0)
        EMIT(COPY_FREE_VARS, (int)MoList_Size(s->freevars));
    if (s->generator) {
        EMIT0(RETURN_GENERATOR);
        EMIT0(POP_TOP);
    }
    EMIT(RESUME, 0);
    c->lineno = line;
    return 0;
}

/* MAKE_FUNCTION for the code object on the unit just left: its closure first */
static int make_closure(Compiler *c, MoObject *code, int flags)
{
    MoCodeObject *co = (MoCodeObject *)code;
    if (co->co_nfreevars > 0) {
        for (int i = 0; i < co->co_nfreevars; i++) {
            MoObject *name = MoTuple_GetItem(co->co_localsplusnames, co->co_nlocalsplus - co->co_nfreevars + i);
            int k = localsplus_index(c, name);
            CHECK(k);
            EMIT(LOAD_CLOSURE, k);
        }
        EMIT(BUILD_TUPLE, co->co_nfreevars);
        flags |= 0x08;
    }
    CHECK(load_const(c, code));
    EMIT(MAKE_FUNCTION, flags);
    return 0;
}

/* defaults (a tuple) and keyword-only defaults (a dict); the MAKE_FUNCTION flags */
static int compile_defaults(Compiler *c, Node *A)
{
    int flags = 0;
    if (A->l2.n > 0) {
        for (int i = 0; i < A->l2.n; i++)
            CHECK(expr(c, A->l2.items[i]));
        EMIT(BUILD_TUPLE, A->l2.n);
        flags |= 0x01;
    }
    int nkw = 0;
    for (int i = 0; i < A->l3.n; i++)
        if (A->l4.items[i]) {
            CHECK(load_const(c, A->l3.items[i]->v));
            CHECK(expr(c, A->l4.items[i]));
            nkw++;
        }
    if (nkw > 0) {
        EMIT(BUILD_MAP, nkw);
        flags |= 0x02;
    }
    return flags;
}

static void set_argcounts(Compiler *c, Node *A)
{
    c->u->argcount = A ? A->l1.n : 0;
    c->u->kwonlyargcount = A ? A->l3.n : 0;
}

/* ----------------------------------------------------------------- fblocks */

enum { FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_WITH, FB_HANDLER_CLEANUP };

static int push_fblock(Compiler *c, int kind, int start, int exit, Node *datum)
{
    Unit *u = c->u;
    if (u->nfb == MAX_FBLOCKS) {
        Syntax_Error(c->src, c->filename, c->lineno, 0, 0, 0, "too many statically nested blocks");
        return -1;
    }
    u->fb[u->nfb++] = (FBlock){kind, start, exit, datum, u->handler};
    return 0;
}

static void pop_fblock(Compiler *c) { c->u->nfb--; }

static int call_exit_with_nones(Compiler *c)
{
    MoObject *none = Mo_None;
    CHECK(load_const(c, none));
    CHECK(load_const(c, none));
    CHECK(load_const(c, none));
    EMIT(PRECALL, 2);
    EMIT(CALL, 2);
    return 0;
}

/* Emit the code that leaves fblock b (for return/break/continue). */
static int unwind_fblock(Compiler *c, FBlock *b, int preserve_tos)
{
    c->u->handler = b->saved_handler;
    switch (b->kind) {
    case FB_WHILE:
    case FB_TRY_EXCEPT:
        return 0;
    case FB_FOR:
        if (preserve_tos)
            EMIT(SWAP, 2);
        EMIT0(POP_TOP);
        return 0;
    case FB_FINALLY_TRY: {
        /* the finally body runs inline, protected by the blocks outside */
        int saved_nfb = c->u->nfb;
        c->u->nfb = (int)(b - c->u->fb);
        int r = stmts(c, &b->datum->l4);
        c->u->nfb = saved_nfb;
        return r;
    }
    case FB_FINALLY_END:
        if (preserve_tos)
            EMIT(SWAP, 2);
        EMIT0(POP_TOP);
        if (preserve_tos)
            EMIT(SWAP, 2);
        EMIT0(POP_EXCEPT);
        return 0;
    case FB_WITH:
        if (preserve_tos)
            EMIT(SWAP, 2);
        CHECK(call_exit_with_nones(c));
        EMIT0(POP_TOP);
        return 0;
    case FB_HANDLER_CLEANUP:
        if (preserve_tos)
            EMIT(SWAP, 2);
        EMIT0(POP_EXCEPT);
        if (b->datum && b->datum->v) {
            CHECK(load_const(c, Mo_None));
            CHECK(name_op(c, b->datum->v, CTX_STORE));
            CHECK(name_op(c, b->datum->v, CTX_DEL));
        }
        return 0;
    }
    return 0;
}

/* unwind every block down to (not including) a loop when loop, else all */
static int unwind_all(Compiler *c, int preserve_tos, FBlock **loop)
{
    int saved_handler = c->u->handler;
    int i = c->u->nfb - 1;
    for (; i >= 0; i--) {
        FBlock *b = &c->u->fb[i];
        if (loop && (b->kind == FB_WHILE || b->kind == FB_FOR)) {
            *loop = b;
            break;
        }
        if (unwind_fblock(c, b, preserve_tos) < 0)
            return -2;
    }
    (void)saved_handler;
    return i;
}

/* --------------------------------------------------------------- expressions */

static int jump_if(Compiler *c, Node *e, int cond, int label)
{
    if (e->kind == N_UnaryOp && e->op == U_NOT)
        return jump_if(c, e->a, !cond, label);
    if (e->kind == N_BoolOp) {
        int is_or = e->op == B_OR;
        if (is_or == cond) {
            for (int i = 0; i < e->l1.n; i++)
                CHECK(jump_if(c, e->l1.items[i], cond, label));
            return 0;
        }
        LABEL(skip);
        for (int i = 0; i < e->l1.n - 1; i++)
            CHECK(jump_if(c, e->l1.items[i], !cond, skip));
        CHECK(jump_if(c, e->l1.items[e->l1.n - 1], cond, label));
        use_label(c, skip);
        return 0;
    }
    CHECK(expr(c, e));
    return Emit(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

static int is_starred_in(NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i]->kind == N_Starred)
            return 1;
    return 0;
}

/* list/tuple/set displays: BUILD_x n, or a constant extended, or pieces with stars */
static int sequence(Compiler *c, Node *e, int build, int add, int extend)
{
    NodeList *l = &e->l1;
    int all_const = l->n > 2;
    for (int i = 0; i < l->n && all_const; i++)
        all_const = l->items[i]->kind == N_Constant;
    if (all_const && e->kind != N_Tuple) {
        MoObject *items = MoTuple_New(l->n);
        if (items == NULL)
            return -1;
        for (int i = 0; i < l->n; i++)
            MoTuple_SetItem(items, i, Mo_NewRef(l->items[i]->v));
        MoObject *k = MoCompile_DisplayConstant(items, e->kind == N_Set);
        Mo_DECREF(items);
        if (k == NULL)
            return -1;
        Emit(c, build, 0);
        int r = load_const(c, k);
        Mo_DECREF(k);
        CHECK(r);
        return Emit(c, extend, 1);
    }
    if (!is_starred_in(l)) {
        for (int i = 0; i < l->n; i++)
            CHECK(expr(c, l->items[i]));
        return Emit(c, build, l->n);
    }
    int list_build = e->kind == N_Tuple ? OP_BUILD_LIST : build;
    CHECK(Emit(c, list_build, 0));
    for (int i = 0; i < l->n; i++) {
        Node *it = l->items[i];
        if (it->kind == N_Starred) {
            CHECK(expr(c, it->a));
            CHECK(Emit(c, e->kind == N_Tuple ? OP_LIST_EXTEND : extend, 1));
        } else {
            CHECK(expr(c, it));
            CHECK(Emit(c, e->kind == N_Tuple ? OP_LIST_APPEND : add, 1));
        }
    }
    if (e->kind == N_Tuple)
        EMIT0(LIST_TO_TUPLE);
    return 0;
}

static int dict_display(Compiler *c, Node *e)
{
    int n = e->l1.n, pending = 0, have_map = 0;
    int all_const = n > 1;
    for (int i = 0; i < n && all_const; i++)
        all_const = e->l1.items[i] && e->l1.items[i]->kind == N_Constant;
    if (all_const) {
        MoObject *keys = MoTuple_New(n);
        if (keys == NULL)
            return -1;
        for (int i = 0; i < n; i++)
            MoTuple_SetItem(keys, i, Mo_NewRef(e->l1.items[i]->v));
        for (int i = 0; i < n; i++)
            CHECK(expr(c, e->l2.items[i]));
        int r = load_const(c, keys);
        Mo_DECREF(keys);
        CHECK(r);
        EMIT(BUILD_CONST_KEY_MAP, n);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        if (e->l1.items[i] == NULL) {
            if (pending || !have_map) {
                EMIT(BUILD_MAP, pending);
                if (have_map)
                    EMIT(DICT_UPDATE, 1);
                have_map = 1;
                pending = 0;
            }
            CHECK(expr(c, e->l2.items[i]));
            EMIT(DICT_UPDATE, 1);
            continue;
        }
        CHECK(expr(c, e->l1.items[i]));
        CHECK(expr(c, e->l2.items[i]));
        pending++;
    }
    if (!have_map || pending) {
        EMIT(BUILD_MAP, pending);
        if (have_map)
            EMIT(DICT_UPDATE, 1);
    }
    return 0;
}

static int compare(Compiler *c, Node *e)
{
    CHECK(expr(c, e->a));
    int n = e->l1.n;
    LABEL(cleanup);
    for (int i = 0; i < n; i++) {
        CHECK(expr(c, e->l1.items[i]));
        int op = e->ops[i];
        if (i < n - 1) {
            EMIT(SWAP, 2);
            EMIT(COPY, 2);
        }
        if (op <= MO_GE)
            EMIT(COMPARE_OP, op);
        else if (op == CMP_IS || op == CMP_ISNOT)
            EMIT(IS_OP, op == CMP_ISNOT);
        else
            EMIT(CONTAINS_OP, op == CMP_NOTIN);
        if (i < n - 1)
            EMIT(JUMP_IF_FALSE_OR_POP, cleanup);
    }
    if (n > 1) {
        LABEL(end);
        EMIT(JUMP, end);
        use_label(c, cleanup);
        EMIT(SWAP, 2);
        EMIT0(POP_TOP);
        use_label(c, end);
    }
    return 0;
}

static int kwnames_const(Compiler *c, NodeList *kws)
{
    MoObject *names = MoTuple_New(kws->n);
    if (names == NULL)
        return -1;
    for (int i = 0; i < kws->n; i++)
        MoTuple_SetItem(names, i, Mo_NewRef(kws->items[i]->v));
    int k = add_const(c, names);
    Mo_DECREF(names);
    return k;
}

/* the arguments of a call whose callable (and NULL or self) are on the stack */
static int call_args(Compiler *c, NodeList *args, NodeList *kws, int extra)
{
    int star = is_starred_in(args);
    for (int i = 0; i < kws->n; i++)
        star |= kws->items[i]->v == NULL;
    if (!star) {
        for (int i = 0; i < args->n; i++)
            CHECK(expr(c, args->items[i]));
        for (int i = 0; i < kws->n; i++)
            CHECK(expr(c, kws->items[i]->a));
        int n = args->n + kws->n + extra;
        if (kws->n > 0) {
            int k = kwnames_const(c, kws);
            CHECK(k);
            EMIT(KW_NAMES, k);
        }
        EMIT(PRECALL, n);
        EMIT(CALL, n);
        return 0;
    }
    /* CALL_FUNCTION_EX: a tuple of positionals, a dict of keywords */
    Node fake = {.kind = N_Tuple, .l1 = *args};
    CHECK(sequence(c, &fake, OP_BUILD_TUPLE, OP_LIST_APPEND, OP_LIST_EXTEND));
    if (args->n == 0 || !is_starred_in(args)) {
        /* sequence built a tuple already */
    }
    if (kws->n > 0) {
        int pending = 0, have = 0;
        for (int i = 0; i < kws->n; i++) {
            Node *k = kws->items[i];
            if (k->v == NULL) {
                if (pending || !have) {
                    EMIT(BUILD_MAP, pending);
                    if (have)
                        EMIT(DICT_MERGE, 1);
                    have = 1;
                    pending = 0;
                }
                CHECK(expr(c, k->a));
                EMIT(DICT_MERGE, 1);
            } else {
                CHECK(load_const(c, k->v));
                CHECK(expr(c, k->a));
                pending++;
            }
        }
        if (pending) {
            EMIT(BUILD_MAP, pending);
            if (have)
                EMIT(DICT_MERGE, 1);
        }
    }
    EMIT(CALL_FUNCTION_EX, kws->n > 0);
    return 0;
}

static int call(Compiler *c, Node *e)
{
    Node *f = e->a;
    int star = is_starred_in(&e->l1);
    for (int i = 0; i < e->l2.n; i++)
        star |= e->l2.items[i]->v == NULL;
    if (f->kind == N_Attribute && !star) {
        CHECK(expr(c, f->a));
        int i = name_index(c, f->v);
        CHECK(i);
        c->lineno = f->end_lineno;
        EMIT(LOAD_METHOD, i);
        CHECK(call_args(c, &e->l1, &e->l2, 0));
        return 0;
    }
    CHECK(push_null_and_callable(c, f));
    return call_args(c, &e->l1, &e->l2, 0);
}

static int function_body(Compiler *c, Node *def, int is_lambda);

static int lambda(Compiler *c, Node *e)
{
    int flags = compile_defaults(c, e->a);
    CHECK(flags);
    CHECK(enter_unit(c, e->scope, e->scope->name, e->lineno));
    c->u->is_lambda = 1;
    CHECK(function_body(c, e, 1));
    MoObject *code = Assemble(c);
    leave_unit(c);
    if (code == NULL)
        return -1;
    int r = make_closure(c, code, flags);
    Mo_DECREF(code);
    return r;
}

static int comprehension_body(Compiler *c, Node *e, int gen_index, int depth);

static int comprehension(Compiler *c, Node *e)
{
    Scope *s = e->scope;
    CHECK(enter_unit(c, s, s->name, e->lineno));
    c->u->argcount = 1;
    CHECK(prologue(c));
    if (e->kind != N_GenExp) {
        int build = e->kind == N_ListComp ? OP_BUILD_LIST : e->kind == N_SetComp ? OP_BUILD_SET : OP_BUILD_MAP;
        CHECK(Emit(c, build, 0));
    }
    if (comprehension_body(c, e, 0, e->kind != N_GenExp) < 0) {
        leave_unit(c);
        return -1;
    }
    if (e->kind == N_GenExp)
        CHECK(load_const(c, Mo_None));
    EMIT0(RETURN_VALUE);
    MoObject *code = Assemble(c);
    leave_unit(c);
    if (code == NULL)
        return -1;
    int r = make_closure(c, code, 0);
    Mo_DECREF(code);
    CHECK(r);
    CHECK(expr(c, e->l1.items[0]->b));
    EMIT0(GET_ITER);
    EMIT(PRECALL, 0);
    EMIT(CALL, 0);
    return 0;
}

static int assign_target(Compiler *c, Node *t);

static int comprehension_body(Compiler *c, Node *e, int gi, int depth)
{
    Node *g = e->l1.items[gi];
    LABEL(start);
    LABEL(anchor);
    if (gi == 0) {
        EMIT(LOAD_FAST, 0);
    } else {
        CHECK(expr(c, g->b));
        EMIT0(GET_ITER);
    }
    use_label(c, start);
    EMIT(FOR_ITER, anchor);
    CHECK(assign_target(c, g->a));
    for (int i = 0; i < g->l1.n; i++)
        CHECK(jump_if(c, g->l1.items[i], 0, start));
    if (gi + 1 < e->l1.n) {
        CHECK(comprehension_body(c, e, gi + 1, depth + 1));
    } else if (e->kind == N_GenExp) {
        CHECK(expr(c, e->a));
        EMIT0(YIELD_VALUE);
        EMIT(RESUME, 1);
        EMIT0(POP_TOP);
    } else if (e->kind == N_DictComp) {
        CHECK(expr(c, e->a));
        CHECK(expr(c, e->b));
        EMIT(MAP_ADD, depth + 1);
    } else {
        CHECK(expr(c, e->a));
        CHECK(Emit(c, e->kind == N_ListComp ? OP_LIST_APPEND : OP_SET_ADD, depth + 1));
    }
    EMIT(JUMP, start);
    use_label(c, anchor);
    return 0;
}

static int fstring(Compiler *c, Node *e)
{
    int n = 0;
    for (int i = 0; i < e->l1.n; i++) {
        Node *v = e->l1.items[i];
        if (v->kind == N_Constant) {
            CHECK(load_const(c, v->v));
        } else {
            CHECK(expr(c, v->a));
            int flags = v->op == 's' ? 1 : v->op == 'r' ? 2 : v->op == 'a' ? 3 : 0;
            if (v->b) {
                CHECK(fstring(c, v->b));
                flags |= 0x04;
            }
            EMIT(FORMAT_VALUE, flags);
        }
        n++;
    }
    if (n == 0)
        return load_const(c, _MoUnicode_Empty());
    if (n > 1 || e->l1.items[0]->kind == N_Constant) {
        if (n > 1)
            EMIT(BUILD_STRING, n);
    }
    return 0;
}

typedef struct { int lineno, col, end_col, end_lineno, a0, a1; } Pos;

static Pos set_pos(Compiler *c, Node *n)
{
    Pos saved = {c->lineno, c->col, c->end_col, c->end_lineno, c->a0, c->a1};
    c->lineno = n->lineno;
    c->col = n->col;
    c->end_col = n->end_col;
    c->end_lineno = n->end_lineno;
    c->a0 = c->a1 = -1;
    return saved;
}

static void restore_pos(Compiler *c, Pos p)
{
    c->lineno = p.lineno;
    c->col = p.col;
    c->end_col = p.end_col;
    c->end_lineno = p.end_lineno;
    c->a0 = p.a0;
    c->a1 = p.a1;
}

/* traceback.py's anchors: for a BinOp, the operator (one or two characters after the
   spaces that follow the left operand); for a Subscript, from the value's end to the
   slice's end and one more */
static void binop_anchors(Compiler *c, Node *e)
{
    if (e->lineno != e->end_lineno || e->a->end_lineno != e->lineno)
        return;
    int len;
    const char *line = Src_Line(c->src, e->lineno, &len);
    int k = e->a->end_col;
    while (k < len && k < e->b->col && line[k] == ' ')
        k++;
    c->a0 = k;
    c->a1 = k + 1;
    if (k + 1 < e->b->col && k + 1 < len && line[k + 1] != ' ' && line[k + 1] != '\t')
        c->a1++;
}

static void subscript_anchors(Compiler *c, Node *e)
{
    if (e->lineno != e->end_lineno || e->a->end_lineno != e->lineno)
        return;
    c->a0 = e->a->end_col;
    c->a1 = e->b->end_col + 1;
}

static int expr(Compiler *c, Node *e)
{
    Pos saved = set_pos(c, e);
    int r = 0;
    switch (e->kind) {
    case N_Constant:
        r = load_const(c, e->v);
        break;
    case N_Name:
        r = name_op(c, e->v, e->op);
        break;
    case N_BinOp:
        CHECK(expr(c, e->a));
        CHECK(expr(c, e->b));
        binop_anchors(c, e);
        r = Emit(c, OP_BINARY_OP, e->op);
        break;
    case N_UnaryOp:
        CHECK(expr(c, e->a));
        r = Emit(c, e->op == U_NOT ? OP_UNARY_NOT : e->op == U_USUB ? OP_UNARY_NEGATIVE
                    : e->op == U_UADD ? OP_UNARY_POSITIVE : OP_UNARY_INVERT, 0);
        break;
    case N_BoolOp: {
        LABEL(end);
        for (int i = 0; i < e->l1.n; i++) {
            CHECK(expr(c, e->l1.items[i]));
            if (i < e->l1.n - 1)
                CHECK(Emit(c, e->op == B_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP, end));
        }
        use_label(c, end);
        break;
    }
    case N_Compare:
        r = compare(c, e);
        break;
    case N_Call:
        r = call(c, e);
        break;
    case N_Attribute: {
        CHECK(expr(c, e->a));
        int i = name_index(c, e->v);
        CHECK(i);
        c->lineno = e->end_lineno;
        r = Emit(c, e->op == CTX_LOAD ? OP_LOAD_ATTR : e->op == CTX_STORE ? OP_STORE_ATTR : OP_DELETE_ATTR, i);
        break;
    }
    case N_Subscript:
        CHECK(expr(c, e->a));
        CHECK(expr(c, e->b));
        if (e->op == CTX_LOAD)
            subscript_anchors(c, e);
        r = Emit(c, e->op == CTX_LOAD ? OP_BINARY_SUBSCR : e->op == CTX_STORE ? OP_STORE_SUBSCR : OP_DELETE_SUBSCR, 0);
        break;
    case N_Slice:
        if (e->a) CHECK(expr(c, e->a)); else CHECK(load_const(c, Mo_None));
        if (e->b) CHECK(expr(c, e->b)); else CHECK(load_const(c, Mo_None));
        if (e->c)
            CHECK(expr(c, e->c));
        r = Emit(c, OP_BUILD_SLICE, e->c ? 3 : 2);
        break;
    case N_List:
        r = sequence(c, e, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND);
        break;
    case N_Tuple:
        r = sequence(c, e, OP_BUILD_TUPLE, OP_LIST_APPEND, OP_LIST_EXTEND);
        break;
    case N_Set:
        r = sequence(c, e, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE);
        break;
    case N_Dict:
        r = dict_display(c, e);
        break;
    case N_ListComp: case N_SetComp: case N_DictComp: case N_GenExp:
        r = comprehension(c, e);
        break;
    case N_Lambda:
        r = lambda(c, e);
        break;
    case N_IfExp: {
        LABEL(orelse);
        LABEL(end);
        CHECK(jump_if(c, e->a, 0, orelse));
        CHECK(expr(c, e->b));
        EMIT(JUMP, end);
        use_label(c, orelse);
        CHECK(expr(c, e->c));
        use_label(c, end);
        break;
    }
    case N_Starred:
        Syntax_Error(c->src, c->filename, e->lineno, e->col, e->end_col, 0, "can't use starred expression here");
        return -1;
    case N_JoinedStr:
        r = fstring(c, e);
        break;
    case N_Yield:
        if (e->a)
            CHECK(expr(c, e->a));
        else
            CHECK(load_const(c, Mo_None));
        EMIT0(YIELD_VALUE);
        EMIT(RESUME, 1);
        break;
    case N_YieldFrom: {
        CHECK(expr(c, e->a));
        EMIT0(GET_YIELD_FROM_ITER);
        CHECK(load_const(c, Mo_None));
        LABEL(loop);
        LABEL(exit);
        use_label(c, loop);
        EMIT(SEND, exit);
        EMIT0(YIELD_VALUE);
        EMIT(RESUME, 2);
        EMIT(JUMP, loop);
        use_label(c, exit);
        break;
    }
    case N_NamedExpr:
        CHECK(expr(c, e->b));
        EMIT(COPY, 1);
        r = name_op(c, e->a->v, CTX_STORE);
        break;
    default:
        MoErr_Format(MoExc_SystemError, "unexpected expression kind %d", e->kind);
        return -1;
    }
    restore_pos(c, saved);
    return r;
}

/* ---------------------------------------------------------------- targets */

static int assign_target(Compiler *c, Node *t)
{
    switch (t->kind) {
    case N_Name:
        return name_op(c, t->v, CTX_STORE);
    case N_Attribute: {
        CHECK(expr(c, t->a));
        int i = name_index(c, t->v);
        CHECK(i);
        EMIT(STORE_ATTR, i);
        return 0;
    }
    case N_Subscript: {
        CHECK(expr(c, t->a));
        CHECK(expr(c, t->b));
        Pos saved = set_pos(c, t);
        subscript_anchors(c, t);
        int r = Emit(c, OP_STORE_SUBSCR, 0);
        restore_pos(c, saved);
        return r;
    }
    case N_Tuple:
    case N_List: {
        int star = -1;
        for (int i = 0; i < t->l1.n; i++)
            if (t->l1.items[i]->kind == N_Starred) {
                if (star >= 0) {
                    Syntax_Error(c->src, c->filename, t->lineno, t->col, t->end_col, 0,
                                 "multiple starred expressions in assignment");
                    return -1;
                }
                star = i;
            }
        if (star < 0)
            EMIT(UNPACK_SEQUENCE, t->l1.n);
        else
            EMIT(UNPACK_EX, star | ((t->l1.n - star - 1) << 8));
        for (int i = 0; i < t->l1.n; i++) {
            Node *x = t->l1.items[i];
            CHECK(assign_target(c, x->kind == N_Starred ? x->a : x));
        }
        return 0;
    }
    default:
        MoErr_SetString(MoExc_SystemError, "bad assignment target");
        return -1;
    }
}

static int delete_target(Compiler *c, Node *t)
{
    if (t->kind == N_Tuple || t->kind == N_List) {
        for (int i = 0; i < t->l1.n; i++)
            CHECK(delete_target(c, t->l1.items[i]));
        return 0;
    }
    return expr(c, t);
}

static int augassign(Compiler *c, Node *s)
{
    Node *t = s->a;
    int op = s->op + NB_INPLACE_ADD;
    switch (t->kind) {
    case N_Name: {
        Pos saved = set_pos(c, t);
        int r = name_op(c, t->v, CTX_LOAD);
        restore_pos(c, saved);
        CHECK(r);
        CHECK(expr(c, s->b));
        EMIT(BINARY_OP, op);
        return name_op(c, t->v, CTX_STORE);
    }
    case N_Attribute: {
        int i = name_index(c, t->v);
        CHECK(i);
        CHECK(expr(c, t->a));
        EMIT(COPY, 1);
        EMIT(LOAD_ATTR, i);
        CHECK(expr(c, s->b));
        EMIT(BINARY_OP, op);
        EMIT(SWAP, 2);
        EMIT(STORE_ATTR, i);
        return 0;
    }
    case N_Subscript:
        CHECK(expr(c, t->a));
        CHECK(expr(c, t->b));
        EMIT(COPY, 2);
        EMIT(COPY, 2);
        EMIT0(BINARY_SUBSCR);
        CHECK(expr(c, s->b));
        EMIT(BINARY_OP, op);
        EMIT(SWAP, 3);
        EMIT(SWAP, 2);
        EMIT0(STORE_SUBSCR);
        return 0;
    default:
        MoErr_SetString(MoExc_SystemError, "bad augmented target");
        return -1;
    }
}

/* ---------------------------------------------------------------- statements */

static MoObject *docstring(NodeList *body)
{
    if (body->n > 0 && body->items[0]->kind == N_Expr && body->items[0]->a->kind == N_Constant &&
        MoUnicode_Check(body->items[0]->a->v))
        return body->items[0]->a->v;
    return NULL;
}

static int function_body(Compiler *c, Node *def, int is_lambda)
{
    Node *A = def->a;
    set_argcounts(c, A);
    c->u->flags = CO_OPTIMIZED | CO_NEWLOCALS | (def->scope->has_varargs ? CO_VARARGS : 0) |
                  (def->scope->has_varkw ? CO_VARKEYWORDS : 0) | (def->scope->generator ? CO_GENERATOR : 0) |
                  (def->scope->parent && def->scope->parent->kind == SC_FUNCTION ? CO_NESTED : 0);
    c->lineno = def->lineno;
    CHECK(prologue(c));
    if (is_lambda) {
        /* a lambda's first constant is its value's when it has no docstring slot: 3.11 adds None */
        c->lineno = def->b->lineno;
        CHECK(expr(c, def->b));
        if (def->scope->generator) {
            EMIT0(POP_TOP);
            CHECK(load_const(c, Mo_None));
        }
        EMIT0(RETURN_VALUE);
        return 0;
    }
    MoObject *doc = docstring(&def->l1);
    CHECK(add_const(c, doc ? doc : Mo_None));
    NodeList body = def->l1;
    if (doc) {
        body.items++;
        body.n--;
    }
    CHECK(stmts(c, &body));
    if (c->u->n == 0 || c->u->ins[c->u->n - 1].op != OP_RETURN_VALUE) {
        CHECK(load_const(c, Mo_None));
        EMIT0(RETURN_VALUE);
    }
    return 0;
}

static int decorators(Compiler *c, NodeList *decos)
{
    for (int i = 0; i < decos->n; i++) {
        CHECK(push_null_and_callable(c, decos->items[i]));
    }
    return 0;
}

static int apply_decorators(Compiler *c, NodeList *decos)
{
    for (int i = decos->n - 1; i >= 0; i--) {
        c->lineno = decos->items[i]->lineno;
        EMIT(PRECALL, 0);
        EMIT(CALL, 0);
    }
    return 0;
}

static int funcdef(Compiler *c, Node *s)
{
    CHECK(decorators(c, &s->l2));
    c->lineno = s->lineno;
    int flags = compile_defaults(c, s->a);
    CHECK(flags);
    int first = s->l2.n > 0 ? s->l2.items[0]->lineno : s->lineno;
    CHECK(enter_unit(c, s->scope, s->v, first));
    if (function_body(c, s, 0) < 0) {
        leave_unit(c);
        return -1;
    }
    MoObject *code = Assemble(c);
    leave_unit(c);
    if (code == NULL)
        return -1;
    c->lineno = s->lineno;
    int r = make_closure(c, code, flags);
    Mo_DECREF(code);
    CHECK(r);
    CHECK(apply_decorators(c, &s->l2));
    return name_op(c, s->v, CTX_STORE);
}

static int classdef(Compiler *c, Node *s)
{
    CHECK(decorators(c, &s->l2));
    c->lineno = s->lineno;
    EMIT0(PUSH_NULL);
    EMIT0(LOAD_BUILD_CLASS);
    int first = s->l2.n > 0 ? s->l2.items[0]->lineno : s->lineno;
    CHECK(enter_unit(c, s->scope, s->v, first));
    c->lineno = s->lineno;
    if (prologue(c) < 0)
        goto fail;
    MoObject *s_name = c->s_name, *s_module = c->s_module, *s_qualname = c->s_qualname, *s_doc = c->s_doc,
             *s_classcell = c->s_classcell;
    if (name_op(c, s_name, CTX_LOAD) < 0 || name_op(c, s_module, CTX_STORE) < 0 ||
        load_const(c, c->u->qualname) < 0 || name_op(c, s_qualname, CTX_STORE) < 0)
        goto fail;
    MoObject *doc = docstring(&s->l1);
    NodeList body = s->l1;
    if (doc) {
        if (load_const(c, doc) < 0 || name_op(c, s_doc, CTX_STORE) < 0)
            goto fail;
        body.items++;
        body.n--;
    }
    if (stmts(c, &body) < 0)
        goto fail;
    if (s->scope->needs_class_cell) {
        MoObject *cls = MoUnicode_InternFromString("__class__");
        int k = localsplus_index(c, cls);
        Mo_DECREF(cls);
        if (k < 0 || Emit(c, OP_LOAD_CLOSURE, k) < 0 || Emit(c, OP_COPY, 1) < 0 ||
            name_op(c, s_classcell, CTX_STORE) < 0)
            goto fail;
    } else if (load_const(c, Mo_None) < 0) {
        goto fail;
    }
    if (Emit(c, OP_RETURN_VALUE, 0) < 0)
        goto fail;
    MoObject *code = Assemble(c);
    leave_unit(c);
    if (code == NULL)
        return -1;
    c->lineno = s->lineno;
    int r = make_closure(c, code, 0);
    Mo_DECREF(code);
    CHECK(r);
    CHECK(load_const(c, s->v));
    CHECK(call_args(c, &s->l3, &s->l4, 2));
    CHECK(apply_decorators(c, &s->l2));
    return name_op(c, s->v, CTX_STORE);
fail:
    leave_unit(c);
    return -1;
}

static int set_handler(Compiler *c, int setup_op, int label)
{
    CHECK(Emit(c, setup_op, label));
    c->u->handler = label;
    return 0;
}

static int try_except(Compiler *c, Node *s)
{
    LABEL(handler);
    LABEL(cleanup);
    LABEL(end);
    LABEL(orelse);
    int outer = c->u->handler;
    CHECK(set_handler(c, OP_SETUP_FINALLY, handler));
    CHECK(push_fblock(c, FB_TRY_EXCEPT, -1, -1, NULL));
    c->u->fb[c->u->nfb - 1].saved_handler = outer;
    CHECK(stmts(c, &s->l1));
    pop_fblock(c);
    c->u->handler = outer;
    EMIT(NOP, 0);
    use_label(c, orelse);
    CHECK(stmts(c, &s->l3));
    EMIT(JUMP, end);
    /* the handler: [exc] */
    use_label(c, handler);
    CHECK(set_handler(c, OP_SETUP_CLEANUP, cleanup));
    EMIT0(PUSH_EXC_INFO);
    for (int i = 0; i < s->l2.n; i++) {
        Node *h = s->l2.items[i];
        c->lineno = h->lineno;
        LABEL(next);
        if (h->a == NULL && i < s->l2.n - 1) {
            Syntax_Error(c->src, c->filename, h->lineno, h->col, h->col + 6, 0, "default 'except:' must be last");
            return -1;
        }
        if (h->a) {
            CHECK(expr(c, h->a));
            EMIT0(CHECK_EXC_MATCH);
            EMIT(POP_JUMP_IF_FALSE, next);
        }
        if (h->v) {
            CHECK(name_op(c, h->v, CTX_STORE));
            LABEL(named_cleanup);
            int saved = c->u->handler;
            CHECK(set_handler(c, OP_SETUP_CLEANUP, named_cleanup));
            CHECK(push_fblock(c, FB_HANDLER_CLEANUP, -1, -1, h));
            c->u->fb[c->u->nfb - 1].saved_handler = outer;
            CHECK(stmts(c, &h->l1));
            pop_fblock(c);
            c->u->handler = outer;
            EMIT0(POP_EXCEPT);
            CHECK(load_const(c, Mo_None));
            CHECK(name_op(c, h->v, CTX_STORE));
            CHECK(name_op(c, h->v, CTX_DEL));
            EMIT(JUMP, end);
            /* an exception inside the handler: unbind the name, then clean up */
            use_label(c, named_cleanup);
            c->u->handler = saved;
            CHECK(load_const(c, Mo_None));
            CHECK(name_op(c, h->v, CTX_STORE));
            CHECK(name_op(c, h->v, CTX_DEL));
            EMIT(RERAISE, 1);
        } else {
            EMIT0(POP_TOP);
            CHECK(push_fblock(c, FB_HANDLER_CLEANUP, -1, -1, NULL));
            c->u->fb[c->u->nfb - 1].saved_handler = outer;
            CHECK(stmts(c, &h->l1));
            pop_fblock(c);
            c->u->handler = outer;
            EMIT0(POP_EXCEPT);
            EMIT(JUMP, end);
        }
        c->u->handler = cleanup;
        use_label(c, next);
    }
    EMIT(RERAISE, 0);
    /* cleanup: [prev, exc2] */
    use_label(c, cleanup);
    c->u->handler = outer;
    EMIT(COPY, 2);
    EMIT0(POP_EXCEPT);
    EMIT(RERAISE, 1);
    use_label(c, end);
    return 0;
}

static int try_finally(Compiler *c, Node *s)
{
    LABEL(handler);
    LABEL(cleanup);
    LABEL(end);
    int outer = c->u->handler;
    CHECK(set_handler(c, OP_SETUP_FINALLY, handler));
    CHECK(push_fblock(c, FB_FINALLY_TRY, -1, -1, s));
    c->u->fb[c->u->nfb - 1].saved_handler = outer;
    if (s->l2.n > 0)
        CHECK(try_except(c, s));
    else
        CHECK(stmts(c, &s->l1));
    pop_fblock(c);
    c->u->handler = outer;
    EMIT(NOP, 0);
    CHECK(stmts(c, &s->l4));
    EMIT(JUMP, end);
    use_label(c, handler);
    CHECK(set_handler(c, OP_SETUP_CLEANUP, cleanup));
    EMIT0(PUSH_EXC_INFO);
    CHECK(push_fblock(c, FB_FINALLY_END, -1, -1, s));
    c->u->fb[c->u->nfb - 1].saved_handler = outer;
    CHECK(stmts(c, &s->l4));
    pop_fblock(c);
    EMIT(RERAISE, 0);
    use_label(c, cleanup);
    c->u->handler = outer;
    EMIT(COPY, 2);
    EMIT0(POP_EXCEPT);
    EMIT(RERAISE, 1);
    use_label(c, end);
    return 0;
}

static int with_items(Compiler *c, Node *s, int i)
{
    Node *w = s->l1.items[i];
    LABEL(exc);
    LABEL(cleanup);
    LABEL(suppress);
    LABEL(end);
    int outer = c->u->handler;
    c->lineno = w->lineno;
    CHECK(expr(c, w->a));
    EMIT0(BEFORE_WITH);
    CHECK(set_handler(c, OP_SETUP_WITH, exc));
    CHECK(push_fblock(c, FB_WITH, -1, -1, s));
    c->u->fb[c->u->nfb - 1].saved_handler = outer;
    if (w->b)
        CHECK(assign_target(c, w->b));
    else
        EMIT0(POP_TOP);
    if (i + 1 < s->l1.n)
        CHECK(with_items(c, s, i + 1));
    else
        CHECK(stmts(c, &s->l2));
    pop_fblock(c);
    c->u->handler = outer;
    c->lineno = s->lineno;
    CHECK(call_exit_with_nones(c));
    EMIT0(POP_TOP);
    EMIT(JUMP, end);
    /* [exit, exc] */
    use_label(c, exc);
    CHECK(set_handler(c, OP_SETUP_CLEANUP, cleanup));
    EMIT0(PUSH_EXC_INFO);
    EMIT0(WITH_EXCEPT_START);
    EMIT(POP_JUMP_IF_TRUE, suppress);
    EMIT(RERAISE, 2);
    use_label(c, suppress);
    EMIT0(POP_TOP);
    EMIT0(POP_EXCEPT);
    EMIT0(POP_TOP);
    EMIT(JUMP, end);
    use_label(c, cleanup);
    c->u->handler = outer;
    EMIT(COPY, 2);
    EMIT0(POP_EXCEPT);
    EMIT(RERAISE, 1);
    use_label(c, end);
    return 0;
}

static int import_stmt(Compiler *c, Node *s)
{
    for (int i = 0; i < s->l1.n; i++) {
        Node *a = s->l1.items[i];
        MoObject *zero = MoLong_FromLong(0);
        int r = load_const(c, zero);
        Mo_DECREF(zero);
        CHECK(r);
        CHECK(load_const(c, Mo_None));
        int k = name_index(c, a->v);
        CHECK(k);
        EMIT(IMPORT_NAME, k);
        const char *full = MoUnicode_AsUTF8(a->v);
        const char *dot = strchr(full, '.');
        if (a->v2) {
            while (dot) {
                const char *next = strchr(dot + 1, '.');
                MoObject *part = next ? MoUnicode_FromStringAndSize(dot + 1, next - dot - 1)
                                      : MoUnicode_FromString(dot + 1);
                int pk = part ? name_index(c, part) : -1;
                Mo_XDECREF(part);
                CHECK(pk);
                EMIT(IMPORT_FROM, pk);
                EMIT(SWAP, 2);
                EMIT0(POP_TOP);
                dot = next;
            }
            CHECK(name_op(c, a->v2, CTX_STORE));
        } else if (dot) {
            MoObject *top = MoUnicode_FromStringAndSize(full, dot - full);
            r = top ? name_op(c, top, CTX_STORE) : -1;
            Mo_XDECREF(top);
            CHECK(r);
        } else {
            CHECK(name_op(c, a->v, CTX_STORE));
        }
    }
    return 0;
}

static int from_stmt(Compiler *c, Node *s)
{
    MoObject *level = MoLong_FromLong(s->op);
    int r = load_const(c, level);
    Mo_DECREF(level);
    CHECK(r);
    MoObject *names = MoTuple_New(s->l1.n);
    if (names == NULL)
        return -1;
    for (int i = 0; i < s->l1.n; i++)
        MoTuple_SetItem(names, i, Mo_NewRef(s->l1.items[i]->v));
    r = load_const(c, names);
    Mo_DECREF(names);
    CHECK(r);
    MoObject *empty = NULL;
    MoObject *modname = s->v ? s->v : (empty = MoUnicode_FromString(""));
    int k = name_index(c, modname);
    Mo_XDECREF(empty);
    CHECK(k);
    EMIT(IMPORT_NAME, k);
    if (s->l1.n == 1 && _MoUnicode_EqualToASCIIString(s->l1.items[0]->v, "*")) {
        EMIT0(IMPORT_STAR);
        return 0;
    }
    for (int i = 0; i < s->l1.n; i++) {
        Node *a = s->l1.items[i];
        int nk = name_index(c, a->v);
        CHECK(nk);
        EMIT(IMPORT_FROM, nk);
        CHECK(name_op(c, a->v2 ? a->v2 : a->v, CTX_STORE));
    }
    EMIT0(POP_TOP);
    return 0;
}

static int loop_jump(Compiler *c, Node *s, int is_break)
{
    FBlock *loop = NULL;
    int saved = c->u->handler;
    int idx = unwind_all(c, 0, &loop);
    if (idx == -2)
        return -1;
    if (loop == NULL || idx < 0) {
        c->u->handler = saved;
        Syntax_Error(c->src, c->filename, s->lineno, s->col, s->col + (is_break ? 5 : 8), 0,
                     is_break ? "'break' outside loop" : "'continue' not properly in loop");
        return -1;
    }
    if (is_break) {
        c->u->handler = loop->saved_handler;
        CHECK(unwind_fblock(c, loop, 0));
        EMIT(JUMP, loop->exit);
    } else {
        EMIT(JUMP, loop->start);
    }
    c->u->handler = saved;
    return 0;
}

static int stmt(Compiler *c, Node *s)
{
    set_pos(c, s);
    switch (s->kind) {
    case N_Expr:
        if (s->a->kind == N_Constant && c->interactive == 0)
            return Emit(c, OP_NOP, 0);
        CHECK(expr(c, s->a));
        if (c->interactive && c->u->scope->kind == SC_MODULE)
            EMIT0(PRINT_EXPR);
        else
            EMIT0(POP_TOP);
        return 0;
    case N_Assign:
        CHECK(expr(c, s->a));
        for (int i = 0; i < s->l1.n; i++) {
            if (i < s->l1.n - 1)
                EMIT(COPY, 1);
            CHECK(assign_target(c, s->l1.items[i]));
        }
        return 0;
    case N_AugAssign:
        return augassign(c, s);
    case N_AnnAssign:
        if (s->c) {
            CHECK(expr(c, s->c));
            return assign_target(c, s->a);
        }
        return 0;
    case N_If: {
        LABEL(orelse);
        LABEL(end);
        CHECK(jump_if(c, s->a, 0, orelse));
        CHECK(stmts(c, &s->l1));
        if (s->l2.n > 0)
            EMIT(JUMP, end);
        use_label(c, orelse);
        CHECK(stmts(c, &s->l2));
        use_label(c, end);
        return 0;
    }
    case N_While: {
        LABEL(top);
        LABEL(orelse);
        LABEL(end);
        use_label(c, top);
        CHECK(jump_if(c, s->a, 0, orelse));
        CHECK(push_fblock(c, FB_WHILE, top, end, NULL));
        CHECK(stmts(c, &s->l1));
        pop_fblock(c);
        c->lineno = s->lineno;
        EMIT(JUMP, top);
        use_label(c, orelse);
        CHECK(stmts(c, &s->l2));
        use_label(c, end);
        return 0;
    }
    case N_For: {
        LABEL(top);
        LABEL(cleanup);
        LABEL(end);
        CHECK(expr(c, s->b));
        c->lineno = s->lineno;
        EMIT0(GET_ITER);
        use_label(c, top);
        EMIT(FOR_ITER, cleanup);
        CHECK(assign_target(c, s->a));
        CHECK(push_fblock(c, FB_FOR, top, end, NULL));
        CHECK(stmts(c, &s->l1));
        pop_fblock(c);
        c->lineno = s->lineno;
        EMIT(JUMP, top);
        use_label(c, cleanup);
        CHECK(stmts(c, &s->l2));
        use_label(c, end);
        return 0;
    }
    case N_Break:
    case N_Continue:
        return loop_jump(c, s, s->kind == N_Break);
    case N_Pass:
        return Emit(c, OP_NOP, 0);
    case N_FunctionDef:
        return funcdef(c, s);
    case N_ClassDef:
        return classdef(c, s);
    case N_Return: {
        int saved = c->u->handler;
        if (s->a)
            CHECK(expr(c, s->a));
        else
            CHECK(load_const(c, Mo_None));
        if (unwind_all(c, 1, NULL) == -2)
            return -1;
        c->lineno = s->lineno;
        EMIT0(RETURN_VALUE);
        c->u->handler = saved;
        return 0;
    }
    case N_Delete:
        for (int i = 0; i < s->l1.n; i++)
            CHECK(delete_target(c, s->l1.items[i]));
        return 0;
    case N_Global:
    case N_Nonlocal:
        return Emit(c, OP_NOP, 0);
    case N_Try:
        if (s->l4.n > 0)
            return try_finally(c, s);
        return try_except(c, s);
    case N_Raise:
        if (s->a)
            CHECK(expr(c, s->a));
        if (s->b)
            CHECK(expr(c, s->b));
        c->lineno = s->lineno;
        EMIT(RAISE_VARARGS, s->a ? (s->b ? 2 : 1) : 0);
        return 0;
    case N_With:
        return with_items(c, s, 0);
    case N_Import:
        return import_stmt(c, s);
    case N_ImportFrom:
        return from_stmt(c, s);
    case N_Assert: {
        LABEL(end);
        CHECK(jump_if(c, s->a, 1, end));
        /* 3.11 points at the test when it is a comparison (its jump_if keeps the
           comparison's location), else at the statement */
        Node *t = s->a;
        while (t->kind == N_UnaryOp && t->op == U_NOT)
            t = t->a;
        if (t->kind == N_Compare)
            set_pos(c, t);
        EMIT0(LOAD_ASSERTION_ERROR);
        if (s->b) {
            CHECK(expr(c, s->b));
            EMIT(PRECALL, 0);
            EMIT(CALL, 0);
        }
        EMIT(RAISE_VARARGS, 1);
        use_label(c, end);
        return 0;
    }
    default:
        MoErr_Format(MoExc_SystemError, "unexpected statement kind %d", s->kind);
        return -1;
    }
}

static int stmts(Compiler *c, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        CHECK(stmt(c, l->items[i]));
    return 0;
}

/* ---------------------------------------------------------------- the entry */

MoObject *Compile(const char *src, const char *filename, int mode)
{
    Arena ar = {0};
    Node *m = Parse(src, filename, mode, &ar);
    if (m == NULL) {
        Arena_Free(&ar);
        return NULL;
    }
    MoObject *code = NULL;
    Scope *top = NULL;
    Compiler C = {.filename = filename, .src = src, .interactive = mode == MODE_SINGLE, .lineno = 1};
    Compiler *c = &C;
    if (fold(m->a) < 0)
        goto done;
    for (int i = 0; i < m->l1.n; i++)
        if (fold(m->l1.items[i]) < 0)
            goto done;
    top = Symtable_Build(m, filename, src);
    if (top == NULL)
        goto done;
    C.const_cache = MoCompile_ConstCacheNew();
    C.s_name = MoUnicode_InternFromString("__name__");
    C.s_module = MoUnicode_InternFromString("__module__");
    C.s_qualname = MoUnicode_InternFromString("__qualname__");
    C.s_doc = MoUnicode_InternFromString("__doc__");
    C.s_classcell = MoUnicode_InternFromString("__classcell__");
    if (!C.const_cache || !C.s_name || !C.s_module || !C.s_qualname || !C.s_doc || !C.s_classcell)
        goto done;
    if (enter_unit(c, top, top->name, 1) < 0) {
        if (c->u)
            leave_unit(c);
        goto done;
    }
    c->lineno = 0;
    if (prologue(c) < 0)
        goto fail_unit;
    if (mode == MODE_EVAL) {
        c->lineno = m->a->lineno;
        if (expr(c, m->a) < 0)
            goto fail_unit;
    } else {
        NodeList body = m->l1;
        MoObject *doc = mode == MODE_EXEC ? docstring(&body) : NULL;
        if (doc) {
            MoObject *name = MoUnicode_InternFromString("__doc__");
            c->lineno = body.items[0]->lineno;
            int r = load_const(c, doc) < 0 || name_op(c, name, CTX_STORE) < 0;
            Mo_DECREF(name);
            if (r)
                goto fail_unit;
            body.items++;
            body.n--;
        }
        if (stmts(c, &body) < 0)
            goto fail_unit;
        if (load_const(c, Mo_None) < 0)
            goto fail_unit;
    }
    if (Emit(c, OP_RETURN_VALUE, 0) < 0)
        goto fail_unit;
    code = Assemble(c);
fail_unit:
    while (c->u)
        leave_unit(c);
done:
    Mo_XDECREF(C.const_cache);
    Mo_XDECREF(C.s_name);
    Mo_XDECREF(C.s_module);
    Mo_XDECREF(C.s_qualname);
    Mo_XDECREF(C.s_doc);
    Mo_XDECREF(C.s_classcell);
    Symtable_Free(top);
    Arena_Free(&ar);
    return code;
}
