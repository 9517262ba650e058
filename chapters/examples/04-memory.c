/* Memory the collector frees is not memory the process gives back. The program
 * makes 100,000 self-referencing lists, keeps one in every 1,000 alive, drops the
 * rest and collects: the collector frees 99,900 lists, but their blocks go back to
 * the small-object allocator, and an arena (1 MiB) goes back to the system only when
 * none of its blocks is in use. It prints the allocator's count of arenas at each
 * stage (the resident memory follows it; it is not printed because it differs from
 * run to run, and under valgrind). The debug build's allocator pads every block, so
 * there are more arenas than CPython would use; the effect is the same.
 */
#include <stdio.h>
#include "mo.h"

static size_t arenas(void)
{
    MoObmallocStats st;
    _MoObject_GetMallocStats(&st);
    return st.arenas_current;
}

static void report(const char *when)
{
    printf("%-24s arenas in use: %zu\n", when, arenas());
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoGC_Collect();
    report("start");
    MoObject *all = MoList_New(0), *keep = MoList_New(0);
    for (int i = 0; i < 100000; i++) {
        MoObject *a = MoList_New(0);
        MoList_Append(a, a);                   /* a.append(a) */
        MoList_Append(i % 1000 == 0 ? keep : all, a);
        Mo_DECREF(a);
    }
    report("100,000 cycles made");
    Mo_DECREF(all);                            /* del all: cycles, nothing freed */
    report("del all");
    printf("gc.collect(): %zd\n", MoGC_Collect());
    report("collected, 100 kept");
    MoList_Clear(keep);                        /* the last one in each arena */
    printf("gc.collect(): %zd\n", MoGC_Collect());
    report("the 100 dropped too");
    Mo_DECREF(keep);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
