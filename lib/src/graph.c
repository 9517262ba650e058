/* Pictures of the heap: the objects a root reaches, as a graphviz DOT graph, in
 * the style of objgraph's show_refs.
 *
 * Algorithm: a breadth-first walk from the root. A node's out-edges are what its
 * tp_traverse visits (for every object that has one, GC or not), plus, for a weak
 * reference, a dashed edge to its referent (a weak reference does not own it, so
 * tp_traverse does not visit it). Nodes at depth max_depth are drawn but not
 * expanded. Type objects are left out: every instance refers to its class, and
 * the class to half the runtime, which would drown the picture.
 *
 * Output is deterministic for a given heap: nodes are named n0, n1... in the
 * order the walk discovers them (n0 is the root), and listed in that order, then
 * the edges in the order they were found. Each node's label is its type's name,
 * a short repr (at most LABEL_REPR_MAX characters) and its reference count.
 *
 * The walk holds a reference to every node it found (so that a repr which runs
 * code cannot free one under it); the counts it prints leave those out.
 */
#include <string.h>
#include "internal.h"

#define LABEL_REPR_MAX 40

typedef struct {
    MoObject *op;    /* strong reference */
    int depth;
} graph_node;

typedef struct {
    Mo_ssize_t from, to;
    int weak;
} graph_edge;

typedef struct {
    graph_node *nodes;
    Mo_ssize_t nnodes, nodes_cap;
    graph_edge *edges;
    Mo_ssize_t nedges, edges_cap;
    /* address -> node index + 1 (0: empty), open addressing, a power of two */
    Mo_ssize_t *index;
    size_t index_size;
    Mo_ssize_t current;   /* the node whose referents are being visited */
} graph;

/* ------------------------------------------------------------ the node table */

static size_t graph_hash(const MoObject *op, size_t mask)
{
    uintptr_t x = (uintptr_t)op >> 4;
    x *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(x >> 17) & mask;
}

/* The slot for op: holding its index + 1, or empty (0). */
static Mo_ssize_t *graph_slot(graph *g, const MoObject *op)
{
    size_t mask = g->index_size - 1;
    for (size_t i = graph_hash(op, mask);; i = (i + 1) & mask) {
        Mo_ssize_t *s = &g->index[i];
        if (*s == 0 || g->nodes[*s - 1].op == op)
            return s;
    }
}

static int graph_grow_index(graph *g)
{
    size_t size = g->index_size ? g->index_size * 2 : 64;
    Mo_ssize_t *old = g->index;
    size_t old_size = g->index_size;
    g->index = MoMem_Calloc(size, sizeof(Mo_ssize_t));
    if (g->index == NULL) {
        g->index = old;
        MoErr_NoMemory();
        return -1;
    }
    g->index_size = size;
    for (size_t i = 0; i < old_size; i++)
        if (old[i] != 0)
            *graph_slot(g, g->nodes[old[i] - 1].op) = old[i];
    MoMem_Free(old);
    return 0;
}

static int graph_reserve(void **array, Mo_ssize_t *cap, Mo_ssize_t n, size_t item)
{
    if (n < *cap)
        return 0;
    Mo_ssize_t new_cap = *cap ? *cap * 2 : 32;
    void *p = MoMem_Realloc(*array, (size_t)new_cap * item);
    if (p == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    *array = p;
    *cap = new_cap;
    return 0;
}

/* The index of op's node, adding it (at depth) when new; -1 on memory error. */
static Mo_ssize_t graph_node_for(graph *g, MoObject *op, int depth)
{
    if ((size_t)(g->nnodes + 1) * 2 > g->index_size && graph_grow_index(g) < 0)
        return -1;
    Mo_ssize_t *slot = graph_slot(g, op);
    if (*slot != 0)
        return *slot - 1;
    if (graph_reserve((void **)&g->nodes, &g->nodes_cap, g->nnodes, sizeof(graph_node)) < 0)
        return -1;
    g->nodes[g->nnodes] = (graph_node){ Mo_NewRef(op), depth };
    *slot = ++g->nnodes;
    return g->nnodes - 1;
}

static int graph_add_edge(graph *g, MoObject *to, int weak)
{
    if (MoType_Check(to))
        return 0;   /* classes are left out (see the top of the file) */
    Mo_ssize_t from = g->current;
    Mo_ssize_t i = graph_node_for(g, to, g->nodes[from].depth + 1);
    if (i < 0 || graph_reserve((void **)&g->edges, &g->edges_cap, g->nedges, sizeof(graph_edge)) < 0)
        return -1;
    g->edges[g->nedges++] = (graph_edge){ from, i, weak };
    return 0;
}

static int graph_visit(MoObject *op, void *arg)
{
    return graph_add_edge(arg, op, 0);
}

static void graph_free(graph *g)
{
    for (Mo_ssize_t i = 0; i < g->nnodes; i++)
        Mo_DECREF(g->nodes[i].op);
    MoMem_Free(g->nodes);
    MoMem_Free(g->edges);
    MoMem_Free(g->index);
}

/* ------------------------------------------------------------------ the walk */

/* region graph_walk */
/* Breadth first: the node list is the queue (nodes are appended as found). */
static int graph_walk(graph *g, MoObject *root, int max_depth)
{
    if (graph_node_for(g, root, 0) < 0)
        return -1;
    for (Mo_ssize_t i = 0; i < g->nnodes; i++) {
        MoObject *op = g->nodes[i].op;
        if (g->nodes[i].depth >= max_depth)
            continue;
        g->current = i;
        traverseproc traverse = Mo_TYPE(op)->tp_traverse;
        if (traverse != NULL && traverse(op, graph_visit, g) != 0)
            return -1;
        if (MoWeakref_Check(op)) {
            MoObject *referent = MoWeakref_GetObject(op);
            if (referent != NULL && referent != Mo_None && graph_add_edge(g, referent, 1) < 0)
                return -1;
        }
    }
    return 0;
}
/* endregion graph_walk */

/* ---------------------------------------------------------------- the output */

/* Write s into a DOT string: quotes and backslashes escaped, control characters
   shown as '?'. */
static void dot_write_escaped(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fputc('\\', out);
        fputc(c < 0x20 ? '?' : c, out);
    }
}

/* The short repr: at most LABEL_REPR_MAX characters (code points), "..." after a
   cut. A repr that fails shows as "<repr failed>". */
static void dot_write_repr(FILE *out, MoObject *op)
{
    MoObject *r = MoObject_Repr(op);
    if (r == NULL) {
        MoErr_Clear();
        fputs("<repr failed>", out);
        return;
    }
    const char *s = MoUnicode_AsUTF8(r);
    if (s == NULL) {
        MoErr_Clear();
        fputs("<repr failed>", out);
        Mo_DECREF(r);
        return;
    }
    size_t len = strlen(s), cut = 0;
    Mo_ssize_t chars = 0;
    while (cut < len && chars < LABEL_REPR_MAX) {
        cut++;
        while (cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut++;   /* the rest of a UTF-8 sequence */
        chars++;
    }
    dot_write_escaped(out, s, cut);
    if (cut < len)
        fputs("...", out);
    Mo_DECREF(r);
}

static void dot_write(FILE *out, graph *g)
{
    fputs("digraph ObjectGraph {\n", out);
    fputs("  node [shape=box, style=filled, fillcolor=white, fontname=\"Helvetica\"];\n", out);
    for (Mo_ssize_t i = 0; i < g->nnodes; i++) {
        MoObject *op = g->nodes[i].op;
        fprintf(out, "  n%zd [label=\"", i);
        dot_write_escaped(out, Mo_TYPE(op)->tp_name, strlen(Mo_TYPE(op)->tp_name));
        fputs("\\n", out);
        dot_write_repr(out, op);
        /* Our own reference is not the program's. */
        fprintf(out, "\\nrefcount %zd\"%s];\n", Mo_REFCNT(op) - 1, i == 0 ? ", fillcolor=\"#ffe0a0\"" : "");
    }
    for (Mo_ssize_t i = 0; i < g->nedges; i++)
        fprintf(out, "  n%zd -> n%zd%s;\n", g->edges[i].from, g->edges[i].to,
                g->edges[i].weak ? " [style=dashed]" : "");
    fputs("}\n", out);
}

int MoGraph_WriteDot(FILE *out, MoObject *root, int max_depth)
{
    if (max_depth < 0) {
        MoErr_SetString(MoExc_ValueError, "max_depth must be >= 0");
        return -1;
    }
    graph g;
    memset(&g, 0, sizeof g);
    int res = graph_walk(&g, root, max_depth);
    if (res == 0)
        dot_write(out, &g);
    graph_free(&g);
    return res;
}
