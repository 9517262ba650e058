/* An object leaked from the pools: memcheck must call it "definitely lost" and
 * show the stack that allocated it, down to make_leak, although the block came
 * from a pool inside an mmap'd arena and not from malloc. */
#include "mo.h"

static void make_leak(void)
{
    MoObject *f = MoFloat_FromDouble(3.25);   /* never released */
    (void)f;
}

int main(void)
{
    Mo_Initialize();
    make_leak();
    Mo_Finalize();   /* reports the survivor, then forgets it: nothing points to it */
    return 0;
}
