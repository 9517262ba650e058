/* One byte written just before a block: the leading pad bytes are checked first,
   because a corrupted header cannot be trusted to say where the block ends. */
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    char *p = MoObject_Malloc(13);
    p[-1] = 0;                    /* one before the start */
    MoObject_Free(p);             /* stops here */
    return 0;
}
