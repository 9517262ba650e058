/* Memory given back to the operating system, or not, measured as the process's
 * resident set (/proc/self/statm). A million floats take about 31 arenas of the
 * pools. Dropping all of them empties their pools, and the arenas go back to
 * the OS, all but one or two (the one empty arena 3.11 keeps; the one holding
 * the floats the free list kept). Keep one float in 500 and every pool keeps a
 * block: no arena can go back.
 *
 * The floats live in a list made once, at its full size, so that only they come
 * and go; and they are made and dropped once before the start, so that what
 * stays grown once grown (the debug build's table of live objects, outside the
 * pools; the two arenas kept) is in the starting figure. */
/* allocator: pymalloc */
#include <stdio.h>
#include <unistd.h>
#include "mo.h"

#define N 1000000

/* region main */
/* The resident set in MiB (the second field of /proc/self/statm, in pages). */
static double rss_mib(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL || fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = 0;
    if (f != NULL)
        fclose(f);
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

static double arenas_now(void)
{
    MoObmallocStats st;
    _MoObject_GetMallocStats(&st);
    return (double)st.arenas_current;
}

/* x[i] = i + 0.5 for every i. */
static void fill(MoObject *x)
{
    for (long i = 0; i < N; i++)
        MoList_SetItem(x, i, MoFloat_FromDouble(i + 0.5));
}

/* x[i] = None for every i, but those that keep divides (keep 0: every i). */
static void clear(MoObject *x, long keep)
{
    for (long i = 0; i < N; i++)
        if (keep == 0 || i % keep != 0)
            MoList_SetItem(x, i, Mo_NewRef(Mo_None));
}

/* In words: the exact numbers depend on where mmap puts each arena. */
static const char *amount(double n)
{
    return n >= 25 ? "25 or more" : n <= 3 ? "3 or fewer" : "in between";
}

static double rss0, arenas0;

static void report(const char *step)
{
    printf("%-40s arenas: %-11s resident MiB: %s\n", step,
           amount(arenas_now() - arenas0), amount(rss_mib() - rss0));
}

int main(void)
{
    Mo_Initialize();
    MoObject *x = MoList_New(N);
    for (long i = 0; i < N; i++)
        MoList_SET_ITEM(x, i, Mo_NewRef(Mo_None));
    fill(x); /* once before the start */
    clear(x, 0);
    rss0 = rss_mib();
    arenas0 = arenas_now();
    fill(x);
    report("x[i] = i + 0.5, a million times");
    clear(x, 0);
    report("x[i] = None, all of them");
    fill(x);
    report("the million floats again");
    clear(x, 500);
    report("x[i] = None but for one i in 500");
    clear(x, 0);
    report("x[i] = None, all of them");
    Mo_DECREF(x);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
