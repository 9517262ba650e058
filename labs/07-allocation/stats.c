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
    (void)pool;
    (void)st;
}
/* endregion count_pool */

void Pool_GetStats(const PoolAllocator *a, PoolStats *out)
{
    memset(out, 0, sizeof *out);
    (void)a;
    (void)count_pool;
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
    // TODO: the class table, the arenas, where the bytes go (see the README).
    (void)print_one;
    return 0;
}
/* endregion print_stats */
