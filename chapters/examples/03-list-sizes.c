/* The article's list sizes, the C twin of 03-list-sizes.py. Each list is built the
 * way CPython 3.11 compiles the display: up to two items, or any item that is not
 * a constant, BUILD_LIST n (a list of exactly n slots); three or more constants,
 * BUILD_LIST 0 and then LIST_EXTEND from a constant tuple, which allocates the
 * length rounded up to even (list_preallocate_exact).
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* new: BUILD_LIST n with the ints 1..n */
static MoObject *build_list(long n)
{
    MoObject *list = MoList_New(n);
    for (long i = 0; i < n; i++)
        MoList_SetItem(list, i, MoLong_FromLong(i + 1));
    return list;
}

/* new: BUILD_LIST 0; LOAD_CONST (1, ..., n); LIST_EXTEND */
static MoObject *extend_list(long n)
{
    MoObject *constants = MoTuple_New(n);
    for (long i = 0; i < n; i++)
        MoTuple_SetItem(constants, i, MoLong_FromLong(i + 1));
    MoObject *list = MoList_New(0);
    MoList_Extend(list, constants);
    Mo_DECREF(constants);
    return list;
}

/* Print the size of o and release it (o is stolen). */
static void size(const char *what, MoObject *o)
{
    printf("getsizeof(%s)%*s %zd\n", what, (int)(20 - strlen(what)), "",
           MoSys_GetSizeOf(o));
    Mo_DECREF(o);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    size("[]", build_list(0));
    size("[1]", build_list(1));
    size("[1, 2]", build_list(2));
    size("[1, 2, 3]", extend_list(3));
    size("[1, 2, 3, 4]", extend_list(4));
    MoObject *inner = extend_list(4);                    /* [1, 2, 3, 4] */
    MoObject *outer = MoList_New(3);            /* [1, 2, inner]: BUILD_LIST 3 */
    MoList_SetItem(outer, 0, MoLong_FromLong(1));
    MoList_SetItem(outer, 1, MoLong_FromLong(2));
    MoList_SetItem(outer, 2, Mo_NewRef(inner));
    printf("getsizeof([1, 2, [1, 2, 3, 4]]) %zd\n", MoSys_GetSizeOf(outer));
    printf("  plus the inner list:          %zd\n",
           MoSys_GetSizeOf(outer) + MoSys_GetSizeOf(inner));
    Mo_DECREF(outer);
    Mo_DECREF(inner);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
