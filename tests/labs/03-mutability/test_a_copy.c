/* Lab 03 grader, part A: Copy_Shallow and Copy_Deep (labs/03-mutability/copy.h).
 *
 * The tests check identities (which objects are the same object, which are new),
 * reference counts (a copy holds exactly one reference to each thing it shares),
 * the memo's contents, and what the collector finds once cyclic copies are
 * dropped, not only the values. Items are made at run time (strings, big ints) so
 * that their counts start at one and a wrong count shows.
 */
#include "harness.h"
#include "copy.h"
#include "point.h"
#include "vec.h"

MG_LAB_SETUP(Point_Ready)
MG_LAB_SETUP(Vec_Ready)

/* ------------------------------------------------------------------ helpers */

/* new: a str made at run time, count 1. */
static MoObject *text(const char *s)
{
    return mg_ok(MoUnicode_FromString(s), "MoUnicode_FromString");
}

/* new: a list of the n objects given, each reference taken (not stolen). */
static MoObject *list_of(int n, MoObject **items)
{
    MoObject *l = mg_ok(MoList_New(0), "MoList_New");
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(MoList_Append(l, items[i]), 0);
    return l;
}

static MoObject *shallow(MoObject *o, const char *what)
{
    MoObject *c = Copy_Shallow(o);
    ck_assert_msg(c != NULL, "Copy_Shallow(%s) returned NULL (%s)", what, mg_exc_text());
    return c;
}

static MoObject *deep(MoObject *o, MoObject *memo, const char *what)
{
    MoObject *c = Copy_Deep(o, memo);
    ck_assert_msg(c != NULL, "Copy_Deep(%s) returned NULL (%s)", what, mg_exc_text());
    return c;
}

/* borrowed: memo[id(o)], or NULL */
static MoObject *memo_get(MoObject *memo, MoObject *o)
{
    MoObject *key = MoLong_FromUnsignedLongLong((unsigned long long)MoObject_Id(o));
    MoObject *v = MoDict_GetItem(memo, key);
    Mo_DECREF(key);
    return v;
}

static void expect_new(MoObject *copy, MoObject *orig, MoTypeObject *type, const char *what)
{
    ck_assert_msg(copy != orig, "%s is the original object, expected a new '%s'", what, type->tp_name);
    ck_assert_msg(Mo_TYPE(copy) == type, "%s is a '%s', expected a '%s'", what, Mo_TYPE(copy)->tp_name,
                  type->tp_name);
}

/* A type the copy functions do not know: they must refuse it. */
static MoTypeObject Opaque_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Opaque",
    .tp_basicsize = sizeof(MoObject),
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

static MoObject *new_opaque(void)
{
    ck_assert_int_eq(MoType_Ready(&Opaque_Type), 0);
    return mg_ok(_MoObject_New(&Opaque_Type), "a new Opaque");
}

/* ---------------------------------------------------------------- shallow */

MG_TEST(shallow_list_shares_items, 5, "Copy_Shallow of a list: a new list holding the same items, one more reference each")
{
    MoObject *a = text("alpha"), *b = text("beta");
    MoObject *items[] = {a, b, a};
    MoObject *l = list_of(3, items);
    MoObject *c = shallow(l, "['alpha', 'beta', 'alpha']");
    expect_new(c, l, &MoList_Type, "the copy of a list");
    mg_assert_refcnt(c, 1, "the new list");
    ck_assert_msg(MoList_Size(c) == 3, "the copy has %zd items, expected 3", MoList_Size(c));
    ck_assert_msg(MoList_GetItem(c, 0) == a && MoList_GetItem(c, 1) == b && MoList_GetItem(c, 2) == a,
                  "the copy's items are not the original's objects");
    mg_assert_refcnt(a, 5, "'alpha' (yours, two in the list, two in the copy)");
    mg_assert_refcnt(b, 3, "'beta' (yours, the list's, the copy's)");
    Mo_DECREF(c);
    mg_assert_refcnt(a, 3, "'alpha' once the copy is freed");
    Mo_DECREF(l);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

MG_TEST(shallow_dict_and_set, 5, "Copy_Shallow of a dict and of a set: new containers, the same keys and values")
{
    MoObject *k = text("key"), *v = text("value");
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    ck_assert_int_eq(MoDict_SetItem(d, k, v), 0);
    MoObject *dc = shallow(d, "{'key': 'value'}");
    expect_new(dc, d, &MoDict_Type, "the copy of a dict");
    ck_assert_msg(MoDict_GetItem(dc, k) == v, "the copied dict does not map 'key' to the same 'value' object");
    mg_assert_refcnt(v, 3, "'value' (yours, the dict's, the copy's)");
    MoObject *s = mg_ok(MoSet_New(NULL), "MoSet_New");
    ck_assert_int_eq(MoSet_Add(s, k), 0);
    MoObject *sc = shallow(s, "{'key'}");
    expect_new(sc, s, &MoSet_Type, "the copy of a set");
    ck_assert_msg(MoSequence_Contains(sc, k) == 1, "the copied set does not contain 'key'");
    mg_assert_refcnt(k, 5, "'key' (yours, in the dict, its copy, the set and its copy)");
    Mo_DECREF(sc);
    Mo_DECREF(s);
    Mo_DECREF(dc);
    Mo_DECREF(d);
    Mo_DECREF(k);
    Mo_DECREF(v);
}

MG_TEST(shallow_immutables_are_themselves, 4, "Copy_Shallow of a str, int, tuple, frozenset, None or Point is the object itself, with one more reference")
{
    MoObject *s = text("spam");
    MoObject *n = mg_ok(MoLong_FromLong(100000), "MoLong_FromLong");
    MoObject *t = mg_ok(MoTuple_Pack(2, s, n), "MoTuple_Pack");
    MoObject *fs = mg_ok(MoFrozenSet_New(t), "MoFrozenSet_New");
    MoObject *p = mg_ok(Point_New(n, n), "Point_New");
    MoObject *objs[] = {s, n, t, fs, Mo_None, p};
    const char *names[] = {"a str", "an int", "a tuple", "a frozenset", "None", "a Point"};
    for (int i = 0; i < 6; i++) {
        Mo_ssize_t before = Mo_REFCNT(objs[i]);
        MoObject *c = shallow(objs[i], names[i]);
        if (c != objs[i])
            ck_abort_msg("Copy_Shallow(%s) made a new object: an immutable object is its own copy", names[i]);
        if (Mo_REFCNT(c) != before + 1)
            ck_abort_msg("Copy_Shallow(%s): its count went from %zd to %zd, expected %zd (the reference you return)",
                         names[i], before, Mo_REFCNT(c), before + 1);
        Mo_DECREF(c);
    }
    Mo_DECREF(p);
    Mo_DECREF(fs);
    Mo_DECREF(t);
    Mo_DECREF(n);
    Mo_DECREF(s);
}

MG_TEST(shallow_vec_is_new, 3, "Copy_Shallow of a Vec: a new Vec with the same components")
{
    double xs[] = {1.5, -2.0, 3.25};
    MoObject *v = mg_ok(Vec_New(3, xs), "Vec_New");
    MoObject *c = shallow(v, "Vec([1.5, -2.0, 3.25])");
    expect_new(c, v, &Vec_Type, "the copy of a Vec");
    ck_assert_msg(MoObject_RichCompareBool(c, v, MO_EQ) == 1, "the copy of a Vec is not equal to it");
    Mo_DECREF(c);
    Mo_DECREF(v);
}

MG_TEST(copy_refuses_unknown_types, 3, "both copies raise TypeError: cannot pickle 'Opaque' object, and leave nothing alive")
{
    MoObject *o = new_opaque();
    MoObject *l = list_of(1, &o);
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Copy_Shallow(o) == NULL, "Copy_Shallow(an Opaque) returned an object");
    mg_assert_exc(MoExc_TypeError, "cannot pickle 'Opaque' object", "Copy_Shallow(an Opaque)");
    ck_assert_msg(Copy_Deep(l, NULL) == NULL, "Copy_Deep([an Opaque], NULL) returned an object");
    mg_assert_exc(MoExc_TypeError, "cannot pickle 'Opaque' object", "Copy_Deep([an Opaque], NULL)");
    mg_assert_no_new_objects(before, "after the failed copies");
    mg_assert_refcnt(o, 2, "the Opaque (yours and the list's)");
    Mo_DECREF(l);
    Mo_DECREF(o);
}

/* ------------------------------------------------------------------- deep */

MG_TEST(deep_list_is_independent, 5, "Copy_Deep of nested lists: every list new, the immutable items shared")
{
    MoObject *s = text("leaf");
    MoObject *inner = list_of(1, &s);
    MoObject *items[] = {inner, s};
    MoObject *outer = list_of(2, items);
    MoObject *c = deep(outer, NULL, "[['leaf'], 'leaf']");
    expect_new(c, outer, &MoList_Type, "the deep copy of a list");
    MoObject *ci = MoList_GetItem(c, 0);
    expect_new(ci, inner, &MoList_Type, "the copy's inner list");
    ck_assert_msg(MoList_GetItem(ci, 0) == s && MoList_GetItem(c, 1) == s,
                  "the str 'leaf' was copied: an immutable item is shared, not copied");
    mg_assert_refcnt(ci, 1, "the copy's inner list (the copy holds it once)");
    mg_assert_refcnt(s, 5, "'leaf' (yours, two in the original, two in the copy)");
    ck_assert_int_eq(MoList_Append(inner, s), 0);
    ck_assert_msg(MoList_Size(ci) == 1, "appending to the original's inner list changed the copy");
    Mo_DECREF(c);
    Mo_DECREF(outer);
    Mo_DECREF(inner);
    Mo_DECREF(s);
}

MG_TEST(deep_keeps_sharing, 5, "Copy_Deep of [[]] * 3: three references to one new list, as in the original")
{
    MoObject *e = mg_ok(MoList_New(0), "MoList_New");
    MoObject *one = list_of(1, &e);
    MoObject *rep = mg_ok(MoSequence_Repeat(one, 3), "[[]] * 3");
    MoObject *c = deep(rep, NULL, "[[]] * 3");
    MoObject *c0 = MoList_GetItem(c, 0);
    ck_assert_msg(MoList_Size(c) == 3, "the copy has %zd items, expected 3", MoList_Size(c));
    expect_new(c0, e, &MoList_Type, "the copy's first item");
    ck_assert_msg(MoList_GetItem(c, 1) == c0 && MoList_GetItem(c, 2) == c0,
                  "the copy's items are different lists: the original held one list three times (use the memo)");
    mg_assert_refcnt(c0, 3, "the copy's one inner list (three slots)");
    Mo_DECREF(c);
    mg_assert_refcnt(e, 5, "the original inner list after the copy was freed (yours, [[]]'s, three slots)");
    Mo_DECREF(rep);
    Mo_DECREF(one);
    Mo_DECREF(e);
}

MG_TEST(deep_list_cycle, 5, "Copy_Deep of a list that contains itself: a new list that contains itself; the collector frees both")
{
    MoObject *me = text("me");
    MoObject *l = list_of(1, &me);
    ck_assert_int_eq(MoList_Append(l, l), 0);            /* l = ['me', l] */
    MoObject *c = deep(l, NULL, "l = ['me', l]");
    expect_new(c, l, &MoList_Type, "the deep copy of a self-containing list");
    ck_assert_msg(MoList_Size(c) == 2 && MoList_GetItem(c, 1) == c,
                  "the copy's second item is not the copy itself: a cycle must copy to a cycle");
    ck_assert_msg(MoList_GetItem(c, 0) == me, "the copy's first item is not the str 'me'");
    mg_assert_refcnt(c, 2, "the copy (yours and its own slot)");
    Mo_DECREF(c);
    Mo_DECREF(l);
    Mo_ssize_t found = MoGC_Collect();
    ck_assert_msg(found == 2, "after both were dropped, the collector found %zd unreachable objects, expected 2 "
                  "(the original and the copy, each a cycle of one list)", found);
    mg_assert_refcnt(me, 1, "'me' once both lists were collected");
    Mo_DECREF(me);
}

MG_TEST(deep_dict_cycle_and_keys, 5, "Copy_Deep of a dict that contains itself: keys and values copied, the cycle kept")
{
    MoObject *k = text("self"), *v = text("value");
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    ck_assert_int_eq(MoDict_SetItem(d, k, d), 0);
    MoObject *vl = list_of(1, &v);
    MoObject *k2 = text("list");
    ck_assert_int_eq(MoDict_SetItem(d, k2, vl), 0);      /* d = {'self': d, 'list': ['value']} */
    MoObject *c = deep(d, NULL, "d = {'self': d, 'list': ['value']}");
    expect_new(c, d, &MoDict_Type, "the deep copy of a dict");
    ck_assert_msg(MoDict_GetItem(c, k) == c, "the copy's 'self' is not the copy itself");
    MoObject *cl = MoDict_GetItem(c, k2);
    ck_assert_msg(cl != NULL, "the copy has no key 'list'");
    expect_new(cl, vl, &MoList_Type, "the copy's value for 'list'");
    ck_assert_msg(MoList_GetItem(cl, 0) == v, "the copied list does not hold the same str 'value'");
    Mo_DECREF(c);
    Mo_DECREF(d);
    Mo_ssize_t found = MoGC_Collect();
    ck_assert_msg(found == 3, "the collector found %zd unreachable objects, expected 3 (the two dicts and the "
                  "copy's list; the original list is still yours)", found);
    mg_assert_refcnt(vl, 1, "the original list once the dicts were collected");
    Mo_DECREF(vl);
    Mo_DECREF(k);
    Mo_DECREF(k2);
    Mo_DECREF(v);
}

MG_TEST(deep_tuple_of_atoms_is_itself, 4, "Copy_Deep of a tuple of immutable items is the tuple itself; of a tuple holding a list, a new tuple")
{
    MoObject *s = text("a"), *n = mg_ok(MoLong_FromLong(100000), "MoLong_FromLong");
    MoObject *t = mg_ok(MoTuple_Pack(2, s, n), "MoTuple_Pack");
    MoObject *c = deep(t, NULL, "('a', 100000)");
    ck_assert_msg(c == t, "Copy_Deep of a tuple of immutable items made a new tuple; it should return the tuple itself");
    mg_assert_refcnt(t, 2, "the tuple (yours and the one Copy_Deep returned)");
    Mo_DECREF(c);
    MoObject *l = list_of(1, &s);
    MoObject *t2 = mg_ok(MoTuple_Pack(2, n, l), "MoTuple_Pack");
    MoObject *c2 = deep(t2, NULL, "(100000, ['a'])");
    expect_new(c2, t2, &MoTuple_Type, "the deep copy of (100000, ['a'])");
    ck_assert_msg(MoTuple_GetItem(c2, 0) == n, "the int was copied: it should be shared");
    expect_new(MoTuple_GetItem(c2, 1), l, &MoList_Type, "the copied tuple's list");
    Mo_DECREF(c2);
    Mo_DECREF(t2);
    Mo_DECREF(l);
    Mo_DECREF(t);
    Mo_DECREF(n);
    Mo_DECREF(s);
}

MG_TEST(deep_tuple_cycle, 4, "Copy_Deep of t = ([t],): the copy's list holds the copy of t itself")
{
    MoObject *l = mg_ok(MoList_New(0), "MoList_New");
    MoObject *t = mg_ok(MoTuple_Pack(1, l), "MoTuple_Pack");
    ck_assert_int_eq(MoList_Append(l, t), 0);            /* t = ([t],) */
    MoObject *c = deep(t, NULL, "t = ([t],)");
    expect_new(c, t, &MoTuple_Type, "the deep copy of t");
    MoObject *cl = MoTuple_GetItem(c, 0);
    expect_new(cl, l, &MoList_Type, "the copy's list");
    ck_assert_msg(MoList_Size(cl) == 1 && MoList_GetItem(cl, 0) == c,
                  "the copy's list does not hold the copy itself (after copying its items, a tuple must look "
                  "in the memo for a copy of itself made meanwhile)");
    Mo_DECREF(c);
    Mo_DECREF(l);
    Mo_DECREF(t);
    Mo_ssize_t found = MoGC_Collect();
    ck_assert_msg(found == 4, "the collector found %zd unreachable objects, expected 4 (two tuples, two lists)", found);
}

MG_TEST(deep_memo_records_copies, 4, "Copy_Deep with a memo: memo[id(x)] is x's copy for each container, and memo[id(memo)] keeps the originals alive")
{
    MoObject *s = text("s");
    MoObject *inner = list_of(1, &s);
    MoObject *outer = list_of(1, &inner);                /* [['s']] */
    MoObject *memo = mg_ok(MoDict_New(), "MoDict_New");
    MoObject *c = deep(outer, memo, "[['s']] with a memo");
    ck_assert_msg(memo_get(memo, outer) == c, "memo[id(outer)] is not the copy Copy_Deep returned");
    ck_assert_msg(memo_get(memo, inner) == MoList_GetItem(c, 0), "memo[id(inner)] is not the copy of the inner list");
    ck_assert_msg(memo_get(memo, s) == NULL, "the str 's' is in the memo: atoms are not recorded");
    MoObject *alive = memo_get(memo, memo);
    ck_assert_msg(alive != NULL && MoList_Check(alive), "memo[id(memo)] is not a list of the originals");
    ck_assert_msg(MoSequence_Contains(alive, outer) == 1 && MoSequence_Contains(alive, inner) == 1,
                  "memo[id(memo)] does not hold both originals");
    mg_assert_refcnt(inner, 3, "the inner list (yours, outer's, the memo's keep-alive list)");
    MoObject *again = deep(outer, memo, "the same list, the same memo");
    ck_assert_msg(again == c, "a second Copy_Deep with the same memo made another copy instead of the recorded one");
    Mo_DECREF(again);
    Mo_DECREF(memo);
    mg_assert_refcnt(inner, 2, "the inner list once the memo is gone");
    Mo_DECREF(c);
    Mo_DECREF(outer);
    Mo_DECREF(inner);
    Mo_DECREF(s);
}

MG_TEST(deep_without_memo_releases_it, 4, "Copy_Deep(x, NULL) makes its own memo and releases it: every count back as before")
{
    MoObject *s = text("s");
    MoObject *inner = list_of(1, &s);
    MoObject *outer = list_of(1, &inner);
    Mo_ssize_t before = mg_live();
    MoObject *c = deep(outer, NULL, "[['s']]");
    mg_assert_refcnt(inner, 2, "the original inner list after Copy_Deep(outer, NULL) (yours, outer's)");
    mg_assert_refcnt(outer, 1, "the original list after Copy_Deep(outer, NULL)");
    mg_assert_refcnt(c, 1, "the copy");
    Mo_DECREF(c);
    mg_assert_no_new_objects(before, "after Copy_Deep(outer, NULL) and freeing the copy");
    Mo_DECREF(outer);
    Mo_DECREF(inner);
    Mo_DECREF(s);
}

MG_TEST(deep_sets_vecs_points, 4, "Copy_Deep of a set, a frozenset and a Vec makes new ones; a Point is itself")
{
    MoObject *n = mg_ok(MoLong_FromLong(100000), "MoLong_FromLong");
    MoObject *t = mg_ok(MoTuple_Pack(1, n), "MoTuple_Pack");
    MoObject *s = mg_ok(MoSet_New(t), "MoSet_New"), *fs = mg_ok(MoFrozenSet_New(t), "MoFrozenSet_New");
    double xs[] = {1.0, 2.0};
    MoObject *v = mg_ok(Vec_New(2, xs), "Vec_New");
    MoObject *p = mg_ok(Point_New(n, n), "Point_New");
    MoObject *items[] = {s, fs, v, p};
    MoObject *l = list_of(4, items);
    MoObject *c = deep(l, NULL, "[{100000}, frozenset({100000}), Vec([1.0, 2.0]), Point(x=100000, y=100000)]");
    expect_new(MoList_GetItem(c, 0), s, &MoSet_Type, "the copy's set");
    expect_new(MoList_GetItem(c, 1), fs, &MoFrozenSet_Type, "the copy's frozenset");
    ck_assert_msg(MoSequence_Contains(MoList_GetItem(c, 0), n) == 1, "the copied set lost its item");
    expect_new(MoList_GetItem(c, 2), v, &Vec_Type, "the copy's Vec");
    ck_assert_msg(MoObject_RichCompareBool(MoList_GetItem(c, 2), v, MO_EQ) == 1, "the copied Vec is not equal to it");
    ck_assert_msg(MoList_GetItem(c, 3) == p, "the Point was copied: an immutable Point is its own copy");
    Mo_DECREF(c);
    Mo_DECREF(l);
    Mo_DECREF(p);
    Mo_DECREF(v);
    Mo_DECREF(fs);
    Mo_DECREF(s);
    Mo_DECREF(t);
    Mo_DECREF(n);
}

/* new: [inner, inner, s, {s: inner}, (s, inner), {s}, frozenset({s}), Vec([1.0])]:
   one of each kind, so that running out of memory is tried in each copier. */
static MoObject *one_of_each(MoObject *s, MoObject *inner)
{
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    ck_assert_int_eq(MoDict_SetItem(d, s, inner), 0);
    MoObject *t = mg_ok(MoTuple_Pack(2, s, inner), "MoTuple_Pack");
    MoObject *one = mg_ok(MoTuple_Pack(1, s), "MoTuple_Pack");
    MoObject *set = mg_ok(MoSet_New(one), "MoSet_New"), *fs = mg_ok(MoFrozenSet_New(one), "MoFrozenSet_New");
    double x = 1.0;
    MoObject *v = mg_ok(Vec_New(1, &x), "Vec_New");
    MoObject *items[] = {inner, inner, s, d, t, set, fs, v};
    MoObject *outer = list_of(8, items);
    for (int i = 3; i < 8; i++)
        Mo_DECREF(items[i]);
    Mo_DECREF(one);
    return outer;
}

MG_TEST(deep_copy_out_of_memory, 3, "Copy_Deep when memory runs out, at every allocation in turn: NULL with MemoryError, and nothing made is left alive")
{
    MoObject *s = text("s");
    MoObject *inner = list_of(1, &s);
    MoObject *outer = one_of_each(s, inner);
    Mo_ssize_t before = mg_live();
    int failures = 0;
    for (long n = 0; n < 400; n++) {
        mg_alloc_limit(n);
        MoObject *c = Copy_Deep(outer, NULL);
        mg_alloc_unlimited();
        if (c != NULL) {
            Mo_DECREF(c);
            break;
        }
        failures++;
        if (!MoErr_ExceptionMatches(MoExc_MemoryError))
            ck_abort_msg("Copy_Deep with %ld allocations allowed failed with %s, expected MemoryError", n, mg_exc_text());
        MoErr_Clear();
        if (mg_live() != before)
            ck_abort_msg("Copy_Deep with %ld allocations allowed failed and left %zd objects alive", n,
                         mg_live() - before);
    }
    ck_assert_msg(failures > 0, "Copy_Deep never needed memory");
    mg_assert_refcnt(inner, 5, "the inner list after all the failed copies (yours, two in the list, the dict's, the tuple's)");
    Mo_DECREF(outer);
    Mo_DECREF(inner);
    Mo_DECREF(s);
}

MG_TEST(deep_copy_too_deep, 2, "Copy_Deep of a list nested 5000 deep: RecursionError as copy.deepcopy raises, and nothing made is left alive")
{
    MoObject *l = mg_ok(MoList_New(0), "MoList_New");
    for (int i = 0; i < 5000; i++) {
        MoObject *outer = list_of(1, &l);                 /* l = [l] */
        Mo_DECREF(l);
        l = outer;
    }
    Mo_ssize_t before = mg_live();
    ck_assert_msg(Copy_Deep(l, NULL) == NULL, "Copy_Deep of a list nested 5000 deep returned a copy");
    mg_assert_exc(MoExc_RecursionError, "maximum recursion depth exceeded while calling a Python object",
                  "Copy_Deep of a list nested 5000 deep");
    mg_assert_no_new_objects(before, "after the failed deep copy");
    Mo_DECREF(l);
}
