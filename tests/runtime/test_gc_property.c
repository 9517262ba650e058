/* A property test of the collector against a model.
 *
 * For each of many random graphs (seeded PRNG, so a failure can be replayed):
 *  1. build N nodes of mixed kinds (lists, dicts, plain instances, slotted
 *     instances with and without __weakref__, a static GC test type, and weak
 *     references with callbacks) and random strong edges between them, recording
 *     every edge in a model (an edge into an existing dict key or slot replaces
 *     the old one, as in the heap);
 *  2. sometimes run a young collection (moving the nodes to older generations);
 *  3. drop the external references of a random subset of nodes;
 *  4. run a full collection and compare with the model's reachability from the
 *     nodes still held:
 *     - every unreachable node was freed exactly once, no reachable one was
 *       (each node carries a marker object, non-GC, whose tp_dealloc counts: it
 *       dies when its holder is freed or cleared; the static type counts itself);
 *     - reachable containers still hold every edge (nothing reachable was
 *       cleared);
 *     - a reachable weakref's callback ran exactly once iff its referent died;
 *       an unreachable weakref's ran at most once (it may see its referent die
 *       first by reference counting);
 *  5. drop the rest, collect: everything is freed, and the total reference count
 *     and the live-object count are back to where they started.
 */
#include <stdlib.h>
#include "testutil.h"

#define MAX_NODES 12

/* ============================================================== the PRNG */

static uint64_t prng_state;

static uint64_t prng_next(void)
{
    /* xorshift64* */
    prng_state ^= prng_state >> 12;
    prng_state ^= prng_state << 25;
    prng_state ^= prng_state >> 27;
    return prng_state * 0x2545F4914F6CDD1DULL;
}

static int prng_below(int n)
{
    return (int)(prng_next() % (uint64_t)n);
}

/* ====================================================== the counting types */

static int died[MAX_NODES];   /* frees seen, per node id */

/* The marker: an atomic object that records its holder's death. */
typedef struct {
    MoObject_HEAD
    int id;
} MarkerObject;

static void marker_dealloc(MoObject *self)
{
    died[((MarkerObject *)self)->id]++;
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject MarkerType = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "Marker",
    .tp_basicsize = sizeof(MarkerObject),
    .tp_dealloc = marker_dealloc,
};

/* A static GC type with three reference fields, weakrefable, that counts its own
   death. */
typedef struct {
    MoObject_HEAD
    int id;
    MoObject *fields[3];
    MoObject *weakreflist;
} NodeObject;

static int node_traverse(MoObject *self, visitproc visit, void *arg)
{
    for (int i = 0; i < 3; i++)
        Mo_VISIT(((NodeObject *)self)->fields[i]);
    return 0;
}

static int node_clear(MoObject *self)
{
    for (int i = 0; i < 3; i++)
        Mo_CLEAR(((NodeObject *)self)->fields[i]);
    return 0;
}

static void node_dealloc(MoObject *self)
{
    NodeObject *n = (NodeObject *)self;
    MoObject_GC_UnTrack(self);
    if (n->weakreflist != NULL)
        MoObject_ClearWeakRefs(self);
    node_clear(self);
    died[n->id]++;
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject NodeType = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "Node",
    .tp_basicsize = sizeof(NodeObject),
    .tp_dealloc = node_dealloc,
    .tp_flags = MO_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_weaklistoffset = offsetof(NodeObject, weakreflist),
};

/* ============================================================== the model */

enum kind { K_LIST, K_DICT, K_PLAIN, K_SLOTTED, K_SLOTTED_WEAK, K_NODE, K_WEAKREF, K_COUNT };

/* How many keyed places a node has for edges (lists: append, unbounded). */
static const int kind_places[K_COUNT] = { 0, 4, 4, 2, 2, 3, 0 };

typedef struct {
    enum kind kind;
    MoObject *obj;          /* borrowed once dropped; our reference while held */
    int held;               /* the test still holds a reference (a root) */
    int targets[MAX_NODES * 3];   /* list: appended targets; others: per place, -1 none */
    int ntargets;
    int referent;           /* weakref: the node it refers to */
    int fired;              /* weakref: callback calls */
    int reachable;
} model_node;

static model_node nodes[MAX_NODES];
static int nnodes;
static MoObject *Plain, *Slotted, *SlottedWeak;

static int weakrefable(enum kind k)
{
    return k == K_PLAIN || k == K_SLOTTED_WEAK || k == K_NODE;
}

/* The shared weakref callback: find which weakref node fired. */
static MoObject *weakref_fired(MoObject *self, MoObject *args)
{
    (void)self;
    MoObject *wr = MoTuple_GetItem(args, 0);
    for (int i = 0; i < nnodes; i++)
        if (nodes[i].kind == K_WEAKREF && nodes[i].obj == wr)
            nodes[i].fired++;
    Mo_RETURN_NONE;
}

static MoObject *callback;

static const char *const place_names[4] = { "k0", "k1", "k2", "k3" };
static const char *const slot_names[2] = { "a", "b" };

/* new: a node of kind k with id i and its marker. */
static MoObject *node_create(enum kind k, int i)
{
    MoObject *o = NULL;
    switch (k) {
    case K_LIST:
        o = mt_ok(MoList_New(0));
        break;
    case K_DICT:
        o = mt_ok(MoDict_New());
        break;
    case K_PLAIN:
        o = mt_ok(MoObject_CallNoArgs(Plain));
        break;
    case K_SLOTTED:
        o = mt_ok(MoObject_CallNoArgs(Slotted));
        break;
    case K_SLOTTED_WEAK:
        o = mt_ok(MoObject_CallNoArgs(SlottedWeak));
        break;
    case K_NODE: {
        NodeObject *n = MoObject_GC_New(NodeObject, &NodeType);
        ck_assert_ptr_nonnull(n);
        n->id = i;
        n->fields[0] = n->fields[1] = n->fields[2] = NULL;
        n->weakreflist = NULL;
        MoObject_GC_Track(n);
        return (MoObject *)n;
    }
    default:
        ck_abort_msg("no such kind");
    }
    MarkerObject *m = MoObject_New(MarkerObject, &MarkerType);
    ck_assert_ptr_nonnull(m);
    m->id = i;
    if (k == K_LIST)
        ck_assert_int_eq(MoList_Append(o, (MoObject *)m), 0);
    else if (k == K_DICT)
        ck_assert_int_eq(MoDict_SetItemString(o, "m", (MoObject *)m), 0);
    else
        ck_assert_int_eq(MoObject_SetAttrString(o, "m", (MoObject *)m), 0);
    Mo_DECREF(m);
    return o;
}

/* An edge from node f to node t, in the heap and in the model. */
static void edge_add(int f, int t)
{
    model_node *from = &nodes[f];
    MoObject *target = nodes[t].obj;
    int place = kind_places[from->kind] ? prng_below(kind_places[from->kind]) : 0;
    switch (from->kind) {
    case K_LIST:
        ck_assert_int_eq(MoList_Append(from->obj, target), 0);
        from->targets[from->ntargets++] = t;
        return;
    case K_DICT:
        ck_assert_int_eq(MoDict_SetItemString(from->obj, place_names[place], target), 0);
        break;
    case K_PLAIN:
        ck_assert_int_eq(MoObject_SetAttrString(from->obj, place_names[place], target), 0);
        break;
    case K_SLOTTED:
    case K_SLOTTED_WEAK:
        ck_assert_int_eq(MoObject_SetAttrString(from->obj, slot_names[place], target), 0);
        break;
    case K_NODE: {
        NodeObject *n = (NodeObject *)from->obj;
        Mo_XSETREF(n->fields[place], Mo_NewRef(target));
        break;
    }
    default:
        return;   /* weakrefs hold no strong edges */
    }
    from->targets[place] = t;
}

static void graph_build(void)
{
    nnodes = 1 + prng_below(MAX_NODES);
    for (int i = 0; i < nnodes; i++) {
        static const enum kind weights[] = { K_LIST, K_LIST, K_DICT, K_PLAIN, K_PLAIN, K_SLOTTED,
                                             K_SLOTTED_WEAK, K_NODE, K_WEAKREF, K_WEAKREF };
        model_node *n = &nodes[i];
        n->kind = weights[prng_below((int)(sizeof weights / sizeof weights[0]))];
        n->held = 1;
        n->ntargets = kind_places[n->kind];
        for (int p = 0; p < MAX_NODES * 3; p++)
            n->targets[p] = -1;
        n->referent = -1;
        n->fired = 0;
        died[i] = 0;
        if (n->kind == K_WEAKREF) {
            int candidates[MAX_NODES], nc = 0;
            for (int j = 0; j < i; j++)
                if (weakrefable(nodes[j].kind))
                    candidates[nc++] = j;
            if (nc == 0)
                n->kind = K_LIST;   /* nothing to refer to yet */
            else {
                n->referent = candidates[prng_below(nc)];
                n->obj = mt_ok(MoWeakref_NewRef(nodes[n->referent].obj, callback));
                continue;
            }
        }
        n->obj = node_create(n->kind, i);
    }
    int nedges = prng_below(2 * nnodes + 1);
    for (int e = 0; e < nedges; e++)
        edge_add(prng_below(nnodes), prng_below(nnodes));
}

/* The model's reachability: from the held nodes, along strong edges. */
static void model_mark(void)
{
    int stack[MAX_NODES * 4], top = 0;
    for (int i = 0; i < nnodes; i++) {
        nodes[i].reachable = nodes[i].held;
        if (nodes[i].held)
            stack[top++] = i;
    }
    while (top > 0) {
        model_node *n = &nodes[stack[--top]];
        for (int p = 0; p < n->ntargets; p++) {
            int t = n->targets[p];
            if (t >= 0 && !nodes[t].reachable) {
                nodes[t].reachable = 1;
                stack[top++] = t;
            }
        }
    }
}

/* How many edges the node holds in the heap (for a reachable one: intact?). */
static Mo_ssize_t heap_edges(model_node *n)
{
    switch (n->kind) {
    case K_LIST:
        return MoList_Size(n->obj) - 1;   /* the marker */
    case K_DICT:
        return MoDict_Size(n->obj) - 1;
    default:
        return -1;   /* not checked */
    }
}

static Mo_ssize_t model_edges(model_node *n)
{
    if (n->kind == K_LIST)
        return n->ntargets;
    Mo_ssize_t k = 0;
    for (int p = 0; p < n->ntargets; p++)
        k += n->targets[p] >= 0;
    return k;
}

static int node_counts_deaths(model_node *n)
{
    return n->kind != K_WEAKREF;
}

/* region gc_property_check */
static void graph_check(int g)
{
    for (int i = 0; i < nnodes; i++) {
        model_node *n = &nodes[i];
        if (node_counts_deaths(n))
            ck_assert_msg(died[i] == (n->reachable ? 0 : 1), "graph %d node %d (kind %d, %s): freed %d times", g, i,
                          n->kind, n->reachable ? "reachable" : "unreachable", died[i]);
        if (n->reachable && heap_edges(n) >= 0)
            ck_assert_msg(heap_edges(n) == model_edges(n), "graph %d node %d: %zd edges left of %zd", g, i,
                          heap_edges(n), model_edges(n));
        if (n->kind == K_WEAKREF) {
            int referent_died = !nodes[n->referent].reachable;
            if (n->reachable)
                ck_assert_msg(n->fired == referent_died, "graph %d weakref %d: callback ran %d times", g, i,
                              n->fired);
            else
                ck_assert_msg(n->fired <= 1, "graph %d weakref %d: callback ran %d times", g, i, n->fired);
            if (n->reachable) {
                MoObject *r = MoWeakref_GetObject(n->obj);
                ck_assert_msg((r == Mo_None) == referent_died, "graph %d weakref %d: wrong referent", g, i);
            }
        }
    }
}
/* endregion gc_property_check */

static void run_graph(int g)
{
    graph_build();
    if (prng_below(4) == 0)
        MoGC_CollectGeneration(prng_below(2));   /* move some to older generations */
    for (int i = 0; i < nnodes; i++) {
        if (prng_below(3) != 0) {   /* drop two thirds of the roots */
            nodes[i].held = 0;
            Mo_DECREF(nodes[i].obj);
        }
    }
    model_mark();
    MoGC_Collect();
    mt_assert_no_exc();
    graph_check(g);
    for (int i = 0; i < nnodes; i++)
        if (nodes[i].held) {
            nodes[i].held = 0;
            Mo_DECREF(nodes[i].obj);
        }
    MoGC_Collect();
    for (int i = 0; i < nnodes; i++)
        if (node_counts_deaths(&nodes[i]))
            ck_assert_msg(died[i] == 1, "graph %d node %d: freed %d times at the end", g, i, died[i]);
}

START_TEST(random_graphs_match_the_model)
{
    static const char *const slots[] = { "m", "a", "b", NULL };
    static const char *const slots_weak[] = { "m", "a", "b", "__weakref__", NULL };
    ck_assert_int_eq(MoType_Ready(&MarkerType), 0);
    ck_assert_int_eq(MoType_Ready(&NodeType), 0);
    Plain = mt_ok(MoClass_New("Plain", NULL));
    Slotted = mt_ok(MoClass_New("Slotted", slots));
    SlottedWeak = mt_ok(MoClass_New("SlottedWeak", slots_weak));
    callback = mt_ok(MoCFunction_New("fired", weakref_fired, NULL));
    uint64_t seed = 0x5EED0F6C2024ULL;
    const char *env = getenv("MO_GC_PROPERTY_SEED");
    if (env != NULL)
        seed = strtoull(env, NULL, 0);
    prng_state = seed;
    /* A warm-up: the first graphs leave caches behind (the attribute names
       interned, the classes' shared keys), which are not leaks. */
    int warmup = 100, graphs = mt_under_valgrind() ? 1000 : 10000;
    for (int g = 0; g < warmup; g++)
        run_graph(g);
    MoGC_Collect();
    Mo_ssize_t total = MoSys_GetTotalRefCount();
    Mo_ssize_t live = _Mo_LiveObjects();
    for (int g = warmup; g < warmup + graphs; g++)
        run_graph(g);

    MoGC_Collect();
    ck_assert_int_eq(MoSys_GetTotalRefCount(), total);
    ck_assert_int_eq(_Mo_LiveObjects(), live);
    Mo_DECREF(callback);
    Mo_DECREF(Plain);
    Mo_DECREF(Slotted);
    Mo_DECREF(SlottedWeak);
}
END_TEST

Suite *gc_property_suite(void)
{
    Suite *s = suite_create("gc_property");
    TCase *tc = mt_tcase("model");
    tcase_add_test(tc, random_graphs_match_the_model);
    suite_add_tcase(s, tc);
    return s;
}
