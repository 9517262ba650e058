/* A weak reference: calling it gives the object or None; it adds nothing to the
 * count; callback-less references are shared; callbacks run newest first, each
 * with its own dead reference. The C twin of 05-basics.py.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static MoObject *r1, *r2; /* the twin's module-level names r1 and r2 */

/* cb1(ref) and cb2(ref), one C function bound to the name "1" or "2": which
   reference came, and what it answers now. */
static MoObject *callback(MoObject *name, MoObject *args)
{
    const char *n = MoUnicode_AsUTF8(name);
    MoObject *ref = MoTuple_GET_ITEM(args, 0),
             *expected = strcmp(n, "1") == 0 ? r1 : r2;
    printf("cb%s: called with r%s: %s ; r%s() -> ", n, n,
           ref == expected ? "True" : "False", n);
    Mo_Print(MoWeakref_GetObject(ref));
    Mo_RETURN_NONE;
}

static MoObject *make_callback(const char *n)
{
    MoObject *name = MoUnicode_FromString(n);
    MoObject *f = MoCFunction_New("cb", callback, name);
    Mo_DECREF(name);
    return f;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = MoClass_New("C", NULL);
    MoObject *o = MoObject_CallNoArgs(C);
    printf("count of o: %zd\n", Mo_REFCNT(o));
    MoObject *r = MoWeakref_NewRef(o, NULL); /* r = weakref.ref(o) */
    MoObject *got = MoWeakref_GetObject(r);  /* r(), borrowed here */
    printf("r() is o: %s\n", got == o ? "True" : "False");
    printf("count of o after weakref.ref(o): %zd\n", Mo_REFCNT(o));
    MoObject *again = MoWeakref_NewRef(o, NULL);
    printf("weakref.ref(o) is r: %s\n", again == r ? "True" : "False");
    Mo_DECREF(again);
    Mo_Print(r);
    MoObject *cb1 = make_callback("1"), *cb2 = make_callback("2");
    r1 = MoWeakref_NewRef(o, cb1); /* each with a callback: */
    r2 = MoWeakref_NewRef(o, cb2); /* never shared */
    printf("r1 is r2: %s ; getweakrefcount(o): %zd\n", r1 == r2 ? "True" : "False",
           MoWeakref_GetWeakrefCount(o));
    MoObject *all = MoWeakref_GetWeakrefs(o);
    int order = MoList_GET_ITEM(all, 0) == r && MoList_GET_ITEM(all, 1) == r2 &&
                MoList_GET_ITEM(all, 2) == r1;
    printf("getweakrefs(o) is [r, r2, r1]: %s\n", order ? "True" : "False");
    Mo_DECREF(all);
    printf("del o:\n");
    Mo_DECREF(o); /* the callbacks run in here */
    printf("r() -> ");
    Mo_Print(MoWeakref_GetObject(r));
    Mo_Print(r);
    if (MoObject_Hash(r) == -1) {
        MoObject *exc = MoErr_GetRaisedException(), *msg = MoObject_Str(exc);
        printf("hash(r): TypeError: %s\n", MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
    }
    Mo_DECREF(r);
    Mo_DECREF(r1);
    Mo_DECREF(r2);
    Mo_DECREF(cb1);
    Mo_DECREF(cb2);
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
