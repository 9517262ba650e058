/* The seed's example_unused_memory.py: three lists made one from the other, with the
 * traced memory (above what was traced at the start) after each, once keeping every
 * list and once deleting each input as soon as the next list is made. */
/* allocator: pymalloc */
/* differs "operation_1": CPython's comprehension is a function call, and its function object and
   frame add about 200 bytes to the peak (and the float free list a little to the current) */
/* differs "operation_2": the same, in the peak */
#include <math.h>
#include <stdio.h>
#include "mo.h"

/* new: [f(x) for x in src], f squaring (src NULL: range(10000)) or halving. */
static MoObject *comprehension(MoObject *src)
{
    MoObject *out = MoList_New(0);
    for (Mo_ssize_t i = 0; i < (src ? MoList_Size(src) : 10000); i++) {
        MoObject *v = src ? MoFloat_FromDouble(MoFloat_AsDouble(MoList_GetItem(src, i)) / 2)
                          : MoLong_FromLong((long)i * i);
        MoList_Append(out, v);
        Mo_DECREF(v);
    }
    return out;
}

static void show(const char *label, size_t base)
{
    size_t current, peak;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    printf("%-14s current %5.0f KiB  peak %5.0f KiB\n", label,
           nearbyint((double)(current - base) / 1024), nearbyint((double)(peak - base) / 1024));
}

/* region run */
static void run(int delete)
{
    size_t base, peak;
    MoTraceMalloc_GetTracedMemory(&base, &peak);
    MoTraceMalloc_ResetPeak();
    MoObject *input_numbers = comprehension(NULL);
    show("input_numbers", base);
    MoObject *operation_1 = comprehension(input_numbers);
    show("operation_1", base);
    if (delete)
        Mo_CLEAR(input_numbers);
    MoObject *operation_2 = comprehension(operation_1);
    if (delete)
        Mo_CLEAR(operation_1);
    show("operation_2", base);
    Mo_XDECREF(input_numbers); Mo_XDECREF(operation_1); Mo_DECREF(operation_2);
}
/* endregion run */

int main(void)
{
    Mo_Initialize();
    MoTraceMalloc_Start(1);
    Mo_DECREF(MoList_New(0));
    printf("keeping every list:\n");
    run(0);
    printf("with del:\n");
    run(1);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}
