/* A memory timeline: a program in three phases (a list of 20,000 ints, then a cache of
 * 10,000 answers, then the list dropped), with the traced memory sampled every 500
 * operations. It prints the peak and the end, and writes 08-timeline.gp, a gnuplot
 * script with the samples in it, which the book's build draws as the figure. */
/* allocator: pymalloc */
#include <stdio.h>
#include "mo.h"

static FILE *plot;
static long samples;

/* Record the traced memory now, in KiB, as the next sample. */
static void sample(void)
{
    size_t current, peak;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    fprintf(plot, "%ld %.1f\n", samples++, (double)current / 1024);
}

/* region phases */
static void run(void)
{
    MoObject *list = MoList_New(0), *cache = MoDict_New();
    for (long i = 0; i < 20000; i++) {                    /* phase 1: the list grows */
        MoObject *v = MoLong_FromLong(1000 + i);
        MoList_Append(list, v);
        Mo_DECREF(v);
        if (i % 500 == 0) sample();
    }
    for (long i = 0; i < 10000; i++) {                    /* phase 2: the cache grows */
        MoObject *k = MoLong_FromLong(i + 1000), *v = MoFloat_FromDouble(i / 2.0);
        MoDict_SetItem(cache, k, v);
        Mo_DECREF(k); Mo_DECREF(v);
        if (i % 500 == 0) sample();
    }
    for (long i = 0; i < 10; i++) sample();               /* phase 3: the list goes */
    Mo_DECREF(list);
    for (long i = 0; i < 10; i++) sample();
    Mo_DECREF(cache);
    sample();
}
/* endregion phases */

int main(void)
{
    Mo_Initialize();
    plot = fopen("08-timeline.gp", "w");
    if (plot == NULL)
        return 1;
    fprintf(plot, "set terminal svg size 720,320 dynamic font 'sans,12'\n"
                  "set xlabel 'sample (every 500 operations)'\nset ylabel 'traced memory (KiB)'\n"
                  "set grid\nset key off\n$data << EOD\n");
    MoTraceMalloc_Start(1);
    run();
    size_t current, peak;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    MoTraceMalloc_Stop();
    fprintf(plot, "EOD\nplot $data with lines linewidth 2\n");
    fclose(plot);
    printf("samples: %ld\npeak: %.0f KiB\nend: %.0f KiB\n", samples, (double)peak / 1024, (double)current / 1024);
    return Mo_Finalize() == 0 ? 0 : 1;
}
