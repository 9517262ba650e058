/* Lab 04 grader, part B: the cycle finder (labs/04-cycles/cycles.h).
 *
 * The expected results follow the walk cycles.h defines: referents in
 * gc.get_referents order (a list's items from the last to the first, as its
 * tp_traverse visits them; a dict's keys and values), one cycle per back edge, each
 * object explored once. Each test checks the cycles by identity.
 */
#include "harness.h"
#include "cycles.h"
#include "node.h"

MG_LAB_SETUP(Node_Ready)

/* new */
static MoObject *list_of(int n, MoObject **items)
{
    MoObject *l = mg_ok(MoList_New(0), "MoList_New");
    for (int i = 0; i < n; i++)
        if (MoList_Append(l, items[i]) < 0)
            ck_abort_msg("MoList_Append failed");
    return l;
}

/* new: Cycles_Find(root), checked to be a list */
static MoObject *find(MoObject *root)
{
    MoObject *r = mg_ok(Cycles_Find(root), "Cycles_Find");
    ck_assert_msg(MoList_Check(r), "Cycles_Find did not return a list");
    return r;
}

/* Cycle number i of found is exactly items[0..n-1], by identity. */
static void expect_cycle(MoObject *found, Mo_ssize_t i, int n, MoObject **items, const char *what)
{
    ck_assert_msg(MoList_Size(found) > i, "%s: only %zd cycles found, expected cycle %zd", what,
                  MoList_Size(found), i + 1);
    MoObject *c = MoList_GetItem(found, i);
    ck_assert_msg(MoList_Check(c) && MoList_Size(c) == n, "%s: cycle %zd has %zd objects, expected %d", what,
                  i + 1, MoList_Check(c) ? MoList_Size(c) : -1, n);
    for (int k = 0; k < n; k++)
        if (MoList_GetItem(c, k) != items[k])
            ck_abort_msg("%s: object %d of cycle %zd is not the one expected", what, k + 1, i + 1);
}

static void expect_count(MoObject *found, Mo_ssize_t n, const char *what)
{
    ck_assert_msg(MoList_Size(found) == n, "%s: %zd cycles found, expected %zd", what, MoList_Size(found), n);
}

/* Empty every list of ls (breaking the test's cycles), then release them. */
static void drop_lists(int n, MoObject **ls)
{
    for (int i = 0; i < n; i++)
        MoList_Clear(ls[i]);
    for (int i = 0; i < n; i++)
        Mo_DECREF(ls[i]);
}

MG_TEST(find_a_self_reference, 3, "a = [1]; a.append(a): one cycle, [a]")
{
    MoObject *a = mg_ok(MoList_New(0), "MoList_New");
    ck_assert_int_eq(MoList_Append(a, a), 0);
    MoObject *found = find(a);
    expect_count(found, 1, "a list in itself");
    expect_cycle(found, 0, 1, &a, "a list in itself");
    Mo_DECREF(found);
    drop_lists(1, &a);
}

MG_TEST(find_a_node_pair, 3, "nodes a <-> b: one cycle, [a, a's edges, b, b's edges]")
{
    MoObject *a = mg_ok(Node_New(NULL, "a"), "Node_New"), *b = mg_ok(Node_New(NULL, "b"), "Node_New");
    ck_assert_int_eq(Node_AddEdge(a, b), 0);
    ck_assert_int_eq(Node_AddEdge(b, a), 0);
    MoObject *found = find(a);
    MoObject *expected[] = { a, ((NodeObject *)a)->edges, b, ((NodeObject *)b)->edges };
    expect_count(found, 1, "two nodes");
    expect_cycle(found, 0, 4, expected, "two nodes");
    Mo_DECREF(found);
    MoList_Clear(((NodeObject *)a)->edges);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

MG_TEST(find_a_cycle_through_a_dict, 4, "root = [d], d = {'x': root}: one cycle, [root, d]")
{
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    MoObject *root = list_of(1, &d);
    ck_assert_int_eq(MoDict_SetItemString(d, "x", root), 0);
    MoObject *found = find(root);
    MoObject *expected[] = { root, d };
    expect_count(found, 1, "a list and a dict");
    expect_cycle(found, 0, 2, expected, "a list and a dict");
    Mo_DECREF(found);
    MoDict_Clear(d);
    Mo_DECREF(d);
    Mo_DECREF(root);
}

MG_TEST(find_each_cycle_once, 4, "a self-cycle reached by two paths is reported once")
{
    MoObject *c = mg_ok(MoList_New(0), "MoList_New");
    ck_assert_int_eq(MoList_Append(c, c), 0);
    MoObject *x = list_of(1, &c), *y = list_of(1, &c);
    MoObject *xy[] = { x, y };
    MoObject *root = list_of(2, xy);
    MoObject *found = find(root);
    expect_count(found, 1, "one cycle, two ways to it");
    expect_cycle(found, 0, 1, &c, "one cycle, two ways to it");
    Mo_DECREF(found);
    MoObject *all[] = { root, x, y, c };
    drop_lists(4, all);
}

MG_TEST(find_nothing_in_a_tree, 3, "a tree of lists and dicts has no cycle: []")
{
    MoObject *leaf1 = mg_ok(MoList_New(0), "MoList_New"), *leaf2 = mg_ok(MoDict_New(), "MoDict_New");
    MoObject *leaves[] = { leaf1, leaf2, leaf1 };
    MoObject *root = list_of(3, leaves);
    MoObject *found = find(root);
    expect_count(found, 0, "a tree");
    Mo_DECREF(found);
    Mo_DECREF(root);
    Mo_DECREF(leaf1);
    Mo_DECREF(leaf2);
}

MG_TEST(find_two_back_edges, 2, "root = [x], x = [y, root], y = [x]: [root, x] and [x, y], in that order")
{
    MoObject *root = mg_ok(MoList_New(0), "MoList_New"), *x = mg_ok(MoList_New(0), "MoList_New");
    MoObject *y = list_of(1, &x);
    ck_assert_int_eq(MoList_Append(root, x), 0);
    ck_assert_int_eq(MoList_Append(x, y), 0);      /* visited last: items from the end */
    ck_assert_int_eq(MoList_Append(x, root), 0);   /* visited first */
    MoObject *found = find(root);
    MoObject *c1[] = { root, x }, *c2[] = { x, y };
    expect_count(found, 2, "two back edges");
    expect_cycle(found, 0, 2, c1, "two back edges");
    expect_cycle(found, 1, 2, c2, "two back edges");
    Mo_DECREF(found);
    MoObject *all[] = { root, x, y };
    drop_lists(3, all);
}

MG_TEST(find_leaves_nothing_alive, 3, "after the result is released, every count and the number of live objects are as before")
{
    MoObject *a = mg_ok(MoList_New(0), "MoList_New"), *b = list_of(1, &a);
    ck_assert_int_eq(MoList_Append(a, b), 0);
    Mo_ssize_t live = mg_live();
    MoObject *found = find(a);
    Mo_DECREF(found);
    mg_assert_refcnt(a, 2, "a after the search");
    mg_assert_refcnt(b, 2, "b after the search");
    mg_assert_no_new_objects(live, "after the search");
    MoObject *all[] = { a, b };
    drop_lists(2, all);
}

MG_TEST(find_in_a_deep_chain, 4, "10,000 nested lists, the last holding the first: one cycle of 10,000 objects")
{
    MoObject *head = mg_ok(MoList_New(0), "MoList_New"), *tail = Mo_NewRef(head);
    for (int i = 1; i < 10000; i++) {
        MoObject *l = mg_ok(MoList_New(0), "MoList_New");
        if (MoList_Append(tail, l) < 0)
            ck_abort_msg("MoList_Append failed");
        Mo_SETREF(tail, l);
    }
    ck_assert_int_eq(MoList_Append(tail, head), 0);
    Mo_DECREF(tail);
    MoObject *found = find(head);
    expect_count(found, 1, "a deep chain");
    MoObject *c = MoList_GetItem(found, 0);
    ck_assert_msg(MoList_Size(c) == 10000 && MoList_GetItem(c, 0) == head,
                  "the cycle has %zd objects, expected 10000 starting at the head", MoList_Size(c));
    Mo_DECREF(found);
    MoList_Clear(head);   /* frees the chain, the trashcan keeping the stack short */
    Mo_DECREF(head);
}

MG_TEST(find_skips_classes, 2, "an instance whose attribute is itself: a cycle through it, and no class in any cycle")
{
    MoObject *cls = mg_ok(MoClass_New("Holder", NULL), "MoClass_New");
    MoObject *inst = mg_ok(MoObject_CallNoArgs(cls), "Holder()");
    ck_assert_int_eq(MoObject_SetAttrString(inst, "me", inst), 0);
    MoObject *found = find(inst);
    expect_count(found, 1, "an instance in itself");
    MoObject *c = MoList_GetItem(found, 0);
    ck_assert_msg(MoList_Size(c) >= 1 && MoList_GetItem(c, 0) == inst, "the cycle does not start at the instance");
    for (Mo_ssize_t i = 0; i < MoList_Size(c); i++)
        if (MoType_Check(MoList_GetItem(c, i)))
            ck_abort_msg("a class is part of a reported cycle");
    Mo_DECREF(found);
    ck_assert_int_eq(MoObject_DelAttrString(inst, "me"), 0);
    Mo_DECREF(inst);
    Mo_DECREF(cls);
}

MG_TEST(find_out_of_memory, 2, "Cycles_Find when memory runs out at any step: NULL with MemoryError, nothing left behind")
{
    MoObject *a = mg_ok(MoList_New(0), "MoList_New"), *b = list_of(1, &a);
    ck_assert_int_eq(MoList_Append(a, b), 0);
    ck_assert_int_eq(MoList_Append(a, a), 0);
    for (long limit = 0; limit < 200; limit++) {
        Mo_ssize_t before = mg_live();
        mg_alloc_limit(limit);
        MoObject *found = Cycles_Find(a);
        int failed = mg_alloc_failed();
        mg_alloc_unlimited();
        if (found != NULL) {
            Mo_DECREF(found);
            if (!failed)
                break;
            continue;
        }
        mg_assert_exc(MoExc_MemoryError, NULL, "Cycles_Find with memory running out");
        mg_assert_no_new_objects(before, "a Cycles_Find that ran out of memory");
    }
    mg_assert_refcnt(a, 3, "a after the searches");
    MoObject *all[] = { a, b };
    drop_lists(2, all);
}
