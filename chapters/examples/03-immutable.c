/* What the immutable types refuse, with the messages CPython gives, and a tuple
 * holding a list whose contents still change. The C twin of 03-immutable.py: each
 * attempt is the C API call the interpreter makes for the statement, and the
 * exception it leaves is printed as Python prints it.
 */
#include <stdio.h>
#include "mo.h"

/* Print what an attempt did: "allowed" when status is 0, otherwise the exception
   it raised ("TypeError: ..."), which it clears. */
static void report(const char *what, int status)
{
    if (status == 0) {
        printf("%-24s allowed\n", what);
        return;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *msg = MoObject_Str(exc);
    printf("%-24s %s: %s\n", what, Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
    Mo_DECREF(msg);
    Mo_DECREF(exc);
}

/* obj[index] = value, as the STORE_SUBSCR instruction does it; steals value. */
static int set_item(MoObject *obj, long index, MoObject *value)
{
    MoObject *key = MoLong_FromLong(index);
    int status = MoObject_SetItem(obj, key, value);
    Mo_DECREF(key);
    Mo_DECREF(value);
    return status;
}

/* obj.x = 1 (STORE_ATTR); steals obj. */
static int set_x(MoObject *obj)
{
    MoObject *one = MoLong_FromLong(1);
    int status = MoObject_SetAttrString(obj, "x", one);
    Mo_DECREF(one);
    Mo_DECREF(obj);
    return status;
}

/* frozenset().add (LOAD_ATTR): the attribute does not exist. */
static int get_add(void)
{
    MoObject *fs = MoFrozenSet_New(NULL);
    MoObject *add = MoObject_GetAttrString(fs, "add");
    Mo_DECREF(fs);
    Mo_XDECREF(add);
    return add == NULL ? -1 : 0;
}

static void show(const char *what, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s %s\n", what, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *t = Mo_BuildValue("(ii)", 1, 2);
    report("t[0] = 9", set_item(t, 0, MoLong_FromLong(9)));
    MoObject *spam = MoUnicode_FromString("spam");
    report("'spam'[0] = 'S'", set_item(spam, 0, MoUnicode_FromString("S")));
    MoObject *bspam = MoBytes_FromString("spam");
    report("b'spam'[0] = 83", set_item(bspam, 0, MoLong_FromLong(83)));
    report("frozenset().add", get_add());
    report("(7).x = 1", set_x(MoLong_FromLong(7)));
    report("(1.5).x = 1", set_x(MoFloat_FromDouble(1.5)));
    report("None.x = 1", set_x(Mo_NewRef(Mo_None)));
    report("True.x = 1", set_x(Mo_NewRef(Mo_True)));
    MoObject *l = MoSequence_List(t);                    /* [1, 2] */
    report("[1, 2][0] = 9", set_item(l, 0, MoLong_FromLong(9)));

    MoObject *inner = MoList_New(3);               /* ([10, 20, 30], 50, 60) */
    for (long i = 0; i < 3; i++)
        MoList_SetItem(inner, i, MoLong_FromLong(10 * (i + 1)));
    MoObject *a_tuple = Mo_BuildValue("(Nii)", inner, 50, 60);
    uintptr_t before = MoObject_Id(MoTuple_GetItem(a_tuple, 0));
    MoObject *forty = MoLong_FromLong(40);
    MoList_Append(MoTuple_GetItem(a_tuple, 0), forty);   /* a_tuple[0].append(40) */
    show("a_tuple[0].append(40)   ", a_tuple);
    printf("a_tuple[0] same list:    %s\n",
           MoObject_Id(MoTuple_GetItem(a_tuple, 0)) == before ? "True" : "False");
    report("hash(a_tuple)", MoObject_Hash(a_tuple) == -1 ? -1 : 0);

    /* a_tuple[0] += [50]: load the item, add in place (the list grows), store back
       into the tuple (refused). The first two steps happened. */
    MoObject *fifty = MoList_New(1);                     /* [50] */
    MoList_SetItem(fifty, 0, MoLong_FromLong(50));
    MoObject *item = MoSequence_GetItem(a_tuple, 0);
    MoObject *sum = MoSequence_InPlaceConcat(item, fifty);
    report("a_tuple[0] += [50]", set_item(a_tuple, 0, sum));
    show("after the failed +=:    ", a_tuple);

    Mo_DECREF(item);
    Mo_DECREF(fifty);
    Mo_DECREF(forty);
    Mo_DECREF(a_tuple);
    Mo_DECREF(l);
    Mo_DECREF(bspam);
    Mo_DECREF(spam);
    Mo_DECREF(t);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
