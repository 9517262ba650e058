/* sys.getrefcount reports one more than the header holds: its own argument is a
 * reference too. The C twin of 01-getrefcount.py. MoSys_GetRefCount is our
 * sys.getrefcount, but a C call does not take a reference to its argument, so it
 * reports the header's count as it is: the lines below that say so differ.
 */
/* differs "sys.getrefcount(a):": CPython's sys.getrefcount counts the reference
   held by its own argument; MoSys_GetRefCount reads the header without adding
   one */
/* differs "after b = a, getrefcount:": the same +1, one reference later */
/* differs "count_inside(a):": CPython adds two: the frame of count_inside holds its
   argument, and getrefcount's argument is one more; the C function borrows its
   argument and adds none */
/* differs "refcount of 1:": both runtimes start small ints at 999999999, but
   CPython's own modules and compiled code hold hundreds of references to 1, which
   this program does not have */
/* varies "refcount of 1:": how many references CPython's modules hold depends on what
   it imported at start-up (site and the .pth files of its installation) */
#include <stdio.h>
#include "mo.h"

/* count_inside(obj): a C function borrows its argument. */
static Mo_ssize_t count_inside(MoObject *obj)
{
    return MoSys_GetRefCount(obj);
}

int main(void)
{
    Mo_Initialize();
    MoObject *a = MoList_New(0);
    printf("header count of a:       %zd\n", Mo_REFCNT(a));
    printf("sys.getrefcount(a):      %zd\n", MoSys_GetRefCount(a));
    MoObject *b = Mo_NewRef(a);
    printf("after b = a, header:     %zd\n", Mo_REFCNT(a));
    printf("after b = a, getrefcount: %zd\n", MoSys_GetRefCount(a));
    printf("count_inside(a):         %zd\n", count_inside(a));
    MoObject *one = MoLong_FromLong(1);
    printf("refcount of 1 > 999999999: %s\n",
           Mo_REFCNT(one) > 999999999 ? "True" : "False");
    printf("refcount of 1:           %zd\n", Mo_REFCNT(one));
    Mo_DECREF(one);
    Mo_DECREF(b);
    Mo_DECREF(a);
    return Mo_Finalize() == 0 ? 0 : 1;
}
