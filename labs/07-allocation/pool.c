/* Lab 07, part A: the pool allocator (see pool.h for the layout, pool_layout.h for
 * the invariants).
 *
 * The two common calls stay short: a small malloc pops the free list of the first
 * used pool of its class; a free finds the block's arena, pushes the block on its
 * pool's free list. Everything else (a class with no used pool, a pool that fills
 * up or empties, an arena to get or give back) is on the slow path beside them.
 */
#include <string.h>
#include "pool_layout.h"

/* ================================================================ arenas */

/* The arena whose pools contain p, or NULL. Compares addresses only: p is never read. */
/* region arena_of */
static Arena *arena_of(const PoolAllocator *a, const void *p)
{
    (void)a;
    (void)p;
    return NULL;
}
/* endregion arena_of */

int Pool_Owns(const PoolAllocator *a, const void *p)
{
    return arena_of(a, p) != NULL;
}

/* A new arena from the backing allocator, its pools all never used; NULL when the
   backing allocator has no memory. */
static Arena *new_arena(PoolAllocator *a)
{
    (void)a;
    return NULL;
}

/* Give arena ar (every pool empty) back to the backing allocator. */
static void release_arena(PoolAllocator *a, Arena *ar)
{
    Arena **link = &a->arenas;
    while (*link != ar)
        link = &(*link)->next;
    *link = ar->next;
    a->backing.free(a->backing.ctx, ar->base);
    a->backing.free(a->backing.ctx, ar);
    a->narenas--;
    a->arenas_reclaimed++;
}

/* ================================================================= pools */

/* An empty pool for a new class: one cached in an arena, else one never used, else
   one of a new arena. NULL when no arena can be had. */
/* region take_pool */
static PoolHeader *take_pool(PoolAllocator *a)
{
    // TODO: a cached empty pool, else a never-used one, else a new arena's.
    (void)a;
    (void)new_arena;
    return NULL;
}
/* endregion take_pool */

/* Pool (empty, off every list) back to its arena; a wholly empty arena beyond the
   one kept goes back to the backing allocator. */
static void give_back_pool(PoolAllocator *a, PoolHeader *pool)
{
    (void)a;
    (void)pool;
    (void)release_arena;
}

static void unlink_used(PoolAllocator *a, PoolHeader *pool)
{
    if (pool->prev != NULL)
        pool->prev->next = pool->next;
    else
        a->used[pool->szidx] = pool->next;
    if (pool->next != NULL)
        pool->next->prev = pool->prev;
}

static void link_used(PoolAllocator *a, PoolHeader *pool)
{
    pool->prev = NULL;
    pool->next = a->used[pool->szidx];
    if (pool->next != NULL)
        pool->next->prev = pool;
    a->used[pool->szidx] = pool;
}

/* Make pool a pool of class c holding one block out (returned); the next block
   is carved, the rest are left untouched. */
/* region init_pool */
static void *init_pool(PoolAllocator *a, PoolHeader *pool, unsigned int c)
{
    (void)a;
    (void)pool;
    (void)c;
    return NULL;
}
/* endregion init_pool */

/* ============================================================ small blocks */

/* region small_alloc */
/* A block of class c; NULL when no arena can be had. */
static void *small_alloc(PoolAllocator *a, unsigned int c)
{
    (void)a;
    (void)c;
    (void)take_pool;
    (void)init_pool;
    (void)unlink_used;
    return NULL;
}
/* endregion small_alloc */

/* region small_free */
/* p, a block out of pool, back on its free list. */
static void small_free(PoolAllocator *a, PoolHeader *pool, void *p)
{
    (void)a;
    (void)pool;
    (void)p;
    (void)give_back_pool;
    (void)link_used;
}
/* endregion small_free */

/* ============================================================ the interface */

/* region pool_malloc */
void *Pool_Malloc(void *ctx, size_t n)
{
    PoolAllocator *a = ctx;
    // TODO: serve 1..POOL_SMALL_REQUEST bytes from the pools; pass the rest on.
    (void)small_alloc;
    void *p = a->backing.malloc(a->backing.ctx, n);
    if (p != NULL)
        a->big_blocks++;
    return p;
}
/* endregion pool_malloc */

void *Pool_Calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    (void)nelem;
    (void)elsize;
    return NULL;
}

void Pool_Free(void *ctx, void *p)
{
    PoolAllocator *a = ctx;
    if (p == NULL)
        return;
    // TODO: a block of ours goes back to its pool.
    (void)small_free;
    if (a->big_blocks > 0)
        a->big_blocks--;
    a->backing.free(a->backing.ctx, p);
}

/* region pool_realloc */
void *Pool_Realloc(void *ctx, void *p, size_t n)
{
    PoolAllocator *a = ctx;
    if (p == NULL)
        return Pool_Malloc(ctx, n);
    (void)a;
    return NULL;
}
/* endregion pool_realloc */

/* ======================================================= making and installing */

PoolAllocator *Pool_New(const MoMemAllocatorEx *backing)
{
    PoolAllocator *a = backing->malloc(backing->ctx, sizeof *a);
    if (a == NULL)
        return NULL;
    memset(a, 0, sizeof *a);
    a->backing = *backing;
    return a;
}

void Pool_Delete(PoolAllocator *a)
{
    if (a == NULL)
        return;
    MoMemAllocatorEx backing = a->backing;
    while (a->arenas != NULL) {
        Arena *ar = a->arenas;
        a->arenas = ar->next;
        backing.free(backing.ctx, ar->base);
        backing.free(backing.ctx, ar);
    }
    backing.free(backing.ctx, a);
}

static PoolAllocator *installed;

int Pool_InstallForObjects(void)
{
    // TODO: make one allocator over the object domain's, and install it.
    return 0;
}

PoolAllocator *Pool_Installed(void)
{
    return installed;
}
