/* Pictures of the small-object allocator, drawn from a walk of its real
 * structures (obmalloc.c's _MoObject_WalkPools and _MoObject_PoolBlockStates),
 * as graphviz DOT: one node whose label is an HTML-like table.
 *
 *   an arena: its pools in rows of 8, in address order, each cell coloured by
 *   the pool's state (untouched, empty, used, full) and labelled with its block
 *   size and blocks in use;
 *   a pool: its 48-byte header, then its blocks in rows of 16, each coloured by
 *   its state (allocated, free: on the free list, untouched: never handed out).
 *
 * The pictures say nothing about addresses, so the same program draws the same
 * picture on every run (unless mmap gives an arena that is not pool-aligned: it
 * then has 63 pools, and the picture shows that).
 */
#include <stdlib.h>
#include "internal.h"

#define ARENA_COLUMNS 8
#define POOL_COLUMNS 16

static const char *const pool_colour[] = {
    [MO_POOL_UNTOUCHED] = "white", [MO_POOL_EMPTY] = "lightblue",
    [MO_POOL_USED] = "khaki", [MO_POOL_FULL] = "orange",
};
static const char *const pool_word[] = {
    [MO_POOL_UNTOUCHED] = "untouched", [MO_POOL_EMPTY] = "empty",
    [MO_POOL_USED] = "used", [MO_POOL_FULL] = "full",
};
static const char *const block_colour[] = {
    [MO_BLOCK_UNTOUCHED] = "white", [MO_BLOCK_FREE] = "palegreen", [MO_BLOCK_ALLOCATED] = "gray60",
};

typedef struct {
    FILE *out;
    size_t arena;
    int found;
} arena_drawing;

/* A row of n cells, one per state, in its colour and named. */
static void legend(FILE *out, const char *const *colours, const char *const *words, int n, int span)
{
    fprintf(out, "<tr><td colspan=\"%d\" border=\"0\"> </td></tr>\n<tr>", span);
    for (int i = 0; i < n; i++)
        fprintf(out, "<td colspan=\"%d\" bgcolor=\"%s\">%s</td>", span / n, colours[i], words[i]);
    fputs("</tr>\n", out);
}

static int draw_pool_cell(const MoPoolInfo *pool, void *ctx)
{
    arena_drawing *d = ctx;
    if (pool->arena != d->arena)
        return pool->arena > d->arena;   /* past it: stop */
    FILE *out = d->out;
    if (!d->found) {
        fprintf(out, "<tr><td colspan=\"%d\" border=\"0\"><b>arena %zu: %zu pools of 16 KiB</b></td></tr>\n",
                ARENA_COLUMNS, pool->arena, pool->arena_pools);
        d->found = 1;
    }
    if (pool->index % ARENA_COLUMNS == 0)
        fputs("<tr>", out);
    if (pool->szidx < 0)
        fprintf(out, "<td bgcolor=\"%s\" width=\"56\" height=\"36\"> </td>", pool_colour[pool->state]);
    else
        fprintf(out, "<td bgcolor=\"%s\" width=\"56\" height=\"36\">%zu B<br/>%zu/%zu</td>", pool_colour[pool->state],
                pool->block_size, pool->in_use, pool->nblocks);
    if (pool->index % ARENA_COLUMNS == ARENA_COLUMNS - 1 || pool->index + 1 == pool->arena_pools)
        fputs("</tr>\n", out);
    return 0;
}

static void begin(FILE *out, const char *name)
{
    fprintf(out, "digraph %s {\n  node [shape=plaintext, fontname=\"Helvetica\", fontsize=10];\n"
                 "  %s [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"2\">\n", name, name);
}

static void end(FILE *out)
{
    fputs("</table>>];\n}\n", out);
}

/* region arena_dot */
int _MoObject_WriteArenaDot(FILE *out, size_t arena)
{
    char *text = NULL;
    size_t size = 0;
    FILE *cells = open_memstream(&text, &size);   /* drawn first: the arena may not exist */
    if (cells == NULL)
        return -1;
    arena_drawing d = { cells, arena, 0 };
    _MoObject_WalkPools(draw_pool_cell, &d);
    fclose(cells);
    if (d.found) {
        begin(out, "arena");
        fputs(text, out);
        legend(out, pool_colour, pool_word, 4, ARENA_COLUMNS);
        end(out);
    }
    free(text);
    return d.found ? 0 : -1;
}
/* endregion arena_dot */

int _MoObject_WritePoolDot(FILE *out, const void *p)
{
    unsigned char states[1024];
    ptrdiff_t n = _MoObject_PoolBlockStates(p, states, sizeof states);
    if (n < 0)
        return -1;
    size_t counts[3] = { 0, 0, 0 };
    for (ptrdiff_t i = 0; i < n; i++)
        counts[states[i]]++;
    begin(out, "pool");
    fprintf(out, "<tr><td colspan=\"%d\" border=\"0\"><b>one pool: %td blocks, %zu allocated, %zu free, "
                 "%zu untouched</b></td></tr>\n<tr><td colspan=\"%d\" bgcolor=\"lightgray\">pool header "
                 "(48 bytes)</td></tr>\n", POOL_COLUMNS, n, counts[MO_BLOCK_ALLOCATED], counts[MO_BLOCK_FREE],
            counts[MO_BLOCK_UNTOUCHED], POOL_COLUMNS);
    for (ptrdiff_t i = 0; i < n; i++) {
        if (i % POOL_COLUMNS == 0)
            fputs("<tr>", out);
        fprintf(out, "<td bgcolor=\"%s\" width=\"24\" height=\"20\">%td</td>", block_colour[states[i]], i);
        if (i % POOL_COLUMNS == POOL_COLUMNS - 1 || i + 1 == n)
            fputs("</tr>\n", out);
    }
    static const char *const words[] = { "untouched", "free", "allocated" };
    legend(out, block_colour, words, 3, POOL_COLUMNS - 1);
    end(out);
    return 0;
}
