/* Lab 07 grader, part B: the statistics of a PoolAllocator against the test's own
 * bookkeeping of what it asked for. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lab07_tests.h"

/* The pools of the arena the tracker handed out as its k-th. */
static size_t arena_pools(const Tracker *t, int k)
{
    uintptr_t base = (uintptr_t)t->arenas[k], first = (base + POOL_SIZE - 1) & ~(uintptr_t)(POOL_SIZE - 1);
    return (base + POOL_ARENA_SIZE - first) / POOL_SIZE;
}

/* The known workload: 300 blocks of 16 bytes (class 0, 253 a pool: one full pool and
   one with 47 out), 10 of 100 bytes (class 6, 112 bytes, 36 a pool) and 7 of 512
   (class 31, 7 a pool: one full pool); nothing freed. */
enum { N16 = 300, N100 = 10, N512 = 7 };
typedef struct {
    void *p16[N16], *p100[N100], *p512[N512];
} Workload;

static void make_workload(PoolAllocator *a, Workload *w)
{
    for (int i = 0; i < N16; i++)
        w->p16[i] = Pool_Malloc(a, 1 + (size_t)i % 16);
    for (int i = 0; i < N100; i++)
        w->p100[i] = Pool_Malloc(a, 100);
    for (int i = 0; i < N512; i++)
        w->p512[i] = Pool_Malloc(a, 512);
}

static void free_all(PoolAllocator *a, void **p, int n)
{
    for (int i = 0; i < n; i++)
        Pool_Free(a, p[i]);
}

static void drop_workload(PoolAllocator *a, Workload *w)
{
    free_all(a, w->p16, N16);
    free_all(a, w->p100, N100);
    free_all(a, w->p512, N512);
}

MG_TEST(stats_blocks_per_class, 4, "blocks in use, pools and available blocks per size class are what the test allocated")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    static Workload w;
    make_workload(a, &w);
    PoolStats st;
    Pool_GetStats(a, &st);
    static const struct { int c; size_t pools, in_use, avail; } want[] = {
        { 0, 2, 300, 2 * 253 - 300 }, { 6, 1, 10, 36 - 10 }, { 31, 1, 7, 0 },
    };
    for (int c = 0, k = 0; c < POOL_NCLASSES; c++) {
        size_t pools = 0, in_use = 0, avail = 0;
        if (k < 3 && want[k].c == c) {
            pools = want[k].pools, in_use = want[k].in_use, avail = want[k].avail;
            k++;
        }
        if (st.pools[c] != pools || st.blocks_in_use[c] != in_use || st.blocks_available[c] != avail)
            ck_abort_msg("class %d: %zu pools, %zu blocks in use, %zu available; expected %zu, %zu, %zu", c,
                         st.pools[c], st.blocks_in_use[c], st.blocks_available[c], pools, in_use, avail);
    }
    drop_workload(a, &w);
    Pool_Delete(a);
}

MG_TEST(stats_pool_states, 3, "used, full and empty pools counted by state, and a pool changes state as its blocks go")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    static Workload w;
    make_workload(a, &w);
    PoolStats st;
    Pool_GetStats(a, &st);
    size_t npools = arena_pools(&t, 0);
    ck_assert_msg(st.used_pools == 2 && st.full_pools == 2 && st.empty_pools == npools - 4,
                  "%zu used, %zu full, %zu empty pools; expected 2 used (classes 0 and 6), 2 full (0 and 31), "
                  "%zu empty", st.used_pools, st.full_pools, st.empty_pools, npools - 4);
    Pool_Free(a, w.p512[3]);
    free_all(a, w.p100, N100);
    Pool_GetStats(a, &st);
    ck_assert_msg(st.used_pools == 2 && st.full_pools == 1 && st.empty_pools == npools - 3,
                  "after one block of 512 and every block of 100 went back: %zu used, %zu full, %zu empty pools; "
                  "expected 2, 1, %zu", st.used_pools, st.full_pools, st.empty_pools, npools - 3);
    w.p512[3] = Pool_Malloc(a, 512);
    for (int i = 0; i < N100; i++)
        w.p100[i] = Pool_Malloc(a, 100);
    drop_workload(a, &w);
    Pool_Delete(a);
}

MG_TEST(stats_bytes_add_up, 4, "bytes in use, available, in empty pools, headers, quantization and alignment: each right, adding up to the arena")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    static Workload w;
    make_workload(a, &w);
    PoolStats st;
    Pool_GetStats(a, &st);
    size_t npools = arena_pools(&t, 0);
    const struct { const char *what; size_t got, want; } rows[] = {
        { "bytes_in_use", st.bytes_in_use, 300 * 16 + 10 * 112 + 7 * 512 },
        { "bytes_available", st.bytes_available, 206 * 16 + 26 * 112 },
        { "bytes_in_empty_pools", st.bytes_in_empty_pools, (npools - 4) * POOL_SIZE },
        { "bytes_pool_headers", st.bytes_pool_headers, 4 * POOL_OVERHEAD },
        { "bytes_quantization", st.bytes_quantization, 0 + (4048 - 36 * 112) + (4048 - 7 * 512) },
        { "bytes_arena_alignment", st.bytes_arena_alignment, POOL_ARENA_SIZE - npools * POOL_SIZE },
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (rows[i].got != rows[i].want)
            ck_abort_msg("%s is %zu, expected %zu", rows[i].what, rows[i].got, rows[i].want);
        total += rows[i].got;
    }
    ck_assert_msg(total == st.arenas * POOL_ARENA_SIZE && st.arenas == 1, "the bytes add up to %zu for %zu arenas "
                  "of %d bytes", total, st.arenas, POOL_ARENA_SIZE);
    drop_workload(a, &w);
    Pool_Delete(a);
}

MG_TEST(stats_arena_counts, 3, "arenas allocated total, reclaimed, highwater mark and current after three arenas came and went")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    enum { N = 3 * 15 * 7 };
    static void *p[N];
    for (int i = 0; i < N; i++)
        p[i] = Pool_Malloc(a, 512);
    ck_assert_msg(t.narenas >= 3, "%d arenas taken for %d blocks of 512 bytes, expected at least 3", t.narenas, N);
    free_all(a, p, N);
    PoolStats st;
    Pool_GetStats(a, &st);
    size_t got = (size_t)t.narenas;
    ck_assert_msg(st.arenas_allocated_total == got && st.arenas_highwater == got && st.arenas_reclaimed == got - 1 &&
                  st.arenas == 1, "arenas: %zu allocated total, %zu reclaimed, %zu highwater, %zu current; the "
                  "backing allocator handed out %zu and has %zu back, expected %zu, %zu, %zu, 1",
                  st.arenas_allocated_total, st.arenas_reclaimed, st.arenas_highwater, st.arenas, got, got - 1, got,
                  got - 1, got);
    Pool_Delete(a);
}

/* n with thousands separators. */
static const char *grouped(size_t n, char *buf)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), g = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[g++] = ',';
        buf[g++] = digits[i];
    }
    buf[g] = '\0';
    return buf;
}

MG_TEST(stats_printed_like_debugmallocstats, 5, "Pool_PrintStats prints the known workload line for line as sys._debugmallocstats() would")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    static Workload w;
    make_workload(a, &w);
    size_t npools = arena_pools(&t, 0), unused = npools - 4, align = POOL_ARENA_SIZE - npools * POOL_SIZE;
    char expected[4096], b[6][32];
    snprintf(expected, sizeof expected,
             "Small block threshold = 512, in 32 size classes.\n"
             "\n"
             "class   size   num pools   blocks in use  avail blocks\n"
             "-----   ----   ---------   -------------  ------------\n"
             "    0     16           2             300           206\n"
             "    6    112           1              10            26\n"
             "   31    512           1               7             0\n"
             "\n"
             "# arenas allocated total           =                    1\n"
             "# arenas reclaimed                 =                    0\n"
             "# arenas highwater mark            =                    1\n"
             "# arenas allocated current         =                    1\n"
             "1 arenas * 65536 bytes/arena       =               65,536\n"
             "\n"
             "# bytes in allocated blocks        =               %6s\n"
             "# bytes in available blocks        =               %6s\n"
             "%-35s=%21s\n"
             "# bytes lost to pool headers       =                  192\n"
             "# bytes lost to quantization       =                  480\n"
             "# bytes lost to arena alignment    =               %6s\n"
             "Total                              =               65,536\n",
             grouped(300 * 16 + 10 * 112 + 7 * 512, b[0]), grouped(206 * 16 + 26 * 112, b[1]),
             (snprintf(b[2], sizeof b[2], "%zu unused pools * 4096 bytes", unused), b[2]),
             grouped(unused * POOL_SIZE, b[3]), grouped(align, b[4]));
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    ck_assert_msg(out != NULL, "the test could not open a memory stream");
    size_t total = Pool_PrintStats(a, out);
    fclose(out);
    const char *e = expected, *g = text;
    for (int line = 1; *e != '\0'; line++) {
        size_t elen = strcspn(e, "\n"), glen = strcspn(g, "\n");
        if (*g == '\0' || elen != glen || strncmp(e, g, elen) != 0) {
            char msg[256];
            if (*g == '\0')
                snprintf(msg, sizeof msg, "the output stops before line %d, expected '%.*s'", line, (int)elen, e);
            else
                snprintf(msg, sizeof msg, "line %d printed is '%.*s', expected '%.*s'", line, (int)glen, g,
                         (int)elen, e);
            free(text);
            ck_abort_msg("%s", msg);
        }
        e += elen + (e[elen] == '\n');
        g += glen + (g[glen] == '\n');
    }
    if (*g != '\0') {
        char msg[160];
        snprintf(msg, sizeof msg, "more lines than expected after Total: '%.*s'", (int)strcspn(g, "\n"), g);
        free(text);
        ck_abort_msg("%s", msg);
    }
    free(text);
    ck_assert_msg(total == POOL_ARENA_SIZE, "Pool_PrintStats returned %zu, expected the bytes of the arenas held (%d)",
                  total, POOL_ARENA_SIZE);
    drop_workload(a, &w);
    Pool_Delete(a);
}
