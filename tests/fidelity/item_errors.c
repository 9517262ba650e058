/* item_errors: MoObject_GetItem, MoObject_SetItem and MoObject_DelItem on
 * objects that cannot do them; item_errors.py prints the same lines under
 * CPython 3.11 ("does not support item deletion" when the object protocol gives
 * up, "doesn't support item deletion" when an index reached the sequence one).
 */
#include <stdio.h>
#include "mo.h"

/* "label no exception", or "label TypeError: message". */
static void show(const char *label, int failed)
{
    if (!failed) {
        printf("%s no exception\n", label);
        return;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = exc != NULL ? MoObject_Str(exc) : NULL;
    printf("%s %s: %s\n", label, exc != NULL ? Mo_TYPE(exc)->tp_name : "?", s != NULL ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_XDECREF(exc);
}

static int failed_obj(MoObject *res)
{
    Mo_XDECREF(res);
    return res == NULL;
}

static MoObject *getitem_returns_key(MoObject *u, MoObject *args)
{
    (void)u;
    return Mo_NewRef(MoTuple_GET_ITEM(args, 1));
}

/* new: type(name, (), {} or {"__getitem__": f}). */
static MoObject *make_class(const char *name, MoCFunc getitem)
{
    MoObject *ns = MoDict_New();
    if (getitem != NULL) {
        MoObject *f = MoCFunction_New("__getitem__", getitem, NULL);
        MoDict_SetItemString(ns, "__getitem__", f);
        Mo_DECREF(f);
    }
    MoObject *n = MoUnicode_FromString(name), *bases = MoTuple_New(0);
    MoObject *cls = MoType_FromNameBasesDict(n, bases, ns);
    Mo_DECREF(bases);
    Mo_DECREF(n);
    Mo_DECREF(ns);
    return cls;
}

static void try_all(const char *label, MoObject *o)
{
    MoObject *keys[2] = {MoLong_FromLong(0), MoUnicode_FromString("k")};
    const char *shown[2] = {"0", "'k'"};
    MoObject *one = MoLong_FromLong(1);
    for (int i = 0; i < 2; i++) {
        char buf[96];
        snprintf(buf, sizeof buf, "%s[%s]:", label, shown[i]);
        show(buf, failed_obj(MoObject_GetItem(o, keys[i])));
        snprintf(buf, sizeof buf, "%s[%s] = 1:", label, shown[i]);
        show(buf, MoObject_SetItem(o, keys[i], one) < 0);
        snprintf(buf, sizeof buf, "del %s[%s]:", label, shown[i]);
        show(buf, MoObject_DelItem(o, keys[i]) < 0);
        Mo_DECREF(keys[i]);
    }
    Mo_DECREF(one);
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *C = make_class("C", NULL), *G = make_class("G", getitem_returns_key);
    MoObject *objs[] = {
        Mo_BuildValue("(ii)", 1, 2), MoUnicode_FromString("abc"), Mo_NewRef(Mo_None), Mo_BuildValue("[i]", 1),
        MoFrozenSet_New(NULL), MoObject_CallNoArgs(C), MoObject_CallNoArgs(G), MoRange_New(0, 3, 1),
    };
    const char *labels[] = {"(1, 2)", "'abc'", "None", "[1]", "frozenset()", "C()", "G()", "range(3)"};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        try_all(labels[i], objs[i]);
        Mo_DECREF(objs[i]);
    }
    MoObject *d = MoDict_New(), *missing = MoUnicode_FromString("missing");
    show("{}['missing']:", failed_obj(MoObject_GetItem(d, missing)));
    show("del {}['missing']:", MoObject_DelItem(d, missing) < 0);
    Mo_DECREF(missing);
    Mo_DECREF(d);
    Mo_DECREF(G);
    Mo_DECREF(C);
    MoGC_Collect();
    return Mo_Finalize() != 0;
}
