/* The debug hooks (CPython's PYTHONMALLOC=debug): guard bytes around every
 * block, fill patterns, the API that made it and a serial number, all checked
 * whenever the block is freed or resized.
 *
 * MoMem_SetupDebugHooks wraps each domain's current allocator (once: calling it
 * again changes nothing). A request for n bytes asks the wrapped allocator for
 * n + 4*S bytes (S = 8) laid out so:
 *
 *   p-2S  n, big-endian
 *   p-S   the API id: 'r' (MoMem_Raw*), 'm' (MoMem_*) or 'o' (MoObject_*)
 *   p-S+1 S-1 forbidden bytes, 0xFD
 *   p     the n bytes handed out: 0xCD ("clean") until the caller writes them
 *   p+n   S forbidden bytes, 0xFD
 *   p+n+S the serial number: this block was made by the how-many-th call to a
 *         debug malloc or realloc (CPython's PYMEM_DEBUG_SERIALNO), big-endian
 *
 * On free the n bytes become 0xDD ("dead") and the leading pad bytes get the
 * freed mark: 0xDD at p-S+1, then n in the last 6 bytes (the size at p-2S is
 * where the wrapped allocator may keep its free-list link).
 *
 * Checks, in this order, at free and realloc (check_block):
 *   the freed mark          -> "double free" (said with "use after free" when
 *                              the dead bytes were written since);
 *   the API id              -> "bad ID: Allocated using API 'm', verified using API 'o'";
 *   the leading pad bytes   -> "bad leading pad byte" (a write before the block);
 *   the trailing pad bytes  -> "bad trailing pad byte" (a write past its end).
 * And at malloc (check_reused_block): when the wrapped allocator hands back the
 * block freed last, before anything else was allocated, its dead bytes must be
 * intact, else "use after free".
 *
 * An error stops the program (Mo_FatalError) after a dump of the block in
 * CPython's format and, when the tracer is on, where the block was allocated.
 * The last line names the call that found it ("Fatal Mo error: MoMem_Free: bad
 * trailing pad byte"), where CPython names its hook (_PyMem_DebugRawFree).
 *
 * The freed mark outlives the free only while the wrapped allocator leaves the
 * block's first 16 bytes alone after its first 8: the pools do (their link is
 * the first word); glibc's tcache does not (its key is the second word), so a
 * raw block freed twice may be reported as a bad ID, or by glibc itself.
 *
 * Under valgrind the pad bytes are no-access while the block is live (memcheck
 * reports a write past the end at once, with its stack) and the fresh bytes are
 * undefined although they hold 0xCD; the checks make the pads readable first.
 *
 * Start reading at debug_alloc and debug_free.
 */
#include <string.h>
#include <valgrind/memcheck.h>
#include "internal.h"
#include "tracemalloc_internal.h"

#define SST 8                           /* sizeof(size_t) */
#define CLEANBYTE 0xCD
#define DEADBYTE 0xDD
#define FORBIDDENBYTE 0xFD
#define EXTRA_BYTES (4 * SST)           /* 2S before, S after, S serial */
#define ERASED_SIZE 64                  /* bytes a realloc kills at each end */

typedef struct {
    char id;                            /* 'r', 'm', 'o' */
    const char *prefix;                 /* the API's function prefix, for messages */
    MoMemAllocatorEx wrapped;
} debug_api;

static debug_api debug_apis[3] = {
    [MOMEM_DOMAIN_RAW] = { 'r', "MoMem_Raw", { 0 } },
    [MOMEM_DOMAIN_MEM] = { 'm', "MoMem_", { 0 } },
    [MOMEM_DOMAIN_OBJ] = { 'o', "MoObject_", { 0 } },
};

static size_t serialno;                 /* debug mallocs and reallocs so far */
static int on_valgrind;

/* The block freed last, while nothing has been allocated since. */
static struct {
    uint8_t *data;
    size_t nbytes;
} last_freed;

/* ================================================================ the bytes */

static void write_be(uint8_t *p, size_t v, int nbytes)
{
    for (int i = nbytes - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static size_t read_be(const uint8_t *p, int nbytes)
{
    size_t v = 0;
    for (int i = 0; i < nbytes; i++)
        v = v << 8 | p[i];
    return v;
}

/* The header and trailer of a live block of nbytes at data. */
static void write_guards(const debug_api *api, uint8_t *data, size_t nbytes, size_t serial)
{
    write_be(data - 2 * SST, nbytes, SST);
    data[-SST] = (uint8_t)api->id;
    memset(data - SST + 1, FORBIDDENBYTE, SST - 1);
    memset(data + nbytes, FORBIDDENBYTE, SST);
    write_be(data + nbytes + SST, serial, SST);
}

/* The freed mark: 0xDD, then the size in 6 bytes. */
static void write_freed_mark(uint8_t *data, size_t nbytes)
{
    data[-SST + 1] = DEADBYTE;
    write_be(data - SST + 2, nbytes, SST - 2);
}

static int is_api_id(uint8_t c)
{
    return c == 'r' || c == 'm' || c == 'o';
}

static int has_freed_mark(const uint8_t *data)
{
    return data[-SST + 1] == DEADBYTE;
}

static size_t freed_size(const uint8_t *data)
{
    return read_be(data - SST + 2, SST - 2);
}

/* Bytes of data[0..n) that are no longer dead: all of them, or (edges_only,
   as a realloc leaves a block it moved away from) the first and the last
   ERASED_SIZE. *first gets the offset of the first such byte. */
static size_t count_revived(const uint8_t *data, size_t n, int edges_only, size_t *first)
{
    size_t count = 0;
    *first = n;
    for (size_t i = 0; i < n; i++) {
        if (edges_only && i == ERASED_SIZE && n > 2 * ERASED_SIZE)
            i = n - ERASED_SIZE;
        if (data[i] != DEADBYTE) {
            if (count++ == 0)
                *first = i;
        }
    }
    return count;
}

/* ------------------------------------------------ valgrind: the pad bytes */

static void header_open(uint8_t *data)
{
    if (on_valgrind)
        VALGRIND_MAKE_MEM_DEFINED(data - 2 * SST, 2 * SST);
}

static void trailer_open(uint8_t *data, size_t nbytes)
{
    if (on_valgrind)
        VALGRIND_MAKE_MEM_DEFINED(data + nbytes, 2 * SST);
}

/* A live block: the pads no-access, and fresh bytes (from first on) undefined
   for memcheck although they hold 0xCD. */
static void guards_close(uint8_t *data, size_t nbytes, size_t fresh_from)
{
    if (!on_valgrind)
        return;
    VALGRIND_MAKE_MEM_NOACCESS(data - 2 * SST, 2 * SST);
    VALGRIND_MAKE_MEM_NOACCESS(data + nbytes, 2 * SST);
    if (fresh_from < nbytes)
        VALGRIND_MAKE_MEM_UNDEFINED(data + fresh_from, nbytes - fresh_from);
}

/* ============================================================ the reports */

static void dump_pads(const char *what, const uint8_t *at, int n, int from, int step)
{
    int ok = 1;
    for (int i = 0; i < n; i++)
        ok &= at[i] == FORBIDDENBYTE;
    if (ok) {
        fputs("FORBIDDENBYTE, as expected.\n", stderr);
        return;
    }
    fprintf(stderr, "not all FORBIDDENBYTE (0x%02x):\n", FORBIDDENBYTE);
    for (int i = 0; i < n; i++) {
        fprintf(stderr, "        at %s%c%d: 0x%02x%s\n", what, step < 0 ? '-' : '+', from + step * i, at[i],
                at[i] == FORBIDDENBYTE ? "" : " *** OUCH");
    }
}

/* region debug_dump */
/* The block at data, as CPython's _PyObject_DebugDumpAddress shows it: the API,
   the size, both pads, the serial number and the first and last 8 data bytes;
   for a freed block, its freed mark and whether its dead bytes were written. */
static void dump_block(uint8_t *data, int fresh_check_all)
{
    int freed = has_freed_mark(data);
    size_t nbytes = freed ? freed_size(data) : read_be(data - 2 * SST, SST);
    fprintf(stderr, "Debug memory block at address p=%p: API '%c'%s\n", (void *)data, data[-SST],
            freed ? " (freed)" : "");
    fprintf(stderr, "    %zu bytes originally requested\n", nbytes);
    fprintf(stderr, "    The %d pad bytes at p-%d are ", SST - 1, SST - 1);
    int sane = 1;
    if (freed) {
        fprintf(stderr, "the freed mark (0x%02x and the size): the block was freed.\n", DEADBYTE);
    }
    else {
        dump_pads("p", data - SST + 1, SST - 1, SST - 1, -1);
        for (int i = 1; i < SST; i++)
            sane &= data[-i] == FORBIDDENBYTE;
        if (!sane)
            fputs("    Because memory is corrupted at the start, the count of bytes requested\n"
                  "       may be bogus, and checking the trailing pad bytes may segfault.\n",
                  stderr);
    }
    if (nbytes > ((size_t)1 << 40)) {
        fputs("    The size is not believable: the trailing pad bytes are not read.\n\n", stderr);
        return;
    }
    uint8_t *tail = data + nbytes;
    if (on_valgrind) {
        VALGRIND_MAKE_MEM_DEFINED(data, nbytes);
        VALGRIND_MAKE_MEM_DEFINED(tail, 2 * SST);
    }
    fprintf(stderr, "    The %d pad bytes at tail=%p are ", SST, (void *)tail);
    dump_pads("tail", tail, SST, 0, 1);
    fprintf(stderr, "    The block was made by call #%zu to debug malloc/realloc.\n", read_be(tail + SST, SST));
    if (nbytes > 0) {
        fputs("    Data at p:", stderr);
        for (size_t i = 0; i < nbytes; i++) {
            if (i == 8 && nbytes > 16) {
                fputs(" ...", stderr);
                i = nbytes - 8;
            }
            fprintf(stderr, " %02x", data[i]);
        }
        fputc('\n', stderr);
    }
    if (freed) {
        size_t first;
        size_t revived = count_revived(data, nbytes, !fresh_check_all, &first);
        if (revived == 0)
            fprintf(stderr, "    The data is DEADBYTE (0x%02x), as the free left it.\n", DEADBYTE);
        else
            fprintf(stderr, "    %zu byte%s no longer DEADBYTE (0x%02x), the first at p+%zu: "
                    "written after the free.\n", revived, revived == 1 ? " is" : "s are", DEADBYTE, first);
    }
    fputc('\n', stderr);
    fflush(stderr);
}
/* endregion debug_dump */

/* Dump the block, say where it was allocated, and stop:
   "Fatal Mo error: MoMem_Free: bad trailing pad byte". */
static _Noreturn void debug_fatal(const debug_api *api, const char *op, uint8_t *data, int check_all,
                                  const char *what)
{
    fflush(stdout);
    dump_block(data, check_all);
    _MoTraceMalloc_DumpTraceback(stderr, data);
    char msg[200];
    snprintf(msg, sizeof msg, "%s%s: %s", api->prefix, op, what);
    Mo_FatalError(msg);
}

/* ============================================================= the checks */

/* region debug_check_block */
/* The block at data, about to be freed or resized through api, must be live,
   made through the same API, with both pads intact; otherwise stop. Leaves the
   header and trailer readable; returns the block's size. */
static size_t check_block(const debug_api *api, const char *op, uint8_t *data)
{
    header_open(data);
    if (has_freed_mark(data)) {
        size_t n = freed_size(data), first;
        if (on_valgrind)
            VALGRIND_MAKE_MEM_DEFINED(data, n);
        if (count_revived(data, n, 1, &first) != 0)
            debug_fatal(api, op, data, 0, "double free, and the freed block was written to (use after free)");
        debug_fatal(api, op, data, 0, "double free (the block was already freed)");
    }
    if (data[-SST] != (uint8_t)api->id) {
        char what[80];
        snprintf(what, sizeof what, "bad ID: Allocated using API '%c', verified using API '%c'", data[-SST],
                 api->id);
        debug_fatal(api, op, data, 0, what);
    }
    for (int i = SST - 1; i >= 1; i--)
        if (data[-i] != FORBIDDENBYTE)
            debug_fatal(api, op, data, 0, "bad leading pad byte");
    size_t nbytes = read_be(data - 2 * SST, SST);
    trailer_open(data, nbytes);
    for (int i = 0; i < SST; i++)
        if (data[nbytes + i] != FORBIDDENBYTE)
            debug_fatal(api, op, data, 0, "bad trailing pad byte");
    return nbytes;
}
/* endregion debug_check_block */

/* The wrapped allocator has just handed out the block at data for nbytes. If
   it is the block freed last (nothing was allocated in between) and its freed
   mark survived, no one may have written its dead bytes since the free: the
   only writer can be the program, through a pointer it should have dropped.
   (Checked only when the new block covers the old one, so that the wrapped
   allocator's own bookkeeping cannot be mistaken for a write; and not under
   valgrind, which reports the write itself.) */
static void check_reused_block(const debug_api *api, uint8_t *data, size_t nbytes)
{
    int reused = data == last_freed.data && nbytes >= last_freed.nbytes;
    size_t old = last_freed.nbytes;
    last_freed.data = NULL;
    if (!reused || on_valgrind)
        return;
    if (!has_freed_mark(data) || freed_size(data) != old || !is_api_id(data[-SST]))
        return;
    size_t first;
    if (count_revived(data, old, 0, &first) != 0)
        debug_fatal(api, "Malloc", data, 1, "use after free: the block freed last was written to before it was "
                                            "allocated again");
}

/* ======================================================== the four calls */

/* region debug_alloc */
static void *debug_alloc(debug_api *api, int zero, size_t nbytes)
{
    if (nbytes > (size_t)MO_SSIZE_T_MAX - EXTRA_BYTES)
        return NULL;
    size_t total = nbytes + EXTRA_BYTES;
    uint8_t *head = zero ? api->wrapped.calloc(api->wrapped.ctx, 1, total)
                         : api->wrapped.malloc(api->wrapped.ctx, total);
    if (head == NULL)
        return NULL;
    uint8_t *data = head + 2 * SST;
    if (zero)
        last_freed.data = NULL;
    else
        check_reused_block(api, data, nbytes);
    write_guards(api, data, nbytes, ++serialno);
    if (!zero)
        memset(data, CLEANBYTE, nbytes);
    guards_close(data, nbytes, zero ? nbytes : 0);
    return data;
}
/* endregion debug_alloc */

/* region debug_free */
static void debug_free(void *ctx, void *p)
{
    debug_api *api = ctx;
    if (p == NULL)
        return;
    uint8_t *data = p;
    size_t nbytes = check_block(api, "Free", data);
    memset(data, DEADBYTE, nbytes);
    write_freed_mark(data, nbytes);
    last_freed.data = data;
    last_freed.nbytes = nbytes;
    api->wrapped.free(api->wrapped.ctx, data - 2 * SST);
}
/* endregion debug_free */

/* region debug_realloc */
/* As CPython's: before the wrapped realloc, the header, the trailer and up to
   ERASED_SIZE bytes at each end of the data are killed (saved first), so that a
   block it moves away from looks freed; then the header and trailer are
   written at the new place and the saved bytes put back. A grown part is
   clean (0xCD). */
static void *debug_realloc(void *ctx, void *p, size_t nbytes)
{
    debug_api *api = ctx;
    if (p == NULL)
        return debug_alloc(api, 0, nbytes);
    last_freed.data = NULL;
    uint8_t *data = p;
    size_t old = check_block(api, "Realloc", data);
    if (nbytes > (size_t)MO_SSIZE_T_MAX - EXTRA_BYTES) {
        guards_close(data, old, old);
        return NULL;
    }
    size_t serial = read_be(data + old + SST, SST);

    uint8_t save[2 * ERASED_SIZE];
    size_t head_part = old <= 2 * ERASED_SIZE ? old : ERASED_SIZE;
    size_t tail_part = old <= 2 * ERASED_SIZE ? 0 : ERASED_SIZE;
    memcpy(save, data, head_part);
    memset(data, DEADBYTE, head_part);
    memcpy(save + ERASED_SIZE, data + old - tail_part, tail_part);
    memset(data + old - tail_part, DEADBYTE, tail_part);
    write_freed_mark(data, old);

    uint8_t *r = api->wrapped.realloc(api->wrapped.ctx, data - 2 * SST, nbytes + EXTRA_BYTES);
    if (r == NULL)
        nbytes = old;           /* the old block stays: put it back as it was */
    else
        data = r + 2 * SST, serial = ++serialno;
    write_guards(api, data, nbytes, serial);
    memcpy(data, save, head_part < nbytes ? head_part : nbytes);
    if (tail_part != 0 && nbytes > old - tail_part) {
        size_t n = nbytes - (old - tail_part);
        memcpy(data + old - tail_part, save + ERASED_SIZE, n < tail_part ? n : tail_part);
    }
    if (nbytes > old)
        memset(data + old, CLEANBYTE, nbytes - old);
    guards_close(data, nbytes, old);
    return r == NULL ? NULL : data;
}
/* endregion debug_realloc */

static void *debug_malloc(void *ctx, size_t nbytes)
{
    return debug_alloc(ctx, 0, nbytes);
}

static void *debug_calloc(void *ctx, size_t nelem, size_t elsize)
{
    if (elsize != 0 && nelem > (size_t)MO_SSIZE_T_MAX / elsize)
        return NULL;
    return debug_alloc(ctx, 1, nelem * elsize);
}

/* ================================================================ setup */

void MoMem_SetupDebugHooks(void)
{
    on_valgrind = RUNNING_ON_VALGRIND ? 1 : 0;
    for (int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ; d++) {
        MoMemAllocatorEx current;
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &current);
        if (current.malloc == debug_malloc)
            continue;           /* already installed */
        debug_apis[d].wrapped = current;
        MoMemAllocatorEx hook = { &debug_apis[d], debug_malloc, debug_calloc, debug_realloc, debug_free };
        MoMem_SetAllocator((MoMemAllocatorDomain)d, &hook);
    }
}

/* region debug_block_bytes */
size_t _MoMem_DebugBlockBytes(const void *p, unsigned char *out, size_t cap)
{
    if (debug_apis[MOMEM_DOMAIN_RAW].wrapped.malloc == NULL)
        return 0;               /* the hooks were never installed: p has no header */
    uint8_t *data = (uint8_t *)p;
    header_open(data);
    size_t nbytes = read_be(data - 2 * SST, SST), total = nbytes + EXTRA_BYTES;
    if (total > cap) {
        guards_close(data, nbytes, nbytes);
        return 0;
    }
    trailer_open(data, nbytes);
    memcpy(out, data - 2 * SST, total);
    if (on_valgrind)    /* a copy for printing: the fresh bytes are what they hold */
        VALGRIND_MAKE_MEM_DEFINED(out, total);
    guards_close(data, nbytes, nbytes);
    return total;
}
/* endregion debug_block_bytes */

size_t _MoMem_DebugSerialNumber(void)
{
    return serialno;
}

int _MoMem_DebugHookWraps(MoMemAllocatorDomain d, MoMemAllocatorEx *table)
{
    if (table->malloc != debug_malloc || table->ctx != &debug_apis[d])
        return 0;
    *table = debug_apis[d].wrapped;
    return 1;
}
