/* Weak proxies: weakref.proxy(o), a weak reference that stands in for its referent.
 *
 * A proxy is a MoWeakReference of type ProxyType (or CallableProxyType when the
 * referent was callable at creation), on the referent's list like any reference
 * (see weakref.c for the list discipline). Every operation unwraps the proxy (and
 * an operand that is also a proxy) into a strong reference to the referent,
 * performs the operation on the referent, and releases it. A dead proxy raises
 * ReferenceError "weakly-referenced object no longer exists" instead.
 *
 * Proxies are unhashable: they define a comparison and no hash, as in 3.11.
 * Start reading at proxy_unwrap.
 */
#include "internal.h"

/* ============================================================== unwrapping */

/* region proxy_unwrap */
/* new: the referent behind o if o is a proxy (o itself otherwise); NULL with
   ReferenceError when the proxy is dead. */
static MoObject *proxy_unwrap(MoObject *o)
{
    if (!MoWeakref_CheckProxy(o))
        return Mo_NewRef(o);
    MoObject *obj = _MoWeakref_Referent((MoWeakReference *)o);
    if (obj == Mo_None) {
        MoErr_SetString(MoExc_ReferenceError, "weakly-referenced object no longer exists");
        return NULL;
    }
    return Mo_NewRef(obj);
}
/* endregion proxy_unwrap */

/* Forwarding helpers: unwrap, apply, release. */
static MoObject *proxy_unary(MoObject *p, MoObject *(*fn)(MoObject *))
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return NULL;
    MoObject *res = fn(o);
    Mo_DECREF(o);
    return res;
}

static MoObject *proxy_binary(MoObject *a, MoObject *b, MoObject *(*fn)(MoObject *, MoObject *))
{
    MoObject *x = proxy_unwrap(a);
    if (x == NULL)
        return NULL;
    MoObject *y = proxy_unwrap(b);
    if (y == NULL) {
        Mo_DECREF(x);
        return NULL;
    }
    MoObject *res = fn(x, y);
    Mo_DECREF(x);
    Mo_DECREF(y);
    return res;
}

/* ================================================================ the slots */

static MoObject *proxy_getattr(MoObject *p, MoObject *name)
{
    return proxy_binary(p, name, MoObject_GetAttr);
}

static int proxy_setattr(MoObject *p, MoObject *name, MoObject *v)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return -1;
    int res = MoObject_SetAttr(o, name, v);
    Mo_DECREF(o);
    return res;
}

static MoObject *proxy_str(MoObject *p)
{
    return proxy_unary(p, MoObject_Str);
}

/* "<weakproxy at 0x... to C at 0x...>"; a dead proxy shows None, as 3.11 does. */
static MoObject *proxy_repr(MoObject *p)
{
    MoObject *obj = _MoWeakref_Referent((MoWeakReference *)p);
    return MoUnicode_FromFormat("<weakproxy at %p to %s at %p>", (void *)p, Mo_TYPE(obj)->tp_name, (void *)obj);
}

static MoObject *proxy_richcompare(MoObject *a, MoObject *b, int op)
{
    MoObject *x = proxy_unwrap(a);
    if (x == NULL)
        return NULL;
    MoObject *y = proxy_unwrap(b);
    if (y == NULL) {
        Mo_DECREF(x);
        return NULL;
    }
    MoObject *res = MoObject_RichCompare(x, y, op);
    Mo_DECREF(x);
    Mo_DECREF(y);
    return res;
}

static MoObject *proxy_call(MoObject *p, MoObject *args, MoObject *kwargs)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return NULL;
    MoObject *res = MoObject_Call(o, args, kwargs);
    Mo_DECREF(o);
    return res;
}

static MoObject *proxy_iter(MoObject *p)
{
    return proxy_unary(p, MoObject_GetIter);
}

static MoObject *proxy_iternext(MoObject *p)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return NULL;
    MoObject *res = NULL;
    if (Mo_TYPE(o)->tp_iternext == NULL)
        MoErr_Format(MoExc_TypeError, "Weakref proxy referenced a non-iterator '%s' object", Mo_TYPE(o)->tp_name);
    else
        res = MoIter_Next(o);
    Mo_DECREF(o);
    return res;
}

/* ------------------------------------------------------ numbers and truth */

static MoObject *proxy_add(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_Add); }
static MoObject *proxy_sub(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_Subtract); }
static MoObject *proxy_mul(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_Multiply); }
static MoObject *proxy_mod(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_Remainder); }
static MoObject *proxy_floordiv(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_FloorDivide); }
static MoObject *proxy_truediv(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_TrueDivide); }
static MoObject *proxy_iadd(MoObject *a, MoObject *b) { return proxy_binary(a, b, MoNumber_InPlaceAdd); }
static MoObject *proxy_neg(MoObject *a) { return proxy_unary(a, MoNumber_Negative); }
static MoObject *proxy_int(MoObject *a) { return proxy_unary(a, MoNumber_Long); }
static MoObject *proxy_float(MoObject *a) { return proxy_unary(a, MoNumber_Float); }

static MoObject *proxy_pow(MoObject *a, MoObject *b, MoObject *mod)
{
    (void)mod;
    return proxy_binary(a, b, MoNumber_Power);
}

static int proxy_bool(MoObject *p)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return -1;
    int res = MoObject_IsTrue(o);
    Mo_DECREF(o);
    return res;
}

static MoNumberMethods proxy_as_number = {
    .nb_add = proxy_add,
    .nb_subtract = proxy_sub,
    .nb_multiply = proxy_mul,
    .nb_remainder = proxy_mod,
    .nb_power = proxy_pow,
    .nb_negative = proxy_neg,
    .nb_bool = proxy_bool,
    .nb_int = proxy_int,
    .nb_float = proxy_float,
    .nb_inplace_add = proxy_iadd,
    .nb_floor_divide = proxy_floordiv,
    .nb_true_divide = proxy_truediv,
};

/* ---------------------------------------------------- containers: len, [], in */

static Mo_ssize_t proxy_length(MoObject *p)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return -1;
    Mo_ssize_t n = MoObject_Length(o);
    Mo_DECREF(o);
    return n;
}

static MoObject *proxy_getitem(MoObject *p, MoObject *key)
{
    return proxy_binary(p, key, MoObject_GetItem);
}

static int proxy_setitem(MoObject *p, MoObject *key, MoObject *v)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return -1;
    int res = v == NULL ? MoObject_DelItem(o, key) : MoObject_SetItem(o, key, v);
    Mo_DECREF(o);
    return res;
}

static int proxy_contains(MoObject *p, MoObject *v)
{
    MoObject *o = proxy_unwrap(p);
    if (o == NULL)
        return -1;
    int res = MoSequence_Contains(o, v);
    Mo_DECREF(o);
    return res;
}

static MoMappingMethods proxy_as_mapping = {
    .mp_length = proxy_length,
    .mp_subscript = proxy_getitem,
    .mp_ass_subscript = proxy_setitem,
};

static MoSequenceMethods proxy_as_sequence = {
    .sq_contains = proxy_contains,
};

/* ================================================================ the types */

#define PROXY_TYPE_FIELDS                                   \
    .tp_basicsize = sizeof(MoWeakReference),                \
    .tp_dealloc = _MoWeakref_Dealloc,                       \
    .tp_repr = proxy_repr,                                  \
    .tp_as_number = &proxy_as_number,                       \
    .tp_as_sequence = &proxy_as_sequence,                   \
    .tp_as_mapping = &proxy_as_mapping,                     \
    .tp_hash = MoObject_HashNotImplemented,                 \
    .tp_str = proxy_str,                                    \
    .tp_getattro = proxy_getattr,                           \
    .tp_setattro = proxy_setattr,                           \
    .tp_flags = MO_TPFLAGS_HAVE_GC,                         \
    .tp_traverse = _MoWeakref_Traverse,                     \
    .tp_clear = _MoWeakref_TpClear,                         \
    .tp_richcompare = proxy_richcompare,                    \
    .tp_iter = proxy_iter,                                  \
    .tp_iternext = proxy_iternext,                          \
    .tp_free = MoObject_GC_Del

MoTypeObject MoWeakref_ProxyType = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "weakref.ProxyType",
    PROXY_TYPE_FIELDS,
};

MoTypeObject MoWeakref_CallableProxyType = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "weakref.CallableProxyType",
    .tp_call = proxy_call,
    PROXY_TYPE_FIELDS,
};
