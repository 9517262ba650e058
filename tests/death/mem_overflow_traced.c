/* The overflow of mem_overflow.c with the tracer on: the report also says where
   the block was allocated, as CPython's does under tracemalloc. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoTraceMalloc_Start(5);
    char *p = MoMem_Malloc(13);   /* line 9 */
    p[13] = 0;
    MoMem_Free(p);                /* stops here */
    return 0;
}
