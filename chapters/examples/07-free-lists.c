/* The same address coming back. A dead float, tuple, list or dict waits on its
 * type's free list and is the next one of its kind to be made; its block stays
 * allocated in the pools. A dead int has no free list: its block goes back to
 * its pool, whose free list hands it out again to the next request of its size. */
/* allocator: pymalloc */
#include <stdio.h>
#include "mo.h"

static long in_use(size_t c)
{
    MoObmallocStats st;
    _MoObject_GetMallocStats(&st);
    return (long)st.blocks_in_use[c];
}

/* region main */
/* Make one with make(1), note its address and its class's blocks in use, drop
   it; make another with make(2): same address? */
static void again(const char *what, MoObject *(*make)(long), size_t c)
{
    MoObject *x = make(1);
    void *a = x;
    long before = in_use(c);
    Mo_DECREF(x);
    long after = in_use(c);
    MoObject *y = make(2);
    printf(
        "%-6s id(y) == id(x): %-5s  blocks in use of class %zu after del x: %+ld\n",
        what, (void *)y == a ? "True" : "False", c, after - before);
    Mo_DECREF(y);
}

static MoObject *a_float(long i) { return MoFloat_FromDouble(i + 0.5); }
static MoObject *an_int(long i) { return MoLong_FromLong(1000000 + i); }
static MoObject *a_list(long i)
{
    (void)i;
    return MoList_New(0);
}
static MoObject *a_dict(long i)
{
    (void)i;
    return MoDict_New();
}

static MoObject *a_tuple(long i)
{
    MoObject *n = MoLong_FromLong(i), *t = MoTuple_Pack(2, n, n);
    Mo_DECREF(n);
    return t;
}

int main(void)
{
    Mo_Initialize();
    again("float", a_float, 1);
    again("tuple", a_tuple, 3);
    again("list", a_list, 3);
    again("dict", a_dict, 3);
    again("int", an_int, 1);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
