/* Lab 07 grader, part A: the pool allocator on a PoolAllocator of the test's own, over
 * a backing allocator that keeps the books (tracker.c), checked as CS:APP's malloc
 * lab driver checks: alignment, no overlap between live blocks, realloc keeps the bytes,
 * the payload untouched. */
#include <stdint.h>
#include <string.h>
#include "lab07_tests.h"

MG_TEST(small_blocks_aligned_and_owned, 3, "a request of each size 1..512 gets a 16-aligned block of the pools, none overlapping")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    LiveSet s;
    live_init(&s, a);
    for (size_t n = 1; n <= POOL_SMALL_REQUEST; n++)
        MG_ASSERT_OK_(live_add(&s, Pool_Malloc(a, n), n, (unsigned int)n));
    MG_ASSERT_OK_(live_all_intact(&s));
    live_fini(&s);
    Pool_Delete(a);
}

MG_TEST(blocks_carved_in_order, 3, "a fresh pool hands out its blocks in address order, one size class apart, after the header")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    char *p[3];
    for (int i = 0; i < 3; i++)
        p[i] = Pool_Malloc(a, 40);
    ck_assert_msg(p[0] != NULL && p[1] != NULL && p[2] != NULL, "Pool_Malloc(40) returned NULL");
    ck_assert_msg((uintptr_t)p[0] % POOL_SIZE == POOL_OVERHEAD, "the first block is at offset %zu of its pool, "
                  "expected %d (right after the header)", (size_t)((uintptr_t)p[0] % POOL_SIZE), POOL_OVERHEAD);
    ck_assert_msg(p[1] - p[0] == 48 && p[2] - p[1] == 48, "three blocks of 40 bytes are %td and %td bytes apart, "
                  "expected 48 and 48 (class 2)", p[1] - p[0], p[2] - p[1]);
    for (int i = 0; i < 3; i++)
        Pool_Free(a, p[i]);
    Pool_Delete(a);
}

MG_TEST(no_overlap_random_trace, 6, "2000 random mallocs, callocs, reallocs and frees of 1..700 bytes: aligned, never overlapping")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    LiveSet s;
    live_init(&s, a);
    MG_ASSERT_OK_(run_trace(&s, 12345u, 2000, 150, 700));
    live_fini(&s);
    Pool_Delete(a);
}

MG_TEST(payload_untouched, 5, "blocks filled by the test keep every byte while other blocks of their pools come and go")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    LiveSet s;
    live_init(&s, a);
    /* every block of a pool out, then every other one freed and taken again, twice */
    for (unsigned int i = 0; i < 300; i++)
        MG_ASSERT_OK_(live_add(&s, Pool_Malloc(a, 32), 32, i));
    for (int round = 0; round < 2; round++) {
        for (int i = s.n - 1; i >= 0; i -= 2) {
            Pool_Free(a, s.v[i].p);
            live_drop(&s, i);
        }
        MG_ASSERT_OK_(live_all_intact(&s));
        for (unsigned int i = 0; i < 150; i++)
            MG_ASSERT_OK_(live_add(&s, Pool_Malloc(a, 17 + i % 16), 17 + i % 16, 1000 + i));
        MG_ASSERT_OK_(live_all_intact(&s));
    }
    live_fini(&s);
    Pool_Delete(a);
}

MG_TEST(free_then_malloc_same_block, 3, "the block freed last is the next one handed out in its class (LIFO, as pymalloc)")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    void *p[4];
    for (int i = 0; i < 4; i++)
        p[i] = Pool_Malloc(a, 100);
    Pool_Free(a, p[1]);
    Pool_Free(a, p[2]);
    void *q = Pool_Malloc(a, 112), *r = Pool_Malloc(a, 97);
    ck_assert_msg(q == p[2] && r == p[1], "after freeing %p then %p, two requests of class 6 got %p and %p",
                  p[1], p[2], q, r);
    for (int i = 0; i < 4; i++)
        Pool_Free(a, p[i]);
    Pool_Delete(a);
}

MG_TEST(calloc_zeroes_reused_block, 3, "calloc returns zeroed bytes in a reused block, and NULL when nelem * elsize overflows")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    unsigned char *p = Pool_Malloc(a, 64);
    ck_assert_msg(p != NULL, "Pool_Malloc(64) returned NULL");
    memset(p, 0xAB, 64);
    Pool_Free(a, p);
    unsigned char *q = Pool_Calloc(a, 8, 8);
    ck_assert_msg(q != NULL, "Pool_Calloc(8, 8) returned NULL");
    for (int k = 0; k < 64; k++) {
        if (q[k] != 0)
            ck_abort_msg("byte %d of calloc(8, 8) is 0x%02x, expected 0", k, q[k]);
    }
    void *r = Pool_Calloc(a, (size_t)1 << 40, (size_t)1 << 40);
    ck_assert_msg(r == NULL, "calloc(2**40, 2**40) returned %p: the product overflows, expected NULL", r);
    Pool_Free(a, q);
    Pool_Delete(a);
}

MG_TEST(realloc_keeps_bytes, 5, "realloc up and down across classes and past 512 bytes keeps the first min(old, new) bytes")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    LiveSet s;
    live_init(&s, a);
    static const size_t sizes[] = { 10, 100, 33, 512, 513, 2000, 300, 1, 700, 16, 17 };
    void *p = Pool_Realloc(a, NULL, 5);
    MG_ASSERT_OK_(live_add(&s, p, 5, 0));
    for (unsigned int i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        const char *why;
        size_t old = s.v[0].n, n = sizes[i];
        int was_big = !Pool_Owns(a, s.v[0].p);
        unsigned char *q = Pool_Realloc(a, s.v[0].p, n);
        if (q == NULL)
            ck_abort_msg("realloc from %zu to %zu bytes returned NULL with memory to spare", old, n);
        /* the old block may be freed: the new one must hold the old pattern's first bytes */
        s.v[0].p = q;
        s.v[0].n = old < n ? old : n;
        if ((why = live_intact(&s, 0)) != NULL)
            ck_abort_msg("realloc from %zu to %zu bytes: %s", old, n, why);
        live_drop(&s, 0);
        MG_ASSERT_OK_(was_big ? live_add_big(&s, q, n, i + 1) : live_add(&s, q, n, i + 1));
    }
    live_fini(&s);
    ck_assert_msg(t.live_bytes <= POOL_ARENA_SIZE + 512, "%lld bytes still held from the backing allocator after "
                  "every block went back: a big block was not freed", t.live_bytes);
    Pool_Delete(a);
}

MG_TEST(realloc_same_class_in_place, 2, "realloc within the block's size class returns the same block")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    void *p = Pool_Malloc(a, 70);
    void *q = Pool_Realloc(a, p, 80), *r = Pool_Realloc(a, q, 65);
    ck_assert_msg(q == p && r == p, "realloc(%p) from 70 to 80 then 65 bytes (class 4, 80 bytes) moved it to %p, %p",
                  p, q, r);
    Pool_Free(a, r);
    Pool_Delete(a);
}

MG_TEST(big_requests_go_to_backing, 4, "requests of 0 and of more than 512 bytes go to the backing allocator, and their frees too")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    static const size_t sizes[] = { 513, 4096, 0, 100000 };
    void *p[4];
    for (int i = 0; i < 4; i++) {
        long long before = t.big_requests;
        p[i] = Pool_Malloc(a, sizes[i]);
        ck_assert_msg(p[i] != NULL, "Pool_Malloc(%zu) returned NULL", sizes[i]);
        ck_assert_msg(t.big_requests == before + 1 && t.last_request == sizes[i], "Pool_Malloc(%zu) did not pass "
                      "the request on to the backing allocator as it was", sizes[i]);
        ck_assert_msg(!Pool_Owns(a, p[i]), "the block of Pool_Malloc(%zu) is in the pools", sizes[i]);
    }
    ck_assert_msg(p[2] != p[0] && p[2] != p[1], "malloc(0) returned a block already out");
    for (int i = 0; i < 4; i++) {
        long long before = t.frees;
        Pool_Free(a, p[i]);
        ck_assert_msg(t.frees == before + 1, "Pool_Free of the block of %zu bytes did not reach the backing "
                      "allocator's free", sizes[i]);
    }
    Pool_Delete(a);
}

MG_TEST(free_foreign_pointer, 4, "a pointer the pools did not make, even next to an arena, is not theirs and goes to the backing free")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    MoMemAllocatorEx backing = tracker_allocator(&t);
    char *mine = Pool_Malloc(a, 24);
    ck_assert_msg(mine != NULL && t.narenas == 1, "Pool_Malloc(24) did not get one arena");
    char *arena = t.arenas[0];
    uintptr_t first = ((uintptr_t)arena + POOL_SIZE - 1) & ~(uintptr_t)(POOL_SIZE - 1);
    uintptr_t end = first + ((uintptr_t)arena + POOL_ARENA_SIZE - first) / POOL_SIZE * POOL_SIZE;
    ck_assert_msg(!Pool_Owns(a, (void *)(first - 16)) && !Pool_Owns(a, (void *)end) &&
                  !Pool_Owns(a, (void *)(end + POOL_ARENA_SIZE)) && !Pool_Owns(a, NULL),
                  "Pool_Owns answers 1 for an address outside every pool");
    ck_assert_msg(Pool_Owns(a, (void *)(end - 16)), "Pool_Owns answers 0 for the last 16 bytes of the last pool");
    void *foreign = backing.malloc(backing.ctx, 32);
    PoolStats before, after;
    Pool_GetStats(a, &before);
    long long frees = t.frees;
    Pool_Free(a, foreign);
    ck_assert_msg(t.frees == frees + 1, "Pool_Free of a block the backing allocator made (32 bytes) did not reach "
                  "the backing allocator's free");
    Pool_GetStats(a, &after);
    ck_assert_msg(after.blocks_in_use[1] == before.blocks_in_use[1], "freeing a foreign block changed the pools' "
                  "blocks in use of class 1 from %zu to %zu", before.blocks_in_use[1], after.blocks_in_use[1]);
    Pool_Free(a, mine);
    Pool_Delete(a);
}

MG_TEST(churn_stays_bounded, 4, "20000 mallocs and frees of 1..128 bytes with at most 40 blocks live never hold more than two arenas")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    void *held[40] = { 0 };
    unsigned int st = 99u;
    for (int i = 0; i < 20000; i++) {
        int k = (int)(trace_rand(&st) % 40);
        Pool_Free(a, held[k]);
        held[k] = Pool_Malloc(a, 1 + trace_rand(&st) % 128);
        if (held[k] == NULL || !Pool_Owns(a, held[k]))
            ck_abort_msg("request %d (1..128 bytes) gave %p, not a block of the pools", i, held[k]);
    }
    ck_assert_msg(t.peak_bytes <= 2 * POOL_ARENA_SIZE + 1024, "the pools took %lld bytes from the backing allocator "
                  "at their peak for 40 blocks of at most 128 bytes (two arenas, %d bytes, are plenty): freed blocks "
                  "are not used again", t.peak_bytes, 2 * POOL_ARENA_SIZE);
    for (int k = 0; k < 40; k++)
        Pool_Free(a, held[k]);
    Pool_Delete(a);
}

MG_TEST(empty_pool_serves_other_class, 3, "a pool emptied by its class serves another class without a new arena")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    void *p[15 * 253];
    int n = 0;
    for (; n < 15 * 253; n++)   /* every pool of the first arena, class 0 (253 blocks a pool) */
        p[n] = Pool_Malloc(a, 16);
    ck_assert_msg(t.narenas >= 1, "no arena was taken");
    int arenas = t.narenas;
    for (int i = 0; i < n; i++)
        Pool_Free(a, p[i]);
    for (int i = 0; i < 15 * 7; i++)   /* as many blocks of class 31 (7 a pool) */
        p[i] = Pool_Malloc(a, 512);
    ck_assert_msg(t.narenas == arenas, "blocks of 512 bytes took a new arena (%d arenas taken, %d before) while "
                  "the pools of the old one were all empty", t.narenas, arenas);
    for (int i = 0; i < 15 * 7; i++)
        Pool_Free(a, p[i]);
    Pool_Delete(a);
}

MG_TEST(empty_arenas_returned, 4, "when every block is freed the arenas go back to the backing allocator, all but one")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    enum { N = 3 * 15 * 7 };   /* three arenas of blocks of 512 bytes */
    static void *p[N];
    for (int i = 0; i < N; i++)
        p[i] = Pool_Malloc(a, 500);
    ck_assert_msg(t.narenas >= 3, "%d arenas taken for %d blocks of 512 bytes, expected at least 3", t.narenas, N);
    for (int i = 0; i < N; i++)
        Pool_Free(a, p[i]);
    PoolStats st;
    Pool_GetStats(a, &st);
    ck_assert_msg(t.live_bytes <= POOL_ARENA_SIZE + 1024, "%lld bytes still taken from the backing allocator with "
                  "no block out: empty arenas must go back, all but one (%d bytes)", t.live_bytes, POOL_ARENA_SIZE);
    ck_assert_msg(t.live_bytes >= POOL_ARENA_SIZE, "every arena went back: one wholly empty arena is kept");
    ck_assert_msg(st.arenas == 1, "Pool_GetStats counts %zu arenas held, expected 1", st.arenas);
    Pool_Delete(a);
}

MG_TEST(delete_returns_everything, 2, "Pool_Delete gives every byte back to the backing allocator")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    for (int i = 0; i < 2000; i++)
        (void)Pool_Malloc(a, 1 + (size_t)i % 512);
    Pool_Delete(a);
    ck_assert_msg(t.live_bytes == 0, "%lld bytes still taken from the backing allocator after Pool_Delete",
                  t.live_bytes);
}

MG_TEST(backing_out_of_memory, 2, "when the backing allocator refuses, Pool_Malloc returns NULL and works again once it gives")
{
    Tracker t;
    PoolAllocator *a = new_pools(&t);
    long long held = t.live_bytes;   /* the allocator's own descriptor */
    t.refuse_after = 0;
    void *p = Pool_Malloc(a, 8), *q = Pool_Malloc(a, 1000);
    ck_assert_msg(p == NULL && q == NULL, "with no memory to be had, Pool_Malloc(8) gave %p, Pool_Malloc(1000) %p", p, q);
    ck_assert_msg(t.live_bytes == held, "%lld bytes more held after failed requests", t.live_bytes - held);
    t.refuse_after = -1;
    p = Pool_Malloc(a, 8);
    ck_assert_msg(p != NULL && Pool_Owns(a, p), "Pool_Malloc(8) failed after memory came back");
    Pool_Free(a, p);
    Pool_Delete(a);
}
