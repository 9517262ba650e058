/* Lab 07 grader: the backing allocator that keeps the books, the mdriver checks (as
 * CS:APP's malloc lab driver makes them: alignment, no overlap, payload untouched) and
 * the random traces (see lab07_tests.h). */
#include <stdlib.h>
#include <string.h>
#include "lab07_tests.h"

unsigned long long lab07_blocks_run;

/* Called by the compiler's instrumentation at every basic block of the lab's files. */
void __sanitizer_cov_trace_pc(void);
void __sanitizer_cov_trace_pc(void)
{
    lab07_blocks_run++;
}

/* ================================================== the backing allocator */

#define HDR 16   /* keeps the blocks 16-aligned */

static int tracker_refuse(Tracker *t)
{
    if (t->refuse_after < 0)
        return 0;
    if (t->refuse_after == 0)
        return 1;
    t->refuse_after--;
    return 0;
}

static void tracker_gain(Tracker *t, size_t n)
{
    t->live_bytes += (long long)n;
    if (t->live_bytes > t->peak_bytes)
        t->peak_bytes = t->live_bytes;
}

static void *tracker_malloc(void *ctx, size_t n)
{
    Tracker *t = ctx;
    t->mallocs++;
    t->last_request = n;
    if (n == POOL_ARENA_SIZE) {
        if (t->narenas < 64)
            t->arenas[t->narenas++] = NULL;   /* filled below */
    } else {
        t->big_requests++;
    }
    if (tracker_refuse(t))
        return NULL;
    unsigned char *h = malloc(HDR + (n ? n : 1));
    if (h == NULL)
        return NULL;
    memcpy(h, &n, sizeof n);
    tracker_gain(t, n);
    if (n == POOL_ARENA_SIZE && t->narenas <= 64)
        t->arenas[t->narenas - 1] = h + HDR;
    return h + HDR;
}

static void *tracker_calloc(void *ctx, size_t nelem, size_t elsize)
{
    if (elsize != 0 && nelem > ((size_t)-1) / elsize)
        return NULL;
    void *p = tracker_malloc(ctx, nelem * elsize);
    if (p != NULL)
        memset(p, 0, nelem * elsize);
    return p;
}

static void tracker_free(void *ctx, void *p)
{
    Tracker *t = ctx;
    if (p == NULL)
        return;
    t->frees++;
    unsigned char *h = (unsigned char *)p - HDR;
    size_t n;
    memcpy(&n, h, sizeof n);
    t->live_bytes -= (long long)n;
    free(h);
}

static void *tracker_realloc(void *ctx, void *p, size_t n)
{
    Tracker *t = ctx;
    t->reallocs++;
    if (p == NULL)
        return tracker_malloc(ctx, n);
    if (tracker_refuse(t))
        return NULL;
    unsigned char *h = (unsigned char *)p - HDR;
    size_t old;
    memcpy(&old, h, sizeof old);
    unsigned char *g = realloc(h, HDR + (n ? n : 1));
    if (g == NULL)
        return NULL;
    memcpy(g, &n, sizeof n);
    t->live_bytes -= (long long)old;
    tracker_gain(t, n);
    return g + HDR;
}

void tracker_init(Tracker *t)
{
    memset(t, 0, sizeof *t);
    t->refuse_after = -1;
}

MoMemAllocatorEx tracker_allocator(Tracker *t)
{
    MoMemAllocatorEx a = { t, tracker_malloc, tracker_calloc, tracker_realloc, tracker_free };
    return a;
}

PoolAllocator *new_pools(Tracker *t)
{
    tracker_init(t);
    MoMemAllocatorEx backing = tracker_allocator(t);
    PoolAllocator *a = Pool_New(&backing);
    if (a == NULL)
        ck_abort_msg("Pool_New returned NULL with memory to spare");
    return a;
}

/* ====================================================== the mdriver checks */

static char complaint[512];

void live_init(LiveSet *s, PoolAllocator *a)
{
    s->v = NULL;
    s->n = s->cap = 0;
    s->a = a;
}

void live_fini(LiveSet *s)
{
    for (int i = 0; i < s->n; i++)
        Pool_Free(s->a, s->v[i].p);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static unsigned char pattern(unsigned int id, size_t k)
{
    return (unsigned char)(id * 131u + k * 7u + 1u);
}

static const char *live_add_checked(LiveSet *s, void *p, size_t n, unsigned int id, int check_owner);

const char *live_add(LiveSet *s, void *p, size_t n, unsigned int id)
{
    return live_add_checked(s, p, n, id, 1);
}

const char *live_add_big(LiveSet *s, void *p, size_t n, unsigned int id)
{
    return live_add_checked(s, p, n, id, 0);
}

static const char *live_add_checked(LiveSet *s, void *p, size_t n, unsigned int id, int check_owner)
{
    unsigned char *b = p;
    if (b == NULL) {
        snprintf(complaint, sizeof complaint, "a request of %zu bytes returned NULL with memory to spare", n);
        return complaint;
    }
    if ((uintptr_t)b % POOL_ALIGNMENT != 0) {
        snprintf(complaint, sizeof complaint, "the block of %zu bytes at %p is not aligned to %d bytes", n, p,
                 POOL_ALIGNMENT);
        return complaint;
    }
    int small = n >= 1 && n <= POOL_SMALL_REQUEST, owned = Pool_Owns(s->a, p);
    if (check_owner && small != owned) {
        snprintf(complaint, sizeof complaint, "a request of %zu bytes %s the pools (Pool_Owns says %d): "
                 "1..%d bytes come from the pools, the rest from the backing allocator", n,
                 owned ? "was served by" : "did not come from", owned, POOL_SMALL_REQUEST);
        return complaint;
    }
    size_t len = n ? n : 1;
    for (int i = 0; i < s->n; i++) {
        Block *o = &s->v[i];
        size_t olen = o->n ? o->n : 1;
        if (b < o->p + olen && o->p < b + len) {
            snprintf(complaint, sizeof complaint, "the new block [%p, +%zu) overlaps a live block [%p, +%zu)",
                     p, n, (void *)o->p, o->n);
            return complaint;
        }
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
        if (s->v == NULL)
            ck_abort_msg("the test ran out of memory");
    }
    for (size_t k = 0; k < n; k++)
        b[k] = pattern(id, k);
    s->v[s->n++] = (Block){ b, n, id };
    return NULL;
}

const char *live_intact(const LiveSet *s, int i)
{
    const Block *o = &s->v[i];
    for (size_t k = 0; k < o->n; k++) {
        if (o->p[k] != pattern(o->id, k)) {
            snprintf(complaint, sizeof complaint, "byte %zu of a live block of %zu bytes at %p changed "
                     "(0x%02x, written 0x%02x): the allocator wrote into a block it had handed out",
                     k, o->n, (void *)o->p, o->p[k], pattern(o->id, k));
            return complaint;
        }
    }
    return NULL;
}

const char *live_all_intact(const LiveSet *s)
{
    for (int i = 0; i < s->n; i++) {
        const char *why = live_intact(s, i);
        if (why != NULL)
            return why;
    }
    return NULL;
}

void live_drop(LiveSet *s, int i)
{
    s->v[i] = s->v[--s->n];
}

unsigned int trace_rand(unsigned int *state)
{
    unsigned int x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* Sizes as objects have them: mostly small, a few over the threshold. */
static size_t trace_size(unsigned int *st, size_t maxsize)
{
    unsigned int r = trace_rand(st);
    size_t n = r % 8 == 0 ? 1 + trace_rand(st) % maxsize : 1 + trace_rand(st) % (maxsize < 128 ? maxsize : 128);
    return n;
}

/* realloc of block i to n bytes: the first min(old, n) bytes kept, the rest refilled. */
static const char *trace_realloc(LiveSet *s, int i, size_t n, unsigned int id)
{
    Block old = s->v[i];
    int was_big = !Pool_Owns(s->a, old.p);
    const char *why = live_intact(s, i);
    if (why != NULL)
        return why;
    unsigned char *q = Pool_Realloc(s->a, old.p, n);
    if (q == NULL) {
        snprintf(complaint, sizeof complaint, "realloc to %zu bytes returned NULL with memory to spare", n);
        return complaint;
    }
    size_t keep = old.n < n ? old.n : n;
    for (size_t k = 0; k < keep; k++) {
        if (q[k] != pattern(old.id, k)) {
            snprintf(complaint, sizeof complaint, "realloc from %zu to %zu bytes lost byte %zu (0x%02x, was 0x%02x)",
                     old.n, n, k, q[k], pattern(old.id, k));
            return complaint;
        }
    }
    live_drop(s, i);
    return was_big ? live_add_big(s, q, n, id) : live_add(s, q, n, id);
}

const char *run_trace(LiveSet *s, unsigned int seed, int ops, int maxlive, size_t maxsize)
{
    unsigned int st = seed;
    const char *why = NULL;
    for (int op = 0; op < ops && why == NULL; op++) {
        unsigned int r = trace_rand(&st) % 10, id = (unsigned int)op;
        if (s->n > 0 && (r < 4 || s->n >= maxlive)) {
            int i = (int)(trace_rand(&st) % (unsigned int)s->n);
            if ((why = live_intact(s, i)) == NULL) {
                Pool_Free(s->a, s->v[i].p);
                live_drop(s, i);
            }
        } else if (s->n > 0 && r < 6) {
            why = trace_realloc(s, (int)(trace_rand(&st) % (unsigned int)s->n), trace_size(&st, maxsize), id);
        } else if (r < 7) {
            size_t n = trace_size(&st, maxsize);
            unsigned char *p = Pool_Calloc(s->a, 1, n);
            for (size_t k = 0; p != NULL && k < n && why == NULL; k++) {
                if (p[k] != 0) {
                    snprintf(complaint, sizeof complaint, "calloc(1, %zu) returned a block whose byte %zu is 0x%02x",
                             n, k, p[k]);
                    why = complaint;
                }
            }
            if (why == NULL)
                why = live_add(s, p, n, id);
        } else {
            size_t n = trace_size(&st, maxsize);
            why = live_add(s, Pool_Malloc(s->a, n), n, id);
        }
    }
    return why != NULL ? why : live_all_intact(s);
}
