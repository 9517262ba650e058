/* Benchmark: the small-object allocator against the C library's and against
 * CPython 3.11's own pymalloc, on churn, over working sets from cache-sized to
 * far bigger than the caches (build against the release library, build/libmo.a).
 *
 * The trace, for a working set of N live blocks: N slots are filled first;
 * then 5,000,000 times a random slot's block is freed and a new one of a random
 * size (16..512 bytes, uniform) takes its place, and its first bytes are
 * written (an object initializes its header): 10,000,000 operations, a free
 * or an allocation each. N runs from 1,000 (some 260 KiB of blocks, inside
 * the L2 cache) to 300,000 (some 79 MiB, beyond any cache).
 *
 * The same trace (same seed) runs through three allocators, each in a forked
 * child so that each has its own peak resident set (getrusage's ru_maxrss):
 *   mo       MoObject_Malloc/MoObject_Free: the runtime's pools;
 *   cpython  PyObject_Malloc/PyObject_Free from libpython3.11, loaded with
 *            dlopen from $MO_BENCH_LIBPYTHON (bench/run.sh sets it; without it
 *            the column is left out): CPython's own pools, the reference;
 *   glibc    malloc/free: the C library's allocator (tcache, bins).
 * Each runs RUNS times, interleaved (mo, cpython, glibc, mo, ...) so that a
 * change in the machine's load touches all three alike, and each run with its
 * mappings at another place (shift_mappings); the time is the median of the
 * runs' CPU times (CPU time, not wall time, so that other processes on the
 * machine disturb it less).
 *
 * Prints "key value" lines for bench/run.sh, for each working set N:
 *   alloc_churn_N_{mo,cpython,glibc}_ns_per_op, alloc_churn_N_{mo,cpython,glibc}_peak_rss_kib,
 *   alloc_churn_N_speedup (glibc / mo), alloc_churn_N_cpython_speedup (glibc / cpython).
 *
 * What to expect, and why (measured on a 2-vCPU AMD EPYC: 48 KiB L1d and
 * 1 MiB L2 per core, 32 MiB L3; bench/RESULTS.md has the latest run): the
 * pools beat glibc by about 2x while the blocks fit in L2, and again, by 2x or
 * more, when they are far bigger than L3: there glibc's tcache rarely has the
 * size asked for, and its free merges neighbouring chunks and its malloc sorts
 * its bins (cachegrind, 100,000 blocks: twice the pools' instructions, in
 * _int_free, unlink_chunk and malloc_consolidate, and a third more L1 read
 * misses), each step touching a cold chunk. Between the
 * two, with a few MiB of blocks, the pools fall to glibc's speed or below it
 * (0.8-1.0x at 10,000 blocks): every pool header sits at a 16 KiB boundary, so
 * all of them compete for the same few cache sets and evict one another, and
 * every free reads its block's pool header, a miss glibc does not have (its
 * chunk header shares the block's cache line). CPython 3.11's pymalloc, same
 * trace, same machine, draws the same curve: the layout, not this
 * implementation, makes it.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "mo.h"

static const int working_sets[] = { 1000, 3000, 10000, 30000, 100000, 300000 };
#define N_SETS (sizeof working_sets / sizeof working_sets[0])
#define MAX_SLOTS 300000
#define ITERATIONS 5000000      /* a free and an allocation each */
#define OPS (2.0 * ITERATIONS)
#define RUNS 7

typedef struct {
    const char *name;
    void *(*malloc)(size_t);
    void (*free)(void *);
} allocator;

enum { MO, CPYTHON, GLIBC, N_ALLOCATORS };

typedef struct {
    double ns_per_op;      /* the median over RUNS */
    long peak_rss_kib;     /* the largest over RUNS */
} result;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* xorshift64*: the same sequence for every allocator. */
static inline uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static inline void *make_block(const allocator *a, size_t size)
{
    unsigned char *p = a->malloc(size);
    if (p == NULL) {
        fprintf(stderr, "%s: out of memory\n", a->name);
        exit(2);
    }
    memcpy(p, &size, sizeof size);   /* an object initializes its header */
    return p;
}

/* The churn over nslots; returns nanoseconds per operation (the filling and
   the final freeing are not timed). */
static double churn(const allocator *a, int nslots)
{
    static void *slots[MAX_SLOTS];
    uint64_t rng = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < nslots; i++)
        slots[i] = make_block(a, 16 + next_random(&rng) % 497);
    double t0 = now_ns();
    for (long i = 0; i < ITERATIONS; i++) {
        uint64_t r = next_random(&rng);
        size_t slot = (size_t)(r % (uint64_t)nslots);
        size_t size = 16 + (size_t)((r >> 32) % 497);
        a->free(slots[slot]);
        slots[slot] = make_block(a, size);
    }
    double t1 = now_ns();
    for (int i = 0; i < nslots; i++)
        a->free(slots[i]);
    return (t1 - t0) / OPS;
}

/* Run `run` of a child: move where its first mmap lands by a different number
   of pages, so that each run finds its arenas at another offset from the 1 MiB
   boundaries and from the other data. (Forked children share their parent's
   address-space layout: without this, every run of one process would measure
   the same placement, and some placements are much slower than others.) */
static void shift_mappings(int run)
{
    size_t pages = 1 + (size_t)run * 61 % 256;
    if (mmap(NULL, pages * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
        perror("mmap");
        _exit(2);
    }
}

/* Run `run` in a child: its time per operation and its peak RSS in KiB. */
static void run_in_child(const allocator *a, int nslots, int run, double *ns, long *rss_kib)
{
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        exit(2);
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        close(fds[0]);
        shift_mappings(run);
        double t = churn(a, nslots);
        if (write(fds[1], &t, sizeof t) != (ssize_t)sizeof t)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    if (read(fds[0], ns, sizeof *ns) != (ssize_t)sizeof *ns) {
        fprintf(stderr, "%s: the child died\n", a->name);
        exit(2);
    }
    close(fds[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s: the child failed\n", a->name);
        exit(2);
    }
    *rss_kib = ru.ru_maxrss;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* RUNS runs of each allocator present (name non-NULL) on nslots, interleaved. */
static void measure(const allocator alloc[N_ALLOCATORS], int nslots, result out[N_ALLOCATORS])
{
    double t[N_ALLOCATORS][RUNS];
    for (int k = 0; k < N_ALLOCATORS; k++)
        out[k].peak_rss_kib = 0;
    for (int run = 0; run < RUNS; run++)
        for (int k = 0; k < N_ALLOCATORS; k++) {
            if (alloc[k].name == NULL)
                continue;
            long rss;
            run_in_child(&alloc[k], nslots, run, &t[k][run], &rss);
            if (rss > out[k].peak_rss_kib)
                out[k].peak_rss_kib = rss;
        }
    for (int k = 0; k < N_ALLOCATORS; k++) {
        if (alloc[k].name == NULL)
            continue;
        qsort(t[k], RUNS, sizeof t[k][0], cmp_double);
        out[k].ns_per_op = t[k][RUNS / 2];
    }
}

/* CPython's PyObject_Malloc/PyObject_Free from the libpython named by
   $MO_BENCH_LIBPYTHON, or name NULL (left out) when there is none. They need no
   Py_Initialize: 3.11's object allocator is set up statically. */
static allocator cpython_allocator(void)
{
    allocator none = { NULL, NULL, NULL };
    const char *path = getenv("MO_BENCH_LIBPYTHON");
    if (path == NULL || *path == '\0')
        return none;
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "alloc_churn: no CPython column: %s\n", dlerror());
        return none;
    }
    allocator a = { "cpython", NULL, NULL };
    *(void **)&a.malloc = dlsym(lib, "PyObject_Malloc");
    *(void **)&a.free = dlsym(lib, "PyObject_Free");
    if (a.malloc == NULL || a.free == NULL) {
        fprintf(stderr, "alloc_churn: no CPython column: %s has no PyObject_Malloc\n", path);
        return none;
    }
    return a;
}

static void print_results(int nslots, const allocator alloc[N_ALLOCATORS], const result r[N_ALLOCATORS])
{
    for (int k = 0; k < N_ALLOCATORS; k++) {
        if (alloc[k].name == NULL)
            continue;
        printf("alloc_churn_%d_%s_ns_per_op %.2f\n", nslots, alloc[k].name, r[k].ns_per_op);
        printf("alloc_churn_%d_%s_peak_rss_kib %ld\n", nslots, alloc[k].name, r[k].peak_rss_kib);
    }
    printf("alloc_churn_%d_speedup %.2f\n", nslots, r[GLIBC].ns_per_op / r[MO].ns_per_op);
    if (alloc[CPYTHON].name != NULL)
        printf("alloc_churn_%d_cpython_speedup %.2f\n", nslots, r[GLIBC].ns_per_op / r[CPYTHON].ns_per_op);
}

int main(void)
{
    allocator alloc[N_ALLOCATORS] = {
        [MO] = { "mo", MoObject_Malloc, MoObject_Free },
        [CPYTHON] = cpython_allocator(),
        [GLIBC] = { "glibc", malloc, free },
    };
    for (size_t i = 0; i < N_SETS; i++) {
        result r[N_ALLOCATORS];
        measure(alloc, working_sets[i], r);
        print_results(working_sets[i], alloc, r);
        fflush(stdout);
    }
    return 0;
}
