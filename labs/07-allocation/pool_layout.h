/* Lab 07: the allocator's structures, shared by pool.c (part A) and stats.c (part B).
 * Unlike pool.h, you may change this file: the tests never look inside.
 *
 * Invariants:
 *   1. A pool in use (some block out) of class c is on used[c] when some of its blocks
 *      are not out, on no list when all are (full). An empty pool (ref == 0) that was
 *      used is on its arena's freepools list; pools at or past an arena's ntouched
 *      were never used and are on no list.
 *   2. A used pool's free blocks are its freeblock list followed by the blocks from
 *      nextoffset on that were never handed out (lazily carved, as pymalloc does):
 *      ref + (blocks on the list) + (never-carved blocks) == blocks per pool.
 *   3. A free block's first 8 bytes hold the next free block; a block out holds
 *      nothing of ours: the payload is the caller's alone.
 *   4. nwholly_empty counts the arenas whose pools are all empty; at most one is kept.
 */
#ifndef LAB07_POOL_LAYOUT_H
#define LAB07_POOL_LAYOUT_H

#include <stdint.h>
#include "pool.h"

typedef struct Arena Arena;

/* region pool_header */
/* At the start of every pool in use; POOL_OVERHEAD bytes, so blocks stay aligned. */
typedef struct PoolHeader {
    void *freeblock;               /* first free block, or NULL */
    struct PoolHeader *next;       /* on used[class] or the arena's freepools */
    struct PoolHeader *prev;       /* on used[class] only */
    Arena *arena;                  /* the arena the pool lies in */
    unsigned int ref;              /* blocks out */
    unsigned int szidx;            /* size class */
    unsigned int nextoffset;       /* the first block never handed out */
    unsigned int maxnextoffset;    /* the last offset where a whole block fits */
} PoolHeader;
/* endregion pool_header */
_Static_assert(sizeof(PoolHeader) <= POOL_OVERHEAD, "the pool header must fit in POOL_OVERHEAD");

/* An arena's descriptor, in the allocator's bookkeeping (not inside the arena). */
struct Arena {
    char *base;                    /* what the backing allocator returned */
    uintptr_t first;               /* the first pool: base rounded up to POOL_SIZE */
    unsigned int npools;           /* whole pools inside [base, base + POOL_ARENA_SIZE) */
    unsigned int ntouched;         /* pools from this index on were never used */
    unsigned int nfreepools;       /* empty pools, never used or not */
    PoolHeader *freepools;         /* empty pools that were used */
    Arena *next;
};

struct PoolAllocator {
    MoMemAllocatorEx backing;
    PoolHeader *used[POOL_NCLASSES];   /* pools with blocks out and blocks free */
    Arena *arenas;                     /* every arena held, newest first */
    size_t nwholly_empty;              /* arenas held with every pool empty */
    size_t arenas_allocated_total, arenas_reclaimed, arenas_highwater, narenas;
    size_t big_blocks;
};

/* Block size of class c, class of a request of n bytes (1 <= n <= 512). */
#define POOL_INDEX2SIZE(c) (((size_t)(c) + 1) * POOL_ALIGNMENT)
#define POOL_SIZE2INDEX(n) (((size_t)(n) - 1) / POOL_ALIGNMENT)
/* Blocks in a pool of class c. */
#define POOL_NBLOCKS(c) ((POOL_SIZE - POOL_OVERHEAD) / POOL_INDEX2SIZE(c))
/* The pool of arena a at index i. */
#define POOL_AT(a, i) ((PoolHeader *)((a)->first + (uintptr_t)(i) * POOL_SIZE))

#endif /* LAB07_POOL_LAYOUT_H */
