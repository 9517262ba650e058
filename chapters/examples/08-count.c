/* Why 10,000 squares make 9,984 blocks: the squares that are small ints (-5 .. 256)
 * are the runtime's preallocated objects, and the list's item array is one block. */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    /* region main */
    MoObject *bunch = MoList_New(0);
    for (long x = 0; x < 10000; x++) { MoObject *v = MoLong_FromLong(x * x); MoList_Append(bunch, v); Mo_DECREF(v); }
    long cached = 0;
    for (Mo_ssize_t i = 0; i < MoList_Size(bunch); i++) {
        MoObject *item = MoList_GetItem(bunch, i);
        MoObject *again = MoLong_FromLong(MoLong_AsLong(item));   /* int(str(v)): the same value anew */
        cached += again == item;                                  /* the same object: a small int */
        Mo_DECREF(again);
    }
    printf("items: %zd, of which preallocated small ints: %ld\n", MoList_Size(bunch), cached);
    printf("new int objects: %ld, plus the item array: %ld blocks\n", MoList_Size(bunch) - cached,
           MoList_Size(bunch) - cached + 1);
    /* endregion main */
    Mo_DECREF(bunch);
    return Mo_Finalize() == 0 ? 0 : 1;
}
