/* A pointer used after its block was freed: here, freed a second time. The
 * debug hooks marked the block when it was freed (dead bytes 0xDD and a freed
 * mark in its leading pad, which the pools leave alone), so the second free
 * finds the mark and stops the program, naming the block. */
/* stops: the block was already freed */
#include "mo.h"

/* region main */
int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    MoMem_Free(p);
    MoMem_Free(p); /* the second time: stops here */
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
