/* Lab 07 grader: the figures scored against the reference solution's (grade.conf's
 * figure: lines, tests/labs/07-allocation/figures.tsv). Both are deterministic counts:
 * the bytes the allocator took from its backing allocator at its peak, and the basic
 * blocks of the lab's code run (the files are compiled with -fsanitize-coverage=
 * trace-pc: a call at the top of each basic block, counted in tracker.c). Never time. */
#include "lab07_tests.h"

/* Take n blocks of lo..hi bytes into p (the test fails on NULL or a block not ours). */
static void take(PoolAllocator *a, void **p, int n, unsigned int *st, size_t lo, size_t hi)
{
    for (int i = 0; i < n; i++) {
        size_t size = lo + trace_rand(st) % (hi - lo + 1);
        p[i] = Pool_Malloc(a, size);
        if (p[i] == NULL || !Pool_Owns(a, p[i]))
            ck_abort_msg("Pool_Malloc(%zu) gave %p, not a block of the pools", size, p[i]);
    }
}

MG_TEST(memory_peak_on_phases, 6, "the bytes taken from the backing allocator at the peak of a trace in phases, against the solution's")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    enum { N1 = 4000, N2 = 1500, N3 = 3000 };
    static void *small[N1], *mid[N2], *more[N3];
    unsigned int st = 7u;
    take(a, small, N1, &st, 16, 64);          /* phase 1: small objects */
    for (int i = 0; i < N1; i++) {            /* 3 in 4 die */
        if (i % 4 != 0) {
            Pool_Free(a, small[i]);
            small[i] = NULL;
        }
    }
    take(a, mid, N2, &st, 150, 300);          /* phase 2: bigger ones, in the holes? */
    for (int i = 0; i < N1; i++)
        Pool_Free(a, small[i]);
    take(a, more, N3, &st, 33, 48);           /* phase 3: one class, after the first died */
    for (int i = 0; i < N2; i++)
        Pool_Free(a, mid[i]);
    for (int i = 0; i < N3; i++)
        Pool_Free(a, more[i]);
    mg_report_figure(t.peak_bytes);
    Pool_Delete(a);
}

MG_TEST(speed_block_count, 6, "the basic blocks of your code run by 20000 mallocs and frees of objects' sizes, against the solution's")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    enum { LIVE = 300, OPS = 20000 };
    void *held[LIVE] = { 0 };
    unsigned int st = 2024u;
    unsigned long long start = lab07_blocks_run;
    for (int i = 0; i < OPS / 2; i++) {
        int k = (int)(trace_rand(&st) % LIVE);
        Pool_Free(a, held[k]);
        unsigned int r = trace_rand(&st);
        size_t n = r % 16 == 0 ? 1 + r % 600 : 16 + r % 96;
        held[k] = Pool_Malloc(a, n);
        unsigned long long asking = lab07_blocks_run;   /* the check is not the trace's work */
        if (held[k] == NULL || (n <= POOL_SMALL_REQUEST) != Pool_Owns(a, held[k]))
            ck_abort_msg("Pool_Malloc(%zu) gave %p, %s", n, held[k], n <= POOL_SMALL_REQUEST ?
                         "not a block of the pools" : "a block of the pools");
        start += lab07_blocks_run - asking;
    }
    unsigned long long blocks = lab07_blocks_run - start;
    ck_assert_msg(blocks >= OPS, "%llu basic blocks counted for %d calls: your code was not counted (the lab's files "
                  "are compiled with -fsanitize-coverage=trace-pc by the grader)", blocks, OPS);
    for (int k = 0; k < LIVE; k++)
        Pool_Free(a, held[k]);
    mg_report_figure((long long)blocks);
    Pool_Delete(a);
}
