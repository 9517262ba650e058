/* Lab 07: a size-class pool allocator, CPython's pymalloc in small (see the lab's
 * README and chapter 07). Do not change this file: the tests are compiled with it.
 *
 * A PoolAllocator serves requests of 1..POOL_SMALL_REQUEST bytes from pools, and
 * passes every other request (0 bytes, more than POOL_SMALL_REQUEST) to its backing
 * allocator, the one it was made with. Its memory comes from the backing allocator too,
 * POOL_ARENA_SIZE bytes at a time:
 *
 *   arena  POOL_ARENA_SIZE bytes from the backing allocator; its pools are the whole
 *          POOL_SIZE-aligned pools inside it (15, or 16 when the arena happens to
 *          start on a pool boundary); what lies outside them is "lost to arena
 *          alignment".
 *   pool   POOL_SIZE bytes of blocks of one size class, after a header of
 *          POOL_OVERHEAD bytes: (POOL_SIZE - POOL_OVERHEAD) / size blocks.
 *   block  the request rounded up to a multiple of POOL_ALIGNMENT: class i holds
 *          blocks of (i + 1) * POOL_ALIGNMENT bytes.
 *
 * A pool is used (some blocks out, some not), full (every block out) or empty (no
 * block out: ready for any class). An arena whose pools are all empty goes back to
 * the backing allocator, except one: one wholly empty arena is kept, as CPython 3.11
 * keeps one, so that a loop that makes and drops one object does not get and give
 * back an arena every time.
 *
 * The four functions with a ctx have the shape of MoMemAllocatorEx's: ctx is the
 * PoolAllocator. They keep the contract PEP 445 asks of every allocator: a request of
 * 0 bytes returns a distinct non-NULL pointer, free accepts NULL, a failed realloc
 * leaves the block as it was, and a pointer the pools did not make (a big block)
 * is passed back to the backing allocator.
 */
#ifndef LAB07_POOL_H
#define LAB07_POOL_H

#include <stddef.h>
#include <stdio.h>
#include "mo.h"

#define POOL_ALIGNMENT 16
#define POOL_SMALL_REQUEST 512
#define POOL_NCLASSES (POOL_SMALL_REQUEST / POOL_ALIGNMENT)   /* 32 */
#define POOL_SIZE 4096
#define POOL_OVERHEAD 48
#define POOL_ARENA_SIZE (16 * POOL_SIZE)                       /* 64 KiB */

typedef struct PoolAllocator PoolAllocator;

/* ------------------------------------------------------------ part A */

/* A new allocator holding no arena yet. backing (copied) is where its arenas, its own
   bookkeeping and the requests it does not serve come from. NULL when the backing
   allocator has no memory. */
PoolAllocator *Pool_New(const MoMemAllocatorEx *backing);
/* Give every arena and every byte of bookkeeping back to the backing allocator, and
   forget a. Blocks still out die with their arenas (big blocks are not freed). */
void Pool_Delete(PoolAllocator *a);

/* malloc(n): a block of at least n bytes aligned to POOL_ALIGNMENT, or NULL. */
void *Pool_Malloc(void *ctx, size_t n);
/* calloc: nelem * elsize bytes, all zero; NULL when the product overflows. */
void *Pool_Calloc(void *ctx, size_t nelem, size_t elsize);
/* realloc: the first min(old, n) bytes of p at the block returned (p itself when n
   fits p's size class); p NULL: malloc(n). A big block stays with the backing
   allocator whatever n (its realloc), as CPython's. NULL, p untouched, when out of
   memory. */
void *Pool_Realloc(void *ctx, void *p, size_t n);
/* free(p): p back to its pool, or to the backing allocator when the pools did not
   make it. NULL: nothing. */
void Pool_Free(void *ctx, void *p);

/* 1 if p lies in one of a's pools (a block of ours), 0 otherwise. It never reads
   memory a does not own: p may be any address. */
int Pool_Owns(const PoolAllocator *a, const void *p);

/* Install one PoolAllocator as the object domain's allocator, over what the domain
   had (which becomes its backing allocator). Call it before Mo_Initialize: the whole
   runtime (lists, dicts, strings, the collector) then runs on it. The first call
   makes and installs it; later calls (the next test in the same process) do nothing:
   blocks of it may still be live. 0, or -1 when out of memory. */
int Pool_InstallForObjects(void);
/* The allocator Pool_InstallForObjects installed (borrowed), or NULL. */
PoolAllocator *Pool_Installed(void);

/* ------------------------------------------------------------ part B */

/* What sys._debugmallocstats() tells of pymalloc, for one PoolAllocator. */
typedef struct {
    /* per size class i, over its pools in use (used or full) */
    size_t pools[POOL_NCLASSES];
    size_t blocks_in_use[POOL_NCLASSES];
    size_t blocks_available[POOL_NCLASSES];   /* the other blocks of those pools */
    /* the pools of the arenas held, by state */
    size_t used_pools, full_pools, empty_pools;
    /* arenas: held now, ever obtained, given back, most held at once */
    size_t arenas, arenas_allocated_total, arenas_reclaimed, arenas_highwater;
    /* where the bytes of the arenas held go; they add up to arenas * POOL_ARENA_SIZE */
    size_t bytes_in_use;            /* sum of blocks_in_use[i] * block size */
    size_t bytes_available;         /* sum of blocks_available[i] * block size */
    size_t bytes_in_empty_pools;    /* empty_pools * POOL_SIZE */
    size_t bytes_pool_headers;      /* POOL_OVERHEAD per pool in use */
    size_t bytes_quantization;      /* per pool in use, the tail too short for a block */
    size_t bytes_arena_alignment;   /* per arena, the bytes outside its pools */
    /* requests passed to the backing allocator and not yet freed */
    size_t big_blocks;
} PoolStats;

/* Fill *out from a walk of a's arenas and pools (not from counters kept on the side:
   the walk is what proves the structures consistent). */
void Pool_GetStats(const PoolAllocator *a, PoolStats *out);
/* Print a's statistics to out in the format of sys._debugmallocstats()'s pymalloc
   part, from "Small block threshold" to its first "Total" line (the README shows
   one). Returns the number of bytes in the arenas held. */
size_t Pool_PrintStats(const PoolAllocator *a, FILE *out);

#endif /* LAB07_POOL_H */
