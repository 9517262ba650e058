/* The three allocation domains and where a request ends up: 1,000 requests of
 * each size through each domain, then the size class whose blocks in use grew
 * by 1,000, or none when the pools did not serve them. */
/* allocator: pymalloc */
#include <stdio.h>
#include "mo.h"

#define N 1000

static void *blocks[N];

/* region main */
/* The size class that gained at least N blocks between a and b, or -1. */
static int class_that_grew(const MoObmallocStats *a, const MoObmallocStats *b)
{
    for (size_t c = 0; c < a->nclasses; c++)
        if (b->blocks_in_use[c] >= a->blocks_in_use[c] + N)
            return (int)c;
    return -1;
}

static void requests(const char *domain, void *(*alloc)(size_t),
                     void (*release)(void *), size_t n)
{
    MoObmallocStats before, after;
    _MoObject_GetMallocStats(&before);
    for (int i = 0; i < N; i++)
        blocks[i] = alloc(n);
    _MoObject_GetMallocStats(&after);
    int c = class_that_grew(&before, &after);
    if (c < 0)
        printf("%-6s %3zu bytes: not from the pools\n", domain, n);
    else
        printf("%-6s %3zu bytes: class %2d (%3zu-byte blocks)\n", domain, n, c,
               after.block_size[c]);
    for (int i = 0; i < N; i++)
        release(blocks[i]);
}

int main(void)
{
    Mo_Initialize();
    requests("raw", MoMem_RawMalloc, MoMem_RawFree, 100);
    requests("mem", MoMem_Malloc, MoMem_Free, 100);
    requests("object", MoObject_Malloc, MoObject_Free, 100);
    requests("object", MoObject_Malloc, MoObject_Free, 1);
    requests("object", MoObject_Malloc, MoObject_Free, 24);
    requests("object", MoObject_Malloc, MoObject_Free, 512);
    requests("object", MoObject_Malloc, MoObject_Free, 513);
    requests("object", MoObject_Malloc, MoObject_Free, 0);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
