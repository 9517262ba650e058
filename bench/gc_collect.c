/* Benchmark: the cyclic collector (build against the release library, build/libmo.a).
 *
 *   gc_full_1M_live_ms   one full collection over 1,000,000 live tracked objects
 *                        (empty lists kept in a list): the cost of scanning;
 *   gc_100k_cycles_ms    one full collection that reclaims 100,000 two-list cycles
 *                        (made with the collector disabled): the cost of freeing.
 * Each is the median of 5 runs, in milliseconds. bench/gc_collect.py measures the
 * same shapes in CPython and prints the same keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "mo.h"

#define RUNS 5

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return v[n / 2];
}

static void die(const char *what)
{
    fprintf(stderr, "gc_collect: %s failed\n", what);
    exit(1);
}

/* new: a list of n empty lists. */
static MoObject *many_lists(long n)
{
    MoObject *keep = MoList_New(0);
    if (keep == NULL)
        die("MoList_New");
    for (long i = 0; i < n; i++) {
        MoObject *l = MoList_New(0);
        if (l == NULL || MoList_Append(keep, l) < 0)
            die("append");
        Mo_DECREF(l);
    }
    return keep;
}

static double full_collection_over_live(long n)
{
    MoObject *keep = many_lists(n);
    MoGC_Collect();   /* everything into the oldest generation first */
    double times[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ms();
        MoGC_Collect();
        times[r] = now_ms() - t0;
    }
    Mo_DECREF(keep);
    return median(times, RUNS);
}

static double reclaim_cycles(long n)
{
    double times[RUNS];
    for (int r = 0; r < RUNS; r++) {
        MoGC_Collect();
        MoGC_Disable();
        for (long i = 0; i < n; i++) {
            MoObject *a = MoList_New(0), *b = MoList_New(0);
            if (a == NULL || b == NULL || MoList_Append(a, b) < 0 || MoList_Append(b, a) < 0)
                die("cycle");
            Mo_DECREF(a);
            Mo_DECREF(b);
        }
        double t0 = now_ms();
        Mo_ssize_t found = MoGC_Collect();
        times[r] = now_ms() - t0;
        MoGC_Enable();
        if (found != 2 * n)
            die("collecting the cycles");
    }
    return median(times, RUNS);
}

int main(void)
{
    if (Mo_Initialize() != 0)
        die("Mo_Initialize");
    printf("gc_full_1M_live_ms %.2f\n", full_collection_over_live(1000000));
    printf("gc_100k_cycles_ms %.2f\n", reclaim_cycles(100000));
    fflush(stdout);
    return Mo_Finalize() == 0 ? 0 : 1;
}
