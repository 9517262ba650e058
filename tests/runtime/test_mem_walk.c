/* The walk over the pools (obmalloc.c's obmalloc_walk region): what it reports
 * must agree with the pools' own numbers (_MoObject_GetMallocStats) and with
 * what the test did to one pool. The tests call the pools directly, below the
 * debug hooks, so that a request's size is its class's.
 */
#include <stdlib.h>
#include "testutil.h"

typedef struct {
    size_t in_use[MO_OBMALLOC_MAX_CLASSES], pools[MO_OBMALLOC_MAX_CLASSES];
    size_t untouched_or_empty, arenas;
    const void *find;
    MoPoolInfo found;
} tally;

static int count_pool(const MoPoolInfo *pool, void *ctx)
{
    tally *t = ctx;
    if (pool->index == 0)
        t->arenas++;
    if (pool->state == MO_POOL_USED || pool->state == MO_POOL_FULL) {
        t->in_use[pool->szidx] += pool->in_use;
        t->pools[pool->szidx]++;
        ck_assert_uint_eq(pool->state == MO_POOL_FULL, pool->in_use == pool->nblocks);
    } else {
        t->untouched_or_empty++;
        ck_assert_uint_eq(pool->in_use, 0);
    }
    if (t->find != NULL && (const char *)t->find >= (const char *)pool->address
        && (const char *)t->find < (const char *)pool->address + 16384)
        t->found = *pool;
    return 0;
}

/* Summed over the walk, blocks in use, pools and arenas are the statistics'. */
START_TEST(walk_agrees_with_the_statistics)
{
    MoObject *keep = MoList_New(0);
    for (int i = 0; i < 3000; i++) {
        MoObject *f = MoFloat_FromDouble(i);
        MoList_Append(keep, f);
        Mo_DECREF(f);
    }
    tally t = { 0 };
    MoObmallocStats st;
    _MoObject_WalkPools(count_pool, &t);
    _MoObject_GetMallocStats(&st);
    for (size_t c = 0; c < st.nclasses; c++) {
        ck_assert_uint_eq(t.in_use[c], st.blocks_in_use[c]);
        ck_assert_uint_eq(t.pools[c], st.pools[c]);
    }
    ck_assert_uint_eq(t.untouched_or_empty, st.unused_pools);
    ck_assert_uint_eq(t.arenas, st.arenas_current);
    Mo_DECREF(keep);
}
END_TEST

static int stop_at_second(const MoPoolInfo *pool, void *ctx)
{
    (void)pool;
    return ++*(int *)ctx == 2 ? 7 : 0;
}

START_TEST(visit_can_stop_the_walk)
{
    int seen = 0;
    ck_assert_int_eq(_MoObject_WalkPools(stop_at_second, &seen), 7);
    ck_assert_int_eq(seen, 2);
}
END_TEST

/* One pool of the 496-byte class (fresh: no other test uses it): blocks handed
   out are allocated, a freed one is free, the rest untouched. */
START_TEST(block_states_follow_one_pool)
{
    void *b[3];
    for (int i = 0; i < 3; i++)
        b[i] = _MoObject_Malloc(NULL, 490);
    unsigned char states[64];
    ptrdiff_t n = _MoObject_PoolBlockStates(b[1], states, sizeof states);
    ck_assert_int_eq(n, (16384 - 48) / 496);
    ck_assert_uint_eq(states[0], MO_BLOCK_ALLOCATED);
    ck_assert_uint_eq(states[1], MO_BLOCK_ALLOCATED);
    ck_assert_uint_eq(states[2], MO_BLOCK_ALLOCATED);
    /* the pool's free list holds one carved block ahead (invariant 2): block 3 */
    ck_assert_uint_eq(states[3], MO_BLOCK_FREE);
    ck_assert_uint_eq(states[4], MO_BLOCK_UNTOUCHED);
    _MoObject_Free(NULL, b[1]);
    ck_assert_int_eq(_MoObject_PoolBlockStates(b[0], states, sizeof states), n);
    ck_assert_uint_eq(states[1], MO_BLOCK_FREE);
    tally t = { .find = b[0] };
    _MoObject_WalkPools(count_pool, &t);
    ck_assert_uint_eq(t.found.state, MO_POOL_USED);
    ck_assert_uint_eq(t.found.block_size, 496);
    ck_assert_uint_eq(t.found.in_use, 2);
    _MoObject_Free(NULL, b[0]);
    _MoObject_Free(NULL, b[2]);
    /* the pool is empty now: no block states to give */
    ck_assert_int_eq(_MoObject_PoolBlockStates(b[0], states, sizeof states), -1);
    int local;
    ck_assert_int_eq(_MoObject_PoolBlockStates(&local, states, sizeof states), -1);
    ck_assert_int_eq(_MoObject_PoolBlockStates(NULL, states, sizeof states), -1);
}
END_TEST

/* The pictures: DOT text naming what the walk found, and -1 for what is not there. */
START_TEST(pictures_are_dot)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    void *p = _MoObject_Malloc(NULL, 490);
    tally t = { .find = p };
    _MoObject_WalkPools(count_pool, &t);
    ck_assert_int_eq(_MoObject_WriteArenaDot(f, t.found.arena), 0);
    ck_assert_int_eq(_MoObject_WritePoolDot(f, p), 0);
    ck_assert_int_eq(_MoObject_WriteArenaDot(f, 100000), -1);
    ck_assert_int_eq(_MoObject_WritePoolDot(f, &size), -1);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "digraph arena {"));
    ck_assert_ptr_nonnull(strstr(text, "496 B<br/>1/32"));
    ck_assert_ptr_nonnull(strstr(text, "one pool: 32 blocks, 1 allocated, "));
    free(text);
    _MoObject_Free(NULL, p);
}
END_TEST

Suite *mem_walk_suite(void)
{
    Suite *s = suite_create("mem_walk");
    TCase *tc = mt_tcase("walk");
    tcase_add_test(tc, walk_agrees_with_the_statistics);
    tcase_add_test(tc, visit_can_stop_the_walk);
    tcase_add_test(tc, block_states_follow_one_pool);
    tcase_add_test(tc, pictures_are_dot);
    suite_add_tcase(s, tc);
    return s;
}
