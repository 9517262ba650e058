/* A block freed twice: the first free left the freed mark in its header. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    MoMem_Free(p);
    MoMem_Free(p);                /* stops here */
    return 0;
}
