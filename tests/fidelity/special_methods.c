/* special_methods: classes whose special methods reach the type's slots, and
 * inheritance, on the Mo runtime; special_methods.py prints the same lines under
 * CPython 3.11.
 *
 * Every class is made as type(name, bases, ns) makes it (MoType_FromNameBasesDict),
 * its methods C functions that receive the instance first, as a function in a
 * class body does. Each line shows what a C caller sees through the abstract API
 * (MoObject_RichCompare, MoObject_Hash, MoObject_Length, MoNumber_Add...).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* ------------------------------------------------------------------ printing */

/* "label repr(result)", or "label Type: message" when result is NULL; steals. */
static void show(const char *label, MoObject *result)
{
    if (result == NULL) {
        MoObject *exc = MoErr_GetRaisedException();
        MoObject *s = exc != NULL ? MoObject_Str(exc) : NULL;
        printf("%s %s: %s\n", label, exc != NULL ? Mo_TYPE(exc)->tp_name : "?", s ? MoUnicode_AsUTF8(s) : "?");
        Mo_XDECREF(s);
        Mo_XDECREF(exc);
        return;
    }
    MoObject *r = MoObject_Repr(result);
    if (r == NULL) {
        show(label, NULL);
    } else {
        printf("%s %s\n", label, MoUnicode_AsUTF8(r));
        Mo_DECREF(r);
    }
    Mo_DECREF(result);
}

/* new: an int result of a C call (-1 with an exception: NULL). */
static MoObject *as_int(Mo_ssize_t v)
{
    return v == -1 && MoErr_Occurred() ? NULL : MoLong_FromSsize_t(v);
}

/* new: a truth result (-1: NULL). */
static MoObject *as_bool(int v)
{
    return v < 0 ? NULL : MoBool_FromLong(v);
}

/* new: None for 0, NULL for -1 (a statement that returns nothing). */
static MoObject *as_none(int v)
{
    return v < 0 ? NULL : Mo_NewRef(Mo_None);
}

/* new: a list of the items of a tuple built from format (Mo_BuildValue). */
static MoObject *list_of(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    MoObject *t = Mo_VaBuildValue(format, va);
    va_end(va);
    MoObject *l = MoSequence_List(t);
    Mo_DECREF(t);
    return l;
}

/* new: {key: value} */
static MoObject *dict_of(const char *key, MoObject *value)
{
    MoObject *d = MoDict_New();
    MoDict_SetItemString(d, key, value);
    Mo_DECREF(value);
    return d;
}

/* ------------------------------------------------------------- making classes */

/* new: type(name, bases, {name1: fn1, ...}): pairs of a name and a MoCFunc,
   NULL-terminated. bases NULL is (). */
static MoObject *make_class(const char *name, MoObject *bases, ...)
{
    MoObject *ns = MoDict_New();
    va_list va;
    va_start(va, bases);
    const char *attr;
    while ((attr = va_arg(va, const char *)) != NULL) {
        MoCFunc fn = va_arg(va, MoCFunc);
        MoObject *f = MoCFunction_New(attr, fn, NULL);
        MoDict_SetItemString(ns, attr, f);
        Mo_DECREF(f);
    }
    va_end(va);
    MoObject *nameobj = MoUnicode_FromString(name);
    MoObject *empty = bases == NULL ? MoTuple_New(0) : NULL;
    MoObject *cls = MoType_FromNameBasesDict(nameobj, bases != NULL ? bases : empty, ns);
    Mo_XDECREF(empty);
    Mo_DECREF(nameobj);
    Mo_DECREF(ns);
    return cls;
}

static void set_method(MoObject *cls, const char *name, MoCFunc fn)
{
    MoObject *f = MoCFunction_New(name, fn, NULL);
    MoObject_SetAttrString(cls, name, f);
    Mo_DECREF(f);
}

static void set_item(MoObject *d, const char *key, MoObject *v)
{
    MoDict_SetItemString(d, key, v);
    Mo_DECREF(v);
}

static void set_attr(MoObject *o, const char *name, MoObject *v)
{
    MoObject_SetAttrString(o, name, v);
    Mo_DECREF(v);
}

#define SELF MoTuple_GET_ITEM(args, 0)
#define ARG(i) MoTuple_GET_ITEM(args, (i) + 1)

/* ---------------------------------------------------------------- comparisons */

static MoObject *w_eq(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    Mo_RETURN_TRUE;
}

static MoObject *v_lt(MoObject *u, MoObject *args)
{
    (void)u;
    if (!MoObject_HasAttrString(ARG(0), "v"))
        Mo_RETURN_NOTIMPLEMENTED;
    MoObject *a = MoObject_GetAttrString(SELF, "v"), *b = MoObject_GetAttrString(ARG(0), "v");
    MoObject *res = MoObject_RichCompare(a, b, MO_LT);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return res;
}

static void comparisons(void)
{
    MoObject *W = make_class("W", NULL, "__eq__", w_eq, NULL);
    MoObject *w = MoObject_CallNoArgs(W);
    show("w == None:", MoObject_RichCompare(w, Mo_None, MO_EQ));
    show("None == w:", MoObject_RichCompare(Mo_None, w, MO_EQ));
    show("w != None:", MoObject_RichCompare(w, Mo_None, MO_NE));
    show("W.__hash__:", MoObject_GetAttrString(W, "__hash__"));
    show("hash(w):", as_int(MoObject_Hash(w)));
    Mo_DECREF(w);
    Mo_DECREF(W);

    MoObject *V = make_class("V", NULL, "__lt__", v_lt, NULL);
    MoObject *a = MoObject_CallNoArgs(V), *b = MoObject_CallNoArgs(V), *one = MoLong_FromLong(1);
    set_attr(a, "v", MoLong_FromLong(1));
    set_attr(b, "v", MoLong_FromLong(2));
    show("a < b:", MoObject_RichCompare(a, b, MO_LT));
    show("b > a:", MoObject_RichCompare(b, a, MO_GT));
    show("a > b:", MoObject_RichCompare(a, b, MO_GT));
    show("a < 1:", MoObject_RichCompare(a, one, MO_LT));
    show("a <= b:", MoObject_RichCompare(a, b, MO_LE));
    Mo_DECREF(one);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(V);
}

/* Six comparison methods, each answering its own name. */
#define CMP_NAMED(fn, name)                                                           \
    static MoObject *fn(MoObject *u, MoObject *args)                                  \
    {                                                                                 \
        (void)u;                                                                      \
        (void)args;                                                                   \
        return MoUnicode_FromString(name);                                            \
    }
CMP_NAMED(cmp_lt, "__lt__")
CMP_NAMED(cmp_le, "__le__")
CMP_NAMED(cmp_eq, "__eq__")
CMP_NAMED(cmp_ne, "__ne__")
CMP_NAMED(cmp_gt, "__gt__")
CMP_NAMED(cmp_ge, "__ge__")

/* new: (a OP b for the six operators) */
static MoObject *six_comparisons(MoObject *a, MoObject *b)
{
    MoObject *t = MoTuple_New(6);
    for (int op = MO_LT; op <= MO_GE; op++)
        MoTuple_SET_ITEM(t, op, MoObject_RichCompare(a, b, op));
    return t;
}

static void six(void)
{
    MoObject *Six = make_class("Six", NULL, "__lt__", cmp_lt, "__le__", cmp_le, "__eq__", cmp_eq, "__ne__", cmp_ne,
                               "__gt__", cmp_gt, "__ge__", cmp_ge, NULL);
    MoObject *s6 = MoObject_CallNoArgs(Six), *one = MoLong_FromLong(1);
    show("Six() <, <=, ==, !=, >, >= 1:", six_comparisons(s6, one));
    show("1 <, <=, ==, !=, >, >= Six():", six_comparisons(one, s6));
    Mo_DECREF(one);
    Mo_DECREF(s6);
    Mo_DECREF(Six);
}

/* -------------------------------------------------------------------- hashing */

static MoObject *h_hash(MoObject *u, MoObject *args)
{
    (void)u;
    return MoObject_GetAttrString(SELF, "h");
}

static void hashing(void)
{
    MoObject *H = make_class("H", NULL, "__hash__", h_hash, NULL);
    MoObject *h = MoObject_CallNoArgs(H);
    MoObject *two = MoLong_FromLong(2), *sixtyfour = MoLong_FromLong(64);
    MoObject *values[4] = {MoLong_FromLong(42), MoLong_FromLong(-1), MoNumber_Power(two, sixtyfour),
                           MoUnicode_FromString("x")};
    for (int i = 0; i < 4; i++) {
        MoObject_SetAttrString(h, "h", values[i]);
        MoObject *r = MoObject_Repr(values[i]);
        char label[96];
        snprintf(label, sizeof label, "hash with __hash__ -> %s:", MoUnicode_AsUTF8(r));
        show(label, as_int(MoObject_Hash(h)));
        Mo_DECREF(r);
        Mo_DECREF(values[i]);
    }
    Mo_DECREF(two);
    Mo_DECREF(sixtyfour);
    MoObject_SetAttrString(H, "__hash__", Mo_None);
    show("hash after H.__hash__ = None:", as_int(MoObject_Hash(h)));
    MoObject *d = MoDict_New();
    show("{h: 1}:", MoDict_SetItem(d, h, Mo_True) < 0 ? NULL : Mo_NewRef(d));
    Mo_DECREF(d);
    MoObject_DelAttrString(H, "__hash__");
    Mo_hash_t hv = MoObject_Hash(h);
    show("hashable after del H.__hash__:", hv == -1 ? NULL : MoBool_FromLong(1));
    Mo_DECREF(h);
    Mo_DECREF(H);
}

/* ---------------------------------------------------------------- repr and str */

static MoObject *r_repr(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *x = MoObject_GetAttrString(SELF, "x");
    MoObject *res = MoUnicode_FromFormat("R(%S)", x);
    Mo_DECREF(x);
    return res;
}

static MoObject *r_bad(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoLong_FromLong(42);
}

static MoObject *r_str(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoUnicode_FromString("str of R");
}

static void repr_and_str(void)
{
    MoObject *R = make_class("R", NULL, "__repr__", r_repr, NULL);
    MoObject *r = MoObject_CallNoArgs(R);
    set_attr(r, "x", MoLong_FromLong(5));
    show("repr(r):", MoObject_Repr(r));
    show("str(r):", MoObject_Str(r));
    MoObject *pair = list_of("(OO)", r, r);
    show("repr([r, r]):", MoObject_Repr(pair));
    Mo_DECREF(pair);
    set_method(R, "__str__", r_str);
    show("str(r) with __str__:", MoObject_Str(r));
    set_method(R, "__repr__", r_bad);
    show("repr(r) with a bad __repr__:", MoObject_Repr(r));
    Mo_DECREF(r);
    Mo_DECREF(R);
}

/* ---------------------------------------------------------------- bool and len */

static MoObject *n_len(MoObject *u, MoObject *args)
{
    (void)u;
    return MoObject_GetAttrString(SELF, "n");
}

static MoObject *b_bool(MoObject *u, MoObject *args)
{
    (void)u;
    return MoObject_GetAttrString(SELF, "b");
}

static void bool_and_len(void)
{
    MoObject *N = make_class("N", NULL, "__len__", n_len, NULL);
    MoObject *n = MoObject_CallNoArgs(N);
    MoObject *values[4] = {MoLong_FromLong(0), MoLong_FromLong(3), MoLong_FromLong(-1), MoUnicode_FromString("x")};
    for (int i = 0; i < 4; i++) {
        MoObject_SetAttrString(n, "n", values[i]);
        MoObject *r = MoObject_Repr(values[i]);
        char label[96];
        snprintf(label, sizeof label, "len with __len__ -> %s:", MoUnicode_AsUTF8(r));
        show(label, as_int(MoObject_Length(n)));
        snprintf(label, sizeof label, "bool with __len__ -> %s:", MoUnicode_AsUTF8(r));
        show(label, as_bool(MoObject_IsTrue(n)));
        Mo_DECREF(r);
        Mo_DECREF(values[i]);
    }
    Mo_DECREF(n);
    Mo_DECREF(N);

    MoObject *B = make_class("B", NULL, "__bool__", b_bool, NULL);
    MoObject *bo = MoObject_CallNoArgs(B);
    MoObject_SetAttrString(bo, "b", Mo_False);
    show("bool with __bool__ -> False:", as_bool(MoObject_IsTrue(bo)));
    set_attr(bo, "b", MoLong_FromLong(0));
    show("bool with __bool__ -> 0:", as_bool(MoObject_IsTrue(bo)));
    Mo_DECREF(bo);
    Mo_DECREF(B);
}

/* ---------------------------------------------------------------------- items */

static MoObject *m_dict(MoObject *self)
{
    return MoObject_GetAttrString(self, "d");
}

static MoObject *m_getitem(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *d = m_dict(SELF);
    MoObject *res = MoObject_GetItem(d, ARG(0));
    Mo_DECREF(d);
    return res;
}

static MoObject *m_setitem(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *d = m_dict(SELF);
    int r = MoObject_SetItem(d, ARG(0), ARG(1));
    Mo_DECREF(d);
    return as_none(r);
}

static MoObject *m_delitem(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *d = m_dict(SELF);
    int r = MoObject_DelItem(d, ARG(0));
    Mo_DECREF(d);
    return as_none(r);
}

static MoObject *m_contains(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *d = m_dict(SELF);
    int r = MoSequence_Contains(d, ARG(0));
    Mo_DECREF(d);
    return as_bool(r);
}

static void items(void)
{
    MoObject *M = make_class("M", NULL, "__getitem__", m_getitem, "__setitem__", m_setitem, NULL);
    MoObject *m = MoObject_CallNoArgs(M);
    set_attr(m, "d", MoDict_New());
    MoObject *ka = MoUnicode_FromString("a"), *kb = MoUnicode_FromString("b"), *kzz = MoUnicode_FromString("zz");
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
    MoObject_SetItem(m, ka, one);
    show("m['a']:", MoObject_GetItem(m, ka));
    show("m['zz']:", MoObject_GetItem(m, kzz));
    show("del m['a'] without __delitem__:", as_none(MoObject_DelItem(m, ka)));
    set_method(M, "__delitem__", m_delitem);
    show("del m['a']:", as_none(MoObject_DelItem(m, ka)));
    show("m.d:", m_dict(m));
    show("'a' in m (iterates m[0], m[1], ...):", as_bool(MoSequence_Contains(m, ka)));
    set_method(M, "__contains__", m_contains);
    MoObject_SetItem(m, kb, two);
    show("'b' in m with __contains__:", as_bool(MoSequence_Contains(m, kb)));
    show("'a' in m with __contains__:", as_bool(MoSequence_Contains(m, ka)));
    Mo_DECREF(ka);
    Mo_DECREF(kb);
    Mo_DECREF(kzz);
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(m);
    Mo_DECREF(M);
}

/* ------------------------------------------------------------------ iteration */

static MoObject *c_iter(MoObject *u, MoObject *args)
{
    (void)u;
    return Mo_NewRef(SELF);
}

static MoObject *c_next(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *i = MoObject_GetAttrString(SELF, "i");
    long v = MoLong_AsLong(i);
    Mo_DECREF(i);
    if (v >= 3) {
        MoErr_SetObject(MoExc_StopIteration, Mo_None);
        return NULL;
    }
    set_attr(SELF, "i", MoLong_FromLong(v + 1));
    return MoLong_FromLong(v + 1);
}

static MoObject *s_getitem(MoObject *u, MoObject *args)
{
    (void)u;
    long i = MoLong_AsLong(ARG(0));
    if (i >= 3) {
        MoErr_SetObject(MoExc_IndexError, ARG(0));
        return NULL;
    }
    return MoLong_FromLong(i * i);
}

static MoObject *j_iter(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoLong_FromLong(1);
}

static MoObject *typename_of(MoObject *o)
{
    if (o == NULL)
        return NULL;
    MoObject *res = MoUnicode_FromString(Mo_TYPE(o)->tp_name);
    Mo_DECREF(o);
    return res;
}

static void iteration(void)
{
    MoObject *Count = make_class("Count", NULL, "__iter__", c_iter, "__next__", c_next, NULL);
    MoObject *c = MoObject_CallNoArgs(Count);
    set_attr(c, "i", MoLong_FromLong(0));
    show("list(Count()):", MoSequence_List(c));
    Mo_DECREF(c);
    Mo_DECREF(Count);

    MoObject *Sq = make_class("Sq", NULL, "__getitem__", s_getitem, NULL);
    MoObject *sq = MoObject_CallNoArgs(Sq);
    MoObject *four = MoLong_FromLong(4), *five = MoLong_FromLong(5);
    show("list(Sq()):", MoSequence_List(sq));
    show("type(iter(Sq())).__name__:", typename_of(MoObject_GetIter(sq)));
    show("4 in Sq():", as_bool(MoSequence_Contains(sq, four)));
    show("5 in Sq():", as_bool(MoSequence_Contains(sq, five)));
    MoObject_SetAttrString(Sq, "__iter__", Mo_None);
    show("iter(Sq()) with __iter__ = None:", MoObject_GetIter(sq));
    Mo_DECREF(four);
    Mo_DECREF(five);
    Mo_DECREF(sq);
    Mo_DECREF(Sq);

    MoObject *J = make_class("J", NULL, "__iter__", j_iter, NULL);
    MoObject *j = MoObject_CallNoArgs(J);
    show("iter(J()):", MoObject_GetIter(j));
    Mo_DECREF(j);
    Mo_DECREF(J);
}

/* ---------------------------------------------------------------------- calls */

static MoObject *k_call(MoObject *u, MoObject *args)
{
    (void)u;
    return MoNumber_Add(ARG(0), ARG(1));
}

static void calls(void)
{
    MoObject *K = make_class("K", NULL, "__call__", k_call, NULL);
    MoObject *W = make_class("W", NULL, "__eq__", w_eq, NULL);
    MoObject *k = MoObject_CallNoArgs(K), *w = MoObject_CallNoArgs(W);
    show("K()(2, 3):", MoObject_CallFunction(k, "ii", 2, 3));
    show("callable(K()), callable(W()):", Mo_BuildValue("(NN)", MoBool_FromLong(MoCallable_Check(k)),
                                                           MoBool_FromLong(MoCallable_Check(w))));
    show("W()():", MoObject_CallNoArgs(w));
    Mo_DECREF(k);
    Mo_DECREF(w);
    Mo_DECREF(K);
    Mo_DECREF(W);
}

/* ------------------------------------------------------------------ operators */

static MoObject *P;   /* the class, for isinstance(other, P) and P(...) */

static MoObject *new_p(MoObject *v)
{
    if (v == NULL)
        return NULL;
    MoObject *res = MoObject_CallOneArg(P, v);
    Mo_DECREF(v);
    return res;
}

static MoObject *p_v(MoObject *o)
{
    return MoObject_GetAttrString(o, "v");
}

static MoObject *p_init(MoObject *u, MoObject *args)
{
    (void)u;
    return as_none(MoObject_SetAttrString(SELF, "v", ARG(0)));
}

static MoObject *p_repr(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *v = p_v(SELF);
    MoObject *res = MoUnicode_FromFormat("P(%S)", v);
    Mo_DECREF(v);
    return res;
}

/* self.v op other (an int) or other.v (a P); NotImplemented for anything else. */
static MoObject *p_binary(MoObject *self, MoObject *other, MoObject *(*op)(MoObject *, MoObject *), int take_p)
{
    MoObject *rhs;
    if (MoLong_Check(other))
        rhs = Mo_NewRef(other);
    else if (take_p && MoObject_IsInstance(other, P) == 1)
        rhs = p_v(other);
    else
        Mo_RETURN_NOTIMPLEMENTED;
    MoObject *v = p_v(self);
    MoObject *res = new_p(op(v, rhs));
    Mo_DECREF(v);
    Mo_DECREF(rhs);
    return res;
}

static MoObject *p_add(MoObject *u, MoObject *args)
{
    (void)u;
    return p_binary(SELF, ARG(0), MoNumber_Add, 1);
}

static MoObject *p_sub(MoObject *u, MoObject *args)
{
    (void)u;
    return p_binary(SELF, ARG(0), MoNumber_Subtract, 0);
}

static MoObject *p_iadd(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *v = p_v(SELF);
    MoObject *sum = MoNumber_Add(v, ARG(0));
    Mo_DECREF(v);
    set_attr(SELF, "v", sum);
    return Mo_NewRef(SELF);
}

static MoObject *p_neg(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *v = p_v(SELF);
    MoObject *res = new_p(MoNumber_Negative(v));
    Mo_DECREF(v);
    return res;
}

static MoObject *q_radd(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoUnicode_FromString("Q.__radd__");
}

/* new: (x, x is y) */
static MoObject *with_identity(MoObject *x, MoObject *y)
{
    return x == NULL ? NULL : Mo_BuildValue("(ON)", x, MoBool_FromLong(x == y));
}

static void operators(void)
{
    P = make_class("P", NULL, "__init__", p_init, "__repr__", p_repr, "__add__", p_add, "__radd__", p_add,
                   "__sub__", p_sub, "__iadd__", p_iadd, "__neg__", p_neg, NULL);
    MoObject *p1 = new_p(MoLong_FromLong(1)), *p2 = new_p(MoLong_FromLong(2)), *p5 = new_p(MoLong_FromLong(5));
    MoObject *i1 = MoLong_FromLong(1), *i2 = MoLong_FromLong(2), *i5 = MoLong_FromLong(5);
    MoObject *s = MoUnicode_FromString("s");
    show("P(1) + 2:", MoNumber_Add(p1, i2));
    show("2 + P(1):", MoNumber_Add(i2, p1));
    show("P(1) + P(2):", MoNumber_Add(p1, p2));
    show("P(5) - 1:", MoNumber_Subtract(p5, i1));
    show("1 - P(5):", MoNumber_Subtract(i1, p5));
    show("P(1) + 's':", MoNumber_Add(p1, s));
    show("P(1) * 2:", MoNumber_Multiply(p1, i2));
    show("P(1) & 1:", MoNumber_And(p1, i1));
    show("-P(2):", MoNumber_Negative(p2));
    show("~P(2):", MoNumber_Invert(p2));
    MoObject *x = new_p(MoLong_FromLong(1));
    MoObject *y = Mo_NewRef(x);
    Mo_SETREF(x, MoNumber_InPlaceAdd(x, i5));
    show("x += 5:", with_identity(x, y));
    Mo_SETREF(x, MoNumber_InPlaceSubtract(x, i1));
    show("x -= 1 (no __isub__):", with_identity(x, y));
    Mo_DECREF(x);
    Mo_DECREF(y);

    MoObject *bases = MoTuple_Pack(1, P);
    MoObject *Q = make_class("Q", bases, "__radd__", q_radd, NULL);
    MoObject *q2 = MoObject_CallOneArg(Q, i2);
    show("P(1) + Q(2) (subclass's __radd__ first):", MoNumber_Add(p1, q2));
    show("Q(2) + 1:", MoNumber_Add(q2, i1));
    Mo_DECREF(q2);
    Mo_DECREF(Q);
    Mo_DECREF(bases);
    Mo_DECREF(s);
    Mo_DECREF(i1);
    Mo_DECREF(i2);
    Mo_DECREF(i5);
    Mo_DECREF(p1);
    Mo_DECREF(p2);
    Mo_DECREF(p5);
    Mo_CLEAR(P);
}

/* --------------------------------------------------------------- __getattr__ */

static MoObject *g_getattr(MoObject *u, MoObject *args)
{
    (void)u;
    return MoUnicode_FromFormat("computed %U", ARG(0));
}

static void getattr_hook(void)
{
    MoObject *G = make_class("G", NULL, "__getattr__", g_getattr, NULL);
    MoObject *g = MoObject_CallNoArgs(G);
    set_attr(g, "real", MoLong_FromLong(1));
    show("g.real:", MoObject_GetAttrString(g, "real"));
    show("g.other:", MoObject_GetAttrString(g, "other"));
    MoObject_DelAttrString(G, "__getattr__");
    show("g.other after del G.__getattr__:", MoObject_GetAttrString(g, "other"));
    Mo_DECREF(g);
    Mo_DECREF(G);
}

/* ------------------------------------------------- a method changed on a live class */

static MoObject *len_7(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoLong_FromLong(7);
}

static MoObject *len_8(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoLong_FromLong(8);
}

static void live_changes(void)
{
    MoObject *X = make_class("X", NULL, NULL);
    MoObject *xo = MoObject_CallNoArgs(X);
    show("len(X()):", as_int(MoObject_Length(xo)));
    set_method(X, "__len__", len_7);
    show("len(X()) after X.__len__ = ...:", as_int(MoObject_Length(xo)));
    MoObject *bases = MoTuple_Pack(1, X);
    MoObject *Y = make_class("Y", bases, NULL);
    MoObject *yo = MoObject_CallNoArgs(Y);
    show("len(Y()):", as_int(MoObject_Length(yo)));
    set_method(X, "__len__", len_8);
    show("len(Y()) after X.__len__ changed:", as_int(MoObject_Length(yo)));
    MoObject_DelAttrString(X, "__len__");
    show("len(Y()) after del X.__len__:", as_int(MoObject_Length(yo)));
    Mo_DECREF(yo);
    Mo_DECREF(Y);
    Mo_DECREF(bases);
    Mo_DECREF(xo);
    Mo_DECREF(X);
}

/* ------------------------------------------------------------- the MRO, type() */

static MoObject *c_hello(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoUnicode_FromString("C.hello");
}

static MoObject *c_repr(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoUnicode_FromString("C repr");
}

/* new: [k.__name__ for k in seq] */
static MoObject *names_of(MoObject *seq)
{
    if (seq == NULL)
        return NULL;
    MoObject *out = MoList_New(0);
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(seq); i++) {
        MoObject *name = MoObject_GetAttrString(MoTuple_GET_ITEM(seq, i), "__name__");
        MoList_Append(out, name);
        Mo_DECREF(name);
    }
    Mo_DECREF(seq);
    return out;
}

/* new: type(*args) through MoObject_Call(&MoType_Type, ...). */
static MoObject *call_type(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    MoObject *args = Mo_VaBuildValue(format, va);
    va_end(va);
    MoObject *res = MoObject_Call((MoObject *)&MoType_Type, args, NULL);
    Mo_DECREF(args);
    return res;
}

static MoObject *attr(MoObject *o, const char *name)
{
    return MoObject_GetAttrString(o, name);
}

static MoObject *A, *Bc, *C, *D;

static void mro_and_type(void)
{
    A = make_class("A", NULL, NULL);
    MoObject *bases_a = MoTuple_Pack(1, A);
    Bc = make_class("B", bases_a, NULL);
    C = make_class("C", bases_a, "hello", c_hello, "__repr__", c_repr, NULL);
    MoObject *bases_bc = MoTuple_Pack(2, Bc, C);
    D = make_class("D", bases_bc, NULL);
    MoObject *d = MoObject_CallNoArgs(D), *c = MoObject_CallNoArgs(C);
    show("D.__mro__:", names_of(attr(D, "__mro__")));
    show("D.__bases__:", names_of(attr(D, "__bases__")));
    MoObject *base = attr(D, "__base__");
    show("D.__base__:", attr(base, "__name__"));
    Mo_DECREF(base);
    show("D().hello():", MoObject_CallMethod(d, "hello", NULL));
    show("repr(D()):", MoObject_Repr(d));
    MoObject *ns = MoDict_New();
    show("type('E', (A, B), {}):", call_type("(s(OO)O)", "E", A, Bc, ns));
    show("type('F', (list, dict), {}):", call_type("(s(OO)O)", "F", &MoList_Type, &MoDict_Type, ns));
    show("type('F', (bool,), {}):", call_type("(s(O)O)", "F", &MoBool_Type, ns));
    show("type('F', (A, A), {}):", call_type("(s(OO)O)", "F", A, A, ns));
    MoObject *bad_ns = dict_of("__qualname__", MoLong_FromLong(1));
    show("type('F', (), {'__qualname__': 1}):", call_type("(s()O)", "F", bad_ns));
    Mo_DECREF(bad_ns);
    show("type(1, (), {}):", call_type("(i()O)", 1, ns));
    MoObject *empty_list = MoList_New(0);
    show("type('F', [], {}):", call_type("(sOO)", "F", empty_list, ns));
    Mo_DECREF(empty_list);
    show("type('F', ()):", call_type("(s())", "F"));
    Mo_DECREF(ns);
    MoObject *type_d = call_type("(O)", d);
    show("type(D()) is D:", MoBool_FromLong(type_d == D));
    Mo_DECREF(type_d);
    show("isinstance(D(), A):", as_bool(MoObject_IsInstance(d, A)));
    MoObject *int_c = MoTuple_Pack(2, &MoLong_Type, C);
    show("isinstance(D(), (int, C)):", as_bool(MoObject_IsInstance(d, int_c)));
    Mo_DECREF(int_c);
    show("isinstance(C(), B):", as_bool(MoObject_IsInstance(c, Bc)));
    show("issubclass(D, C), issubclass(C, B), issubclass(D, object):",
         Mo_BuildValue("(NNN)", as_bool(MoObject_IsSubclass(D, C)), as_bool(MoObject_IsSubclass(C, Bc)),
                       as_bool(MoObject_IsSubclass(D, (MoObject *)&MoBaseObject_Type))));
    MoObject *one = MoLong_FromLong(1);
    show("issubclass(1, A):", as_bool(MoObject_IsSubclass(one, A)));
    Mo_DECREF(one);
    Mo_DECREF(c);
    Mo_DECREF(d);
    Mo_DECREF(bases_a);
    Mo_DECREF(bases_bc);
}

/* --------------------------------------------------------------------- names */

static void names(void)
{
    MoObject *ns = dict_of("__qualname__", MoUnicode_FromString("Outer.Inner"));
    set_item(ns, "__doc__", MoUnicode_FromString("docstring"));
    set_item(ns, "__module__", MoUnicode_FromString("shapes"));
    MoObject *name = MoUnicode_FromString("Inner"), *empty = MoTuple_New(0);
    MoObject *I = MoType_FromNameBasesDict(name, empty, ns);
    Mo_DECREF(ns);
    Mo_DECREF(name);
    Mo_DECREF(empty);
    show("I.__name__, I.__qualname__, I.__module__, I.__doc__:",
         Mo_BuildValue("(NNNN)", attr(I, "__name__"), attr(I, "__qualname__"), attr(I, "__module__"),
                       attr(I, "__doc__")));
    show("repr(I):", MoObject_Repr(I));
    MoObject *i = MoObject_CallNoArgs(I);
    MoObject *r = MoObject_Repr(i);
    const char *prefix = "<shapes.Outer.Inner object at 0x";
    show("repr(I()) starts:", MoBool_FromLong(strncmp(MoUnicode_AsUTF8(r), prefix, strlen(prefix)) == 0));
    Mo_DECREF(r);
    Mo_DECREF(i);
    show("A.__doc__, A.__module__, A.__qualname__:",
         Mo_BuildValue("(NNN)", attr(A, "__doc__"), attr(A, "__module__"), attr(A, "__qualname__")));
    MoObject *list = (MoObject *)&MoList_Type;
    show("list.__name__, list.__qualname__, list.__module__:",
         Mo_BuildValue("(NNN)", attr(list, "__name__"), attr(list, "__qualname__"), attr(list, "__module__")));
    show("int.__mro__, bool.__bases__:",
         Mo_BuildValue("(NN)", attr((MoObject *)&MoLong_Type, "__mro__"), attr((MoObject *)&MoBool_Type, "__bases__")));
    MoObject *d = MoObject_CallNoArgs(D);
    MoObject *cls = attr(d, "__class__");
    show("D().__class__ is D, D().__class__.__name__:", Mo_BuildValue("(NN)", MoBool_FromLong(cls == D), attr(cls, "__name__")));
    Mo_DECREF(cls);
    Mo_DECREF(d);
    show("list.__base__, object.__base__:",
         Mo_BuildValue("(NN)", attr(list, "__base__"), attr((MoObject *)&MoBaseObject_Type, "__base__")));
    MoObject *five = MoLong_FromLong(5);
    show("I.__name__ = 5:", as_none(MoObject_SetAttrString(I, "__name__", five)));
    Mo_DECREF(five);
    set_attr(I, "__name__", MoUnicode_FromString("Renamed"));
    show("after I.__name__ = 'Renamed':", Mo_BuildValue("(NN)", attr(I, "__name__"), MoObject_Repr(I)));
    Mo_DECREF(I);
}

/* --------------------------------------------------- subclasses of built-ins */

static MoObject *l_twice(MoObject *u, MoObject *args)
{
    (void)u;
    for (int k = 0; k < 2; k++) {
        MoObject *r = MoObject_CallMethod(SELF, "append", "O", ARG(0));
        if (r == NULL)
            return NULL;
        Mo_DECREF(r);
    }
    Mo_RETURN_NONE;
}

static MoObject *LR, *DG;

/* new: super(cls, self).name(*args) */
static MoObject *call_super(MoObject *cls, MoObject *self, const char *name, MoObject *args)
{
    MoObject *m = MoSuper_Lookup((MoTypeObject *)cls, self, name);
    if (m == NULL)
        return NULL;
    MoObject *res = MoObject_Call(m, args, NULL);
    Mo_DECREF(m);
    return res;
}

static MoObject *lr_repr(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *none = MoTuple_New(0);
    MoObject *inner = call_super(LR, SELF, "__repr__", none);
    Mo_DECREF(none);
    if (inner == NULL)
        return NULL;
    MoObject *res = MoUnicode_FromFormat("LR%U", inner);
    Mo_DECREF(inner);
    return res;
}

static MoObject *ll_len(MoObject *u, MoObject *args)
{
    (void)u;
    (void)args;
    return MoLong_FromLong(99);
}

static MoObject *dg_getitem(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *key = MoTuple_Pack(1, ARG(0));
    MoObject *v = call_super(DG, SELF, "__getitem__", key);
    Mo_DECREF(key);
    if (v == NULL)
        return NULL;
    MoObject *ten = MoLong_FromLong(10);
    MoObject *res = MoNumber_Multiply(v, ten);
    Mo_DECREF(ten);
    Mo_DECREF(v);
    return res;
}

static void builtin_subclasses(void)
{
    MoObject *list_bases = MoTuple_Pack(1, &MoList_Type), *dict_bases = MoTuple_Pack(1, &MoDict_Type);
    MoObject *L = make_class("L", list_bases, "twice", l_twice, NULL);
    MoObject *init = list_of("(ii)", 1, 2);
    MoObject *lo = MoObject_CallOneArg(L, init);
    MoObject *three = MoLong_FromLong(3);
    Mo_DECREF(MoObject_CallMethod(lo, "twice", "O", three));
    show("L([1, 2]) after twice(3):", Mo_NewRef(lo));
    show("len, type, isinstance(list):", Mo_BuildValue("(NsN)", as_int(MoObject_Length(lo)), Mo_TYPE(lo)->tp_name,
                                                       as_bool(MoObject_IsInstance(lo, (MoObject *)&MoList_Type))));
    MoObject *expect = list_of("(iiii)", 1, 2, 3, 3);
    show("lo == [1, 2, 3, 3]:", MoObject_RichCompare(lo, expect, MO_EQ));
    Mo_DECREF(expect);
    set_attr(lo, "tag", MoUnicode_FromString("t"));
    show("lo.tag:", attr(lo, "tag"));
    show("L.__basicsize__:", MoLong_FromSsize_t(((MoTypeObject *)L)->tp_basicsize));
    Mo_DECREF(three);
    Mo_DECREF(lo);
    Mo_DECREF(L);

    LR = make_class("LR", list_bases, "__repr__", lr_repr, NULL);
    MoObject *one_list = list_of("(i)", 1);
    MoObject *lr = MoObject_CallOneArg(LR, one_list);
    show("repr(LR([1])):", MoObject_Repr(lr));
    Mo_DECREF(lr);
    Mo_CLEAR(LR);

    MoObject *LL = make_class("LL", list_bases, "__len__", ll_len, NULL);
    MoObject *ll1 = MoObject_CallOneArg(LL, one_list), *ll0 = MoObject_CallNoArgs(LL);
    show("len(LL([1])), bool(LL()):", Mo_BuildValue("(NN)", as_int(MoObject_Length(ll1)), as_bool(MoObject_IsTrue(ll0))));
    Mo_DECREF(ll1);
    Mo_DECREF(ll0);
    Mo_DECREF(LL);
    Mo_DECREF(one_list);
    Mo_DECREF(init);

    DG = make_class("DG", dict_bases, "__getitem__", dg_getitem, NULL);
    MoObject *kwargs = dict_of("a", MoLong_FromLong(1)), *noargs = MoTuple_New(0);
    MoObject *dg = MoObject_Call(DG, noargs, kwargs);
    MoObject *kb = MoUnicode_FromString("b"), *kzz = MoUnicode_FromString("zz"), *two = MoLong_FromLong(2);
    MoObject_SetItem(dg, kb, two);
    show("DG(a=1) after dg['b'] = 2:", Mo_BuildValue("(ONsN)", dg, as_int(MoObject_Length(dg)), Mo_TYPE(dg)->tp_name,
                                                     as_bool(MoObject_IsInstance(dg, (MoObject *)&MoDict_Type))));
    show("dg['b']:", MoObject_GetItem(dg, kb));
    show("dg['zz']:", MoObject_GetItem(dg, kzz));
    Mo_DECREF(kb);
    Mo_DECREF(kzz);
    Mo_DECREF(two);
    Mo_DECREF(dg);
    Mo_DECREF(kwargs);
    Mo_DECREF(noargs);
    Mo_CLEAR(DG);
    Mo_DECREF(list_bases);
    Mo_DECREF(dict_bases);
}

/* new: sys.getsizeof(I(v)) */
static MoObject *size_of_new(MoObject *cls, MoObject *v)
{
    MoObject *o = MoObject_CallOneArg(cls, v);
    Mo_DECREF(v);
    if (o == NULL)
        return NULL;
    MoObject *res = MoLong_FromSsize_t(MoSys_GetSizeOf(o));
    Mo_DECREF(o);
    return res;
}

static void int_subclass(void)
{
    MoObject *bases = MoTuple_Pack(1, &MoLong_Type);
    MoObject *I = make_class("I", bases, NULL);
    MoObject *five = MoLong_FromLong(5), *one = MoLong_FromLong(1);
    MoObject *i5 = MoObject_CallOneArg(I, five);
    MoObject_SetAttrString(i5, "x", one);
    MoObject *sum = MoNumber_Add(i5, one);
    show("I(5), i.x, i + 1, type(i + 1):", Mo_BuildValue("(ONOs)", i5, attr(i5, "x"), sum, Mo_TYPE(sum)->tp_name));
    Mo_DECREF(sum);
    MoObject *m3 = MoLong_FromLong(-3), *s12 = MoUnicode_FromString("12"), *seven = MoLong_FromLong(7);
    MoObject *i7 = MoObject_CallOneArg(I, seven), *i5b = MoObject_CallOneArg(I, five);
    show("I(-3), I('12'), hash(I(7)), I(5) == 5:",
         Mo_BuildValue("(NNNN)", MoObject_CallOneArg(I, m3), MoObject_CallOneArg(I, s12), as_int(MoObject_Hash(i7)),
                       MoObject_RichCompare(i5b, five, MO_EQ)));
    MoObject *two = MoLong_FromLong(2), *forty = MoLong_FromLong(40);
    show("getsizeof I(0), I(5), I(2**40):", Mo_BuildValue("(NNN)", size_of_new(I, MoLong_FromLong(0)),
                                                          size_of_new(I, MoLong_FromLong(5)),
                                                          size_of_new(I, MoNumber_Power(two, forty))));
    MoTypeObject *t = (MoTypeObject *)I;
    show("I.__basicsize__, I.__dictoffset__, I.__weakrefoffset__:",
         Mo_BuildValue("(nnn)", t->tp_basicsize, t->tp_dictoffset, t->tp_weaklistoffset));
    MoObject *ns = dict_of("__slots__", Mo_BuildValue("(s)", "a"));
    show("type('J', (int,), {'__slots__': ('a',)}):", call_type("(sOO)", "J", bases, ns));
    Mo_DECREF(ns);
    Mo_DECREF(two);
    Mo_DECREF(forty);
    Mo_DECREF(m3);
    Mo_DECREF(s12);
    Mo_DECREF(seven);
    Mo_DECREF(i7);
    Mo_DECREF(i5b);
    Mo_DECREF(i5);
    Mo_DECREF(five);
    Mo_DECREF(one);
    Mo_DECREF(I);
    Mo_DECREF(bases);
}

/* ----------------------------------------------------------- super and __new__ */

static MoObject *B2, *C2, *NewC;

static MoObject *b2_init(MoObject *u, MoObject *args)
{
    (void)u;
    return as_none(MoObject_SetAttrString(SELF, "x", ARG(0)));
}

static MoObject *c2_init(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *x = MoTuple_Pack(1, ARG(0));
    MoObject *r = call_super(C2, SELF, "__init__", x);
    Mo_DECREF(x);
    if (r == NULL)
        return NULL;
    Mo_DECREF(r);
    return as_none(MoObject_SetAttrString(SELF, "y", ARG(1)));
}

static MoObject *n_new(MoObject *u, MoObject *args)
{
    (void)u;
    MoObject *cls = SELF;
    MoObject *just_cls = MoTuple_Pack(1, cls);
    MoObject *obj = call_super(NewC, cls, "__new__", just_cls);
    Mo_DECREF(just_cls);
    if (obj == NULL)
        return NULL;
    MoObject *two = MoLong_FromLong(2);
    set_attr(obj, "v", MoNumber_Multiply(ARG(0), two));
    Mo_DECREF(two);
    return obj;
}

static void super_and_new(void)
{
    B2 = make_class("B2", NULL, "__init__", b2_init, NULL);
    MoObject *bases = MoTuple_Pack(1, B2);
    C2 = make_class("C2", bases, "__init__", c2_init, NULL);
    MoObject *o = MoObject_CallFunction(C2, "ii", 1, 2);
    show("C2(1, 2).x, .y:", Mo_BuildValue("(NN)", attr(o, "x"), attr(o, "y")));
    MoObject *noargs = MoTuple_New(0);
    show("super(B2, o).__init__():", call_super(B2, o, "__init__", noargs));
    show("super(C2, o).missing:", MoSuper_Lookup((MoTypeObject *)C2, o, "missing"));
    show("A(1):", MoObject_CallFunction(A, "i", 1));
    NewC = make_class("NewC", NULL, "__new__", n_new, NULL);
    MoObject *n = MoObject_CallFunction(NewC, "i", 21);
    show("NewC(21).v:", n != NULL ? attr(n, "v") : NULL);
    Mo_XDECREF(n);
    Mo_CLEAR(NewC);
    Mo_DECREF(noargs);
    Mo_DECREF(o);
    Mo_DECREF(bases);
    Mo_CLEAR(C2);
    Mo_CLEAR(B2);
}

int main(void)
{
    Mo_Initialize();
    comparisons();
    six();
    hashing();
    repr_and_str();
    bool_and_len();
    items();
    iteration();
    calls();
    operators();
    getattr_hook();
    live_changes();
    mro_and_type();
    names();
    builtin_subclasses();
    int_subclass();
    super_and_new();
    Mo_CLEAR(A);
    Mo_CLEAR(Bc);
    Mo_CLEAR(C);
    Mo_CLEAR(D);
    return Mo_Finalize() == 0 ? 0 : 1;
}
