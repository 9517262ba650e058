/* What tracemalloc costs: the same work with tracing off, with start(1) and with
 * start(25), timed in Mo here and in CPython by tracer_overhead.py (facts §7's
 * overhead table: CPython pays about x3 to keep 1,000,000 slotted instances with
 * one frame, x10 with 25; x13.5 and x46 for a loop that makes and drops a list).
 *
 *   keep   1,000,000 instances of a class with __slots__ = (), kept in a list;
 *   churn  for i in range(1000000): x = [i]  (a list, its item array and an int
 *          made and dropped each time).
 *
 * Tracing starts just before the timed loop and stops after it; the objects are
 * freed untimed. Each time is the median of 5 runs, in milliseconds, printed as
 * "key value" lines for bench/run.sh: tracer_{keep,churn}_{off,n1,n25}_ms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "mo.h"

#define N 1000000
#define RUNS 5

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* [Obj() for _ in range(N)]: new reference to the list. */
static MoObject *keep(MoObject *cls)
{
    MoObject *list = MoList_New(0);
    for (long i = 0; i < N; i++) {
        MoObject *o = MoObject_CallNoArgs(cls);
        MoList_Append(list, o);
        Mo_DECREF(o);
    }
    return list;
}

/* for i in range(N): x = [i] */
static MoObject *churn(MoObject *cls)
{
    (void)cls;
    MoObject *x = NULL;
    for (long i = 0; i < N; i++) {
        MoObject *l = MoList_New(1);
        MoList_SetItem(l, 0, MoLong_FromLong(i));
        Mo_XSETREF(x, l);
    }
    return x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median time of work over RUNS runs, tracing with nframe frames (0: off). */
static double measure(MoObject *(*work)(MoObject *), MoObject *cls, int nframe)
{
    double times[RUNS];
    for (int r = 0; r < RUNS; r++) {
        if (nframe > 0 && MoTraceMalloc_Start(nframe) < 0)
            exit(1);
        double t0 = now_ms();
        MoObject *result = work(cls);
        times[r] = now_ms() - t0;
        MoTraceMalloc_Stop();
        Mo_XDECREF(result);
    }
    qsort(times, RUNS, sizeof times[0], cmp_double);
    return times[RUNS / 2];
}

int main(void)
{
    if (Mo_Initialize() != 0)
        return 1;
    static const char *const no_slots[] = { NULL };
    MoObject *cls = MoClass_New("Obj", no_slots);
    if (cls == NULL)
        return 1;
    static const struct { const char *name; MoObject *(*work)(MoObject *); } works[] = {
        { "keep", keep }, { "churn", churn },
    };
    static const struct { const char *label; int nframe; } modes[] = { { "off", 0 }, { "n1", 1 }, { "n25", 25 } };
    for (size_t w = 0; w < 2; w++)
        for (size_t m = 0; m < 3; m++)
            printf("tracer_%s_%s_ms %.1f\n", works[w].name, modes[m].label,
                   measure(works[w].work, cls, modes[m].nframe));
    Mo_DECREF(cls);
    return Mo_Finalize() != 0;
}
