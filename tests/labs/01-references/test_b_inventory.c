/* Lab 01 grader, part B: the inventory module (labs/01-references/inventory.h), handed
 * out with six reference-counting bugs.
 *
 * Each test builds its inventory with the dict API directly, so that it depends on the
 * one function it exercises. Counts above 256 are heap objects whose counts show every
 * mistake; the checks say what the count should be and who holds each reference.
 */
#include "harness.h"
#include "inventory.h"

/* ------------------------------------------------------------------ helpers */

/* new: a str made at run time (count 1). */
static MoObject *text(const char *s)
{
    return mg_ok(MoUnicode_FromString(s), "MoUnicode_FromString");
}

static MoObject *number(long v)
{
    return mg_ok(MoLong_FromLong(v), "MoLong_FromLong");
}

/* new: {names[0]: counts[0], ...}, each key and value held by the dict alone. */
static MoObject *inventory_of(int n, const char *const *names, const long *counts)
{
    MoObject *inv = mg_ok(MoDict_New(), "MoDict_New");
    for (int i = 0; i < n; i++) {
        MoObject *k = text(names[i]), *v = number(counts[i]);
        ck_assert_int_eq(MoDict_SetItem(inv, k, v), 0);
        Mo_DECREF(k);
        Mo_DECREF(v);
    }
    return inv;
}

/* borrowed: the key object stored in inv that equals name. */
static MoObject *stored_key(MoObject *inv, const char *name)
{
    Mo_ssize_t pos = 0;
    MoObject *k, *v;
    while (MoDict_Next(inv, &pos, &k, &v))
        if (strcmp(MoUnicode_AsUTF8(k), name) == 0)
            return k;
    ck_abort_msg("the inventory has no key '%s'", name);
    return NULL;
}

static long count_of(MoObject *inv, const char *name)
{
    MoObject *v = MoDict_GetItemString(inv, name);
    ck_assert_msg(v != NULL, "the inventory has no entry '%s'", name);
    return MoLong_AsLong(v);
}

/* ------------------------------------------------------------ Inventory_Add */

MG_TEST(inventory_add_counts, 5, "Inventory_Add creates and updates counts, and the inventory alone holds each key")
{
    MoObject *inv = mg_ok(MoDict_New(), "MoDict_New");
    ck_assert_msg(Inventory_Add(inv, "apples", 300) == 0, "Inventory_Add failed: %s", mg_exc_text());
    ck_assert_msg(Inventory_Add(inv, "pears", 5) == 0, "Inventory_Add failed: %s", mg_exc_text());
    ck_assert_msg(Inventory_Add(inv, "apples", 700) == 0, "Inventory_Add failed: %s", mg_exc_text());
    ck_assert_msg(MoDict_Size(inv) == 2, "the inventory has %zd entries, expected 2", MoDict_Size(inv));
    ck_assert_msg(count_of(inv, "apples") == 1000, "apples: %ld, expected 1000", count_of(inv, "apples"));
    ck_assert_msg(count_of(inv, "pears") == 5, "pears: %ld, expected 5", count_of(inv, "pears"));
    mg_assert_refcnt(stored_key(inv, "apples"), 1, "the key 'apples' stored by Inventory_Add (only the inventory should hold it)");
    mg_assert_refcnt(stored_key(inv, "pears"), 1, "the key 'pears' stored by Inventory_Add (only the inventory should hold it)");
    mg_assert_refcnt(MoDict_GetItemString(inv, "apples"), 1, "the count 1000 stored by Inventory_Add (only the inventory should hold it)");
    Mo_ssize_t before = mg_live();
    Mo_DECREF(inv);
    mg_assert_no_new_objects(before - 4, "freeing the inventory (itself, its 2 keys and the count 1000; 5 is a static small int)");
}

MG_TEST(inventory_add_errors, 2, "Inventory_Add fails cleanly: TypeError for a count that is not an int, OverflowError, SystemError")
{
    static const char *const names[] = { "apples" };
    static const long counts[] = { 1000 };
    MoObject *inv = inventory_of(1, names, counts);
    MoObject *many = text("many");
    ck_assert_int_eq(MoDict_SetItemString(inv, "pears", many), 0);
    MoObject *huge = mg_ok(MoLong_FromString("1180591620717411303424"), "MoLong_FromString");
    ck_assert_int_eq(MoDict_SetItemString(inv, "figs", huge), 0);
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Inventory_Add(inv, "pears", 1) == -1, "Inventory_Add of a count that is a str did not return -1");
    mg_assert_exc(MoExc_TypeError, NULL, "Inventory_Add where the count is a str");
    mg_assert_no_new_objects(before, "Inventory_Add that failed with TypeError");
    ck_assert_msg(Inventory_Add(inv, "figs", 1) == -1, "Inventory_Add of a count of 2**70 did not return -1");
    mg_assert_exc(MoExc_OverflowError, "Python int too large to convert to C long", "Inventory_Add where the count is 2**70");
    mg_assert_no_new_objects(before, "Inventory_Add that failed with OverflowError");
    MoObject *not_a_dict = mg_ok(MoList_New(0), "MoList_New");
    before = mg_live();
    ck_assert_msg(Inventory_Add(not_a_dict, "apples", 1) == -1, "Inventory_Add on a list did not return -1");
    mg_assert_exc(MoExc_SystemError, NULL, "Inventory_Add on a list");
    mg_assert_no_new_objects(before, "Inventory_Add on a list");
    ck_assert_msg(count_of(inv, "apples") == 1000, "apples changed");
    Mo_DECREF(not_a_dict);
    Mo_DECREF(many);
    Mo_DECREF(huge);
    Mo_DECREF(inv);
}

/* ------------------------------------------------------------ Inventory_Get */

MG_TEST(inventory_get_new_reference, 5, "Inventory_Get returns a new reference: the count's refcount goes up by one")
{
    static const char *const names[] = { "apples", "pears" };
    static const long counts[] = { 1000, 2000 };
    MoObject *inv = inventory_of(2, names, counts);
    MoObject *stored = MoDict_GetItemString(inv, "apples");
    MoObject *got = mg_ok(Inventory_Get(inv, "apples"), "Inventory_Get(inv, \"apples\")");
    ck_assert_msg(got == stored, "Inventory_Get returned another object than the count stored");
    mg_assert_refcnt(got, 2, "the count returned by Inventory_Get (the inventory's and yours)");
    Mo_DECREF(got);
    mg_assert_refcnt(stored, 1, "the count 1000 once you released what Inventory_Get returned");
    ck_assert_msg(count_of(inv, "apples") == 1000, "apples changed");
    Mo_DECREF(inv);
}

MG_TEST(inventory_get_missing, 2, "Inventory_Get of a missing name: NULL with KeyError('pears'), nothing leaked")
{
    static const char *const names[] = { "apples" };
    static const long counts[] = { 1000 };
    MoObject *inv = inventory_of(1, names, counts);
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Inventory_Get(inv, "pears") == NULL, "Inventory_Get of a missing name returned an object");
    mg_assert_exc(MoExc_KeyError, "'pears'", "Inventory_Get(inv, \"pears\")");
    mg_assert_no_new_objects(before, "Inventory_Get of a missing name, the KeyError cleared");
    Mo_DECREF(inv);
}

/* ----------------------------------------------------------- Inventory_Take */

MG_TEST(inventory_take_keeps_count_alive, 5, "Inventory_Take removes the entry and returns its count alive, now owned by the caller")
{
    static const char *const names[] = { "apples", "pears" };
    static const long counts[] = { 1000, 2000 };
    MoObject *inv = inventory_of(2, names, counts);
    MoObject *got = mg_ok(Inventory_Take(inv, "apples"), "Inventory_Take(inv, \"apples\")");
    mg_assert_refcnt(got, 1, "the count returned by Inventory_Take (yours alone: the inventory let go)");
    ck_assert_msg(MoLong_AsLong(got) == 1000, "Inventory_Take returned %ld, expected 1000", MoLong_AsLong(got));
    ck_assert_msg(MoDict_Size(inv) == 1 && MoDict_GetItemString(inv, "apples") == NULL,
                  "after Inventory_Take the entry 'apples' is still there");
    Mo_DECREF(got);
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Inventory_Take(inv, "apples") == NULL, "Inventory_Take of a missing name returned an object");
    mg_assert_exc(MoExc_KeyError, "'apples'", "Inventory_Take of a name already taken");
    mg_assert_no_new_objects(before, "Inventory_Take of a missing name, the KeyError cleared");
    Mo_DECREF(inv);
}

/* --------------------------------------------------------- Inventory_Labels */

MG_TEST(inventory_labels, 5, "Inventory_Labels returns a list of 'name: count' strings, each held by the list alone")
{
    static const char *const names[] = { "apples", "pears" };
    static const long counts[] = { 3, 1000 };
    MoObject *inv = inventory_of(2, names, counts);
    MoObject *labels = mg_ok(Inventory_Labels(inv), "Inventory_Labels");
    ck_assert_msg(MoList_Check(labels) && MoList_GET_SIZE(labels) == 2, "Inventory_Labels did not return a list of 2");
    for (Mo_ssize_t i = 0; i < 2; i++)
        mg_assert_refcnt(MoList_GET_ITEM(labels, i), 1, "label %zd in the list (the list's reference only)", i);
    mg_assert_repr(labels, "['apples: 3', 'pears: 1000']", "Inventory_Labels({'apples': 3, 'pears': 1000})");
    Mo_ssize_t before = mg_live();
    Mo_DECREF(labels);
    mg_assert_no_new_objects(before - 3, "freeing the list of labels (the list and its 2 strings)");
    MoObject *empty = mg_ok(MoDict_New(), "MoDict_New");
    MoObject *none = mg_ok(Inventory_Labels(empty), "Inventory_Labels({})");
    mg_assert_repr(none, "[]", "Inventory_Labels({})");
    Mo_DECREF(none);
    Mo_DECREF(empty);
    Mo_DECREF(inv);
}

/* ---------------------------------------------------------- Inventory_Entry */

MG_TEST(inventory_entry, 5, "Inventory_Entry builds (name, count) with references of its own to both")
{
    MoObject *name = text("figs"), *count = number(1000);
    MoObject *entry = mg_ok(Inventory_Entry(name, count), "Inventory_Entry('figs', 1000)");
    mg_assert_repr(entry, "('figs', 1000)", "Inventory_Entry('figs', 1000)");
    ck_assert_msg(MoTuple_GET_ITEM(entry, 0) == name && MoTuple_GET_ITEM(entry, 1) == count,
                  "the entry does not hold the objects given");
    mg_assert_refcnt(name, 2, "the name 'figs' after Inventory_Entry (yours and the tuple's)");
    mg_assert_refcnt(count, 2, "the count 1000 after Inventory_Entry (yours and the tuple's)");
    Mo_DECREF(entry);
    mg_assert_refcnt(name, 1, "the name 'figs' once the entry is freed (yours)");
    mg_assert_refcnt(count, 1, "the count 1000 once the entry is freed (yours)");
    Mo_DECREF(name);
    Mo_DECREF(count);
}

/* ------------------------------------------------------ Inventory_FromPairs */

/* new: [(names[0], counts[0]), ...] */
static MoObject *pairs_of(int n, const char *const *names, const long *counts)
{
    MoObject *pairs = mg_ok(MoList_New(0), "MoList_New");
    for (int i = 0; i < n; i++) {
        MoObject *pair = mg_ok(Mo_BuildValue("(sl)", names[i], counts[i]), "Mo_BuildValue");
        ck_assert_int_eq(MoList_Append(pairs, pair), 0);
        Mo_DECREF(pair);
    }
    return pairs;
}

MG_TEST(inventory_from_pairs, 2, "Inventory_FromPairs makes a dict from (name, count) pairs")
{
    static const char *const names[] = { "apples", "pears" };
    static const long counts[] = { 3, 1000 };
    MoObject *pairs = pairs_of(2, names, counts);
    MoObject *inv = mg_ok(Inventory_FromPairs(pairs), "Inventory_FromPairs");
    mg_assert_repr(inv, "{'apples': 3, 'pears': 1000}", "Inventory_FromPairs([('apples', 3), ('pears', 1000)])");
    MoObject *pears = MoTuple_GET_ITEM(MoList_GET_ITEM(pairs, 1), 0);
    mg_assert_refcnt(pears, 2, "the name 'pears' (its pair's and the inventory's)");
    Mo_DECREF(inv);
    mg_assert_refcnt(pears, 1, "the name 'pears' once the inventory is freed");
    Mo_DECREF(pairs);
}

/* Inventory_FromPairs(pairs) must fail with TypeError msg and leave nothing behind. */
static void expect_rejected(MoObject *pairs, const char *msg, const char *what)
{
    Mo_ssize_t before = mg_live();
    MoObject *inv = Inventory_FromPairs(pairs);
    ck_assert_msg(inv == NULL, "Inventory_FromPairs(%s) returned an object, expected NULL", what);
    mg_assert_exc(MoExc_TypeError, msg, what);
    mg_assert_no_new_objects(before, what);
}

MG_TEST(inventory_from_pairs_rejects, 5, "Inventory_FromPairs with a bad entry: TypeError, and nothing leaked on that path")
{
    static const char *const names[] = { "apples" };
    static const long counts[] = { 3 };
    MoObject *pairs = pairs_of(1, names, counts);
    MoObject *bad = number(4200);
    ck_assert_int_eq(MoList_Append(pairs, bad), 0);
    expect_rejected(pairs, "inventory entries must be (name, count) pairs, not 'int'",
                    "Inventory_FromPairs([('apples', 3), 4200])");
    ck_assert_int_eq(MoList_SetItem(pairs, 1, mg_ok(Mo_BuildValue("(sss)", "a", "b", "c"), "Mo_BuildValue")), 0);
    expect_rejected(pairs, "inventory entries must be (name, count) pairs, not 'tuple'",
                    "Inventory_FromPairs([('apples', 3), ('a', 'b', 'c')])");
    MoObject *list_name = mg_ok(MoTuple_New(2), "MoTuple_New");
    MoTuple_SET_ITEM(list_name, 0, mg_ok(MoList_New(0), "MoList_New"));
    MoTuple_SET_ITEM(list_name, 1, number(1));
    ck_assert_int_eq(MoList_SetItem(pairs, 1, list_name), 0);
    expect_rejected(pairs, "unhashable type: 'list'", "Inventory_FromPairs([('apples', 3), ([], 1)])");
    expect_rejected(bad, "pairs must be a list, not 'int'", "Inventory_FromPairs(4200)");
    Mo_DECREF(bad);
    Mo_DECREF(pairs);
}

/* ---------------------------------------------------------- Inventory_Total */

MG_TEST(inventory_total, 2, "Inventory_Total adds the counts; TypeError for a count that is not a number")
{
    static const char *const names[] = { "apples", "pears", "figs" };
    static const long counts[] = { 1000, 2000, 3 };
    MoObject *inv = inventory_of(3, names, counts);
    MoObject *total = mg_ok(Inventory_Total(inv), "Inventory_Total");
    ck_assert_msg(MoLong_AsLong(total) == 3003, "Inventory_Total is %ld, expected 3003", MoLong_AsLong(total));
    mg_assert_refcnt(total, 1, "the total returned by Inventory_Total");
    Mo_DECREF(total);
    MoObject *many = text("many");
    ck_assert_int_eq(MoDict_SetItemString(inv, "plums", many), 0);
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Inventory_Total(inv) == NULL, "Inventory_Total with a str count returned an object");
    mg_assert_exc(MoExc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'", "Inventory_Total with a str count");
    mg_assert_no_new_objects(before, "Inventory_Total that failed");
    Mo_DECREF(many);
    Mo_DECREF(inv);
}

/* ------------------------------------------------------------- error paths */

typedef MoObject *(*producer)(MoObject *arg);

/* Call make(arg) allowing 0, 1, 2... allocations until it succeeds: every failure on
   the way must be a MemoryError that leaves no object behind and arg as it was
   (judged by its repr). Returns the result (new). */
static MoObject *walk_error_paths(producer make, MoObject *arg, const char *what)
{
    char before_repr[256];
    MoObject *rep = mg_ok(MoObject_Repr(arg), "repr");
    snprintf(before_repr, sizeof before_repr, "%s", MoUnicode_AsUTF8(rep));
    Mo_DECREF(rep);
    for (long n = 0; n < 1000; n++) {
        Mo_ssize_t before = mg_live();
        mg_alloc_limit(n);
        MoObject *r = make(arg);
        mg_alloc_unlimited();
        if (r != NULL)
            return r;
        char when[300];
        snprintf(when, sizeof when, "%s with only %ld allocation%s allowed", what, n, n == 1 ? "" : "s");
        mg_assert_exc(MoExc_MemoryError, NULL, when);
        mg_assert_no_new_objects(before, when);
        mg_assert_repr(arg, before_repr, when);
    }
    ck_abort_msg("%s kept failing with 1000 allocations allowed", what);
    return NULL;
}

static MoObject *add_plums(MoObject *inv)
{
    return Inventory_Add(inv, "plums", 1000) < 0 ? NULL : Mo_NewRef(Mo_None);
}
static MoObject *take_pears(MoObject *inv)
{
    return Inventory_Take(inv, "pears");
}
static MoObject *get_missing(MoObject *inv)
{
    MoObject *r = Inventory_Get(inv, "missing");
    if (r == NULL && MoErr_ExceptionMatches(MoExc_KeyError)) {
        MoErr_Clear();
        return Mo_NewRef(Mo_None);
    }
    return r;
}
static MoObject *entry_of_items(MoObject *pair)
{
    return Inventory_Entry(MoTuple_GET_ITEM(pair, 0), MoTuple_GET_ITEM(pair, 1));
}

MG_TEST(inventory_out_of_memory, 2, "every function, when memory runs out: MemoryError, nothing leaked, the inventory unchanged")
{
    static const char *const names[] = { "apples", "pears" };
    static const long counts[] = { 1000, 2000 };
    MoObject *inv = inventory_of(2, names, counts);
    MoObject *r = walk_error_paths(add_plums, inv, "Inventory_Add(inv, \"plums\", 1000)");
    Mo_DECREF(r);
    ck_assert_msg(count_of(inv, "plums") == 1000, "plums: %ld, expected 1000", count_of(inv, "plums"));
    r = walk_error_paths(Inventory_Labels, inv, "Inventory_Labels");
    mg_assert_repr(r, "['apples: 1000', 'pears: 2000', 'plums: 1000']", "Inventory_Labels once memory sufficed");
    Mo_DECREF(r);
    r = walk_error_paths(Inventory_Total, inv, "Inventory_Total");
    ck_assert_msg(MoLong_AsLong(r) == 4000, "Inventory_Total is %ld, expected 4000", MoLong_AsLong(r));
    Mo_DECREF(r);
    Mo_DECREF(walk_error_paths(get_missing, inv, "Inventory_Get of a missing name"));
    r = walk_error_paths(take_pears, inv, "Inventory_Take(inv, \"pears\")");
    ck_assert_msg(MoLong_AsLong(r) == 2000, "Inventory_Take returned %ld, expected 2000", MoLong_AsLong(r));
    mg_assert_refcnt(r, 1, "the count returned by Inventory_Take");
    Mo_DECREF(r);
    MoObject *pair = mg_ok(Mo_BuildValue("(sl)", "quinces", 5000L), "Mo_BuildValue");
    r = walk_error_paths(entry_of_items, pair, "Inventory_Entry");
    mg_assert_repr(r, "('quinces', 5000)", "Inventory_Entry once memory sufficed");
    Mo_DECREF(r);
    MoObject *pairs = mg_ok(MoList_New(0), "MoList_New");
    ck_assert_int_eq(MoList_Append(pairs, pair), 0);
    r = walk_error_paths(Inventory_FromPairs, pairs, "Inventory_FromPairs");
    mg_assert_repr(r, "{'quinces': 5000}", "Inventory_FromPairs once memory sufficed");
    Mo_DECREF(r);
    Mo_DECREF(pairs);
    Mo_DECREF(pair);
    Mo_DECREF(inv);
}
