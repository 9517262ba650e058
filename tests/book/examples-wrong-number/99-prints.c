/* Prints two sizes; the book's text cites one of them wrongly. */
#include <stdio.h>
#include "mo.h"

int main(void)
{
    Mo_Initialize();
    MoObject *zero = MoLong_FromLong(0), *list = MoList_New(0);
    printf("getsizeof([]) = %zd\n", MoSys_GetSizeOf(list));
    printf("getsizeof(0) = %zd\n", MoSys_GetSizeOf(zero));
    Mo_DECREF(list);
    Mo_DECREF(zero);
    return Mo_Finalize() == 0 ? 0 : 1;
}
