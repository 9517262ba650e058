/* One pool, drawn from a walk of its blocks: 20 requests of 490 bytes take
 * blocks 0-19 of a fresh pool of the 496-byte class (32 blocks after the 48-byte
 * header); four are freed; the next request gets the block freed last. The
 * picture (07-pool.dot) colours each block allocated, free or untouched. */
/* allocator: pymalloc */
#include <stdint.h>
#include <stdio.h>
#include "mo.h"

/* 481..496-byte requests: no object of the runtime has this size */
#define CLASS 30

/* region main */
/* The index of block p in its pool: pools start on 16 KiB boundaries, and
   their blocks after the 48-byte header. */
static long block_index(const void *p)
{
    uintptr_t pool = (uintptr_t)p & ~(uintptr_t)(16384 - 1);
    return (long)(((uintptr_t)p - pool - 48) / 496);
}

int main(void)
{
    Mo_Initialize();
    MoObmallocStats st;
    _MoObject_GetMallocStats(&st);
    printf("pools of %zu-byte blocks before: %zu, %zu blocks each\n",
           st.block_size[CLASS], st.pools[CLASS], st.blocks_per_pool[CLASS]);
    void *block[20];
    for (int i = 0; i < 20; i++)
        block[i] = MoObject_Malloc(490);
    printf("20 requests of 490 bytes: blocks %ld to %ld\n", block_index(block[0]),
           block_index(block[19]));
    const int freed[] = {3, 7, 11, 15};
    for (int i = 0; i < 4; i++) {
        MoObject_Free(block[freed[i]]);
        printf("free block %d\n", freed[i]);
    }
    void *again = MoObject_Malloc(490);
    printf("the next request: block %ld (%s address as block[15])\n",
           block_index(again), again == block[15] ? "the same" : "not the same");
    block[15] = again;
    FILE *dot = fopen("07-pool.dot", "w");
    _MoObject_WritePoolDot(dot, again);
    fclose(dot);
    for (int i = 0; i < 20; i++)
        if (i != 3 && i != 7 && i != 11)
            MoObject_Free(block[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
