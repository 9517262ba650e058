/* A write through a pointer to a block already freed. The debug hooks filled the
 * block with dead bytes (0xDD) when it was freed; the pools hand the same block
 * to the next request of its size (last freed, first reused), and the hooks,
 * finding a dead byte changed, stop the program at that request. */
/* stops: the block freed last was written to before it was handed out again */
#include "mo.h"

/* region main */
int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    MoMem_Free(p);
    p[2] = 'x';                 /* use after free */
    char *q = MoMem_Malloc(13); /* the same block: stops here */
    MoMem_Free(q);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
