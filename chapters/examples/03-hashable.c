/* Hashability follows immutability: the C twin of 03-hashable.py. The Python class
 * P, which defines __eq__ and not __hash__, is here a static type with a
 * tp_richcompare and no tp_hash: MoType_Ready then does not inherit object's hash
 * (it would contradict the new equality), so P's instances are unhashable, as a
 * class's are when it defines __eq__ alone.
 */
#include <stdio.h>
#include "mo.h"

/* ------------------------------------------------------------ the type P */

typedef struct {
    MoObject_HEAD
    long x;
} PObject;

static MoTypeObject P_Type;

/* P(x) == P(y) when x == y; anything else is NotImplemented. */
static MoObject *p_richcompare(MoObject *a, MoObject *b, int op)
{
    if (op != MO_EQ || !Mo_IS_TYPE(b, &P_Type))
        Mo_RETURN_NOTIMPLEMENTED;
    return MoBool_FromLong(((PObject *)a)->x == ((PObject *)b)->x);
}

static void p_dealloc(MoObject *self)
{
    Mo_TYPE(self)->tp_free(self);   /* the debug registry sees the free */
}

static MoTypeObject P_Type = {
    MoVarObject_HEAD_INIT(NULL, 0),
    .tp_name = "P",
    .tp_basicsize = sizeof(PObject),
    .tp_dealloc = p_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_richcompare = p_richcompare,   /* and no tp_hash */
};

/* new: P(x) */
static MoObject *p_new(long x)
{
    PObject *p = MoObject_New(PObject, &P_Type);
    if (p != NULL)
        p->x = x;
    return (MoObject *)p;
}

/* ----------------------------------------------------------------- hashing */

/* hash(obj), reported; steals obj. */
static void try_hash(const char *what, MoObject *obj)
{
    if (MoObject_Hash(obj) != -1) {
        printf("%-22s hashable\n", what);
    } else {
        MoObject *exc = MoErr_GetRaisedException();
        MoObject *msg = MoObject_Str(exc);
        printf("%-22s TypeError: %s\n", what, MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
    }
    Mo_DECREF(obj);
}

/* new: the list [1, 2] */
static MoObject *one_two_list(void)
{
    MoObject *l = MoList_New(2);
    MoList_SetItem(l, 0, MoLong_FromLong(1));
    MoList_SetItem(l, 1, MoLong_FromLong(2));
    return l;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoType_Ready(&P_Type);
    MoObject *pair = Mo_BuildValue("(ii)", 1, 2);
    try_hash("42", MoLong_FromLong(42));
    try_hash("'spam'", MoUnicode_FromString("spam"));
    try_hash("(1, 2)", Mo_NewRef(pair));
    try_hash("frozenset({1, 2})", MoFrozenSet_New(pair));
    try_hash("[1, 2]", one_two_list());
    MoObject *d = MoDict_New();
    MoObject *one = MoLong_FromLong(1);
    MoDict_SetItemString(d, "a", one);
    try_hash("{'a': 1}", d);
    try_hash("{1, 2}", MoSet_New(pair));
    MoObject *inner = MoList_New(1);
    MoList_SetItem(inner, 0, MoLong_FromLong(2));
    try_hash("(1, [2])", Mo_BuildValue("(ON)", one, inner));
    try_hash("P(1), __eq__ only", p_new(1));
    printf("P.__hash__ is None:    %s\n",
           P_Type.tp_hash == NULL ? "True" : "False");
    printf("hash((1, 2)) == hash((1, 2)): %s\n",
           MoObject_Hash(pair) == MoObject_Hash(pair) ? "True" : "False");

    MoObject *table = MoDict_New();          /* d = {frozenset({1, 2}): "key"} */
    MoObject *key = MoFrozenSet_New(pair);
    MoObject *value = MoUnicode_FromString("key");
    MoDict_SetItem(table, key, value);
    MoObject *two_one = Mo_BuildValue("(ii)", 2, 1);
    MoObject *key2 = MoFrozenSet_New(two_one);        /* frozenset({2, 1}) */
    printf("d[frozenset({2, 1})]:  %s\n",
           MoUnicode_AsUTF8(MoDict_GetItem(table, key2)));
    MoObject *set_key = MoSet_New(pair);
    if (MoDict_SetItem(table, set_key, value) < 0) {   /* d[{1, 2}] = "key" */
        MoObject *exc = MoErr_GetRaisedException();
        MoObject *msg = MoObject_Str(exc);
        printf("d[{1, 2}] = 'key'     TypeError: %s\n", MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
    }
    Mo_DECREF(set_key);
    Mo_DECREF(key2);
    Mo_DECREF(two_one);
    Mo_DECREF(value);
    Mo_DECREF(key);
    Mo_DECREF(table);
    Mo_DECREF(one);
    Mo_DECREF(pair);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
