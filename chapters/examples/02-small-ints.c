/* The small-int cache, seen from outside: equal ints made at run time are one
 * object from -5 to 256, and distinct objects outside. The C twin of
 * 02-small-ints.py: int(text) is MoLong_FromString, x + 56 is MoNumber_Add, and
 * `a is b` compares addresses (Mo_Is).
 */
#include <stdio.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* new: int(text) */
static MoObject *int_from(const char *text)
{
    return MoLong_FromString(text);
}

/* a is b, for two new references (released here) */
static int is_and_release(MoObject *a, MoObject *b)
{
    int same = Mo_Is(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return same;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *a_int = int_from("10"), *b_int = int_from("10");
    printf("a_int == b_int: %s\n",
           yes(MoObject_RichCompareBool(a_int, b_int, MO_EQ)));
    printf("a_int is b_int: %s\n", yes(Mo_Is(a_int, b_int)));
    MoObject *name_1 = int_from("100"), *name_2 = int_from("100");
    printf("id(name_1) == id(name_2): %s\n",
           yes(MoObject_Id(name_1) == MoObject_Id(name_2)));
    const char *edges[] = { "-6", "-5", "256", "257" };
    for (int i = 0; i < 4; i++)
        printf("int('%s') is int('%s'): %s\n", edges[i], edges[i],
               yes(is_and_release(int_from(edges[i]), int_from(edges[i]))));
    MoObject *x = int_from("200"), *top = int_from("256");
    MoObject *n56 = MoLong_FromLong(56), *n57 = MoLong_FromLong(57);
    MoObject *sum = MoNumber_Add(x, n56);
    printf("x + 56 is top (256): %s\n", yes(Mo_Is(sum, top)));
    Mo_DECREF(sum);
    printf("x + 57 is x + 57: %s\n",
           yes(is_and_release(MoNumber_Add(x, n57), MoNumber_Add(x, n57))));
    MoObject *s1 = MoNumber_Add(x, n57), *s2 = MoNumber_Add(x, n57);
    printf("x + 57 == x + 57: %s\n", yes(MoObject_RichCompareBool(s1, s2, MO_EQ)));
    MoObject *my_var = int_from("12324"), *my_var2 = int_from("12324");
    printf("12324 twice: == %s  is %s\n",
           yes(MoObject_RichCompareBool(my_var, my_var2, MO_EQ)),
           yes(Mo_Is(my_var, my_var2)));
    printf("refcount of 256 > 999999999: %s\n", yes(Mo_REFCNT(top) > 999999999));
    printf("refcount of 12324: %zd\n", Mo_REFCNT(my_var));
    MoObject *all[] = { a_int, b_int, name_1, name_2, x, top, n56, n57, s1, s2,
                        my_var, my_var2 };
    for (int i = 0; i < 12; i++)
        Mo_DECREF(all[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
