/* Identity and equality. `a is b` compares two addresses (Mo_Is); `a == b` calls
 * the objects' comparison, which may answer anything: AlwaysEqual, a class whose
 * __eq__ says yes to everything, as in the Python twin. The C twin of
 * 02-is-vs-eq.py.
 */
#include <math.h>
#include <stdio.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* AlwaysEqual.__eq__(self, other): True, whatever other is. A C function set on
   a class binds as a method: args is (self, other). */
static MoObject *always_equal_eq(MoObject *unused, MoObject *args)
{
    (void)unused;
    (void)args;
    return Mo_NewRef(Mo_True);
}

/* a OP b as Python's operator gives it: the result object's truth (a new reference
   is made and released). */
static int compare(MoObject *a, MoObject *b, int op)
{
    MoObject *r = MoObject_RichCompare(a, b, op);
    int t = MoObject_IsTrue(r);
    Mo_DECREF(r);
    return t;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *a_list = Mo_BuildValue("(llll)", 1L, 2L, 3L, 4L), *b_list;
    Mo_SETREF(a_list, MoSequence_List(a_list));
    b_list = MoSequence_List(a_list);
    printf("a_list == b_list: %s\n", yes(compare(a_list, b_list, MO_EQ)));
    printf("a_list is b_list: %s\n", yes(Mo_Is(a_list, b_list)));
    MoObject *a_int = MoLong_FromLong(10), *a_float = MoFloat_FromDouble(10.0);
    printf("a_int == a_float: %s\n", yes(compare(a_int, a_float, MO_EQ)));
    printf("a_int is a_float: %s\n", yes(Mo_Is(a_int, a_float)));
    /* class AlwaysEqual: def __eq__(self, other): return True */
    MoObject *cls = MoClass_New("AlwaysEqual", NULL);
    MoObject *eq = MoCFunction_New("__eq__", always_equal_eq, NULL);
    MoObject_SetAttrString(cls, "__eq__", eq);
    MoObject *x = MoObject_CallNoArgs(cls), *n42 = MoLong_FromLong(42);
    printf("x == None: %s\n", yes(compare(x, Mo_None, MO_EQ)));
    printf("x is None: %s\n", yes(Mo_Is(x, Mo_None)));
    printf("x == 42: %s  x != 42: %s\n", yes(compare(x, n42, MO_EQ)),
           yes(compare(x, n42, MO_NE)));
    MoObject *limit = MoLong_FromLong(257), *count = MoLong_FromString("257");
    printf("count == limit: %s\n", yes(compare(count, limit, MO_EQ)));
    printf("count is limit: %s\n", yes(Mo_Is(count, limit)));
    MoObject *expected = MoUnicode_FromConstant("python course");
    MoObject *sep = MoUnicode_FromString(" "),
             *parts = Mo_BuildValue("(ss)", "python", "course");
    MoObject *word = MoUnicode_Join(sep, parts);
    printf("word == expected: %s\n", yes(compare(word, expected, MO_EQ)));
    printf("word is expected: %s\n", yes(Mo_Is(word, expected)));
    MoObject *nan = MoFloat_FromDouble(NAN);
    MoObject *one_nan = Mo_BuildValue("(O)", nan);
    MoObject *l1 = MoSequence_List(one_nan),
             *l2 = MoSequence_List(one_nan); /* [nan] twice */
    printf("nan == nan: %s  nan is nan: %s  [nan] == [nan]: %s\n",
           yes(compare(nan, nan, MO_EQ)), yes(Mo_Is(nan, nan)),
           yes(compare(l1, l2, MO_EQ)));
    MoObject *all[] = { l1, l2, one_nan, nan, word, parts, sep, expected, count,
                        limit, n42, x, eq, cls, a_float, a_int, b_list, a_list };
    for (int i = 0; i < 18; i++)
        Mo_DECREF(all[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
