/* The allocator built with CPython 3.9's constants: 8-byte alignment (64 size
 * classes), 4 KiB pools, 256 KiB arenas. A second, private copy of obmalloc.c
 * is compiled into this file with those constants (its functions are static,
 * its state is its own); the tests drive it directly and read its report.
 * Part of obmalloc_suite (test_obmalloc.c).
 */
#define MO_OBMALLOC_EMBEDDED 1
#define MO_OBMALLOC_ALIGNMENT 8
#define MO_OBMALLOC_POOL_SIZE 4096
#define MO_OBMALLOC_ARENA_SIZE 262144
#include "../../lib/src/obmalloc.c"

#include "testutil.h"

static MoObmallocStats old_stats(void)
{
    MoObmallocStats st;
    obmalloc_collect_stats(&st);
    return st;
}

/* 64 classes of 8, 16, ... 512 bytes; (4096 - 48) / size blocks per pool. */
START_TEST(pre310_classes)
{
    MoObmallocStats st = old_stats();
    ck_assert_uint_eq(st.nclasses, 64);
    ck_assert_uint_eq(st.alignment, 8);
    ck_assert_uint_eq(st.pool_size, 4096);
    ck_assert_uint_eq(st.arena_size, 262144);
    static const struct { size_t request, block, per_pool; } rows[] = {
        { 1, 8, 506 }, { 8, 8, 506 }, { 9, 16, 253 }, { 24, 24, 168 }, { 25, 32, 126 },
        { 100, 104, 38 }, { 504, 504, 8 }, { 505, 512, 7 }, { 512, 512, 7 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t c = rows[i].block / 8 - 1;
        ck_assert_uint_eq(st.block_size[c], rows[i].block);
        ck_assert_uint_eq(st.blocks_per_pool[c], rows[i].per_pool);
        MoObmallocStats before = old_stats();
        void *p = obmalloc_malloc(rows[i].request);
        ck_assert_uint_eq((uintptr_t)p % 8, 0);
        ck_assert_int_eq(address_in_range(p), 1);
        ck_assert_uint_eq(old_stats().blocks_in_use[c], before.blocks_in_use[c] + 1);
        obmalloc_free(p);
    }
    void *big = obmalloc_malloc(513);                     /* the raw domain's */
    ck_assert_int_eq(address_in_range(big), 0);
    obmalloc_free(big);
}
END_TEST

/* 20,000 blocks of 8 bytes fill 40 pools, in at least 0.6 arenas of 64 pools;
   then realloc and calloc work as in the default layout; freed, every arena
   but one goes back. */
START_TEST(pre310_pools_and_arenas)
{
    enum { N = 20000 };
    void **p = MoMem_RawMalloc(N * sizeof *p);
    MoObmallocStats st0 = old_stats();
    for (size_t i = 0; i < N; i++)
        p[i] = obmalloc_malloc(8);
    MoObmallocStats st1 = old_stats();
    ck_assert_uint_eq(st1.pools[0] - st0.pools[0], (N + 505) / 506);
    ck_assert_uint_ge(st1.arenas_current, 1);
    /* a block keeps its place while it fits: 8 -> 8; 8 -> 16 moves */
    ck_assert_ptr_eq(obmalloc_realloc(p[0], 7), p[0]);
    unsigned char *q = obmalloc_realloc(p[0], 16);
    ck_assert_ptr_ne(q, p[0]);
    p[0] = q;
    for (size_t i = 1; i < N; i += 3) {    /* a third freed: pools go back to used */
        obmalloc_free(p[i]);
        p[i] = NULL;
    }
    obmalloc_validate();
    MoObmallocStats mid = old_stats();
    ck_assert_uint_eq(mid.blocks_in_use[0], N - (N - 1 + 2) / 3 - 1);
    unsigned char *z = obmalloc_calloc(2, 4);
    ck_assert_uint_eq(z[0] | z[7], 0);
    obmalloc_free(z);
    for (size_t i = 0; i < N; i++)
        obmalloc_free(p[i]);
    obmalloc_validate();
    MoObmallocStats st2 = old_stats();
    ck_assert_uint_le(st2.arenas_current, 1);
    ck_assert_uint_eq(st2.pools[0], 0);
    MoMem_RawFree(p);
}
END_TEST

/* The report names the old layout. */
START_TEST(pre310_report)
{
    void *p = obmalloc_malloc(8);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    obmalloc_write_stats(f);
    fclose(f);
    ck_assert_msg(strstr(text, "Small block threshold = 512, in 64 size classes.\n") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "    0      8           1               1           505\n") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "1 arenas * 262144 bytes/arena      =              262,144\n") != NULL, "%s", text);
    ck_assert_msg(strstr(text, " unused pools * 4096 bytes") != NULL, "%s", text);
    /* 64 - 18 arena bits: 16 bits for the root and the mid nodes, 14 at the bottom */
    ck_assert_msg(strstr(text, "# bytes lost to arena map root     =              524,288\n") != NULL, "%s", text);
    free(text);
    obmalloc_free(p);
}
END_TEST

void obmalloc_pre310_add_tests(TCase *tc);
void obmalloc_pre310_add_tests(TCase *tc)
{
    tcase_add_test(tc, pre310_classes);
    tcase_add_test(tc, pre310_pools_and_arenas);
    tcase_add_test(tc, pre310_report);
}
