/* The debug hooks (debughooks.c) against CPython 3.11's PYTHONMALLOC=debug.
 *
 * The debug build installs them at Mo_Initialize, so every MoMem_Raw*, MoMem_*
 * and MoObject_* block here carries them. The tests read the bytes around a
 * block (under valgrind those pads are no-access: guard_bytes makes them
 * readable first). The fatal errors are checked in child processes, one per
 * kind of error; tests/death/mem_*.c check the same through whole programs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/memcheck.h>
#include "testutil.h"

enum { S = 8 };

/* The block's 2*S header bytes before p and the 2*S after its n bytes, made
   readable for memcheck. */
static void guard_bytes(const unsigned char *p, size_t n)
{
    VALGRIND_MAKE_MEM_DEFINED(p - 2 * S, 2 * S);
    VALGRIND_MAKE_MEM_DEFINED(p + n, 2 * S);
}

static size_t big_endian(const unsigned char *p)
{
    size_t v = 0;
    for (int i = 0; i < S; i++)
        v = v << 8 | p[i];
    return v;
}

/* The layout of a live block of n bytes from API id, made by call #serial. */
static void assert_live_block(const unsigned char *p, size_t n, char id, size_t serial, const char *what)
{
    guard_bytes(p, n);
    ck_assert_msg(big_endian(p - 2 * S) == n, "%s: size field %zu, expected %zu", what, big_endian(p - 2 * S), n);
    ck_assert_msg(p[-S] == (unsigned char)id, "%s: API id '%c', expected '%c'", what, p[-S], id);
    for (int i = 1; i < S; i++)
        ck_assert_msg(p[-i] == 0xFD, "%s: leading pad p-%d is 0x%02x", what, i, p[-i]);
    for (int i = 0; i < S; i++)
        ck_assert_msg(p[n + i] == 0xFD, "%s: trailing pad tail+%d is 0x%02x", what, i, p[n + i]);
    if (serial != 0)
        ck_assert_msg(big_endian(p + n + S) == serial, "%s: serial %zu, expected %zu", what, big_endian(p + n + S),
                      serial);
}

/* ---------------------------------------------------------------- layout */

typedef struct {
    char id;
    void *(*malloc)(size_t);
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
} api_row;

static const api_row apis[] = {
    { 'r', MoMem_RawMalloc, MoMem_RawCalloc, MoMem_RawRealloc, MoMem_RawFree },
    { 'm', MoMem_Malloc, MoMem_Calloc, MoMem_Realloc, MoMem_Free },
    { 'o', MoObject_Malloc, MoObject_Calloc, MoObject_Realloc, MoObject_Free },
};

/* malloc(13) in each domain: the big-endian size, the API id, 7 x 0xFD, 13
   clean bytes 0xCD, 8 x 0xFD, then the serial number (CPython 3.11 measured:
   header 0000000000000010 6d fdfdfdfdfdfdfd for PyMem_Malloc(16)). */
START_TEST(malloc_layout)
{
    for (size_t a = 0; a < 3; a++) {
        unsigned char *p = apis[a].malloc(13);
        size_t serial = _MoMem_DebugSerialNumber();
        VALGRIND_MAKE_MEM_DEFINED(p, 13);
        for (int i = 0; i < 13; i++)
            ck_assert_msg(p[i] == 0xCD, "API '%c': byte %d of a fresh block is 0x%02x", apis[a].id, i, p[i]);
        assert_live_block(p, 13, apis[a].id, serial, "malloc(13)");
        ck_assert_uint_eq((uintptr_t)p % 16, 0);
        apis[a].free(p);
    }
}
END_TEST

/* calloc: zeroed data inside the same guards. */
START_TEST(calloc_layout)
{
    for (size_t a = 0; a < 3; a++) {
        unsigned char *p = apis[a].calloc(5, 3);
        for (int i = 0; i < 15; i++)
            ck_assert_uint_eq(p[i], 0);
        assert_live_block(p, 15, apis[a].id, _MoMem_DebugSerialNumber(), "calloc(5, 3)");
        apis[a].free(p);
    }
}
END_TEST

/* Every malloc and realloc takes the next serial number; a 0-byte block is a
   block too, with its pads. */
START_TEST(serial_numbers_count_calls)
{
    size_t s0 = _MoMem_DebugSerialNumber();
    unsigned char *a = MoMem_Malloc(0);
    unsigned char *b = MoObject_Malloc(1);
    assert_live_block(a, 0, 'm', s0 + 1, "malloc(0)");
    assert_live_block(b, 1, 'o', s0 + 2, "malloc(1)");
    unsigned char *c = MoMem_Realloc(a, 3);
    assert_live_block(c, 3, 'm', s0 + 3, "realloc(3)");
    ck_assert_uint_eq(_MoMem_DebugSerialNumber(), s0 + 3);
    MoMem_Free(c);
    MoObject_Free(b);
}
END_TEST

/* Objects carry the hooks too: the header before an object's memory says 'o'
   and the size the object asked for (the GC header counted). */
START_TEST(objects_are_wrapped)
{
    struct { MoObject *o; size_t presize, size; const char *what; } rows[] = {
        { MoFloat_FromDouble(1.5), 0, 24, "float" },
        { MoUnicode_FromString("abc"), 0, 52, "str 'abc' (48 + 3 + 1)" },
        { MoList_New(0), 16, 56, "[] (16-byte GC header + 40)" },
        { MoTuple_Pack(1, Mo_None), 16, 48, "(None,) (16 + 32)" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const unsigned char *mem = (const unsigned char *)rows[i].o - rows[i].presize;
        assert_live_block(mem, rows[i].size, 'o', 0, rows[i].what);
        Mo_DECREF(rows[i].o);
    }
}
END_TEST

/* -------------------------------------------------------- free and realloc */

/* A freed block's bytes are dead (0xDD) and its pads carry the freed mark
   (0xDD, then the size). Read in a block that stays mapped (the pools'), and
   not under valgrind, for which the freed block is no-access. */
START_TEST(freed_bytes_are_dead)
{
    if (mt_under_valgrind())
        return;
    unsigned char *p = MoMem_Malloc(40);
    memset(p, 'x', 40);
    MoMem_Free(p);
    for (int i = 0; i < 40; i++)
        ck_assert_msg(p[i] == 0xDD, "freed byte %d is 0x%02x", i, p[i]);
    ck_assert_uint_eq(p[-7], 0xDD);
    ck_assert_uint_eq(p[-1], 40);
    ck_assert_uint_eq(p[-8], 'm');
}
END_TEST

static void pattern(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 13 + 5);
}

static int has_pattern(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 13 + 5))
            return 0;
    return 1;
}

/* realloc keeps the data (small blocks, and large ones whose ends the hooks
   save and restore around the wrapped realloc), makes a grown part clean and
   moves the trailing pads to the new end. */
START_TEST(realloc_keeps_data_and_moves_the_guards)
{
    static const struct { size_t from, to; } rows[] = {
        { 10, 30 }, { 30, 5 }, { 100, 100 }, { 300, 600 }, { 600, 200 }, { 200, 5000 }, { 5000, 129 },
    };
    for (size_t a = 0; a < 3; a++) {
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            size_t from = rows[i].from, to = rows[i].to;
            unsigned char *p = apis[a].malloc(from);
            pattern(p, from);
            unsigned char *q = apis[a].realloc(p, to);
            size_t kept = from < to ? from : to;
            ck_assert_msg(has_pattern(q, kept), "API '%c': realloc %zu -> %zu lost data", apis[a].id, from, to);
            VALGRIND_MAKE_MEM_DEFINED(q, to);
            for (size_t k = kept; k < to; k++)
                ck_assert_msg(q[k] == 0xCD, "API '%c': grown byte %zu is 0x%02x", apis[a].id, k, q[k]);
            assert_live_block(q, to, apis[a].id, _MoMem_DebugSerialNumber(), "realloc");
            apis[a].free(q);
        }
    }
}
END_TEST

/* ------------------------------------------------------------- installing */

/* Installing twice changes nothing: each domain keeps its one hook. */
START_TEST(setup_is_idempotent)
{
    MoMemAllocatorEx before[3], after[3];
    for (int d = 0; d < 3; d++)
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &before[d]);
    MoMem_SetupDebugHooks();
    MoMem_SetupDebugHooks();
    for (int d = 0; d < 3; d++) {
        MoMem_GetAllocator((MoMemAllocatorDomain)d, &after[d]);
        ck_assert_msg(memcmp(&before[d], &after[d], sizeof before[d]) == 0, "domain %d changed", d);
    }
}
END_TEST

static size_t counted_mallocs, counted_frees, last_request;

static void *counting_malloc(void *ctx, size_t n)
{
    (void)ctx;
    counted_mallocs++;
    last_request = n;
    return malloc(n);
}
static void *counting_calloc(void *ctx, size_t k, size_t n)
{
    (void)ctx;
    counted_mallocs++;
    last_request = k * n;
    return calloc(k, n);
}
static void *counting_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    last_request = n;
    return realloc(p, n);
}
static void counting_free(void *ctx, void *p)
{
    (void)ctx;
    counted_frees++;
    free(p);
}

/* The hooks wrap whatever allocator a domain has when they are installed: a
   request of n bytes asks it for n + 32 (2*8 before, 8 after, 8 of serial). */
START_TEST(hooks_wrap_the_current_allocator)
{
    MoMemAllocatorEx counting = { NULL, counting_malloc, counting_calloc, counting_realloc, counting_free };
    MoMemAllocatorEx pools = { NULL, _MoObject_Malloc, _MoObject_Calloc, _MoObject_Realloc, _MoObject_Free };
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &counting);
    MoMem_SetupDebugHooks();
    counted_mallocs = counted_frees = 0;
    unsigned char *p = MoMem_Malloc(10);
    ck_assert_uint_eq(counted_mallocs, 1);
    ck_assert_uint_eq(last_request, 42);
    assert_live_block(p, 10, 'm', _MoMem_DebugSerialNumber(), "over a counting allocator");
    p = MoMem_Realloc(p, 100);
    ck_assert_uint_eq(last_request, 132);
    MoMem_Free(p);
    ck_assert_uint_eq(counted_frees, 1);
    /* back to the hooks over the pools, as Mo_Initialize left them */
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &pools);
    MoMem_SetupDebugHooks();
    p = MoMem_Malloc(10);
    ck_assert_uint_eq(counted_mallocs, 1);
    ck_assert_int_eq(_MoObject_AddressInPools(p), 1);
    MoMem_Free(p);
}
END_TEST

/* ---------------------------------------------------------- fatal errors */

typedef enum { WRITE_PAST_END, WRITE_BEFORE, WRONG_DOMAIN, DOUBLE_FREE, WRITE_AFTER_FREE, REALLOC_FREED } misuse;

/* In a child: misuse a block of 13 bytes from api; the child must die. */
static void misuse_block(const api_row *api, misuse how)
{
    unsigned char *p = api->malloc(13);
    switch (how) {
    case WRITE_PAST_END:
        p[13] = 0;
        api->free(p);
        break;
    case WRITE_BEFORE:
        p[-1] = 0;
        api->free(p);
        break;
    case WRONG_DOMAIN:
        (api->id == 'o' ? MoMem_Free : MoObject_Free)(p);
        break;
    case DOUBLE_FREE:
        api->free(p);
        api->free(p);
        break;
    case WRITE_AFTER_FREE:
        api->free(p);
        p[2] = 'x';
        (void)api->malloc(13);
        break;
    case REALLOC_FREED:
        api->free(p);
        (void)api->realloc(p, 20);
        break;
    }
}

/* Run misuse_block in a child; return its standard error and whether it died
   of SIGABRT. */
static char *run_misuse(const api_row *api, misuse how, int *aborted)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        misuse_block(api, how);
        _exit(0);
    }
    close(fds[1]);
    static char buf[8192];
    size_t len = 0;
    ssize_t got;
    while ((got = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)got;
    buf[len] = '\0';
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    *aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    return buf;
}

/* Each misuse, in each domain where it applies, stops the program with
   CPython's message (plus ours for what CPython does not catch) after a dump
   naming the block, its API, its size and its serial number. */
START_TEST(misuse_is_fatal)
{
    if (mt_under_valgrind())
        return;   /* the children's aborts would be valgrind's noise */
    static const struct { misuse how; const char *fatal; } rows[] = {
        { WRITE_PAST_END, "Free: bad trailing pad byte" },
        { WRITE_BEFORE, "Free: bad leading pad byte" },
        { WRONG_DOMAIN, "Free: bad ID: Allocated using API" },
        { DOUBLE_FREE, "Free: double free (the block was already freed)" },
        { WRITE_AFTER_FREE, "Malloc: use after free: the block freed last was written to" },
        { REALLOC_FREED, "Realloc: double free" },
    };
    static const char *const prefixes[] = { "MoMem_Raw", "MoMem_", "MoObject_" };
    for (size_t a = 0; a < 3; a++) {
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            if (apis[a].id == 'r' && rows[i].how >= DOUBLE_FREE)
                continue;   /* the C library's free list overwrites a freed block's header */
            int aborted;
            const char *err = run_misuse(&apis[a], rows[i].how, &aborted);
            char want[160];
            const char *prefix = rows[i].how == WRONG_DOMAIN ? (apis[a].id == 'o' ? "MoMem_" : "MoObject_")
                                                              : prefixes[a];
            snprintf(want, sizeof want, "Fatal Mo error: %s%s", prefix, rows[i].fatal);
            ck_assert_msg(aborted, "API '%c', misuse %d: the child did not abort:\n%s", apis[a].id, rows[i].how, err);
            ck_assert_msg(strstr(err, want) != NULL, "API '%c': expected \"%s\" in:\n%s", apis[a].id, want, err);
            char api_line[80];
            snprintf(api_line, sizeof api_line, ": API '%c'", apis[a].id);
            ck_assert_msg(strstr(err, "Debug memory block at address p=0x") != NULL && strstr(err, api_line) != NULL,
                          "no block dump in:\n%s", err);
            ck_assert_msg(strstr(err, "    13 bytes originally requested\n") != NULL, "no size in:\n%s", err);
            ck_assert_msg(strstr(err, "to debug malloc/realloc.\n") != NULL, "no serial number in:\n%s", err);
        }
    }
}
END_TEST

Suite *debughooks_suite(void)
{
    Suite *s = suite_create("debughooks");
    TCase *tc = mt_tcase("layout");
    tcase_add_test(tc, malloc_layout);
    tcase_add_test(tc, calloc_layout);
    tcase_add_test(tc, serial_numbers_count_calls);
    tcase_add_test(tc, objects_are_wrapped);
    suite_add_tcase(s, tc);
    tc = mt_tcase("free_realloc");
    tcase_add_test(tc, freed_bytes_are_dead);
    tcase_add_test(tc, realloc_keeps_data_and_moves_the_guards);
    suite_add_tcase(s, tc);
    tc = mt_tcase("install");
    tcase_add_test(tc, setup_is_idempotent);
    tcase_add_test(tc, hooks_wrap_the_current_allocator);
    suite_add_tcase(s, tc);
    tc = mt_tcase("errors");
    tcase_add_test(tc, misuse_is_fatal);
    suite_add_tcase(s, tc);
    return s;
}
