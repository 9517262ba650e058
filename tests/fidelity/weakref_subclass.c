/* weakref_subclass: subclasses of weakref.ref made by MoType_FromNameBasesDict;
 * weakref_subclass.py prints the same lines under CPython 3.11.
 *
 * KeyedRef as Lib/weakref.py writes it (__slots__ = ("key",), its own __new__
 * calling ref.__new__ and __init__ calling super().__init__), a plain subclass
 * with a __dict__, one with its own __call__: sizes, callbacks, errors, cycles.
 */
#include <stdio.h>
#include "mo.h"

#define ARG(i) MoTuple_GET_ITEM(args, (i))

static MoObject *KeyedRef, *REF;

/* "label repr(res)", or "label TypeError: message"; releases res. */
static void show(const char *label, MoObject *res)
{
    if (res != NULL) {
        MoObject *r = MoObject_Repr(res);
        printf("%s %s\n", label, r != NULL ? MoUnicode_AsUTF8(r) : "?");
        Mo_XDECREF(r);
        Mo_DECREF(res);
        return;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = exc != NULL ? MoObject_Str(exc) : NULL;
    printf("%s %s: %s\n", label, exc != NULL ? Mo_TYPE(exc)->tp_name : "?", s != NULL ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_XDECREF(exc);
}

static const char *tf(int b)
{
    return b ? "True" : "False";
}

/* KeyedRef.__new__(type, ob, callback, key): ref.__new__(type, ob, callback),
   then self.key = key. */
static MoObject *keyed_new(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *new = MoObject_GetAttrString(REF, "__new__");
    MoObject *self = new != NULL ? MoObject_CallFunctionObjArgs(new, ARG(0), ARG(1), ARG(2), NULL) : NULL;
    Mo_XDECREF(new);
    if (self != NULL && MoObject_SetAttrString(self, "key", ARG(3)) < 0)
        Mo_CLEAR(self);
    return self;
}

/* KeyedRef.__init__(self, ob, callback, key): super().__init__(ob, callback). */
static MoObject *keyed_init(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *init = MoSuper_Lookup((MoTypeObject *)KeyedRef, ARG(0), "__init__");
    MoObject *res = init != NULL ? MoObject_CallFunctionObjArgs(init, ARG(1), ARG(2), NULL) : NULL;
    Mo_XDECREF(init);
    return res;
}

static MoObject *Deref;

/* Deref.__call__(self): ("called", ref.__call__(self)). */
static MoObject *deref_call(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *call = MoObject_GetAttrString(REF, "__call__");
    MoObject *inner = call != NULL ? MoObject_CallOneArg(call, ARG(0)) : NULL;
    Mo_XDECREF(call);
    return inner != NULL ? Mo_BuildValue("(sN)", "called", inner) : NULL;
}

static MoObject *got;

/* The KeyedRef's callback: got.append(r.key). */
static MoObject *record_key(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *key = MoObject_GetAttrString(ARG(0), "key");
    int r = key != NULL ? MoList_Append(got, key) : -1;
    Mo_XDECREF(key);
    return r < 0 ? NULL : Mo_NewRef(Mo_None);
}

/* new: type(name, bases or (ref,), ns), ns from (name, C function) pairs. */
static MoObject *make_class(const char *name, MoObject *base, MoObject *slots, const char *m1, MoCFunc f1,
                            const char *m2, MoCFunc f2)
{
    MoObject *ns = MoDict_New();
    if (slots != NULL)
        MoDict_SetItemString(ns, "__slots__", slots);
    const char *names[] = {m1, m2};
    MoCFunc fns[] = {f1, f2};
    for (int i = 0; i < 2; i++) {
        if (names[i] == NULL)
            continue;
        MoObject *f = MoCFunction_New(names[i], fns[i], NULL);
        MoDict_SetItemString(ns, names[i], f);
        Mo_DECREF(f);
    }
    MoObject *n = MoUnicode_FromString(name);
    MoObject *bases = base != NULL ? MoTuple_Pack(1, base) : MoTuple_New(0);
    MoObject *cls = MoType_FromNameBasesDict(n, bases, ns);
    Mo_DECREF(bases);
    Mo_DECREF(n);
    Mo_DECREF(ns);
    return cls;
}

static void print_layout(const char *label, MoObject *cls)
{
    MoTypeObject *t = (MoTypeObject *)cls;
    printf("%s: basicsize %zd weakrefoffset %zd dictoffset %zd\n", label, t->tp_basicsize, t->tp_weaklistoffset,
           t->tp_dictoffset);
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *weakref = MoImport_ImportModule("weakref");
    REF = MoObject_GetAttrString(weakref, "ref");
    MoObject *slots = Mo_BuildValue("(s)", "key");
    KeyedRef = make_class("KeyedRef", REF, slots, "__new__", keyed_new, "__init__", keyed_init);
    MoObject *R = make_class("R", REF, NULL, NULL, NULL, NULL, NULL);
    Deref = make_class("Deref", REF, NULL, "__call__", deref_call, NULL, NULL);
    MoObject *C = make_class("C", NULL, NULL, NULL, NULL, NULL, NULL);
    print_layout("KeyedRef", KeyedRef);
    print_layout("R", R);

    MoObject *c = MoObject_CallNoArgs(C);
    got = MoList_New(0);
    MoObject *cb = MoCFunction_New("<lambda>", record_key, NULL);
    MoObject *k = MoObject_CallFunction(KeyedRef, "OOs", c, cb, "the key");
    MoObject *key = MoObject_GetAttrString(k, "key"), *kv = MoObject_CallNoArgs(k);
    printf("getsizeof(KeyedRef(...)) %zd key %s alive %s\n", MoSys_GetSizeOf(k), MoUnicode_AsUTF8(key), tf(kv == c));
    Mo_DECREF(key);
    Mo_DECREF(kv);
    MoObject *r = MoObject_CallOneArg(R, c), *rv = MoObject_CallNoArgs(r), *plain = MoWeakref_NewRef(c, NULL);
    int same = r == plain;
    Mo_DECREF(plain);   /* the temporary ref(c) is gone before getweakrefcount, as in the twin */
    printf("getsizeof(R(c)) %zd alive %s r is ref(c) %s getweakrefcount %zd\n", MoSys_GetSizeOf(r), tf(rv == c),
           tf(same), MoWeakref_GetWeakrefCount(c));
    Mo_DECREF(rv);
    plain = MoWeakref_NewRef(c, NULL);
    MoObject *one = MoLong_FromLong(1);
    MoObject_SetAttrString(r, "tag", one);
    MoObject *d = MoObject_GetAttrString(r, "__dict__"), *dr = MoObject_Repr(d);
    printf("r.__dict__ %s r == ref(c) %s hash equal %s\n", MoUnicode_AsUTF8(dr),
           tf(MoObject_RichCompareBool(r, plain, MO_EQ)), tf(MoObject_Hash(r) == MoObject_Hash(c)));
    Mo_DECREF(dr);
    Mo_DECREF(d);
    Mo_DECREF(plain);
    MoObject *dref = MoObject_CallOneArg(Deref, c), *called = MoObject_CallNoArgs(dref);
    printf("Deref(c)() %s %s\n", MoUnicode_AsUTF8(MoTuple_GET_ITEM(called, 0)), tf(MoTuple_GET_ITEM(called, 1) == c));
    Mo_DECREF(called);
    show("k.other = 1:", MoObject_SetAttrString(k, "other", one) < 0 ? NULL : Mo_NewRef(Mo_None));
    Mo_DECREF(c);
    MoObject *gr = MoObject_Repr(got), *k0 = MoObject_CallNoArgs(k), *r0 = MoObject_CallNoArgs(r);
    MoObject *d0 = MoObject_CallNoArgs(dref), *d0r = MoObject_Repr(d0);
    printf("after del c: callback got %s k() %s r() %s d() %s\n", MoUnicode_AsUTF8(gr), k0 == Mo_None ? "None" : "?",
           r0 == Mo_None ? "None" : "?", MoUnicode_AsUTF8(d0r));
    Mo_DECREF(gr);
    Mo_DECREF(k0);
    Mo_DECREF(r0);
    Mo_DECREF(d0);
    Mo_DECREF(d0r);

    show("KeyedRef(1, None, 2):", MoObject_CallFunction(KeyedRef, "iOi", 1, Mo_None, 2));
    MoObject *c1 = MoObject_CallNoArgs(C), *args = MoTuple_Pack(1, c1), *kw = Mo_BuildValue("{si}", "x", 1);
    show("R(C(), x=1):", MoObject_Call(R, args, kw));
    Mo_DECREF(kw);
    Mo_DECREF(args);
    Mo_DECREF(c1);
    MoObject *init = MoObject_GetAttrString(REF, "__init__");
    show("ref.__init__(r):", MoObject_CallOneArg(init, r));
    show("ref.__init__(r, 1, 2, 3):", MoObject_CallFunction(init, "Oiii", r, 1, 2, 3));
    Mo_DECREF(init);
    MoObject *call = MoObject_GetAttrString(REF, "__call__");
    show("ref.__call__(1):", MoObject_CallFunction(call, "i", 1));
    MoObject *callr = MoObject_Repr(call);
    printf("ref.__call__: %s\n", MoUnicode_AsUTF8(callr));
    Mo_DECREF(callr);
    Mo_DECREF(call);

    MoObject *c2 = MoObject_CallNoArgs(C);
    MoGC_Collect();
    MoObject *k2 = MoObject_CallFunction(KeyedRef, "OOO", c2, Mo_None, Mo_None);
    MoObject *loop = Mo_BuildValue("[O]", k2);
    MoObject_SetAttrString(k2, "key", loop);
    Mo_DECREF(loop);
    Mo_DECREF(k2);
    Mo_ssize_t collected = MoGC_Collect();
    printf("a KeyedRef in a cycle through its key: collected %zd getweakrefcount(c2) %zd\n", collected,
           MoWeakref_GetWeakrefCount(c2));
    Mo_DECREF(c2);

    Mo_DECREF(one);
    Mo_DECREF(dref);
    Mo_DECREF(r);
    Mo_DECREF(k);
    Mo_DECREF(cb);
    Mo_DECREF(got);
    Mo_DECREF(C);
    Mo_CLEAR(Deref);
    Mo_DECREF(R);
    Mo_DECREF(KeyedRef);
    Mo_DECREF(slots);
    Mo_DECREF(REF);
    Mo_DECREF(weakref);
    MoGC_Collect();
    return Mo_Finalize() != 0;
}
