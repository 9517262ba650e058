/* Which size class an object's block comes from: 1,000 objects of each kind,
 * and the classes whose blocks in use changed, printed under the first line of
 * MoObject_DebugMallocStats, as the twin does under sys._debugmallocstats().
 * The free lists of floats, tuples and dicts are emptied first (their objects
 * kept), so that every object counted comes from the pools. */
/* allocator: pymalloc */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mo.h"

typedef MoObject *(*make_fn)(long i);

static MoObject *make_float(long i) { return MoFloat_FromDouble(i + 0.5); }
static MoObject *make_int(long i) { return MoLong_FromLong(1000000 + i); }
static MoObject *make_pair(long i)
{
    MoObject *bit = MoLong_FromLong(i % 2), *t = MoTuple_Pack(2, Mo_None, bit);
    Mo_DECREF(bit);
    return t;
}
static MoObject *make_dict(long i)
{
    (void)i;
    return MoDict_New();
}

static MoObject *make_str(long i)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%020ld", i);
    return MoUnicode_FromString(buf);
}

static MoObject *make_long_str(long i)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%0100ld", i);
    return MoUnicode_FromString(buf);
}

/* new: a list of n objects from make. */
static MoObject *list_of(long n, make_fn make)
{
    MoObject *x = MoList_New(0);
    for (long i = 0; i < n; i++) {
        MoObject *v = make(i);
        MoList_Append(x, v);
        Mo_DECREF(v);
    }
    return x;
}

/* region main */
/* drain: thousands of objects made first and kept (the free list empty) */
static void row(const char *what, make_fn make, long drain)
{
    MoObject *kept = list_of(1000 * drain, make);
    MoObmallocStats before, after;
    _MoObject_GetMallocStats(&before);
    MoObject *x = list_of(1000, make);
    _MoObject_GetMallocStats(&after);
    for (size_t c = 0; c < before.nclasses; c++) {
        long delta = (long)after.blocks_in_use[c] - (long)before.blocks_in_use[c];
        if (delta != 0)
            printf("%-28s %5zu %6zu %+15ld\n", what, c, after.block_size[c], delta);
    }
    Mo_DECREF(x);
    Mo_DECREF(kept);
}

int main(void)
{
    Mo_Initialize();
    MoObject *lists = MoList_New(0); /* the list free list full, as in the twin */
    for (int i = 0; i < 100; i++) {
        MoObject *l = MoList_New(0);
        MoList_Append(lists, l);
        Mo_DECREF(l);
    }
    Mo_DECREF(lists);
    char *report = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&report, &size);
    MoObject_DebugMallocStats(f);
    fclose(f);
    printf("%.*s\n\n", (int)strcspn(report, "\n"), report); /* its first line */
    free(report);
    printf("1,000 of each                class   size   blocks in use\n");
    row("float", make_float, 1);
    row("int 1000000 + i", make_int, 0);
    row("str of 20 ASCII characters", make_str, 0);
    row("str of 100 ASCII characters", make_long_str, 0);
    row("tuple (None, i % 2)", make_pair, 2);
    row("dict, empty", make_dict, 1);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
