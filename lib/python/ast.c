/* AST nodes: one struct for every kind (interp.h names which fields each uses),
 * allocated in an arena that owns them and the objects they hold. */
#include "interp.h"

Node *Node_New(Arena *ar, NodeKind kind, int lineno, int col)
{
    Node *n = calloc(1, sizeof *n);
    if (n == NULL) {
        MoErr_NoMemory();
        return NULL;
    }
    if (ar->n == ar->cap) {
        int cap = ar->cap ? ar->cap * 2 : 256;
        Node **all = realloc(ar->all, (size_t)cap * sizeof *all);
        if (all == NULL) {
            free(n);
            MoErr_NoMemory();
            return NULL;
        }
        ar->all = all;
        ar->cap = cap;
    }
    ar->all[ar->n++] = n;
    n->kind = kind;
    n->lineno = n->end_lineno = lineno;
    n->col = n->end_col = col;
    return n;
}

void NodeList_Append(NodeList *l, Node *n)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        Node **items = realloc(l->items, (size_t)cap * sizeof *items);
        if (items == NULL)
            abort();  /* a few pointers: out of memory here is not recoverable */
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = n;
}

void Arena_Free(Arena *ar)
{
    for (int i = 0; i < ar->n; i++) {
        Node *n = ar->all[i];
        Mo_XDECREF(n->v);
        Mo_XDECREF(n->v2);
        free(n->l1.items);
        free(n->l2.items);
        free(n->l3.items);
        free(n->l4.items);
        free(n->ops);
        free(n);
    }
    free(ar->all);
    ar->all = NULL;
    ar->n = ar->cap = 0;
}
