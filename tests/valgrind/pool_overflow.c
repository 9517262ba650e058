/* A write one byte past the end of a 13-byte block. Under valgrind the debug
 * hooks' pad bytes are no-access, so memcheck reports the write where it
 * happens, with its stack; then the hooks find the pad byte changed at the
 * free and stop the program, as they do without valgrind. */
#include "mo.h"

static char *make_buffer(void)
{
    return MoMem_Malloc(13);
}

static void write_past_end(char *p)
{
    p[13] = 0;                                 /* one past the end */
}

int main(void)
{
    Mo_Initialize();
    char *p = make_buffer();
    write_past_end(p);
    MoMem_Free(p);                             /* the hooks stop the program here */
    return 0;
}
