/* Reading a block after it went back to its pool: memcheck must report the
 * invalid read, say the address is inside a freed block, and show where the
 * block was freed and where it was allocated. */
#include <stdio.h>
#include "mo.h"

static char *make_buffer(void)
{
    char *p = MoMem_Malloc(24);
    snprintf(p, 24, "hello");
    return p;
}

static int read_after_free(char *p)
{
    return p[1];                               /* invalid: p was freed */
}

int main(void)
{
    Mo_Initialize();
    char *p = make_buffer();
    MoMem_Free(p);
    int c = read_after_free(p);
    Mo_Finalize();
    return c == 'e' ? 0 : 1;
}
