/* A write through a pointer to a freed block, then a new allocation that gets
   the same block back (the pools are LIFO): the dead bytes are not dead any
   more, and the allocation stops the program. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    MoMem_Free(p);
    p[2] = 'x';                   /* use after free */
    char *q = MoMem_Malloc(13);   /* the same block: stops here */
    MoMem_Free(q);
    return 0;
}
