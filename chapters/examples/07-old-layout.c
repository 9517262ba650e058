/* The same requests on two layouts of the pools: the runtime's (CPython 3.11's:
 * 16 KiB pools, 1 MiB arenas) and CPython 3.9's (4 KiB pools, 256 KiB arenas;
 * 16-byte classes in both, as in every 64-bit build), which the runtime's
 * obmalloc.c also compiles: this file includes a second, private copy of it built
 * with 3.9's constants, whose report is printed whole at the end. */
/* allocator: pymalloc */
#define _DEFAULT_SOURCE /* the copy's mmap flags; open_memstream for its report */
#define MO_OBMALLOC_EMBEDDED 1
#define MO_OBMALLOC_POOL_SIZE 4096
#define MO_OBMALLOC_ARENA_SIZE 262144
/* the copy's calloc, realloc and validator go unused here */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../../lib/src/obmalloc.c"

#include <stdio.h>

#define N 1000

static void *blocks[N], *old_blocks[3][N];

/* region main */
/* N requests of n bytes to the runtime's pools, then to the 3.9 copy: the block
   size (the same in both), blocks per pool, and pools the requests filled (3.9's
   copy starts empty; the runtime's pools are shared with its own objects, so its
   count is N divided by blocks per pool, rounded up). */
static void compare(size_t n, void **kept)
{
    MoObmallocStats now, old;
    for (int i = 0; i < N; i++)
        blocks[i] = _MoObject_Malloc(NULL, n);
    _MoObject_GetMallocStats(&now);
    for (int i = 0; i < N; i++)
        _MoObject_Free(NULL, blocks[i]);
    for (int i = 0; i < N; i++)
        kept[i] = obmalloc_malloc(n);
    obmalloc_collect_stats(&old);
    size_t c = (n - 1) / now.alignment, c_old = (n - 1) / old.alignment;
    printf("%3zu bytes, %3zu-byte blocks | 3.11: %3zu a pool, %2zu pools | "
           "3.9: %3zu a pool, %3zu pools\n",
           n, now.block_size[c], now.blocks_per_pool[c],
           (N + now.blocks_per_pool[c] - 1) / now.blocks_per_pool[c],
           old.blocks_per_pool[c_old], old.pools[c_old]);
}

int main(void)
{
    Mo_Initialize();
    compare(24, old_blocks[0]); /* a float */
    compare(100, old_blocks[1]);
    compare(500, old_blocks[2]);
    char *report = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&report, &size);
    obmalloc_write_stats(f);
    fclose(f);
    printf("\nThe 3.9 layout's report, with its %d blocks of each size live:\n%s",
           N, report);
    free(report);
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < N; i++)
            obmalloc_free(old_blocks[k][i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
