/* The allocation choke points. Every byte the runtime allocates goes through one
 * of three domains, as PEP 445 defines them for CPython:
 *   raw  - MoMem_Raw*:  the C library's allocator, for buffers of any size;
 *   mem  - MoMem_*:     general buffers (a list's item array, a dict's table);
 *   obj  - MoObject_*:  objects.
 * Each domain calls through a table of functions that MoMem_SetAllocator can
 * replace, so the pools, the debug hooks and the tracer all plug in here.
 * A zero-byte request returns a distinct non-NULL pointer. Free accepts NULL.
 */
#ifndef MO_MEM_H
#define MO_MEM_H

#include <stddef.h>
#include <stdio.h>

void *MoMem_RawMalloc(size_t n);
void *MoMem_RawCalloc(size_t nelem, size_t elsize);
void *MoMem_RawRealloc(void *p, size_t n);
void MoMem_RawFree(void *p);

void *MoMem_Malloc(size_t n);
void *MoMem_Calloc(size_t nelem, size_t elsize);
void *MoMem_Realloc(void *p, size_t n);
void MoMem_Free(void *p);

void *MoObject_Malloc(size_t n);
void *MoObject_Calloc(size_t nelem, size_t elsize);
void *MoObject_Realloc(void *p, size_t n);
void MoObject_Free(void *p);

typedef enum { MOMEM_DOMAIN_RAW, MOMEM_DOMAIN_MEM, MOMEM_DOMAIN_OBJ } MoMemAllocatorDomain;
typedef struct {
    void *ctx;
    void *(*malloc)(void *ctx, size_t n);
    void *(*calloc)(void *ctx, size_t nelem, size_t elsize);
    void *(*realloc)(void *ctx, void *p, size_t n);
    void (*free)(void *ctx, void *p);
} MoMemAllocatorEx;
void MoMem_GetAllocator(MoMemAllocatorDomain d, MoMemAllocatorEx *out);
void MoMem_SetAllocator(MoMemAllocatorDomain d, const MoMemAllocatorEx *in);

/* Install CPython's debug hooks (PYTHONMALLOC=debug) over the current allocators of
   all three domains: fresh bytes 0xCD, freed bytes 0xDD, 8 forbidden bytes 0xFD on each
   side, the API id and a serial number per block. A detected error (a write past the
   end, a use after free, a double free, a block freed through the wrong domain) stops
   the program with a message naming the block, what was wrong and, when the tracer is
   on, where it was allocated. The debug build installs them at Mo_Initialize. */
void MoMem_SetupDebugHooks(void);
/* Which allocators the runtime runs on, as CPython's PYTHONMALLOC names them:
     default         the build's default: pymalloc_debug in the debug build (with
                     its quarantine of freed objects), pymalloc in the release build;
     debug           the build's default allocator under the debug hooks;
     pymalloc        the pools for the mem and obj domains, malloc for raw, no hooks:
                     the allocator of a release CPython (no padding, no quarantine);
     pymalloc_debug  the same under the debug hooks;
     malloc          the C library's malloc for all three domains;
     malloc_debug    the same under the debug hooks.
   The choice is made once per process, before the first object: by
   _MoMem_SetupAllocators, or else at the first Mo_Initialize from the environment
   variable MOMALLOC (as PYTHONMALLOC); either resets the three domains' tables.
   Without either, Mo_Initialize keeps the tables as they are (an allocator a program
   installed before it stays), under the debug hooks in the debug build. The debug build keeps its
   refcount checks and its leak report whatever the allocator; it quarantines the
   memory of freed objects (so that a DECREF after the free names the type) only
   under the debug hooks. */
typedef enum {
    MOMEM_ALLOCATOR_NOT_SET = 0,
    MOMEM_ALLOCATOR_DEFAULT,
    MOMEM_ALLOCATOR_DEBUG,
    MOMEM_ALLOCATOR_MALLOC,
    MOMEM_ALLOCATOR_MALLOC_DEBUG,
    MOMEM_ALLOCATOR_PYMALLOC,
    MOMEM_ALLOCATOR_PYMALLOC_DEBUG,
} MoMemAllocatorName;
/* The name from its text ("pymalloc", ...); 0, or -1 if the text names none. */
int _MoMem_GetAllocatorName(const char *text, MoMemAllocatorName *name);
/* Install the allocators named, before Mo_Initialize. 0; -1 (nothing changed) if the
   name is not one of the above, or if the allocators were already chosen otherwise. */
int _MoMem_SetupAllocators(MoMemAllocatorName name);
/* The allocators in use: "pymalloc", "pymalloc_debug", "malloc" or "malloc_debug"
   (a static string), or NULL when a program replaced one with MoMem_SetAllocator. */
const char *_MoMem_GetCurrentAllocatorName(void);

/* The object allocator's statistics, in the format of sys._debugmallocstats()
   (its pymalloc part: size classes, arenas, where the bytes go, the arena map). */
void MoObject_DebugMallocStats(FILE *out);

/* ---------------------------------------------------------------------------
 * For the runtime and its tests (not part of CPython's API).
 */

/* The pools (obmalloc.c) as an allocator table's functions: mem.c makes them
   the default of the mem and obj domains, as CPython's "pymalloc". Requests of 0
   and of more than 512 bytes go to the raw domain. ctx is unused. */
void *_MoObject_Malloc(void *ctx, size_t n);
void *_MoObject_Calloc(void *ctx, size_t nelem, size_t elsize);
void *_MoObject_Realloc(void *ctx, void *p, size_t n);
void _MoObject_Free(void *ctx, void *p);
/* 1 if p lies in one of the pools' arenas (the radix tree's answer). */
int _MoObject_AddressInPools(const void *p);
/* Walk every arena, pool and free list and check the pools' invariants (the
   opening comment of obmalloc.c); a broken one stops the program naming it. For
   tests: it takes time proportional to the number of blocks. */
void _MoObject_ValidatePools(void);

/* The pools' numbers, as MoObject_DebugMallocStats prints them. Per size class
   i < nclasses: block_size[i], blocks_per_pool[i], and over the pools in use
   (those with at least one block out) pools[i], blocks_in_use[i], blocks_free[i]. */
#define MO_OBMALLOC_MAX_CLASSES 64
typedef struct {
    size_t alignment, small_request_threshold, nclasses;
    size_t pool_size, pool_overhead, arena_size;
    size_t block_size[MO_OBMALLOC_MAX_CLASSES], blocks_per_pool[MO_OBMALLOC_MAX_CLASSES];
    size_t pools[MO_OBMALLOC_MAX_CLASSES], blocks_in_use[MO_OBMALLOC_MAX_CLASSES],
        blocks_free[MO_OBMALLOC_MAX_CLASSES];
    size_t arenas_allocated_total, arenas_reclaimed, arenas_highwater, arenas_current;
    size_t unused_pools;            /* empty pools, cached or never used */
    size_t arena_alignment_bytes;   /* POOL_SIZE per arena not pool-aligned */
    size_t raw_blocks;              /* requests the pools passed to the raw domain, still live */
    size_t arena_map_mid_nodes, arena_map_bot_nodes;
    size_t arena_map_bytes[3];      /* root, mid nodes, bottom nodes */
} MoObmallocStats;
void _MoObject_GetMallocStats(MoObmallocStats *out);

/* A walk over the pools as they are now (any build; obmalloc.c). Each pool of each
   arena is reported in address order, arenas in the order of their descriptors:
     state  UNTOUCHED (never used: past the arena's high-water mark), EMPTY (used
            before, no block out: cached in its arena), USED (some blocks out, on
            its class's used list) or FULL (every block out, on no list);
     szidx  its size class (-1 when untouched; an empty pool keeps its last class).
   visit returns 0 to go on; the walk returns what stopped it (0 at the end). */
typedef enum { MO_POOL_UNTOUCHED, MO_POOL_EMPTY, MO_POOL_USED, MO_POOL_FULL } MoPoolState;
typedef struct {
    size_t arena;               /* 0, 1, ...: among the arenas allocated now */
    const void *arena_address;  /* what mmap returned */
    size_t arena_pools;         /* 64, or 63 when the arena is not pool-aligned */
    size_t index;               /* the pool's place in its arena */
    const void *address;
    MoPoolState state;
    int szidx;
    size_t block_size, nblocks, in_use;
} MoPoolInfo;
int _MoObject_WalkPools(int (*visit)(const MoPoolInfo *pool, void *ctx), void *ctx);
/* The blocks of the pool holding p (an address in one of our pools' blocks):
   states[i] for block i (i < n) is UNTOUCHED (never handed out: past nextoffset),
   FREE (on the pool's free list) or ALLOCATED; returns how many blocks the pool
   holds, or -1 when p is not in a pool in use. */
typedef enum { MO_BLOCK_UNTOUCHED, MO_BLOCK_FREE, MO_BLOCK_ALLOCATED } MoBlockState;
ptrdiff_t _MoObject_PoolBlockStates(const void *p, unsigned char *states, size_t n);
/* Pictures of the walk, as graphviz DOT (pooldot.c): arena k's pools in a grid
   coloured by state and labelled with their block size; and the blocks of the
   pool holding p, coloured by state. 0, or -1 when there is no such arena or pool. */
int _MoObject_WriteArenaDot(FILE *out, size_t arena);
int _MoObject_WritePoolDot(FILE *out, const void *p);

/* The bytes of a live block p of the debug hooks, from its header to the end of
   its serial number (2*8 + its size + 2*8 bytes), copied into out: their count,
   or 0 (nothing copied) when cap is smaller or the hooks were never installed.
   For pictures of the debug layout; p must come from a domain under the hooks. */
size_t _MoMem_DebugBlockBytes(const void *p, unsigned char *out, size_t cap);
/* The debug hooks' serial number: how many debug mallocs and reallocs there have
   been (the number stored in the block made last). */
size_t _MoMem_DebugSerialNumber(void);

#define MoMem_New(type, n) ((type *)MoMem_Malloc((size_t)(n) * sizeof(type)))

#endif
