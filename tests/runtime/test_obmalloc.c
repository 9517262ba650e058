/* The small-object allocator (obmalloc.c) against CPython 3.11's pymalloc.
 *
 * The tests call the pools directly (_MoObject_Malloc and friends), below the
 * debug hooks that the debug build puts on the domains, so that a request's
 * size is its size class's, and read the numbers MoObject_DebugMallocStats
 * prints (_MoObject_GetMallocStats). Nothing else allocates while a test runs,
 * so every difference in the numbers is the test's own doing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"

#define POOLS_MALLOC(n) _MoObject_Malloc(NULL, (n))
#define POOLS_FREE(p) _MoObject_Free(NULL, (p))
#define POOLS_REALLOC(p, n) _MoObject_Realloc(NULL, (p), (n))
#define POOLS_CALLOC(k, n) _MoObject_Calloc(NULL, (k), (n))

static MoObmallocStats stats_now(void)
{
    MoObmallocStats st;
    _MoObject_GetMallocStats(&st);
    return st;
}

static size_t total_pools(const MoObmallocStats *st)
{
    size_t n = 0;
    for (size_t i = 0; i < st->nclasses; i++)
        n += st->pools[i];
    return n;
}

/* ---------------------------------------------------------------- layout */

/* 3.11 on 64-bit: 16-byte classes up to 512, 16 KiB pools with a 48-byte
   header, 1 MiB arenas; blocks per pool as sys._debugmallocstats() shows. */
START_TEST(layout_is_3_11s)
{
    MoObmallocStats st = stats_now();
    ck_assert_uint_eq(st.alignment, 16);
    ck_assert_uint_eq(st.small_request_threshold, 512);
    ck_assert_uint_eq(st.nclasses, 32);
    ck_assert_uint_eq(st.pool_size, 16384);
    ck_assert_uint_eq(st.pool_overhead, 48);
    ck_assert_uint_eq(st.arena_size, 1048576);
    static const struct { size_t size, blocks; } per_pool[] = {
        { 16, 1021 }, { 32, 510 }, { 48, 340 }, { 64, 255 }, { 80, 204 }, { 96, 170 },
        { 112, 145 }, { 128, 127 }, { 256, 63 }, { 496, 32 }, { 512, 31 },
    };
    for (size_t i = 0; i < sizeof per_pool / sizeof per_pool[0]; i++) {
        size_t c = per_pool[i].size / 16 - 1;
        ck_assert_uint_eq(st.block_size[c], per_pool[i].size);
        ck_assert_msg(st.blocks_per_pool[c] == per_pool[i].blocks, "class %zu: %zu blocks per pool, expected %zu",
                      c, st.blocks_per_pool[c], per_pool[i].blocks);
    }
}
END_TEST

/* Each request lands in the class of the next multiple of 16, and its block is
   16-byte aligned and inside an arena. */
START_TEST(requests_round_up_to_their_class)
{
    static const struct { size_t request, block; } rows[] = {
        { 1, 16 }, { 15, 16 }, { 16, 16 }, { 17, 32 }, { 32, 32 }, { 33, 48 }, { 100, 112 },
        { 255, 256 }, { 256, 256 }, { 257, 272 }, { 500, 512 }, { 511, 512 }, { 512, 512 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t c = rows[i].block / 16 - 1;
        MoObmallocStats before = stats_now();
        void *p = POOLS_MALLOC(rows[i].request);
        MoObmallocStats after = stats_now();
        ck_assert_ptr_nonnull(p);
        ck_assert_msg(after.blocks_in_use[c] == before.blocks_in_use[c] + 1,
                      "a request of %zu bytes did not land in the %zu-byte class", rows[i].request, rows[i].block);
        ck_assert_uint_eq((uintptr_t)p % 16, 0);
        ck_assert_int_eq(_MoObject_AddressInPools(p), 1);
        POOLS_FREE(p);
        ck_assert_uint_eq(stats_now().blocks_in_use[c], before.blocks_in_use[c]);
    }
}
END_TEST

/* 0 bytes and more than 512 go to the raw domain: distinct pointers, outside
   the arenas, counted as raw blocks until freed. */
START_TEST(zero_and_large_requests_go_to_raw)
{
    static const size_t requests[] = { 0, 0, 513, 1000, 100000 };
    enum { N = sizeof requests / sizeof requests[0] };
    MoObmallocStats before = stats_now();
    void *p[N];
    for (size_t i = 0; i < N; i++) {
        p[i] = POOLS_MALLOC(requests[i]);
        ck_assert_ptr_nonnull(p[i]);
        ck_assert_msg(!_MoObject_AddressInPools(p[i]), "a request of %zu bytes came from the pools", requests[i]);
    }
    ck_assert_ptr_ne(p[0], p[1]);
    MoObmallocStats during = stats_now();
    ck_assert_uint_eq(during.raw_blocks, before.raw_blocks + N);
    ck_assert_uint_eq(total_pools(&during), total_pools(&before));
    for (size_t i = 0; i < N; i++)
        POOLS_FREE(p[i]);
    ck_assert_uint_eq(stats_now().raw_blocks, before.raw_blocks);
    POOLS_FREE(NULL);   /* allowed, does nothing */
}
END_TEST

/* The pools serve the mem and obj domains; the raw domain is the C library's. */
START_TEST(mem_and_obj_domains_use_the_pools)
{
    void *m = MoMem_Malloc(40), *r = MoMem_RawMalloc(40);
    MoObject *f = MoFloat_FromDouble(2.5);
    MoObject *l = MoList_New(0);
    ck_assert_int_eq(_MoObject_AddressInPools(m), 1);
    ck_assert_int_eq(_MoObject_AddressInPools(f), 1);
    ck_assert_int_eq(_MoObject_AddressInPools(l), 1);
    ck_assert_int_eq(_MoObject_AddressInPools(r), 0);
    static int a_static;
    int on_the_stack;
    ck_assert_int_eq(_MoObject_AddressInPools(&a_static), 0);
    ck_assert_int_eq(_MoObject_AddressInPools(&on_the_stack), 0);
    ck_assert_int_eq(_MoObject_AddressInPools(NULL), 0);
    MoMem_Free(m);
    MoMem_RawFree(r);
    Mo_DECREF(f);
    Mo_DECREF(l);
}
END_TEST

/* -------------------------------------------------------- blocks and pools */

/* A pool's free list is LIFO: the block freed last comes back first. */
START_TEST(freed_blocks_are_reused_last_in_first_out)
{
    void *a = POOLS_MALLOC(40), *b = POOLS_MALLOC(40);
    POOLS_FREE(a);
    POOLS_FREE(b);
    void *c = POOLS_MALLOC(40), *d = POOLS_MALLOC(40);
    ck_assert_ptr_eq(c, b);
    ck_assert_ptr_eq(d, a);
    POOLS_FREE(d);
    void *e = POOLS_MALLOC(100);   /* another class: not that block */
    ck_assert_ptr_ne(e, d);
    void *f = POOLS_MALLOC(33);    /* 33 and 40 share the 48-byte class */
    ck_assert_ptr_eq(f, d);
    POOLS_FREE(c);
    POOLS_FREE(e);
    POOLS_FREE(f);
}
END_TEST

/* Pools in use, blocks in use and available blocks, as the stats count them,
   follow the allocations: filling the used pools of a class takes no new pool;
   then every 31 blocks of 512 bytes take one; freeing them all gives the new
   pools back to their arenas as empty (unused) pools. */
START_TEST(pool_counts_follow_allocations)
{
    enum { C = 31, PER_POOL = 31, NEW_POOLS = 3 };
    MoObmallocStats st0 = stats_now();
    size_t fill = st0.blocks_free[C];
    size_t n = fill + NEW_POOLS * PER_POOL;
    void **p = MoMem_RawMalloc(n * sizeof *p);
    for (size_t i = 0; i < fill; i++)
        p[i] = POOLS_MALLOC(512);
    MoObmallocStats st1 = stats_now();
    ck_assert_uint_eq(st1.pools[C], st0.pools[C]);
    ck_assert_uint_eq(st1.blocks_free[C], 0);
    ck_assert_uint_eq(st1.blocks_in_use[C], st0.blocks_in_use[C] + fill);

    for (size_t i = fill; i < n; i++)
        p[i] = POOLS_MALLOC(512);
    MoObmallocStats st2 = stats_now();
    ck_assert_uint_eq(st2.pools[C], st0.pools[C] + NEW_POOLS);
    ck_assert_uint_eq(st2.blocks_in_use[C], st0.blocks_in_use[C] + n);
    ck_assert_uint_eq(st2.blocks_free[C], 0);
    if (st2.arenas_current == st0.arenas_current)
        ck_assert_uint_eq(st2.unused_pools, st0.unused_pools - NEW_POOLS);

    for (size_t i = 0; i < n; i++)
        POOLS_FREE(p[i]);
    MoObmallocStats st3 = stats_now();
    ck_assert_uint_eq(st3.pools[C], st0.pools[C]);
    ck_assert_uint_eq(st3.blocks_in_use[C], st0.blocks_in_use[C]);
    ck_assert_uint_eq(st3.blocks_free[C], st0.blocks_free[C]);
    if (st3.arenas_current == st0.arenas_current)
        ck_assert_uint_eq(st3.unused_pools, st0.unused_pools);
    MoMem_RawFree(p);
}
END_TEST

/* --------------------------------------------------------------- arenas */

/* A million 64-byte blocks take some 62 arenas (CPython 3.11: 1e6 bytes(20)
   objects, 66 arenas). Freed, the arenas go back to the OS but one. */
START_TEST(empty_arenas_are_returned)
{
    size_t n = mt_under_valgrind() ? 100000 : 1000000;
    void **p = MoMem_RawMalloc(n * sizeof *p);
    MoObmallocStats st0 = stats_now();
    for (size_t i = 0; i < n; i++)
        p[i] = POOLS_MALLOC(64);
    MoObmallocStats st1 = stats_now();
    /* the class's used pools are filled first, then 255 blocks take a pool */
    size_t new_pools = (n - st0.blocks_free[3] + 254) / 255;
    ck_assert_uint_eq(st1.pools[3] - st0.pools[3], new_pools);
    /* the arenas' empty pools are used first, then 63 or 64 take an arena */
    size_t grown = st1.arenas_current - st0.arenas_current;
    size_t least = new_pools > st0.unused_pools ? (new_pools - st0.unused_pools) / 64 : 0;
    ck_assert_msg(grown >= least, "%zu blocks of 64 bytes took %zu new arenas, expected at least %zu",
                  n, grown, least);
    ck_assert_uint_eq(st1.arenas_allocated_total - st0.arenas_allocated_total, grown);
    ck_assert_uint_ge(st1.arenas_highwater, st1.arenas_current);
    for (size_t i = 0; i < n; i++)
        POOLS_FREE(p[i]);
    MoObmallocStats st2 = stats_now();
    size_t reclaimed = st2.arenas_reclaimed - st1.arenas_reclaimed;
    ck_assert_msg(reclaimed + 1 >= grown, "freeing every block reclaimed %zu of %zu arenas", reclaimed, grown);
    ck_assert_uint_le(st2.arenas_current, st0.arenas_current + 1);
    ck_assert_uint_eq(st2.arenas_highwater, st1.arenas_highwater);
    ck_assert_uint_eq(st2.arenas_allocated_total, st1.arenas_allocated_total);
    MoMem_RawFree(p);
}
END_TEST

/* -------------------------------------------------- realloc and calloc */

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
}

static int same(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7))
            return 0;
    return 1;
}

/* A block stays where it is while the new size fits its class and uses more
   than three quarters of it; otherwise it moves, to another class or across
   the 512-byte threshold to the raw domain (where it stays even when it
   shrinks again), keeping its data. */
START_TEST(realloc_moves_only_when_it_must)
{
    MoObmallocStats st0 = stats_now();
    unsigned char *p = POOLS_MALLOC(100);   /* the 112-byte class */
    fill(p, 100, 1);
    ck_assert_ptr_eq(POOLS_REALLOC(p, 112), p);
    ck_assert_ptr_eq(POOLS_REALLOC(p, 85), p);        /* 4 * 85 > 3 * 112 */
    unsigned char *q = POOLS_REALLOC(p, 84);          /* 4 * 84 = 3 * 112: moves to 96 */
    ck_assert_ptr_ne(q, p);
    ck_assert_int_eq(_MoObject_AddressInPools(q), 1);
    ck_assert(same(q, 84, 1));

    unsigned char *r = POOLS_REALLOC(q, 1000);        /* across the threshold */
    ck_assert_int_eq(_MoObject_AddressInPools(r), 0);
    ck_assert(same(r, 84, 1));
    ck_assert_uint_eq(stats_now().raw_blocks, st0.raw_blocks + 1);
    fill(r, 1000, 2);
    unsigned char *s = POOLS_REALLOC(r, 50);          /* back under: stays raw */
    ck_assert_int_eq(_MoObject_AddressInPools(s), 0);
    ck_assert(same(s, 50, 2));
    POOLS_FREE(s);

    unsigned char *t = POOLS_REALLOC(NULL, 10);       /* realloc(NULL) is malloc */
    ck_assert_int_eq(_MoObject_AddressInPools(t), 1);
    POOLS_FREE(t);
    MoObmallocStats st1 = stats_now();
    ck_assert_uint_eq(st1.raw_blocks, st0.raw_blocks);
    for (size_t c = 0; c < st1.nclasses; c++)
        ck_assert_uint_eq(st1.blocks_in_use[c], st0.blocks_in_use[c]);
}
END_TEST

/* calloc zeroes a reused (dirty) block, refuses a size that overflows, and
   sends 0 bytes to the raw domain like malloc. */
START_TEST(calloc_zeroes_and_checks_overflow)
{
    unsigned char *p = POOLS_MALLOC(48);
    memset(p, 0xAB, 48);
    POOLS_FREE(p);
    unsigned char *q = POOLS_CALLOC(6, 8);
    ck_assert_ptr_eq(q, p);
    for (size_t i = 0; i < 48; i++)
        ck_assert_uint_eq(q[i], 0);
    POOLS_FREE(q);
    ck_assert_ptr_null(POOLS_CALLOC(SIZE_MAX / 2, 4));
    void *z = POOLS_CALLOC(0, 5);
    ck_assert_ptr_nonnull(z);
    ck_assert_int_eq(_MoObject_AddressInPools(z), 0);
    POOLS_FREE(z);
}
END_TEST

/* --------------------------------------------------------- random churn */

/* The pools' class for a block: what the allocator's rules say it must be
   (RAW: the raw domain's). */
enum { RAW = -1 };

static int class_of_request(size_t n)
{
    return n >= 1 && n <= 512 ? (int)((n - 1) / 16) : RAW;
}

static int class_after_realloc(int cls, size_t n)
{
    if (cls == RAW)
        return RAW;                      /* a raw block stays raw */
    size_t size = (size_t)(cls + 1) * 16;
    if (n <= size && 4 * n > 3 * size)
        return cls;                      /* kept in place */
    return class_of_request(n);
}

static uint64_t churn_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* Random mallocs, reallocs and frees of 0..600 bytes over 2,000 slots. Every
   so often the pools validate (_MoObject_ValidatePools walks every arena, pool
   and free list) and the stats agree with a model of where each live block
   must be, block for block; each block keeps the bytes written into it. */
START_TEST(random_churn_keeps_the_invariants)
{
    enum { SLOTS = 2000 };
    long rounds = mt_under_valgrind() ? 20000 : 400000;
    static unsigned char *p[SLOTS];
    static size_t len[SLOTS];
    static int cls[SLOTS];
    memset(p, 0, sizeof p);
    MoObmallocStats st0 = stats_now();
    uint64_t rng = 0x1234567;
    for (long i = 1; i <= rounds; i++) {
        uint64_t r = churn_random(&rng);
        size_t s = (size_t)(r % SLOTS), n = (size_t)((r >> 20) % 601);
        if (p[s] != NULL) {
            ck_assert(same(p[s], len[s] < 8 ? len[s] : 8, (unsigned)s));
            if ((r >> 40) % 3 == 0) {
                p[s] = POOLS_REALLOC(p[s], n);
                cls[s] = class_after_realloc(cls[s], n);
                fill(p[s], n < 8 ? n : 8, (unsigned)s);
                len[s] = n;
            }
            else {
                POOLS_FREE(p[s]);
                p[s] = NULL;
            }
        }
        else {
            p[s] = POOLS_MALLOC(n);
            cls[s] = class_of_request(n);
            len[s] = n;
            fill(p[s], n < 8 ? n : 8, (unsigned)s);
        }
        ck_assert_int_eq(_MoObject_AddressInPools(p[s]), p[s] != NULL && cls[s] != RAW);
        if (i % (rounds / 8) == 0) {
            _MoObject_ValidatePools();
            size_t in_class[64] = { 0 }, raw = 0;
            for (size_t k = 0; k < SLOTS; k++)
                if (p[k] != NULL && cls[k] == RAW)
                    raw++;
                else if (p[k] != NULL)
                    in_class[cls[k]]++;
            MoObmallocStats st = stats_now();
            ck_assert_uint_eq(st.raw_blocks, st0.raw_blocks + raw);
            for (size_t c = 0; c < st.nclasses; c++)
                ck_assert_msg(st.blocks_in_use[c] == st0.blocks_in_use[c] + in_class[c],
                              "class %zu: %zu blocks in use, the model says %zu", c, st.blocks_in_use[c],
                              st0.blocks_in_use[c] + in_class[c]);
        }
    }
    for (size_t k = 0; k < SLOTS; k++)
        POOLS_FREE(p[k]);
    _MoObject_ValidatePools();
    MoObmallocStats st1 = stats_now();
    ck_assert_uint_eq(st1.raw_blocks, st0.raw_blocks);
    for (size_t c = 0; c < st1.nclasses; c++)
        ck_assert_uint_eq(st1.blocks_in_use[c], st0.blocks_in_use[c]);
}
END_TEST

/* The validator notices a pool whose count no longer matches its free list
   (checked in a child, which it stops). */
START_TEST(validator_names_a_broken_pool)
{
    if (mt_under_valgrind())
        return;   /* the child's abort would be valgrind's noise */
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        void *b = POOLS_MALLOC(24);
        unsigned int *count = (unsigned int *)((uintptr_t)b & ~(uintptr_t)16383);   /* the pool header */
        ++*count;
        _MoObject_ValidatePools();
        _exit(0);
    }
    close(fds[1]);
    char buf[512];
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    buf[n > 0 ? n : 0] = '\0';
    int status;
    waitpid(pid, &status, 0);
    ck_assert_msg(WIFSIGNALED(status), "the child was not stopped: %s", buf);
    ck_assert_msg(strstr(buf, "obmalloc: a pool's free list and its count disagree") != NULL, "%s", buf);
}
END_TEST

/* ---------------------------------------------------------- the report */

/* One "label = value" line of the report: label padded to 35 columns, then
   '=', then the value with thousands commas right-aligned in 21 columns. */
static size_t report_value(const char *line, const char *label)
{
    size_t len = strlen(label);
    ck_assert_msg(strlen(line) == 57 && line[35] == '=', "badly formatted line: \"%s\"", line);
    ck_assert_msg(strncmp(line, label, len) == 0, "expected \"%s\", got \"%s\"", label, line);
    for (size_t i = len; i < 35; i++)
        ck_assert_msg(line[i] == ' ', "expected padding in \"%s\"", line);
    size_t v = 0;
    for (const char *c = line + 36; *c; c++)
        if (*c >= '0' && *c <= '9')
            v = v * 10 + (size_t)(*c - '0');
    char check[32];
    int n = snprintf(check, sizeof check, "%zu", v);
    ck_assert_msg(line[56] == check[n - 1] && (v < 1000 || strchr(line + 36, ',') != NULL),
                  "value not right-aligned with commas: \"%s\"", line);
    return v;
}

static char **report_lines(size_t *nlines)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    MoObject_DebugMallocStats(f);
    fclose(f);
    char **lines = calloc(512, sizeof *lines);
    size_t n = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line && n < 511; line = strtok_r(NULL, "\n", &save))
        lines[n++] = strdup(line);
    free(text);
    *nlines = n;
    return lines;
}

/* The report is sys._debugmallocstats()'s pymalloc part, line for line: its
   header, a row per class in use (CPython's "%5u %6u %11zu %15zu %13zu"), the
   arena counts, where the arena bytes go (adding up to the arenas' total) and
   the arena map. The numbers are _MoObject_GetMallocStats's. */
START_TEST(debug_malloc_stats_report)
{
    void *keep = POOLS_MALLOC(300);   /* at least one row */
    MoObmallocStats st = stats_now();
    size_t n;
    char **lines = report_lines(&n);
    size_t i = 0;
    ck_assert_str_eq(lines[i++], "Small block threshold = 512, in 32 size classes.");
    ck_assert_str_eq(lines[i++], "class   size   num pools   blocks in use  avail blocks");
    ck_assert_str_eq(lines[i++], "-----   ----   ---------   -------------  ------------");
    size_t rows = 0, allocated = 0;
    for (size_t c = 0; c < st.nclasses; c++) {
        if (st.pools[c] == 0)
            continue;
        char want[80];
        snprintf(want, sizeof want, "%5zu %6zu %11zu %15zu %13zu", c, st.block_size[c], st.pools[c],
                 st.blocks_in_use[c], st.blocks_free[c]);
        ck_assert_str_eq(lines[i++], want);
        ck_assert_uint_eq(st.blocks_in_use[c] + st.blocks_free[c], st.pools[c] * st.blocks_per_pool[c]);
        allocated += st.blocks_in_use[c] * st.block_size[c];
        rows++;
    }
    ck_assert_uint_ge(rows, 1);
    ck_assert_uint_eq(report_value(lines[i++], "# arenas allocated total"), st.arenas_allocated_total);
    ck_assert_uint_eq(report_value(lines[i++], "# arenas reclaimed"), st.arenas_reclaimed);
    ck_assert_uint_eq(report_value(lines[i++], "# arenas highwater mark"), st.arenas_highwater);
    ck_assert_uint_eq(report_value(lines[i++], "# arenas allocated current"), st.arenas_current);
    char label[64];
    snprintf(label, sizeof label, "%zu arenas * 1048576 bytes/arena", st.arenas_current);
    size_t arena_bytes = report_value(lines[i++], label);
    ck_assert_uint_eq(arena_bytes, st.arenas_current * 1048576);
    ck_assert_uint_eq(report_value(lines[i++], "# bytes in allocated blocks"), allocated);
    size_t total = allocated;
    total += report_value(lines[i++], "# bytes in available blocks");
    snprintf(label, sizeof label, "%zu unused pools * 16384 bytes", st.unused_pools);
    total += report_value(lines[i++], label);
    total += report_value(lines[i++], "# bytes lost to pool headers");
    total += report_value(lines[i++], "# bytes lost to quantization");
    size_t alignment = report_value(lines[i++], "# bytes lost to arena alignment");
    ck_assert_uint_eq(alignment, st.arena_alignment_bytes);
    ck_assert_uint_eq(alignment % 16384, 0);
    total += alignment;
    ck_assert_uint_eq(report_value(lines[i++], "Total"), total);
    ck_assert_uint_eq(total, arena_bytes);   /* every byte of every arena accounted for */
    ck_assert_str_eq(lines[i++], "arena map counts");
    ck_assert_uint_eq(report_value(lines[i++], "# arena map mid nodes"), st.arena_map_mid_nodes);
    ck_assert_uint_eq(report_value(lines[i++], "# arena map bot nodes"), st.arena_map_bot_nodes);
    ck_assert_uint_eq(report_value(lines[i++], "# bytes lost to arena map root"), 262144);
    size_t mid = report_value(lines[i++], "# bytes lost to arena map mid");
    size_t bot = report_value(lines[i++], "# bytes lost to arena map bot");
    ck_assert_uint_eq(mid, 262144 * st.arena_map_mid_nodes);
    ck_assert_uint_eq(bot, 131072 * st.arena_map_bot_nodes);
    ck_assert_uint_eq(report_value(lines[i++], "Total"), 262144 + mid + bot);
    ck_assert_uint_eq(i, n);
    for (size_t k = 0; k < n; k++)
        free(lines[k]);
    free(lines);
    POOLS_FREE(keep);
}
END_TEST

/* The pre-3.10 layout, from a second copy of obmalloc.c built with other
   constants (obmalloc_pre310.c). */
void obmalloc_pre310_add_tests(TCase *tc);

Suite *obmalloc_suite(void)
{
    Suite *s = suite_create("obmalloc");
    TCase *tc = mt_tcase("classes");
    tcase_add_test(tc, layout_is_3_11s);
    tcase_add_test(tc, requests_round_up_to_their_class);
    tcase_add_test(tc, zero_and_large_requests_go_to_raw);
    tcase_add_test(tc, mem_and_obj_domains_use_the_pools);
    suite_add_tcase(s, tc);
    tc = mt_tcase("pools");
    tcase_add_test(tc, freed_blocks_are_reused_last_in_first_out);
    tcase_add_test(tc, pool_counts_follow_allocations);
    suite_add_tcase(s, tc);
    tc = mt_tcase("arenas");
    tcase_add_test(tc, empty_arenas_are_returned);
    suite_add_tcase(s, tc);
    tc = mt_tcase("realloc");
    tcase_add_test(tc, realloc_moves_only_when_it_must);
    tcase_add_test(tc, calloc_zeroes_and_checks_overflow);
    suite_add_tcase(s, tc);
    tc = mt_tcase("churn");
    tcase_add_test(tc, random_churn_keeps_the_invariants);
    tcase_add_test(tc, validator_names_a_broken_pool);
    suite_add_tcase(s, tc);
    tc = mt_tcase("stats");
    tcase_add_test(tc, debug_malloc_stats_report);
    suite_add_tcase(s, tc);
    tc = mt_tcase("pre310_layout");
    obmalloc_pre310_add_tests(tc);
    suite_add_tcase(s, tc);
    return s;
}
