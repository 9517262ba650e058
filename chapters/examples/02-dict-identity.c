/* A dict lookup tries identity first (dict_lookup's `startkey == key`), then the
 * stored hash, and only then the key's tp_richcompare. Key, a static type whose
 * hash is its number and whose == counts its calls, shows what each costs. The C
 * twin of 02-dict-identity.py.
 */
#include <stdio.h>
#include "mo.h"

typedef struct {
    MoObject_HEAD long n;
} KeyObject;

static long comparisons;
static MoTypeObject Key_Type;

static Mo_hash_t key_hash(MoObject *self)
{
    return (Mo_hash_t)((KeyObject *)self)->n; /* hash(n) for a small int n */
}

static MoObject *key_richcompare(MoObject *self, MoObject *other, int op)
{
    if (op != MO_EQ)
        Mo_RETURN_NOTIMPLEMENTED;
    comparisons++;
    return MoBool_FromLong(Mo_IS_TYPE(other, &Key_Type) &&
                           ((KeyObject *)self)->n == ((KeyObject *)other)->n);
}

static MoTypeObject Key_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)    .tp_name = "Key",
    .tp_basicsize = sizeof(KeyObject), .tp_hash = key_hash,
    .tp_richcompare = key_richcompare, .tp_flags = MO_TPFLAGS_DEFAULT,
};

/* new: Key(n) */
static MoObject *key_new(long n)
{
    KeyObject *k = MoObject_New(KeyObject, &Key_Type);
    k->n = n;
    return (MoObject *)k;
}

/* d[key] as a C string (borrowed from the dict's value). */
static const char *lookup(MoObject *d, MoObject *key)
{
    return MoUnicode_AsUTF8(MoDict_GetItem(d, key));
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoType_Ready(&Key_Type);
    MoObject *stored = key_new(2), *d = MoDict_New();
    MoObject *k1 = key_new(1), *k3 = key_new(3);
    MoObject *one = MoUnicode_FromString("one"), *two = MoUnicode_FromString("two");
    MoObject *three = MoUnicode_FromString("three");
    MoDict_SetItem(d, k1, one);
    MoDict_SetItem(d, stored, two);
    MoDict_SetItem(d, k3, three);
    printf("building the dict, __eq__ calls: %ld\n", comparisons);
    comparisons = 0;
    const char *v = lookup(d, stored);
    printf("d[stored] = %s  __eq__ calls: %ld\n", v, comparisons);
    comparisons = 0;
    MoObject *equal = key_new(2);
    v = lookup(d, equal);
    printf("d[Key(2)] = %s  __eq__ calls: %ld\n", v, comparisons);
    comparisons = 0;
    MoObject *absent = key_new(4);
    int found = MoDict_Contains(d, absent);
    printf("Key(4) in d: %s  __eq__ calls: %ld\n", found ? "True" : "False",
           comparisons);
    MoObject *all[] = { absent, equal, one, two, three, k1, k3, d, stored };
    for (int i = 0; i < 9; i++)
        Mo_DECREF(all[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
