/* Hashability follows immutability: the C twin of 03-hashable.py. The class P,
 * which defines __eq__ and not __hash__, is made at run time as the class statement
 * makes it (MoType_FromNameBasesDict): the class machinery then sets its __hash__
 * to None, as CPython's type_new does, and its instances are unhashable.
 */
#include <stdio.h>
#include "mo.h"

/* ------------------------------------------------------------ the class P */

/* The methods of class P, as a class body defines them: each receives its
   arguments as a tuple whose first item is self. */
#define SELF MoTuple_GET_ITEM(args, 0)
#define ARG MoTuple_GET_ITEM(args, 1)

/* def __init__(self, x): self.x = x */
static MoObject *p_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(SELF, "x", ARG) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* def __eq__(self, other): return isinstance(other, P) and self.x == other.x */
static MoObject *p_eq(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (Mo_TYPE(ARG) != Mo_TYPE(SELF))
        Mo_RETURN_FALSE;
    MoObject *a = MoObject_GetAttrString(SELF, "x");
    MoObject *b = MoObject_GetAttrString(ARG, "x");
    MoObject *res = MoObject_RichCompare(a, b, MO_EQ);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return res;
}

/* new: class P with __init__ and __eq__, and no __hash__, as the class statement
   builds it: type("P", (), {"__init__": ..., "__eq__": ...}). */
static MoObject *make_class_p(void)
{
    MoObject *ns = MoDict_New();
    MoObject *init = MoCFunction_New("__init__", p_init, NULL);
    MoObject *eq = MoCFunction_New("__eq__", p_eq, NULL);
    MoDict_SetItemString(ns, "__init__", init);
    MoDict_SetItemString(ns, "__eq__", eq);
    MoObject *name = MoUnicode_FromString("P");
    MoObject *bases = MoTuple_New(0);
    MoObject *cls = MoType_FromNameBasesDict(name, bases, ns);
    Mo_DECREF(bases);
    Mo_DECREF(name);
    Mo_DECREF(eq);
    Mo_DECREF(init);
    Mo_DECREF(ns);
    return cls;
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
    MoObject *P = make_class_p();
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
    MoObject *p1 = MoObject_CallOneArg(P, one);            /* P(1) */
    try_hash("P(1), __eq__ only", p1);
    MoObject *p_hash = MoObject_GetAttrString(P, "__hash__");
    printf("P.__hash__ is None:    %s\n", p_hash == Mo_None ? "True" : "False");
    Mo_DECREF(p_hash);
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
    Mo_DECREF(P);                  /* a class is a cycle: the collector frees it */
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
