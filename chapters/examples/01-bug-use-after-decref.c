/* Bug 3, the use after DECREF: using an object after giving away the reference
 * that kept it alive. The order of two lines is all it takes: the program releases
 * its string, then appends it to a list, whose INCREF lands on freed memory. In
 * CPython the freed block may already hold another object, and the list would get
 * that one. The debug runtime stops at the INCREF.
 */
/* stops: MoList_Append's Mo_INCREF finds a freed object; the runtime aborts */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *list = MoList_New(0);
    MoObject *word = MoUnicode_FromString("spam");
    Mo_DECREF(word);                    /* the bug: released first... */
    printf("word released\n");
    MoList_Append(list, word);          /* ...used after */
    printf("never printed\n");
    Mo_DECREF(list);
    return 0;
}
