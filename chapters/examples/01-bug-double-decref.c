/* Bug 2, the double DECREF: releasing a reference that was already released.
 * Here the program releases the list with Mo_DECREF and then again with
 * Mo_DECREF, as if it owned two references. The first frees the list; the second
 * works on freed memory. In CPython that is undefined: it may crash at once, later,
 * or never. The debug runtime keeps a freed object's memory aside for a while,
 * marked as dead, so that this DECREF finds the mark and stops the program, naming
 * the type, the address and the line.
 */
/* stops: the second Mo_DECREF finds a freed object; the runtime aborts */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *list = MoList_New(0);
    printf("count: %zd\n", Mo_REFCNT(list));
    Mo_DECREF(list);                    /* the only reference: the list is freed */
    printf("released once\n");
    Mo_DECREF(list);                    /* the bug: released twice */
    printf("never printed\n");
    return 0;
}
