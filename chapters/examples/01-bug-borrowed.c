/* Bug 4, the borrowed reference kept past its owner's life. MoList_GetItem lends
 * the program the list's reference to its first item; the lent pointer is good only
 * while the list holds that item. The program frees the list (and so the item), and
 * then tries to keep the item by taking a reference to it: too late. The fix is to
 * take the reference (Mo_NewRef) before the owner goes.
 */
/* stops: the Mo_INCREF on the borrowed item comes after its owner freed it */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *list = MoList_New(0);
    MoObject *word = MoUnicode_FromString("spam");
    MoList_Append(list, word);
    Mo_DECREF(word);                             /* now only the list holds it */
    MoObject *first = MoList_GetItem(list, 0);   /* borrowed from the list */
    printf("first item's count: %zd (the list's)\n", Mo_REFCNT(first));
    Mo_DECREF(list);                             /* the owner goes, and its items */
    printf("list released\n");
    Mo_INCREF(first);                            /* the bug: too late to keep it */
    printf("never printed\n");
    return 0;
}
