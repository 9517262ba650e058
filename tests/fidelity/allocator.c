/* The small-object allocator as a release CPython 3.11 has it (allocator.py is
 * the twin): which size class objects land in, what a del gives back (to the
 * pools, to the free lists, to the OS as arenas), and the traced memory a del
 * gives back. It runs on the release-like allocator, chosen before Mo_Initialize
 * as PYTHONMALLOC=pymalloc would: no debug padding (which would put a float in
 * the 64-byte class) and no quarantine of freed objects (which would hold back
 * the last 1,024 of them), while the debug build's refcount checks stay on.
 *
 * Each step reads the pools' numbers before and after and prints what changed,
 * doing the work the Python line does (a list built by appending, the same
 * objects, the same free lists emptied or filled first).
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static MoObmallocStats before, after;

static void take(MoObmallocStats *st)
{
    _MoObject_GetMallocStats(st);
}

/* The classes whose blocks in use changed from a to b. */
static void print_step(const char *title, const MoObmallocStats *a, const MoObmallocStats *b)
{
    printf("%s:\n", title);
    for (size_t c = 0; c < a->nclasses; c++) {
        long delta = (long)b->blocks_in_use[c] - (long)a->blocks_in_use[c];
        if (delta != 0)
            printf("  class %2zu (%3zu bytes): %+6ld blocks in use\n", c, a->block_size[c], delta);
    }
}

typedef MoObject *(*make_fn)(long i);

/* new: a list of n objects made by make(start + i). */
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

static MoObject *make_float(long i) { return MoFloat_FromDouble((double)i); }
static MoObject *make_empty_list(long i) { (void)i; return MoList_New(0); }
static MoObject *make_int(long i) { return MoLong_FromLong(1000000 + i); }

static MoObject *two_to_the_70;
static MoObject *make_big_int(long i)
{
    MoObject *v = MoLong_FromLong(i), *r = MoNumber_Add(two_to_the_70, v);
    Mo_DECREF(v);
    return r;
}

static MoObject *make_bytes(long i)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%010ld", i);
    return MoBytes_FromStringAndSize(buf, 10);
}

static MoObject *make_str(long i)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%020ld", i);
    return MoUnicode_FromString(buf);
}

/* One step: build a list of 1,000, print what changed, drop it. */
static void step(const char *title, make_fn make)
{
    take(&before);
    MoObject *x = list_of(1000, make);
    take(&after);
    print_step(title, &before, &after);
    Mo_DECREF(x);
}

static const char *py_bool(int b) { return b ? "True" : "False"; }

static void arenas(void)
{
    MoObmallocStats s0, s1, s2, s3;
    take(&s0);
    MoObject *x = list_of(200000, make_float);
    take(&s1);
    Mo_DECREF(x);
    take(&s2);
    x = list_of(200000, make_float);
    MoObject *y = MoList_New(0);
    for (Mo_ssize_t i = 0; i < MoList_GET_SIZE(x); i += 500)
        MoList_Append(y, MoList_GET_ITEM(x, i));
    Mo_DECREF(x);
    take(&s3);
    long added = (long)s1.arenas_current - (long)s0.arenas_current;
    long given_back = (long)s2.arenas_reclaimed - (long)s1.arenas_reclaimed;
    printf("200,000 floats: arenas added, 6 or 7: %s\n", py_bool(added == 6 || added == 7));
    printf("their del: arenas given back to the OS, all but 1 or 2: %s\n",
           py_bool(added - given_back == 1 || added - given_back == 2));
    printf("their del: class 1 blocks given back: %zu\n", s1.blocks_in_use[1] - s2.blocks_in_use[1]);
    printf("one float in 500 kept: arenas given back: %zu\n", s3.arenas_reclaimed - s2.arenas_reclaimed);
    printf("one float in 500 kept: class 1 blocks in use: %+ld\n",
           (long)s3.blocks_in_use[1] - (long)s2.blocks_in_use[1]);
    Mo_DECREF(y);
}

/* The largest difference between the snapshots before and after the del: the
   line that built the list, its ints and its item array given back (the list's
   shell came from the free list, untraced). */
static void traced_del(void)
{
    MoTraceMalloc_Start(1);
    MoObject *x = MoList_New(0), *r = MoRange_New(0, 10000, 1);
    MoList_Extend(x, r);
    Mo_DECREF(r);
    MoObject *s1 = MoTraceMalloc_TakeSnapshot();
    Mo_DECREF(x);
    MoObject *s2 = MoTraceMalloc_TakeSnapshot();
    MoObject *diffs = MoSnapshot_CompareTo(s2, s1, "lineno", 0);
    MoObject *top = MoList_GetItem(diffs, 0);
    MoObject *size = MoObject_GetAttrString(top, "size_diff"), *count = MoObject_GetAttrString(top, "count_diff");
    printf("del of a list of 10,000 ints: traced memory given back: %ld bytes in %ld blocks\n", -MoLong_AsLong(size),
           -MoLong_AsLong(count));
    Mo_DECREF(size);
    Mo_DECREF(count);
    Mo_DECREF(diffs);
    Mo_DECREF(s2);
    Mo_DECREF(s1);
    MoTraceMalloc_Stop();
}

int main(void)
{
    if (_MoMem_SetupAllocators(MOMEM_ALLOCATOR_PYMALLOC) < 0 || Mo_Initialize() < 0)
        return 1;
    MoGC_Disable();
    /* Empty the float free list (it holds at most 100) and fill the list free
       list (80), as the twin does. */
    MoObject *keep = list_of(100, make_float);
    Mo_DECREF(list_of(100, make_empty_list));

    take(&before);
    MoObject *x = list_of(1000, make_float);
    take(&after);
    print_step("1,000 floats", &before, &after);
    before = after;
    Mo_DECREF(x);
    take(&after);
    print_step("del of the 1,000 floats", &before, &after);
    step("1,000 ints of one digit", make_int);
    MoObject *two = MoLong_FromLong(2), *seventy = MoLong_FromLong(70);
    two_to_the_70 = MoNumber_Power(two, seventy);
    Mo_DECREF(two);
    Mo_DECREF(seventy);
    step("1,000 ints of three digits", make_big_int);
    step("1,000 bytes of length 10", make_bytes);
    step("1,000 str of 20 ASCII characters", make_str);
    Mo_DECREF(two_to_the_70);

    arenas();
    traced_del();
    Mo_DECREF(keep);
    return Mo_Finalize() != 0;
}
