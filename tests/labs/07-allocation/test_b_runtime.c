/* Lab 07 grader, part A: the whole runtime on the student's allocator. Before every
 * test, before Mo_Initialize, Pool_InstallForObjects puts a PoolAllocator under the
 * object domain; these tests look at it through its statistics while the runtime's
 * objects come and go. The runtime is the release build (grade.conf): the requests
 * are CPython's sizes, with no debug padding. */
#include <string.h>
#include "lab07_tests.h"

static int install(void)
{
    return Pool_InstallForObjects();
}
MG_LAB_BEFORE_INIT(install)

static PoolAllocator *installed(void)
{
    PoolAllocator *a = Pool_Installed();
    if (a == NULL)
        ck_abort_msg("Pool_Installed() is NULL: Pool_InstallForObjects installed no allocator");
    return a;
}

/* The first class whose blocks in use differ between two snapshots, or -1. */
static int first_difference(const PoolStats *x, const PoolStats *y)
{
    for (int c = 0; c < POOL_NCLASSES; c++) {
        if (x->blocks_in_use[c] != y->blocks_in_use[c])
            return c;
    }
    return -1;
}

MG_TEST(runtime_objects_in_pools, 4, "after Mo_Initialize, new lists, dicts, strs, ints, tuples and floats are blocks of your pools")
{
    PoolAllocator *a = installed();
    MoObject *objs[6] = {
        MoList_New(0), MoDict_New(), MoUnicode_FromString("a new string"), MoLong_FromLong(1000000),
        MoTuple_Pack(2, Mo_None, Mo_None), MoFloat_FromDouble(2.5),
    };
    static const char *const names[6] = { "list", "dict", "str", "int", "tuple", "float" };
    for (int i = 0; i < 6; i++) {
        mg_ok(objs[i], names[i]);
        if (!Pool_Owns(a, objs[i]))
            ck_abort_msg("a new %s at %p is not in your pools: the object domain does not run on them", names[i],
                         (void *)objs[i]);
    }
    for (int i = 0; i < 6; i++)
        Mo_DECREF(objs[i]);
}

MG_TEST(runtime_workload_returns_blocks, 5, "500 strs and 500 ints in a tuple: blocks of classes 4 and 1 go up by 500, and back once the tuple is dropped")
{
    PoolAllocator *a = installed();
    PoolStats before, during, after;
    Pool_GetStats(a, &before);
    /* a tuple of 1000 is a big block, and has no free list to keep it: dropped, it is freed */
    MoObject *tuple = mg_ok(MoTuple_New(1000), "a tuple of 1000");
    char text[21];
    for (int i = 0; i < 500; i++) {
        snprintf(text, sizeof text, "string number %06d", i);   /* 20 characters: 69 bytes, class 4 */
        MoTuple_SET_ITEM(tuple, 2 * i, mg_ok(MoUnicode_FromString(text), "a str"));
        MoTuple_SET_ITEM(tuple, 2 * i + 1, mg_ok(MoLong_FromLong(1000 + i), "an int"));   /* 28 bytes, class 1 */
    }
    Pool_GetStats(a, &during);
    ck_assert_msg(during.blocks_in_use[4] == before.blocks_in_use[4] + 500 &&
                  during.blocks_in_use[1] == before.blocks_in_use[1] + 500,
                  "blocks in use of class 4 went from %zu to %zu, of class 1 from %zu to %zu: expected 500 more each",
                  before.blocks_in_use[4], during.blocks_in_use[4], before.blocks_in_use[1], during.blocks_in_use[1]);
    Mo_DECREF(tuple);
    Pool_GetStats(a, &after);
    int c = first_difference(&before, &after);
    ck_assert_msg(c < 0, "after the tuple was dropped, class %d has %zu blocks in use, %zu before it was made", c,
                  c < 0 ? 0 : after.blocks_in_use[c], c < 0 ? 0 : before.blocks_in_use[c]);
}

MG_TEST(runtime_collector_frees_to_pools, 4, "200 dropped cycles stay in the pools until gc.collect() frees them, then every class is as before")
{
    PoolAllocator *a = installed();
    MoGC_Collect();
    PoolStats before, during, after;
    Pool_GetStats(a, &before);
    MoGC_Disable();
    for (int i = 0; i < 200; i++) {
        MoObject *l = mg_ok(MoList_New(0), "list()");
        MoList_Append(l, l);
        Mo_DECREF(l);
    }
    Pool_GetStats(a, &during);
    ck_assert_msg(during.blocks_in_use[3] >= before.blocks_in_use[3] + 200, "200 lists in cycles: blocks of class 3 "
                  "went from %zu to %zu, expected 200 more", before.blocks_in_use[3], during.blocks_in_use[3]);
    Mo_ssize_t found = MoGC_Collect();
    MoGC_Enable();
    ck_assert_msg(found == 200, "gc.collect() found %zd objects, expected 200", found);
    Pool_GetStats(a, &after);
    int c = first_difference(&before, &after);
    ck_assert_msg(c < 0, "after gc.collect(), class %d has %zu blocks in use, %zu before the cycles were made", c,
                  c < 0 ? 0 : after.blocks_in_use[c], c < 0 ? 0 : before.blocks_in_use[c]);
}

MG_TEST(runtime_big_object_to_backing, 3, "a str of 1000 characters (1049 bytes) is not in the pools: the saved allocator has it")
{
    PoolAllocator *a = installed();
    PoolStats before, during, after;
    Pool_GetStats(a, &before);
    char text[1001];
    memset(text, 'x', 1000);
    text[1000] = '\0';
    MoObject *s = mg_ok(MoUnicode_FromString(text), "a str of 1000 characters");
    Pool_GetStats(a, &during);
    ck_assert_msg(!Pool_Owns(a, s), "the str of 1049 bytes at %p is in your pools", (void *)s);
    ck_assert_msg(during.big_blocks == before.big_blocks + 1, "big_blocks went from %zu to %zu for one str of "
                  "1049 bytes, expected one more", before.big_blocks, during.big_blocks);
    Mo_DECREF(s);
    Pool_GetStats(a, &after);
    ck_assert_msg(after.big_blocks == before.big_blocks, "big_blocks is %zu after the str died, %zu before it was made",
                  after.big_blocks, before.big_blocks);
}
