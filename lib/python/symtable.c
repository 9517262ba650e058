/* The symbol table: which names of each scope are local, global, free or cell,
 * as CPython's Python/symtable.c decides them in two passes: collect what each
 * scope binds and uses, then resolve against the enclosing function scopes.
 *
 * Comprehensions, generator expressions and lambdas are function scopes (3.11
 * compiles them as nested functions). A function that uses super or __class__
 * gets the free variable __class__, which its class makes a cell.
 */
#include "interp.h"

static Scope *scope_new(int kind, Scope *parent, Node *n, MoObject *name)
{
    Scope *s = calloc(1, sizeof *s);
    if (s == NULL)
        return (void *)MoErr_NoMemory();
    s->kind = kind;
    s->parent = parent;
    s->node = n;
    s->name = Mo_NewRef(name);
    s->symbols = MoDict_New();
    s->resolved = MoDict_New();
    s->varnames = MoList_New(0);
    s->cellvars = MoList_New(0);
    s->freevars = MoList_New(0);
    if (n)
        n->scope = s;
    if (parent) {
        if (parent->nchildren == parent->cap) {
            parent->cap = parent->cap ? parent->cap * 2 : 4;
            parent->children = realloc(parent->children, (size_t)parent->cap * sizeof *parent->children);
        }
        parent->children[parent->nchildren++] = s;
    }
    if (!s->symbols || !s->resolved || !s->varnames || !s->cellvars || !s->freevars)
        return NULL;
    return s;
}

void Symtable_Free(Scope *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->nchildren; i++)
        Symtable_Free(s->children[i]);
    free(s->children);
    Mo_XDECREF(s->name);
    Mo_XDECREF(s->symbols);
    Mo_XDECREF(s->resolved);
    Mo_XDECREF(s->varnames);
    Mo_XDECREF(s->cellvars);
    Mo_XDECREF(s->freevars);
    free(s);
}

static long flags_of(Scope *s, MoObject *name)
{
    MoObject *f = MoDict_GetItem(s->symbols, name);
    return f ? MoLong_AsLong(f) : 0;
}

typedef struct { const char *src, *filename; } Ctx;

static int add_def(Ctx *C, Scope *s, MoObject *name, long flag, Node *where)
{
    long old = flags_of(s, name);
    if ((flag & (DEF_GLOBAL | DEF_NONLOCAL)) && (old & (DEF_LOCAL | USE | DEF_PARAM))) {
        const char *what = old & DEF_PARAM ? "parameter" : old & USE ? "used" : "assigned to";
        const char *kind = flag & DEF_GLOBAL ? "global" : "nonlocal";
        if (old & DEF_PARAM)
            return Syntax_Error(C->src, C->filename, where->lineno, where->col, where->end_col, 0,
                                "name '%s' is %s and %s", MoUnicode_AsUTF8(name), what, kind);
        return Syntax_Error(C->src, C->filename, where->lineno, where->col, where->end_col, 0,
                            "name '%s' is %s prior to %s declaration", MoUnicode_AsUTF8(name), what, kind);
    }
    if ((flag & DEF_PARAM) && s->kind == SC_FUNCTION && !(old & DEF_PARAM)) {
        if (MoList_Append(s->varnames, name) < 0)
            return -1;
    }
    MoObject *v = MoLong_FromLong(old | flag);
    int r = v ? MoDict_SetItem(s->symbols, name, v) : -1;
    Mo_XDECREF(v);
    return r;
}

static int visit_expr(Ctx *C, Scope *s, Node *e);
static int visit_stmts(Ctx *C, Scope *s, NodeList *l);

static int visit_list(Ctx *C, Scope *s, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->items[i] && visit_expr(C, s, l->items[i]) < 0)
            return -1;
    return 0;
}

static int visit_args(Ctx *C, Scope *fs, Node *A)
{
    for (int i = 0; i < A->l1.n; i++)
        if (add_def(C, fs, A->l1.items[i]->v, DEF_PARAM, A->l1.items[i]) < 0)
            return -1;
    for (int i = 0; i < A->l3.n; i++)
        if (add_def(C, fs, A->l3.items[i]->v, DEF_PARAM, A->l3.items[i]) < 0)
            return -1;
    if (A->a) {
        fs->has_varargs = 1;
        if (add_def(C, fs, A->a->v, DEF_PARAM, A->a) < 0)
            return -1;
    }
    if (A->b) {
        fs->has_varkw = 1;
        if (add_def(C, fs, A->b->v, DEF_PARAM, A->b) < 0)
            return -1;
    }
    return 0;
}

/* defaults and annotations are evaluated in the enclosing scope */
static int visit_defaults(Ctx *C, Scope *s, Node *A)
{
    if (visit_list(C, s, &A->l2) < 0 || visit_list(C, s, &A->l4) < 0)
        return -1;
    return 0;
}

static int visit_comprehension(Ctx *C, Scope *s, Node *e)
{
    static const char *const names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    int k = e->kind == N_ListComp ? 0 : e->kind == N_SetComp ? 1 : e->kind == N_DictComp ? 2 : 3;
    MoObject *cname = MoUnicode_InternFromString(names[k]);
    if (cname == NULL)
        return -1;
    /* the first iterable is evaluated outside */
    Node *first = e->l1.items[0];
    if (visit_expr(C, s, first->b) < 0)
        return -1;
    Scope *cs = scope_new(SC_FUNCTION, s, e, cname);
    Mo_DECREF(cname);
    if (cs == NULL)
        return -1;
    cs->generator = e->kind == N_GenExp;
    MoObject *dot0 = MoUnicode_InternFromString(".0");
    int r = add_def(C, cs, dot0, DEF_PARAM, e);
    Mo_DECREF(dot0);
    if (r < 0)
        return -1;
    for (int i = 0; i < e->l1.n; i++) {
        Node *g = e->l1.items[i];
        if (visit_expr(C, cs, g->a) < 0)
            return -1;
        if (i > 0 && visit_expr(C, cs, g->b) < 0)
            return -1;
        if (visit_list(C, cs, &g->l1) < 0)
            return -1;
    }
    if (e->a && visit_expr(C, cs, e->a) < 0)
        return -1;
    if (e->b && visit_expr(C, cs, e->b) < 0)
        return -1;
    return 0;
}

static int visit_expr(Ctx *C, Scope *s, Node *e)
{
    switch (e->kind) {
    case N_Name: {
        long flag = e->op == CTX_LOAD ? USE : DEF_LOCAL;
        if (add_def(C, s, e->v, flag, e) < 0)
            return -1;
        if (e->op == CTX_LOAD && s->kind == SC_FUNCTION && _MoUnicode_EqualToASCIIString(e->v, "super")) {
            MoObject *cls = MoUnicode_InternFromString("__class__");
            int r = add_def(C, s, cls, USE, e);
            Mo_DECREF(cls);
            return r;
        }
        return 0;
    }
    case N_Constant:
        return 0;
    case N_Lambda: {
        if (visit_defaults(C, s, e->a) < 0)
            return -1;
        MoObject *lambda_name = MoUnicode_InternFromString("<lambda>");
        if (lambda_name == NULL)
            return -1;
        Scope *fs = scope_new(SC_FUNCTION, s, e, lambda_name);
        Mo_DECREF(lambda_name);
        if (fs == NULL || visit_args(C, fs, e->a) < 0)
            return -1;
        return visit_expr(C, fs, e->b);
    }
    case N_ListComp: case N_SetComp: case N_DictComp: case N_GenExp:
        return visit_comprehension(C, s, e);
    case N_Yield: case N_YieldFrom:
        s->generator = 1;
        break;
    case N_NamedExpr: {
        /* the target binds in the nearest enclosing non-comprehension scope */
        Scope *t = s;
        while (t->node && (t->node->kind == N_ListComp || t->node->kind == N_SetComp ||
                           t->node->kind == N_DictComp || t->node->kind == N_GenExp))
            t = t->parent;
        if (add_def(C, t, e->a->v, DEF_LOCAL, e->a) < 0)
            return -1;
        if (t != s && add_def(C, s, e->a->v, DEF_NONLOCAL, e->a) < 0)
            return -1;
        return visit_expr(C, s, e->b);
    }
    default:
        break;
    }
    if (e->a && visit_expr(C, s, e->a) < 0)
        return -1;
    if (e->b && visit_expr(C, s, e->b) < 0)
        return -1;
    if (e->c && visit_expr(C, s, e->c) < 0)
        return -1;
    if (visit_list(C, s, &e->l1) < 0 || visit_list(C, s, &e->l2) < 0)
        return -1;
    return 0;
}

static int visit_stmt(Ctx *C, Scope *s, Node *st)
{
    switch (st->kind) {
    case N_FunctionDef: {
        if (visit_list(C, s, &st->l2) < 0 || visit_defaults(C, s, st->a) < 0)
            return -1;
        if (add_def(C, s, st->v, DEF_LOCAL, st) < 0)
            return -1;
        Scope *fs = scope_new(SC_FUNCTION, s, st, st->v);
        if (fs == NULL || visit_args(C, fs, st->a) < 0)
            return -1;
        return visit_stmts(C, fs, &st->l1);
    }
    case N_ClassDef: {
        if (visit_list(C, s, &st->l2) < 0 || visit_list(C, s, &st->l3) < 0)
            return -1;
        for (int i = 0; i < st->l4.n; i++)
            if (visit_expr(C, s, st->l4.items[i]->a) < 0)
                return -1;
        if (add_def(C, s, st->v, DEF_LOCAL, st) < 0)
            return -1;
        Scope *cs = scope_new(SC_CLASS, s, st, st->v);
        if (cs == NULL)
            return -1;
        return visit_stmts(C, cs, &st->l1);
    }
    case N_Global: case N_Nonlocal:
        for (int i = 0; i < st->l1.n; i++) {
            Node *a = st->l1.items[i];
            if (st->kind == N_Nonlocal && s->kind != SC_FUNCTION)
                return Syntax_Error(C->src, C->filename, st->lineno, st->col, st->end_col, 0,
                                    "nonlocal declaration not allowed at module level");
            if (add_def(C, s, a->v, st->kind == N_Global ? DEF_GLOBAL : DEF_NONLOCAL, st) < 0)
                return -1;
        }
        return 0;
    case N_Import: case N_ImportFrom:
        for (int i = 0; i < st->l1.n; i++) {
            Node *a = st->l1.items[i];
            MoObject *bound = a->v2;
            MoObject *tmp = NULL;
            if (bound == NULL) {
                const char *full = MoUnicode_AsUTF8(a->v);
                if (strcmp(full, "*") == 0)
                    continue;
                const char *dot = strchr(full, '.');
                tmp = dot ? MoUnicode_FromStringAndSize(full, dot - full) : Mo_NewRef(a->v);
                bound = tmp;
            }
            int r = add_def(C, s, bound, DEF_LOCAL, a);
            Mo_XDECREF(tmp);
            if (r < 0)
                return -1;
        }
        return 0;
    case N_Try:
        if (visit_stmts(C, s, &st->l1) < 0)
            return -1;
        for (int i = 0; i < st->l2.n; i++) {
            Node *h = st->l2.items[i];
            if (h->a && visit_expr(C, s, h->a) < 0)
                return -1;
            if (h->v && add_def(C, s, h->v, DEF_LOCAL, h) < 0)
                return -1;
            if (visit_stmts(C, s, &h->l1) < 0)
                return -1;
        }
        if (visit_stmts(C, s, &st->l3) < 0 || visit_stmts(C, s, &st->l4) < 0)
            return -1;
        return 0;
    case N_With:
        for (int i = 0; i < st->l1.n; i++) {
            Node *w = st->l1.items[i];
            if (visit_expr(C, s, w->a) < 0 || (w->b && visit_expr(C, s, w->b) < 0))
                return -1;
        }
        return visit_stmts(C, s, &st->l2);
    case N_AugAssign:
        if (st->a->kind == N_Name && add_def(C, s, st->a->v, USE, st->a) < 0)
            return -1;
        break;
    default:
        break;
    }
    if (st->a && visit_expr(C, s, st->a) < 0)
        return -1;
    if (st->b && visit_expr(C, s, st->b) < 0)
        return -1;
    if (st->c && visit_expr(C, s, st->c) < 0)
        return -1;
    if (st->kind == N_If || st->kind == N_While || st->kind == N_For) {
        if (visit_stmts(C, s, &st->l1) < 0 || visit_stmts(C, s, &st->l2) < 0)
            return -1;
        return 0;
    }
    return visit_list(C, s, &st->l1);
}

static int visit_stmts(Ctx *C, Scope *s, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        if (visit_stmt(C, s, l->items[i]) < 0)
            return -1;
    return 0;
}

static int set_resolved(Scope *s, MoObject *name, int kind)
{
    MoObject *v = MoLong_FromLong(kind);
    int r = v ? MoDict_SetItem(s->resolved, name, v) : -1;
    Mo_XDECREF(v);
    return r;
}

static int list_add_unique(MoObject *l, MoObject *name)
{
    int has = MoSequence_Contains(l, name);
    if (has != 0)
        return has < 0 ? -1 : 0;
    return MoList_Append(l, name);
}

/* Is name bound as a local in an enclosing function scope of s? */
static Scope *binding_scope(Scope *s, MoObject *name)
{
    for (Scope *p = s->parent; p != NULL; p = p->parent) {
        if (p->kind == SC_MODULE)
            return NULL;
        long f = flags_of(p, name);
        if (p->kind == SC_CLASS) {
            if (_MoUnicode_EqualToASCIIString(name, "__class__"))
                return p;
            continue;
        }
        if (f & DEF_GLOBAL)
            return NULL;
        if (f & (DEF_LOCAL | DEF_PARAM) && !(f & DEF_NONLOCAL))
            return p;
    }
    return NULL;
}

/* Mark name free in s and every scope between s and its binder (which gets a cell). */
static int make_free(Scope *s, MoObject *name, Scope *binder)
{
    for (Scope *p = s; p != binder; p = p->parent) {
        if (set_resolved(p, name, S_FREE) < 0 || list_add_unique(p->freevars, name) < 0)
            return -1;
    }
    if (binder->kind == SC_CLASS)
        binder->needs_class_cell = 1;
    return list_add_unique(binder->cellvars, name);
}

static int resolve(Ctx *C, Scope *s)
{
    Mo_ssize_t pos = 0;
    MoObject *name, *fl;
    /* locals first, in order of appearance after the parameters */
    while (MoDict_Next(s->symbols, &pos, &name, &fl)) {
        long f = MoLong_AsLong(fl);
        int kind;
        if (f & DEF_GLOBAL)
            kind = S_GLOBAL_EXPLICIT;
        else if (f & DEF_NONLOCAL)
            kind = 0;
        else if (f & (DEF_LOCAL | DEF_PARAM))
            kind = S_LOCAL;
        else
            kind = 0;
        if (kind == 0) {
            Scope *b = binding_scope(s, name);
            if (b == NULL) {
                if (f & DEF_NONLOCAL)
                    return Syntax_Error(C->src, C->filename, s->node ? s->node->lineno : 1, 0, 0, 0,
                                        "no binding for nonlocal '%s' found", MoUnicode_AsUTF8(name));
                kind = S_GLOBAL_IMPLICIT;
            } else {
                if (make_free(s, name, b) < 0)
                    return -1;
                continue;
            }
        }
        if (MoDict_GetItem(s->resolved, name) == NULL && set_resolved(s, name, kind) < 0)
            return -1;
        if (kind == S_LOCAL && s->kind == SC_FUNCTION && list_add_unique(s->varnames, name) < 0)
            return -1;
    }
    for (int i = 0; i < s->nchildren; i++)
        if (resolve(C, s->children[i]) < 0)
            return -1;
    return 0;
}

/* after children: a name that is local here and free below is a cell here */
static int finalize_cells(Scope *s)
{
    for (int i = 0; i < s->nchildren; i++)
        if (finalize_cells(s->children[i]) < 0)
            return -1;
    Mo_ssize_t n = MoList_Size(s->cellvars);
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *name = MoList_GetItem(s->cellvars, i);
        if (s->kind == SC_CLASS)
            continue;
        if (set_resolved(s, name, S_CELL) < 0)
            return -1;
    }
    return 0;
}

Scope *Symtable_Build(Node *module, const char *filename, const char *src)
{
    Ctx C = {src, filename};
    MoObject *module_name = MoUnicode_InternFromString("<module>");
    if (module_name == NULL)
        return NULL;
    Scope *top = scope_new(SC_MODULE, NULL, module, module_name);
    Mo_DECREF(module_name);
    if (top == NULL)
        return NULL;
    if ((module->a && visit_expr(&C, top, module->a) < 0) || visit_stmts(&C, top, &module->l1) < 0 ||
        resolve(&C, top) < 0 || finalize_cells(top) < 0) {
        Symtable_Free(top);
        return NULL;
    }
    return top;
}

int Scope_Lookup(Scope *s, MoObject *name)
{
    MoObject *k = MoDict_GetItem(s->resolved, name);
    if (k != NULL)
        return (int)MoLong_AsLong(k);
    if (s->kind == SC_MODULE)
        return S_GLOBAL_IMPLICIT;
    return S_GLOBAL_IMPLICIT;
}
