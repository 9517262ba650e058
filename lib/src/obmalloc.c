/* The small-object allocator: CPython 3.11's pymalloc, rebuilt.
 *
 * Requests of 1..512 bytes are served from three nested levels:
 *
 *   arena  1 MiB from mmap, cut into 16 KiB pools. mmap only promises page
 *          alignment; when an arena does not start on a pool boundary, the
 *          partial pool at its start is skipped: 64 pools, or 63.
 *   pool   16 KiB of blocks of one size class, after a 48-byte header:
 *          (16384 - 48) / size blocks.
 *   block  the request rounded up to a multiple of ALIGNMENT (16): 32 size
 *          classes, class i holding blocks of (i + 1) * 16 bytes.
 *
 * (Every constant can be set at build time: -DMO_OBMALLOC_POOL_SIZE=4096
 * -DMO_OBMALLOC_ARENA_SIZE=262144 gives the layout of CPython 3.9 and older, 4 KiB
 * pools and 256 KiB arenas; -DMO_OBMALLOC_ALIGNMENT=8 adds the 64 classes of
 * 8 bytes that obmalloc.c's old comment table shows, which 32-bit builds use.
 * Every 64-bit CPython measured, 2.7 and 3.6 to 3.13, has 32 classes of 16.)
 *
 * Invariants:
 *  1. A pool is used (some blocks out, some free: it is on usedpools[class], a
 *     circular doubly linked list with a sentinel head), full (on no list), or
 *     empty (on its arena's freepools list). Allocation pops the free list of
 *     the first used pool of the class; free pushes the block on its pool's
 *     free list. LIFO: the block freed last is the next one handed out.
 *  2. Memory is not touched until needed: a used pool's free list holds the
 *     blocks freed so far and, at its end, at most one never-used block;
 *     nextoffset is where the next never-used block starts, maxnextoffset the
 *     last offset where a whole block still fits.
 *  3. usable_arenas lists the arenas that have a free pool, sorted by ascending
 *     nfreepools (fullest first): pools are taken from the fullest arena, which
 *     gives the emptiest ones a chance to empty. nfp2lasta[n] is the last arena
 *     on the list with n free pools, so a free re-sorts in O(1).
 *  4. An arena whose pools are all free goes back to the OS (munmap), unless it
 *     is the last one on usable_arenas: one wholly free arena is kept, so that a
 *     loop making and dropping one object does not map and unmap an arena each
 *     time (bpo-37257).
 *  5. Requests of 0 bytes and of more than 512 go to the raw domain. free tells
 *     such a block from ours with address_in_range, which asks a radix tree of
 *     the address ranges arenas cover: it never reads memory we do not own.
 *  6. Under valgrind, every block handed out is announced to memcheck with
 *     VALGRIND_MALLOCLIKE_BLOCK and every block freed with FREELIKE_BLOCK. Free
 *     blocks and never-used memory are no-access; a free-list link is made
 *     accessible only while it is read or written. So memcheck reports a leaked
 *     block, with the stack that allocated it, and any use of a freed one.
 *     Outside valgrind this costs one predictable branch.
 *
 * The pools' own bookkeeping (the arena descriptors, the radix tree's nodes)
 * comes from the C library, never from the allocation domains: this file is the
 * allocator.
 *
 * Speed (measured with bench/alloc_churn.c): the two common calls, a small
 * request whose class has a used pool and a free of one of our blocks, run as
 * leaf code without a stack frame (the fast_paths region); everything else
 * goes to the general functions, out of line. address_in_range tests an
 * arena's coverage without a branch (a branch there was mispredicted on half
 * the frees whenever the blocks in use straddled a chunk boundary, so the
 * speed depended on where mmap put the arena), and remembers the last bottom
 * node it found, which saves two dependent loads.
 *
 * Start reading at pymalloc_alloc and pymalloc_free.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <valgrind/memcheck.h>
#include "internal.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ================================================================ constants */

#ifndef MO_OBMALLOC_ALIGNMENT
#define MO_OBMALLOC_ALIGNMENT 16
#endif
#ifndef MO_OBMALLOC_SMALL_REQUEST_THRESHOLD
#define MO_OBMALLOC_SMALL_REQUEST_THRESHOLD 512
#endif
#ifndef MO_OBMALLOC_POOL_SIZE
#define MO_OBMALLOC_POOL_SIZE (16 * 1024)
#endif
#ifndef MO_OBMALLOC_ARENA_SIZE
#define MO_OBMALLOC_ARENA_SIZE (1024 * 1024)
#endif

#define ALIGNMENT ((unsigned)MO_OBMALLOC_ALIGNMENT)
#define SMALL_REQUEST_THRESHOLD ((unsigned)MO_OBMALLOC_SMALL_REQUEST_THRESHOLD)
#define NB_SMALL_SIZE_CLASSES (SMALL_REQUEST_THRESHOLD / ALIGNMENT)
#define POOL_SIZE ((size_t)MO_OBMALLOC_POOL_SIZE)
#define POOL_SIZE_MASK (POOL_SIZE - 1)
#define ARENA_SIZE ((size_t)MO_OBMALLOC_ARENA_SIZE)
#define ARENA_SIZE_MASK (ARENA_SIZE - 1)
#define MAX_POOLS_IN_ARENA (ARENA_SIZE / POOL_SIZE)
#define INITIAL_ARENA_OBJECTS 16

/* region size_classes */
/* Size class i holds blocks of INDEX2SIZE(i) bytes; a request of n bytes
   (1 <= n <= 512) gets class SIZE2INDEX(n). */
#define INDEX2SIZE(i) (((unsigned)(i) + 1) * ALIGNMENT)
#define SIZE2INDEX(n) ((unsigned)((n) - 1) / ALIGNMENT)
/* endregion size_classes */
/* 1 <= n <= SMALL_REQUEST_THRESHOLD (0 wraps to SIZE_MAX). */
#define IS_SMALL_REQUEST(n) ((size_t)(n) - 1 < SMALL_REQUEST_THRESHOLD)

/* log2 of a power of two below 2^32, as a constant expression. */
#define LOG2_4(x) ((x) >= 8 ? 3 : (x) >= 4 ? 2 : (x) >= 2 ? 1 : 0)
#define LOG2_8(x) ((x) >= 16 ? 4 + LOG2_4((x) >> 4) : LOG2_4(x))
#define LOG2_16(x) ((x) >= 256 ? 8 + LOG2_8((x) >> 8) : LOG2_8(x))
#define LOG2_32(x) ((x) >= 65536 ? 16 + LOG2_16((x) >> 16) : LOG2_16(x))
#define IS_POW2(x) ((x) != 0 && ((x) & ((x) - 1)) == 0)

_Static_assert(sizeof(void *) == 8, "obmalloc's radix tree is written for 64-bit addresses");
_Static_assert(IS_POW2(ALIGNMENT) && ALIGNMENT >= 8, "ALIGNMENT: a power of two, at least 8");
_Static_assert(SMALL_REQUEST_THRESHOLD % ALIGNMENT == 0 && SMALL_REQUEST_THRESHOLD <= 512,
               "SMALL_REQUEST_THRESHOLD: a multiple of ALIGNMENT, at most 512");
_Static_assert(NB_SMALL_SIZE_CLASSES <= MO_OBMALLOC_MAX_CLASSES, "too many size classes");
_Static_assert(IS_POW2(POOL_SIZE) && POOL_SIZE >= 1024, "POOL_SIZE: a power of two");
_Static_assert(IS_POW2(ARENA_SIZE) && ARENA_SIZE >= 4 * POOL_SIZE && ARENA_SIZE < ((size_t)1 << 31),
               "ARENA_SIZE: a power of two, at least 4 pools, below 2 GiB");

/* ============================================================== structures */

typedef uint8_t block;

/* region pool_header */
/* The header at the start of every pool. */
struct pool_header {
    union {
        block *padding;
        unsigned int count;     /* blocks handed out */
    } ref;
    block *freeblock;           /* the free list: the next block to hand out */
    struct pool_header *nextpool;   /* usedpools list, or the arena's freepools */
    struct pool_header *prevpool;   /* usedpools list only */
    unsigned int arenaindex;    /* the arena's index in arenas[] */
    unsigned int szidx;         /* size class, DUMMY_SIZE_IDX before the first use */
    unsigned int nextoffset;    /* offset of the next never-used block */
    unsigned int maxnextoffset; /* the largest nextoffset at which a block fits */
};
typedef struct pool_header *poolp;
/* endregion pool_header */

#define POOL_OVERHEAD ((sizeof(struct pool_header) + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT)
#define DUMMY_SIZE_IDX 0xffff
/* The pool holding block p: pools start on POOL_SIZE boundaries. */
#define POOL_ADDR(p) ((poolp)((uintptr_t)(p) & ~(uintptr_t)POOL_SIZE_MASK))
/* How many blocks of class i a pool holds. */
#define NUMBLOCKS(i) ((unsigned)((POOL_SIZE - POOL_OVERHEAD) / INDEX2SIZE(i)))

_Static_assert(POOL_SIZE >= POOL_OVERHEAD + 2 * SMALL_REQUEST_THRESHOLD, "a pool must hold two blocks of any class");

/* The descriptor of an arena; arenas[] holds them all. */
struct arena_object {
    uintptr_t address;          /* what mmap returned; 0 when the descriptor is unused */
    block *pool_address;        /* the next never-used pool */
    unsigned int nfreepools;    /* empty pools, used before or not */
    unsigned int ntotalpools;   /* 64, or 63 when the arena is not pool-aligned */
    poolp freepools;            /* empty pools used before, linked by nextpool */
    /* usable_arenas (doubly linked) or unused_arena_objects (nextarena only) */
    struct arena_object *nextarena;
    struct arena_object *prevarena;
};

/* ================================================================== state */

/* The sentinel heads of the used-pool lists, one per size class: an empty list
   points at itself. (CPython saves memory by storing only the two link fields
   and pointing "headers" into the array, its PTA trick; a whole header per
   class costs 32 bytes more a class and needs no trick.) Sized for the largest
   configuration; only the first NB_SMALL_SIZE_CLASSES are used. */
#define PT(i) [i] = { .nextpool = &usedpools[i], .prevpool = &usedpools[i] }
#define PT8(i) PT(i), PT(i + 1), PT(i + 2), PT(i + 3), PT(i + 4), PT(i + 5), PT(i + 6), PT(i + 7)
static struct pool_header usedpools[MO_OBMALLOC_MAX_CLASSES] = {
    PT8(0), PT8(8), PT8(16), PT8(24), PT8(32), PT8(40), PT8(48), PT8(56),
};
#undef PT8
#undef PT

static struct arena_object *arenas;          /* maxarenas descriptors */
static unsigned int maxarenas;
static struct arena_object *unused_arena_objects;
static struct arena_object *usable_arenas;
static struct arena_object *nfp2lasta[MAX_POOLS_IN_ARENA + 1];

static size_t narenas_currently_allocated;
static size_t ntimes_arena_allocated;
static size_t narenas_highwater;
static size_t raw_allocated_blocks;          /* handed to the raw domain and not freed */

/* Set when the first arena is made (before any block exists): running under
   valgrind, so blocks are announced to memcheck. */
static int on_valgrind;

/* ====================================================== telling memcheck */

/* region memcheck */
/* The requests themselves live out of line (cold), so that the fast paths
   that test on_valgrind stay small: the client-request macros need stack. */
#define COLD __attribute__((noinline, cold))
#define NOINLINE __attribute__((noinline))

static COLD void vg_malloclike(block *bp, size_t size)
{
    VALGRIND_MALLOCLIKE_BLOCK(bp, size, 0, 0);
}

static COLD void vg_freelike(block *bp)
{
    VALGRIND_FREELIKE_BLOCK(bp, 0);
}

static COLD block *vg_read_link(block *bp)
{
    VALGRIND_MAKE_MEM_DEFINED(bp, sizeof(block *));
    block *next = *(block **)bp;
    VALGRIND_MAKE_MEM_NOACCESS(bp, sizeof(block *));
    return next;
}

static COLD void vg_write_link(block *bp, block *next)
{
    VALGRIND_MAKE_MEM_UNDEFINED(bp, sizeof(block *));
    *(block **)bp = next;
    VALGRIND_MAKE_MEM_NOACCESS(bp, sizeof(block *));
}

/* A block handed out: memcheck sees a heap block of the class's size, its
   contents undefined. */
static inline void announce_alloc(block *bp, size_t size)
{
    if (UNLIKELY(on_valgrind))
        vg_malloclike(bp, size);
}

/* A block given back: memcheck marks it no-access and remembers who freed it. */
static inline void announce_free(block *bp)
{
    if (UNLIKELY(on_valgrind))
        vg_freelike(bp);
}

/* The free-list link lives in the first word of a free (no-access) block. */
static inline block *block_next(block *bp)
{
    if (UNLIKELY(on_valgrind))
        return vg_read_link(bp);
    return *(block **)bp;
}

static inline void block_set_next(block *bp, block *next)
{
    if (UNLIKELY(on_valgrind))
        vg_write_link(bp, next);
    else
        *(block **)bp = next;
}
/* endregion memcheck */

/* ============================================ the radix tree (arena map) */

/* Which addresses belong to an arena. The address space is cut into
   ARENA_SIZE-aligned chunks; an arena (ARENA_SIZE bytes, page-aligned) covers
   the end of one chunk and the start of the next. The tree maps a chunk, by
   the top bits of its address (MAP_TOP_BITS, MAP_MID_BITS, MAP_BOT_BITS), to
   a coverage record: tail_hi, the offset where an arena starting in this
   chunk begins (-1 if it begins exactly at the chunk's start), and tail_lo,
   the offset where an arena that started in the previous chunk ends. Address
   p with offset t in its chunk is ours iff t < tail_lo, or tail_hi != 0 and
   t >= tail_hi. Interior nodes are made on demand and never freed, as
   CPython's. */
#define ARENA_BITS LOG2_32(ARENA_SIZE)
#define ADDRESS_BITS 64
#define INTERIOR_BITS ((ADDRESS_BITS - ARENA_BITS + 2) / 3)
#define MAP_TOP_BITS INTERIOR_BITS
#define MAP_MID_BITS INTERIOR_BITS
#define MAP_BOT_BITS (ADDRESS_BITS - ARENA_BITS - 2 * INTERIOR_BITS)
#define MAP_TOP_LENGTH ((size_t)1 << MAP_TOP_BITS)
#define MAP_MID_LENGTH ((size_t)1 << MAP_MID_BITS)
#define MAP_BOT_LENGTH ((size_t)1 << MAP_BOT_BITS)
#define MAP_TOP_INDEX(p) ((size_t)((uintptr_t)(p) >> (ARENA_BITS + MAP_BOT_BITS + MAP_MID_BITS)))
#define MAP_MID_INDEX(p) ((size_t)((uintptr_t)(p) >> (ARENA_BITS + MAP_BOT_BITS)) & (MAP_MID_LENGTH - 1))
#define MAP_BOT_INDEX(p) ((size_t)((uintptr_t)(p) >> ARENA_BITS) & (MAP_BOT_LENGTH - 1))

typedef struct {
    int32_t tail_hi;
    int32_t tail_lo;
} arena_coverage;
typedef struct {
    arena_coverage arenas[MAP_BOT_LENGTH];
} arena_map_bot;
typedef struct {
    arena_map_bot *ptrs[MAP_MID_LENGTH];
} arena_map_mid;
typedef struct {
    arena_map_mid *ptrs[MAP_TOP_LENGTH];
} arena_map_top;

static arena_map_top arena_map_root;     /* in BSS: pages are touched only when used */
static size_t arena_map_mid_count;
static size_t arena_map_bot_count;

/* The bottom node for p's chunk, made (with its mid node) if create; NULL when
   there is none, or when making it failed. */
static arena_map_bot *arena_map_get(uintptr_t p, int create)
{
    arena_map_mid **mid = &arena_map_root.ptrs[MAP_TOP_INDEX(p)];
    if (*mid == NULL) {
        if (!create)
            return NULL;
        *mid = calloc(1, sizeof(arena_map_mid));
        if (*mid == NULL)
            return NULL;
        arena_map_mid_count++;
    }
    arena_map_bot **bot = &(*mid)->ptrs[MAP_MID_INDEX(p)];
    if (*bot == NULL) {
        if (!create)
            return NULL;
        *bot = calloc(1, sizeof(arena_map_bot));
        if (*bot == NULL)
            return NULL;
        arena_map_bot_count++;
    }
    return *bot;
}

/* Record (used) or forget the arena at base. 0 if a node could not be made. */
static int arena_map_mark(uintptr_t base, int used)
{
    arena_map_bot *hi = arena_map_get(base, used);
    if (hi == NULL)
        return 0;
    int32_t tail = (int32_t)(base & ARENA_SIZE_MASK);
    if (tail == 0) {            /* the arena is exactly one chunk */
        hi->arenas[MAP_BOT_INDEX(base)].tail_hi = used ? -1 : 0;
        return 1;
    }
    hi->arenas[MAP_BOT_INDEX(base)].tail_hi = used ? tail : 0;
    uintptr_t next = base + ARENA_SIZE;     /* the chunk where the arena ends */
    arena_map_bot *lo = arena_map_get(next, used);
    if (lo == NULL) {
        hi->arenas[MAP_BOT_INDEX(base)].tail_hi = 0;
        return 0;
    }
    lo->arenas[MAP_BOT_INDEX(next)].tail_lo = used ? tail : 0;
    return 1;
}

/* The bottom node found last, and the top and middle index bits it stands
   for (MAP_KEY: the address without its chunk and bottom-index bits). The
   arenas usually all lie in the region one bottom node covers (16 GiB with
   1 MiB arenas), so a free finds its node with one compare instead of two
   dependent loads. Nodes are never freed: what is remembered never goes
   stale. UINTPTR_MAX is no key. */
#define MAP_KEY(p) ((uintptr_t)(p) >> (ARENA_BITS + MAP_BOT_BITS))
static uintptr_t arena_map_last_key = UINTPTR_MAX;
static arena_map_bot *arena_map_last_bot;

/* region address_in_range */
/* Whether p lies in one of our arenas. Reads only the tree (and remembers
   the bottom node it found).

   With t the offset of p in its chunk, p is ours iff t < tail_lo, or
   tail_hi != 0 and t >= tail_hi: that is, unless t lies in the gap
   [tail_lo, end), where end is tail_hi, or past the chunk when tail_hi is 0
   (no arena starts in it), or 0 when tail_hi is -1 (an arena starts at the
   chunk's start, so none ends in it: tail_lo is 0 and there is no gap).
   Arenas do not overlap, so tail_lo <= end, and one unsigned compare tests
   the gap. There is no branch on which of the two cases holds: that depends
   on the half of its arena p lies in, and such a branch is a coin toss on
   every free when the blocks in use straddle a chunk boundary, as they do in
   most arenas (mmap seldom returns a chunk-aligned one). */
static inline int address_in_range(const void *p)
{
    arena_map_bot *n;
    if (LIKELY(MAP_KEY(p) == arena_map_last_key)) {
        n = arena_map_last_bot;
    }
    else {
        n = arena_map_get((uintptr_t)p, 0);
        if (n == NULL)
            return 0;
        arena_map_last_key = MAP_KEY(p);
        arena_map_last_bot = n;
    }
    const arena_coverage *c = &n->arenas[MAP_BOT_INDEX(p)];
    uint32_t t = (uint32_t)((uintptr_t)p & ARENA_SIZE_MASK);
    uint32_t lo = (uint32_t)c->tail_lo, hi = (uint32_t)c->tail_hi;
    uint32_t zero_or_minus_one = 0u - ((hi - 1u) >> 31);    /* all ones if tail_hi is */
    uint32_t end = hi ^ zero_or_minus_one;                  /* 0 -> UINT32_MAX, -1 -> 0 */
    return t - lo >= end - lo;                              /* t is not in [lo, end) */
}
/* endregion address_in_range */

/* ================================================================= arenas */

/* More descriptors, doubling the vector. Called only when every descriptor
   is in use, so no pointer into the old vector exists: usable_arenas and
   nfp2lasta are empty (every arena is wholly allocated). */
static int arenas_grow(void)
{
    unsigned int n = maxarenas ? maxarenas * 2 : INITIAL_ARENA_OBJECTS;
    if (n <= maxarenas)
        return 0;
    struct arena_object *v = realloc(arenas, n * sizeof *v);
    if (v == NULL)
        return 0;
    arenas = v;
    for (unsigned int i = maxarenas; i < n; i++) {
        arenas[i].address = 0;
        arenas[i].nextarena = i + 1 < n ? &arenas[i + 1] : NULL;
    }
    unused_arena_objects = &arenas[maxarenas];
    maxarenas = n;
    return 1;
}

/* A fresh arena from the OS, alone on usable_arenas (which was empty); 0 when
   out of memory. */
static int arena_new(void)
{
    if (narenas_currently_allocated == 0 && ntimes_arena_allocated == 0)
        on_valgrind = RUNNING_ON_VALGRIND ? 1 : 0;
    if (unused_arena_objects == NULL && !arenas_grow())
        return 0;
    void *mem = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
        return 0;
    if (!arena_map_mark((uintptr_t)mem, 1)) {
        munmap(mem, ARENA_SIZE);
        return 0;
    }
    if (on_valgrind)
        VALGRIND_MAKE_MEM_NOACCESS(mem, ARENA_SIZE);   /* nothing handed out yet */
    struct arena_object *ao = unused_arena_objects;
    unused_arena_objects = ao->nextarena;
    ao->address = (uintptr_t)mem;
    ao->freepools = NULL;
    ao->nfreepools = (unsigned)MAX_POOLS_IN_ARENA;
    ao->pool_address = (block *)mem;
    uintptr_t excess = ao->address & POOL_SIZE_MASK;
    if (excess != 0) {          /* skip to the first pool boundary */
        ao->nfreepools--;
        ao->pool_address += POOL_SIZE - excess;
    }
    ao->ntotalpools = ao->nfreepools;
    ao->nextarena = ao->prevarena = NULL;
    usable_arenas = ao;
    nfp2lasta[ao->nfreepools] = ao;
    narenas_currently_allocated++;
    ntimes_arena_allocated++;
    if (narenas_currently_allocated > narenas_highwater)
        narenas_highwater = narenas_currently_allocated;
    return 1;
}

/* An arena whose pools are all free goes back to the OS; its descriptor is
   kept for the next arena. ao is already off usable_arenas. */
static void arena_release(struct arena_object *ao)
{
    ao->nextarena = unused_arena_objects;
    unused_arena_objects = ao;
    arena_map_mark(ao->address, 0);
    munmap((void *)ao->address, ARENA_SIZE);
    ao->address = 0;
    narenas_currently_allocated--;
}

static void usable_unlink(struct arena_object *ao)
{
    if (ao->prevarena != NULL)
        ao->prevarena->nextarena = ao->nextarena;
    else
        usable_arenas = ao->nextarena;
    if (ao->nextarena != NULL)
        ao->nextarena->prevarena = ao->prevarena;
}

/* region arena_take_pool */
/* An empty pool from the first usable arena (the fullest): a cached one if
   the arena has any, else the next never-used one. The arena keeps its place
   at the head of the list (its nfreepools only drops) unless it is now
   wholly allocated, when it leaves the list. */
static poolp arena_take_pool(void)
{
    struct arena_object *ao = usable_arenas;
    unsigned int nf = ao->nfreepools;
    if (nfp2lasta[nf] == ao)
        nfp2lasta[nf] = NULL;         /* it was the only one with nf */
    if (nf > 1)
        nfp2lasta[nf - 1] = ao;       /* the new smallest count: first and last */
    poolp pool = ao->freepools;
    if (pool != NULL) {
        ao->freepools = pool->nextpool;
    }
    else {
        pool = (poolp)ao->pool_address;
        if (on_valgrind)
            VALGRIND_MAKE_MEM_UNDEFINED(pool, POOL_OVERHEAD);
        pool->arenaindex = (unsigned)(ao - arenas);
        pool->szidx = DUMMY_SIZE_IDX;
        ao->pool_address += POOL_SIZE;
    }
    if (--ao->nfreepools == 0) {
        usable_arenas = ao->nextarena;
        if (usable_arenas != NULL)
            usable_arenas->prevarena = NULL;
    }
    return pool;
}
/* endregion arena_take_pool */

/* region arena_pool_freed */
/* pool has just become empty and is off the used lists: cache it in its arena
   and restore the order of usable_arenas (ascending nfreepools). Four cases:
     1. every pool is free: unlink the arena and give it back to the OS, unless
        it is the last arena on the list;
     2. its first free pool: the arena was on no list; it goes to the head (it
        has the fewest free pools);
     3. it now has more free pools than the arena after it: move it to just
        after the last arena with its old count (nfp2lasta);
     4. otherwise it stays where it is. */
static void arena_pool_freed(poolp pool)
{
    struct arena_object *ao = &arenas[pool->arenaindex];
    pool->nextpool = ao->freepools;
    ao->freepools = pool;
    unsigned int nf = ao->nfreepools;
    struct arena_object *lastnf = nfp2lasta[nf];   /* last with the old count */
    if (lastnf == ao) {
        struct arena_object *p = ao->prevarena;
        nfp2lasta[nf] = (p != NULL && p->nfreepools == nf) ? p : NULL;
    }
    ao->nfreepools = ++nf;

    if (nf == ao->ntotalpools && ao->nextarena != NULL) {          /* case 1 */
        usable_unlink(ao);
        arena_release(ao);
        return;
    }
    if (nf == 1) {                                                  /* case 2 */
        ao->nextarena = usable_arenas;
        ao->prevarena = NULL;
        if (usable_arenas != NULL)
            usable_arenas->prevarena = ao;
        usable_arenas = ao;
        if (nfp2lasta[1] == NULL)
            nfp2lasta[1] = ao;
        return;
    }
    if (nfp2lasta[nf] == NULL)
        nfp2lasta[nf] = ao;      /* the only arena with nf; else the last stays */
    if (ao == lastnf)                                               /* case 4 */
        return;
    /* case 3: slide right, to just after lastnf (the arenas in between had
       its old count, fewer free pools than it has now). */
    usable_unlink(ao);
    ao->prevarena = lastnf;
    ao->nextarena = lastnf->nextarena;
    if (ao->nextarena != NULL)
        ao->nextarena->prevarena = ao;
    lastnf->nextarena = ao;
}
/* endregion arena_pool_freed */

/* ================================================================== pools */

/* Link pool at the front of its class's used list (most recently used first:
   the next allocation of the class takes from it). */
static inline void usedpool_push(poolp pool, unsigned int size)
{
    poolp head = &usedpools[size];
    pool->nextpool = head->nextpool;
    pool->prevpool = head;
    head->nextpool->prevpool = pool;
    head->nextpool = pool;
}

static inline void usedpool_unlink(poolp pool)
{
    pool->prevpool->nextpool = pool->nextpool;
    pool->nextpool->prevpool = pool->prevpool;
}

/* The pool's free list ran out: add its next never-used block, or, if none
   fits, the pool is full and leaves the used list. */
static inline void pool_extend(poolp pool, unsigned int size)
{
    if (pool->nextoffset <= pool->maxnextoffset) {
        pool->freeblock = (block *)pool + pool->nextoffset;
        pool->nextoffset += INDEX2SIZE(size);
        block_set_next(pool->freeblock, NULL);
        return;
    }
    usedpool_unlink(pool);
}

/* Set up an empty pool for class size: the first block is handed out, the
   second is the whole free list, the rest is not touched. */
static block *pool_init(poolp pool, unsigned int size)
{
    unsigned int bsize = INDEX2SIZE(size);
    pool->szidx = size;
    pool->nextoffset = (unsigned)POOL_OVERHEAD + 2 * bsize;
    pool->maxnextoffset = (unsigned)POOL_SIZE - bsize;
    block *bp = (block *)pool + POOL_OVERHEAD;
    pool->freeblock = bp + bsize;
    block_set_next(pool->freeblock, NULL);
    return bp;
}

/* No used pool for class size: take an empty one (making an arena if need
   be), put it on the used list and hand out its first free block. NULL when
   the OS has no memory. */
static COLD block *allocate_from_new_pool(unsigned int size)
{
    if (usable_arenas == NULL && !arena_new())
        return NULL;
    poolp pool = arena_take_pool();
    usedpool_push(pool, size);
    pool->ref.count = 1;
    if (pool->szidx == size) {
        /* It held this class before: its free list is still valid (and holds
           at least two blocks: see pool_init). */
        block *bp = pool->freeblock;
        pool->freeblock = block_next(bp);
        return bp;
    }
    return pool_init(pool, size);
}

/* pool had been full; a block came back. */
static inline void pool_was_full(poolp pool)
{
    usedpool_push(pool, pool->szidx);
}

/* pool's last block came back: off the used list, into its arena's cache. */
static COLD void pool_became_empty(poolp pool)
{
    usedpool_unlink(pool);
    arena_pool_freed(pool);
}

/* ================================================= allocate and free */

/* region pymalloc_alloc */
/* A block for a request of nbytes, or NULL when the request is not small
   (0, or more than SMALL_REQUEST_THRESHOLD) or there is no memory left. */
static inline void *pymalloc_alloc(size_t nbytes)
{
    if (UNLIKELY(!IS_SMALL_REQUEST(nbytes)))   /* 0 wraps to SIZE_MAX */
        return NULL;
    unsigned int size = SIZE2INDEX(nbytes);
    poolp pool = usedpools[size].nextpool;
    block *bp;
    if (LIKELY(pool != &usedpools[size])) {
        /* The fast path: pop the first used pool's free list. */
        pool->ref.count++;
        bp = pool->freeblock;
        if ((pool->freeblock = block_next(bp)) == NULL)
            pool_extend(pool, size);
    }
    else {
        bp = allocate_from_new_pool(size);
        if (bp == NULL)
            return NULL;
    }
    announce_alloc(bp, INDEX2SIZE(size));
    return bp;
}
/* endregion pymalloc_alloc */

/* region pymalloc_free */
/* Give back p if it is one of ours (1); 0 if it is not (the raw domain's). */
static inline int pymalloc_free(void *p)
{
    if (UNLIKELY(!address_in_range(p)))
        return 0;
    poolp pool = POOL_ADDR(p);
    announce_free(p);
    block *lastfree = pool->freeblock;
    block_set_next(p, lastfree);
    pool->freeblock = (block *)p;
    pool->ref.count--;
    if (lastfree == NULL)                  /* full -> used */
        pool_was_full(pool);
    else if (UNLIKELY(pool->ref.count == 0))   /* used -> empty */
        pool_became_empty(pool);
    return 1;
}
/* endregion pymalloc_free */

/* ================================================ the allocator's four calls */

/* What the obj and mem domains call (through mem.c's table): the pools for
   small requests, the raw domain for the rest, as CPython's _PyObject_Malloc
   and friends. The general functions are out of line but not cold: GCC 12,
   seeing the pools' path call cold functions, estimated it as never taken
   and moved all of it to .text.unlikely. */

static NOINLINE void *obmalloc_malloc_general(size_t nbytes)
{
    void *p = pymalloc_alloc(nbytes);
    if (LIKELY(p != NULL))
        return p;
    p = MoMem_RawMalloc(nbytes);
    if (p != NULL)
        raw_allocated_blocks++;
    return p;
}

static NOINLINE void obmalloc_free_general(void *p)
{
    if (p == NULL)
        return;
    if (UNLIKELY(!pymalloc_free(p))) {
        MoMem_RawFree(p);
        raw_allocated_blocks--;
    }
}

/* region fast_paths */
/* pymalloc_alloc and pymalloc_free for the common cases, inline and without a
   stack frame: a small request whose class has a used pool, and a free of
   one of our blocks. They call nothing but the pool's list surgery (inline)
   and, when a pool empties, the arena bookkeeping (a jump); they leave every
   other case (a request that is not small, no used pool, a block that is
   not ours, running under valgrind) to the general functions above, before
   they touch a pool. */
static inline void *obmalloc_malloc(size_t nbytes)
{
    if (LIKELY(IS_SMALL_REQUEST(nbytes) && !on_valgrind)) {
        unsigned int size = SIZE2INDEX(nbytes);
        poolp pool = usedpools[size].nextpool;
        if (LIKELY(pool != &usedpools[size])) {
            pool->ref.count++;
            block *bp = pool->freeblock;
            if (UNLIKELY((pool->freeblock = *(block **)bp) == NULL))
                pool_extend(pool, size);
            return bp;
        }
    }
    return obmalloc_malloc_general(nbytes);
}

/* NULL needs no test of its own: no arena covers address 0, so it takes the
   general path. */
static inline void obmalloc_free(void *p)
{
    if (LIKELY(!on_valgrind && address_in_range(p))) {
        poolp pool = POOL_ADDR(p);
        block *lastfree = pool->freeblock;
        *(block **)p = lastfree;
        pool->freeblock = (block *)p;
        pool->ref.count--;
        if (UNLIKELY(lastfree == NULL))             /* full -> used */
            pool_was_full(pool);
        else if (UNLIKELY(pool->ref.count == 0))    /* used -> empty */
            pool_became_empty(pool);
        return;
    }
    obmalloc_free_general(p);
}
/* endregion fast_paths */

static void *obmalloc_calloc(size_t nelem, size_t elsize)
{
    if (elsize != 0 && nelem > SIZE_MAX / elsize)
        return NULL;
    size_t nbytes = nelem * elsize;
    void *p = pymalloc_alloc(nbytes);
    if (LIKELY(p != NULL)) {
        memset(p, 0, nbytes);
        return p;
    }
    p = MoMem_RawCalloc(nelem, elsize);
    if (p != NULL)
        raw_allocated_blocks++;
    return p;
}

/* region pymalloc_realloc */
/* Resize p if it is one of ours (1, and *newp set: NULL when out of memory, p
   then unchanged); 0 if it is not. The block is kept when the new size fits
   and would not leave more than a quarter of it unused; otherwise the data
   moves to a new block (in the raw domain when nbytes is not small). */
static int pymalloc_realloc(void *p, size_t nbytes, void **newp)
{
    if (!address_in_range(p))
        return 0;
    size_t size = INDEX2SIZE(POOL_ADDR(p)->szidx);
    if (nbytes <= size) {
        if (4 * nbytes > 3 * size) {
            *newp = p;
            return 1;
        }
        size = nbytes;        /* shrinking a lot: copy only what is kept */
    }
    void *q = obmalloc_malloc(nbytes);
    if (q != NULL) {
        memcpy(q, p, size);
        obmalloc_free(p);
    }
    *newp = q;
    return 1;
}
/* endregion pymalloc_realloc */

/* A block of the raw domain stays there, even when it shrinks below the
   threshold (as CPython's). */
static void *obmalloc_realloc(void *p, size_t nbytes)
{
    if (p == NULL)
        return obmalloc_malloc(nbytes);
    void *q;
    if (pymalloc_realloc(p, nbytes, &q))
        return q;
    return MoMem_RawRealloc(p, nbytes);
}

/* ============================================================== validator */

/* region obmalloc_validate */
/* Walk every arena, pool and list and check what the opening comment promises;
   stop the program naming the first broken rule. For tests (O(blocks)). */
static void validate_fail(const char *what, const void *where)
{
    char msg[160];
    snprintf(msg, sizeof msg, "obmalloc: %s (at %p)", what, where);
    Mo_FatalError(msg);
}

/* Blocks carved from pool so far: handed out, or on its free list. */
static unsigned int pool_carved(const struct pool_header *pool)
{
    return (pool->nextoffset - (unsigned)POOL_OVERHEAD) / INDEX2SIZE(pool->szidx);
}

static void validate_pool(poolp pool)
{
    if (pool->szidx >= NB_SMALL_SIZE_CLASSES)
        validate_fail("a pool in use has no size class", pool);
    unsigned int size = INDEX2SIZE(pool->szidx), carved = pool_carved(pool);
    if (pool->ref.count > carved || carved > NUMBLOCKS(pool->szidx))
        validate_fail("a pool counts more blocks than it holds", pool);
    unsigned int nfree = 0;
    for (block *b = pool->freeblock; b != NULL; b = block_next(b)) {
        size_t off = (size_t)(b - (block *)pool);
        if (off < POOL_OVERHEAD || off >= pool->nextoffset || (off - POOL_OVERHEAD) % size != 0)
            validate_fail("a free-list link points outside its pool's blocks", b);
        if (++nfree > carved)
            validate_fail("a pool's free list is longer than its blocks", pool);
    }
    if (nfree != carved - pool->ref.count)
        validate_fail("a pool's free list and its count disagree", pool);
    if (pool->freeblock == NULL && carved != NUMBLOCKS(pool->szidx))
        validate_fail("a pool without free blocks is not full", pool);
}

static void validate_usedpools(void)
{
    for (unsigned int c = 0; c < NB_SMALL_SIZE_CLASSES; c++) {
        poolp head = &usedpools[c];
        for (poolp pool = head->nextpool; pool != head; pool = pool->nextpool) {
            if (pool->nextpool->prevpool != pool)
                validate_fail("a used-pool list is broken", pool);
            if (pool->szidx != c || pool->ref.count == 0 || pool->freeblock == NULL)
                validate_fail("a pool on a used list is not a used pool of its class", pool);
        }
    }
}

static void validate_arena(struct arena_object *ao)
{
    uintptr_t base = ao->address, end = ao->address + ARENA_SIZE;
    if (base & POOL_SIZE_MASK)
        base = (base & ~(uintptr_t)POOL_SIZE_MASK) + POOL_SIZE;
    if (ao->ntotalpools != (end - base) / POOL_SIZE)
        validate_fail("an arena's pool count is wrong", (void *)ao->address);
    unsigned int empty = 0, cached = 0;
    for (uintptr_t p = base; p < (uintptr_t)ao->pool_address; p += POOL_SIZE) {
        poolp pool = (poolp)p;
        if (pool->arenaindex != (unsigned)(ao - arenas))
            validate_fail("a pool names the wrong arena", pool);
        if (pool->ref.count == 0)
            empty++;
        else
            validate_pool(pool);
    }
    for (poolp pool = ao->freepools; pool != NULL; pool = pool->nextpool) {
        if (pool->ref.count != 0 || ++cached > ao->ntotalpools)
            validate_fail("an arena's free pool list holds a pool in use", pool);
    }
    unsigned int never_used = (unsigned)((end - (uintptr_t)ao->pool_address) / POOL_SIZE);
    if (cached != empty || ao->nfreepools != cached + never_used)
        validate_fail("an arena's free pools are miscounted", (void *)ao->address);
}

static void validate_usable_arenas(void)
{
    struct arena_object *last_with[MAX_POOLS_IN_ARENA + 1] = { 0 };
    struct arena_object *prev = NULL;
    for (struct arena_object *ao = usable_arenas; ao != NULL; prev = ao, ao = ao->nextarena) {
        if (ao->address == 0 || ao->nfreepools == 0 || ao->prevarena != prev)
            validate_fail("usable_arenas holds an arena it should not, or is broken", ao);
        if (prev != NULL && prev->nfreepools > ao->nfreepools)
            validate_fail("usable_arenas is not sorted by ascending nfreepools", (void *)ao->address);
        last_with[ao->nfreepools] = ao;
    }
    for (size_t n = 0; n <= MAX_POOLS_IN_ARENA; n++)
        if (nfp2lasta[n] != last_with[n])
            validate_fail("nfp2lasta does not point at the last arena with that many free pools", nfp2lasta[n]);
    size_t allocated = 0, usable = 0;
    for (unsigned int i = 0; i < maxarenas; i++) {
        if (arenas[i].address == 0)
            continue;
        allocated++;
        usable += arenas[i].nfreepools > 0;
        validate_arena(&arenas[i]);
    }
    size_t listed = 0;
    for (struct arena_object *ao = usable_arenas; ao != NULL; ao = ao->nextarena)
        listed++;
    if (allocated != narenas_currently_allocated || listed != usable)
        validate_fail("the arenas are miscounted", arenas);
}

static void obmalloc_validate(void)
{
    validate_usedpools();
    validate_usable_arenas();
}
/* endregion obmalloc_validate */

/* ================================================================== walk */

/* region obmalloc_walk */
/* What a carved pool is now: empty, used or full (the opening comment's
   invariant 1, read from its count). */
static MoPoolState pool_state(const struct pool_header *pool)
{
    if (pool->ref.count == 0)
        return MO_POOL_EMPTY;
    return pool->ref.count == NUMBLOCKS(pool->szidx) ? MO_POOL_FULL : MO_POOL_USED;
}

/* The first pool boundary in the arena (skipping a partial pool). */
static uintptr_t arena_first_pool(const struct arena_object *ao)
{
    uintptr_t base = ao->address;
    if (base & POOL_SIZE_MASK)
        base = (base & ~(uintptr_t)POOL_SIZE_MASK) + POOL_SIZE;
    return base;
}

/* (unused in a test's embedded copy that only reads the statistics) */
static __attribute__((unused)) int
obmalloc_walk(int (*visit)(const MoPoolInfo *, void *), void *ctx)
{
    size_t k = 0;
    for (unsigned int i = 0; i < maxarenas; i++) {
        const struct arena_object *ao = &arenas[i];
        if (ao->address == 0)
            continue;
        MoPoolInfo info = { .arena = k++,
                            .arena_address = (const void *)ao->address,
                            .arena_pools = ao->ntotalpools };
        uintptr_t p = arena_first_pool(ao);
        for (size_t n = 0; n < ao->ntotalpools; n++, p += POOL_SIZE) {
            const struct pool_header *pool = (const struct pool_header *)p;
            info.index = n;
            info.address = pool;
            info.szidx = -1;
            info.block_size = info.nblocks = info.in_use = 0;
            info.state = MO_POOL_UNTOUCHED;
            if (p < (uintptr_t)ao->pool_address) { /* carved: its header is valid */
                info.state = pool_state(pool);
                if (pool->szidx != DUMMY_SIZE_IDX) {
                    info.szidx = (int)pool->szidx;
                    info.block_size = INDEX2SIZE(pool->szidx);
                    info.nblocks = NUMBLOCKS(pool->szidx);
                    info.in_use = pool->ref.count;
                }
            }
            int r = visit(&info, ctx);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

/* Block i of a pool lies at POOL_OVERHEAD + i * size: untouched from nextoffset
   on, free when on the free list, allocated otherwise. */
static __attribute__((unused)) ptrdiff_t
pool_block_states(const void *p, unsigned char *states, size_t n)
{
    if (p == NULL || !address_in_range(p))
        return -1;
    poolp pool = POOL_ADDR(p);
    if (pool->ref.count == 0 || pool->szidx >= NB_SMALL_SIZE_CLASSES)
        return -1;
    unsigned int size = INDEX2SIZE(pool->szidx), nblocks = NUMBLOCKS(pool->szidx);
    for (unsigned int i = 0; i < nblocks && i < n; i++)
        states[i] = POOL_OVERHEAD + i * size < pool->nextoffset
                        ? MO_BLOCK_ALLOCATED
                        : MO_BLOCK_UNTOUCHED;
    for (block *b = pool->freeblock; b != NULL; b = block_next(b)) {
        size_t i = ((size_t)(b - (block *)pool) - POOL_OVERHEAD) / size;
        if (i < n)
            states[i] = MO_BLOCK_FREE;
    }
    return (ptrdiff_t)nblocks;
}
/* endregion obmalloc_walk */

/* ============================================================= statistics */

/* Walk every arena and every pool carved from it (full pools are on no list,
   so the arenas are the only way to find them). */
static void obmalloc_collect_stats(MoObmallocStats *st)
{
    memset(st, 0, sizeof *st);
    st->alignment = ALIGNMENT;
    st->small_request_threshold = SMALL_REQUEST_THRESHOLD;
    st->nclasses = NB_SMALL_SIZE_CLASSES;
    st->pool_size = POOL_SIZE;
    st->pool_overhead = POOL_OVERHEAD;
    st->arena_size = ARENA_SIZE;
    for (unsigned int i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
        st->block_size[i] = INDEX2SIZE(i);
        st->blocks_per_pool[i] = NUMBLOCKS(i);
    }
    for (unsigned int i = 0; i < maxarenas; i++) {
        const struct arena_object *ao = &arenas[i];
        if (ao->address == 0)
            continue;
        st->arenas_current++;
        st->unused_pools += ao->nfreepools;
        uintptr_t base = ao->address;
        if (base & POOL_SIZE_MASK) {
            st->arena_alignment_bytes += POOL_SIZE;
            base = (base & ~(uintptr_t)POOL_SIZE_MASK) + POOL_SIZE;
        }
        for (; base < (uintptr_t)ao->pool_address; base += POOL_SIZE) {
            const struct pool_header *pool = (const struct pool_header *)base;
            if (pool->ref.count == 0)
                continue;       /* empty: counted in nfreepools */
            unsigned int sz = pool->szidx;
            st->pools[sz]++;
            st->blocks_in_use[sz] += pool->ref.count;
            st->blocks_free[sz] += NUMBLOCKS(sz) - pool->ref.count;
        }
    }
    st->arenas_allocated_total = ntimes_arena_allocated;
    st->arenas_reclaimed = ntimes_arena_allocated - narenas_currently_allocated;
    st->arenas_highwater = narenas_highwater;
    st->raw_blocks = raw_allocated_blocks;
    st->arena_map_mid_nodes = arena_map_mid_count;
    st->arena_map_bot_nodes = arena_map_bot_count;
    st->arena_map_bytes[0] = sizeof(arena_map_root);
    st->arena_map_bytes[1] = arena_map_mid_count * sizeof(arena_map_mid);
    st->arena_map_bytes[2] = arena_map_bot_count * sizeof(arena_map_bot);
}

/* One "label = value" line: the label padded to 35 columns, the value with
   thousands separators right-aligned in 21 (CPython's printone). */
static size_t print_one(FILE *out, const char *label, size_t value)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%zu", value);
    char grouped[48];
    int g = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    fprintf(out, "%-35s=%21s\n", label, grouped);
    return value;
}

/* region debug_malloc_stats */
/* The pymalloc part of sys._debugmallocstats(), line for line. */
static void obmalloc_write_stats(FILE *out)
{
    MoObmallocStats st;
    obmalloc_collect_stats(&st);
    fprintf(out, "Small block threshold = %u, in %u size classes.\n", SMALL_REQUEST_THRESHOLD,
            NB_SMALL_SIZE_CLASSES);
    fputs("\nclass   size   num pools   blocks in use  avail blocks\n"
          "-----   ----   ---------   -------------  ------------\n", out);
    size_t allocated = 0, available = 0, headers = 0, quantization = 0;
    for (unsigned int i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
        if (st.pools[i] == 0)
            continue;
        unsigned int size = INDEX2SIZE(i);
        fprintf(out, "%5u %6u %11zu %15zu %13zu\n", i, size, st.pools[i], st.blocks_in_use[i],
                st.blocks_free[i]);
        allocated += st.blocks_in_use[i] * size;
        available += st.blocks_free[i] * size;
        headers += st.pools[i] * POOL_OVERHEAD;
        quantization += st.pools[i] * ((POOL_SIZE - POOL_OVERHEAD) % size);
    }
    fputc('\n', out);
    print_one(out, "# arenas allocated total", st.arenas_allocated_total);
    print_one(out, "# arenas reclaimed", st.arenas_reclaimed);
    print_one(out, "# arenas highwater mark", st.arenas_highwater);
    print_one(out, "# arenas allocated current", st.arenas_current);
    char label[64];
    snprintf(label, sizeof label, "%zu arenas * %zu bytes/arena", st.arenas_current, ARENA_SIZE);
    print_one(out, label, st.arenas_current * ARENA_SIZE);
    fputc('\n', out);
    size_t total = print_one(out, "# bytes in allocated blocks", allocated);
    total += print_one(out, "# bytes in available blocks", available);
    snprintf(label, sizeof label, "%zu unused pools * %zu bytes", st.unused_pools, POOL_SIZE);
    total += print_one(out, label, st.unused_pools * POOL_SIZE);
    total += print_one(out, "# bytes lost to pool headers", headers);
    total += print_one(out, "# bytes lost to quantization", quantization);
    total += print_one(out, "# bytes lost to arena alignment", st.arena_alignment_bytes);
    print_one(out, "Total", total);

    fputs("\narena map counts\n", out);
    print_one(out, "# arena map mid nodes", st.arena_map_mid_nodes);
    print_one(out, "# arena map bot nodes", st.arena_map_bot_nodes);
    fputc('\n', out);
    total = print_one(out, "# bytes lost to arena map root", st.arena_map_bytes[0]);
    total += print_one(out, "# bytes lost to arena map mid", st.arena_map_bytes[1]);
    total += print_one(out, "# bytes lost to arena map bot", st.arena_map_bytes[2]);
    print_one(out, "Total", total);
}
/* endregion debug_malloc_stats */

/* ================================================================ exports */

/* A test may compile a second copy of this file with other constants
   (MO_OBMALLOC_EMBEDDED): it calls the static functions above and this
   section, which names the runtime's one allocator, is left out. */
#ifndef MO_OBMALLOC_EMBEDDED

void *_MoObject_Malloc(void *ctx, size_t n)
{
    (void)ctx;
    return obmalloc_malloc(n);
}

void *_MoObject_Calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    return obmalloc_calloc(nelem, elsize);
}

void *_MoObject_Realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return obmalloc_realloc(p, n);
}

void _MoObject_Free(void *ctx, void *p)
{
    (void)ctx;
    obmalloc_free(p);
}

void _MoObject_ValidatePools(void)
{
    obmalloc_validate();
}

int _MoObject_AddressInPools(const void *p)
{
    return p != NULL && address_in_range(p);
}

int _MoObject_WalkPools(int (*visit)(const MoPoolInfo *pool, void *ctx), void *ctx)
{
    return obmalloc_walk(visit, ctx);
}

ptrdiff_t _MoObject_PoolBlockStates(const void *p, unsigned char *states, size_t n)
{
    return pool_block_states(p, states, n);
}

void _MoObject_GetMallocStats(MoObmallocStats *out)
{
    obmalloc_collect_stats(out);
}

void MoObject_DebugMallocStats(FILE *out)
{
    obmalloc_write_stats(out);
}

#endif
