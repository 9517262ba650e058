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

/* ------------------------------------------------ the containers' methods */

typedef MoObject *(*container_maker)(void);

/* new: the positional arguments (None, None, ...), n of them. */
static MoObject *nones(Mo_ssize_t n)
{
    MoObject *t = mt_ok(MoTuple_New(n));
    for (Mo_ssize_t i = 0; i < n; i++)
        MoTuple_SET_ITEM(t, i, Mo_NewRef(Mo_None));
    return t;
}

/* Every method checks its arguments as weakref.py's Python methods do (the
   messages are 3.11's, self counted). */
#define WVD MoWeakValueDict_New
#define WKD MoWeakKeyDict_New
#define WS MoWeakSet_New
START_TEST(weakref_container_argument_errors)
{
    static const struct {
        container_maker make;
        const char *method;
        Mo_ssize_t nargs;
        const char *message;
    } cases[] = {
        {WVD, "get", 0, "WeakValueDictionary.get() missing 1 required positional argument: 'key'"},
        {WVD, "get", 3, "WeakValueDictionary.get() takes from 2 to 3 positional arguments but 4 were given"},
        {WVD, "pop", 0, "WeakValueDictionary.pop() missing 1 required positional argument: 'key'"},
        {WVD, "popitem", 1, "WeakValueDictionary.popitem() takes 1 positional argument but 2 were given"},
        {WVD, "setdefault", 0, "WeakValueDictionary.setdefault() missing 1 required positional argument: 'key'"},
        {WVD, "setdefault", 3,
         "WeakValueDictionary.setdefault() takes from 2 to 3 positional arguments but 4 were given"},
        {WVD, "update", 2, "WeakValueDictionary.update() takes from 1 to 2 positional arguments but 3 were given"},
        {WVD, "copy", 1, "WeakValueDictionary.copy() takes 1 positional argument but 2 were given"},
        {WVD, "clear", 3, "MutableMapping.clear() takes 1 positional argument but 4 were given"},
        {WVD, "keys", 1, "WeakValueDictionary.keys() takes 1 positional argument but 2 were given"},
        {WVD, "values", 1, "WeakValueDictionary.values() takes 1 positional argument but 2 were given"},
        {WVD, "items", 1, "WeakValueDictionary.items() takes 1 positional argument but 2 were given"},
        {WVD, "__contains__", 0, "WeakValueDictionary.__contains__() missing 1 required positional argument: 'key'"},
        {WVD, "__contains__", 2, "WeakValueDictionary.__contains__() takes 2 positional arguments but 3 were given"},
        {WKD, "get", 0, "WeakKeyDictionary.get() missing 1 required positional argument: 'key'"},
        {WKD, "pop", 0, "WeakKeyDictionary.pop() missing 1 required positional argument: 'key'"},
        {WKD, "pop", 3, "cannot create weak reference to 'NoneType' object"},   /* ref(key) comes first */
        {WKD, "setdefault", 3,
         "WeakKeyDictionary.setdefault() takes from 2 to 3 positional arguments but 4 were given"},
        {WKD, "update", 3, "WeakKeyDictionary.update() takes from 1 to 2 positional arguments but 4 were given"},
        {WKD, "clear", 1, "MutableMapping.clear() takes 1 positional argument but 2 were given"},
        {WKD, "keys", 2, "WeakKeyDictionary.keys() takes 1 positional argument but 3 were given"},
        {WS, "add", 0, "WeakSet.add() missing 1 required positional argument: 'item'"},
        {WS, "add", 3, "WeakSet.add() takes 2 positional arguments but 4 were given"},
        {WS, "discard", 0, "WeakSet.discard() missing 1 required positional argument: 'item'"},
        {WS, "remove", 2, "WeakSet.remove() takes 2 positional arguments but 3 were given"},
        {WS, "pop", 1, "WeakSet.pop() takes 1 positional argument but 2 were given"},
        {WS, "update", 0, "WeakSet.update() missing 1 required positional argument: 'other'"},
        {WS, "copy", 1, "WeakSet.copy() takes 1 positional argument but 2 were given"},
        {WS, "clear", 1, "WeakSet.clear() takes 1 positional argument but 2 were given"},
        {WS, "__contains__", 0, "WeakSet.__contains__() missing 1 required positional argument: 'item'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *c = mt_ok(cases[i].make());
        MoObject *meth = mt_ok(MoObject_GetAttrString(c, cases[i].method));
        MoObject *args = nones(cases[i].nargs);
        ck_assert_msg(MoObject_Call(meth, args, NULL) == NULL, "%s: no error", cases[i].method);
        mt_assert_exc(MoExc_TypeError, cases[i].message);
        Mo_DECREF(args);
        Mo_DECREF(meth);
        Mo_DECREF(c);
    }
    /* Several missing parameters ("'a', 'b', and 'c'") are tested through the
       named tuple's constructor, which words them with the same helper. */
}
END_TEST
#undef WVD
#undef WKD
#undef WS

/* How many entries a container's backing collection holds, dead ones included
   (data is the first object its traverse visits). */
static Mo_ssize_t data_size(MoObject *c)
{
    MoObject *referents = mt_ok(MoGC_GetReferents(c));
    Mo_ssize_t n = MoObject_Length(MoList_GetItem(referents, 0));
    Mo_DECREF(referents);
    return n;
}

/* new: the shared iteration trick: an iterator over c, started, so that a death
   now is deferred and its entry stays in data, dead. */
static MoObject *started_iterator(MoObject *c)
{
    MoObject *it = mt_ok(MoObject_GetIter(c));
    Mo_DECREF(mt_ok(MoIter_Next(it)));
    return it;
}

/* pop, popitem, setdefault, get on a WeakValueDictionary: values held weakly, keys
   strongly (by data and by the KeyedRef), dead entries treated as missing. */
START_TEST(weakref_value_dictionary_pop_setdefault)
{
    MoObject *wvd = mt_ok(MoWeakValueDict_New());
    MoObject *ka = MoUnicode_FromString("a"), *kb = MoUnicode_FromString("b"), *kz = MoUnicode_FromString("z");
    MoObject *va = frozen(1), *vb = frozen(2);
    Mo_ssize_t ka_count = Mo_REFCNT(ka);
    ck_assert_int_eq(MoObject_SetItem(wvd, ka, va), 0);
    ck_assert_int_eq(Mo_REFCNT(ka), ka_count + 2);      /* data's key and KeyedRef.key */
    ck_assert_int_eq(Mo_REFCNT(va), 1);
    MoObject *got = mt_ok(MoObject_CallMethod(wvd, "setdefault", "OO", ka, vb));   /* live: kept */
    ck_assert_ptr_eq(got, va);
    Mo_DECREF(got);
    got = mt_ok(MoObject_CallMethod(wvd, "setdefault", "OO", kb, vb));             /* missing: stored */
    ck_assert_ptr_eq(got, vb);
    Mo_DECREF(got);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(vb), 1);
    ck_assert_ptr_null(MoObject_CallMethod(wvd, "setdefault", "O", kz));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'NoneType' object");
    MoObject *yes = mt_ok(MoObject_CallMethod(wvd, "__contains__", "O", kb));
    ck_assert_ptr_eq(yes, Mo_True);
    Mo_DECREF(yes);

    got = mt_ok(MoObject_CallMethod(wvd, "pop", "O", ka));
    ck_assert_ptr_eq(got, va);
    ck_assert_int_eq(Mo_REFCNT(va), 2);                 /* va and the result: nothing else */
    Mo_DECREF(got);
    ck_assert_int_eq(Mo_REFCNT(ka), ka_count);          /* the entry is gone, key and all */
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(va), 0);
    ck_assert_ptr_null(MoObject_CallMethod(wvd, "pop", "O", ka));
    mt_assert_exc(MoExc_KeyError, "'a'");
    got = mt_ok(MoObject_CallMethod(wvd, "pop", "Oii", ka, 7, 8));   /* weakref.py ignores extras */
    mt_assert_repr(got, "7");
    Mo_DECREF(got);
    MoObject *lst = MoList_New(0);
    ck_assert_ptr_null(MoObject_CallMethod(wvd, "pop", "O", lst));
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'list'");
    Mo_DECREF(lst);

    /* An entry left dead by a death during an iteration: missing for pop, get and
       setdefault (which replaces it), skipped by popitem. */
    ck_assert_int_eq(MoObject_SetItem(wvd, ka, va), 0);   /* order: b, a */
    MoObject *it = started_iterator(wvd);
    Mo_DECREF(va);
    va = NULL;
    ck_assert_int_eq(data_size(wvd), 2);                          /* still in data */
    got = mt_ok(MoObject_CallMethod(wvd, "get", "Oi", ka, 5));
    mt_assert_repr(got, "5");
    Mo_DECREF(got);
    got = mt_ok(MoObject_CallMethod(wvd, "popitem", NULL));      /* a is dead: b comes out */
    ck_assert_ptr_eq(MoTuple_GET_ITEM(got, 0), kb);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(got, 1), vb);
    Mo_DECREF(got);
    Mo_DECREF(it);                                                /* the iteration would fail now */
    ck_assert_int_eq(MoObject_Length(wvd), 0);
    ck_assert_ptr_null(MoObject_CallMethod(wvd, "popitem", NULL));
    mt_assert_exc(MoExc_KeyError, "'popitem(): dictionary is empty'");

    ck_assert_int_eq(MoObject_SetItem(wvd, ka, vb), 0);
    it = started_iterator(wvd);
    MoObject *vc = frozen(3);
    ck_assert_int_eq(MoObject_SetItem(wvd, kb, vc), 0);   /* b is a new key: the iteration will fail */
    Mo_DECREF(vc);                                        /* dead, pending */
    ck_assert_ptr_null(MoObject_CallMethod(wvd, "pop", "O", kb));
    mt_assert_exc(MoExc_KeyError, "'b'");
    Mo_DECREF(it);
    Mo_DECREF(wvd);
    Mo_DECREF(vb);
    Mo_DECREF(ka);
    Mo_DECREF(kb);
    Mo_DECREF(kz);
}
END_TEST

/* A callable bound to a fixed result: returns it (for objects with an items()). */
static MoObject *return_self(MoObject *self, MoObject *args)
{
    (void)args;
    return Mo_NewRef(self);
}

/* update() from a dict, pairs, another weak dictionary and None; its errors are
   dict()'s and unpacking's, with 3.11's messages. copy() and clear(). */
START_TEST(weakref_dictionary_update_copy_clear)
{
    MoObject *(*makers[])(void) = { MoWeakValueDict_New, MoWeakKeyDict_New };
    for (int kind = 0; kind < 2; kind++) {
        MoObject *c = mt_ok(makers[kind]());
        MoObject *o1 = frozen(1), *o2 = frozen(2), *o3 = frozen(3);
        MoObject *k1 = MoUnicode_FromString("k1"), *k2 = MoUnicode_FromString("k2"), *k3 = MoUnicode_FromString("k3");
        /* WeakValueDictionary: {k: o}; WeakKeyDictionary: {o: k}. */
        MoObject *d = MoDict_New();
        MoDict_SetItem(d, kind ? o1 : k1, kind ? k1 : o1);
        MoDict_SetItem(d, kind ? o2 : k2, kind ? k2 : o2);
        Mo_DECREF(mt_ok(MoObject_CallMethod(c, "update", "O", d)));
        Mo_DECREF(mt_ok(MoObject_CallMethod(c, "update", "O", Mo_None)));
        Mo_DECREF(mt_ok(MoObject_CallMethod(c, "update", "N", MoList_New(0))));
        MoObject *pairs = mt_ok(Mo_BuildValue("((OO))", kind ? o3 : k3, kind ? k3 : o3));
        Mo_DECREF(mt_ok(MoObject_CallMethod(c, "update", "N", MoSequence_List(pairs))));
        Mo_DECREF(pairs);
        ck_assert_int_eq(MoObject_Length(c), 3);
        ck_assert_int_eq(Mo_REFCNT(o1), 2);   /* o1 and d: held weakly */

        MoObject *c2 = mt_ok(makers[kind]());
        Mo_DECREF(mt_ok(MoObject_CallMethod(c2, "update", "O", c)));   /* from its items() generator */
        MoObject *cp = mt_ok(MoObject_CallMethod(c, "copy", NULL));
        ck_assert_ptr_ne(cp, c);
        ck_assert(Mo_TYPE(cp) == Mo_TYPE(c));
        ck_assert_int_eq(MoObject_Length(cp), 3);
        ck_assert_int_eq(MoWeakref_GetWeakrefCount(o1), 3);   /* one entry each in c, c2, cp */
        Mo_DECREF(mt_ok(MoObject_CallMethod(c, "clear", NULL)));
        ck_assert_int_eq(MoObject_Length(c), 0);
        ck_assert_int_eq(MoWeakref_GetWeakrefCount(o1), 2);
        Mo_DECREF(d);
        Mo_DECREF(o1);                                         /* only now does it die */
        ck_assert_int_eq(MoObject_Length(cp), 2);
        ck_assert_int_eq(MoObject_Length(c2), 2);
        MoObject *items = mt_ok(MoObject_CallMethod(cp, "items", NULL));
        MoObject *t = mt_ok(MoSequence_Tuple(items));
        mt_assert_repr(t, kind ? "((frozenset({0, 1}), 'k2'), (frozenset({0, 1, 2}), 'k3'))"
                               : "(('k2', frozenset({0, 1})), ('k3', frozenset({0, 1, 2})))");
        Mo_DECREF(t);
        Mo_DECREF(items);
        Mo_DECREF(cp);
        Mo_DECREF(c2);
        Mo_DECREF(o2);
        Mo_DECREF(o3);
        Mo_DECREF(k1);
        Mo_DECREF(k2);
        Mo_DECREF(k3);

        /* other is 1, or an object whose items() returns list(format's tuple). */
        static const struct {
            const char *format, *items_repr;
            MoObject **exc;
            const char *message;
        } errors[] = {
            {NULL, NULL, &MoExc_TypeError, "'int' object is not iterable"},
            {"(i)", "[1]", &MoExc_TypeError, "cannot unpack non-iterable int object"},
            {"((iii))", "[(1, 2, 3)]", &MoExc_ValueError, "too many values to unpack (expected 2)"},
            {"((i))", "[(1,)]", &MoExc_ValueError, "not enough values to unpack (expected 2, got 1)"},
        };
        MoObject *Mapping = mt_ok(MoClass_New("Mapping", NULL));
        for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
            MoObject *other;
            if (errors[i].format == NULL) {
                other = MoLong_FromLong(1);
            } else {
                MoObject *tuple = mt_ok(Mo_BuildValue(errors[i].format, 1, 2, 3));
                MoObject *list = mt_ok(MoSequence_List(tuple));
                Mo_DECREF(tuple);
                mt_assert_repr(list, errors[i].items_repr);
                other = mt_ok(MoObject_CallNoArgs(Mapping));
                MoObject *fn = MoCFunction_New("items", return_self, list);
                ck_assert_int_eq(MoObject_SetAttrString(other, "items", fn), 0);
                Mo_DECREF(fn);
                Mo_DECREF(list);
            }
            ck_assert_ptr_null(MoObject_CallMethod(c, "update", "(O)", other));
            mt_assert_exc(*errors[i].exc, errors[i].message);
            Mo_DECREF(other);
        }
        Mo_DECREF(Mapping);
        ck_assert_ptr_null(MoObject_CallMethod(c, "update", "(N)", Mo_BuildValue("((i))", 1)));
        mt_assert_exc(MoExc_ValueError, "dictionary update sequence element #0 has length 1; 2 is required");
        Mo_DECREF(c);
    }
}
END_TEST

/* pop, setdefault and popitem on a WeakKeyDictionary are dict's, on ref(key). */
START_TEST(weakref_key_dictionary_pop_setdefault)
{
    MoObject *wkd = mt_ok(MoWeakKeyDict_New());
    MoObject *k1 = frozen(1), *k2 = frozen(2);
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
    MoObject *got = mt_ok(MoObject_CallMethod(wkd, "setdefault", "OO", k1, one));
    ck_assert_ptr_eq(got, one);
    Mo_DECREF(got);
    got = mt_ok(MoObject_CallMethod(wkd, "setdefault", "OO", k1, two));   /* present: kept */
    ck_assert_ptr_eq(got, one);
    Mo_DECREF(got);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(k1), 1);    /* the probe reference went away */
    got = mt_ok(MoObject_CallMethod(wkd, "setdefault", "O", k2));          /* default None */
    ck_assert_ptr_eq(got, Mo_None);
    Mo_DECREF(got);
    ck_assert_int_eq(Mo_REFCNT(k1), 1);
    MoObject *yes = mt_ok(MoObject_CallMethod(wkd, "__contains__", "O", k2));
    ck_assert_ptr_eq(yes, Mo_True);
    Mo_DECREF(yes);

    got = mt_ok(MoObject_CallMethod(wkd, "pop", "O", k1));
    ck_assert_ptr_eq(got, one);
    Mo_DECREF(got);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(k1), 0);
    MoObject *r1 = mt_ok(MoWeakref_NewRef(k1, NULL));     /* the basic ref pop will use, shared */
    char r1_repr[128];
    snprintf(r1_repr, sizeof r1_repr, "%s", mt_repr(r1));
    ck_assert_ptr_null(MoObject_CallMethod(wkd, "pop", "O", k1));
    mt_assert_exc(MoExc_KeyError, r1_repr);
    Mo_DECREF(r1);
    got = mt_ok(MoObject_CallMethod(wkd, "pop", "OO", k1, two));
    ck_assert_ptr_eq(got, two);
    Mo_DECREF(got);
    ck_assert_ptr_null(MoObject_CallMethod(wkd, "pop", "OOO", k1, two, two));
    mt_assert_exc(MoExc_TypeError, "pop expected at most 2 arguments, got 3");
    ck_assert_ptr_null(MoObject_CallMethod(wkd, "pop", "OO", one, two));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object");

    /* popitem skips an entry left dead during an iteration. */
    MoObject *k3 = frozen(3);
    ck_assert_int_eq(MoObject_SetItem(wkd, k3, two), 0);   /* order: k2, k3 */
    MoObject *it = started_iterator(wkd);
    Mo_DECREF(k3);
    got = mt_ok(MoObject_CallMethod(wkd, "popitem", NULL));
    ck_assert_ptr_eq(MoTuple_GET_ITEM(got, 0), k2);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(got, 1), Mo_None);
    Mo_DECREF(got);
    Mo_DECREF(it);
    ck_assert_int_eq(MoObject_Length(wkd), 0);
    ck_assert_ptr_null(MoObject_CallMethod(wkd, "popitem", NULL));
    mt_assert_exc(MoExc_KeyError, "'popitem(): dictionary is empty'");
    Mo_DECREF(wkd);
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(one);
    Mo_DECREF(two);
}
END_TEST

/* WeakSet: update, pop (skipping the dead), copy, clear, __contains__. */
START_TEST(weakref_weak_set_methods)
{
    MoObject *ws = mt_ok(MoWeakSet_New());
    MoObject *a = frozen(1), *b = frozen(2);
    MoObject *items = mt_ok(Mo_BuildValue("(OOO)", a, b, a));
    Mo_DECREF(mt_ok(MoObject_CallMethod(ws, "update", "(O)", items)));
    Mo_DECREF(items);
    ck_assert_int_eq(MoObject_Length(ws), 2);
    ck_assert_int_eq(Mo_REFCNT(a), 1);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoObject_CallMethod(ws, "update", "O", one));
    mt_assert_exc(MoExc_TypeError, "'int' object is not iterable");
    MoObject *bad = mt_ok(Mo_BuildValue("(OO)", a, one));
    ck_assert_ptr_null(MoObject_CallMethod(ws, "update", "(O)", bad));   /* a was added first */
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object");
    Mo_DECREF(bad);
    MoObject *res = mt_ok(MoObject_CallMethod(ws, "__contains__", "O", one));
    ck_assert_ptr_eq(res, Mo_False);
    Mo_DECREF(res);

    MoObject *cp = mt_ok(MoObject_CallMethod(ws, "copy", NULL));
    ck_assert_int_eq(MoObject_Length(cp), 2);
    ck_assert_int_eq(MoSequence_Contains(cp, b), 1);
    Mo_DECREF(mt_ok(MoObject_CallMethod(cp, "clear", NULL)));
    ck_assert_int_eq(MoObject_Length(cp), 0);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(b), 1);   /* ws's only */
    Mo_DECREF(cp);

    /* A dead element left behind by an iteration is skipped by pop. */
    MoObject *it = started_iterator(ws);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(it);
    ck_assert_int_eq(MoObject_Length(ws), 0);
    MoObject *c = frozen(3), *d = frozen(4);
    Mo_DECREF(mt_ok(MoObject_CallMethod(ws, "add", "O", c)));
    Mo_DECREF(mt_ok(MoObject_CallMethod(ws, "add", "O", d)));
    it = started_iterator(ws);
    Mo_DECREF(d);                                      /* dead, still in data */
    MoObject *popped = mt_ok(MoObject_CallMethod(ws, "pop", NULL));
    ck_assert_ptr_eq(popped, c);
    Mo_DECREF(popped);
    ck_assert_int_eq(data_size(ws), 0);               /* d's reference came out first */
    Mo_DECREF(it);
    ck_assert_ptr_null(MoObject_CallMethod(ws, "pop", NULL));
    mt_assert_exc(MoExc_KeyError, "'pop from empty WeakSet'");
    /* Only dead elements left: pop drops them all and finds the set empty. */
    MoObject *e = frozen(5), *f = frozen(6);
    Mo_DECREF(mt_ok(MoObject_CallMethod(ws, "add", "O", e)));
    Mo_DECREF(mt_ok(MoObject_CallMethod(ws, "add", "O", f)));
    it = started_iterator(ws);
    Mo_DECREF(e);
    Mo_DECREF(f);
    ck_assert_int_eq(data_size(ws), 2);
    ck_assert_ptr_null(MoObject_CallMethod(ws, "pop", NULL));
    mt_assert_exc(MoExc_KeyError, "'pop from empty WeakSet'");
    ck_assert_int_eq(data_size(ws), 0);
    Mo_DECREF(it);
    res = mt_ok(MoObject_CallMethod(ws, "discard", "O", c));   /* missing: no error */
    Mo_DECREF(res);
    ck_assert_int_eq(Mo_REFCNT(c), 1);
    Mo_DECREF(c);
    Mo_DECREF(one);
    Mo_DECREF(ws);
}
END_TEST

/* keys(), values(), items() and iter() are generators: repr as 3.11, and nothing
   happens before the first next() (no guard, so a later insertion is seen). */
START_TEST(weakref_container_generators)
{
    MoObject *wvd = mt_ok(MoWeakValueDict_New()), *wkd = mt_ok(MoWeakKeyDict_New()), *ws = mt_ok(MoWeakSet_New());
    struct { MoObject *c; const char *method; const char *qualname; } cases[] = {
        {wvd, "keys", "WeakValueDictionary.keys"}, {wvd, "values", "WeakValueDictionary.values"},
        {wvd, "items", "WeakValueDictionary.items"}, {wvd, NULL, "WeakValueDictionary.keys"},
        {wkd, "keys", "WeakKeyDictionary.keys"}, {wkd, "items", "WeakKeyDictionary.items"},
        {wkd, NULL, "WeakKeyDictionary.keys"}, {ws, NULL, "WeakSet.__iter__"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *g = cases[i].method ? mt_ok(MoObject_CallMethod(cases[i].c, cases[i].method, NULL))
                                      : mt_ok(MoObject_GetIter(cases[i].c));
        char expected[128];
        snprintf(expected, sizeof expected, "<generator object %s at %p>", cases[i].qualname, (void *)g);
        mt_assert_repr(g, expected);
        Mo_DECREF(g);
    }
    MoObject *o = frozen(1), *k = MoUnicode_FromString("k");
    MoObject *g = mt_ok(MoObject_CallMethod(wvd, "items", NULL));
    ck_assert_int_eq(MoObject_SetItem(wvd, k, o), 0);     /* after the call, before the first next() */
    MoObject *t = mt_ok(MoSequence_Tuple(g));
    mt_assert_repr(t, "(('k', frozenset({0})),)");
    Mo_DECREF(t);
    MoObject *again = MoIter_Next(g);                      /* finished for good */
    ck_assert_ptr_null(again);
    mt_assert_no_exc();
    Mo_DECREF(g);
    /* An unstarted generator holds no guard: a death is removed at once. */
    g = mt_ok(MoObject_CallMethod(wvd, "keys", NULL));
    Mo_DECREF(o);
    ck_assert_int_eq(data_size(wvd), 0);
    Mo_DECREF(g);
    Mo_DECREF(k);
    Mo_DECREF(wvd);
    Mo_DECREF(wkd);
    Mo_DECREF(ws);
}
END_TEST

/* A started generator stored in its own container: the collector clears the
   container first, and the generator, freed after, must not commit into it. */
START_TEST(weakref_container_generator_cycle)
{
    MoObject *(*makers[])(void) = { MoWeakValueDict_New, MoWeakKeyDict_New };
    for (int kind = 0; kind < 2; kind++) {
        MoObject *c = mt_ok(makers[kind]());
        MoObject *o1 = frozen(1), *o2 = frozen(2), *k = MoUnicode_FromString("k");
        ck_assert_int_eq(MoObject_SetItem(c, kind ? o1 : k, kind ? k : o1), 0);
        MoObject *it = started_iterator(c);
        ck_assert_int_eq(kind ? MoObject_SetItem(c, o2, it) : MoObject_SetItem(c, it, o2), 0);   /* the cycle */
        MoObject *rc = mt_ok(MoWeakref_NewRef(c, NULL));
        Mo_DECREF(it);
        Mo_DECREF(c);
        ck_assert_ptr_ne(MoWeakref_GetObject(rc), Mo_None);
        MoGC_Collect();
        ck_assert_ptr_eq(MoWeakref_GetObject(rc), Mo_None);
        Mo_DECREF(rc);
        Mo_DECREF(o1);
        Mo_DECREF(o2);
        Mo_DECREF(k);
    }
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

/* A finalizer's function: appends its arguments (a tuple) to the log it is bound to. */
static MoObject *log_args(MoObject *log, MoObject *args)
{
    if (MoList_Append(log, args) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* new: finalize(o, log_args bound to log, (name,)). */
static MoObject *log_finalizer(MoObject *o, MoObject *log, const char *name)
{
    MoObject *fn = mt_ok(MoCFunction_New("log", log_args, log));
    MoObject *args = mt_ok(Mo_BuildValue("(s)", name));
    MoObject *f = mt_ok(MoWeakref_Finalize(o, fn, args));
    Mo_DECREF(fn);
    Mo_DECREF(args);
    return f;
}

/* peek() and detach(): (obj, func, args, {}) while alive, None after; detach kills
   without running, and lets go of func and args. */
START_TEST(weakref_finalize_peek_detach)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    MoObject *fn = MoCFunction_New("log", log_args, log);
    MoObject *args = mt_ok(Mo_BuildValue("(s)", "ran"));
    Mo_ssize_t fn_count = Mo_REFCNT(fn), args_count = Mo_REFCNT(args);
    MoObject *f = mt_ok(MoWeakref_Finalize(o, fn, args));
    ck_assert_int_eq(Mo_REFCNT(fn), fn_count + 1);        /* the registry holds func and args */
    ck_assert_int_eq(Mo_REFCNT(args), args_count + 1);
    ck_assert_int_eq(Mo_REFCNT(o), 1);                    /* but not the object */
    MoObject *state = mt_ok(MoObject_CallMethod(f, "peek", NULL));
    ck_assert_int_eq(MoTuple_GET_SIZE(state), 4);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(state, 0), o);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(state, 1), fn);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(state, 2), args);
    mt_assert_repr(MoTuple_GET_ITEM(state, 3), "{}");
    MoObject *state2 = mt_ok(MoObject_CallMethod(f, "peek", NULL));
    ck_assert_ptr_ne(MoTuple_GET_ITEM(state2, 3), MoTuple_GET_ITEM(state, 3));   /* a new {} each time */
    Mo_DECREF(state2);
    Mo_DECREF(state);
    ck_assert_ptr_null(MoObject_CallMethod(f, "peek", "i", 1));
    mt_assert_exc(MoExc_TypeError, "finalize.peek() takes 1 positional argument but 2 were given");
    ck_assert_ptr_null(MoObject_CallMethod(f, "detach", "ii", 1, 2));
    mt_assert_exc(MoExc_TypeError, "finalize.detach() takes 1 positional argument but 3 were given");

    state = mt_ok(MoObject_CallMethod(f, "detach", NULL));
    mt_assert_repr(MoTuple_GET_ITEM(state, 2), "('ran',)");
    ck_assert_ptr_eq(MoTuple_GET_ITEM(state, 0), o);
    Mo_DECREF(state);
    ck_assert_int_eq(Mo_REFCNT(fn), fn_count);            /* released with the entry */
    ck_assert_int_eq(Mo_REFCNT(args), args_count);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(o), 0);
    const char *const dead_methods[] = {"peek", "detach"};
    for (int i = 0; i < 2; i++) {
        MoObject *res = mt_ok(MoObject_CallMethod(f, dead_methods[i], NULL));
        ck_assert_ptr_eq(res, Mo_None);
        Mo_DECREF(res);
    }
    MoObject *res = mt_ok(MoObject_CallNoArgs(f));        /* dead: does nothing */
    ck_assert_ptr_eq(res, Mo_None);
    Mo_DECREF(res);
    Mo_DECREF(o);
    assert_log(log, "[]");
    Mo_DECREF(f);
    Mo_DECREF(fn);
    Mo_DECREF(args);
    Mo_DECREF(log);
}
END_TEST

/* alive is read-only, atexit read-write (bool() of the value, only while alive),
   and neither can be deleted: the messages of Python properties. */
START_TEST(weakref_finalize_attributes)
{
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    MoObject *f = log_finalizer(o, log, "f");
    static const struct { const char *value; const char *atexit; } sets[] = {
        {"0", "False"}, {"'yes'", "True"}, {"[]", "False"}, {"None", "False"}, {"True", "True"},
    };
    MoObject *values[] = { MoLong_FromLong(0), MoUnicode_FromString("yes"), MoList_New(0), Mo_NewRef(Mo_None),
                           Mo_NewRef(Mo_True) };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        mt_assert_repr(values[i], sets[i].value);
        ck_assert_int_eq(MoObject_SetAttrString(f, "atexit", values[i]), 0);
        MoObject *got = mt_ok(MoObject_GetAttrString(f, "atexit"));
        mt_assert_repr(got, sets[i].atexit);
        Mo_DECREF(got);
        Mo_DECREF(values[i]);
    }
    ck_assert_int_eq(MoObject_SetAttrString(f, "alive", Mo_False), -1);
    mt_assert_exc(MoExc_AttributeError, "property 'alive' of 'finalize' object has no setter");
    ck_assert_int_eq(MoObject_DelAttrString(f, "alive"), -1);
    mt_assert_exc(MoExc_AttributeError, "property 'alive' of 'finalize' object has no deleter");
    ck_assert_int_eq(MoObject_DelAttrString(f, "atexit"), -1);
    mt_assert_exc(MoExc_AttributeError, "property 'atexit' of 'finalize' object has no deleter");
    /* A value whose truth fails: the error while alive, not even asked once dead. */
    MoObject *s = MoSet_New(NULL);
    MoObject *dead_proxy = mt_ok(MoWeakref_NewProxy(s, NULL));
    Mo_DECREF(s);
    ck_assert_int_eq(MoObject_SetAttrString(f, "atexit", dead_proxy), -1);
    mt_assert_exc(MoExc_ReferenceError, "weakly-referenced object no longer exists");
    Mo_DECREF(mt_ok(MoObject_CallNoArgs(f)));
    ck_assert_int_eq(MoObject_SetAttrString(f, "atexit", dead_proxy), 0);
    MoObject *got = mt_ok(MoObject_GetAttrString(f, "atexit"));
    ck_assert_ptr_eq(got, Mo_False);                      /* dead: False whatever was set */
    Mo_DECREF(got);
    assert_log(log, "[('f',)]");
    Mo_DECREF(dead_proxy);
    Mo_DECREF(f);
    Mo_DECREF(o);
    Mo_DECREF(log);
}
END_TEST

/* f(...) binds its arguments as `def __call__(self, _=None)`: keywords first. */
START_TEST(weakref_finalize_call_arguments)
{
    static const struct { int nargs; const char *keyword; const char *message; } cases[] = {
        {2, NULL, "finalize.__call__() takes from 1 to 2 positional arguments but 3 were given"},
        {0, "x", "finalize.__call__() got an unexpected keyword argument 'x'"},
        {2, "x", "finalize.__call__() got an unexpected keyword argument 'x'"},
        {1, "_", "finalize.__call__() got multiple values for argument '_'"},
        {2, "_", "finalize.__call__() got multiple values for argument '_'"},
        {0, "_", NULL},                                    /* f(_=None) is a call */
    };
    MoObject *o = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *f = log_finalizer(o, log, "f");
        MoObject *args = nones(cases[i].nargs);
        MoObject *kwargs = NULL;
        if (cases[i].keyword != NULL) {
            kwargs = MoDict_New();
            ck_assert_int_eq(MoDict_SetItemString(kwargs, cases[i].keyword, Mo_None), 0);
        }
        MoObject *res = MoObject_Call(f, args, kwargs);
        if (cases[i].message != NULL) {
            ck_assert_ptr_null(res);
            mt_assert_exc(MoExc_TypeError, cases[i].message);
        } else {
            ck_assert_ptr_eq(mt_ok(res), Mo_None);
            Mo_DECREF(res);
            assert_log(log, "[('f',)]");
        }
        MoObject *alive = mt_ok(MoObject_GetAttrString(f, "alive"));
        ck_assert_ptr_eq(alive, cases[i].message != NULL ? Mo_True : Mo_False);   /* a refused call runs nothing */
        Mo_DECREF(alive);
        Mo_DECREF(mt_ok(MoObject_CallMethod(f, "detach", NULL)));
        Mo_XDECREF(kwargs);
        Mo_DECREF(args);
        Mo_DECREF(f);
    }
    Mo_DECREF(o);
    Mo_DECREF(log);
}
END_TEST

/* Makes a new finalizer (on the object it is bound to, logging "spawned") when run. */
static MoObject *spawn_finalizer(MoObject *self, MoObject *args)
{
    (void)args;
    MoObject *f = log_finalizer(MoTuple_GET_ITEM(self, 0), MoTuple_GET_ITEM(self, 1), "spawned");
    Mo_DECREF(f);
    Mo_RETURN_NONE;
}

/* At Mo_Finalize (_MoWeakref_Fini): the live finalizers whose atexit is true run,
   newest first; one created meanwhile runs too; a failing one is printed and the
   others still run; the rest are dropped unrun. The collector is off meanwhile and
   restored after; an exception pending before is pending after. */
START_TEST(weakref_finalize_at_exit)
{
    MoObject *objs[5];
    for (int i = 0; i < 5; i++)
        objs[i] = MoSet_New(NULL);
    MoObject *log = MoList_New(0);
    MoObject *f0 = log_finalizer(objs[0], log, "f0");
    MoObject *f1 = log_finalizer(objs[1], log, "f1 (atexit False)");
    ck_assert_int_eq(MoObject_SetAttrString(f1, "atexit", Mo_False), 0);
    MoObject *spawn_self = mt_ok(MoTuple_Pack(2, objs[2], log));
    MoObject *spawn = mt_ok(MoCFunction_New("spawn", spawn_finalizer, spawn_self));
    MoObject *f2 = mt_ok(MoWeakref_Finalize(objs[2], spawn, NULL));
    MoObject *bad = MoCFunction_New("bad", raise_callback, NULL);
    MoObject *f3 = mt_ok(MoWeakref_Finalize(objs[3], bad, NULL));
    MoObject *f4 = log_finalizer(objs[4], log, "f4 (detached)");
    Mo_DECREF(mt_ok(MoObject_CallMethod(f4, "detach", NULL)));
    MoObject *f5 = log_finalizer(objs[0], log, "f5");
    MoErr_SetString(MoExc_KeyError, "pending");
    fflush(stderr);
    _MoWeakref_Fini();                                     /* stderr: the ValueError, printed */
    mt_assert_exc(MoExc_KeyError, "'pending'");
    assert_log(log, "[('f5',), ('spawned',), ('f0',)]");   /* f3 failed after f5 */
    ck_assert_int_eq(MoGC_IsEnabled(), 1);
    MoObject *fs[] = { f0, f1, f2, f3, f4, f5 };
    for (int i = 0; i < 6; i++) {
        MoObject *alive = mt_ok(MoObject_GetAttrString(fs[i], "alive"));
        ck_assert_msg(alive == Mo_False, "f%d still alive", i);
        Mo_DECREF(alive);
        Mo_DECREF(fs[i]);
    }
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(MoWeakref_GetWeakrefCount(objs[i]), 0);
        Mo_DECREF(objs[i]);                                /* nothing runs any more */
    }
    ck_assert_int_eq(MoList_Size(log), 3);
    /* With the collector off before, it stays off. */
    MoObject *o = MoSet_New(NULL);
    MoObject *f = log_finalizer(o, log, "again");
    MoGC_Disable();
    _MoWeakref_Fini();
    ck_assert_int_eq(MoGC_IsEnabled(), 0);
    MoGC_Enable();
    assert_log(log, "[('f5',), ('spawned',), ('f0',), ('again',)]");
    Mo_DECREF(f);
    Mo_DECREF(o);
    Mo_DECREF(spawn);
    Mo_DECREF(spawn_self);
    Mo_DECREF(bad);
    Mo_DECREF(log);
}
END_TEST

/* A class on weakref.ref with a slot (Lib/weakref.py's KeyedRef): made through
   the class's tp_alloc (it holds its class), never shared as ref(o) is, placed
   after the basic ref, its callback called with itself, freed by ref's dealloc;
   ref.__init__ checks its arguments for a subclass's __init__. */
START_TEST(weakref_heap_subclass)
{
    MoObject *n = mt_ok(MoUnicode_FromString("KeyedRef"));
    MoObject *bases = mt_ok(MoTuple_Pack(1, (MoObject *)&MoWeakref_RefType));
    MoObject *ns = mt_ok(Mo_BuildValue("{s(s)}", "__slots__", "key"));
    MoObject *K = mt_ok(MoType_FromNameBasesDict(n, bases, ns));
    ck_assert_int_eq(((MoTypeObject *)K)->tp_basicsize, 72);
    MoObject *target = frozen(3);
    MoObject *log = mt_ok(MoList_New(0));
    MoObject *cb = logger(log, "keyed");
    MoObject *basic = mt_ok(MoWeakref_NewRef(target, NULL));
    Mo_ssize_t class_refs = Mo_REFCNT(K);
    MoObject *k = mt_ok(MoObject_CallFunction(K, "OO", target, cb));
    ck_assert_int_eq(Mo_REFCNT(K), class_refs + 1);   /* the instance holds its class */
    ck_assert_int_eq(MoSys_GetSizeOf(k), 88);
    ck_assert_ptr_ne(k, basic);
    MoObject *refs = mt_ok(MoWeakref_GetWeakrefs(target));
    ck_assert_ptr_eq(MoList_GET_ITEM(refs, 0), basic);   /* the basic ref stays at the head */
    ck_assert_ptr_eq(MoList_GET_ITEM(refs, 1), k);
    Mo_DECREF(refs);
    MoObject *key = mt_ok(MoUnicode_FromString("the key"));
    ck_assert_int_eq(MoObject_SetAttrString(k, "key", key), 0);
    MoObject *init = mt_ok(MoSuper_Lookup((MoTypeObject *)K, k, "__init__"));
    ck_assert_ptr_null(MoObject_CallNoArgs(init));
    mt_assert_exc(MoExc_TypeError, "__init__ expected at least 1 argument, got 0");
    MoObject *ok = mt_ok(MoObject_CallFunction(init, "OO", target, cb));
    Mo_DECREF(ok);
    Mo_DECREF(init);
    Mo_DECREF(target);
    assert_log(log, "['keyed']");
    ck_assert_ptr_eq(MoWeakref_GetObject(k), Mo_None);
    Mo_DECREF(k);
    ck_assert_int_eq(Mo_REFCNT(K), class_refs);
    Mo_DECREF(key);
    Mo_DECREF(basic);
    Mo_DECREF(cb);
    Mo_DECREF(log);
    Mo_DECREF(K);
    Mo_DECREF(ns);
    Mo_DECREF(bases);
    Mo_DECREF(n);
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
        {"container_argument_errors", weakref_container_argument_errors},
        {"value_dictionary_pop_setdefault", weakref_value_dictionary_pop_setdefault},
        {"dictionary_update_copy_clear", weakref_dictionary_update_copy_clear},
        {"key_dictionary_pop_setdefault", weakref_key_dictionary_pop_setdefault},
        {"weak_set_methods", weakref_weak_set_methods},
        {"container_generators", weakref_container_generators},
        {"container_generator_cycle", weakref_container_generator_cycle},
        {"finalize_peek_detach", weakref_finalize_peek_detach},
        {"finalize_attributes", weakref_finalize_attributes},
        {"finalize_call_arguments", weakref_finalize_call_arguments},
        {"finalize_at_exit", weakref_finalize_at_exit},
        {"heap_subclass", weakref_heap_subclass},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = mt_tcase(cases[i].name);
        tcase_add_test(tc, cases[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
