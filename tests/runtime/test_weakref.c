/* Weak references, proxies, the weak containers and weakref.finalize, against the
 * numbers of facts §5 (CPython 3.11). */
#include "testutil.h"
#include <stdio.h>

/* ------------------------------------------------------------------ helpers */

/* A callback that appends its name to a log: bound to the tuple (log, name). It
   also checks what CPython promises: the argument is a reference, already dead. */
static MoObject *log_callback(MoObject *self, MoObject *args)
{
    MoObject *log = MoTuple_GET_ITEM(self, 0), *name = MoTuple_GET_ITEM(self, 1);
    ck_assert_int_eq(MoTuple_GET_SIZE(args), 1);
    MoObject *ref = MoTuple_GET_ITEM(args, 0);
    ck_assert(MoWeakref_Check(ref));
    ck_assert_ptr_eq(MoWeakref_GetObject(ref), Mo_None);
    if (MoList_Append(log, name) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* new: a callback logging `name` into log. */
static MoObject *logger(MoObject *log, const char *name)
{
    MoObject *n = mt_ok(MoUnicode_FromString(name));
    MoObject *self = mt_ok(MoTuple_Pack(2, log, n));
    MoObject *f = mt_ok(MoCFunction_New(name, log_callback, self));
    Mo_DECREF(n);
    Mo_DECREF(self);
    return f;
}

static MoObject *raise_callback(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    MoErr_SetString(MoExc_ValueError, "callback failed");
    return NULL;
}

/* A plain function, to use as a referent and as a finalizer. */
static MoObject *return_args(MoObject *self, MoObject *args)
{
    (void)self;
    return Mo_NewRef(args);
}

/* new: frozenset(range(n)), hashable and weakly referenceable. */
static MoObject *frozen(long n)
{
    MoObject *r = mt_ok(MoRange_New(0, n, 1));
    MoObject *f = mt_ok(MoFrozenSet_New(r));
    Mo_DECREF(r);
    return f;
}

static void assert_log(MoObject *log, const char *expected)
{
    mt_assert_repr(log, expected);
}

/* ------------------------------------------------------ which types qualify */

/* facts §5: TypeError for int, str, tuple, list, dict, None, float, bytes. */
START_TEST(weakref_unsupported_types)
{
    static const struct { const char *what; const char *message; } cases[] = {
        {"int", "cannot create weak reference to 'int' object"},
        {"str", "cannot create weak reference to 'str' object"},
        {"tuple", "cannot create weak reference to 'tuple' object"},
        {"list", "cannot create weak reference to 'list' object"},
        {"dict", "cannot create weak reference to 'dict' object"},
        {"None", "cannot create weak reference to 'NoneType' object"},
        {"float", "cannot create weak reference to 'float' object"},
        {"bytes", "cannot create weak reference to 'bytes' object"},
    };
    MoObject *objs[] = {
        MoLong_FromLong(1000), MoUnicode_FromString("abc"), MoTuple_Pack(1, Mo_None), MoList_New(0),
        MoDict_New(), Mo_NewRef(Mo_None), MoFloat_FromDouble(1.5), MoBytes_FromStringAndSize("x", 1),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_msg(objs[i] != NULL, "%s", cases[i].what);
        ck_assert_ptr_null(MoWeakref_NewRef(objs[i], NULL));
        mt_assert_exc(MoExc_TypeError, cases[i].message);
        ck_assert_ptr_null(MoWeakref_NewProxy(objs[i], NULL));
        mt_assert_exc(MoExc_TypeError, cases[i].message);
        ck_assert_int_eq(MoWeakref_GetWeakrefCount(objs[i]), 0);
        Mo_DECREF(objs[i]);
    }
}
END_TEST

/* set, frozenset and built-in functions can be weakly referenced. */
START_TEST(weakref_supported_types)
{
    MoObject *objs[] = { MoSet_New(NULL), frozen(3), MoCFunction_New("f", return_args, NULL) };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        MoObject *r = mt_ok(MoWeakref_NewRef(objs[i], NULL));
        ck_assert_ptr_eq(MoWeakref_GetObject(r), objs[i]);
        ck_assert_int_eq(MoSys_GetSizeOf(r), 80);            /* facts §1.10 */
        ck_assert_int_eq(MoWeakref_GetWeakrefCount(objs[i]), 1);
        Mo_DECREF(objs[i]);
        ck_assert_ptr_eq(MoWeakref_GetObject(r), Mo_None);   /* the set's dealloc cleared it */
        Mo_DECREF(r);
    }
}
END_TEST

/* Instances of classes can be weakly referenced, unless __slots__ leaves out
   __weakref__; the class itself can too. */
START_TEST(weakref_class_instances)
{
    static const char *const slots_a[] = {"a", NULL};
    static const char *const slots_a_weak[] = {"a", "__weakref__", NULL};
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *S = mt_ok(MoClass_New("S", slots_a));
    MoObject *W = mt_ok(MoClass_New("W", slots_a_weak));
    MoObject *c = mt_ok(MoObject_CallNoArgs(C)), *sl = mt_ok(MoObject_CallNoArgs(S)), *w = mt_ok(MoObject_CallNoArgs(W));
    ck_assert_ptr_null(MoWeakref_NewRef(sl, NULL));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'S' object");
    MoObject *rc = mt_ok(MoWeakref_NewRef(c, NULL));
    MoObject *rw = mt_ok(MoWeakref_NewRef(w, NULL));
    MoObject *rcls = mt_ok(MoWeakref_NewRef(C, NULL));
    char expected[160];
    snprintf(expected, sizeof expected, "<weakref at %p; to 'C' at %p>", (void *)rc, (void *)c);
    mt_assert_repr(rc, expected);
    snprintf(expected, sizeof expected, "<weakref at %p; to 'type' at %p (C)>", (void *)rcls, (void *)C);
    mt_assert_repr(rcls, expected);
    /* A proxy forwards attribute access both ways. */
    MoObject *p = mt_ok(MoWeakref_NewProxy(c, NULL));
    MoObject *five = MoLong_FromLong(5);
    ck_assert_int_eq(MoObject_SetAttrString(p, "x", five), 0);
    MoObject *x = mt_ok(MoObject_GetAttrString(c, "x"));
    ck_assert_ptr_eq(x, five);
    Mo_DECREF(x);
    snprintf(expected, sizeof expected, "<weakproxy at %p to C at %p>", (void *)p, (void *)c);
    mt_assert_repr(p, expected);
    Mo_DECREF(c);
    Mo_DECREF(w);
    ck_assert_ptr_eq(MoWeakref_GetObject(rc), Mo_None);
    ck_assert_ptr_eq(MoWeakref_GetObject(rw), Mo_None);
    Mo_DECREF(p);
    Mo_DECREF(five);
    Mo_DECREF(rc);
    Mo_DECREF(rw);
    Mo_DECREF(sl);
    Mo_DECREF(S);
    Mo_DECREF(W);
    Mo_DECREF(C);
    MoGC_Collect();
    ck_assert_ptr_eq(MoWeakref_GetObject(rcls), Mo_None);   /* the class is gone too */
    Mo_DECREF(rcls);
}
END_TEST

/* A key in a reference cycle stays in a WeakKeyDictionary until the collector
   finds the cycle; then the callback of its reference removes it (facts §5). */
START_TEST(weakref_key_in_cycle)
{
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *wkd = mt_ok(MoWeakKeyDict_New());
    MoObject *k1 = mt_ok(MoObject_CallNoArgs(C)), *k2 = mt_ok(MoObject_CallNoArgs(C));
    ck_assert_int_eq(MoObject_SetAttrString(k2, "self", k2), 0);
    ck_assert_int_eq(MoObject_SetItem(wkd, k1, Mo_None), 0);
    ck_assert_int_eq(MoObject_SetItem(wkd, k2, Mo_None), 0);
    Mo_DECREF(k2);
    ck_assert_int_eq(MoObject_Length(wkd), 2);
    /* 2, as CPython 3.11 counts: the instance, and its reference, which the
       callback freed (a weakref freed by its callback counts as collected). */
    ck_assert_int_eq(MoGC_Collect(), 2);
    ck_assert_int_eq(MoObject_Length(wkd), 1);
    Mo_DECREF(k1);
    ck_assert_int_eq(MoObject_Length(wkd), 0);
    Mo_DECREF(wkd);
    Mo_DECREF(C);
}
END_TEST

/* ------------------------------------------------------- sharing and order */

START_TEST(weakref_sharing_rule)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    MoObject *cb = logger(log, "cb");
    Mo_ssize_t before = Mo_REFCNT(o);
    MoObject *r1 = mt_ok(MoWeakref_NewRef(o, NULL));
    MoObject *r2 = mt_ok(MoWeakref_NewRef(o, Mo_None));      /* None is no callback */
    ck_assert_ptr_eq(r1, r2);                                 /* ref(o) is ref(o) */
    MoObject *c1 = mt_ok(MoWeakref_NewRef(o, cb));
    MoObject *c2 = mt_ok(MoWeakref_NewRef(o, cb));
    ck_assert_ptr_ne(c1, c2);                                 /* ref(o, cb) is not ref(o, cb) */
    MoObject *p1 = mt_ok(MoWeakref_NewProxy(o, NULL));
    MoObject *p2 = mt_ok(MoWeakref_NewProxy(o, NULL));
    ck_assert_ptr_eq(p1, p2);
    ck_assert_int_eq(Mo_REFCNT(o), before);                   /* no strong reference added */
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 4);
    /* The list: basic ref, basic proxy, then the callback refs newest first. */
    MoWeakReference *head = *_MoObject_GET_WEAKREFS_LISTPTR(o);
    MoObject *expected[] = { r1, p1, c2, c1 };
    for (size_t i = 0; i < 4; i++, head = head->wr_next)
        ck_assert_msg((MoObject *)head == expected[i], "list position %zu", i);
    ck_assert_ptr_null(head);
    MoObject *callback = mt_ok(MoObject_GetAttrString(c1, "__callback__"));
    ck_assert_ptr_eq(callback, cb);
    Mo_DECREF(callback);
    Mo_DECREF(c2);                               /* a reference dying unlinks itself */
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 3);
    Mo_DECREF(o);
    assert_log(log, "['cb']");                   /* only the reference still alive fired */
    Mo_DECREF(r1);
    Mo_DECREF(r2);
    Mo_DECREF(c1);
    Mo_DECREF(p1);
    Mo_DECREF(p2);
    Mo_DECREF(cb);
    Mo_DECREF(log);
}
END_TEST

/* facts §5: cb1, cb2, cb3, a plain ref, then finalize; del o runs finalize, cb3, cb2, cb1. */
START_TEST(weakref_callbacks_lifo)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    const char *names[] = {"cb1", "cb2", "cb3"};
    MoObject *refs[3], *cbs[3];
    for (int i = 0; i < 3; i++) {
        cbs[i] = logger(log, names[i]);
        refs[i] = mt_ok(MoWeakref_NewRef(o, cbs[i]));
    }
    MoObject *plain = mt_ok(MoWeakref_NewRef(o, NULL));
    MoObject *fin_cb = logger(log, "finalize");
    MoObject *fin_args = mt_ok(MoTuple_Pack(1, plain));  /* the callback checks its one argument is dead */
    MoObject *fin = mt_ok(MoWeakref_Finalize(o, fin_cb, fin_args));
    Mo_DECREF(o);
    assert_log(log, "['finalize', 'cb3', 'cb2', 'cb1']");
    ck_assert_ptr_eq(MoWeakref_GetObject(plain), Mo_None);
    for (int i = 0; i < 3; i++) {
        mt_assert_repr(refs[i], mt_repr(refs[i]));   /* still printable once dead */
        Mo_DECREF(refs[i]);
        Mo_DECREF(cbs[i]);
    }
    Mo_DECREF(fin);
    Mo_DECREF(fin_args);
    Mo_DECREF(fin_cb);
    Mo_DECREF(plain);
    Mo_DECREF(log);
}
END_TEST

/* A failing callback is reported, not raised; the others still run, and an
   exception pending before the referent died is still pending after. */
START_TEST(weakref_callback_errors)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    MoObject *good = logger(log, "good");
    MoObject *bad = MoCFunction_New("bad", raise_callback, NULL);
    MoObject *r1 = mt_ok(MoWeakref_NewRef(o, good));
    MoObject *r2 = mt_ok(MoWeakref_NewRef(o, bad));
    MoErr_SetString(MoExc_KeyError, "pending");
    fflush(stderr);
    Mo_DECREF(o);                                 /* stderr: Exception ignored in: ... */
    mt_assert_exc(MoExc_KeyError, "'pending'");
    assert_log(log, "['good']");
    Mo_DECREF(r1);
    Mo_DECREF(r2);
    Mo_DECREF(good);
    Mo_DECREF(bad);
    Mo_DECREF(log);
}
END_TEST

/* ------------------------------------------------------- reading, repr, hash */

START_TEST(weakref_call_and_repr)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *r = mt_ok(MoWeakref_NewRef(o, NULL));
    MoObject *got = mt_ok(MoObject_CallNoArgs(r));
    ck_assert_ptr_eq(got, o);
    Mo_DECREF(got);
    MoObject *pobj;
    ck_assert_int_eq(MoWeakref_GetRef(r, &pobj), 1);
    ck_assert_ptr_eq(pobj, o);
    Mo_DECREF(pobj);
    char expected[160];
    snprintf(expected, sizeof expected, "<weakref at %p; to 'set' at %p>", (void *)r, (void *)o);
    mt_assert_repr(r, expected);
    MoObject *one = MoTuple_Pack(1, Mo_None);
    ck_assert_ptr_null(MoObject_Call(r, one, NULL));
    mt_assert_exc(MoExc_TypeError, "weakref expected 0 arguments, got 1");
    Mo_DECREF(one);

    MoObject *f = MoCFunction_New("len", return_args, NULL);
    MoObject *rf = mt_ok(MoWeakref_NewRef(f, NULL));
    snprintf(expected, sizeof expected, "<weakref at %p; to 'builtin_function_or_method' at %p (len)>",
             (void *)rf, (void *)f);
    mt_assert_repr(rf, expected);

    Mo_DECREF(o);
    Mo_DECREF(f);
    got = mt_ok(MoObject_CallNoArgs(r));
    ck_assert_ptr_eq(got, Mo_None);
    Mo_DECREF(got);
    ck_assert_int_eq(MoWeakref_GetRef(r, &pobj), 0);
    ck_assert_ptr_null(pobj);
    snprintf(expected, sizeof expected, "<weakref at %p; dead>", (void *)r);
    mt_assert_repr(r, expected);
    ck_assert_int_eq(MoWeakref_GetRef(Mo_None, &pobj), -1);
    mt_assert_exc(MoExc_TypeError, NULL);
    Mo_DECREF(r);
    Mo_DECREF(rf);
}
END_TEST

/* The hash is the referent's, kept after death; a reference that dies before
   being hashed cannot be hashed. Live references compare their referents. */
START_TEST(weakref_hash_and_equality)
{
    MoObject *a = frozen(3), *b = frozen(3), *c = frozen(4);
    MoObject *log = MoList_New(0);
    MoObject *cb = logger(log, "cb");
    MoObject *ra = mt_ok(MoWeakref_NewRef(a, NULL));
    MoObject *rb = mt_ok(MoWeakref_NewRef(b, NULL));
    MoObject *rc = mt_ok(MoWeakref_NewRef(c, cb));
    ck_assert_int_eq(MoObject_Hash(ra), MoObject_Hash(a));
    ck_assert_int_eq(MoObject_RichCompareBool(ra, rb, MO_EQ), 1);   /* equal referents */
    ck_assert_int_eq(MoObject_RichCompareBool(ra, rc, MO_EQ), 0);
    ck_assert_int_eq(MoObject_RichCompareBool(ra, rc, MO_NE), 1);
    Mo_hash_t h = MoObject_Hash(a);
    Mo_DECREF(a);
    Mo_DECREF(c);
    ck_assert_int_eq(MoObject_Hash(ra), h);                         /* cached */
    ck_assert_int_eq(MoObject_Hash(rc), -1);
    mt_assert_exc(MoExc_TypeError, "weak object has gone away");
    ck_assert_int_eq(MoObject_RichCompareBool(ra, rb, MO_EQ), 0);   /* dead: identity */
    ck_assert_int_eq(MoObject_RichCompareBool(ra, ra, MO_EQ), 1);
    MoObject *s = MoSet_New(NULL);
    MoObject *rs = mt_ok(MoWeakref_NewRef(s, NULL));
    ck_assert_int_eq(MoObject_Hash(rs), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'set'");
    Mo_DECREF(rs);
    Mo_DECREF(s);
    Mo_DECREF(ra);
    Mo_DECREF(rb);
    Mo_DECREF(rc);
    Mo_DECREF(b);
    Mo_DECREF(cb);
    Mo_DECREF(log);
}
END_TEST

/* ------------------------------------------------------------------ proxies */

START_TEST(weakref_proxies)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *one = MoLong_FromLong(1);
    MoSet_Add(o, one);
    MoObject *p = mt_ok(MoWeakref_NewProxy(o, NULL));
    ck_assert(Mo_IS_TYPE(p, &MoWeakref_ProxyType));
    ck_assert_int_eq(MoSys_GetSizeOf(p), 80);
    ck_assert_int_eq(MoObject_Length(p), 1);
    ck_assert_int_eq(MoSequence_Contains(p, one), 1);
    ck_assert_int_eq(MoObject_IsTrue(p), 1);
    mt_assert_str(p, "{1}");
    char expected[160];
    snprintf(expected, sizeof expected, "<weakproxy at %p to set at %p>", (void *)p, (void *)o);
    mt_assert_repr(p, expected);
    MoObject *two = MoLong_FromLong(2);
    MoObject *r = mt_ok(MoObject_CallMethod(p, "add", "O", two));   /* getattr is forwarded */
    Mo_DECREF(r);
    ck_assert_int_eq(MoSet_Size(o), 2);
    ck_assert_int_eq(MoObject_Hash(p), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'weakref.ProxyType'");

    MoObject *f = MoCFunction_New("f", return_args, NULL);
    MoObject *cp = mt_ok(MoWeakref_NewProxy(f, NULL));
    ck_assert(Mo_IS_TYPE(cp, &MoWeakref_CallableProxyType));
    MoObject *res = mt_ok(MoObject_CallOneArg(cp, one));
    mt_assert_repr(res, "(1,)");
    Mo_DECREF(res);

    Mo_DECREF(o);
    Mo_DECREF(f);
    static const char dead[] = "weakly-referenced object no longer exists";
    ck_assert_int_eq(MoObject_Length(p), -1);
    mt_assert_exc(MoExc_ReferenceError, dead);
    ck_assert_ptr_null(MoObject_GetAttrString(p, "add"));
    mt_assert_exc(MoExc_ReferenceError, dead);
    ck_assert_ptr_null(MoObject_Str(p));
    mt_assert_exc(MoExc_ReferenceError, dead);
    ck_assert_int_eq(MoObject_IsTrue(p), -1);
    mt_assert_exc(MoExc_ReferenceError, dead);
    ck_assert_ptr_null(MoObject_CallNoArgs(cp));
    mt_assert_exc(MoExc_ReferenceError, dead);
    snprintf(expected, sizeof expected, "<weakproxy at %p to NoneType at %p>", (void *)p, (void *)Mo_None);
    mt_assert_repr(p, expected);
    Mo_DECREF(p);
    Mo_DECREF(cp);
    Mo_DECREF(one);
    Mo_DECREF(two);
}
END_TEST

/* ------------------------------------------------------------ the containers */

/* facts §5: WeakValueDictionary with 2 entries, del o1 -> len 1, keys ['b'];
   wvd['x'] = 42 is a TypeError; wvd.get('a') -> None and wvd['a'] -> KeyError: 'a'. */
START_TEST(weakref_value_dictionary)
{
    MoObject *wvd = mt_ok(MoWeakValueDict_New());
    MoObject *o1 = MoSet_New(NULL), *o2 = MoSet_New(NULL);
    MoObject *ka = MoUnicode_FromString("a"), *kb = MoUnicode_FromString("b"), *kx = MoUnicode_FromString("x");
    ck_assert_int_eq(MoObject_SetItem(wvd, ka, o1), 0);
    ck_assert_int_eq(MoObject_SetItem(wvd, kb, o2), 0);
    ck_assert_int_eq(MoObject_Length(wvd), 2);
    MoObject *got = mt_ok(MoObject_GetItem(wvd, ka));
    ck_assert_ptr_eq(got, o1);
    Mo_DECREF(got);
    ck_assert_int_eq(Mo_REFCNT(o1), 1);                      /* held weakly */
    Mo_DECREF(o1);
    ck_assert_int_eq(MoObject_Length(wvd), 1);
    MoObject *keys = mt_ok(MoSequence_Tuple(wvd));
    mt_assert_repr(keys, "('b',)");
    Mo_DECREF(keys);
    MoObject *v42 = MoLong_FromLong(42);
    ck_assert_int_eq(MoObject_SetItem(wvd, kx, v42), -1);
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object");
    got = mt_ok(MoObject_CallMethod(wvd, "get", "O", ka));
    ck_assert_ptr_eq(got, Mo_None);
    Mo_DECREF(got);
    ck_assert_ptr_null(MoObject_GetItem(wvd, ka));
    mt_assert_exc(MoExc_KeyError, "'a'");
    ck_assert_int_eq(MoSequence_Contains(wvd, kb), 1);
    ck_assert_int_eq(MoObject_DelItem(wvd, kb), 0);
    ck_assert_int_eq(MoObject_Length(wvd), 0);
    char expected[96];
    snprintf(expected, sizeof expected, "<WeakValueDictionary at %p>", (void *)wvd);
    mt_assert_repr(wvd, expected);
    ck_assert_int_eq(MoObject_Hash(wvd), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'WeakValueDictionary'");
    Mo_DECREF(o2);
    Mo_DECREF(wvd);
    Mo_DECREF(ka);
    Mo_DECREF(kb);
    Mo_DECREF(kx);
    Mo_DECREF(v42);
}
END_TEST

/* facts §5: WeakKeyDictionary del k1 -> len 1; wkd['strkey'] = 1 is a TypeError. */
START_TEST(weakref_key_dictionary)
{
    MoObject *wkd = mt_ok(MoWeakKeyDict_New());
    MoObject *k1 = frozen(1), *k2 = frozen(2), *k2b = frozen(2);
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
    ck_assert_int_eq(MoObject_SetItem(wkd, k1, one), 0);
    ck_assert_int_eq(MoObject_SetItem(wkd, k2, two), 0);
    ck_assert_int_eq(Mo_REFCNT(k1), 1);
    MoObject *got = mt_ok(MoObject_GetItem(wkd, k2b));      /* an equal key finds it */
    ck_assert_ptr_eq(got, two);
    Mo_DECREF(got);
    Mo_DECREF(k1);
    ck_assert_int_eq(MoObject_Length(wkd), 1);
    MoObject *s = MoUnicode_FromString("strkey");
    ck_assert_int_eq(MoObject_SetItem(wkd, s, one), -1);
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'str' object");
    ck_assert_int_eq(MoSequence_Contains(wkd, s), 0);       /* no error for `in` */
    mt_assert_no_exc();
    MoObject *k3 = frozen(3);
    MoObject *r3 = mt_ok(MoWeakref_NewRef(k3, NULL));
    char r3_repr[128];
    snprintf(r3_repr, sizeof r3_repr, "%s", mt_repr(r3));
    ck_assert_ptr_null(MoObject_GetItem(wkd, k3));
    mt_assert_exc(MoExc_KeyError, r3_repr);                 /* KeyError(<weakref ...>) */
    Mo_DECREF(r3);
    got = mt_ok(MoObject_CallMethod(wkd, "get", "OO", k3, two));
    ck_assert_ptr_eq(got, two);
    Mo_DECREF(got);
    ck_assert_int_eq(MoObject_DelItem(wkd, k2), 0);
    ck_assert_int_eq(MoObject_Length(wkd), 0);
    Mo_DECREF(k2);
    Mo_DECREF(k2b);
    Mo_DECREF(k3);
    Mo_DECREF(s);
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(wkd);
}
END_TEST

/* facts §5: WeakSet del a -> len 1, ws.add(1) is a TypeError; repr as 3.11. */
START_TEST(weakref_weak_set)
{
    MoObject *ws = mt_ok(MoWeakSet_New());
    mt_assert_repr(ws, "set()");
    MoObject *a = frozen(1), *b = frozen(2);
    MoObject *r = mt_ok(MoObject_CallMethod(ws, "add", "O", a));
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(ws, "add", "O", b));
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(ws, "add", "O", b));
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(ws), 2);
    Mo_DECREF(a);
    ck_assert_int_eq(MoObject_Length(ws), 1);
    MoObject *ref_b = mt_ok(MoWeakref_NewRef(b, NULL));
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(b), 2);
    MoWeakReference *in_set = ((MoWeakReference *)ref_b)->wr_next;   /* the set's callback ref */
    char expected[96];
    snprintf(expected, sizeof expected, "{<weakref at %p; to 'frozenset' at %p>}", (void *)in_set, (void *)b);
    mt_assert_repr(ws, expected);
    Mo_DECREF(ref_b);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoObject_CallMethod(ws, "add", "O", one));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object");
    ck_assert_int_eq(MoSequence_Contains(ws, one), 0);
    ck_assert_int_eq(MoSequence_Contains(ws, b), 1);
    r = mt_ok(MoObject_CallMethod(ws, "discard", "O", b));
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(ws), 0);
    ck_assert_ptr_null(MoObject_CallMethod(ws, "remove", "O", b));
    mt_assert_exc(MoExc_KeyError, NULL);
    Mo_DECREF(one);
    Mo_DECREF(b);
    Mo_DECREF(ws);
}
END_TEST

/* Referents dying while an iteration runs: the removals wait for the iterator
   (no "changed size during iteration"), len counts the living at once, and the
   last iterator to finish commits them. Every container, the same story. */
START_TEST(weakref_death_during_iteration)
{
    MoObject *(*makers[])(void) = { MoWeakValueDict_New, MoWeakKeyDict_New, MoWeakSet_New };
    for (int kind = 0; kind < 3; kind++) {
        MoObject *c = mt_ok(makers[kind]());
        MoObject *objs[4];
        for (int i = 0; i < 4; i++) {
            objs[i] = frozen(i);
            MoObject *n = MoLong_FromLong(i);
            if (kind == 0)
                ck_assert_int_eq(MoObject_SetItem(c, n, objs[i]), 0);
            else if (kind == 1)
                ck_assert_int_eq(MoObject_SetItem(c, objs[i], n), 0);
            else
                Mo_DECREF(mt_ok(MoObject_CallMethod(c, "add", "O", objs[i])));
            Mo_DECREF(n);
        }
        MoObject *it = mt_ok(MoObject_GetIter(c));
        MoObject *first = mt_ok(MoIter_Next(it));
        Mo_DECREF(first);
        Mo_DECREF(objs[1]);                       /* die in the middle of the walk */
        Mo_DECREF(objs[2]);
        objs[1] = objs[2] = NULL;
        ck_assert_int_eq(MoObject_Length(c), 2);  /* at once */
        int seen = 1;
        MoObject *x;
        while ((x = MoIter_Next(it)) != NULL) {
            seen++;
            Mo_DECREF(x);
        }
        mt_assert_no_exc();
        ck_assert_msg(seen == 2, "kind %d: saw %d entries", kind, seen);
        ck_assert_int_eq(MoObject_Length(c), 2);
        /* An iterator dropped half-way also ends its guard. */
        MoObject *it2 = mt_ok(MoObject_GetIter(c));
        Mo_DECREF(objs[3]);
        objs[3] = NULL;
        ck_assert_int_eq(MoObject_Length(c), 1);
        Mo_DECREF(it2);
        ck_assert_int_eq(MoObject_Length(c), 1);
        Mo_DECREF(it);
        Mo_DECREF(objs[0]);
        ck_assert_int_eq(MoObject_Length(c), 0);
        Mo_DECREF(c);
    }
}
END_TEST

/* Iterating a WeakValueDictionary's items and values. */
START_TEST(weakref_container_items)
{
    MoObject *wvd = mt_ok(MoWeakValueDict_New());
    MoObject *v = frozen(1);
    MoObject *k = MoUnicode_FromString("k");
    ck_assert_int_eq(MoObject_SetItem(wvd, k, v), 0);
    MoObject *items = mt_ok(MoObject_CallMethod(wvd, "items", NULL));
    MoObject *t = mt_ok(MoSequence_Tuple(items));
    mt_assert_repr(t, "(('k', frozenset({0})),)");
    Mo_DECREF(t);
    Mo_DECREF(items);
    MoObject *values = mt_ok(MoObject_CallMethod(wvd, "values", NULL));
    t = mt_ok(MoSequence_Tuple(values));
    mt_assert_repr(t, "(frozenset({0}),)");
    Mo_DECREF(t);
    Mo_DECREF(values);
    Mo_DECREF(k);
    Mo_DECREF(v);
    Mo_DECREF(wvd);
}
END_TEST

/* facts §5: a strong set() cache keeps both objects (len 2); a WeakKeyDictionary
   drops to 0. */
START_TEST(weakref_strong_cache_vs_weak)
{
    MoObject *strong = MoSet_New(NULL);
    MoObject *weak = mt_ok(MoWeakKeyDict_New());
    for (long i = 0; i < 2; i++) {
        MoObject *o = frozen(i + 1);
        ck_assert_int_eq(MoSet_Add(strong, o), 0);
        ck_assert_int_eq(MoObject_SetItem(weak, o, Mo_None), 0);
        Mo_DECREF(o);
    }
    ck_assert_int_eq(MoSet_Size(strong), 2);
    ck_assert_int_eq(MoObject_Length(weak), 2);
    Mo_DECREF(strong);                          /* only now do they die */
    ck_assert_int_eq(MoObject_Length(weak), 0);
    Mo_DECREF(weak);
}
END_TEST

/* A container that dies first: its entries' callbacks find it gone. */
START_TEST(weakref_container_dies_first)
{
    MoObject *o = frozen(2);
    MoObject *wvd = mt_ok(MoWeakValueDict_New());
    MoObject *ws = mt_ok(MoWeakSet_New());
    MoObject *k = MoUnicode_FromString("k");
    ck_assert_int_eq(MoObject_SetItem(wvd, k, o), 0);
    Mo_DECREF(mt_ok(MoObject_CallMethod(ws, "add", "O", o)));
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 2);
    Mo_DECREF(wvd);
    Mo_DECREF(ws);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 0);
    Mo_DECREF(o);
    Mo_DECREF(k);
}
END_TEST

/* ------------------------------------------------------------------ finalize */

START_TEST(weakref_finalize)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *f = MoCFunction_New("f", return_args, NULL);
    MoObject *args = MoTuple_Pack(1, Mo_None);
    MoObject *fin = mt_ok(MoWeakref_Finalize(o, f, args));
    MoObject *alive = mt_ok(MoObject_GetAttrString(fin, "alive"));
    ck_assert_ptr_eq(alive, Mo_True);
    Mo_DECREF(alive);
    char expected[128];
    snprintf(expected, sizeof expected, "<finalize object at %p; for 'set' at %p>", (void *)fin, (void *)o);
    mt_assert_repr(fin, expected);
    MoObject *res = mt_ok(MoObject_CallNoArgs(fin));          /* runs early: f(None) */
    mt_assert_repr(res, "(None,)");
    Mo_DECREF(res);
    res = mt_ok(MoObject_CallNoArgs(fin));                    /* once only */
    ck_assert_ptr_eq(res, Mo_None);
    Mo_DECREF(res);
    alive = mt_ok(MoObject_GetAttrString(fin, "alive"));
    ck_assert_ptr_eq(alive, Mo_False);
    Mo_DECREF(alive);
    snprintf(expected, sizeof expected, "<finalize object at %p; dead>", (void *)fin);
    mt_assert_repr(fin, expected);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 0);        /* its reference went with it */
    Mo_DECREF(fin);

    /* Nobody keeps the finalizer: the registry does, until o dies. */
    MoObject *log = MoList_New(0);
    MoObject *cb = logger(log, "fin");
    MoObject *r = mt_ok(MoWeakref_NewRef(o, NULL));
    MoObject *fargs = MoTuple_Pack(1, r);
    Mo_DECREF(mt_ok(MoWeakref_Finalize(o, cb, fargs)));
    assert_log(log, "[]");
    Mo_DECREF(o);
    assert_log(log, "['fin']");
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoWeakref_Finalize(one, cb, NULL));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object");
    Mo_DECREF(one);
    Mo_DECREF(fargs);
    Mo_DECREF(r);
    Mo_DECREF(cb);
    Mo_DECREF(log);
    Mo_DECREF(f);
    Mo_DECREF(args);
}
END_TEST

/* A finalizer still pending at Mo_Finalize is dropped without running. */
START_TEST(weakref_finalize_pending_at_exit)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    MoObject *cb = logger(log, "fin");
    Mo_DECREF(mt_ok(MoWeakref_Finalize(o, cb, NULL)));
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 1);
    _MoWeakref_Fini();
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 0);
    assert_log(log, "[]");
    Mo_DECREF(o);
    Mo_DECREF(cb);
    Mo_DECREF(log);
}
END_TEST

Suite *weakref_suite(void)
{
    Suite *s = suite_create("weakref");
    struct { const char *name; const TTest *test; } cases[] = {
        {"unsupported_types", weakref_unsupported_types},
        {"supported_types", weakref_supported_types},
        {"class_instances", weakref_class_instances},
        {"key_in_cycle", weakref_key_in_cycle},
        {"sharing_rule", weakref_sharing_rule},
        {"callbacks_lifo", weakref_callbacks_lifo},
        {"callback_errors", weakref_callback_errors},
        {"call_and_repr", weakref_call_and_repr},
        {"hash_and_equality", weakref_hash_and_equality},
        {"proxies", weakref_proxies},
        {"value_dictionary", weakref_value_dictionary},
        {"key_dictionary", weakref_key_dictionary},
        {"weak_set", weakref_weak_set},
        {"death_during_iteration", weakref_death_during_iteration},
        {"container_items", weakref_container_items},
        {"strong_cache_vs_weak", weakref_strong_cache_vs_weak},
        {"container_dies_first", weakref_container_dies_first},
        {"finalize", weakref_finalize},
        {"finalize_pending_at_exit", weakref_finalize_pending_at_exit},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = mt_tcase(cases[i].name);
        tcase_add_test(tc, cases[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
