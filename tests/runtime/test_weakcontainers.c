/* The weak containers as Lib/weakref.py and Lib/_weakrefset.py have them in full:
 * equality by contents, WeakSet's algebra and ordering, keyrefs/valuerefs,
 * del of a dead entry, getweakrefs and WeakMethod. Every expected value below is
 * what CPython 3.11 prints for the same operations (frozensets stand for objects:
 * hashable, weakly referenceable, and told apart by their size). */
#include "testutil.h"
#include <stdarg.h>
#include <stdio.h>

/* ------------------------------------------------------------------ helpers */

/* new: frozenset(range(n)). */
static MoObject *F(long n)
{
    MoObject *r = mt_ok(MoRange_New(0, n, 1));
    MoObject *f = mt_ok(MoFrozenSet_New(r));
    Mo_DECREF(r);
    return f;
}

/* new: a list of the n objects given (borrowed). */
static MoObject *list_of(int n, ...)
{
    MoObject *l = mt_ok(MoList_New(0));
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(MoList_Append(l, va_arg(ap, MoObject *)), 0);
    va_end(ap);
    return l;
}

/* new: WeakSet(items), items a list (stolen). */
static MoObject *weakset_of(MoObject *items)
{
    MoObject *ws = mt_ok(MoWeakSet_New());
    MoObject *r = mt_ok(MoObject_CallMethod(ws, "update", "O", items));
    Mo_DECREF(r);
    Mo_DECREF(items);
    return ws;
}

/* a op b as a C truth value (the comparison must not fail). */
static int cmp(MoObject *a, MoObject *b, int op)
{
    int r = MoObject_RichCompareBool(a, b, op);
    ck_assert_int_ge(r, 0);
    return r;
}

/* The same, with b a list (stolen). */
static int cmp_list(MoObject *a, MoObject *b, int op)
{
    int r = cmp(a, b, op);
    Mo_DECREF(b);
    return r;
}

/* repr(sorted(map(len, container))): which frozensets (sizes 0-9) a container holds. */
static void assert_sizes(MoObject *container, const char *expected)
{
    int seen[10] = {0};
    MoObject *it = mt_ok(MoObject_GetIter(container)), *x;
    while ((x = MoIter_Next(it)) != NULL) {
        seen[MoObject_Length(x)]++;
        Mo_DECREF(x);
    }
    Mo_DECREF(it);
    char got[64] = "[";
    for (int n = 0; n < 10; n++)
        for (int k = 0; k < seen[n]; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%d", strlen(got) > 1 ? ", " : "", n);
    strcat(got, "]");
    ck_assert_str_eq(got, expected);
}

/* new: the slot nb_<which> of a's type applied to (a, b), b stolen; what Python's
   operator does when the left operand's slot answers. */
static MoObject *binop(MoObject *a, MoObject *b, size_t offset)
{
    binaryfunc f = *(binaryfunc *)((char *)Mo_TYPE(a)->tp_as_number + offset);
    MoObject *r = f(a, b);
    Mo_DECREF(b);
    return r;
}
#define NB(name) offsetof(MoNumberMethods, name)

/* --------------------------------------------------- WeakSet: == and order */

START_TEST(weakset_equality_and_order)
{
    MoObject *a = F(1), *b = F(2), *c = F(3);
    MoObject *ws = weakset_of(list_of(2, a, b)), *wt = weakset_of(list_of(2, b, a));
    /* eq True False False False */
    ck_assert(cmp(ws, wt, MO_EQ));
    ck_assert(!cmp(ws, wt, MO_NE));
    MoObject *plain = mt_ok(MoSet_New(NULL));
    MoSet_Add(plain, a);
    MoSet_Add(plain, b);
    ck_assert(!cmp(ws, plain, MO_EQ));       /* only a WeakSet equals a WeakSet */
    ck_assert(!cmp_list(ws, list_of(2, a, b), MO_EQ));
    /* le True False True True False True: any iterable on the right */
    ck_assert(cmp_list(ws, list_of(3, a, b, c), MO_LE));
    ck_assert(!cmp_list(ws, list_of(2, a, b), MO_LT));
    ck_assert(cmp_list(ws, list_of(3, a, b, c), MO_LT));
    ck_assert(cmp_list(ws, list_of(1, a), MO_GE));
    ck_assert(!cmp_list(ws, list_of(2, a, b), MO_GT));
    ck_assert(cmp_list(ws, list_of(1, a), MO_GT));
    /* reflected: [a, b, c] >= ws asks ws <= [a, b, c] */
    MoObject *abc = list_of(3, a, b, c);
    ck_assert(cmp(abc, ws, MO_GE));
    Mo_DECREF(abc);
    MoObject *five = MoLong_FromLong(5);
    ck_assert_ptr_null(MoObject_RichCompare(ws, five, MO_LT));
    mt_assert_exc(MoExc_TypeError, "'int' object is not iterable");
    Mo_DECREF(five);
    /* unhashable, as a class defining __eq__ only */
    ck_assert_int_eq(MoObject_Hash(ws), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'WeakSet'");
    Mo_DECREF(plain);
    Mo_DECREF(ws);
    Mo_DECREF(wt);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
}
END_TEST

/* ------------------------------------------------------- WeakSet: algebra */

START_TEST(weakset_algebra)
{
    MoObject *a = F(1), *b = F(2), *c = F(3);
    MoObject *ws = weakset_of(list_of(2, a, b));
    MoObject *r = mt_ok(binop(ws, list_of(1, a), NB(nb_subtract)));
    ck_assert_str_eq(Mo_TYPE(r)->tp_name, "WeakSet");
    assert_sizes(r, "[2]");
    Mo_DECREF(r);
    r = mt_ok(binop(ws, list_of(2, b, c), NB(nb_and)));
    assert_sizes(r, "[2]");
    Mo_DECREF(r);
    r = mt_ok(binop(ws, list_of(1, c), NB(nb_or)));
    assert_sizes(r, "[1, 2, 3]");
    Mo_DECREF(r);
    r = mt_ok(binop(ws, list_of(2, b, c), NB(nb_xor)));
    assert_sizes(r, "[1, 3]");
    Mo_DECREF(r);
    /* the named forms */
    r = mt_ok(MoObject_CallMethod(ws, "difference", "N", list_of(1, b)));
    assert_sizes(r, "[1]");
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(ws, "isdisjoint", "N", list_of(1, c)));
    ck_assert_ptr_eq(r, Mo_True);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(ws, "isdisjoint", "N", list_of(1, a)));
    ck_assert_ptr_eq(r, Mo_False);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(ws, "issubset", "N", list_of(2, a, b)));
    ck_assert_ptr_eq(r, Mo_True);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(ws, "issuperset", "N", list_of(3, a, b, c)));
    ck_assert_ptr_eq(r, Mo_False);
    Mo_DECREF(r);
    /* a WeakSet on the right only: list - ws has no slot that answers */
    MoObject *l = list_of(1, a);
    r = Mo_TYPE(ws)->tp_as_number->nb_subtract(l, ws);
    ck_assert_ptr_eq(r, Mo_NotImplemented);
    Mo_DECREF(r);
    Mo_DECREF(l);
    ck_assert_ptr_null(binop(ws, MoLong_FromLong(5), NB(nb_subtract)));
    mt_assert_exc(MoExc_TypeError, "'int' object is not iterable");
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(binop(ws, list_of(1, one), NB(nb_or)));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'int' object");
    Mo_DECREF(one);
    Mo_DECREF(ws);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
}
END_TEST

START_TEST(weakset_in_place)
{
    MoObject *a = F(1), *b = F(2), *c = F(3), *d = F(4);
    MoObject *x = weakset_of(list_of(3, a, b, c));
    MoObject *r = mt_ok(MoObject_CallMethod(x, "difference_update", "N", list_of(1, a)));
    ck_assert_ptr_eq(r, Mo_None);
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(x), 2);
    r = mt_ok(MoObject_CallMethod(x, "symmetric_difference_update", "N", list_of(2, c, d)));
    Mo_DECREF(r);
    assert_sizes(x, "[2, 4]");
    r = mt_ok(MoObject_CallMethod(x, "intersection_update", "N", list_of(2, b, c)));
    Mo_DECREF(r);
    assert_sizes(x, "[2]");
    r = mt_ok(binop(x, list_of(1, a), NB(nb_inplace_or)));
    ck_assert_ptr_eq(r, x);           /* y |= ...: y is x */
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(x), 2);
    r = mt_ok(binop(x, list_of(1, a), NB(nb_inplace_subtract)));
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(x), 1);
    r = mt_ok(binop(x, Mo_NewRef(x), NB(nb_inplace_subtract)));   /* x -= x */
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(x), 0);
    /* ^= adds references that carry the removal callback: a death removes them */
    r = mt_ok(binop(x, list_of(1, d), NB(nb_inplace_xor)));
    Mo_DECREF(r);
    ck_assert_int_eq(MoObject_Length(x), 1);
    Mo_DECREF(d);
    ck_assert_int_eq(MoObject_Length(x), 0);
    Mo_DECREF(x);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
}
END_TEST

/* 3.11's quirk, reproduced: set.intersection_update keeps the other side's
   entries, so after `q &= [e]` the survivor's reference has no callback and its
   death leaves a dead entry: len(q) 1, list(q) []. */
START_TEST(weakset_intersection_quirk)
{
    MoObject *e = F(5), *a = F(1);
    MoObject *q = weakset_of(list_of(2, e, a));
    MoObject *r = mt_ok(binop(q, list_of(1, e), NB(nb_inplace_and)));
    Mo_DECREF(r);
    Mo_DECREF(e);
    ck_assert_int_eq(MoObject_Length(q), 1);
    MoObject *items = mt_ok(MoSequence_List(q));
    mt_assert_repr(items, "[]");
    Mo_DECREF(items);
    Mo_DECREF(q);
    Mo_DECREF(a);
}
END_TEST

/* ------------------------------------------------- the dictionaries */

/* new: an instance of a fresh class C. */
static MoObject *instance(MoObject *cls)
{
    return mt_ok(MoObject_CallNoArgs(cls));
}

static MoObject *int_key(long k)
{
    return mt_ok(MoLong_FromLong(k));
}

START_TEST(weakdict_equality)
{
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *o1 = instance(C), *o2 = instance(C);
    MoObject *k1 = int_key(1), *k2 = int_key(2);
    MoObject *plain = mt_ok(MoDict_New()), *half = mt_ok(MoDict_New());
    MoDict_SetItem(plain, k1, o1);
    MoDict_SetItem(plain, k2, o2);
    MoDict_SetItem(half, k1, o1);
    MoObject *v = mt_ok(MoWeakValueDict_New()), *w = mt_ok(MoWeakValueDict_New());
    MoObject_SetItem(v, k1, o1);
    MoObject_SetItem(v, k2, o2);
    MoObject_SetItem(w, k2, o2);
    MoObject_SetItem(w, k1, o1);
    /* veq True True False True True False */
    ck_assert(cmp(v, plain, MO_EQ));
    ck_assert(cmp(plain, v, MO_EQ));
    ck_assert(!cmp(v, half, MO_EQ));
    ck_assert(cmp(v, half, MO_NE));
    ck_assert(cmp(v, w, MO_EQ));
    ck_assert(!cmp_list(v, list_of(1, k1), MO_EQ));
    ck_assert_ptr_null(MoObject_RichCompare(v, v, MO_LT));
    mt_assert_exc(MoExc_TypeError,
                  "'<' not supported between instances of 'WeakValueDictionary' and 'WeakValueDictionary'");
    /* WeakKeyDictionary: keq True True False */
    MoObject *k = mt_ok(MoWeakKeyDict_New()), *kk = mt_ok(MoWeakKeyDict_New());
    MoObject *byobj = mt_ok(MoDict_New());
    MoObject_SetItem(k, o1, k1);
    MoObject_SetItem(k, o2, k2);
    MoObject_SetItem(kk, o2, k2);
    MoObject_SetItem(kk, o1, k1);
    MoDict_SetItem(byobj, o1, k1);
    MoDict_SetItem(byobj, o2, k2);
    ck_assert(cmp(k, byobj, MO_EQ));
    ck_assert(cmp(k, kk, MO_EQ));
    MoDict_DelItem(byobj, o2);
    ck_assert(!cmp(k, byobj, MO_EQ));
    /* after a death, the dictionaries compare by what is left */
    Mo_DECREF(o2);
    MoDict_DelItem(plain, k2);
    ck_assert(cmp(v, plain, MO_EQ));
    ck_assert(cmp(k, byobj, MO_EQ));
    Mo_DECREF(byobj);
    Mo_DECREF(k);
    Mo_DECREF(kk);
    Mo_DECREF(v);
    Mo_DECREF(w);
    Mo_DECREF(plain);
    Mo_DECREF(half);
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(o1);
    Mo_DECREF(C);
}
END_TEST

START_TEST(weakdict_refs_or_and_del)
{
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *o1 = instance(C), *o2 = instance(C);
    MoObject *k1 = int_key(1), *k2 = int_key(2), *k3 = int_key(3), *k5 = int_key(5), *k9 = int_key(9);
    MoObject *v = mt_ok(MoWeakValueDict_New());
    MoObject_SetItem(v, k1, o1);
    MoObject_SetItem(v, k2, o2);
    MoObject *refs = mt_ok(MoObject_CallMethod(v, "valuerefs", NULL));
    ck_assert_int_eq(MoList_GET_SIZE(refs), 2);
    ck_assert_str_eq(Mo_TYPE(MoList_GET_ITEM(refs, 0))->tp_name, "KeyedRef");
    ck_assert_ptr_eq(MoWeakref_GetObject(MoList_GET_ITEM(refs, 0)), o1);
    Mo_DECREF(refs);
    MoObject *k = mt_ok(MoWeakKeyDict_New());
    MoObject_SetItem(k, o1, k1);
    MoObject_SetItem(k, o2, k2);
    refs = mt_ok(MoObject_CallMethod(k, "keyrefs", NULL));
    ck_assert_int_eq(MoList_GET_SIZE(refs), 2);
    ck_assert(MoWeakref_CheckRef(MoList_GET_ITEM(refs, 0)));
    ck_assert_ptr_eq(MoWeakref_GetObject(MoList_GET_ITEM(refs, 1)), o2);
    Mo_DECREF(refs);
    /* v | {3: o1} is a new WeakValueDictionary; {5: o2} | v too; v |= {9: o2} */
    MoObject *d = mt_ok(MoDict_New());
    MoDict_SetItem(d, k3, o1);
    MoObject *u = mt_ok(binop(v, Mo_NewRef(d), NB(nb_or)));
    ck_assert_str_eq(Mo_TYPE(u)->tp_name, "WeakValueDictionary");
    ck_assert_int_eq(MoObject_Length(u), 3);
    Mo_DECREF(u);
    MoDict_Clear(d);
    MoDict_SetItem(d, k5, o2);
    u = mt_ok(Mo_TYPE(v)->tp_as_number->nb_or(d, v));   /* dict's slot declined: ours, reflected */
    ck_assert_str_eq(Mo_TYPE(u)->tp_name, "WeakValueDictionary");
    ck_assert_int_eq(MoSequence_Contains(u, k5), 1);
    ck_assert_int_eq(MoObject_Length(u), 3);
    Mo_DECREF(u);
    MoDict_Clear(d);
    MoDict_SetItem(d, k9, o2);
    u = mt_ok(binop(v, Mo_NewRef(d), NB(nb_inplace_or)));
    ck_assert_ptr_eq(u, v);
    Mo_DECREF(u);
    ck_assert_int_eq(MoObject_Length(v), 3);
    u = binop(v, list_of(1, k1), NB(nb_or));
    ck_assert_ptr_eq(u, Mo_NotImplemented);
    Mo_DECREF(u);
    MoDict_Clear(d);
    /* del o2: "1 1 [1]", then del v[2] raises KeyError(2) as pop would */
    Mo_DECREF(o2);
    ck_assert_int_eq(MoObject_Length(k), 1);
    ck_assert_int_eq(MoObject_Length(v), 1);
    ck_assert_int_eq(MoObject_DelItem(v, k2), -1);
    mt_assert_exc(MoExc_KeyError, "2");
    Mo_DECREF(d);
    Mo_DECREF(k);
    Mo_DECREF(v);
    Mo_DECREF(o1);
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(k3);
    Mo_DECREF(k5);
    Mo_DECREF(k9);
    Mo_DECREF(C);
}
END_TEST

/* A value that dies while an iteration holds the removal back: del still says
   KeyError, as CPython's __delitem__ (which commits first) does. */
START_TEST(weakdict_del_dead_during_iteration)
{
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *o1 = instance(C), *o2 = instance(C);
    MoObject *k1 = int_key(1), *k2 = int_key(2);
    MoObject *v = mt_ok(MoWeakValueDict_New());
    MoObject_SetItem(v, k1, o1);
    MoObject_SetItem(v, k2, o2);
    MoObject *it = mt_ok(MoObject_GetIter(v));
    MoObject *first = mt_ok(MoIter_Next(it));     /* the guard is taken */
    Mo_DECREF(o2);
    ck_assert_int_eq(MoObject_Length(v), 1);
    ck_assert_int_eq(MoObject_DelItem(v, k2), -1);
    mt_assert_exc(MoExc_KeyError, "2");
    Mo_DECREF(first);
    Mo_DECREF(it);
    ck_assert_int_eq(MoObject_Length(v), 1);
    Mo_DECREF(v);
    Mo_DECREF(o1);
    Mo_DECREF(k1);
    Mo_DECREF(k2);
    Mo_DECREF(C);
}
END_TEST

/* ---------------------------------------------------------- getweakrefs */

static MoObject *return_42(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    return MoLong_FromLong(42);
}


START_TEST(weakref_getweakrefs)
{
    MoObject *one = MoLong_FromLong(1);
    MoObject *none = mt_ok(MoWeakref_GetWeakrefs(one));
    mt_assert_repr(none, "[]");
    Mo_DECREF(none);
    Mo_DECREF(one);
    MoObject *C = mt_ok(MoClass_New("C", NULL));
    MoObject *p = instance(C);
    MoObject *cb = mt_ok(MoCFunction_New("f", return_42, NULL));   /* any callable */
    MoObject *r1 = mt_ok(MoWeakref_NewRef(p, NULL)), *pr = mt_ok(MoWeakref_NewProxy(p, NULL));
    MoObject *r2 = mt_ok(MoWeakref_NewRef(p, cb)), *r3 = mt_ok(MoWeakref_NewRef(p, cb));
    MoObject *g = mt_ok(MoWeakref_GetWeakrefs(p));
    /* 4 True True True True: the basic ref, the basic proxy, then the newest */
    ck_assert_int_eq(MoList_GET_SIZE(g), 4);
    ck_assert_ptr_eq(MoList_GET_ITEM(g, 0), r1);
    ck_assert_ptr_eq(MoList_GET_ITEM(g, 1), pr);
    ck_assert_ptr_eq(MoList_GET_ITEM(g, 2), r3);
    ck_assert_ptr_eq(MoList_GET_ITEM(g, 3), r2);
    ck_assert_int_eq(MoWeakref_GetWeakrefCount(p), 4);
    Mo_DECREF(g);
    Mo_DECREF(r1);
    Mo_DECREF(pr);
    Mo_DECREF(r2);
    Mo_DECREF(r3);
    Mo_DECREF(cb);
    Mo_DECREF(p);
    Mo_DECREF(C);
}
END_TEST

/* ------------------------------------------------------------ WeakMethod */

/* The callback: log.append(r is wm2), bound to [log, None]; wm2 filled in later. */
static MoObject *log_is(MoObject *cell, MoObject *args)
{
    MoObject *same = MoBool_FromLong(MoTuple_GET_ITEM(args, 0) == MoList_GET_ITEM(cell, 1));
    int err = MoList_Append(MoList_GET_ITEM(cell, 0), same);
    Mo_DECREF(same);
    if (err < 0)
        return NULL;
    Mo_RETURN_NONE;
}

START_TEST(weakmethod)
{
    MoObject *M = mt_ok(MoClass_New("M", NULL));
    MoObject *f = mt_ok(MoCFunction_New("f", return_42, NULL));
    ck_assert_int_eq(MoObject_SetAttrString(M, "f", f), 0);
    Mo_DECREF(f);
    MoObject *m = instance(M);
    MoObject *meth = mt_ok(MoObject_GetAttrString(m, "f"));
    MoObject *wm = mt_ok(MoWeakMethod_New(meth, NULL));
    /* 42 True True: wm() binds again; a plain ref to m.f dies with the temporary */
    MoObject *bound = mt_ok(MoObject_CallNoArgs(wm));
    MoObject *r = mt_ok(MoObject_CallNoArgs(bound));
    ck_assert_int_eq(MoLong_AsLong(r), 42);
    Mo_DECREF(r);
    ck_assert(cmp(bound, meth, MO_EQ));
    ck_assert_ptr_ne(bound, meth);
    Mo_DECREF(bound);
    MoObject *plain = mt_ok(MoWeakref_NewRef(meth, NULL));
    Mo_DECREF(meth);
    ck_assert_ptr_eq(MoWeakref_GetObject(plain), Mo_None);
    Mo_DECREF(plain);
    /* wm == wm2, and the hash is the instance's ref's */
    MoObject *log = mt_ok(MoList_New(0));
    MoObject *cell = list_of(2, log, Mo_None);
    MoObject *cb = mt_ok(MoCFunction_New("cb", log_is, cell));
    meth = mt_ok(MoObject_GetAttrString(m, "f"));
    MoObject *wm2 = mt_ok(MoWeakMethod_New(meth, cb));
    Mo_DECREF(meth);
    MoList_SetItem(cell, 1, Mo_NewRef(wm2));
    ck_assert(cmp(wm, wm2, MO_EQ));
    MoObject *rm = mt_ok(MoWeakref_NewRef(m, NULL));
    ck_assert_int_eq(MoObject_Hash(wm), MoObject_Hash(rm));
    Mo_DECREF(rm);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoWeakMethod_New(one, NULL));
    mt_assert_exc(MoExc_TypeError, "argument should be a bound method, not <class 'int'>");
    Mo_DECREF(one);
    /* None [True] False True: m dies, the callback ran once with wm2 */
    Mo_DECREF(m);
    r = mt_ok(MoObject_CallNoArgs(wm));
    ck_assert_ptr_eq(r, Mo_None);
    Mo_DECREF(r);
    mt_assert_repr(log, "[True]");
    ck_assert(!cmp(wm, wm2, MO_EQ));
    ck_assert(cmp(wm, wm, MO_EQ));
    /* sys.getsizeof(wm) is 112 in 3.11: ref's 80 and four slots */
    ck_assert_int_eq(MoSys_GetSizeOf(wm), 112);
    MoList_SetItem(cell, 1, Mo_NewRef(Mo_None));
    Mo_DECREF(wm2);
    Mo_DECREF(cb);
    Mo_DECREF(cell);
    Mo_DECREF(log);
    Mo_DECREF(wm);
    Mo_DECREF(M);
}
END_TEST

/* The function dying first kills the WeakMethod too, and its callback runs once. */
START_TEST(weakmethod_function_dies)
{
    MoObject *M = mt_ok(MoClass_New("M", NULL));
    MoObject *f = mt_ok(MoCFunction_New("f", return_42, NULL));
    MoObject_SetAttrString(M, "f", f);
    MoObject *m = instance(M);
    MoObject *meth = mt_ok(MoObject_GetAttrString(m, "f"));
    MoObject *log = mt_ok(MoList_New(0));
    MoObject *cell = list_of(2, log, Mo_None);
    MoObject *cb = mt_ok(MoCFunction_New("cb", log_is, cell));
    MoObject *wm = mt_ok(MoWeakMethod_New(meth, cb));
    MoList_SetItem(cell, 1, Mo_NewRef(wm));
    Mo_DECREF(meth);
    ck_assert_int_eq(MoObject_DelAttrString(M, "f"), 0);
    Mo_DECREF(f);
    MoObject *r = mt_ok(MoObject_CallNoArgs(wm));
    ck_assert_ptr_eq(r, Mo_None);
    Mo_DECREF(r);
    mt_assert_repr(log, "[True]");
    Mo_DECREF(m);                      /* the second death: no second call */
    mt_assert_repr(log, "[True]");
    MoList_SetItem(cell, 1, Mo_NewRef(Mo_None));
    Mo_DECREF(wm);
    Mo_DECREF(cb);
    Mo_DECREF(cell);
    Mo_DECREF(log);
    Mo_DECREF(M);
}
END_TEST

Suite *weakcontainers_suite(void)
{
    Suite *s = suite_create("weakcontainers");
    struct { const char *name; const TTest *test; } cases[] = {
        {"weakset_equality_and_order", weakset_equality_and_order},
        {"weakset_algebra", weakset_algebra},
        {"weakset_in_place", weakset_in_place},
        {"weakset_intersection_quirk", weakset_intersection_quirk},
        {"weakdict_equality", weakdict_equality},
        {"weakdict_refs_or_and_del", weakdict_refs_or_and_del},
        {"weakdict_del_dead_during_iteration", weakdict_del_dead_during_iteration},
        {"getweakrefs", weakref_getweakrefs},
        {"weakmethod", weakmethod},
        {"weakmethod_function_dies", weakmethod_function_dies},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TCase *tc = mt_tcase(cases[i].name);
        tcase_add_test(tc, cases[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
