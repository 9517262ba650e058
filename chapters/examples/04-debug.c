/* gc.get_stats() and the debug flags' real output, the C twin of 04-debug.py. The
 * collector writes its debug lines to stderr, in CPython's words; the book shows
 * both streams in order.
 */
/* differs "[{'collections':": CPython has collected during its start-up (its own modules' cycles); this runtime starts with nothing to collect */
/* differs "gc: objects in each generation:": CPython tracks the thousands of objects of its modules and classes */
#define _POSIX_C_SOURCE 200809L   /* fileno, dup */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "mo.h"

/* gc.collect() under DEBUG_STATS, its stderr lines copied to stdout with the time the
   collection took masked (it changes every run; the twin masks it the same way). */
static Mo_ssize_t collect_with_stats(void)
{
    FILE *tmp = tmpfile();
    fflush(stderr);
    int saved = dup(2);
    dup2(fileno(tmp), 2);
    MoGC_SetDebug(MO_GC_DEBUG_STATS);
    Mo_ssize_t n = MoGC_Collect();
    MoGC_SetDebug(0);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    char line[256];
    while (fgets(line, sizeof line, tmp) != NULL) {
        char *t = strstr(line, "s elapsed");
        if (t != NULL) {
            while (t > line && (t[-1] == '.' || (t[-1] >= '0' && t[-1] <= '9')))
                t--;
            sprintf(t, "N.NNNNs elapsed\n");
        }
        fputs(line, stdout);
    }
    fclose(tmp);
    return n;
}

static void print_repr(const char *label, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s%s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* a = [1]; a.append(a); then a goes out of scope */
static void self_cycle(void)
{
    MoObject *a = MoList_New(0), *one = MoLong_FromLong(1);
    MoList_Append(a, one);
    MoList_Append(a, a);
    Mo_DECREF(one);
    Mo_DECREF(a);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *stats = MoGC_GetStatsList();    /* print(gc.get_stats()) */
    print_repr("", stats);
    Mo_DECREF(stats);
    MoGC_Collect();
    MoGCStats before[3], after[3];
    MoGC_GetStats(before);
    self_cycle();
    Mo_ssize_t n = collect_with_stats();
    MoGC_GetStats(after);
    printf("collect: %zd\n", n);
    printf("generation 2: collections + %zd collected + %zd\n",
           after[2].collections - before[2].collections,
           after[2].collected - before[2].collected);
    self_cycle();
    MoGC_SetDebug(MO_GC_DEBUG_COLLECTABLE);
    printf("DEBUG_COLLECTABLE collect: %zd\n", MoGC_Collect());
    printf("DEBUG_LEAK: %d = COLLECTABLE | UNCOLLECTABLE | SAVEALL\n",
           MO_GC_DEBUG_LEAK);
    MoGC_SetDebug(MO_GC_DEBUG_LEAK);
    self_cycle();
    printf("DEBUG_LEAK collect: %zd\n", MoGC_Collect());
    print_repr("gc.garbage: ", MoGC_Garbage());
    MoGC_SetDebug(0);
    MoList_Clear(MoGC_Garbage());
    printf("after garbage.clear(), collect: %zd\n", MoGC_Collect());
    print_repr("gc.garbage: ", MoGC_Garbage());
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
