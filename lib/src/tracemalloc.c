/* tracemalloc for C programs: a trace for every block allocated while tracing is on.
 *
 * Start saves the allocators of the three domains (raw, mem, obj) and installs a
 * hook on each that wraps the saved one, as CPython's _tracemalloc does (PEP 445):
 *   malloc/calloc: call the saved allocator, then record ptr -> (size, traceback);
 *   realloc:       call it, then move the trace to the new address with the new
 *                  size and the traceback of the realloc;
 *   free:          call it, then drop the trace.
 * Stop puts the saved allocators back and forgets every trace.
 *
 * Invariants:
 *  - traced == the sum of the sizes in the trace table (requested sizes, not what
 *    the allocator rounds them to); peak >= traced, and peak is the largest value
 *    traced has had since Start, ClearTraces or ResetPeak.
 *  - A trace is keyed by (domain, address): Mo records which allocation domain a
 *    block came from (0 raw, 1 mem, 2 obj), where CPython files all three under its
 *    domain 0 and keeps other numbers for PyTraceMalloc_Track.
 *  - While the tracer runs (reentrant), the hooks pass straight through: a block the
 *    saved allocator gets from another domain (the pools asking the raw domain for
 *    an arena or a big block) is not traced twice, and the tracer never traces
 *    itself. Its own memory (the tables, the tracebacks) comes from the C library.
 *  - A traceback is interned: traces with the same return addresses share one copy,
 *    which lives until the traces are cleared.
 *  - Tracebacks hold raw return addresses (most recent first); they become file:line
 *    only when a snapshot is read (frames.c caches each address's answer).
 *
 * Start reading at the hooks (hook_malloc and friends), then trace_add.
 */
#include <stdlib.h>
#include <string.h>
#include "tracemalloc_internal.h"

#define MAX_NFRAME 65535

/* ================================================================ the state */

typedef struct {
    MoMemAllocatorDomain domain;
    MoMemAllocatorEx saved;      /* the allocator the hook wraps */
} hook_ctx;

/* An interned traceback: return addresses of the program's frames, most recent
   first. copy_stamp/copy_index let a snapshot copy each one once. */
typedef struct {
    size_t hash;
    uint32_t nframe, total_nframe;
    uint32_t copy_stamp, copy_index;
    uintptr_t pcs[];
} traceback_t;

typedef struct {
    uintptr_t ptr;               /* 0 = empty slot */
    size_t size;
    traceback_t *traceback;
    unsigned int domain;
} trace_t;

static struct {
    int tracing;
    int max_nframe;              /* get_traceback_limit(): kept after Stop */
    int reentrant;
    hook_ctx hooks[3];
    size_t traced, peak;
    uintptr_t *scratch;          /* max_nframe return addresses */
    uint32_t copy_stamp;
} tm = { .max_nframe = 1 };

static struct {
    trace_t *slots;              /* open addressing, linear probing */
    size_t size, used;
} traces;

static struct {
    traceback_t **slots;
    size_t size, used, bytes;
} tracebacks;

/* ============================================================ tracebacks */

static size_t traceback_hash(const uintptr_t *pcs, uint32_t n)
{
    size_t h = 0x345678 ^ n;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t x = (uint64_t)pcs[i] * 0x9E3779B97F4A7C15ULL;
        h = (h ^ (size_t)(x ^ (x >> 29))) * 1000003;
    }
    return h;
}

static int tracebacks_grow(void)
{
    size_t size = tracebacks.size ? tracebacks.size * 2 : 256;
    traceback_t **slots = calloc(size, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < tracebacks.size; i++) {
        traceback_t *tb = tracebacks.slots[i];
        if (tb == NULL)
            continue;
        size_t j = tb->hash & (size - 1);
        while (slots[j] != NULL)
            j = (j + 1) & (size - 1);
        slots[j] = tb;
    }
    free(tracebacks.slots);
    tracebacks.slots = slots;
    tracebacks.size = size;
    return 0;
}

/* The interned traceback equal to pcs[0..n), made if new; NULL if out of memory. */
static traceback_t *traceback_intern(const uintptr_t *pcs, uint32_t n)
{
    if ((tracebacks.used + 1) * 2 > tracebacks.size && tracebacks_grow() < 0)
        return NULL;
    size_t hash = traceback_hash(pcs, n), mask = tracebacks.size - 1;
    size_t i = hash & mask;
    for (traceback_t *tb; (tb = tracebacks.slots[i]) != NULL; i = (i + 1) & mask)
        if (tb->hash == hash && tb->nframe == n && memcmp(tb->pcs, pcs, n * sizeof *pcs) == 0)
            return tb;
    size_t bytes = sizeof(traceback_t) + n * sizeof *pcs;
    traceback_t *tb = malloc(bytes);
    if (tb == NULL)
        return NULL;
    tb->hash = hash;
    tb->nframe = tb->total_nframe = n;
    tb->copy_stamp = tb->copy_index = 0;
    memcpy(tb->pcs, pcs, n * sizeof *pcs);
    tracebacks.slots[i] = tb;
    tracebacks.used++;
    tracebacks.bytes += bytes;
    return tb;
}

/* The traceback of the allocation being traced: the program's frames, or one
   unknown frame (address 0) when none could be found. */
static traceback_t *traceback_current(void)
{
    int n = _MoFrames_Capture(tm.scratch, tm.max_nframe);
    if (n == 0) {
        tm.scratch[0] = 0;
        n = 1;
    }
    return traceback_intern(tm.scratch, (uint32_t)n);
}

static void tracebacks_clear(void)
{
    for (size_t i = 0; i < tracebacks.size; i++)
        free(tracebacks.slots[i]);
    free(tracebacks.slots);
    memset(&tracebacks, 0, sizeof tracebacks);
}

/* =========================================================== the trace table */

static size_t trace_hash(unsigned int domain, uintptr_t ptr)
{
    uint64_t x = ((uint64_t)ptr >> 3) ^ ((uint64_t)domain << 59);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

/* The slot holding (domain, ptr), or the empty slot where it would go. */
static trace_t *traces_slot(unsigned int domain, uintptr_t ptr)
{
    size_t mask = traces.size - 1;
    size_t i = trace_hash(domain, ptr) & mask;
    while (traces.slots[i].ptr != 0 && !(traces.slots[i].ptr == ptr && traces.slots[i].domain == domain))
        i = (i + 1) & mask;
    return &traces.slots[i];
}

static trace_t *traces_find(unsigned int domain, uintptr_t ptr)
{
    if (traces.size == 0 || ptr == 0)
        return NULL;
    trace_t *t = traces_slot(domain, ptr);
    return t->ptr != 0 ? t : NULL;
}

/* Keep the load under 2/3. */
static int traces_grow(void)
{
    size_t size = traces.size ? traces.size * 2 : 1024;
    trace_t *old = traces.slots;
    size_t old_size = traces.size;
    traces.slots = calloc(size, sizeof(trace_t));
    if (traces.slots == NULL) {
        traces.slots = old;
        return -1;
    }
    traces.size = size;
    for (size_t i = 0; i < old_size; i++)
        if (old[i].ptr != 0)
            *traces_slot(old[i].domain, old[i].ptr) = old[i];
    free(old);
    return 0;
}

/* Linear probing without tombstones: after emptying a slot, walk the run that
   follows and move back every entry whose home is not between the hole and it. */
static void traces_delete(trace_t *t)
{
    size_t mask = traces.size - 1;
    size_t hole = (size_t)(t - traces.slots);
    traces.slots[hole].ptr = 0;
    traces.used--;
    for (size_t i = (hole + 1) & mask; traces.slots[i].ptr != 0; i = (i + 1) & mask) {
        size_t home = trace_hash(traces.slots[i].domain, traces.slots[i].ptr) & mask;
        /* the entry at i may fill the hole when its home is not in (hole, i] */
        int stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
        if (!stays) {
            traces.slots[hole] = traces.slots[i];
            traces.slots[i].ptr = 0;
            hole = i;
        }
    }
}

/* region trace_add */
/* Record (or replace) the trace of a block: its size and the current traceback.
   0, or -1 when the tracer is out of memory (nothing recorded). */
static int trace_add(unsigned int domain, void *ptr, size_t size)
{
    traceback_t *tb = traceback_current();
    if (tb == NULL)
        return -1;
    if ((traces.used + 1) * 3 > traces.size * 2 && traces_grow() < 0)
        return -1;
    trace_t *t = traces_slot(domain, (uintptr_t)ptr);
    if (t->ptr != 0) {
        tm.traced -= t->size;    /* the address was traced already: replace */
    } else {
        t->ptr = (uintptr_t)ptr;
        t->domain = domain;
        traces.used++;
    }
    t->size = size;
    t->traceback = tb;
    tm.traced += size;
    if (tm.traced > tm.peak)
        tm.peak = tm.traced;
    return 0;
}
/* endregion trace_add */

static void trace_remove(unsigned int domain, void *ptr)
{
    trace_t *t = traces_find(domain, (uintptr_t)ptr);
    if (t == NULL)
        return;                  /* allocated before tracing started */
    tm.traced -= t->size;
    traces_delete(t);
}

static void traces_clear(void)
{
    free(traces.slots);
    memset(&traces, 0, sizeof traces);
    tm.traced = tm.peak = 0;
}

/* ================================================================= the hooks */

/* region hooks */
static void *hook_malloc(void *ctx, size_t n)
{
    hook_ctx *h = ctx;
    if (tm.reentrant)
        return h->saved.malloc(h->saved.ctx, n);
    tm.reentrant = 1;
    void *p = h->saved.malloc(h->saved.ctx, n);
    if (p != NULL && trace_add(h->domain, p, n) < 0) {
        h->saved.free(h->saved.ctx, p);   /* untraced memory would make the counts lie */
        p = NULL;
    }
    tm.reentrant = 0;
    return p;
}

static void *hook_calloc(void *ctx, size_t nelem, size_t elsize)
{
    hook_ctx *h = ctx;
    if (tm.reentrant)
        return h->saved.calloc(h->saved.ctx, nelem, elsize);
    tm.reentrant = 1;
    void *p = h->saved.calloc(h->saved.ctx, nelem, elsize);
    if (p != NULL && trace_add(h->domain, p, nelem * elsize) < 0) {
        h->saved.free(h->saved.ctx, p);
        p = NULL;
    }
    tm.reentrant = 0;
    return p;
}

static void *hook_realloc(void *ctx, void *old, size_t n)
{
    hook_ctx *h = ctx;
    if (tm.reentrant)
        return h->saved.realloc(h->saved.ctx, old, n);
    tm.reentrant = 1;
    void *p = h->saved.realloc(h->saved.ctx, old, n);
    if (p != NULL) {
        if (old != NULL && p != old)
            trace_remove(h->domain, old);
        if (trace_add(h->domain, p, n) < 0) {
            if (old == NULL) {
                h->saved.free(h->saved.ctx, p);
                p = NULL;
            } else {
                /* The old block may be gone already: nothing to give back. */
                Mo_FatalError("tracemalloc: out of memory for the trace of a realloc");
            }
        }
    }
    tm.reentrant = 0;
    return p;
}

static void hook_free(void *ctx, void *p)
{
    hook_ctx *h = ctx;
    if (tm.reentrant) {
        h->saved.free(h->saved.ctx, p);
        return;
    }
    tm.reentrant = 1;
    h->saved.free(h->saved.ctx, p);
    trace_remove(h->domain, p);
    tm.reentrant = 0;
}
/* endregion hooks */

/* ============================================================ start and stop */

/* region start */
int MoTraceMalloc_Start(int nframe)
{
    if (nframe < 1 || nframe > MAX_NFRAME) {
        MoErr_Format(MoExc_ValueError, "the number of frames must be in range [1; %d]", MAX_NFRAME);
        return -1;
    }
    if (tm.tracing)
        return 0;                /* hooks already installed: nothing changes */
    uintptr_t *scratch = malloc((size_t)nframe * sizeof *scratch);
    if (scratch == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    tm.scratch = scratch;
    tm.max_nframe = nframe;
    for (int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ; d++) {
        hook_ctx *h = &tm.hooks[d];
        h->domain = (MoMemAllocatorDomain)d;
        MoMem_GetAllocator(h->domain, &h->saved);
        MoMemAllocatorEx hook = { h, hook_malloc, hook_calloc, hook_realloc, hook_free };
        MoMem_SetAllocator(h->domain, &hook);
    }
    tm.tracing = 1;
    return 0;
}
/* endregion start */

void MoTraceMalloc_Stop(void)
{
    if (!tm.tracing)
        return;
    for (int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ; d++)
        MoMem_SetAllocator((MoMemAllocatorDomain)d, &tm.hooks[d].saved);
    tm.tracing = 0;
    traces_clear();
    tracebacks_clear();
    free(tm.scratch);
    tm.scratch = NULL;
}

int MoTraceMalloc_IsTracing(void)
{
    return tm.tracing;
}

int MoTraceMalloc_GetTracebackLimit(void)
{
    return tm.max_nframe;
}

/* ================================================================= counters */

void MoTraceMalloc_GetTracedMemory(size_t *current, size_t *peak)
{
    *current = tm.tracing ? tm.traced : 0;
    *peak = tm.tracing ? tm.peak : 0;
}

void MoTraceMalloc_ResetPeak(void)
{
    if (tm.tracing)
        tm.peak = tm.traced;
}

void MoTraceMalloc_ClearTraces(void)
{
    if (!tm.tracing)
        return;
    traces_clear();
    tracebacks_clear();
}

size_t MoTraceMalloc_GetTracemallocMemory(void)
{
    return traces.size * sizeof(trace_t) + tracebacks.size * sizeof(traceback_t *) + tracebacks.bytes +
           (tm.scratch != NULL ? (size_t)tm.max_nframe * sizeof(uintptr_t) : 0) + _MoFrames_MemoryUsage();
}

/* ====================================================== tracking by hand */

int MoTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size)
{
    if (!tm.tracing)
        return -2;
    if (ptr == 0 || tm.reentrant)
        return -1;
    tm.reentrant = 1;
    int r = trace_add(domain, (void *)ptr, size);
    tm.reentrant = 0;
    return r;
}

int MoTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr)
{
    if (!tm.tracing)
        return -2;
    trace_remove(domain, (void *)ptr);
    return 0;
}

/* ================================================================ snapshots */

/* region copy_traces */
/* Copy the trace table for a snapshot: each distinct traceback once. The tracer
   is held off meanwhile, so that the copy's own arrays neither get traced nor
   move the table under the walk. 0, or -1 with MemoryError. */
static int traces_copy(_MoTraceTable *out)
{
    memset(out, 0, sizeof *out);
    uint32_t stamp = ++tm.copy_stamp;
    for (size_t i = 0; i < traces.size; i++) {
        traceback_t *tb = traces.slots[i].traceback;
        if (traces.slots[i].ptr == 0)
            continue;
        out->ntraces++;
        if (tb->copy_stamp != stamp) {
            tb->copy_stamp = stamp;
            tb->copy_index = (uint32_t)out->ntracebacks++;
            out->npcs += tb->nframe;
        }
    }
    out->traces = MoMem_Malloc((size_t)out->ntraces * sizeof *out->traces);
    out->tracebacks = MoMem_Malloc((size_t)out->ntracebacks * sizeof *out->tracebacks);
    out->pcs = MoMem_Malloc((size_t)out->npcs * sizeof *out->pcs);
    if (out->traces == NULL || out->tracebacks == NULL || out->pcs == NULL) {
        _MoTraceTable_Clear(out);
        MoErr_NoMemory();
        return -1;
    }
    Mo_ssize_t k = 0, first = 0;
    stamp = ++tm.copy_stamp;
    for (size_t i = 0; i < traces.size; i++) {
        const trace_t *t = &traces.slots[i];
        if (t->ptr == 0)
            continue;
        traceback_t *tb = t->traceback;
        if (tb->copy_stamp != stamp) {
            tb->copy_stamp = stamp;
            _MoTracebackCopy *c = &out->tracebacks[tb->copy_index];
            c->first = (uint32_t)first;
            c->nframe = tb->nframe;
            c->total_nframe = tb->total_nframe;
            memcpy(out->pcs + first, tb->pcs, tb->nframe * sizeof *tb->pcs);
            first += tb->nframe;
        }
        out->traces[k++] = (_MoTraceCopy){ t->size, t->domain, tb->copy_index };
    }
    return 0;
}
/* endregion copy_traces */

void _MoTraceTable_Clear(_MoTraceTable *t)
{
    MoMem_Free(t->traces);
    MoMem_Free(t->tracebacks);
    MoMem_Free(t->pcs);
    memset(t, 0, sizeof *t);
}

MoObject *MoTraceMalloc_TakeSnapshot(void)
{
    if (!tm.tracing) {
        MoErr_SetString(MoExc_RuntimeError,
                        "the tracemalloc module must be tracing memory allocations to take a snapshot");
        return NULL;
    }
    _MoTraceTable table;
    tm.reentrant++;
    int r = traces_copy(&table);
    tm.reentrant--;
    if (r < 0)
        return NULL;
    return _MoSnapshot_FromTable(&table, tm.max_nframe);
}

/* ======================================================= objects and blocks */

/* The trace of the memory block holding object o: its allocation starts at the
   pre-header (16 bytes for a GC type, 32 with a managed dict). CPython 3.11
   subtracts only the GC header and so misses managed-dict instances (fixed in
   3.12, gh-101430); Mo subtracts the whole pre-header. */
static const trace_t *object_trace(MoObject *o)
{
    if (!tm.tracing || o == NULL)
        return NULL;
    char *block = (char *)o - _MoType_PreHeaderSize(Mo_TYPE(o));
    return traces_find(MOMEM_DOMAIN_OBJ, (uintptr_t)block);
}

MoObject *MoTraceMalloc_GetObjectTraceback(MoObject *o)
{
    const trace_t *t = object_trace(o);
    if (t == NULL)
        Mo_RETURN_NONE;
    const traceback_t *tb = t->traceback;
    return _MoTraceback_FromPCs(tb->pcs, (int)tb->nframe, -1);
}

int _MoTraceMalloc_GetObjectSite(MoObject *o, _MoFrameLoc *loc)
{
    const trace_t *t = object_trace(o);
    if (t == NULL)
        return 0;
    *loc = _MoFrames_Resolve(t->traceback->pcs[0]);
    return 1;
}

void _MoTraceMalloc_DumpTraceback(FILE *out, const void *ptr)
{
    if (!tm.tracing) {
        fputs("Enable tracemalloc to get the memory block allocation traceback\n\n", out);
        return;
    }
    const trace_t *t = NULL;
    for (unsigned int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ && t == NULL; d++)
        t = traces_find(d, (uintptr_t)ptr);
    if (t == NULL)
        return;
    fputs("Memory block allocated at (most recent call first):\n", out);
    for (uint32_t i = 0; i < t->traceback->nframe; i++) {
        _MoFrameLoc loc = _MoFrames_Resolve(t->traceback->pcs[i]);
        fprintf(out, "  File \"%s\", line %d\n", loc.filename, loc.lineno);
    }
    fputs("\n", out);
}

void _MoTraceMalloc_Fini(void)
{
    MoTraceMalloc_Stop();
    _MoFrames_Fini();
}
