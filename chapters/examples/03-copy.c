/* Shallow and deep copies of nested and self-referential lists: the C twin of
 * 03-copy.py. A shallow copy is a new list holding the same references
 * (MoList_GetSlice, as copy.copy does for a list). The deep copy below handles
 * lists and returns everything else as it is (ints are immutable); its memo, a
 * dict from id(original) to the copy, is what keeps shared lists shared and
 * makes a cycle copy to a cycle. Lab 03 writes the full version.
 */
#include <stdio.h>
#include "mo.h"

/* region deep_copy */
/* new: a deep copy of obj. memo maps id(original) to its copy; a list is entered
   in it before its items are copied, so that an item that leads back to the list
   finds the copy under way instead of starting another. NULL on error. */
static MoObject *deep_copy(MoObject *obj, MoObject *memo)
{
    if (!MoList_Check(obj))
        return Mo_NewRef(obj);                          /* immutable: share it */
    MoObject *key = MoLong_FromUnsignedLongLong(MoObject_Id(obj));   /* id(obj) */
    MoObject *done = MoDict_GetItem(memo, key);         /* borrowed */
    if (done != NULL) {
        Mo_DECREF(key);
        return Mo_NewRef(done);                         /* copied already */
    }
    MoObject *copy = MoList_New(0);
    if (copy == NULL || MoDict_SetItem(memo, key, copy) < 0)
        goto error;
    for (Mo_ssize_t i = 0; i < MoList_Size(obj); i++) {
        MoObject *item = deep_copy(MoList_GetItem(obj, i), memo);
        if (item == NULL || MoList_Append(copy, item) < 0) {
            Mo_XDECREF(item);
            goto error;
        }
        Mo_DECREF(item);
    }
    Mo_DECREF(key);
    return copy;
error:
    Mo_XDECREF(copy);
    Mo_DECREF(key);
    return NULL;
}
/* endregion deep_copy */

/* new: copy.deepcopy(obj), with a fresh memo. */
static MoObject *deepcopy(MoObject *obj)
{
    MoObject *memo = MoDict_New();
    MoObject *copy = deep_copy(obj, memo);
    Mo_DECREF(memo);
    return copy;
}

static void show(const char *what, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s %s\n", what, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

static const char *py_bool(int b)
{
    return b ? "True" : "False";
}

static void append_long(MoObject *list, long v)
{
    MoObject *o = MoLong_FromLong(v);
    MoList_Append(list, o);
    Mo_DECREF(o);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *inner = MoList_New(0);                    /* inner = [1, 2] */
    append_long(inner, 1);
    append_long(inner, 2);
    MoObject *outer = MoList_New(2);                    /* outer = [inner, inner] */
    MoList_SetItem(outer, 0, Mo_NewRef(inner));
    MoList_SetItem(outer, 1, Mo_NewRef(inner));
    MoObject *shallow = MoList_GetSlice(outer, 0, 2);   /* copy.copy(outer) */
    printf("shallow is outer:       %s\n", py_bool(shallow == outer));
    printf("shallow[0] is inner:    %s\n",
           py_bool(MoList_GetItem(shallow, 0) == inner));
    append_long(inner, 3);
    show("after inner.append(3): ", shallow);

    MoObject *deep = deepcopy(outer);                   /* copy.deepcopy(outer) */
    MoObject *d0 = MoList_GetItem(deep, 0);
    printf("deep[0] is inner:       %s\n", py_bool(d0 == inner));
    printf("deep[0] is deep[1]:     %s\n", py_bool(d0 == MoList_GetItem(deep, 1)));
    printf("deep[0][0] is inner[0]: %s\n",
           py_bool(MoList_GetItem(d0, 0) == MoList_GetItem(inner, 0)));
    append_long(inner, 4);
    show("after inner.append(4): ", deep);

    MoObject *me = MoList_New(0);              /* me = [1]; me.append(me) */
    append_long(me, 1);
    MoList_Append(me, me);
    MoObject *copied = deepcopy(me);
    show("me:                    ", me);
    show("copy of me:            ", copied);
    printf("copied[1] is copied:    %s  copied is me: %s\n",
           py_bool(MoList_GetItem(copied, 1) == copied), py_bool(copied == me));

    MoList_Clear(copied);                               /* break the two cycles */
    MoList_Clear(me);
    Mo_DECREF(copied);
    Mo_DECREF(me);
    Mo_DECREF(deep);
    Mo_DECREF(shallow);
    Mo_DECREF(outer);
    Mo_DECREF(inner);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
