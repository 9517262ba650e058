/* Which objects accept a weak reference: those whose type has room for the list
 * of references to them (tp_weaklistoffset). Instances of a plain class do; with
 * __slots__, only if '__weakref__' is one of them; sizes show the slot's 8 bytes.
 * The C twin of 05-types.py.
 */
#include <stdio.h>
#include "mo.h"

/* weakref.ref(obj): "ok", or the TypeError's message. Steals obj. */
static void try_ref(const char *text, MoObject *obj)
{
    MoObject *r = MoWeakref_NewRef(obj, NULL);
    if (r != NULL) {
        printf("%-15s ok\n", text);
        Mo_DECREF(r);
    } else {
        MoObject *exc = MoErr_GetRaisedException(), *msg = MoObject_Str(exc);
        printf("%-15s TypeError: %s\n", text, MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
    }
    Mo_DECREF(obj);
}

/* len(o), the built-in function the twin refers to */
static MoObject *length(MoObject *unused, MoObject *args)
{
    (void)unused;
    Mo_ssize_t n = MoObject_Length(MoTuple_GET_ITEM(args, 0));
    return n < 0 ? NULL : MoLong_FromSsize_t(n);
}

/* new: [1] */
static MoObject *list_one(void)
{
    MoObject *l = MoList_New(0), *one = MoLong_FromLong(1);
    MoList_Append(l, one);
    Mo_DECREF(one);
    return l;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = MoClass_New("C", NULL);
    const char *const slots[] = {"a", NULL}, *const slots_weak[] = {
                                                 "a", "__weakref__", NULL};
    MoObject *Slotted = MoClass_New("Slotted", slots);
    MoObject *SlottedWeak = MoClass_New("SlottedWeak", slots_weak);
    MoObject *ten = MoLong_FromLong(10), *twenty = MoLong_FromLong(20);
    try_ref("1", MoLong_FromLong(1));
    try_ref("10**20", MoNumber_Power(ten, twenty));
    try_ref("'s'", MoUnicode_FromString("s"));
    try_ref("(1,)", Mo_BuildValue("(i)", 1));
    try_ref("[1]", list_one());
    try_ref("{}", MoDict_New());
    try_ref("None", Mo_NewRef(Mo_None));
    try_ref("1.5", MoFloat_FromDouble(1.5));
    try_ref("b'x'", MoBytes_FromString("x"));
    try_ref("object()", MoObject_CallNoArgs((MoObject *)&MoBaseObject_Type));
    try_ref("set()", MoSet_New(NULL));
    try_ref("frozenset()", MoFrozenSet_New(NULL));
    try_ref("C()", MoObject_CallNoArgs(C));
    try_ref("C", Mo_NewRef(C));
    try_ref("len", MoCFunction_New("len", length, NULL));
    try_ref("Slotted()", MoObject_CallNoArgs(Slotted));
    try_ref("SlottedWeak()", MoObject_CallNoArgs(SlottedWeak));
    MoObject *s = MoObject_CallNoArgs(Slotted),
             *sw = MoObject_CallNoArgs(SlottedWeak);
    printf("sys.getsizeof(Slotted()) -> %zd\n", MoSys_GetSizeOf(s));
    printf("sys.getsizeof(SlottedWeak()) -> %zd\n", MoSys_GetSizeOf(sw));
    MoObject *tmp = MoObject_CallNoArgs(C), *r = MoWeakref_NewRef(tmp, NULL);
    Mo_DECREF(tmp); /* the temporary dies at once */
    printf("weakref.ref(C()) is dead at once: %s\n",
           MoWeakref_GetObject(r) == Mo_None ? "True" : "False");
    Mo_DECREF(r);
    Mo_DECREF(s);
    Mo_DECREF(sw);
    Mo_DECREF(ten);
    Mo_DECREF(twenty);
    Mo_DECREF(C);
    Mo_DECREF(Slotted);
    Mo_DECREF(SlottedWeak);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
