/* gc.freeze(), the C twin of 04-freeze.py: every tracked object moves to the
 * permanent generation, which no collection examines; a cycle frozen there is
 * found only after gc.unfreeze().
 */
/* differs "after freeze: get_freeze_count():": CPython freezes the thousands of objects of its modules and classes too */
#include <stdio.h>
#include "mo.h"

/* region main */
int main(void)
{
    Mo_Initialize();
    MoGC_Collect();
    printf("get_freeze_count(): %zd\n", MoGC_GetFreezeCount());
    MoObject *a = MoList_New(0);
    MoList_Append(a, a);
    MoGC_Freeze();
    printf("after freeze: get_freeze_count(): %zd\n", MoGC_GetFreezeCount());
    int c[3];
    MoGC_GetCount(c);
    printf("after freeze: get_count(): (%d, %d, %d) is_tracked(a): %s\n",
           c[0], c[1], c[2], MoGC_IsTracked(a) ? "True" : "False");
    Mo_DECREF(a);
    printf("frozen cycle, collect: %zd\n", MoGC_Collect());
    MoGC_Unfreeze();
    printf("after unfreeze: get_freeze_count(): %zd\n", MoGC_GetFreezeCount());
    printf("collect: %zd\n", MoGC_Collect());
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
