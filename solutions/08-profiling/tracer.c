/* Lab 08, part A: the allocation tracer (see tracer.h).
 *
 * Invariants:
 *   1. current == the sum of the sizes in the trace table; peak >= current, and peak is
 *      the largest value current has had since Tracer_Start or Tracer_ResetPeak.
 *   2. A block is traced at most once: keyed by (domain, address).
 *   3. While busy is set (a hook at work, or a snapshot being made), the hooks delegate
 *      and record nothing.
 *   4. The table's memory comes from the C library, never from the domains.
 *
 * The trace table is given: a hash table of chained entries, from malloc.
 */
#include <stdlib.h>
#include <string.h>
#include "tracer.h"

/* ========================================================= the trace table (given) */

typedef struct trace {
    struct trace *next;
    MoMemAllocatorDomain domain;
    uintptr_t ptr;
    size_t size;
    uintptr_t pc;                /* return address of the program's frame (0: unknown) */
} trace;

static struct {
    trace **buckets;
    size_t nbuckets, count;
} table;

static size_t table_hash(MoMemAllocatorDomain domain, uintptr_t ptr)
{
    uint64_t x = ((uint64_t)ptr >> 4) ^ ((uint64_t)domain << 60);
    x *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(x >> 20);
}

/* The link that points at the entry for (domain, ptr), or at the NULL ending its chain. */
static trace **table_link(MoMemAllocatorDomain domain, uintptr_t ptr)
{
    trace **link = &table.buckets[table_hash(domain, ptr) & (table.nbuckets - 1)];
    while (*link != NULL && !((*link)->ptr == ptr && (*link)->domain == domain))
        link = &(*link)->next;
    return link;
}

/* Double the buckets when the chains grow long. 0, or -1 when malloc fails. */
static int table_grow(void)
{
    size_t n = table.nbuckets ? table.nbuckets * 2 : 1024;
    trace **buckets = calloc(n, sizeof *buckets);
    if (buckets == NULL)
        return -1;
    for (size_t i = 0; i < table.nbuckets; i++) {
        trace *t = table.buckets[i];
        while (t != NULL) {
            trace *next = t->next;
            size_t j = table_hash(t->domain, t->ptr) & (n - 1);
            t->next = buckets[j];
            buckets[j] = t;
            t = next;
        }
    }
    free(table.buckets);
    table.buckets = buckets;
    table.nbuckets = n;
    return 0;
}

/* The trace of (domain, ptr), or NULL. */
static trace *table_find(MoMemAllocatorDomain domain, uintptr_t ptr)
{
    return table.nbuckets == 0 ? NULL : *table_link(domain, ptr);
}

/* The trace of (domain, ptr), made (size 0) when there is none; NULL when malloc fails. */
static trace *table_put(MoMemAllocatorDomain domain, uintptr_t ptr)
{
    if (table.count >= table.nbuckets && table_grow() < 0)
        return NULL;
    trace **link = table_link(domain, ptr);
    if (*link == NULL) {
        trace *t = calloc(1, sizeof *t);
        if (t == NULL)
            return NULL;
        t->domain = domain;
        t->ptr = ptr;
        *link = t;
        table.count++;
    }
    return *link;
}

/* Remove the trace of (domain, ptr) and return its size (0 when there was none). */
static size_t table_remove(MoMemAllocatorDomain domain, uintptr_t ptr)
{
    if (table.nbuckets == 0)
        return 0;
    trace **link = table_link(domain, ptr);
    trace *t = *link;
    if (t == NULL)
        return 0;
    size_t size = t->size;
    *link = t->next;
    free(t);
    table.count--;
    return size;
}

static void table_clear(void)
{
    for (size_t i = 0; i < table.nbuckets; i++) {
        trace *t = table.buckets[i];
        while (t != NULL) {
            trace *next = t->next;
            free(t);
            t = next;
        }
    }
    free(table.buckets);
    memset(&table, 0, sizeof table);
}

/* ================================================================ the state */

typedef struct {
    MoMemAllocatorDomain domain;
    MoMemAllocatorEx saved;      /* the allocator the hook delegates to */
} hook_ctx;

static struct {
    int tracing;
    int busy;                    /* invariant 3 */
    hook_ctx hooks[3];
    size_t current, peak;
} tracer;

/* ========================================================== recording blocks */

/* region record */
/* Trace the block at p in domain: size bytes, asked for by the program's line that
   called into the runtime. An existing trace at that address is replaced. When the
   C library is out of memory the block stays untraced. */
static void record(MoMemAllocatorDomain domain, void *p, size_t size)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: find where the program asked (_MoFrames_CaptureCaller), put the */
    /* STUB: // trace in the table (table_put), and keep current and peak true. */
    /* STUB: (void)domain; (void)p; (void)size; (void)table_put; */
    uintptr_t pc = 0;
    _MoFrames_CaptureCaller(&pc, 1);
    trace *t = table_put(domain, (uintptr_t)p);
    if (t == NULL)
        return;
    tracer.current -= t->size;   /* 0 for a new trace */
    t->size = size;
    t->pc = pc;
    tracer.current += size;
    if (tracer.current > tracer.peak)
        tracer.peak = tracer.current;
    /* END SOLUTION */
}
/* endregion record */

/* Forget the trace of the block at p in domain, if it has one. */
static void forget(MoMemAllocatorDomain domain, void *p)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)domain; (void)p; (void)table_remove; */
    tracer.current -= table_remove(domain, (uintptr_t)p);
    /* END SOLUTION */
}

/* ================================================================= the hooks */

/* region hooks */
static void *hook_malloc(void *ctx, size_t n)
{
    hook_ctx *h = ctx;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: delegate to the saved allocator, and trace what it returns. */
    /* STUB: (void)h; (void)n; (void)record; */
    /* STUB: return NULL; */
    if (tracer.busy)
        return h->saved.malloc(h->saved.ctx, n);
    tracer.busy = 1;
    void *p = h->saved.malloc(h->saved.ctx, n);
    if (p != NULL)
        record(h->domain, p, n);
    tracer.busy = 0;
    return p;
    /* END SOLUTION */
}

static void *hook_calloc(void *ctx, size_t nelem, size_t elsize)
{
    hook_ctx *h = ctx;
    /* BEGIN SOLUTION */
    /* STUB: (void)h; (void)nelem; (void)elsize; */
    /* STUB: return NULL; */
    if (tracer.busy)
        return h->saved.calloc(h->saved.ctx, nelem, elsize);
    tracer.busy = 1;
    void *p = h->saved.calloc(h->saved.ctx, nelem, elsize);
    if (p != NULL)
        record(h->domain, p, nelem * elsize);
    tracer.busy = 0;
    return p;
    /* END SOLUTION */
}

static void *hook_realloc(void *ctx, void *old, size_t n)
{
    hook_ctx *h = ctx;
    /* BEGIN SOLUTION */
    /* STUB: (void)h; (void)old; (void)n; */
    /* STUB: return NULL; */
    if (tracer.busy)
        return h->saved.realloc(h->saved.ctx, old, n);
    tracer.busy = 1;
    void *p = h->saved.realloc(h->saved.ctx, old, n);
    if (p != NULL) {
        if (old != NULL)
            forget(h->domain, old);   /* moved or not, the old trace is over */
        record(h->domain, p, n);
    }
    tracer.busy = 0;
    return p;
    /* END SOLUTION */
}

static void hook_free(void *ctx, void *p)
{
    hook_ctx *h = ctx;
    /* BEGIN SOLUTION */
    /* STUB: (void)h; (void)p; (void)forget; */
    if (tracer.busy) {
        h->saved.free(h->saved.ctx, p);
        return;
    }
    tracer.busy = 1;
    h->saved.free(h->saved.ctx, p);
    forget(h->domain, p);
    tracer.busy = 0;
    /* END SOLUTION */
}
/* endregion hooks */

/* ============================================================ start and stop */

int Tracer_Start(void)
{
    if (tracer.tracing) {
        MoErr_SetString(MoExc_RuntimeError, "the tracer is already tracing");
        return -1;
    }
    /* BEGIN SOLUTION */
    /* STUB: // TODO: for each domain, save its allocator and install a hook whose ctx */
    /* STUB: // is that domain's hook_ctx. */
    /* STUB: (void)hook_malloc; (void)hook_calloc; (void)hook_realloc; (void)hook_free; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Tracer_Start is not written yet"); */
    /* STUB: return -1; */
    for (int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ; d++) {
        hook_ctx *h = &tracer.hooks[d];
        h->domain = (MoMemAllocatorDomain)d;
        MoMem_GetAllocator(h->domain, &h->saved);
        MoMemAllocatorEx hook = { h, hook_malloc, hook_calloc, hook_realloc, hook_free };
        MoMem_SetAllocator(h->domain, &hook);
    }
    tracer.tracing = 1;
    return 0;
    /* END SOLUTION */
}

void Tracer_Stop(void)
{
    if (!tracer.tracing)
        return;
    /* BEGIN SOLUTION */
    for (int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ; d++)
        MoMem_SetAllocator((MoMemAllocatorDomain)d, &tracer.hooks[d].saved);
    /* END SOLUTION */
    table_clear();
    tracer.tracing = 0;
    tracer.current = tracer.peak = 0;
}

int Tracer_IsTracing(void)
{
    return tracer.tracing;
}

/* ================================================================= counters */

void Tracer_GetTracedMemory(size_t *current, size_t *peak)
{
    *current = tracer.tracing ? tracer.current : 0;
    *peak = tracer.tracing ? tracer.peak : 0;
}

void Tracer_ResetPeak(void)
{
    /* BEGIN SOLUTION */
    if (tracer.tracing)
        tracer.peak = tracer.current;
    /* END SOLUTION */
}

size_t Tracer_Count(void)
{
    return tracer.tracing ? table.count : 0;
}

int Tracer_GetTrace(MoMemAllocatorDomain domain, const void *ptr, size_t *size, _MoFrameLoc *where)
{
    const trace *t = tracer.tracing ? table_find(domain, (uintptr_t)ptr) : NULL;
    if (t == NULL)
        return 0;
    *size = t->size;
    *where = _MoFrames_Resolve(t->pc);
    return 1;
}

/* ================================================================ snapshots */

/* region snapshot */
/* Add one trace to groups, a dict (filename, lineno) -> [size, count]. 0 or -1. */
static int group_add(MoObject *groups, const trace *t)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)groups; (void)t; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Tracer_TakeSnapshot is not written yet"); */
    /* STUB: return -1; */
    _MoFrameLoc loc = _MoFrames_Resolve(t->pc);
    MoObject *key = Mo_BuildValue("(si)", loc.filename, loc.lineno);
    if (key == NULL)
        return -1;
    MoObject *group = MoDict_GetItemWithError(groups, key);     /* borrowed */
    MoObject *size = NULL, *count = NULL;
    int r = -1;
    if (group == NULL && !MoErr_Occurred()) {
        size = MoLong_FromSsize_t((Mo_ssize_t)t->size);
        count = MoLong_FromLong(1);
    } else if (group != NULL) {
        size = MoLong_FromSsize_t(MoLong_AsSsize_t(MoTuple_GET_ITEM(group, 0)) + (Mo_ssize_t)t->size);
        count = MoLong_FromSsize_t(MoLong_AsSsize_t(MoTuple_GET_ITEM(group, 1)) + 1);
    }
    if (size != NULL && count != NULL) {
        MoObject *value = MoTuple_Pack(2, size, count);
        if (value != NULL) {
            r = MoDict_SetItem(groups, key, value);
            Mo_DECREF(value);
        }
    }
    Mo_XDECREF(size);
    Mo_XDECREF(count);
    Mo_DECREF(key);
    return r;
    /* END SOLUTION */
}

/* new: the list of (filename, lineno, size, count) made from groups. */
static MoObject *groups_to_list(MoObject *groups)
{
    MoObject *list = MoList_New(0);
    Mo_ssize_t pos = 0;
    MoObject *key, *value;
    while (list != NULL && MoDict_Next(groups, &pos, &key, &value)) {
        MoObject *row = Mo_BuildValue("(OOOO)", MoTuple_GET_ITEM(key, 0), MoTuple_GET_ITEM(key, 1),
                                      MoTuple_GET_ITEM(value, 0), MoTuple_GET_ITEM(value, 1));
        if (row == NULL || MoList_Append(list, row) < 0)
            Mo_CLEAR(list);
        Mo_XDECREF(row);
    }
    return list;
}

MoObject *Tracer_TakeSnapshot(void)
{
    if (!tracer.tracing) {
        MoErr_SetString(MoExc_RuntimeError, "the tracer must be tracing to take a snapshot");
        return NULL;
    }
    /* BEGIN SOLUTION */
    /* STUB: // TODO: group every trace by its line (group_add), untraced (busy). */
    tracer.busy++;
    /* END SOLUTION */
    MoObject *list = NULL, *groups = MoDict_New();
    int ok = groups != NULL;
    for (size_t i = 0; ok && i < table.nbuckets; i++)
        for (const trace *t = table.buckets[i]; ok && t != NULL; t = t->next)
            ok = group_add(groups, t) == 0;
    if (ok)
        list = groups_to_list(groups);
    Mo_XDECREF(groups);
    /* BEGIN SOLUTION */
    tracer.busy--;
    /* END SOLUTION */
    return list;
}
/* endregion snapshot */

/* ================================================================== the report */

typedef struct {
    const char *filename;
    long lineno;
    size_t size;
    Mo_ssize_t count;
} row;

/* region compare_rows */
/* qsort's order for the report: tracemalloc's key (size, count, traceback), largest
   first. */
static int compare_rows(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    /* BEGIN SOLUTION */
    /* STUB: (void)a; (void)b; */
    /* STUB: return 0; */
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    int c = strcmp(a->filename, b->filename);
    if (c != 0)
        return -c;
    return a->lineno > b->lineno ? -1 : a->lineno < b->lineno;
    /* END SOLUTION */
}
/* endregion compare_rows */

/* new: "file:line: size=S, count=N, average=A", str() of a tracemalloc Statistic. */
static MoObject *format_row(const row *r)
{
    char size[32], average[32];
    _MoTraceMalloc_FormatSize(size, sizeof size, (double)r->size, 0);
    /* BEGIN SOLUTION */
    /* STUB: (void)average; */
    /* STUB: return MoUnicode_FromFormat("%s:%ld: size=%s", r->filename, r->lineno, size); */
    _MoTraceMalloc_FormatSize(average, sizeof average, (double)r->size / (double)r->count, 0);
    return MoUnicode_FromFormat("%s:%ld: size=%s, count=%zd, average=%s", r->filename, r->lineno, size, r->count,
                                average);
    /* END SOLUTION */
}

/* Read the snapshot's rows into rows[0..n). 0, or -1 with TypeError. */
static int read_rows(MoObject *snapshot, row *rows, Mo_ssize_t n)
{
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *t = MoList_GET_ITEM(snapshot, i);
        if (!MoTuple_Check(t) || MoTuple_GET_SIZE(t) != 4 || !MoUnicode_Check(MoTuple_GET_ITEM(t, 0))) {
            MoErr_SetString(MoExc_TypeError, "a snapshot row must be (filename, lineno, size, count)");
            return -1;
        }
        rows[i].filename = MoUnicode_AsUTF8(MoTuple_GET_ITEM(t, 0));
        rows[i].lineno = MoLong_AsLong(MoTuple_GET_ITEM(t, 1));
        rows[i].size = (size_t)MoLong_AsSsize_t(MoTuple_GET_ITEM(t, 2));
        rows[i].count = MoLong_AsSsize_t(MoTuple_GET_ITEM(t, 3));
        if (rows[i].filename == NULL || MoErr_Occurred())
            return -1;
    }
    return 0;
}

MoObject *Tracer_Top(MoObject *snapshot, Mo_ssize_t n)
{
    if (!MoList_Check(snapshot)) {
        MoErr_SetString(MoExc_TypeError, "snapshot must be a list");
        return NULL;
    }
    Mo_ssize_t len = MoList_GET_SIZE(snapshot);
    row *rows = MoMem_New(row, len > 0 ? len : 1);
    if (rows == NULL)
        return MoErr_NoMemory();
    MoObject *top = NULL;
    if (read_rows(snapshot, rows, len) == 0) {
        qsort(rows, (size_t)len, sizeof *rows, compare_rows);
        top = MoList_New(0);
        for (Mo_ssize_t i = 0; top != NULL && i < n && i < len; i++) {
            MoObject *line = format_row(&rows[i]);
            if (line == NULL || MoList_Append(top, line) < 0)
                Mo_CLEAR(top);
            Mo_XDECREF(line);
        }
    }
    MoMem_Free(rows);
    return top;
}
