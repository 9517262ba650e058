/* Benchmark: the small-object allocator against the C library's, on churn
 * (build against the release library, build/libmo.a).
 *
 * The trace: 10,000 slots, filled first; then 5,000,000 times a random slot's
 * block is freed and a new one of a random size (16..512 bytes, uniform) takes
 * its place, and its first bytes are written: 10,000,000 operations (a free or
 * an allocation each). The same trace (same seed) runs once through
 * MoObject_Malloc/MoObject_Free (the pools) and once through glibc's
 * malloc/free, each in a forked child so that each has its own peak resident
 * set (getrusage's ru_maxrss). Each variant runs RUNS times; the time is the
 * median of the runs' CPU times (CPU time, not wall time, so that other
 * processes on the machine disturb it less).
 *
 * Prints "key value" lines for bench/run.sh:
 *   alloc_churn_mo_ns_per_op, alloc_churn_glibc_ns_per_op, alloc_churn_speedup
 *   (glibc / mo), alloc_churn_mo_peak_rss_kib, alloc_churn_glibc_peak_rss_kib;
 * and the same trace with 1,000 slots, whose blocks (some 260 KiB) stay in the
 * CPU's caches: alloc_churn_small_{mo,glibc}_ns_per_op, alloc_churn_small_speedup.
 *
 * What to expect: with 10,000 slots (2.6 MiB of blocks) the pools lose to
 * glibc's tcache on a machine whose L2 cache is smaller than that, and so does
 * CPython 3.11's own pymalloc (measured on this machine, linking libpython3.11
 * and calling PyObject_Malloc/PyObject_Free on this trace: 13.9 ns against
 * glibc's 9.8). Every pool header sits at a 16 KiB boundary, so all of them
 * compete for a few cache sets, and each operation here touches two or three
 * of them (the block's pool, and the neighbours on the used-pool list as pools
 * flip between full and used). With 1,000 slots the pools win.
 *
 * Measured on this machine (2 vCPUs, AMD EPYC, load average 2-5; medians of 7
 * runs of this program, each reporting the median of its own 5 runs), after
 * obmalloc.c's fast paths: 10,000 slots, pools 11.5 ns/op against glibc's 9.6
 * (speedup 0.84; 0.78-0.89 over 15 runs); 1,000 slots, 3.5 against 7.4 (2.11;
 * 2.07-2.15 over 15 runs). CPython 3.11.7's pymalloc, same trace, same day:
 * 15.3-16.0 and 3.4-4.7. Before those fast paths the pools took 13.5 and 3.8
 * (0.69 and 1.87), and the 1,000-slot speedup ranged from 0.99 to 1.98 from
 * one run of this program to the next: it depended on where mmap put the
 * arena (see address_in_range).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "mo.h"

#define SLOTS 10000             /* the largest trace */
#define SMALL_SLOTS 1000
#define ITERATIONS 5000000      /* a free and an allocation each */
#define OPS (2.0 * ITERATIONS)
#define RUNS 5

typedef struct {
    void *(*malloc)(size_t);
    void (*free)(void *);
} allocator;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* xorshift64*: the same sequence for both allocators. */
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
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(p, &size, sizeof size);   /* an object initializes its header */
    return p;
}

/* The churn over nslots; returns nanoseconds per operation (the filling and
   the final freeing are not timed). */
static double churn(const allocator *a, int nslots)
{
    static void *slots[SLOTS];
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

/* One run in a child: its time per operation and its peak RSS in KiB. */
static void run_in_child(const allocator *a, int nslots, double *ns, long *rss_kib)
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
        double t = churn(a, nslots);
        if (write(fds[1], &t, sizeof t) != (ssize_t)sizeof t)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    if (read(fds[0], ns, sizeof *ns) != (ssize_t)sizeof *ns) {
        fprintf(stderr, "the child died\n");
        exit(2);
    }
    close(fds[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "the child failed\n");
        exit(2);
    }
    *rss_kib = ru.ru_maxrss;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static void measure(const allocator *a, int nslots, double *ns, long *rss_kib)
{
    double t[RUNS];
    *rss_kib = 0;
    for (int i = 0; i < RUNS; i++) {
        long rss;
        run_in_child(a, nslots, &t[i], &rss);
        if (rss > *rss_kib)
            *rss_kib = rss;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    *ns = t[RUNS / 2];
}

int main(void)
{
    const allocator mo = { MoObject_Malloc, MoObject_Free };
    const allocator glibc = { malloc, free };
    double mo_ns, glibc_ns, small_mo_ns, small_glibc_ns;
    long mo_rss, glibc_rss, unused;
    measure(&mo, SLOTS, &mo_ns, &mo_rss);
    measure(&glibc, SLOTS, &glibc_ns, &glibc_rss);
    measure(&mo, SMALL_SLOTS, &small_mo_ns, &unused);
    measure(&glibc, SMALL_SLOTS, &small_glibc_ns, &unused);
    printf("alloc_churn_mo_ns_per_op %.2f\n", mo_ns);
    printf("alloc_churn_glibc_ns_per_op %.2f\n", glibc_ns);
    printf("alloc_churn_speedup %.2f\n", glibc_ns / mo_ns);
    printf("alloc_churn_mo_peak_rss_kib %ld\n", mo_rss);
    printf("alloc_churn_glibc_peak_rss_kib %ld\n", glibc_rss);
    printf("alloc_churn_small_mo_ns_per_op %.2f\n", small_mo_ns);
    printf("alloc_churn_small_glibc_ns_per_op %.2f\n", small_glibc_ns);
    printf("alloc_churn_small_speedup %.2f\n", small_glibc_ns / small_mo_ns);
    return 0;
}
