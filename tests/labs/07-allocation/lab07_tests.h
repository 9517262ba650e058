/* Lab 07 grader: what the test files share (tracker.c). */
#ifndef LAB07_TESTS_H
#define LAB07_TESTS_H

#include "harness.h"
#include "pool.h"

/* ------------------------------------------------ the backing allocator */

/* A backing allocator that keeps the books: every block it hands out carries its size
   in a header of its own, so that the tests know the bytes the pool allocator holds at
   any moment, and the most it ever held. refuse_after >= 0: that many more requests
   succeed, then every one fails. */
typedef struct {
    long long live_bytes, peak_bytes;     /* bytes handed out and not given back */
    long long mallocs, frees, reallocs;   /* calls */
    long long big_requests;               /* mallocs of other than POOL_ARENA_SIZE bytes */
    size_t last_request;                  /* the size of the last malloc */
    long long refuse_after;
    void *arenas[64];                     /* the blocks of POOL_ARENA_SIZE handed out, in order */
    int narenas;
} Tracker;

void tracker_init(Tracker *t);
MoMemAllocatorEx tracker_allocator(Tracker *t);
/* A new PoolAllocator over t (initialised here); the test fails if it is NULL. */
PoolAllocator *new_pools(Tracker *t);

/* ------------------------------------------------ the mdriver checks */

/* The blocks a trace holds: each filled with a pattern made from its id. */
typedef struct {
    unsigned char *p;
    size_t n;
    unsigned int id;
} Block;
typedef struct {
    Block *v;
    int n, cap;
    PoolAllocator *a;
} LiveSet;

void live_init(LiveSet *s, PoolAllocator *a);
void live_fini(LiveSet *s);   /* frees every block still live through the pools */
/* Add p (n bytes, just returned): NULL, or what is wrong (misaligned, overlapping a
   live block, a small block not in the pools, a big one in them). Fills its payload. */
const char *live_add(LiveSet *s, void *p, size_t n, unsigned int id);
/* The same for a block realloc'd from a big one: the backing allocator keeps it
   whatever its new size (as CPython's pymalloc_realloc), so it is not checked for. */
const char *live_add_big(LiveSet *s, void *p, size_t n, unsigned int id);
/* NULL if block i's payload is as the test left it; else what changed. */
const char *live_intact(const LiveSet *s, int i);
/* Every live block intact. */
const char *live_all_intact(const LiveSet *s);
void live_drop(LiveSet *s, int i);   /* forget block i (the test freed it) */

/* A random trace (fixed seed) of malloc, calloc, realloc and free on s->a: ops
   operations, at most maxlive blocks at once, sizes 1..maxsize, checked as it runs.
   NULL, or the first thing wrong. */
const char *run_trace(LiveSet *s, unsigned int seed, int ops, int maxlive, size_t maxsize);

/* The trace generator: a deterministic pseudo-random number (xorshift). */
unsigned int trace_rand(unsigned int *state);

/* ------------------------------------------------ counting work */

/* Basic blocks of the student's code run so far: the lab's files are compiled with
   -fsanitize-coverage=trace-pc (grade.conf's cflags:), which calls
   __sanitizer_cov_trace_pc at the top of each. */
extern unsigned long long lab07_blocks_run;

#endif
