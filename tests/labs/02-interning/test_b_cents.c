/* Lab 02 grader, part B: the small-value cache (labs/02-interning/cents.h).
 *
 * The tests check identities (cached amounts are one object, others fresh), the
 * edges of the range, counts (a hit is a new reference; the cache's own reference
 * is never given away), the memory a hit saves (the tracer), and that a Tally, which
 * can change, is never shared.
 */
#include "harness.h"
#include "cents.h"

MG_LAB_SETUP(Cents_Ready)

/* new */
static MoObject *cents(long v)
{
    MoObject *c = Cents_FromLong(v);
    ck_assert_msg(c != NULL, "Cents_FromLong(%ld) returned NULL (%s)", v, mg_exc_text());
    return c;
}

/* 1 if Cents_FromLong(v) twice gives one object (both references released). */
static int shared(long v)
{
    MoObject *a = cents(v), *b = cents(v);
    int same = Mo_Is(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return same;
}

MG_TEST(cents_small_is_cached, 5, "Cents_FromLong of a small amount gives the one cached lab02.Cents of that amount")
{
    MoObject *a = cents(5);
    ck_assert_msg(Mo_TYPE(a) == &Cents_Type, "Cents_FromLong(5) returned a '%s', expected a 'lab02.Cents'",
                  Mo_TYPE(a)->tp_name);
    ck_assert_msg(Cents_AsLong(a) == 5, "Cents_FromLong(5) has the amount %ld", Cents_AsLong(a));
    MoObject *b = cents(5);
    ck_assert_msg(Mo_Is(a, b), "Cents_FromLong(5) twice gave two objects: 5 is in the cached range");
    for (long v = CENTS_SMALL_MIN; v <= CENTS_SMALL_MAX; v++)
        if (!shared(v))
            ck_abort_msg("Cents_FromLong(%ld) twice gave two objects: %ld is in the cached range", v, v);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

MG_TEST(cents_cache_edges, 7, "the cache holds -10..100, both ends included: -11 and 101 are made afresh")
{
    static const struct { long v; int cached; } edges[] = {
        { CENTS_SMALL_MIN - 1, 0 }, { CENTS_SMALL_MIN, 1 }, { CENTS_SMALL_MIN + 1, 1 },
        { CENTS_SMALL_MAX - 1, 1 }, { CENTS_SMALL_MAX, 1 }, { CENTS_SMALL_MAX + 1, 0 },
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        int got = shared(edges[i].v);
        if (got != edges[i].cached)
            ck_abort_msg("Cents_FromLong(%ld) twice gave %s, expected %s", edges[i].v, got ? "one object" : "two objects",
                         edges[i].cached ? "one (it is in the range)" : "two (it is outside the range)");
        MoObject *c = cents(edges[i].v);
        if (Cents_AsLong(c) != edges[i].v)
            ck_abort_msg("Cents_FromLong(%ld) has the amount %ld", edges[i].v, Cents_AsLong(c));
        Mo_DECREF(c);
    }
}

MG_TEST(cents_hit_is_new_reference, 5, "a cached amount is handed out as a new reference: +1 per request, and the cache keeps its own")
{
    MoObject *a = cents(42);
    Mo_ssize_t base = Mo_REFCNT(a);
    MoObject *b = cents(42), *c = cents(42);
    mg_assert_refcnt(a, base + 2, "Cents(42) after two more requests");
    Mo_DECREF(c);
    Mo_DECREF(b);
    mg_assert_refcnt(a, base, "Cents(42) after those two references were released");
    Mo_ssize_t before = mg_live();
    Mo_DECREF(a);
    mg_assert_no_new_objects(before, "after every reference handed out for Cents(42) was released (the cached object must stay)");
    MoObject *d = cents(42);
    mg_assert_refcnt(d, base, "Cents(42) requested again");
    ck_assert_msg(Cents_AsLong(d) == 42, "Cents(42) requested again has the amount %ld", Cents_AsLong(d));
    Mo_DECREF(d);
}

MG_TEST(cents_large_are_fresh, 3, "an amount outside the range is a new object, count 1, freed with its last reference")
{
    Mo_ssize_t before = mg_live();
    MoObject *a = cents(1000), *b = cents(1000);
    ck_assert_msg(!Mo_Is(a, b), "Cents_FromLong(1000) twice gave one object: 1000 is outside the range");
    mg_assert_refcnt(a, 1, "a fresh Cents(1000)");
    mg_assert_no_new_objects(before + 2, "with two Cents(1000) alive");
    Mo_DECREF(a);
    Mo_DECREF(b);
    mg_assert_no_new_objects(before, "after both Cents(1000) were released");
}

MG_TEST(cents_add_lands_in_cache, 4, "Cents_Add returns the cached object for a sum in range, a fresh one otherwise")
{
    MoObject *x = cents(60), *y = cents(40), *z = cents(41);
    MoObject *sum = mg_ok(Cents_Add(x, y), "Cents_Add(60, 40)"), *hundred = cents(100);
    ck_assert_msg(Mo_Is(sum, hundred), "Cents_Add(60, 40) is not the cached Cents(100)");
    MoObject *s1 = mg_ok(Cents_Add(x, z), "Cents_Add(60, 41)"), *s2 = mg_ok(Cents_Add(x, z), "Cents_Add(60, 41)");
    ck_assert_msg(!Mo_Is(s1, s2), "Cents_Add(60, 41) twice gave one object: 101 is outside the range");
    ck_assert_msg(Cents_AsLong(s1) == 101, "Cents_Add(60, 41) has the amount %ld", Cents_AsLong(s1));
    MoObject *all[] = { x, y, z, sum, hundred, s1, s2 };
    for (int i = 0; i < 7; i++)
        Mo_DECREF(all[i]);
}

MG_TEST(cents_value_and_errors, 3, "Cents_AsLong gives the amount; TypeError 'expected a Cents, got int' for another type")
{
    MoObject *c = cents(-3), *n = MoLong_FromLong(3);
    ck_assert_msg(Cents_AsLong(c) == -3, "Cents_AsLong(Cents(-3)) is %ld", Cents_AsLong(c));
    ck_assert_msg(Cents_AsLong(n) == -1, "Cents_AsLong(3) (an int) did not return -1");
    mg_assert_exc(MoExc_TypeError, "expected a Cents, got 'int'", "Cents_AsLong(3)");
    ck_assert_msg(Cents_Add(c, n) == NULL, "Cents_Add(Cents(-3), 3) returned an object");
    mg_assert_exc(MoExc_TypeError, "expected a Cents, got 'int'", "Cents_Add(Cents(-3), 3)");
    Mo_DECREF(n);
    Mo_DECREF(c);
}

MG_TEST(cents_repr_and_compare, 4, "repr is Cents(-3); amounts compare by value, also between two fresh objects")
{
    MoObject *c = cents(-3), *a = cents(5000), *b = cents(5000), *small = cents(7);
    mg_assert_repr(c, "Cents(-3)", "Cents_FromLong(-3)");
    ck_assert_msg(MoObject_RichCompareBool(a, b, MO_EQ) == 1, "Cents(5000) == Cents(5000) is not True");
    ck_assert_msg(MoObject_RichCompareBool(small, a, MO_LT) == 1, "Cents(7) < Cents(5000) is not True");
    ck_assert_msg(MoObject_Hash(a) == 5000, "hash(Cents(5000)) is not 5000, the hash of the int 5000");
    Mo_DECREF(c);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(small);
}

/* Traced bytes allocated while `make` is called n times (the results kept). */
static size_t traced_while(long v, MoObject **keep, int n)
{
    int started = !MoTraceMalloc_IsTracing();
    if (started)
        MoTraceMalloc_Start(1);
    size_t before, after, peak;
    MoTraceMalloc_GetTracedMemory(&before, &peak);
    for (int i = 0; i < n; i++)
        keep[i] = Cents_FromLong(v);
    MoTraceMalloc_GetTracedMemory(&after, &peak);
    if (started)
        MoTraceMalloc_Stop();
    return after - before;
}

MG_TEST(cents_saves_memory, 6, "1000 requests for a cached amount allocate nothing; 1000 for a large one allocate 1000 objects")
{
    static MoObject *keep[1000];
    size_t hits = traced_while(7, keep, 1000);
    for (int i = 0; i < 1000; i++) {
        if (keep[i] == NULL)
            ck_abort_msg("Cents_FromLong(7) returned NULL (%s)", mg_exc_text());
        Mo_DECREF(keep[i]);
    }
    ck_assert_msg(hits == 0, "1000 requests for the cached Cents(7) allocated %zu bytes, expected 0", hits);
    size_t misses = traced_while(5000, keep, 1000);
    for (int i = 0; i < 1000; i++) {
        if (keep[i] == NULL)
            ck_abort_msg("Cents_FromLong(5000) returned NULL (%s)", mg_exc_text());
        Mo_DECREF(keep[i]);
    }
    ck_assert_msg(misses >= 1000 * sizeof(CentsObject),
                  "1000 fresh Cents(5000) allocated %zu bytes, expected at least %zu", misses, 1000 * sizeof(CentsObject));
}

MG_TEST(cents_out_of_memory, 3, "with allocations failing, a cached amount is still returned and a fresh one fails with MemoryError")
{
    mg_alloc_limit(0);
    MoObject *hit = Cents_FromLong(10), *miss = Cents_FromLong(5000);
    mg_alloc_unlimited();
    ck_assert_msg(hit != NULL, "Cents_FromLong(10) failed with allocations failing (%s): a hit allocates nothing",
                  mg_exc_text());
    ck_assert_msg(miss == NULL, "Cents_FromLong(5000) succeeded although every allocation fails");
    mg_assert_exc(MoExc_MemoryError, NULL, "Cents_FromLong(5000) with allocations failing");
    ck_assert_msg(Cents_AsLong(hit) == 10, "the cached Cents(10) has the amount %ld", Cents_AsLong(hit));
    Mo_DECREF(hit);
}

MG_TEST(tally_is_never_cached, 7, "a Tally can change, so Tally_FromLong always makes a fresh one: changing one leaves the other")
{
    MoObject *a = mg_ok(Tally_FromLong(0), "Tally_FromLong(0)"), *b = mg_ok(Tally_FromLong(0), "Tally_FromLong(0)");
    ck_assert_msg(!Mo_Is(a, b), "Tally_FromLong(0) twice gave one object: a tally that can change must not be shared");
    mg_assert_refcnt(a, 1, "a fresh tally");
    ck_assert_int_eq(Tally_Increment(a), 0);
    ck_assert_msg(Tally_Value(a) == 1, "the tally incremented once counts %ld", Tally_Value(a));
    ck_assert_msg(Tally_Value(b) == 0, "incrementing one tally changed another: it counts %ld", Tally_Value(b));
    MoObject *c = mg_ok(Tally_FromLong(0), "Tally_FromLong(0)");
    ck_assert_msg(Tally_Value(c) == 0, "a new Tally_FromLong(0) counts %ld", Tally_Value(c));
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
}

MG_TEST(tally_counts, 3, "Tally_Increment adds one each time; Tally_Value of a non-Tally raises TypeError")
{
    MoObject *t = mg_ok(Tally_FromLong(5000), "Tally_FromLong(5000)"), *n = MoLong_FromLong(1);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(Tally_Increment(t), 0);
    ck_assert_msg(Tally_Value(t) == 5003, "Tally(5000) incremented three times counts %ld", Tally_Value(t));
    mg_assert_repr(t, "Tally(5003)", "the tally");
    ck_assert_msg(Tally_Value(n) == -1, "Tally_Value(1) did not return -1");
    mg_assert_exc(MoExc_TypeError, "expected a Tally, got 'int'", "Tally_Value(1)");
    Mo_DECREF(n);
    Mo_DECREF(t);
}
