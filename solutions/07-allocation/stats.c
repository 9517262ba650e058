/* Lab 07, part B: statistics in the style of sys._debugmallocstats(), from a walk of
 * the arenas and pools (see pool.h for what each figure means).
 */
#include <string.h>
#include "pool_layout.h"

/* region count_pool */
/* Add one touched pool of an arena to st: its state, and for a pool in use its
   class's blocks and the bytes of its header and its tail. */
static void count_pool(const PoolHeader *pool, PoolStats *st)
{
    /* BEGIN SOLUTION */
    /* STUB: (void)pool; */
    /* STUB: (void)st; */
    if (pool->ref == 0) {
        st->empty_pools++;
        return;
    }
    unsigned int c = pool->szidx;
    size_t size = POOL_INDEX2SIZE(c), nblocks = POOL_NBLOCKS(c);
    st->pools[c]++;
    st->blocks_in_use[c] += pool->ref;
    st->blocks_available[c] += nblocks - pool->ref;
    if (pool->ref == nblocks)
        st->full_pools++;
    else
        st->used_pools++;
    st->bytes_in_use += pool->ref * size;
    st->bytes_available += (nblocks - pool->ref) * size;
    st->bytes_pool_headers += POOL_OVERHEAD;
    st->bytes_quantization += (POOL_SIZE - POOL_OVERHEAD) - nblocks * size;
    /* END SOLUTION */
}
/* endregion count_pool */

void Pool_GetStats(const PoolAllocator *a, PoolStats *out)
{
    memset(out, 0, sizeof *out);
    /* BEGIN SOLUTION */
    /* STUB: (void)a; */
    /* STUB: (void)count_pool; */
    for (const Arena *ar = a->arenas; ar != NULL; ar = ar->next) {
        out->arenas++;
        for (unsigned int i = 0; i < ar->ntouched; i++)
            count_pool(POOL_AT(ar, i), out);
        out->empty_pools += ar->npools - ar->ntouched;   /* never used */
        out->bytes_arena_alignment += POOL_ARENA_SIZE - (size_t)ar->npools * POOL_SIZE;
    }
    out->bytes_in_empty_pools = out->empty_pools * POOL_SIZE;
    out->arenas_allocated_total = a->arenas_allocated_total;
    out->arenas_reclaimed = a->arenas_reclaimed;
    out->arenas_highwater = a->arenas_highwater;
    out->big_blocks = a->big_blocks;
    /* END SOLUTION */
}

/* One "label = value" line as CPython's printone writes it: the label padded to 35
   columns, the value with thousands separators right-aligned in 21. */
static size_t print_one(FILE *out, const char *label, size_t value)
{
    char digits[32], grouped[48];
    int n = snprintf(digits, sizeof digits, "%zu", value), g = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    fprintf(out, "%-35s=%21s\n", label, grouped);
    return value;
}

/* region print_stats */
size_t Pool_PrintStats(const PoolAllocator *a, FILE *out)
{
    PoolStats st;
    Pool_GetStats(a, &st);
    fprintf(out, "Small block threshold = %d, in %d size classes.\n", POOL_SMALL_REQUEST, POOL_NCLASSES);
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the class table, the arenas, where the bytes go (see the README). */
    /* STUB: (void)print_one; */
    /* STUB: return 0; */
    fputs("\nclass   size   num pools   blocks in use  avail blocks\n"
          "-----   ----   ---------   -------------  ------------\n", out);
    for (unsigned int c = 0; c < POOL_NCLASSES; c++) {
        if (st.pools[c] != 0)
            fprintf(out, "%5u %6zu %11zu %15zu %13zu\n", c, POOL_INDEX2SIZE(c), st.pools[c],
                    st.blocks_in_use[c], st.blocks_available[c]);
    }
    fputc('\n', out);
    print_one(out, "# arenas allocated total", st.arenas_allocated_total);
    print_one(out, "# arenas reclaimed", st.arenas_reclaimed);
    print_one(out, "# arenas highwater mark", st.arenas_highwater);
    print_one(out, "# arenas allocated current", st.arenas);
    char label[64];
    snprintf(label, sizeof label, "%zu arenas * %d bytes/arena", st.arenas, POOL_ARENA_SIZE);
    print_one(out, label, st.arenas * POOL_ARENA_SIZE);
    fputc('\n', out);
    size_t total = print_one(out, "# bytes in allocated blocks", st.bytes_in_use);
    total += print_one(out, "# bytes in available blocks", st.bytes_available);
    snprintf(label, sizeof label, "%zu unused pools * %d bytes", st.empty_pools, POOL_SIZE);
    total += print_one(out, label, st.bytes_in_empty_pools);
    total += print_one(out, "# bytes lost to pool headers", st.bytes_pool_headers);
    total += print_one(out, "# bytes lost to quantization", st.bytes_quantization);
    total += print_one(out, "# bytes lost to arena alignment", st.bytes_arena_alignment);
    return print_one(out, "Total", total);
    /* END SOLUTION */
}
/* endregion print_stats */
