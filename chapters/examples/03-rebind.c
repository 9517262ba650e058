/* Mutation against rebinding, the C twin of 03-rebind.py. A "name" here is a C
 * variable holding a reference; rebinding it is Mo_SETREF (store the new object,
 * then release the old). Each line compares the object's address (MoObject_Id)
 * before and after the statement.
 */
#include <stdio.h>
#include "mo.h"

/* new: the list [10, 20, 30] */
static MoObject *ten_twenty_thirty(void)
{
    MoObject *list = MoList_New(3);
    for (long i = 0; i < 3; i++)
        MoList_SetItem(list, i, MoLong_FromLong(10 * (i + 1)));
    return list;
}

static void show(const char *stmt, MoObject *now, uintptr_t before)
{
    MoObject *r = MoObject_Repr(now);
    printf("%s same object: %s %s\n", stmt,
           MoObject_Id(now) == before ? "True" : "False", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

static void show_alias(const char *what, MoObject *alias)
{
    MoObject *r = MoObject_Repr(alias);
    printf("%s %s\n", what, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *forty = MoLong_FromLong(40);

    MoObject *a_list = ten_twenty_thirty();
    uintptr_t before = MoObject_Id(a_list);
    MoList_Append(a_list, forty);                        /* a_list.append(40) */
    show("a_list.append(40)      ", a_list, before);

    MoObject *a_list2 = ten_twenty_thirty();
    before = MoObject_Id(a_list2);
    MoObject *tail = MoList_New(1);                       /* [40] */
    MoList_SetItem(tail, 0, Mo_NewRef(forty));
    /* a_list2 = a_list2 + [40] */
    Mo_SETREF(a_list2, MoSequence_Concat(a_list2, tail));
    show("a_list2 = a_list2 + [40]", a_list2, before);

    MoObject *a_list3 = ten_twenty_thirty();
    before = MoObject_Id(a_list3);
    MoObject *alias = Mo_NewRef(a_list3);
    /* a_list3 += [40] */
    Mo_SETREF(a_list3, MoSequence_InPlaceConcat(a_list3, tail));
    show("a_list3 += [40]        ", a_list3, before);
    show_alias("  and the alias sees it:", alias);
    Mo_DECREF(alias);

    MoObject *a_tuple = Mo_BuildValue("(iii)", 10, 20, 30);
    before = MoObject_Id(a_tuple);
    alias = Mo_NewRef(a_tuple);
    MoObject *tail_t = Mo_BuildValue("(O)", forty);
    /* a_tuple += (40,) */
    Mo_SETREF(a_tuple, MoSequence_InPlaceConcat(a_tuple, tail_t));
    show("a_tuple += (40,)       ", a_tuple, before);
    show_alias("  and the alias keeps:  ", alias);

    Mo_DECREF(alias);
    Mo_DECREF(tail_t);
    Mo_DECREF(a_tuple);
    Mo_DECREF(a_list3);
    Mo_DECREF(tail);
    Mo_DECREF(a_list2);
    Mo_DECREF(a_list);
    Mo_DECREF(forty);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
