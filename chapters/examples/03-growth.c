/* MoSys_GetSizeOf of a list after each of 100 appends, one line per run of equal
 * sizes: the C twin of 03-growth.py. The capacity is read from the list object
 * itself (its `allocated` field); the Python twin, which cannot see that field,
 * works it out from the size (56 bytes, plus 8 per slot).
 */
#include <stdio.h>
#include "mo.h"

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *lst = MoList_New(0);
    Mo_ssize_t sizes[101], capacities[101];
    sizes[0] = MoSys_GetSizeOf(lst);
    capacities[0] = ((MoListObject *)lst)->allocated;
    for (int i = 1; i <= 100; i++) {
        MoList_Append(lst, Mo_None);                   /* lst.append(None) */
        sizes[i] = MoSys_GetSizeOf(lst);
        capacities[i] = ((MoListObject *)lst)->allocated;
    }
    printf("length     getsizeof  capacity  spare at the first length\n");
    int start = 0;
    for (int n = 1; n <= 101; n++) {
        if (n == 101 || sizes[n] != sizes[start]) {
            printf("%3d to %3d %9zd %9zd %9zd\n", start, n - 1, sizes[start],
                   capacities[start], capacities[start] - start);
            start = n;
        }
    }
    Mo_DECREF(lst);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
