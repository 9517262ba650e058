/* Summing a million squares: from a list made first, then lazily from range's iterator.
 * The peak of traced memory above the start, in KiB, for each. */
/* allocator: pymalloc */
#include <math.h>
#include <stdio.h>
#include "mo.h"

/* new: x * x for the int x (borrowed). */
static MoObject *square(MoObject *x)
{
    return MoNumber_Multiply(x, x);
}

/* region sum */
/* new: the sum of the squares of what it yields; a list of them first when !lazy. */
static MoObject *sum_of_squares(MoObject *it, int lazy)
{
    MoObject *total = MoLong_FromLong(0), *x, *list = lazy ? NULL : MoList_New(0);
    while ((x = MoIter_Next(it)) != NULL) {   /* one int at a time */
        MoObject *sq = square(x);
        Mo_DECREF(x);
        if (list) {            /* [x * x for x in range(N)]: every square kept */
            MoList_Append(list, sq);
        } else {               /* (x * x for x in range(N)): added, then dropped */
            MoObject *t = MoNumber_Add(total, sq);
            Mo_SETREF(total, t);
        }
        Mo_DECREF(sq);
    }
    for (Mo_ssize_t i = 0; list && i < MoList_Size(list); i++)
        Mo_SETREF(total, MoNumber_Add(total, MoList_GetItem(list, i)));
    Mo_XDECREF(list);
    return total;
}
/* endregion sum */

static void peak_of(int lazy)
{
    size_t base, current, peak;
    MoTraceMalloc_GetTracedMemory(&base, &peak);
    MoTraceMalloc_ResetPeak();
    MoObject *range = MoRange_New(0, 1000000, 1), *it = MoObject_GetIter(range);
    MoObject *total = sum_of_squares(it, lazy), *s = MoObject_Str(total);
    Mo_DECREF(it); Mo_DECREF(range);
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    printf("%s: total %s, peak %.0f KiB\n", lazy ? "lazy" : "list", MoUnicode_AsUTF8(s),
           nearbyint((double)(peak - base) / 1024));
    Mo_DECREF(s); Mo_DECREF(total);
}

int main(void)
{
    Mo_Initialize();
    MoTraceMalloc_Start(1);
    peak_of(0);
    peak_of(1);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}
