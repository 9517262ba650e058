/* A forgotten DECREF in a C helper, found twice: by the debug runtime's count of live
 * objects at Mo_Finalize, and by valgrind's memcheck, which names the line that
 * allocated the block when every object is its own malloc block (MOMALLOC=malloc). */
/* allocator: malloc */
/* stops: Mo_Finalize finds the leaked str and the program exits with status 1 */
#include <stdio.h>
#include "mo.h"

/* region leak */
/* The number of characters of str(n) * 3: the str made to measure it is never released. */
static Mo_ssize_t label_length(long n)
{
    MoObject *label = MoUnicode_FromFormat("%ld%ld%ld", n, n, n);
    Mo_ssize_t length = MoUnicode_GetLength(label);
    return length;                                   /* forgot Mo_DECREF(label) */
}
/* endregion leak */

int main(void)
{
    Mo_Initialize();
    printf("label_length(123456) = %zd\n", label_length(123456));
    return Mo_Finalize() == 0 ? 0 : 1;
}
