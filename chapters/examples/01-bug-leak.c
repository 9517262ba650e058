/* Bug 1, the leak: a new reference that nobody releases. The object stays alive
 * until the end, and nothing can free it: no pointer to it is left that anyone will
 * DECREF. The debug runtime counts live objects; Mo_Finalize reports each survivor
 * by type and returns how many there were.
 */
/* stops: Mo_Finalize finds the leaked list and the program exits with status 1 */
#include <stdio.h>
#include "mo.h"

/* Returns a new reference... which the caller below forgets to release. */
static MoObject *make_greeting(void)
{
    return MoUnicode_FromString("hello");
}

int main(void)
{
    Mo_Initialize();
    MoObject *list = MoList_New(0);
    MoObject *greeting = make_greeting();
    MoList_Append(list, greeting);      /* the list takes its own reference... */
    /* ...and ours should be released here: Mo_DECREF(greeting); is missing */
    printf("greeting's count: %zd (the list's and ours)\n", Mo_REFCNT(greeting));
    Mo_DECREF(list);                    /* the list goes, the string stays */
    printf("after Mo_DECREF(list): %zd (ours, never released)\n",
           Mo_REFCNT(greeting));
    return Mo_Finalize() == 0 ? 0 : 1;  /* reports the leak; 1 = leaked */
}
