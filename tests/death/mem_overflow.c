/* One byte written past the end of a 13-byte block: the debug hooks find the
   trailing pad byte changed when the block is freed, and stop the program. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    p[13] = 0;                    /* one past the end */
    MoMem_Free(p);                /* stops here */
    return 0;
}
