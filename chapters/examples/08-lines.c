/* memory_profiler's table for the seed's function, drawn from traced memory: the
 * memory in use after each line (MiB above the start) and what the line added. */
/* allocator: pymalloc */
#include <stdio.h>
#include "mo.h"

static size_t traced(void)
{
    size_t current, peak;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    return current;
}

/* new: [item] * n (item stolen). */
static MoObject *repeat(MoObject *item, Mo_ssize_t n)
{
    MoObject *one = MoList_New(0);
    MoList_Append(one, item);
    Mo_DECREF(item);
    MoObject *list = MoSequence_Repeat(one, n);
    Mo_DECREF(one);
    return list;
}

int main(void)
{
    Mo_Initialize();
    MoObject *spare[3] = {MoList_New(0), MoList_New(0), MoList_New(0)};
    for (int i = 0; i < 3; i++)
        Mo_DECREF(spare[i]);     /* lists on the free list, as 3.11 has them: [1] and [1] * n take them */
    MoTraceMalloc_Start(1);
    size_t base = traced(), rows[3];
    const char *text[3] = {"a = [1] * (10 ** 6)", "b = [2] * (2 * 10 ** 7)", "del b"};
    /* region my_func */
    MoObject *a = repeat(MoLong_FromLong(1), 1000000);
    rows[0] = traced();
    MoObject *b = repeat(MoLong_FromLong(2), 20000000);
    rows[1] = traced();
    Mo_DECREF(b);
    rows[2] = traced();
    /* endregion my_func */
    printf("%12s %12s   Line Contents\n", "Mem usage", "Increment");
    for (int i = 0; i < 3; i++)
        printf("%8.3f MiB %8.3f MiB   %s\n", (double)(rows[i] - base) / (1 << 20),
               ((double)rows[i] - (double)(i ? rows[i - 1] : base)) / (1 << 20), text[i]);
    Mo_DECREF(a);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}
