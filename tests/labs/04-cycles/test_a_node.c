/* Lab 04 grader, part A: the Node type (labs/04-cycles/node.h).
 *
 * The tests ask the collector itself: how many unreachable objects gc.collect()
 * finds (a Node with its edges list is two objects), what gc.get_referents sees, and
 * whether everything is gone afterwards (the leak pass). Several run under the stress
 * switch, a collection at every allocation of a container, so that a node the
 * collector sees too early, or a dying node it still sees, is caught at once.
 */
#include "harness.h"
#include "node.h"

MG_LAB_SETUP(Node_Ready)

/* ------------------------------------------------------------------ helpers */

/* new */
static MoObject *node(MoObject *graph, const char *name)
{
    return mg_ok(Node_New(graph, name), "Node_New");
}

static void edge(MoObject *from, MoObject *to)
{
    ck_assert_msg(Node_AddEdge(from, to) == 0, "Node_AddEdge failed: %s", mg_exc_text());
}

static void set_value(MoObject *n, MoObject *v)
{
    ck_assert_msg(Node_SetValue(n, v) == 0, "Node_SetValue failed: %s", mg_exc_text());
}

/* A full collection from a clean start: what came before is gone first. */
static void clean(void)
{
    MoGC_Collect();
}

static void expect_collect(Mo_ssize_t expected, const char *what)
{
    Mo_ssize_t got = MoGC_Collect();
    ck_assert_msg(got == expected, "gc.collect() after %s returned %zd, expected %zd", what, got, expected);
}

/* new: a str made at run time (count 1) */
static MoObject *text(const char *s)
{
    return mg_ok(MoUnicode_FromString(s), "MoUnicode_FromString");
}

/* The finalizer the tests install: counts its calls, and appends the node to
   `saved` when saved is set (a resurrection). */
static int finalizer_calls;
static MoObject *saved;

static MoObject *count_finalizer(MoObject *unused, MoObject *args)
{
    (void)unused;
    finalizer_calls++;
    if (saved != NULL && MoList_Append(saved, MoTuple_GetItem(args, 0)) < 0)
        return NULL;
    return MoLong_FromLong(100000 + finalizer_calls);   /* a result the finalizer must release */
}

static void set_counting_finalizer(MoObject *n)
{
    MoObject *f = mg_ok(MoCFunction_New("on_finalize", count_finalizer, NULL), "MoCFunction_New");
    ck_assert_msg(Node_SetFinalizer(n, f) == 0, "Node_SetFinalizer failed: %s", mg_exc_text());
    Mo_DECREF(f);
}

/* A non-GC type whose dealloc allocates a container (a set, which no free list
   serves): under the stress switch, that allocation runs a collection in the middle
   of whoever frees it. */
static void noisy_dealloc(MoObject *self)
{
    MoObject *l = MoSet_New(NULL);
    Mo_XDECREF(l);
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject NoisyType = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "grader.Noisy",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = noisy_dealloc,
};

/* ------------------------------------------------------------------ the node */

MG_TEST(node_new_sets_the_fields, 2, "Node_New: name, an empty edges list, no value, the graph holds the node")
{
    MoObject *graph = mg_ok(MoList_New(0), "MoList_New");
    MoObject *n = node(graph, "a");
    NodeObject *o = (NodeObject *)n;
    mg_assert_repr(o->name, "'a'", "the name");
    mg_assert_repr(o->edges, "[]", "the edges");
    ck_assert_msg(o->value == NULL && o->on_finalize == NULL, "value and on_finalize must start NULL");
    ck_assert_msg(o->graph == graph, "the node's graph field is not the graph it was given");
    ck_assert_msg(MoList_Size(graph) == 1 && MoList_GetItem(graph, 0) == n, "the graph does not hold the node");
    mg_assert_refcnt(n, 2, "a node in a graph (ours and the graph's)");
    mg_assert_refcnt(graph, 1, "the graph (the node's pointer is borrowed)");
    Mo_DECREF(n);
    Mo_DECREF(graph);
}

MG_TEST(node_is_collectable, 4, "Node_Type has MO_TPFLAGS_HAVE_GC and a new node is tracked by the collector")
{
    ck_assert_msg(MoType_IS_GC(&Node_Type), "Node_Type lacks MO_TPFLAGS_HAVE_GC: the collector cannot see Nodes");
    MoObject *n = node(NULL, "a");
    ck_assert_msg(MoGC_IsTracked(n), "gc.is_tracked(node) is False after Node_New");
    Mo_DECREF(n);
}

MG_TEST(node_add_edge_owns_a_reference, 2, "Node_AddEdge takes a reference of its own, released with the node")
{
    MoObject *n = node(NULL, "a"), *t = text("target");
    edge(n, t);
    mg_assert_refcnt(t, 2, "the target after Node_AddEdge");
    Mo_DECREF(n);
    mg_assert_refcnt(t, 1, "the target after the node died");
    Mo_DECREF(t);
}

MG_TEST(node_set_value_replaces, 2, "Node_SetValue owns its value and releases the one it replaces")
{
    MoObject *n = node(NULL, "a"), *v1 = text("one"), *v2 = text("two");
    set_value(n, v1);
    mg_assert_refcnt(v1, 2, "value 1 once set");
    set_value(n, v2);
    mg_assert_refcnt(v1, 1, "value 1 once replaced");
    mg_assert_refcnt(v2, 2, "value 2 once set");
    set_value(n, NULL);
    mg_assert_refcnt(v2, 1, "value 2 once cleared");
    Mo_DECREF(n);
    Mo_DECREF(v1);
    Mo_DECREF(v2);
}

MG_TEST(node_traverse_visits_what_it_owns, 4, "gc.get_referents(node) is [name, edges, value, on_finalize], never the graph")
{
    MoObject *graph = mg_ok(MoList_New(0), "MoList_New");
    MoObject *n = node(graph, "a"), *v = text("v");
    NodeObject *o = (NodeObject *)n;
    MoObject *r = mg_ok(MoGC_GetReferents(n), "gc.get_referents");
    ck_assert_msg(MoList_Size(r) == 2 && MoList_GetItem(r, 0) == o->name && MoList_GetItem(r, 1) == o->edges,
                  "gc.get_referents(new node) has %zd items, expected [name, edges]", MoList_Size(r));
    Mo_DECREF(r);
    set_value(n, v);
    set_counting_finalizer(n);
    r = mg_ok(MoGC_GetReferents(n), "gc.get_referents");
    ck_assert_msg(MoList_Size(r) == 4 && MoList_GetItem(r, 2) == v && MoList_GetItem(r, 3) == o->on_finalize,
                  "gc.get_referents(node with value and finalizer) has %zd items, expected [name, edges, value, "
                  "on_finalize]", MoList_Size(r));
    Mo_DECREF(r);
    Mo_DECREF(n);
    Mo_DECREF(graph);
    Mo_DECREF(v);
}

/* ---------------------------------------------------------------- the cycles */

MG_TEST(node_self_cycle_collected, 4, "n -> n: after del, gc.collect() finds 2 (the node and its edges list)")
{
    clean();
    MoObject *n = node(NULL, "a");
    edge(n, n);
    Mo_DECREF(n);
    expect_collect(2, "a node with an edge to itself");
}

MG_TEST(node_pair_cycle_collected, 4, "a -> b -> a: gc.collect() finds 4, and nothing is left")
{
    clean();
    Mo_ssize_t live = mg_live();
    MoObject *a = node(NULL, "a"), *b = node(NULL, "b");
    edge(a, b);
    edge(b, a);
    Mo_DECREF(a);
    Mo_DECREF(b);
    expect_collect(4, "two nodes with edges to each other");
    mg_assert_no_new_objects(live, "after the collection");
}

MG_TEST(node_cycle_through_value, 3, "n.value = n: the collector sees the value field")
{
    clean();
    MoObject *n = node(NULL, "a");
    set_value(n, n);
    Mo_DECREF(n);
    expect_collect(2, "a node whose value is itself");
}

MG_TEST(node_cycle_through_a_dict, 4, "n.value = {'me': n}: gc.collect() finds 3")
{
    clean();
    MoObject *n = node(NULL, "a"), *d = mg_ok(MoDict_New(), "MoDict_New");
    ck_assert_int_eq(MoDict_SetItemString(d, "me", n), 0);
    set_value(n, d);
    Mo_DECREF(d);
    Mo_DECREF(n);
    expect_collect(3, "a node whose value is a dict that holds it");
}

MG_TEST(node_cycle_through_a_list_and_an_instance, 4, "n -> [inst], inst.node = n: gc.collect() finds 4")
{
    clean();
    MoObject *cls = mg_ok(MoClass_New("Holder", NULL), "MoClass_New");
    MoObject *inst = mg_ok(MoObject_CallNoArgs(cls), "Holder()");
    MoObject *n = node(NULL, "a"), *l = mg_ok(MoList_New(0), "MoList_New");
    ck_assert_int_eq(MoList_Append(l, inst), 0);
    ck_assert_int_eq(MoObject_SetAttrString(inst, "node", n), 0);
    edge(n, l);
    Mo_DECREF(l);
    Mo_DECREF(inst);
    Mo_DECREF(n);
    expect_collect(4, "node -> list -> instance -> node");
    Mo_DECREF(cls);
}

MG_TEST(node_graph_stays_alive, 4, "nodes held by a graph list survive collections with their counts unchanged")
{
    clean();
    MoObject *graph = mg_ok(MoList_New(0), "MoList_New");
    MoObject *a = node(graph, "a"), *b = node(graph, "b"), *c = node(graph, "c");
    edge(a, b);
    edge(b, c);
    edge(c, a);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
    expect_collect(0, "three nodes in a ring, held by their graph");
    mg_assert_refcnt(a, 2, "node a (the graph and c's edge)");
    mg_assert_refcnt(graph, 1, "the graph");
    Mo_DECREF(graph);
    expect_collect(6, "the graph was released");
}

MG_TEST(node_clear_breaks_the_cycle, 4, "tp_clear drops every owned reference, leaving NULLs; the node then dies normally")
{
    clean();
    Mo_ssize_t live = mg_live();
    MoObject *n = node(NULL, "a");
    edge(n, n);
    set_value(n, n);
    ck_assert_msg(Node_Type.tp_clear != NULL, "Node_Type has no tp_clear");
    Node_Type.tp_clear(n);
    NodeObject *o = (NodeObject *)n;
    ck_assert_msg(o->name == NULL && o->edges == NULL && o->value == NULL && o->on_finalize == NULL,
                  "after tp_clear a field still points somewhere");
    mg_assert_refcnt(n, 1, "the node after tp_clear (ours only)");
    Mo_DECREF(n);
    mg_assert_no_new_objects(live, "after the node died");
}

MG_TEST(node_dealloc_untracks_first, 4, "stress mode: a node whose value allocates while it dies is not seen dead by the collector")
{
    ck_assert_int_eq(MoType_Ready(&NoisyType), 0);
    MoGC_SetStress(1);
    for (int i = 0; i < 20; i++) {
        MoObject *n = node(NULL, "a");
        MoObject *noisy = mg_ok(_MoObject_New(&NoisyType), "a Noisy object");
        set_value(n, noisy);
        Mo_DECREF(noisy);
        Mo_DECREF(n);
    }
    MoGC_SetStress(0);
}

MG_TEST(node_tracked_once_ready, 4, "stress mode: Node_New tracks the node only when its fields are set")
{
    MoGC_SetStress(1);
    MoObject *graph = mg_ok(MoList_New(0), "MoList_New");
    for (int i = 0; i < 50; i++) {
        MoObject *n = node(graph, "n");
        if (!MoGC_IsTracked(n))
            ck_abort_msg("node %d is not tracked after Node_New", i);
        Mo_DECREF(n);
    }
    Mo_DECREF(graph);
    MoGC_SetStress(0);
}

/* ------------------------------------------------------------- finalizers */

MG_TEST(node_finalizer_runs_once, 4, "a collected node calls on_finalize once, before its cycle is broken")
{
    clean();
    finalizer_calls = 0;
    saved = NULL;
    MoObject *n = node(NULL, "a");
    edge(n, n);
    set_counting_finalizer(n);
    Mo_DECREF(n);
    expect_collect(3, "a node with a finalizer in a self-cycle (node, edges, finalizer)");
    ck_assert_msg(finalizer_calls == 1, "on_finalize ran %d times, expected once", finalizer_calls);
}

MG_TEST(node_finalizer_resurrects, 4, "on_finalize saves the node: collect() finds 0, the node lives, and is never finalized again")
{
    clean();
    finalizer_calls = 0;
    saved = mg_ok(MoList_New(0), "MoList_New");
    MoObject *n = node(NULL, "a");
    edge(n, n);
    set_counting_finalizer(n);
    Mo_DECREF(n);
    expect_collect(0, "a finalizer that resurrects its node");
    ck_assert_msg(MoList_Size(saved) == 1 && MoList_GetItem(saved, 0) == n, "the node was not saved");
    ck_assert_msg(MoGC_IsFinalized(n), "gc.is_finalized(node) is False after its finalizer ran");
    mg_assert_refcnt(n, 2, "the resurrected node (saved and its own edge)");
    ck_assert_int_eq(MoList_Clear(saved), 0);
    expect_collect(3, "the resurrected node was dropped again");
    ck_assert_msg(finalizer_calls == 1, "on_finalize ran %d times, expected once", finalizer_calls);
    Mo_CLEAR(saved);
}

MG_TEST(node_finalizer_in_plain_dealloc, 2, "without a cycle, the last DECREF calls on_finalize once, and a resurrection stops the dealloc")
{
    finalizer_calls = 0;
    saved = mg_ok(MoList_New(0), "MoList_New");
    MoObject *n = node(NULL, "a");
    set_counting_finalizer(n);
    Mo_DECREF(n);   /* saved by its finalizer */
    ck_assert_msg(finalizer_calls == 1, "on_finalize ran %d times at the last DECREF, expected once", finalizer_calls);
    ck_assert_msg(MoList_Size(saved) == 1, "the finalizer could not save the node");
    mg_assert_refcnt(MoList_GetItem(saved, 0), 1, "the resurrected node");
    ck_assert_int_eq(MoList_Clear(saved), 0);   /* dies for good, no second call */
    ck_assert_msg(finalizer_calls == 1, "on_finalize ran %d times, expected once", finalizer_calls);
    Mo_CLEAR(saved);
}

/* ------------------------------------------------------------ at scale */

/* new: the head of a chain of n nodes, each with an edge to the next; *tail gets a
   new reference to the last one. */
static MoObject *node_chain(int n, MoObject **tail)
{
    MoObject *head = node(NULL, "0");
    *tail = Mo_NewRef(head);
    for (int i = 1; i < n; i++) {
        MoObject *next = node(NULL, "n");
        edge(*tail, next);
        Mo_SETREF(*tail, next);
    }
    return head;
}

MG_TEST(node_deep_chain_freed, 4, "a chain of 5,000 nodes is freed by its last DECREF, without overflowing the stack")
{
    Mo_ssize_t live = mg_live();
    MoObject *tail;
    MoObject *head = node_chain(5000, &tail);
    Mo_DECREF(tail);
    Mo_DECREF(head);
    mg_assert_no_new_objects(live, "after the chain's head was released");
}

MG_TEST(node_deep_ring_collected, 2, "a ring of 2,000 nodes is found and freed by one collection: 4,000")
{
    clean();
    MoObject *tail;
    MoObject *head = node_chain(2000, &tail);
    edge(tail, head);
    Mo_DECREF(tail);
    Mo_DECREF(head);
    expect_collect(4000, "a ring of 2,000 nodes");
}

MG_TEST(node_stress_graph, 3, "stress mode: 300 nodes with edges and dict values, all collected and nothing left")
{
    clean();
    Mo_ssize_t live = mg_live();
    MoGC_SetStress(1);
    MoObject *graph = mg_ok(MoList_New(0), "MoList_New");
    for (int i = 0; i < 300; i++)
        Mo_DECREF(node(graph, "n"));
    for (int i = 0; i < 300; i++) {
        MoObject *n = MoList_GetItem(graph, i);
        edge(n, MoList_GetItem(graph, (i * 7 + 3) % 300));
        MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
        if (MoDict_SetItemString(d, "back", MoList_GetItem(graph, (i + 1) % 300)) < 0)
            ck_abort_msg("dict insert failed");
        set_value(n, d);
        Mo_DECREF(d);
    }
    Mo_DECREF(graph);
    MoGC_SetStress(0);
    MoGC_Collect();
    mg_assert_no_new_objects(live, "after the graph was dropped and collected");
}

MG_TEST(node_new_out_of_memory, 2, "Node_New when memory runs out at any step: NULL with MemoryError, nothing left behind")
{
    MoObject *graph = mg_ok(MoList_New(0), "MoList_New");
    for (long limit = 0; limit < 40; limit++) {
        Mo_ssize_t before = mg_live(), size = MoList_Size(graph);
        mg_alloc_limit(limit);
        MoObject *n = Node_New(graph, "a node with a long name, made at run time");
        int failed = mg_alloc_failed();
        mg_alloc_unlimited();
        if (n != NULL) {
            if (MoList_Size(graph) != size + 1)
                ck_abort_msg("Node_New succeeded but the graph does not hold the node");
            Mo_DECREF(n);
            if (!failed)
                break;
            continue;
        }
        mg_assert_exc(MoExc_MemoryError, NULL, "Node_New with memory running out");
        if (MoList_Size(graph) != size)
            ck_abort_msg("a Node_New that failed left the graph changed");
        mg_assert_no_new_objects(before, "a Node_New that ran out of memory");
    }
    MoList_Clear(graph);
    Mo_DECREF(graph);
}
