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
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: (void)p; */
    uintptr_t u = (uintptr_t)p;
    for (Arena *ar = a->arenas; ar != NULL; ar = ar->next) {
        if (u - ar->first < (uintptr_t)ar->npools * POOL_SIZE)
            return ar;
    }
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    Arena *ar = a->backing.malloc(a->backing.ctx, sizeof *ar);
    if (ar == NULL)
        return NULL;
    ar->base = a->backing.malloc(a->backing.ctx, POOL_ARENA_SIZE);
    if (ar->base == NULL) {
        a->backing.free(a->backing.ctx, ar);
        return NULL;
    }
    uintptr_t base = (uintptr_t)ar->base;
    ar->first = (base + POOL_SIZE - 1) & ~(uintptr_t)(POOL_SIZE - 1);
    ar->npools = (unsigned int)((base + POOL_ARENA_SIZE - ar->first) / POOL_SIZE);
    ar->ntouched = 0;
    ar->nfreepools = ar->npools;
    ar->freepools = NULL;
    ar->next = a->arenas;
    a->arenas = ar;
    a->nwholly_empty++;
    a->arenas_allocated_total++;
    if (++a->narenas > a->arenas_highwater)
        a->arenas_highwater = a->narenas;
    return ar;
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    /* STUB: // TODO: a cached empty pool, else a never-used one, else a new arena's. */
    /* STUB: (void)a; */
    /* STUB: (void)new_arena; */
    Arena *ar = a->arenas;
    while (ar != NULL && ar->nfreepools == 0)
        ar = ar->next;
    if (ar == NULL && (ar = new_arena(a)) == NULL)
        return NULL;
    if (ar->nfreepools == ar->npools)
        a->nwholly_empty--;
    ar->nfreepools--;
    PoolHeader *pool = ar->freepools;
    if (pool != NULL)
        ar->freepools = pool->next;
    else
        pool = POOL_AT(ar, ar->ntouched++);
    pool->arena = ar;
    return pool;
    /* END SOLUTION */
    return NULL;
}
/* endregion take_pool */

/* Pool (empty, off every list) back to its arena; a wholly empty arena beyond the
   one kept goes back to the backing allocator. */
static void give_back_pool(PoolAllocator *a, PoolHeader *pool)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: (void)pool; */
    /* STUB: (void)release_arena; */
    Arena *ar = pool->arena;
    pool->next = ar->freepools;
    ar->freepools = pool;
    if (++ar->nfreepools < ar->npools)
        return;
    if (a->nwholly_empty >= 1)
        release_arena(a, ar);
    else
        a->nwholly_empty++;
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: (void)pool; */
    /* STUB: (void)c; */
    size_t size = POOL_INDEX2SIZE(c);
    char *bp = (char *)pool + POOL_OVERHEAD;
    pool->szidx = c;
    pool->ref = 1;
    pool->nextoffset = (unsigned int)(POOL_OVERHEAD + 2 * size);
    pool->maxnextoffset = (unsigned int)(POOL_SIZE - size);
    pool->freeblock = bp + size;
    *(void **)pool->freeblock = NULL;
    link_used(a, pool);
    return bp;
    /* END SOLUTION */
    return NULL;
}
/* endregion init_pool */

/* ============================================================ small blocks */

/* region small_alloc */
/* A block of class c; NULL when no arena can be had. */
static void *small_alloc(PoolAllocator *a, unsigned int c)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: (void)c; */
    /* STUB: (void)take_pool; */
    /* STUB: (void)init_pool; */
    /* STUB: (void)unlink_used; */
    PoolHeader *pool = a->used[c];
    if (pool == NULL) {
        pool = take_pool(a);
        return pool != NULL ? init_pool(a, pool, c) : NULL;
    }
    void *bp = pool->freeblock;
    pool->ref++;
    pool->freeblock = *(void **)bp;
    if (pool->freeblock != NULL)
        return bp;
    if (pool->nextoffset <= pool->maxnextoffset) {   /* carve the next block */
        pool->freeblock = (char *)pool + pool->nextoffset;
        pool->nextoffset += (unsigned int)POOL_INDEX2SIZE(c);
        *(void **)pool->freeblock = NULL;
        return bp;
    }
    unlink_used(a, pool);                            /* full */
    return bp;
    /* END SOLUTION */
    return NULL;
}
/* endregion small_alloc */

/* region small_free */
/* p, a block out of pool, back on its free list. */
static void small_free(PoolAllocator *a, PoolHeader *pool, void *p)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: (void)pool; */
    /* STUB: (void)p; */
    /* STUB: (void)give_back_pool; */
    /* STUB: (void)link_used; */
    int was_full = pool->freeblock == NULL;
    *(void **)p = pool->freeblock;
    pool->freeblock = p;
    pool->ref--;
    if (was_full) {
        if (pool->ref > 0) {
            link_used(a, pool);
            return;
        }
    } else if (pool->ref > 0) {
        return;
    } else {
        unlink_used(a, pool);
    }
    give_back_pool(a, pool);   /* empty */
    /* END SOLUTION */
}
/* endregion small_free */

/* ============================================================ the interface */

/* region pool_malloc */
void *Pool_Malloc(void *ctx, size_t n)
{
    PoolAllocator *a = ctx;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: serve 1..POOL_SMALL_REQUEST bytes from the pools; pass the rest on. */
    /* STUB: (void)small_alloc; */
    if (n - 1 < POOL_SMALL_REQUEST)   /* 0 wraps round: not small */
        return small_alloc(a, (unsigned int)POOL_SIZE2INDEX(n));
    /* END SOLUTION */
    void *p = a->backing.malloc(a->backing.ctx, n);
    if (p != NULL)
        a->big_blocks++;
    return p;
}
/* endregion pool_malloc */

void *Pool_Calloc(void *ctx, size_t nelem, size_t elsize)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)ctx; */
    /* STUB: (void)nelem; */
    /* STUB: (void)elsize; */
    if (elsize != 0 && nelem > SIZE_MAX / elsize)
        return NULL;
    size_t n = nelem * elsize;
    void *p = Pool_Malloc(ctx, n);
    if (p != NULL)
        memset(p, 0, n);
    return p;
    /* END SOLUTION */
    return NULL;
}

void Pool_Free(void *ctx, void *p)
{
    PoolAllocator *a = ctx;
    if (p == NULL)
        return;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: a block of ours goes back to its pool. */
    /* STUB: (void)small_free; */
    if (arena_of(a, p) != NULL) {
        small_free(a, (PoolHeader *)((uintptr_t)p & ~(uintptr_t)(POOL_SIZE - 1)), p);
        return;
    }
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: return NULL; */
    if (arena_of(a, p) == NULL)   /* a big block stays with the backing allocator */
        return a->backing.realloc(a->backing.ctx, p, n);
    PoolHeader *pool = (PoolHeader *)((uintptr_t)p & ~(uintptr_t)(POOL_SIZE - 1));
    size_t size = POOL_INDEX2SIZE(pool->szidx);
    if (n - 1 < POOL_SMALL_REQUEST && POOL_SIZE2INDEX(n) == pool->szidx)
        return p;
    void *q = Pool_Malloc(ctx, n);
    if (q == NULL)
        return NULL;
    memcpy(q, p, n < size ? n : size);
    small_free(a, pool, p);
    return q;
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    /* STUB: // TODO: make one allocator over the object domain's, and install it. */
    if (installed != NULL)
        return 0;
    MoMemAllocatorEx saved;
    MoMem_GetAllocator(MOMEM_DOMAIN_OBJ, &saved);
    installed = Pool_New(&saved);
    if (installed == NULL)
        return -1;
    MoMemAllocatorEx mine = { installed, Pool_Malloc, Pool_Calloc, Pool_Realloc, Pool_Free };
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, &mine);
    /* END SOLUTION */
    return 0;
}

PoolAllocator *Pool_Installed(void)
{
    return installed;
}
