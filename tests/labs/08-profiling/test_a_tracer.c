/* Lab 08 grader, part A: the allocation tracer (labs/08-profiling/tracer.h).
 *
 * Blocks are asked for at known lines of this file (the line is taken with __LINE__
 * on the same source line as the call), in each domain, with sizes chosen so that
 * every expected number is exact. The expected report lines were printed by CPython
 * 3.11's tracemalloc for the same sizes and counts (_format_size, Statistic.__str__).
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "tracer.h"

/* Every test ends with the tracer off, even one that failed half-way. */
static int stacked_runtime_tracer;   /* a test put the runtime's tracer on top of yours */

static int tracer_lab_teardown(void)
{
    if (stacked_runtime_tracer)
        MoTraceMalloc_Stop();
    stacked_runtime_tracer = 0;
    Tracer_Stop();
    return 0;
}
MG_LAB_TEARDOWN(tracer_lab_teardown)

/* ------------------------------------------------------------------ helpers */

static void start(void)
{
    if (Tracer_Start() < 0)
        ck_abort_msg("Tracer_Start failed: %s", mg_exc_text());
}

static size_t current(void)
{
    size_t cur, peak;
    Tracer_GetTracedMemory(&cur, &peak);
    return cur;
}

static size_t peak(void)
{
    size_t cur, pk;
    Tracer_GetTracedMemory(&cur, &pk);
    return pk;
}

/* The location of a trace is this file at line. */
#define assert_here(where, line, what)                                                              \
    do {                                                                                          \
        if (strcmp((where).filename, __FILE__) != 0 || (where).lineno != (line))                 \
            ck_abort_msg("%s was traced at %s:%d, expected %s:%d", (what), (where).filename,      \
                         (where).lineno, __FILE__, (line));                                       \
    } while (0)

/* The trace of (domain, p) has size bytes and was asked for at line of this file. */
#define assert_trace(domain, p, size, line, what)                                                   \
    do {                                                                                          \
        size_t got_;                                                                              \
        _MoFrameLoc where_;                                                                       \
        if (!Tracer_GetTrace((domain), (p), &got_, &where_))                                      \
            ck_abort_msg("%s is not traced", (what));                                             \
        if (got_ != (size_t)(size))                                                               \
            ck_abort_msg("%s is traced with size %zu, expected %zu", (what), got_, (size_t)(size)); \
        assert_here(where_, (line), (what));                                                      \
    } while (0)

/* A counting allocator put under the tracer: proves the hooks delegate. */
static MoMemAllocatorEx under_saved[3];
static long under_calls[3];

static void *under_malloc(void *ctx, size_t n)
{
    int d = (int)(intptr_t)ctx;
    under_calls[d]++;
    return under_saved[d].malloc(under_saved[d].ctx, n);
}

static void *under_calloc(void *ctx, size_t nelem, size_t elsize)
{
    int d = (int)(intptr_t)ctx;
    under_calls[d]++;
    return under_saved[d].calloc(under_saved[d].ctx, nelem, elsize);
}

static void *under_realloc(void *ctx, void *p, size_t n)
{
    int d = (int)(intptr_t)ctx;
    under_calls[d]++;
    return under_saved[d].realloc(under_saved[d].ctx, p, n);
}

static void under_free(void *ctx, void *p)
{
    int d = (int)(intptr_t)ctx;
    under_calls[d]++;
    under_saved[d].free(under_saved[d].ctx, p);
}

static void under_install(void)
{
    for (int d = 0; d < 3; d++) {
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &under_saved[d]);
        MoMemAllocatorEx a = { (void *)(intptr_t)d, under_malloc, under_calloc, under_realloc, under_free };
        MoMem_SetAllocator((MoMemAllocatorDomain)d, &a);
        under_calls[d] = 0;
    }
}

static void under_remove(void)
{
    for (int d = 0; d < 3; d++)
        MoMem_SetAllocator((MoMemAllocatorDomain)d, &under_saved[d]);
}

/* ------------------------------------------------------------ start and stop */

MG_TEST(tracer_start_installs_hooks, 3, "Tracer_Start puts a hook on each of the three domains and Tracer_Stop puts the saved allocators back")
{
    MoMemAllocatorEx before[3], during[3], after[3];
    for (int d = 0; d < 3; d++)
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &before[d]);
    ck_assert_msg(!Tracer_IsTracing(), "Tracer_IsTracing() is 1 before Tracer_Start");
    start();
    ck_assert_msg(Tracer_IsTracing(), "Tracer_IsTracing() is 0 after Tracer_Start");
    for (int d = 0; d < 3; d++) {
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &during[d]);
        if (during[d].malloc == before[d].malloc || during[d].free == before[d].free ||
            during[d].realloc == before[d].realloc || during[d].calloc == before[d].calloc)
            ck_abort_msg("domain %d: after Tracer_Start its allocator functions are the old ones", d);
    }
    Tracer_Stop();
    ck_assert_msg(!Tracer_IsTracing(), "Tracer_IsTracing() is 1 after Tracer_Stop");
    for (int d = 0; d < 3; d++) {
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &after[d]);
        if (memcmp(&after[d], &before[d], sizeof after[d]) != 0)
            ck_abort_msg("domain %d: after Tracer_Stop its allocator is not the one saved", d);
    }
}

MG_TEST(tracer_start_twice_refused, 2, "a second Tracer_Start raises RuntimeError and changes nothing")
{
    start();
    MoMemAllocatorEx a, b;
    MoMem_GetAllocator(MOMEM_DOMAIN_MEM, &a);
    ck_assert_msg(Tracer_Start() == -1, "a second Tracer_Start returned 0, expected -1");
    mg_assert_exc(MoExc_RuntimeError, "the tracer is already tracing", "a second Tracer_Start");
    MoMem_GetAllocator(MOMEM_DOMAIN_MEM, &b);
    ck_assert_msg(memcmp(&a, &b, sizeof a) == 0, "a second Tracer_Start changed the allocator");
    Tracer_Stop();
    start();                     /* and after a Stop it starts again */
}

MG_TEST(tracer_delegates, 4, "every hook calls the allocator saved at Tracer_Start, in its own domain")
{
    under_install();
    start();
    for (int d = 0; d < 3; d++)
        under_calls[d] = 0;
    void *r = MoMem_RawMalloc(40), *m = MoMem_Calloc(4, 10), *o = MoObject_Malloc(40);
    ck_assert_msg(r != NULL && m != NULL && o != NULL, "an allocation failed under the tracer");
    r = MoMem_RawRealloc(r, 400);
    m = MoMem_Realloc(m, 400);
    MoMem_RawFree(r);
    MoMem_Free(m);
    MoObject_Free(o);
    Tracer_Stop();
    under_remove();
    const char *name[3] = { "raw", "mem", "object" };
    long want[3] = { 3, 3, 2 };
    for (int d = 0; d < 3; d++)
        if (under_calls[d] < want[d])
            ck_abort_msg("the %s domain's saved allocator was called %ld times, expected at least %ld", name[d],
                         under_calls[d], want[d]);
}

/* ----------------------------------------------------------------- the traces */

MG_TEST(tracer_traces_malloc, 4, "a block from malloc in each domain is traced with its size and the line that asked for it")
{
    start();
    int l1 = __LINE__; void *r = MoMem_RawMalloc(123);
    int l2 = __LINE__; void *m = MoMem_Malloc(456);
    int l3 = __LINE__; void *o = MoObject_Malloc(78);
    assert_trace(MOMEM_DOMAIN_RAW, r, 123, l1, "MoMem_RawMalloc(123)");
    assert_trace(MOMEM_DOMAIN_MEM, m, 456, l2, "MoMem_Malloc(456)");
    assert_trace(MOMEM_DOMAIN_OBJ, o, 78, l3, "MoObject_Malloc(78)");
    size_t size;
    _MoFrameLoc where;
    ck_assert_msg(!Tracer_GetTrace(MOMEM_DOMAIN_OBJ, m, &size, &where), "a mem-domain block is traced in the object domain");
    ck_assert_msg(Tracer_Count() == 3, "Tracer_Count() is %zu with three blocks traced", Tracer_Count());
    MoMem_RawFree(r);
    MoMem_Free(m);
    MoObject_Free(o);
}

MG_TEST(tracer_traces_calloc, 2, "a block from calloc is traced with nelem * elsize bytes")
{
    start();
    int l = __LINE__; void *m = MoMem_Calloc(12, 10);
    assert_trace(MOMEM_DOMAIN_MEM, m, 120, l, "MoMem_Calloc(12, 10)");
    ck_assert_msg(current() == 120, "current is %zu after a calloc of 120 bytes", current());
    MoMem_Free(m);
}

MG_TEST(tracer_traces_realloc, 5, "realloc moves the trace: the new address, the new size, the realloc's line; the old trace is gone")
{
    start();
    void *p = MoMem_Malloc(10);
    int l = __LINE__; void *q = MoMem_Realloc(p, 5000);
    ck_assert_ptr_nonnull(q);
    assert_trace(MOMEM_DOMAIN_MEM, q, 5000, l, "MoMem_Realloc(p, 5000)");
    ck_assert_msg(current() == 5000, "current is %zu after growing a 10-byte block to 5000, expected 5000", current());
    ck_assert_msg(Tracer_Count() == 1, "%zu blocks traced after a realloc of one block, expected 1", Tracer_Count());
    int l2 = __LINE__; void *s = MoMem_Realloc(q, 20);
    assert_trace(MOMEM_DOMAIN_MEM, s, 20, l2, "MoMem_Realloc(q, 20)");
    ck_assert_msg(current() == 20, "current is %zu after shrinking it to 20, expected 20", current());
    int l3 = __LINE__; void *t = MoMem_Realloc(NULL, 30);
    assert_trace(MOMEM_DOMAIN_MEM, t, 30, l3, "MoMem_Realloc(NULL, 30)");
    MoMem_Free(s);
    MoMem_Free(t);
    ck_assert_msg(current() == 0 && Tracer_Count() == 0, "current %zu, %zu blocks after freeing everything", current(),
                  Tracer_Count());
}

MG_TEST(tracer_free_forgets, 3, "free removes the block's trace and its bytes from current, in every domain")
{
    start();
    void *r = MoMem_RawMalloc(100), *m = MoMem_Malloc(200), *o = MoObject_Malloc(300);
    ck_assert_msg(current() == 600, "current is %zu after 100 + 200 + 300 bytes", current());
    MoMem_Free(m);
    ck_assert_msg(current() == 400, "current is %zu after freeing the 200 bytes, expected 400", current());
    size_t size;
    _MoFrameLoc where;
    ck_assert_msg(!Tracer_GetTrace(MOMEM_DOMAIN_MEM, m, &size, &where), "a freed block is still traced");
    MoMem_RawFree(r);
    MoObject_Free(o);
    ck_assert_msg(current() == 0 && Tracer_Count() == 0, "current %zu, %zu blocks after freeing everything", current(),
                  Tracer_Count());
}

MG_TEST(tracer_current_exact, 3, "current is the exact sum of the sizes asked for: 1 + 2 + ... + 100 bytes is 5050")
{
    start();
    void *blocks[100];
    for (int i = 0; i < 100; i++)
        blocks[i] = MoMem_Malloc((size_t)i + 1);
    ck_assert_msg(current() == 5050, "current is %zu, expected 5050", current());
    ck_assert_msg(Tracer_Count() == 100, "%zu blocks traced, expected 100", Tracer_Count());
    for (int i = 0; i < 100; i += 2)
        MoMem_Free(blocks[i]);
    ck_assert_msg(current() == 2550, "current is %zu after freeing the odd sizes, expected 2550", current());
    for (int i = 1; i < 100; i += 2)
        MoMem_Free(blocks[i]);
}

MG_TEST(tracer_no_double_count, 4, "a block the pools take from the raw domain is not counted again: 1 MiB asked is 1 MiB traced")
{
    start();
    void *big = MoMem_Malloc(1 << 20);    /* too big for the pools: they ask the raw domain */
    ck_assert_msg(current() == (size_t)1 << 20, "current is %zu after asking for 1048576 bytes", current());
    ck_assert_msg(Tracer_Count() == 1, "%zu blocks traced for one allocation", Tracer_Count());
    MoMem_Free(big);
    /* Objects enough for new pools and an arena: only the objects are counted. */
    char text[200];
    memset(text, 'x', sizeof text);
    MoObject *list = mg_ok(MoList_New(3000), "MoList_New");
    size_t before = current();
    for (Mo_ssize_t i = 0; i < 3000; i++) {
        text[0] = (char)('a' + i % 26);
        MoObject *s = MoUnicode_FromStringAndSize(text, sizeof text);   /* 249 bytes each */
        if (s == NULL)
            ck_abort_msg("making a string failed: %s", mg_exc_text());
        MoList_SET_ITEM(list, i, s);
    }
    size_t grew = current() - before;
    Mo_DECREF(list);
    ck_assert_msg(grew == 3000 * 249, "3000 strings of 249 bytes grew current by %zu bytes, expected 747000", grew);
}

MG_TEST(tracer_peak, 4, "peak is the highest current since start; Tracer_ResetPeak sets it to current")
{
    start();
    ck_assert_msg(peak() == 0, "peak is %zu right after Tracer_Start", peak());
    void *a = MoMem_Malloc(3000);
    void *b = MoMem_Malloc(2000);
    MoMem_Free(a);
    ck_assert_msg(current() == 2000 && peak() == 5000, "current %zu, peak %zu: expected 2000 and 5000", current(), peak());
    Tracer_ResetPeak();
    ck_assert_msg(peak() == 2000, "peak is %zu after Tracer_ResetPeak, expected 2000 (current)", peak());
    void *c = MoMem_Malloc(100);
    ck_assert_msg(peak() == 2100, "peak is %zu after 100 more bytes, expected 2100", peak());
    MoMem_Free(b);
    MoMem_Free(c);
    ck_assert_msg(peak() == 2100 && current() == 0, "current %zu, peak %zu after freeing all", current(), peak());
}

MG_TEST(tracer_stop_forgets, 2, "after Tracer_Stop nothing is traced and the totals are 0; a new start begins from nothing")
{
    start();
    void *m = MoMem_Malloc(64);
    Tracer_Stop();
    size_t size;
    _MoFrameLoc where;
    ck_assert_msg(current() == 0 && peak() == 0, "current %zu, peak %zu after Tracer_Stop", current(), peak());
    ck_assert_msg(!Tracer_GetTrace(MOMEM_DOMAIN_MEM, m, &size, &where) && Tracer_Count() == 0, "a trace survived Tracer_Stop");
    start();
    MoMem_Free(m);               /* allocated before this start: unknown, harmless */
    ck_assert_msg(current() == 0 && Tracer_Count() == 0, "freeing a block traced before the stop changed the totals");
}

/* A helper that allocates for its caller: the trace names the helper's line. */
static int helper_line;
static void *__attribute__((noinline)) helper_alloc(size_t n)
{
    helper_line = __LINE__; return MoMem_Malloc(n);
}

MG_TEST(tracer_location_is_the_program, 3, "the location is the program's line, under the runtime's frames: a list's array is blamed on the append")
{
    start();
    void *h = helper_alloc(10);
    assert_trace(MOMEM_DOMAIN_MEM, h, 10, helper_line, "a block from a helper");
    MoObject *list = mg_ok(MoList_New(0), "MoList_New");
    MoObject *one = mg_ok(MoLong_FromLong(1), "MoLong_FromLong");
    int l = __LINE__; int r = MoList_Append(list, one);
    ck_assert_int_eq(r, 0);
    size_t size;
    assert_trace(MOMEM_DOMAIN_MEM, ((MoListObject *)list)->ob_item, 4 * sizeof(MoObject *), l, "the list's item array");
    (void)size;
    Mo_DECREF(one);
    Mo_DECREF(list);
    MoMem_Free(h);
}

MG_TEST(tracer_survives_runtime, 3, "the runtime works under the tracer (lists, dicts, strings, a collection) and counts as the runtime's own tracer does")
{
    start();
    size_t before = current();
    if (MoTraceMalloc_IsTracing())
        return;                  /* the grader's leak pass: the comparison needs the runtime's tracer */
    stacked_runtime_tracer = 1;
    if (MoTraceMalloc_Start(1) < 0)   /* on top of the student's hooks: the oracle */
        ck_abort_msg("MoTraceMalloc_Start failed: %s", mg_exc_text());
    MoObject *d = mg_ok(MoDict_New(), "MoDict_New");
    for (long i = 0; i < 500; i++) {
        MoObject *k = MoUnicode_FromFormat("key%ld", i), *v = MoList_New(0);
        if (k == NULL || v == NULL || MoList_Append(v, k) < 0 || MoDict_SetItem(d, k, v) < 0)
            ck_abort_msg("building the dict failed: %s", mg_exc_text());
        Mo_DECREF(k);
        Mo_DECREF(v);
    }
    ck_assert_int_eq(MoDict_Size(d), 500);
    size_t theirs, theirs_peak;
    MoTraceMalloc_GetTracedMemory(&theirs, &theirs_peak);
    size_t mine = current() - before;
    if (mine != theirs)
        ck_abort_msg("500 entries: your tracer counts %zu bytes, the runtime's %zu", mine, theirs);
    Mo_DECREF(d);
    MoGC_Collect();
    MoTraceMalloc_GetTracedMemory(&theirs, &theirs_peak);
    mine = current() - before;
    MoTraceMalloc_Stop();
    stacked_runtime_tracer = 0;
    if (mine != theirs)
        ck_abort_msg("after releasing the dict: your tracer counts %zu bytes, the runtime's %zu", mine, theirs);
}

/* ----------------------------------------------------------- snapshots, report */

/* Five lines of this file with known blocks: see the expected report. */
static int line_a, line_b, line_c, line_d, line_e;
static void *blocks[17];

static void allocate_known(void)
{
    int k = 0;
    for (int i = 0; i < 10; i++) {
        line_a = __LINE__; blocks[k++] = MoMem_Malloc(1000);
    }
    for (int i = 0; i < 3; i++) {
        line_b = __LINE__; blocks[k++] = MoMem_Malloc(4096);
    }
    line_c = __LINE__; blocks[k++] = MoMem_Malloc(50);
    line_d = __LINE__; blocks[k++] = MoMem_Malloc(64); blocks[k++] = MoMem_Malloc(64);
    line_e = __LINE__; blocks[k++] = MoMem_Malloc(64); blocks[k++] = MoMem_Malloc(64);
}

static void free_known(void)
{
    for (int i = 0; i < 17; i++)
        MoMem_Free(blocks[i]);
}

/* The row of snapshot for line of this file: 1 and *size, *count; 0 if none. */
static int find_row(MoObject *snap, int line, long *size, long *count)
{
    for (Mo_ssize_t i = 0; i < MoList_Size(snap); i++) {
        MoObject *t = MoList_GetItem(snap, i);
        if (!MoTuple_Check(t) || MoTuple_GET_SIZE(t) != 4)
            ck_abort_msg("snapshot row %zd is %s, expected a 4-tuple", i, Mo_TYPE(t)->tp_name);
        const char *file = MoUnicode_AsUTF8(MoTuple_GET_ITEM(t, 0));
        if (file != NULL && strcmp(file, __FILE__) == 0 && MoLong_AsLong(MoTuple_GET_ITEM(t, 1)) == line) {
            *size = MoLong_AsLong(MoTuple_GET_ITEM(t, 2));
            *count = MoLong_AsLong(MoTuple_GET_ITEM(t, 3));
            return 1;
        }
    }
    return 0;
}

MG_TEST(tracer_snapshot_groups_by_line, 4, "the snapshot has one row per line: (file, line, size, count) summed over its blocks")
{
    start();
    allocate_known();
    MoObject *snap = Tracer_TakeSnapshot();
    if (snap == NULL)
        ck_abort_msg("Tracer_TakeSnapshot failed: %s", mg_exc_text());
    ck_assert_msg(MoList_Check(snap), "the snapshot is a %s, expected a list", Mo_TYPE(snap)->tp_name);
    ck_assert_msg(MoList_Size(snap) == 5, "the snapshot has %zd rows for five lines", MoList_Size(snap));
    int lines[5] = { line_a, line_b, line_c, line_d, line_e };
    long sizes[5] = { 10000, 12288, 50, 128, 128 }, counts[5] = { 10, 3, 1, 2, 2 };
    for (int i = 0; i < 5; i++) {
        long size = 0, count = 0;
        if (!find_row(snap, lines[i], &size, &count))
            ck_abort_msg("the snapshot has no row for %s:%d", __FILE__, lines[i]);
        if (size != sizes[i] || count != counts[i])
            ck_abort_msg("line %d: size %ld, count %ld; expected %ld and %ld", lines[i], size, count, sizes[i], counts[i]);
    }
    Mo_DECREF(snap);
    /* Out of memory at each of the snapshot's allocations: MemoryError, nothing left. */
    for (long budget = 0;; budget++) {
        mg_alloc_limit(budget);
        snap = Tracer_TakeSnapshot();
        mg_alloc_unlimited();
        if (snap == NULL) {
            mg_assert_exc(MoExc_MemoryError, NULL, "Tracer_TakeSnapshot out of memory");
            continue;
        }
        mg_assert_no_exc("Tracer_TakeSnapshot");
        Mo_DECREF(snap);
        break;
    }
    free_known();
}

MG_TEST(tracer_snapshot_not_traced, 3, "taking a snapshot traces nothing of its own: current and the count do not move")
{
    start();
    allocate_known();
    void *many[300];             /* a line with more blocks than there are small ints */
    for (int i = 0; i < 300; i++)
        many[i] = MoMem_Malloc(8);
    size_t cur = current(), n = Tracer_Count();
    MoObject *snap = Tracer_TakeSnapshot();
    if (snap == NULL)
        ck_abort_msg("Tracer_TakeSnapshot failed: %s", mg_exc_text());
    ck_assert_msg(current() == cur && Tracer_Count() == n, "a snapshot moved current from %zu to %zu and the count from %zu to %zu",
                  cur, current(), n, Tracer_Count());
    MoObject *again = Tracer_TakeSnapshot();
    ck_assert_msg(again != NULL && MoList_Size(again) == MoList_Size(snap), "a second snapshot has other rows than the first");
    Mo_XDECREF(again);
    Mo_DECREF(snap);
    ck_assert_msg(current() == cur, "releasing the snapshots moved current from %zu to %zu", cur, current());
    for (int i = 0; i < 300; i++)
        MoMem_Free(many[i]);
    free_known();
    Tracer_Stop();
    ck_assert_msg(Tracer_TakeSnapshot() == NULL, "Tracer_TakeSnapshot returned a snapshot when not tracing");
    mg_assert_exc(MoExc_RuntimeError, "the tracer must be tracing to take a snapshot", "Tracer_TakeSnapshot after Tracer_Stop");
}

/* Check report[i] == "FILE:LINE: TAIL". */
static void assert_report_line(MoObject *report, Mo_ssize_t i, int line, const char *tail)
{
    char want[1024];
    snprintf(want, sizeof want, "%s:%d: %s", __FILE__, line, tail);
    MoObject *s = MoList_GetItem(report, i);
    const char *got = s != NULL && MoUnicode_Check(s) ? MoUnicode_AsUTF8(s) : "(not a str)";
    if (strcmp(got, want) != 0)
        ck_abort_msg("report line %zd is \"%s\", expected \"%s\"", i, got, want);
}

MG_TEST(tracer_top_format, 4, "the report's lines are tracemalloc's: file:line: size=..., count=..., average=...")
{
    start();
    allocate_known();
    MoObject *snap = Tracer_TakeSnapshot();
    if (snap == NULL)
        ck_abort_msg("Tracer_TakeSnapshot failed: %s", mg_exc_text());
    MoObject *top = Tracer_Top(snap, 3);
    if (top == NULL)
        ck_abort_msg("Tracer_Top failed: %s", mg_exc_text());
    ck_assert_msg(MoList_Size(top) == 3, "Tracer_Top(snap, 3) has %zd lines", MoList_Size(top));
    assert_report_line(top, 0, line_b, "size=12.0 KiB, count=3, average=4096 B");
    assert_report_line(top, 1, line_a, "size=10000 B, count=10, average=1000 B");
    assert_report_line(top, 2, line_e, "size=128 B, count=2, average=64 B");
    Mo_DECREF(top);
    /* Out of memory at each of the report's allocations: MemoryError, nothing left. */
    for (long budget = 0;; budget++) {
        mg_alloc_limit(budget);
        top = Tracer_Top(snap, 3);
        mg_alloc_unlimited();
        if (top == NULL) {
            mg_assert_exc(MoExc_MemoryError, NULL, "Tracer_Top out of memory");
            continue;
        }
        mg_assert_no_exc("Tracer_Top");
        Mo_DECREF(top);
        break;
    }
    Mo_DECREF(snap);
    free_known();
}

MG_TEST(tracer_top_sorted, 4, "the report is sorted as tracemalloc sorts: size, then count, then file and line, largest first")
{
    start();
    allocate_known();
    int l = __LINE__; void *x = MoMem_Malloc(100), *y = MoMem_Malloc(28);   /* 128 B in two blocks */
    MoObject *snap = Tracer_TakeSnapshot();
    if (snap == NULL)
        ck_abort_msg("Tracer_TakeSnapshot failed: %s", mg_exc_text());
    MoObject *top = Tracer_Top(snap, 100);
    if (top == NULL)
        ck_abort_msg("Tracer_Top failed: %s", mg_exc_text());
    ck_assert_msg(MoList_Size(top) == 6, "Tracer_Top(snap, 100) has %zd lines for six lines", MoList_Size(top));
    assert_report_line(top, 0, line_b, "size=12.0 KiB, count=3, average=4096 B");
    assert_report_line(top, 1, line_a, "size=10000 B, count=10, average=1000 B");
    assert_report_line(top, 2, l, "size=128 B, count=2, average=64 B");
    assert_report_line(top, 3, line_e, "size=128 B, count=2, average=64 B");
    assert_report_line(top, 4, line_d, "size=128 B, count=2, average=64 B");
    assert_report_line(top, 5, line_c, "size=50 B, count=1, average=50 B");
    Mo_DECREF(top);
    top = Tracer_Top(snap, 0);
    ck_assert_msg(top != NULL && MoList_Size(top) == 0, "Tracer_Top(snap, 0) is not an empty list");
    Mo_XDECREF(top);
    Mo_DECREF(snap);
    MoMem_Free(x);
    MoMem_Free(y);
    free_known();
}

/* A little leaky program: two places keep what they make. */
static MoObject *kept;
static int leak_line_1, leak_line_2;

static void __attribute__((noinline)) leaky_request(long i)
{
    leak_line_1 = __LINE__; MoObject *s = MoUnicode_FromFormat("request %06ld", i);
    MoList_Append(kept, s);
    Mo_DECREF(s);
    if (i % 4 == 0) {
        char text[400];
        memset(text, 'y', sizeof text);
        leak_line_2 = __LINE__; MoObject *b = MoUnicode_FromStringAndSize(text, sizeof text);
        MoList_Append(kept, b);
        Mo_DECREF(b);
    }
}

MG_TEST(tracer_report_names_leaks, 3, "after 40 leaky requests the top two report lines are the two leaking lines")
{
    kept = mg_ok(MoList_New(0), "MoList_New");
    leaky_request(0);            /* the list's array grows on its own line */
    start();
    for (long i = 1; i <= 40; i++)
        leaky_request(i);
    MoObject *snap = Tracer_TakeSnapshot();
    MoObject *top = snap != NULL ? Tracer_Top(snap, 2) : NULL;
    if (top == NULL)
        ck_abort_msg("the snapshot or the report failed: %s", mg_exc_text());
    /* 10 strings of 400 characters (449 bytes), then 40 strings of 14 characters. */
    assert_report_line(top, 0, leak_line_2, "size=4490 B, count=10, average=449 B");
    assert_report_line(top, 1, leak_line_1, "size=2520 B, count=40, average=63 B");
    Mo_DECREF(top);
    Mo_DECREF(snap);
    Tracer_Stop();
    Mo_CLEAR(kept);
}
