/* Automatic collections while a program builds 100,000 lists, counted by a
 * callback on gc.callbacks, with the collector enabled and then disabled. The C
 * twin of 04-automatic.py. None of the lists is garbage: every collection is
 * pure cost, which is when gc.disable() around a bulk allocation pays off.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static long started[3];

/* def count_starts(phase, info) */
static MoObject *count_starts(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (strcmp(MoUnicode_AsUTF8(MoTuple_GetItem(args, 0)), "start") == 0) {
        MoObject *g = MoDict_GetItemString(MoTuple_GetItem(args, 1), "generation");
        started[MoLong_AsLong(g)]++;
    }
    Mo_RETURN_NONE;
}

/* new: a list of n new empty lists */
static MoObject *build(long n)
{
    MoObject *keep = MoList_New(0);
    for (long i = 0; i < n; i++) {
        MoObject *l = MoList_New(0);
        MoList_Append(keep, l);
        Mo_DECREF(l);
    }
    return keep;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    int c[3];
    MoGC_Collect();
    MoObject *cb = MoCFunction_New("count_starts", count_starts, NULL);
    MoGC_AddCallback(cb);
    MoObject *keep = build(100000);
    printf("enabled:  collections of generations 0, 1, 2: [%ld, %ld, %ld]\n",
           started[0], started[1], started[2]);
    Mo_DECREF(keep);
    MoGC_Collect();
    started[0] = started[1] = started[2] = 0;
    MoGC_Disable();
    keep = build(100000);
    printf("disabled: collections of generations 0, 1, 2: [%ld, %ld, %ld]\n",
           started[0], started[1], started[2]);
    MoGC_GetCount(c);
    printf("disabled: get_count()[0]: %d\n", c[0]);
    Mo_DECREF(keep);
    MoGC_Enable();
    MoList_Clear(MoGC_Callbacks());            /* gc.callbacks.remove(...) */
    Mo_DECREF(cb);
    MoGC_Collect();
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
