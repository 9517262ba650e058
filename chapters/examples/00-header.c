/* Every object starts with a header: its reference count, then its type. The value
 * comes after. The C twin of 00-header.py, which reads the same bytes with ctypes;
 * here the structs say where each field is, and offsetof prints the offsets.
 */
#include <stddef.h>
#include <stdio.h>
#include "mo.h"

static const char *yes(int b) { return b ? "True" : "False"; }

int main(void)
{
    Mo_Initialize();

    MoObject *a = MoList_New(0);                           /* a = [10, 20, 30] */
    for (long v = 10; v <= 30; v += 10) {
        MoObject *item = MoLong_FromLong(v);
        MoList_Append(a, item);
        Mo_DECREF(item);
    }
    MoObject *b = Mo_NewRef(a);                            /* b = a */
    MoListObject *list = (MoListObject *)a;
    printf("a = [10, 20, 30]; b = a\n");
    printf("  +%-3zu ob_refcnt = %zd\n", offsetof(MoObject, ob_refcnt),
           a->ob_refcnt);
    printf("  +%-3zu ob_type   = %#lx  is list: %s\n", offsetof(MoObject, ob_type),
           (unsigned long)a->ob_type, yes(a->ob_type == &MoList_Type));
    printf("  +%-3zu ob_size   = %zd  len(a): %zd\n",
           offsetof(MoVarObject, ob_size), list->ob_base.ob_size, MoList_Size(a));
    printf("  +%-3zu ob_item   = %#lx  (the array of references)\n",
           offsetof(MoListObject, ob_item), (unsigned long)list->ob_item);
    printf("  +%-3zu allocated = %zd\n", offsetof(MoListObject, allocated),
           list->allocated);
    printf("  ob_item[0] is a[0]: %s\n",
           yes(list->ob_item[0] == MoList_GetItem(a, 0)));

    MoObject *x = MoFloat_FromDouble(7.5);                 /* x = float('7.5') */
    printf("x = float('7.5')\n");
    printf("  +%-3zu ob_refcnt = %zd\n", offsetof(MoObject, ob_refcnt),
           x->ob_refcnt);
    printf("  +%-3zu ob_type   = %#lx  is float: %s\n",
           offsetof(MoObject, ob_type), (unsigned long)x->ob_type,
           yes(x->ob_type == &MoFloat_Type));
    printf("  +%-3zu ob_fval   = %.1f\n", offsetof(MoFloatObject, ob_fval),
           ((MoFloatObject *)x)->ob_fval);

    /* 2**40: two 30-bit digits */
    MoObject *n = MoLong_FromString("1099511627776");
    MoLongObject *big = (MoLongObject *)n;
    printf("n = int('1099511627776')\n");
    printf("  +%-3zu ob_refcnt = %zd\n", offsetof(MoObject, ob_refcnt),
           n->ob_refcnt);
    printf("  +%-3zu ob_type   = %#lx  is int: %s\n", offsetof(MoObject, ob_type),
           (unsigned long)n->ob_type, yes(n->ob_type == &MoLong_Type));
    printf("  +%-3zu ob_size   = %zd  (digits)\n", offsetof(MoVarObject, ob_size),
           big->ob_base.ob_size);
    printf("  +%-3zu ob_digit  = [%u, %u]  value: %llu\n",
           offsetof(MoLongObject, ob_digit), big->ob_digit[0], big->ob_digit[1],
           big->ob_digit[0] + ((unsigned long long)big->ob_digit[1] << 30));

    Mo_DECREF(n);
    Mo_DECREF(x);
    Mo_DECREF(b);
    Mo_DECREF(a);
    return Mo_Finalize() == 0 ? 0 : 1;
}
