/* The weak containers: their entries vanish when their objects die. The C twin of
 * 05-containers.py; the class C is 05-strong-cache's. WeakKeyDictionary first, as
 * the seed article has it, then a WeakValueDictionary, a WeakSet and a
 * weakref.finalize on the same two objects.
 */
#include <stdio.h>
#include "mo.h"

/* ------------------------------------------------------------ the class C */

/* __init__(self, x): self.x = x */
static MoObject *c_init(MoObject *unused, MoObject *args)
{
    (void)unused;
    if (MoObject_SetAttrString(MoTuple_GET_ITEM(args, 0), "x",
                               MoTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* __del__(self): print(f"Deleting object: {self}") */
static MoObject *c_del(MoObject *unused, MoObject *args)
{
    (void)unused;
    printf("Deleting object: ");
    Mo_Print(MoTuple_GET_ITEM(args, 0));
    Mo_RETURN_NONE;
}

/* new: class C with __init__ and __del__. */
static MoObject *make_class(void)
{
    MoObject *cls = MoClass_New("C", NULL);
    MoObject *init = MoCFunction_New("__init__", c_init, NULL);
    MoObject *del = MoCFunction_New("__del__", c_del, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    MoObject_SetAttrString(cls, "__del__", del);
    Mo_DECREF(init);
    Mo_DECREF(del);
    return cls;
}

/* print(*args), for weakref.finalize's callback */
static MoObject *print_args(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *s = MoObject_Str(MoTuple_GET_ITEM(args, 0));
    printf("%s\n", MoUnicode_AsUTF8(s));
    Mo_DECREF(s);
    Mo_RETURN_NONE;
}

/* print(list(d.items())) */
static void print_items(MoObject *d)
{
    MoObject *items = MoObject_CallMethod(d, "items", NULL);
    MoObject *l = MoSequence_List(items);
    Mo_Print(l);
    Mo_DECREF(l);
    Mo_DECREF(items);
}

/* d[k] = hash(k) */
static void store_hash(MoObject *d, MoObject *k)
{
    MoObject *h = MoLong_FromSsize_t(MoObject_Hash(k));
    MoObject_SetItem(d, k, h);
    Mo_DECREF(h);
}

/* d[key] = value, key a str */
static void set_str(MoObject *d, const char *key, MoObject *value)
{
    MoObject *k = MoUnicode_FromString(key);
    MoObject_SetItem(d, k, value);
    Mo_DECREF(k);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = make_class();
    MoObject *c1 = MoObject_CallFunction(C, "i", 10);
    MoObject *c2 = MoObject_CallFunction(C, "i", 11);
    MoObject *cache = MoWeakKeyDict_New();
    store_hash(cache, c1); /* cache[c1] = hash(c1) */
    store_hash(cache, c2);
    print_items(cache);
    Mo_CLEAR(c1);
    Mo_CLEAR(c2);
    print_items(cache);

    MoObject *a = MoObject_CallFunction(C, "i", 1),
             *b = MoObject_CallFunction(C, "i", 2);
    MoObject *wvd = MoWeakValueDict_New();
    set_str(wvd, "a", a); /* wvd["a"] = a */
    set_str(wvd, "b", b);
    MoObject *ws = MoWeakSet_New();
    Mo_XDECREF(MoObject_CallMethod(ws, "add", "O", a));
    Mo_XDECREF(MoObject_CallMethod(ws, "add", "O", b));
    MoObject *pr = MoCFunction_New("print", print_args, NULL);
    MoObject *args = Mo_BuildValue("(s)", "finalize: a is gone");
    MoObject *f = MoWeakref_Finalize(a, pr, args);
    printf("len(wvd), len(ws), f.alive -> %zd %zd ", MoObject_Length(wvd),
           MoObject_Length(ws));
    MoObject *alive = MoObject_GetAttrString(f, "alive");
    Mo_Print(alive);
    Mo_DECREF(alive);
    printf("del a:\n");
    Mo_CLEAR(a);
    printf("len(wvd), len(ws), f.alive -> %zd %zd ", MoObject_Length(wvd),
           MoObject_Length(ws));
    alive = MoObject_GetAttrString(f, "alive");
    Mo_Print(alive);
    Mo_DECREF(alive);
    MoObject *keys = MoSequence_List(wvd), *keys_repr = MoObject_Repr(keys);
    MoObject *got = MoObject_CallMethod(wvd, "get", "s", "a"),
             *got_repr = MoObject_Repr(got);
    printf("list(wvd) -> %s ; wvd.get('a') -> %s\n", MoUnicode_AsUTF8(keys_repr),
           MoUnicode_AsUTF8(got_repr));
    Mo_DECREF(keys);
    Mo_DECREF(keys_repr);
    Mo_DECREF(got);
    Mo_DECREF(got_repr);
    printf("del b:\n");
    Mo_CLEAR(b);
    printf("len(wvd), len(ws) -> %zd %zd\n", MoObject_Length(wvd),
           MoObject_Length(ws));
    Mo_DECREF(f);
    Mo_DECREF(args);
    Mo_DECREF(pr);
    Mo_DECREF(ws);
    Mo_DECREF(wvd);
    Mo_DECREF(cache);
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
