/* A write one byte past the end of a 13-byte block. The debug hooks cannot see
 * the write itself; they see its trace, a forbidden byte changed, when the block
 * is freed, and stop the program there. */
/* stops: the debug hooks find a trailing pad byte changed when the block is freed
 */
/* memcheck sees it: Invalid write of size 1 */
#include "mo.h"

/* region main */
int main(void)
{
    Mo_Initialize();
    char *p = MoMem_Malloc(13);
    for (int i = 0; i <= 13; i++) /* <= : one byte too many */
        p[i] = 'x';
    MoMem_Free(p); /* stops here */
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
