/* A list that contains itself: a = [1, 2]; a.append(a). The C twin of
 * 04-self-cycle.py. After del a no name refers to the list, yet its count is 1:
 * the reference from its own slot. Reference counting never frees it; the
 * collector does. The program draws the orphaned list (04-self-cycle.dot) with
 * the runtime's graph writer, from a pointer kept only for the picture.
 */
#include <stdio.h>
#include "mo.h"

static void print_repr(const char *label, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s %s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoGC_Collect();                            /* start from a clean heap */
    MoObject *a = MoList_New(0);               /* a = [1, 2] */
    for (long i = 1; i <= 2; i++) {
        MoObject *n = MoLong_FromLong(i);
        MoList_Append(a, n);
        Mo_DECREF(n);
    }
    MoList_Append(a, a);                       /* a.append(a): refers to itself */
    print_repr("print(a)           ", a);
    MoObject *x = a;                           /* a[2][2][2][2][1] */
    for (int i = 0; i < 4; i++)
        x = MoList_GetItem(x, 2);
    print_repr("a[2][2][2][2][1]   ", MoList_GetItem(x, 1));
    printf("count with the name: %zd\n", Mo_REFCNT(a));
    MoObject *orphan = a;                      /* borrowed, for the picture only */
    Mo_DECREF(a);                              /* del a */
    printf("count after del a  : %zd\n", Mo_REFCNT(orphan));
    FILE *dot = fopen("04-self-cycle.dot", "w");
    if (dot != NULL) {
        MoGraph_WriteDot(dot, orphan, 2);
        fclose(dot);
    }
    printf("gc.collect()       : %zd\n", MoGC_Collect());
    printf("gc.collect() again : %zd\n", MoGC_Collect());
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
