/* One arena, drawn from a walk of the live pools: 10,000 floats fill pools of
 * the 32-byte class; 2,000 strings of 100 characters fill pools of the 160-byte
 * class, and then all but one string in 250 are dropped, which leaves some of
 * those pools used and empties the rest. The picture (07-arena.dot) colours
 * every pool of the arena by its state and labels it with its block size. */
/* allocator: pymalloc */
#include <stdio.h>
#include "mo.h"

/* region main */
typedef struct {
    size_t arena, count[4];
} census;

/* Count the pools of one arena by state (a visitor for _MoObject_WalkPools). */
static int count_pools(const MoPoolInfo *pool, void *ctx)
{
    census *c = ctx;
    if (pool->arena == c->arena)
        c->count[pool->state]++;
    return 0;
}

static MoObject *make_str(long i)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%0100ld", i);
    return MoUnicode_FromString(buf);
}

int main(void)
{
    Mo_Initialize();
    MoObject *floats = MoList_New(0), *strs = MoList_New(0);
    for (long i = 0; i < 10000; i++) {
        MoObject *f = MoFloat_FromDouble(i + 0.5);
        MoList_Append(floats, f);
        Mo_DECREF(f);
    }
    for (long i = 0; i < 2000; i++) {
        MoObject *s = make_str(i);
        MoList_Append(strs, s);
        Mo_DECREF(s);
    }
    MoObject *kept = MoList_New(0); /* one string in 250 */
    for (Mo_ssize_t i = 0; i < MoList_GET_SIZE(strs); i += 250)
        MoList_Append(kept, MoList_GET_ITEM(strs, i));
    Mo_DECREF(strs);

    MoObmallocStats st;
    _MoObject_GetMallocStats(&st);
    printf("arenas of %zu bytes, pools of %zu bytes, pool headers of %zu bytes\n",
           st.arena_size, st.pool_size, st.pool_overhead);
    census c = {.arena = 0};
    _MoObject_WalkPools(count_pools, &c);
    printf("arena 0: %zu full pools, %zu used, %zu empty\n", c.count[MO_POOL_FULL],
           c.count[MO_POOL_USED], c.count[MO_POOL_EMPTY]);
    FILE *dot = fopen("07-arena.dot", "w");
    _MoObject_WriteArenaDot(dot, 0);
    fclose(dot);
    Mo_DECREF(kept);
    Mo_DECREF(floats);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
