/* tracemalloc: start/stop, the counters (exact byte counts), snapshots, statistics
 * grouped and sorted, compare_to, cumulative mode, filters, _format_size, the str()
 * and repr() of every object, nframe validation, get_object_traceback.
 *
 * Synthetic traces come from MoTraceMalloc_Track in domain 7 at known lines of this
 * file (the line is taken with __LINE__ on the same source line as the call), and a
 * DomainFilter keeps only them. Expected texts were printed by CPython 3.11's
 * tracemalloc for the same numbers. */
#include <signal.h>
#include <stdlib.h>
#include "testutil.h"

#define TM_DOMAIN 7

/* Every test stops the tracer, even one that fails half-way. */
static void tm_stop(void)
{
    MoTraceMalloc_Stop();
}

static TCase *tm_tcase(const char *name)
{
    TCase *tc = mt_tcase(name);
    tcase_add_checked_fixture(tc, NULL, tm_stop);
    return tc;
}

/* ------------------------------------------------------------- helpers */

static Mo_ssize_t tm_field(MoObject *o, const char *name)
{
    MoObject *v = mt_ok(MoObject_GetAttrString(o, name));
    Mo_ssize_t n = MoLong_AsSsize_t(v);
    Mo_DECREF(v);
    return n;
}

/* The file name DWARF gives this file (the path the compiler was given), from the
   traceback of a block allocated here. */
static char tm_me[512];

static const char *tm_this_file(void)
{
    MoObject *snap = mt_ok(MoTraceMalloc_TakeSnapshot());
    MoObject *tb = mt_ok(MoTraceMalloc_GetObjectTraceback(snap));
    ck_assert_msg(tb != Mo_None, "a snapshot made here has no traceback");
    MoObject *frame = mt_ok(MoSequence_GetItem(tb, -1));     /* the most recent */
    MoObject *filename = mt_ok(MoObject_GetAttrString(frame, "filename"));
    snprintf(tm_me, sizeof tm_me, "%s", MoUnicode_AsUTF8(filename));
    Mo_DECREF(filename);
    Mo_DECREF(frame);
    Mo_DECREF(tb);
    Mo_DECREF(snap);
    const char *tail = "test_tracemalloc.c";
    size_t n = strlen(tm_me), k = strlen(tail);
    ck_assert_msg(n >= k && strcmp(tm_me + n - k, tail) == 0, "this file is named %s", tm_me);
    return tm_me;
}

/* new: a snapshot of the traces of TM_DOMAIN only. */
static MoObject *tm_domain_snapshot(void)
{
    MoObject *snap = mt_ok(MoTraceMalloc_TakeSnapshot());
    MoObject *f = mt_ok(MoTraceMalloc_DomainFilter(1, TM_DOMAIN));
    MoObject *filters = mt_ok(MoTuple_Pack(1, f));
    MoObject *mine = mt_ok(MoSnapshot_FilterTraces(snap, filters));
    Mo_DECREF(filters);
    Mo_DECREF(f);
    Mo_DECREF(snap);
    return mine;
}

/* Assert str(list[i]) == expected[i] for each i, and the length. */
static void tm_assert_strs(MoObject *list, const char *const *expected, Mo_ssize_t n)
{
    ck_assert_msg(MoList_Size(list) == n, "%zd results, expected %zd", MoList_Size(list), n);
    for (Mo_ssize_t i = 0; i < n; i++)
        mt_assert_str(MoList_GetItem(list, i), expected[i]);
}

/* ------------------------------------------------------ start and stop */

START_TEST(test_tracemalloc_start_stop)
{
    ck_assert_int_eq(MoTraceMalloc_IsTracing(), 0);
    ck_assert_int_eq(MoTraceMalloc_Start(3), 0);
    ck_assert_int_eq(MoTraceMalloc_IsTracing(), 1);
    ck_assert_int_eq(MoTraceMalloc_GetTracebackLimit(), 3);
    ck_assert_int_eq(MoTraceMalloc_Start(5), 0);            /* already tracing: no change */
    ck_assert_int_eq(MoTraceMalloc_GetTracebackLimit(), 3);
    ck_assert_msg(MoTraceMalloc_GetTracemallocMemory() > 0, "the tracer holds no memory");
    MoTraceMalloc_Stop();
    ck_assert_int_eq(MoTraceMalloc_IsTracing(), 0);
    ck_assert_int_eq(MoTraceMalloc_GetTracebackLimit(), 3);  /* kept after stop, as 3.11 */
    MoTraceMalloc_Stop();                                    /* twice: harmless */
    /* The allocators are the saved ones again: allocation still works, untraced. */
    void *p = MoMem_Malloc(100);
    size_t current, peak;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    ck_assert_msg(current == 0 && peak == 0, "(%zu, %zu) after stop", current, peak);
    MoMem_Free(p);
}
END_TEST

START_TEST(test_tracemalloc_nframe_range)
{
    static const int bad[] = { 0, -1, 65536, 1 << 30 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(MoTraceMalloc_Start(bad[i]), -1);
        mt_assert_exc(MoExc_ValueError, "the number of frames must be in range [1; 65535]");
        ck_assert_int_eq(MoTraceMalloc_IsTracing(), 0);
    }
    ck_assert_int_eq(MoTraceMalloc_Start(65535), 0);
    ck_assert_int_eq(MoTraceMalloc_GetTracebackLimit(), 65535);
    MoTraceMalloc_Stop();
}
END_TEST

START_TEST(test_tracemalloc_not_tracing)
{
    size_t current = 1, peak = 1;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    ck_assert_msg(current == 0 && peak == 0, "(%zu, %zu) when not tracing", current, peak);
    ck_assert_ptr_null(MoTraceMalloc_TakeSnapshot());
    mt_assert_exc(MoExc_RuntimeError,
                  "the tracemalloc module must be tracing memory allocations to take a snapshot");
    MoObject *l = MoList_New(0);
    MoObject *tb = MoTraceMalloc_GetObjectTraceback(l);
    ck_assert_ptr_eq(tb, Mo_None);
    Mo_DECREF(tb);
    Mo_DECREF(l);
    ck_assert_int_eq(MoTraceMalloc_Track(TM_DOMAIN, 0x1000, 10), -2);
    ck_assert_int_eq(MoTraceMalloc_Untrack(TM_DOMAIN, 0x1000), -2);
    MoTraceMalloc_ResetPeak();
    MoTraceMalloc_ClearTraces();
}
END_TEST

/* ------------------------------------------------------------ counters */

START_TEST(test_tracemalloc_traced_memory_exact)
{
    /* Each domain's hook records the requested size, whatever the allocator
       rounds it to; realloc moves the trace and changes its size. */
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    size_t c0, p0, c, p;
    MoTraceMalloc_GetTracedMemory(&c0, &p0);
    void *raw = MoMem_RawMalloc(1000);
    void *mem = MoMem_Malloc(333);
    void *obj = MoObject_Malloc(24);
    void *cal = MoMem_Calloc(10, 100);
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0 + 1000 + 333 + 24 + 1000);
    ck_assert_uint_eq(p, c);
    mem = MoMem_Realloc(mem, 3333);
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0 + 1000 + 3333 + 24 + 1000);
    mem = MoMem_Realloc(mem, 10);
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0 + 1000 + 10 + 24 + 1000);
    ck_assert_uint_eq(p, c0 + 1000 + 3333 + 24 + 1000);     /* the peak stays */
    MoMem_RawFree(raw);
    MoMem_Free(mem);
    MoObject_Free(obj);
    MoMem_Free(cal);
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0);
    ck_assert_uint_eq(p, c0 + 1000 + 3333 + 24 + 1000);
    MoTraceMalloc_Stop();
}
END_TEST

START_TEST(test_tracemalloc_reset_peak_and_clear)
{
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    size_t c0, p0, c, p;
    MoTraceMalloc_GetTracedMemory(&c0, &p0);
    void *big = MoMem_Malloc(100000);
    MoMem_Free(big);
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0);
    ck_assert_uint_ge(p, c0 + 100000);
    MoTraceMalloc_ResetPeak();
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(p, c);
    void *kept = MoMem_Malloc(5000);
    MoTraceMalloc_ClearTraces();
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_msg(c == 0 && p == 0, "(%zu, %zu) after clear_traces", c, p);
    MoMem_Free(kept);                      /* its trace is gone: nothing to subtract */
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_msg(c == 0 && p == 0, "(%zu, %zu) after freeing an untraced block", c, p);
    ck_assert_int_eq(MoTraceMalloc_IsTracing(), 1);
    MoTraceMalloc_Stop();
}
END_TEST

START_TEST(test_tracemalloc_track_untrack)
{
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    size_t c0, p0, c, p;
    MoTraceMalloc_GetTracedMemory(&c0, &p0);
    ck_assert_int_eq(MoTraceMalloc_Track(TM_DOMAIN, 0x1000, 300), 0);
    ck_assert_int_eq(MoTraceMalloc_Track(TM_DOMAIN, 0x1000, 500), 0);   /* replaces */
    ck_assert_int_eq(MoTraceMalloc_Track(TM_DOMAIN + 1, 0x1000, 7), 0); /* another domain */
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0 + 507);
    ck_assert_int_eq(MoTraceMalloc_Untrack(TM_DOMAIN, 0x1000), 0);
    ck_assert_int_eq(MoTraceMalloc_Untrack(TM_DOMAIN, 0x1000), 0);     /* unknown: no-op */
    MoTraceMalloc_GetTracedMemory(&c, &p);
    ck_assert_uint_eq(c, c0 + 7);
    ck_assert_int_eq(MoTraceMalloc_Track(TM_DOMAIN, 0, 1), -1);
    MoTraceMalloc_Stop();
}
END_TEST

/* --------------------------------------------------------- _format_size */

START_TEST(test_tracemalloc_format_size)
{
    /* internals §8.4 and facts §7, each printed by tracemalloc._format_size. */
    static const struct {
        double size;
        int sign;
        const char *text;
    } cases[] = {
        { 0, 0, "0 B" }, { 0, 1, "+0 B" }, { 37, 0, "37 B" }, { 1024, 0, "1024 B" },
        { 10239, 0, "10239 B" }, { 10240, 0, "10.0 KiB" }, { 101376, 0, "99.0 KiB" },
        { 102399, 0, "100.0 KiB" }, { 102400, 0, "100 KiB" }, { -20000, 1, "-19.5 KiB" },
        { -20000, 0, "-19.5 KiB" }, { 1048576, 0, "1024 KiB" }, { 10485760, 0, "10.0 MiB" },
        { 15728640, 0, "15.0 MiB" }, { 209715200, 0, "200 MiB" }, { 5497558138880.0, 1, "+5120 GiB" },
        { 2199023255552000.0, 0, "2000 TiB" }, { 36.5, 0, "36 B" }, { 37.5, 0, "38 B" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        _MoTraceMalloc_FormatSize(buf, sizeof buf, cases[i].size, cases[i].sign);
        ck_assert_msg(strcmp(buf, cases[i].text) == 0, "_format_size(%.1f, %d) = '%s', expected '%s'",
                      cases[i].size, cases[i].sign, buf, cases[i].text);
    }
}
END_TEST

/* ---------------------------------------------------- statistics, order */

START_TEST(test_tracemalloc_statistics_lineno)
{
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    const char *me = tm_this_file();
    /* A: 3 x 100; B: 1 x 300; C: 2 x 1000; D: 1 x 300 (ties B on size and count:
       the later line sorts first, as the larger traceback). */
    int a = __LINE__; for (int i = 0; i < 3; i++) MoTraceMalloc_Track(TM_DOMAIN, 0x1000 + 16 * (uintptr_t)i, 100);
    int b = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, 0x2000, 300);
    int c = __LINE__; for (int i = 0; i < 2; i++) MoTraceMalloc_Track(TM_DOMAIN, 0x3000 + 16 * (uintptr_t)i, 1000);
    int d = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, 0x4000, 300);
    MoObject *snap = tm_domain_snapshot();
    MoObject *stats = mt_ok(MoSnapshot_Statistics(snap, "lineno", 0));
    char e0[600], e1[600], e2[600], e3[600];
    snprintf(e0, sizeof e0, "%s:%d: size=2000 B, count=2, average=1000 B", me, c);
    snprintf(e1, sizeof e1, "%s:%d: size=300 B, count=3, average=100 B", me, a);
    snprintf(e2, sizeof e2, "%s:%d: size=300 B, count=1, average=300 B", me, d);
    snprintf(e3, sizeof e3, "%s:%d: size=300 B, count=1, average=300 B", me, b);
    const char *expected[] = { e0, e1, e2, e3 };
    tm_assert_strs(stats, expected, 4);
    char r0[700];
    snprintf(r0, sizeof r0, "<Statistic traceback=<Traceback (<Frame filename='%s' lineno=%d>,)> size=2000 count=2>",
             me, c);
    mt_assert_repr(MoList_GetItem(stats, 0), r0);
    ck_assert_int_eq(tm_field(MoList_GetItem(stats, 1), "size"), 300);
    ck_assert_int_eq(tm_field(MoList_GetItem(stats, 1), "count"), 3);
    Mo_DECREF(stats);
    /* By file: one group, line 0. */
    stats = mt_ok(MoSnapshot_Statistics(snap, "filename", 0));
    char f0[600];
    snprintf(f0, sizeof f0, "%s:0: size=2900 B, count=7, average=414 B", me);
    const char *by_file[] = { f0 };
    tm_assert_strs(stats, by_file, 1);
    Mo_DECREF(stats);
    /* Errors, as 3.11 words them. */
    ck_assert_ptr_null(MoSnapshot_Statistics(snap, "traceback", 1));
    mt_assert_exc(MoExc_ValueError, "cumulative mode cannot by used with key type 'traceback'");
    ck_assert_ptr_null(MoSnapshot_Statistics(snap, "line", 0));
    mt_assert_exc(MoExc_ValueError, "unknown key_type: 'line'");
    ck_assert_ptr_null(MoSnapshot_Statistics(Mo_None, "lineno", 0));
    mt_assert_exc(MoExc_TypeError, NULL);
    /* The method form gives the same. */
    stats = mt_ok(MoObject_CallMethod(snap, "statistics", "s", "lineno"));
    tm_assert_strs(stats, expected, 4);
    Mo_DECREF(stats);
    Mo_DECREF(snap);
    MoTraceMalloc_Stop();
}
END_TEST

START_TEST(test_tracemalloc_compare_to)
{
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    const char *me = tm_this_file();
    int a = __LINE__; for (int i = 0; i < 3; i++) MoTraceMalloc_Track(TM_DOMAIN, 0x1000 + 16 * (uintptr_t)i, 100);
    int b = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, 0x2000, 500);
    MoObject *old = tm_domain_snapshot();
    /* A loses everything, B grows by 4 blocks, C is new. */
    for (int i = 0; i < 3; i++)
        MoTraceMalloc_Untrack(TM_DOMAIN, 0x1000 + 16 * (uintptr_t)i);
    int b2 = __LINE__; for (int i = 1; i < 5; i++) MoTraceMalloc_Track(TM_DOMAIN, 0x2000 + 16 * (uintptr_t)i, 50);
    int c = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, 0x3000, 400);
    MoObject *new = tm_domain_snapshot();
    MoObject *diffs = mt_ok(MoSnapshot_CompareTo(new, old, "lineno", 0));
    /* Sorted by (|size_diff|, size, |count_diff|, count, traceback), largest first:
       C +400, A -300, B2 +200, B 0. */
    char e0[600], e1[600], e2[600], e3[600];
    snprintf(e0, sizeof e0, "%s:%d: size=400 B (+400 B), count=1 (+1), average=400 B", me, c);
    snprintf(e1, sizeof e1, "%s:%d: size=0 B (-300 B), count=0 (-3)", me, a);
    snprintf(e2, sizeof e2, "%s:%d: size=200 B (+200 B), count=4 (+4), average=50 B", me, b2);
    snprintf(e3, sizeof e3, "%s:%d: size=500 B (+0 B), count=1 (+0), average=500 B", me, b);
    const char *expected[] = { e0, e1, e2, e3 };
    tm_assert_strs(diffs, expected, 4);
    char r1[700];
    snprintf(r1, sizeof r1,
             "<StatisticDiff traceback=<Traceback (<Frame filename='%s' lineno=%d>,)> size=0 (-300) count=0 (-3)>", me, a);
    mt_assert_repr(MoList_GetItem(diffs, 1), r1);
    ck_assert_int_eq(tm_field(MoList_GetItem(diffs, 1), "size_diff"), -300);
    ck_assert_int_eq(tm_field(MoList_GetItem(diffs, 1), "count_diff"), -3);
    Mo_DECREF(diffs);
    diffs = mt_ok(MoObject_CallMethod(new, "compare_to", "Os", old, "lineno"));
    tm_assert_strs(diffs, expected, 4);
    Mo_DECREF(diffs);
    ck_assert_ptr_null(MoSnapshot_CompareTo(new, Mo_None, "lineno", 0));
    mt_assert_exc(MoExc_TypeError, NULL);
    Mo_DECREF(new);
    Mo_DECREF(old);
    MoTraceMalloc_Stop();
}
END_TEST

/* Two frames deep: the helper's line, then its caller's. */
static int tm_helper_line;
static void __attribute__((noinline)) tm_track_in_helper(uintptr_t p, size_t n)
{
    tm_helper_line = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, p, n);
}

/* The Statistic among stats whose traceback is the one frame (me, line), or NULL. */
static MoObject *tm_find_stat(MoObject *stats, const char *me, int line)
{
    char want[600];
    snprintf(want, sizeof want, "%s:%d", me, line);
    for (Mo_ssize_t i = 0; i < MoList_Size(stats); i++) {
        MoObject *tb = mt_ok(MoObject_GetAttrString(MoList_GetItem(stats, i), "traceback"));
        MoObject *s = mt_ok(MoObject_Str(tb));
        int found = strcmp(MoUnicode_AsUTF8(s), want) == 0;
        Mo_DECREF(s);
        Mo_DECREF(tb);
        if (found)
            return MoList_GetItem(stats, i);
    }
    return NULL;
}

START_TEST(test_tracemalloc_cumulative_and_traceback)
{
    ck_assert_int_eq(MoTraceMalloc_Start(3), 0);
    const char *me = tm_this_file();
    int x = __LINE__; tm_track_in_helper(0x1000, 100); tm_track_in_helper(0x1010, 100);
    int y = __LINE__; tm_track_in_helper(0x2000, 1000);
    MoObject *snap = tm_domain_snapshot();
    /* Not cumulative: each trace counts once, at its most recent frame. */
    MoObject *stats = mt_ok(MoSnapshot_Statistics(snap, "lineno", 0));
    ck_assert_int_eq(MoList_Size(stats), 1);
    MoObject *h = tm_find_stat(stats, me, tm_helper_line);
    ck_assert_msg(h != NULL && tm_field(h, "count") == 3 && tm_field(h, "size") == 1200, "helper line");
    Mo_DECREF(stats);
    /* Cumulative: once per frame, so the callers' lines appear too. */
    stats = mt_ok(MoSnapshot_Statistics(snap, "lineno", 1));
    h = tm_find_stat(stats, me, tm_helper_line);
    MoObject *sx = tm_find_stat(stats, me, x), *sy = tm_find_stat(stats, me, y);
    ck_assert_msg(h != NULL && tm_field(h, "count") == 3 && tm_field(h, "size") == 1200, "helper line");
    ck_assert_msg(sx != NULL && tm_field(sx, "count") == 2 && tm_field(sx, "size") == 200, "caller x");
    ck_assert_msg(sy != NULL && tm_field(sy, "count") == 1 && tm_field(sy, "size") == 1000, "caller y");
    Mo_DECREF(stats);
    /* By whole traceback: two groups (x's and y's), each three frames, oldest first. */
    stats = mt_ok(MoSnapshot_Statistics(snap, "traceback", 0));
    ck_assert_int_eq(MoList_Size(stats), 2);
    MoObject *tb = mt_ok(MoObject_GetAttrString(MoList_GetItem(stats, 0), "traceback"));
    ck_assert_int_eq(MoObject_Length(tb), 3);
    MoObject *last = mt_ok(MoSequence_GetItem(tb, -1)), *caller = mt_ok(MoSequence_GetItem(tb, -2));
    char want[600];
    snprintf(want, sizeof want, "%s:%d", me, tm_helper_line);
    mt_assert_str(last, want);
    snprintf(want, sizeof want, "%s:%d", me, y);                  /* 1000 B sorts first */
    mt_assert_str(caller, want);
    ck_assert_int_eq(tm_field(MoList_GetItem(stats, 0), "size"), 1000);
    Mo_DECREF(caller);
    Mo_DECREF(last);
    Mo_DECREF(tb);
    Mo_DECREF(stats);
    /* snapshot.traces: Trace objects with the stored traceback and total_nframe. */
    MoObject *traces = mt_ok(MoObject_GetAttrString(snap, "traces"));
    mt_assert_repr(traces, "<Traces len=3>");
    MoObject *trace = mt_ok(MoSequence_GetItem(traces, 0));
    ck_assert_int_eq(tm_field(trace, "domain"), TM_DOMAIN);
    tb = mt_ok(MoObject_GetAttrString(trace, "traceback"));
    ck_assert_int_eq(tm_field(tb, "total_nframe"), 3);
    const char *r = mt_repr(trace);
    ck_assert_msg(strncmp(r, "<Trace domain=7 size=", 21) == 0 && strstr(r, " total_nframe=3>>") != NULL, "%s", r);
    Mo_DECREF(tb);
    Mo_DECREF(trace);
    Mo_DECREF(traces);
    MoObject *limit = mt_ok(MoObject_GetAttrString(snap, "traceback_limit"));
    ck_assert_int_eq(MoLong_AsLong(limit), 3);
    Mo_DECREF(limit);
    Mo_DECREF(snap);
    MoTraceMalloc_Stop();
}
END_TEST

/* -------------------------------------------------------------- filters */

START_TEST(test_tracemalloc_filters)
{
    ck_assert_int_eq(MoTraceMalloc_Start(3), 0);
    const char *me = tm_this_file();
    int a = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, 0x1000, 100); tm_track_in_helper(0x1010, 10);
    int b = __LINE__; MoTraceMalloc_Track(TM_DOMAIN + 1, 0x2000, 200);
    MoObject *all = mt_ok(MoTraceMalloc_TakeSnapshot());
    char here[600];
    snprintf(here, sizeof here, "%s", me);
    const char *base = strrchr(here, '/') ? strrchr(here, '/') + 1 : here;
    char star[616];
    snprintf(star, sizeof star, "*/%s", base);
    /* The three synthetic traces: T1 (domain 7, line a), T2 (domain 7, the helper's
       line, called from line a), T3 (domain 8, line b). Each row: up to two filters
       (pattern, inclusive, lineno, all_frames, domain; a NULL pattern makes a
       DomainFilter, inclusive -1 no filter) and how many of the three remain. */
    struct { const char *pattern; int inclusive, lineno, all_frames, domain; } rows[][2] = {
        { { star, 1, 0, 0, -1 }, { NULL, -1, 0, 0, 0 } },               /* this file: all three */
        { { star, 1, a, 0, -1 }, { NULL, -1, 0, 0, 0 } },               /* most recent frame on a: T1 */
        { { star, 1, a, 1, -1 }, { NULL, -1, 0, 0, 0 } },               /* a in any frame: T1, T2 */
        { { star, 0, a, 0, -1 }, { NULL, 1, 0, 0, TM_DOMAIN } },        /* domain 7 but not a: T2 */
        { { star, 1, 0, 0, TM_DOMAIN + 1 }, { NULL, -1, 0, 0, 0 } },    /* inclusive AND domain 8: T3 */
        { { star, 0, 0, 0, TM_DOMAIN + 1 }, { NULL, 1, 0, 0, TM_DOMAIN + 1 } }, /* exclusive OR: none */
        { { "*test_tracemalloc.?", 1, b, 0, -1 }, { NULL, -1, 0, 0, 0 } },      /* '?': T3 */
        { { "*test_[st]racemalloc.c", 1, b, 0, -1 }, { NULL, -1, 0, 0, 0 } },   /* a set: T3 */
        { { "*test_[!t]racemalloc.c", 1, b, 0, -1 }, { NULL, -1, 0, 0, 0 } },   /* a negated set */
        { { "test_tracemalloc.c", 1, 0, 0, -1 }, { NULL, -1, 0, 0, 0 } },       /* the whole name */
        { { "*.h", 0, 0, 0, -1 }, { NULL, 0, 0, 0, 9 } },                       /* two exclusions */
    };
    static const Mo_ssize_t kept[] = { 3, 1, 2, 1, 1, 0, 1, 1, 0, 0, 3 };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        MoObject *filters = mt_ok(MoList_New(0));
        for (int k = 0; k < 2; k++) {
            if (rows[i][k].inclusive < 0)
                continue;
            MoObject *f = rows[i][k].pattern != NULL
                              ? MoTraceMalloc_Filter(rows[i][k].inclusive, rows[i][k].pattern, rows[i][k].lineno,
                                                     rows[i][k].all_frames, rows[i][k].domain)
                              : MoTraceMalloc_DomainFilter(rows[i][k].inclusive, rows[i][k].domain);
            MoList_Append(filters, mt_ok(f));
            Mo_DECREF(f);
        }
        /* Keep only the synthetic traces (domains 7 and 8) before counting. */
        MoObject *snap = mt_ok(MoSnapshot_FilterTraces(all, filters));
        MoObject *seven = mt_ok(MoTraceMalloc_DomainFilter(1, TM_DOMAIN));
        MoObject *eight = mt_ok(MoTraceMalloc_DomainFilter(1, TM_DOMAIN + 1));
        MoObject *only = mt_ok(MoTuple_Pack(2, seven, eight));
        MoObject *mine = mt_ok(MoSnapshot_FilterTraces(snap, only));
        MoObject *traces = mt_ok(MoObject_GetAttrString(mine, "traces"));
        ck_assert_msg(MoObject_Length(traces) == kept[i], "row %zu: %zd traces kept, expected %zd", i,
                      MoObject_Length(traces), kept[i]);
        Mo_DECREF(traces);
        Mo_DECREF(mine);
        Mo_DECREF(only);
        Mo_DECREF(eight);
        Mo_DECREF(seven);
        Mo_DECREF(snap);
        Mo_DECREF(filters);
    }
    /* Attributes, and the errors. */
    MoObject *f = mt_ok(MoTraceMalloc_Filter(0, "*.c", 0, 1, -1));
    MoObject *v = mt_ok(MoObject_GetAttrString(f, "lineno"));
    ck_assert_ptr_eq(v, Mo_None);
    Mo_DECREF(v);
    v = mt_ok(MoObject_GetAttrString(f, "filename_pattern"));
    mt_assert_str(v, "*.c");
    Mo_DECREF(v);
    v = mt_ok(MoObject_GetAttrString(f, "inclusive"));
    ck_assert_ptr_eq(v, Mo_False);
    Mo_DECREF(v);
    Mo_DECREF(f);
    MoObject *three = MoLong_FromLong(3);
    ck_assert_ptr_null(MoSnapshot_FilterTraces(all, three));
    mt_assert_exc(MoExc_TypeError, "filters must be a list of filters, not int");
    MoObject *bad = mt_ok(MoTuple_Pack(1, three));
    ck_assert_ptr_null(MoSnapshot_FilterTraces(all, bad));
    mt_assert_exc(MoExc_AttributeError, "'int' object has no attribute 'inclusive'");
    Mo_DECREF(bad);
    Mo_DECREF(three);
    /* An empty list keeps everything. */
    MoObject *none = mt_ok(MoList_New(0));
    MoObject *copy = mt_ok(MoSnapshot_FilterTraces(all, none));
    MoObject *t1 = mt_ok(MoObject_GetAttrString(all, "traces")), *t2 = mt_ok(MoObject_GetAttrString(copy, "traces"));
    ck_assert_int_eq(MoObject_Length(t1), MoObject_Length(t2));
    Mo_DECREF(t2);
    Mo_DECREF(t1);
    Mo_DECREF(copy);
    Mo_DECREF(none);
    Mo_DECREF(all);
    MoTraceMalloc_Stop();
}
END_TEST

/* ------------------------------------------------------- object formats */

START_TEST(test_tracemalloc_formats)
{
    ck_assert_int_eq(MoTraceMalloc_Start(2), 0);
    const char *me = tm_this_file();
    int a = __LINE__; tm_track_in_helper(0x1000, 300);
    MoObject *snap = tm_domain_snapshot();
    MoObject *stats = mt_ok(MoSnapshot_Statistics(snap, "traceback", 0));
    MoObject *tb = mt_ok(MoObject_GetAttrString(MoList_GetItem(stats, 0), "traceback"));
    /* str(Traceback) is its oldest frame; repr lists the frames oldest first. */
    char want[1200];
    snprintf(want, sizeof want, "%s:%d", me, a);
    mt_assert_str(tb, want);
    snprintf(want, sizeof want, "<Traceback (<Frame filename='%s' lineno=%d>, <Frame filename='%s' lineno=%d>)>", me,
             a, me, tm_helper_line);
    mt_assert_repr(tb, want);
    MoObject *frame = mt_ok(MoSequence_GetItem(tb, 1));
    snprintf(want, sizeof want, "%s:%d", me, tm_helper_line);
    mt_assert_str(frame, want);
    snprintf(want, sizeof want, "<Frame filename='%s' lineno=%d>", me, tm_helper_line);
    mt_assert_repr(frame, want);
    /* Frames and tracebacks compare and hash as tuples. */
    MoObject *frame0 = mt_ok(MoSequence_GetItem(tb, 0));
    ck_assert_int_eq(MoObject_RichCompareBool(frame0, frame, a < tm_helper_line ? MO_GT : MO_LT), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(frame, frame, MO_EQ), 1);
    MoObject *filename = mt_ok(MoObject_GetAttrString(frame, "filename"));
    MoObject *pair = mt_ok(Mo_BuildValue("(Oi)", filename, tm_helper_line));
    ck_assert_int_eq(MoObject_Hash(frame), MoObject_Hash(pair));
    /* format(): '  File "f", line n' and the source line, oldest first (the file is
       read by the name DWARF gives, relative to the project: the runner runs there). */
    MoObject *lines = mt_ok(MoObject_CallMethod(tb, "format", NULL));
    ck_assert_int_eq(MoList_Size(lines), 4);
    snprintf(want, sizeof want, "  File \"%s\", line %d", me, tm_helper_line);
    mt_assert_str(MoList_GetItem(lines, 2), want);
    mt_assert_str(MoList_GetItem(lines, 3), "    tm_helper_line = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, p, n);");
    Mo_DECREF(lines);
    lines = mt_ok(MoObject_CallMethod(tb, "format", "ii", 1, 1));
    ck_assert_int_eq(MoList_Size(lines), 2);
    mt_assert_str(MoList_GetItem(lines, 0), want);
    Mo_DECREF(lines);
    Mo_DECREF(pair);
    Mo_DECREF(filename);
    Mo_DECREF(frame0);
    Mo_DECREF(frame);
    Mo_DECREF(tb);
    Mo_DECREF(stats);
    /* A Trace: "tb: size". */
    MoObject *traces = mt_ok(MoObject_GetAttrString(snap, "traces"));
    MoObject *trace = mt_ok(MoSequence_GetItem(traces, 0));
    snprintf(want, sizeof want, "%s:%d: 300 B", me, a);
    mt_assert_str(trace, want);
    snprintf(want, sizeof want,
             "<Trace domain=7 size=300 B, traceback=<Traceback (<Frame filename='%s' lineno=%d>, <Frame filename='%s' "
             "lineno=%d>) total_nframe=2>>",
             me, a, me, tm_helper_line);
    mt_assert_repr(trace, want);
    Mo_DECREF(trace);
    Mo_DECREF(traces);
    Mo_DECREF(snap);
    MoTraceMalloc_Stop();
}
END_TEST

/* ------------------------------------------------- get_object_traceback */

START_TEST(test_tracemalloc_object_traceback)
{
    _MoList_ClearFreeList();           /* a fresh list, not one allocated before tracing */
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    const char *me = tm_this_file();
    int a = __LINE__; MoObject *l = MoList_New(0);
    int b = __LINE__; MoObject *big = MoLong_FromLong(1L << 40);
    int c = __LINE__; MoObject *cls = mt_ok(MoClass_New("A", NULL));
    int d = __LINE__; MoObject *inst = mt_ok(MoObject_CallNoArgs(cls));
    /* A list (16-byte GC pre-header), an int (none), a class, and an instance of a
       plain class (32 bytes: GC header and managed dict), for which 3.11's
       get_object_traceback wrongly returns None (gh-101430). */
    struct { MoObject *o; int line; } cases[] = { { l, a }, { big, b }, { cls, c }, { inst, d } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *tb = mt_ok(MoTraceMalloc_GetObjectTraceback(cases[i].o));
        char want[600];
        snprintf(want, sizeof want, "%s:%d", me, cases[i].line);
        mt_assert_str(tb, want);
        Mo_DECREF(tb);
    }
    /* Static objects and small ints were never allocated while tracing. */
    MoObject *tb = mt_ok(MoTraceMalloc_GetObjectTraceback(Mo_None));
    ck_assert_ptr_eq(tb, Mo_None);
    Mo_DECREF(tb);
    MoObject *five = MoLong_FromLong(5);
    tb = mt_ok(MoTraceMalloc_GetObjectTraceback(five));
    ck_assert_ptr_eq(tb, Mo_None);
    Mo_DECREF(tb);
    Mo_DECREF(five);
    MoTraceMalloc_Stop();
    tb = mt_ok(MoTraceMalloc_GetObjectTraceback(l));
    ck_assert_ptr_eq(tb, Mo_None);                 /* after stop: None */
    Mo_DECREF(tb);
    Mo_DECREF(inst);
    Mo_DECREF(cls);
    Mo_DECREF(big);
    Mo_DECREF(l);
}
END_TEST

/* The program's line, never the runtime's: a list's item array grows inside
   list_resize, yet its trace names the line that appended. */
START_TEST(test_tracemalloc_runtime_frames_skipped)
{
    ck_assert_int_eq(MoTraceMalloc_Start(1), 0);
    const char *me = tm_this_file();
    MoObject *l = MoList_New(0);
    MoObject *old = mt_ok(MoTraceMalloc_TakeSnapshot());
    int a = __LINE__; for (int i = 0; i < 100; i++) MoList_Append(l, Mo_None);
    MoObject *new = mt_ok(MoTraceMalloc_TakeSnapshot());
    MoObject *diffs = mt_ok(MoSnapshot_CompareTo(new, old, "lineno", 0));
    MoObject *stat = tm_find_stat(diffs, me, a);
    ck_assert_msg(stat != NULL, "no statistic for the appending line");
    ck_assert_int_eq(tm_field(stat, "count"), 1);              /* one array, moved by realloc */
    ck_assert_int_eq(tm_field(stat, "size"), 108 * 8);         /* capacity 108 after 100 appends */
    for (Mo_ssize_t i = 0; i < MoList_Size(diffs); i++) {
        const char *s = mt_repr(MoList_GetItem(diffs, i));
        ck_assert_msg(strstr(s, "lib/src/") == NULL && strstr(s, "lib/include/") == NULL, "runtime frame: %s", s);
    }
    Mo_DECREF(diffs);
    Mo_DECREF(new);
    Mo_DECREF(old);
    Mo_DECREF(l);
    MoTraceMalloc_Stop();
}
END_TEST

/* A signal handler's frame has no simple unwinding rule: the walk falls back to the
   C library's unwinder, and still names the handler's line. */
static int tm_handler_line;
static void tm_on_signal(int sig)
{
    (void)sig;
    tm_handler_line = __LINE__; MoTraceMalloc_Track(TM_DOMAIN, 0x5000, 64);
}

START_TEST(test_tracemalloc_signal_frame)
{
    ck_assert_int_eq(MoTraceMalloc_Start(4), 0);
    const char *me = tm_this_file();
    void (*old)(int) = signal(SIGUSR1, tm_on_signal);
    raise(SIGUSR1);
    signal(SIGUSR1, old);
    MoObject *snap = tm_domain_snapshot();
    MoObject *stats = mt_ok(MoSnapshot_Statistics(snap, "lineno", 0));
    char want[600];
    snprintf(want, sizeof want, "%s:%d: size=64 B, count=1, average=64 B", me, tm_handler_line);
    const char *expected[] = { want };
    tm_assert_strs(stats, expected, 1);
    Mo_DECREF(stats);
    Mo_DECREF(snap);
    MoTraceMalloc_Stop();
}
END_TEST

Suite *tracemalloc_suite(void)
{
    Suite *s = suite_create("tracemalloc");
    TCase *tc = tm_tcase("core");
    tcase_add_test(tc, test_tracemalloc_start_stop);
    tcase_add_test(tc, test_tracemalloc_nframe_range);
    tcase_add_test(tc, test_tracemalloc_not_tracing);
    tcase_add_test(tc, test_tracemalloc_traced_memory_exact);
    tcase_add_test(tc, test_tracemalloc_reset_peak_and_clear);
    tcase_add_test(tc, test_tracemalloc_track_untrack);
    tcase_add_test(tc, test_tracemalloc_format_size);
    suite_add_tcase(s, tc);
    tc = tm_tcase("snapshots");
    tcase_add_test(tc, test_tracemalloc_statistics_lineno);
    tcase_add_test(tc, test_tracemalloc_compare_to);
    tcase_add_test(tc, test_tracemalloc_cumulative_and_traceback);
    tcase_add_test(tc, test_tracemalloc_filters);
    tcase_add_test(tc, test_tracemalloc_formats);
    tcase_add_test(tc, test_tracemalloc_object_traceback);
    tcase_add_test(tc, test_tracemalloc_runtime_frames_skipped);
    tcase_add_test(tc, test_tracemalloc_signal_frame);
    suite_add_tcase(s, tc);
    return s;
}
