/* Ownership in the C API: who must release each reference.
 *   new       the function gives you a reference: you own it, you must release it;
 *   borrowed  the function lets you look at an object someone else owns: do not
 *             release it, and do not keep it longer than its owner does;
 *   stolen    the function takes over the reference you pass: you no longer own it.
 * Each line prints the counts of the two strings involved, read from their headers.
 */
#include <stdio.h>
#include "mo.h"

static MoObject *spam, *eggs;   /* watched, through borrowed pointers */

static void counts(const char *what)
{
    if (spam == NULL)
        printf("%-46s spam: freed  eggs: %zd\n", what, Mo_REFCNT(eggs));
    else
        printf("%-46s spam: %zd  eggs: %zd\n", what, Mo_REFCNT(spam),
               Mo_REFCNT(eggs));
}

int main(void)
{
    Mo_Initialize();
    MoObject *list = MoList_New(0);                /* new: ours */
    MoObject *s = MoUnicode_FromString("spam");    /* new: ours */
    MoObject *e = MoUnicode_FromString("eggs");    /* new: ours */
    spam = s, eggs = e;
    counts("new: s and e are ours");

    MoList_Append(list, s);                        /* the list takes its own */
    counts("MoList_Append(list, s): does not steal");

    MoObject *item = MoList_GetItem(list, 0);      /* borrowed: no count taken */
    counts("item = MoList_GetItem(list, 0): borrowed");
    printf("%-46s %s\n", "item is s:", item == s ? "True" : "False");

    Mo_DECREF(s);                                  /* we are done with s... */
    counts("Mo_DECREF(s): the list still holds spam"); /* ...the list is not */

    MoList_SetItem(list, 0, e);                    /* steals e, releases spam */
    /* spam's count reached zero inside MoList_SetItem: it was freed, and neither
       spam nor item may be used any more. e is the list's now: not ours to
       release. */
    spam = NULL;
    counts("MoList_SetItem(list, 0, e): steals e");

    MoObject *t = MoTuple_New(1);                  /* new: ours */
    MoTuple_SetItem(t, 0, Mo_NewRef(e));           /* steals: give it a new one */
    printf("%-46s eggs: %zd\n", "t = (e,) with MoTuple_SetItem: steals",
           Mo_REFCNT(eggs));

    Mo_DECREF(t);                                  /* t's reference to eggs goes */
    Mo_DECREF(list);                               /* list's goes: eggs is freed */
    return Mo_Finalize() == 0 ? 0 : 1;
}
