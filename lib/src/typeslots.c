/* Special methods of classes reach the type's slots, as CPython 3.11's slot
 * table does (Objects/typeobject.c: slotdefs, update_one_slot, slot_tp_repr...).
 *
 * A class (a heap type) that has __repr__ in its namespace gets tp_repr =
 * slot_tp_repr, a C function that looks __repr__ up on the instance's class and
 * calls it; every C caller (MoObject_Repr, a dict's lookup, MoNumber_Add) then
 * reaches the method through the slot, as Python code reaches it through the
 * interpreter. A slot whose name the class and its heap bases do not define is the
 * C function of the static type that defines it (list's sq_length for a subclass
 * of list), or NULL.
 *
 * Invariants:
 *   1. For every heap type T and every entry p of the table, T's slot p is what
 *      resolve_slot(T, p) says: it is recomputed for T and every heap subclass of
 *      T whenever an attribute named like p changes on T (C.__len__ = f, del
 *      C.__eq__), so a change takes effect at once for existing instances.
 *   2. A generic slot_* function looks its method up at every call, on the type
 *      of its operand: it never caches a method.
 *   3. Static types have no dunder entries in their dicts here (no slot
 *      wrappers): the static type that "defines" a slot is the first static type
 *      in the MRO whose slot differs from its base's.
 *
 * Start reading at the table (slotdefs) and resolve_slot.
 */
#include <string.h>
#include "internal.h"

/* ========================================================== calling methods */

/* borrowed: name (a C string) looked up on t's MRO, as a special method is (never
   on the instance). NULL without an exception when absent. */
static MoObject *lookup_special(MoTypeObject *t, const char *name)
{
    MoObject *key = MoUnicode_InternFromString(name);
    if (key == NULL) {
        MoErr_Clear();
        return NULL;
    }
    MoObject *v = _MoType_Lookup(t, key);
    Mo_DECREF(key);
    return v;
}

/* new: descr (found on type(self)) called as a method of self with the items of
   args (a tuple, or NULL for none) and kwargs. A callable that a class binds is
   called with self prepended, without making a bound method; a descriptor binds
   through its tp_descr_get; anything else is called as it is (None: "'NoneType'
   object is not callable"). */
MoObject *_MoObject_CallSpecial(MoObject *descr, MoObject *self, MoObject *args, MoObject *kwargs)
{
    MoTypeObject *t = Mo_TYPE(self);
    Mo_ssize_t n = args != NULL ? MoTuple_GET_SIZE(args) : 0;
    descrgetfunc get = Mo_TYPE(descr)->tp_descr_get;
    MoObject *callable, *callargs;
    Mo_INCREF(descr);   /* the method may delete itself from the class */
    if (get == NULL && _MoClass_BindsCallable(t, descr)) {
        callable = Mo_NewRef(descr);
        callargs = MoTuple_New(n + 1);
        if (callargs != NULL) {
            MoTuple_SET_ITEM(callargs, 0, Mo_NewRef(self));
            for (Mo_ssize_t i = 0; i < n; i++)
                MoTuple_SET_ITEM(callargs, i + 1, Mo_NewRef(MoTuple_GET_ITEM(args, i)));
        }
    } else {
        callable = get != NULL ? get(descr, self, (MoObject *)t) : Mo_NewRef(descr);
        callargs = args != NULL ? Mo_NewRef(args) : MoTuple_New(0);
    }
    Mo_DECREF(descr);
    MoObject *res = NULL;
    if (callable != NULL && callargs != NULL)
        res = MoObject_Call(callable, callargs, kwargs);
    Mo_XDECREF(callable);
    Mo_XDECREF(callargs);
    return res;
}

/* new: descr (borrowed, found on type(self)) called as a method of self with one
   argument; descr is held while the argument tuple is made. */
static MoObject *call_found_1(MoObject *descr, MoObject *self, MoObject *arg)
{
    Mo_INCREF(descr);
    MoObject *args = MoTuple_Pack(1, arg);
    MoObject *res = args != NULL ? _MoObject_CallSpecial(descr, self, args, NULL) : NULL;
    Mo_XDECREF(args);
    Mo_DECREF(descr);
    return res;
}

/* new: type(self).name(self, *argv) for n arguments; *found says whether the class
   has the method (0: NULL returned, no exception). */
static MoObject *call_special(MoObject *self, const char *name, MoObject *const *argv, Mo_ssize_t n, int *found)
{
    /* held: making the arguments may collect garbage whose __del__ changes the class */
    MoObject *descr = Mo_XNewRef(lookup_special(Mo_TYPE(self), name));
    *found = descr != NULL;
    if (descr == NULL)
        return NULL;
    MoObject *args = MoTuple_New(n);
    MoObject *res = NULL;
    if (args != NULL) {
        for (Mo_ssize_t i = 0; i < n; i++)
            MoTuple_SET_ITEM(args, i, Mo_NewRef(argv[i]));
        res = _MoObject_CallSpecial(descr, self, args, NULL);
        Mo_DECREF(args);
    }
    Mo_DECREF(descr);
    return res;
}

/* new: as call_special; a missing method is AttributeError(name), as 3.11's
   vectorcall_method (C().__delitem__ missing: "AttributeError: __delitem__"). */
static MoObject *call_method(MoObject *self, const char *name, MoObject *const *argv, Mo_ssize_t n)
{
    int found;
    MoObject *res = call_special(self, name, argv, n, &found);
    if (!found)
        MoErr_SetString(MoExc_AttributeError, name);
    return res;
}

/* new: as call_special; a missing method answers NotImplemented (the binary
   operators' "maybe" call). */
static MoObject *call_maybe(MoObject *self, const char *name, MoObject *const *argv, Mo_ssize_t n)
{
    int found;
    MoObject *res = call_special(self, name, argv, n, &found);
    if (!found)
        Mo_RETURN_NOTIMPLEMENTED;
    return res;
}

/* ============================================================== the table */

enum slot_table { TP, NB, SQ, MP };

typedef struct {
    const char *name;
    enum slot_table table;
    size_t offset;       /* of the slot within its table (MoTypeObject or a methods struct) */
    void *function;      /* the generic slot_* function */
    int reflected;       /* __radd__ and the like: the wrapper swaps the operands */
} slotdef;

/* Where a slot lives in type t, or NULL if t has no such table. */
static void **slot_ptr(MoTypeObject *t, const slotdef *p)
{
    char *table = NULL;
    switch (p->table) {
    case TP: table = (char *)t; break;
    case NB: table = (char *)t->tp_as_number; break;
    case SQ: table = (char *)t->tp_as_sequence; break;
    case MP: table = (char *)t->tp_as_mapping; break;
    }
    return table != NULL ? (void **)(table + p->offset) : NULL;
}

static void *slot_value(MoTypeObject *t, const slotdef *p)
{
    void **ptr = t != NULL ? slot_ptr(t, p) : NULL;
    return ptr != NULL ? *ptr : NULL;
}

static const slotdef slotdefs[];

/* ------------------------------------------------------------ tp_ slots */

/* The C slot of the first static type on t's MRO that defines it (invariant 3):
   what the slot is when no heap class on the way names the method. */
static void *static_definer_slot(MoTypeObject *t, const slotdef *p);

static MoObject *slot_tp_repr(MoObject *self)
{
    int found;
    MoObject *res = call_special(self, "__repr__", NULL, 0, &found);
    if (found)
        return res;
    reprfunc f = (reprfunc)static_definer_slot(Mo_TYPE(self), &slotdefs[0]);
    return f(self);   /* object defines tp_repr: never NULL */
}

static MoObject *slot_tp_str(MoObject *self)
{
    int found;
    MoObject *res = call_special(self, "__str__", NULL, 0, &found);
    if (found)
        return res;
    return MoObject_Repr(self);
}

/* hash(o) from __hash__: an int, folded as hash() folds a big one; None makes
   instances unhashable. */
static Mo_hash_t slot_tp_hash(MoObject *self)
{
    MoObject *func = lookup_special(Mo_TYPE(self), "__hash__");
    if (func == NULL || func == Mo_None)
        return MoObject_HashNotImplemented(self);
    MoObject *res = _MoObject_CallSpecial(func, self, NULL, NULL);
    if (res == NULL)
        return -1;
    if (!MoLong_Check(res)) {
        MoErr_SetString(MoExc_TypeError, "__hash__ method should return an integer");
        Mo_DECREF(res);
        return -1;
    }
    Mo_hash_t h = MoLong_AsSsize_t(res);
    if (h == -1 && MoErr_Occurred()) {
        MoErr_Clear();
        h = MoLong_Type.tp_hash(res);   /* too big for a word: the int's own hash */
    } else if (h == -1) {
        h = -2;
    }
    Mo_DECREF(res);
    return h;
}

static MoObject *slot_tp_call(MoObject *self, MoObject *args, MoObject *kwargs)
{
    MoObject *func = lookup_special(Mo_TYPE(self), "__call__");
    if (func == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not callable", Mo_TYPE(self)->tp_name);
        return NULL;
    }
    return _MoObject_CallSpecial(func, self, args, kwargs);
}

static const char *const richcmp_names[6] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};

/* self OP other: the class's method for OP, else the static definer's comparison
   (object's: == by identity, != as the negation of ==). */
static MoObject *slot_tp_richcompare(MoObject *self, MoObject *other, int op)
{
    int found;
    MoObject *res = call_special(self, richcmp_names[op], &other, 1, &found);
    if (found)
        return res;
    richcmpfunc f = (richcmpfunc)static_definer_slot(Mo_TYPE(self), &slotdefs[2]);
    if (f == NULL)
        Mo_RETURN_NOTIMPLEMENTED;
    return f(self, other, op);
}

/* iter(o): __iter__ (None: not iterable), else the sequence iterator over
   __getitem__. */
static MoObject *slot_tp_iter(MoObject *self)
{
    MoObject *func = lookup_special(Mo_TYPE(self), "__iter__");
    if (func == Mo_None || (func == NULL && lookup_special(Mo_TYPE(self), "__getitem__") == NULL)) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not iterable", Mo_TYPE(self)->tp_name);
        return NULL;
    }
    if (func == NULL)
        return MoSeqIter_New(self);
    return _MoObject_CallSpecial(func, self, NULL, NULL);
}

static MoObject *slot_tp_iternext(MoObject *self)
{
    return call_method(self, "__next__", NULL, 0);
}

/* o.name: __getattribute__ if a class defines one, else the static definer's
   lookup; on AttributeError, __getattr__. */
static MoObject *slot_tp_getattr_hook(MoObject *self, MoObject *name)
{
    MoTypeObject *t = Mo_TYPE(self);
    MoObject *getattribute = lookup_special(t, "__getattribute__");
    MoObject *res;
    if (getattribute != NULL) {
        res = call_found_1(getattribute, self, name);
    } else {
        getattrofunc f = (getattrofunc)static_definer_slot(t, &slotdefs[3]);
        res = f != NULL ? f(self, name) : MoObject_GenericGetAttr(self, name);
    }
    if (res != NULL || !MoErr_ExceptionMatches(MoExc_AttributeError))
        return res;
    MoObject *getattr = lookup_special(t, "__getattr__");
    if (getattr == NULL)
        return NULL;
    MoErr_Clear();
    return call_found_1(getattr, self, name);
}

/* __init__(self, *args, **kwargs): it must return None. */
static int slot_tp_init(MoObject *self, MoObject *args, MoObject *kwargs)
{
    MoObject *init = lookup_special(Mo_TYPE(self), "__init__");
    if (init == NULL)
        return 0;
    MoObject *res = _MoObject_CallSpecial(init, self, args, kwargs);
    if (res == NULL)
        return -1;
    if (res != Mo_None) {
        MoErr_Format(MoExc_TypeError, "__init__() should return None, not '%s'", Mo_TYPE(res)->tp_name);
        Mo_DECREF(res);
        return -1;
    }
    Mo_DECREF(res);
    return 0;
}

/* C(...) with __new__ in a class: __new__(C, *args, **kwargs), a static method
   (called with the class first, never bound). */
static MoObject *slot_tp_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    MoObject *func = lookup_special(t, "__new__");
    if (func == NULL) {
        MoErr_Format(MoExc_TypeError, "cannot create '%s' instances", t->tp_name);
        return NULL;
    }
    Mo_INCREF(func);   /* held while the arguments are made */
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    MoObject *callargs = MoTuple_New(n + 1);
    MoObject *res = NULL;
    if (callargs != NULL) {
        MoTuple_SET_ITEM(callargs, 0, Mo_NewRef((MoObject *)t));
        for (Mo_ssize_t i = 0; i < n; i++)
            MoTuple_SET_ITEM(callargs, i + 1, Mo_NewRef(MoTuple_GET_ITEM(args, i)));
        res = MoObject_Call(func, callargs, kwargs);
        Mo_DECREF(callargs);
    }
    Mo_DECREF(func);
    return res;
}

/* --------------------------------------------------------- number slots */

/* The binary operators (3.11's SLOT1BINFULL): slot_nb_X(a, b) may be reached as
   the left operand's slot or the right one's. The right operand's reflected method
   goes first when its class is a proper subclass of the left's and overrides it. */
static int method_is_overloaded(MoObject *left, MoObject *right, const char *name)
{
    MoObject *b = lookup_special(Mo_TYPE(right), name);
    if (b == NULL)
        return 0;
    return lookup_special(Mo_TYPE(left), name) != b;
}

static MoObject *binary_slot(MoObject *self, MoObject *other, void *func, const slotdef *p, const char *name,
                             const char *rname)
{
    int do_other = !Mo_IS_TYPE(self, Mo_TYPE(other)) && slot_value(Mo_TYPE(other), p) == func;
    if (slot_value(Mo_TYPE(self), p) == func) {
        if (do_other && MoType_IsSubtype(Mo_TYPE(other), Mo_TYPE(self)) &&
            method_is_overloaded(self, other, rname)) {
            MoObject *r = call_maybe(other, rname, &self, 1);
            if (r != Mo_NotImplemented)
                return r;
            Mo_DECREF(r);
            do_other = 0;
        }
        MoObject *r = call_maybe(self, name, &other, 1);
        if (r != Mo_NotImplemented || Mo_IS_TYPE(other, Mo_TYPE(self)))
            return r;
        Mo_DECREF(r);
    }
    if (do_other)
        return call_maybe(other, rname, &self, 1);
    Mo_RETURN_NOTIMPLEMENTED;
}

#define NB_OFF(slot) offsetof(MoNumberMethods, slot)

#define BINARY_SLOT(func, slot, name, rname)                                         \
    static MoObject *func(MoObject *self, MoObject *other)                           \
    {                                                                                \
        static const slotdef p = {name, NB, NB_OFF(slot), NULL, 0};                     \
        return binary_slot(self, other, (void *)func, &p, name, rname);              \
    }
BINARY_SLOT(slot_nb_add, nb_add, "__add__", "__radd__")
BINARY_SLOT(slot_nb_subtract, nb_subtract, "__sub__", "__rsub__")
BINARY_SLOT(slot_nb_multiply, nb_multiply, "__mul__", "__rmul__")
BINARY_SLOT(slot_nb_remainder, nb_remainder, "__mod__", "__rmod__")
BINARY_SLOT(slot_nb_divmod, nb_divmod, "__divmod__", "__rdivmod__")
BINARY_SLOT(slot_nb_lshift, nb_lshift, "__lshift__", "__rlshift__")
BINARY_SLOT(slot_nb_rshift, nb_rshift, "__rshift__", "__rrshift__")
BINARY_SLOT(slot_nb_and, nb_and, "__and__", "__rand__")
BINARY_SLOT(slot_nb_xor, nb_xor, "__xor__", "__rxor__")
BINARY_SLOT(slot_nb_or, nb_or, "__or__", "__ror__")
BINARY_SLOT(slot_nb_floor_divide, nb_floor_divide, "__floordiv__", "__rfloordiv__")
BINARY_SLOT(slot_nb_true_divide, nb_true_divide, "__truediv__", "__rtruediv__")

/* pow(a, b): the three-argument form is not reached from C callers here. */
static MoObject *slot_nb_power(MoObject *self, MoObject *other, MoObject *mod)
{
    static const slotdef p = {"__pow__", NB, NB_OFF(nb_power), NULL, 0};
    (void)mod;
    return binary_slot(self, other, (void *)slot_nb_power, &p, "__pow__", "__rpow__");
}

/* a op= b: the in-place method, NotImplemented when the class has none (the
   operator then falls back to the binary one). */
#define INPLACE_SLOT(func, name)                                                     \
    static MoObject *func(MoObject *self, MoObject *other)                           \
    {                                                                                \
        return call_maybe(self, name, &other, 1);                                    \
    }
INPLACE_SLOT(slot_nb_inplace_add, "__iadd__")
INPLACE_SLOT(slot_nb_inplace_subtract, "__isub__")
INPLACE_SLOT(slot_nb_inplace_multiply, "__imul__")
INPLACE_SLOT(slot_nb_inplace_remainder, "__imod__")
INPLACE_SLOT(slot_nb_inplace_lshift, "__ilshift__")
INPLACE_SLOT(slot_nb_inplace_rshift, "__irshift__")
INPLACE_SLOT(slot_nb_inplace_and, "__iand__")
INPLACE_SLOT(slot_nb_inplace_xor, "__ixor__")
INPLACE_SLOT(slot_nb_inplace_or, "__ior__")
INPLACE_SLOT(slot_nb_inplace_floor_divide, "__ifloordiv__")
INPLACE_SLOT(slot_nb_inplace_true_divide, "__itruediv__")

static MoObject *slot_nb_inplace_power(MoObject *self, MoObject *other, MoObject *mod)
{
    (void)mod;
    return call_maybe(self, "__ipow__", &other, 1);
}

#define UNARY_SLOT(func, name)                                                       \
    static MoObject *func(MoObject *self)                                            \
    {                                                                                \
        return call_method(self, name, NULL, 0);                                     \
    }
UNARY_SLOT(slot_nb_negative, "__neg__")
UNARY_SLOT(slot_nb_positive, "__pos__")
UNARY_SLOT(slot_nb_absolute, "__abs__")
UNARY_SLOT(slot_nb_invert, "__invert__")
UNARY_SLOT(slot_nb_float, "__float__")

/* __int__ and __index__ must give an int (3.11's messages, from PyNumber_Long
   and PyNumber_Index). */
static MoObject *int_result(MoObject *res, const char *name)
{
    if (res != NULL && !MoLong_Check(res)) {
        MoErr_Format(MoExc_TypeError, "%s returned non-int (type %s)", name, Mo_TYPE(res)->tp_name);
        Mo_DECREF(res);
        return NULL;
    }
    return res;
}

static MoObject *slot_nb_int(MoObject *self)
{
    return int_result(call_method(self, "__int__", NULL, 0), "__int__");
}

static MoObject *slot_nb_index(MoObject *self)
{
    return int_result(call_method(self, "__index__", NULL, 0), "__index__");
}

/* bool(o): __bool__ must give a bool; without one, __len__ decides. */
static Mo_ssize_t slot_sq_length(MoObject *self);

static int slot_nb_bool(MoObject *self)
{
    int found;
    MoObject *res = call_special(self, "__bool__", NULL, 0, &found);
    if (!found) {
        if (lookup_special(Mo_TYPE(self), "__len__") == NULL)
            return 1;
        Mo_ssize_t n = slot_sq_length(self);
        return n < 0 ? -1 : n > 0;
    }
    if (res == NULL)
        return -1;
    int r = res == Mo_True;
    if (!MoBool_Check(res)) {
        MoErr_Format(MoExc_TypeError, "__bool__ should return bool, returned %s", Mo_TYPE(res)->tp_name);
        r = -1;
    }
    Mo_DECREF(res);
    return r;
}

/* ---------------------------------------------- sequence and mapping slots */

/* len(o): __len__ must give an index >= 0. */
static Mo_ssize_t slot_sq_length(MoObject *self)
{
    MoObject *res = call_method(self, "__len__", NULL, 0);
    if (res == NULL)
        return -1;
    Mo_ssize_t n = MoNumber_AsSsize_t(res, MoExc_OverflowError);
    Mo_DECREF(res);
    if (n == -1 && MoErr_Occurred())
        return -1;
    if (n < 0) {
        MoErr_SetString(MoExc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

static MoObject *slot_mp_subscript(MoObject *self, MoObject *key)
{
    return call_method(self, "__getitem__", &key, 1);
}

static MoObject *slot_sq_item(MoObject *self, Mo_ssize_t i)
{
    MoObject *key = MoLong_FromSsize_t(i);
    if (key == NULL)
        return NULL;
    MoObject *res = slot_mp_subscript(self, key);
    Mo_DECREF(key);
    return res;
}

/* o[key] = value, or del o[key] when value is NULL. */
static int slot_mp_ass_subscript(MoObject *self, MoObject *key, MoObject *value)
{
    MoObject *argv[2] = {key, value};
    MoObject *res = value != NULL ? call_method(self, "__setitem__", argv, 2)
                                  : call_method(self, "__delitem__", argv, 1);
    if (res == NULL)
        return -1;
    Mo_DECREF(res);
    return 0;
}

static int slot_sq_ass_item(MoObject *self, Mo_ssize_t i, MoObject *value)
{
    MoObject *key = MoLong_FromSsize_t(i);
    if (key == NULL)
        return -1;
    int r = slot_mp_ass_subscript(self, key, value);
    Mo_DECREF(key);
    return r;
}

/* `v in o`: __contains__ (None: not a container), else a search by iteration. */
static int slot_sq_contains(MoObject *self, MoObject *value)
{
    MoObject *func = lookup_special(Mo_TYPE(self), "__contains__");
    if (func == Mo_None) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not a container", Mo_TYPE(self)->tp_name);
        return -1;
    }
    if (func == NULL)
        return _MoSequence_IterSearchContains(self, value);
    MoObject *res = call_found_1(func, self, value);
    if (res == NULL)
        return -1;
    int r = MoObject_IsTrue(res);
    Mo_DECREF(res);
    return r;
}

/* ------------------------------------------------------------- the table */

#define TPSLOT(name, slot, func) {name, TP, offsetof(MoTypeObject, slot), (void *)(func), 0}
#define NBSLOT(name, slot, func) {name, NB, NB_OFF(slot), (void *)(func), 0}
#define NBRSLOT(name, slot, func) {name, NB, NB_OFF(slot), (void *)(func), 1}
#define SQSLOT(name, slot, func) {name, SQ, offsetof(MoSequenceMethods, slot), (void *)(func), 0}
#define MPSLOT(name, slot, func) {name, MP, offsetof(MoMappingMethods, slot), (void *)(func), 0}

/* Names that share a slot are adjacent (the six comparisons; __add__ and
   __radd__): a slot is generic when a heap class defines any of them. The first
   four entries are used by index above. */
static const slotdef slotdefs[] = {
    TPSLOT("__repr__", tp_repr, slot_tp_repr),
    TPSLOT("__str__", tp_str, slot_tp_str),
    TPSLOT("__lt__", tp_richcompare, slot_tp_richcompare),
    TPSLOT("__getattribute__", tp_getattro, slot_tp_getattr_hook),
    TPSLOT("__getattr__", tp_getattro, slot_tp_getattr_hook),
    TPSLOT("__le__", tp_richcompare, slot_tp_richcompare),
    TPSLOT("__eq__", tp_richcompare, slot_tp_richcompare),
    TPSLOT("__ne__", tp_richcompare, slot_tp_richcompare),
    TPSLOT("__gt__", tp_richcompare, slot_tp_richcompare),
    TPSLOT("__ge__", tp_richcompare, slot_tp_richcompare),
    TPSLOT("__hash__", tp_hash, slot_tp_hash),
    TPSLOT("__call__", tp_call, slot_tp_call),
    TPSLOT("__iter__", tp_iter, slot_tp_iter),
    TPSLOT("__next__", tp_iternext, slot_tp_iternext),
    TPSLOT("__del__", tp_finalize, _MoClass_Finalize),
    TPSLOT("__init__", tp_init, slot_tp_init),
    TPSLOT("__new__", tp_new, slot_tp_new),
    NBSLOT("__add__", nb_add, slot_nb_add),
    NBRSLOT("__radd__", nb_add, slot_nb_add),
    NBSLOT("__sub__", nb_subtract, slot_nb_subtract),
    NBRSLOT("__rsub__", nb_subtract, slot_nb_subtract),
    NBSLOT("__mul__", nb_multiply, slot_nb_multiply),
    NBRSLOT("__rmul__", nb_multiply, slot_nb_multiply),
    NBSLOT("__mod__", nb_remainder, slot_nb_remainder),
    NBRSLOT("__rmod__", nb_remainder, slot_nb_remainder),
    NBSLOT("__divmod__", nb_divmod, slot_nb_divmod),
    NBRSLOT("__rdivmod__", nb_divmod, slot_nb_divmod),
    NBSLOT("__pow__", nb_power, slot_nb_power),
    NBRSLOT("__rpow__", nb_power, slot_nb_power),
    NBSLOT("__neg__", nb_negative, slot_nb_negative),
    NBSLOT("__pos__", nb_positive, slot_nb_positive),
    NBSLOT("__abs__", nb_absolute, slot_nb_absolute),
    NBSLOT("__bool__", nb_bool, slot_nb_bool),
    NBSLOT("__invert__", nb_invert, slot_nb_invert),
    NBSLOT("__lshift__", nb_lshift, slot_nb_lshift),
    NBRSLOT("__rlshift__", nb_lshift, slot_nb_lshift),
    NBSLOT("__rshift__", nb_rshift, slot_nb_rshift),
    NBRSLOT("__rrshift__", nb_rshift, slot_nb_rshift),
    NBSLOT("__and__", nb_and, slot_nb_and),
    NBRSLOT("__rand__", nb_and, slot_nb_and),
    NBSLOT("__xor__", nb_xor, slot_nb_xor),
    NBRSLOT("__rxor__", nb_xor, slot_nb_xor),
    NBSLOT("__or__", nb_or, slot_nb_or),
    NBRSLOT("__ror__", nb_or, slot_nb_or),
    NBSLOT("__int__", nb_int, slot_nb_int),
    NBSLOT("__float__", nb_float, slot_nb_float),
    NBSLOT("__iadd__", nb_inplace_add, slot_nb_inplace_add),
    NBSLOT("__isub__", nb_inplace_subtract, slot_nb_inplace_subtract),
    NBSLOT("__imul__", nb_inplace_multiply, slot_nb_inplace_multiply),
    NBSLOT("__imod__", nb_inplace_remainder, slot_nb_inplace_remainder),
    NBSLOT("__ipow__", nb_inplace_power, slot_nb_inplace_power),
    NBSLOT("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift),
    NBSLOT("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift),
    NBSLOT("__iand__", nb_inplace_and, slot_nb_inplace_and),
    NBSLOT("__ixor__", nb_inplace_xor, slot_nb_inplace_xor),
    NBSLOT("__ior__", nb_inplace_or, slot_nb_inplace_or),
    NBSLOT("__floordiv__", nb_floor_divide, slot_nb_floor_divide),
    NBRSLOT("__rfloordiv__", nb_floor_divide, slot_nb_floor_divide),
    NBSLOT("__truediv__", nb_true_divide, slot_nb_true_divide),
    NBRSLOT("__rtruediv__", nb_true_divide, slot_nb_true_divide),
    NBSLOT("__ifloordiv__", nb_inplace_floor_divide, slot_nb_inplace_floor_divide),
    NBSLOT("__itruediv__", nb_inplace_true_divide, slot_nb_inplace_true_divide),
    NBSLOT("__index__", nb_index, slot_nb_index),
    MPSLOT("__len__", mp_length, slot_sq_length),
    MPSLOT("__getitem__", mp_subscript, slot_mp_subscript),
    MPSLOT("__setitem__", mp_ass_subscript, slot_mp_ass_subscript),
    MPSLOT("__delitem__", mp_ass_subscript, slot_mp_ass_subscript),
    SQSLOT("__len__", sq_length, slot_sq_length),
    SQSLOT("__getitem__", sq_item, slot_sq_item),
    SQSLOT("__setitem__", sq_ass_item, slot_sq_ass_item),
    SQSLOT("__delitem__", sq_ass_item, slot_sq_ass_item),
    SQSLOT("__contains__", sq_contains, slot_sq_contains),
    {NULL, TP, 0, NULL, 0},
};

/* ======================================================== resolving slots */

static int same_slot(const slotdef *a, const slotdef *b)
{
    return a->table == b->table && a->offset == b->offset;
}

/* A static type k defines slot p when its value differs from its base's. */
static void *static_own_slot(MoTypeObject *k, const slotdef *p)
{
    void *v = slot_value(k, p);
    if (v == NULL || (k->tp_base != NULL && slot_value(k->tp_base, p) == v))
        return NULL;
    return v;
}

static void *static_definer_slot(MoTypeObject *t, const slotdef *p)
{
    MoTypeObject *k;
    for (Mo_ssize_t i = 0; (k = _MoType_MroAt(t, i)) != NULL; i++)
        if (!MoType_HasFeature(k, MO_TPFLAGS_HEAPTYPE)) {
            void *v = static_own_slot(k, p);
            if (v != NULL)
                return v;
        }
    return NULL;
}

/* The value named by the slot's names in heap class k's own dict (borrowed), or NULL. */
static MoObject *heap_defines(MoTypeObject *k, const slotdef *p)
{
    for (const slotdef *q = slotdefs; q->name != NULL; q++) {
        if (!same_slot(p, q))
            continue;
        MoObject *v = k->tp_dict != NULL ? MoDict_GetItemString(k->tp_dict, q->name) : NULL;
        if (v != NULL)
            return v;
    }
    return NULL;
}

/* What heap type t's slot p must be (invariant 1): walk the MRO; the first heap
   class naming the slot makes it generic (__hash__ = None: unhashable), the first
   static type defining it gives its C function. */
static void *resolve_slot(MoTypeObject *t, const slotdef *p)
{
    MoTypeObject *k;
    for (Mo_ssize_t i = 0; (k = _MoType_MroAt(t, i)) != NULL; i++) {
        if (MoType_HasFeature(k, MO_TPFLAGS_HEAPTYPE)) {
            MoObject *v = heap_defines(k, p);
            if (v == NULL)
                continue;
            if (p->table == TP && p->offset == offsetof(MoTypeObject, tp_hash) && v == Mo_None)
                return (void *)MoObject_HashNotImplemented;
            return p->function;
        }
        void *v = static_own_slot(k, p);
        if (v != NULL)
            return v;
    }
    return NULL;
}

static void fixup_slot(MoTypeObject *t, const slotdef *p)
{
    void **ptr = slot_ptr(t, p);
    if (ptr != NULL)
        *ptr = resolve_slot(t, p);
}

void _MoType_FixupSlots(MoTypeObject *t)
{
    for (const slotdef *p = slotdefs; p->name != NULL; p++)
        fixup_slot(t, p);
}

/* ----------------------------------------------------------- subclasses */

/* Heap classes remember their heap subclasses (borrowed pointers: a subclass
   holds its bases, so it always dies first and removes itself). */
int _MoType_AddSubclass(MoTypeObject *base, MoTypeObject *sub)
{
    if (!MoType_HasFeature(base, MO_TPFLAGS_HEAPTYPE))
        return 0;
    MoHeapTypeObject *hb = (MoHeapTypeObject *)base;
    if (hb->ht_nsubclasses == hb->ht_subclasses_cap) {
        Mo_ssize_t cap = hb->ht_subclasses_cap ? 2 * hb->ht_subclasses_cap : 4;
        MoTypeObject **p = MoMem_Realloc(hb->ht_subclasses, (size_t)cap * sizeof *p);
        if (p == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        hb->ht_subclasses = p;
        hb->ht_subclasses_cap = cap;
    }
    hb->ht_subclasses[hb->ht_nsubclasses++] = sub;
    return 0;
}

void _MoType_RemoveSubclass(MoTypeObject *base, MoTypeObject *sub)
{
    if (!MoType_HasFeature(base, MO_TPFLAGS_HEAPTYPE))
        return;
    MoHeapTypeObject *hb = (MoHeapTypeObject *)base;
    for (Mo_ssize_t i = 0; i < hb->ht_nsubclasses; i++)
        if (hb->ht_subclasses[i] == sub) {
            hb->ht_subclasses[i] = hb->ht_subclasses[--hb->ht_nsubclasses];
            return;
        }
}

/* Recompute the slots named name in t and, recursively, its subclasses (the
   change to t's dict is seen through their MROs). */
static void update_slots_named(MoTypeObject *t, const char *name)
{
    for (const slotdef *p = slotdefs; p->name != NULL; p++)
        if (strcmp(p->name, name) == 0)
            fixup_slot(t, p);
    MoHeapTypeObject *ht = (MoHeapTypeObject *)t;
    for (Mo_ssize_t i = 0; i < ht->ht_nsubclasses; i++)
        update_slots_named(ht->ht_subclasses[i], name);
}

void _MoType_UpdateSlot(MoTypeObject *t, MoObject *name)
{
    if (!MoUnicode_Check(name) || !MoType_HasFeature(t, MO_TPFLAGS_HEAPTYPE))
        return;
    const char *s = MoUnicode_AsUTF8(name);
    if (s != NULL && s[0] == '_' && s[1] == '_')
        update_slots_named(t, s);
}

/* =============================================================== super */

MoObject *MoSuper_Lookup(MoTypeObject *start, MoObject *obj, const char *name)
{
    MoTypeObject *t = MoType_Check(obj) ? (MoTypeObject *)obj : Mo_TYPE(obj);
    MoObject *key = MoUnicode_InternFromString(name);
    if (key == NULL)
        return NULL;
    MoTypeObject *k;
    Mo_ssize_t i = 0;
    while ((k = _MoType_MroAt(t, i)) != NULL && k != start)
        i++;
    if (k == NULL) {
        Mo_DECREF(key);
        MoErr_SetString(MoExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
        return NULL;
    }
    for (i++; (k = _MoType_MroAt(t, i)) != NULL; i++) {
        MoObject *v = k->tp_dict != NULL ? MoDict_GetItemWithError(k->tp_dict, key) : NULL;
        if (v != NULL) {
            Mo_DECREF(key);
            descrgetfunc get = Mo_TYPE(v)->tp_descr_get;
            MoObject *inst = (MoObject *)t == obj ? NULL : obj;
            if (get != NULL)
                return get(v, inst, (MoObject *)t);
            if (inst != NULL && _MoClass_BindsCallable(k, v))
                return MoMethod_New(v, inst);
            return Mo_NewRef(v);
        }
        if (MoErr_Occurred())
            break;
        if (!MoType_HasFeature(k, MO_TPFLAGS_HEAPTYPE)) {
            MoObject *w = _MoSlotWrapper_Find(k, key, obj);
            if (w != NULL || MoErr_Occurred()) {
                Mo_DECREF(key);
                return w;
            }
        }
    }
    if (!MoErr_Occurred())
        MoErr_Format(MoExc_AttributeError, "'super' object has no attribute '%U'", key);
    Mo_DECREF(key);
    return NULL;
}

/* ====================================================== bound slot wrappers */

/* What super() finds on a static type: the C slot behind a special method,
   bound to an object (3.11's method-wrapper, made on demand here because static
   types' dicts hold no slot wrappers: invariant 3). */
typedef struct {
    MoObject_HEAD
    const slotdef *d;
    void *fn;            /* the static type's slot */
    MoObject *self;      /* NULL: unbound (C.__len__), the instance comes first in the call */
    MoTypeObject *owner; /* the static type whose slot it is (static: never freed) */
} wrapperobject;

static MoTypeObject wrapper_type;

static int slot_is(const slotdef *d, enum slot_table table, size_t offset)
{
    return d->table == table && d->offset == offset;
}

/* borrowed: the one argument (n == 1) or None (n == 0) of a wrapper call that
   must have exactly n; NULL with TypeError otherwise. */
static MoObject *wrapper_arg(MoObject *args, Mo_ssize_t n)
{
    if (MoTuple_GET_SIZE(args) != n) {
        MoErr_Format(MoExc_TypeError, "expected %zd argument%s, got %zd", n, n == 1 ? "" : "s",
                     MoTuple_GET_SIZE(args));
        return NULL;
    }
    return n > 0 ? MoTuple_GET_ITEM(args, 0) : Mo_None;
}

/* new: the bool or int a C slot answered; NULL when it answered -1 with an error. */
static MoObject *from_status(Mo_ssize_t r, int as_bool)
{
    if (r < 0 && MoErr_Occurred())
        return NULL;
    return as_bool ? MoBool_FromLong(r) : MoLong_FromSsize_t(r);
}

/* 1 if the wrapped slot takes one argument besides self (a binary operator, a
   comparison, an item or attribute name), 0 if only self. */
static int wrapper_takes_arg(const slotdef *d)
{
    static const size_t unary_nb[] = {NB_OFF(nb_negative), NB_OFF(nb_positive), NB_OFF(nb_absolute),
                                      NB_OFF(nb_bool),     NB_OFF(nb_invert),   NB_OFF(nb_int),
                                      NB_OFF(nb_float),    NB_OFF(nb_index)};
    switch (d->table) {
    case TP:
        return d->offset == offsetof(MoTypeObject, tp_richcompare) || d->offset == offsetof(MoTypeObject, tp_getattro);
    case NB:
        for (size_t i = 0; i < sizeof unary_nb / sizeof unary_nb[0]; i++)
            if (d->offset == unary_nb[i])
                return 0;
        return 1;
    case SQ:
        return d->offset != offsetof(MoSequenceMethods, sq_length);
    case MP:
        return d->offset != offsetof(MoMappingMethods, mp_length);
    }
    return 0;
}

/* Call the wrapped C slot for self the way its kind takes arguments. */
static MoObject *wrapper_call_bound(wrapperobject *w, MoObject *self, MoObject *args, MoObject *kwargs)
{
    const slotdef *d = w->d;
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    if (slot_is(d, TP, offsetof(MoTypeObject, tp_init))) {
        if (((initproc)w->fn)(self, args, kwargs) < 0)
            return NULL;
        Mo_RETURN_NONE;
    }
    if (slot_is(d, TP, offsetof(MoTypeObject, tp_new))) {
        if (nargs < 1 || !MoType_Check(MoTuple_GET_ITEM(args, 0))) {
            MoErr_SetString(MoExc_TypeError, "__new__(X): X is not a type object");
            return NULL;
        }
        MoObject *rest = MoTuple_GetSlice(args, 1, nargs);
        MoObject *res = rest != NULL ? ((newfunc)w->fn)((MoTypeObject *)MoTuple_GET_ITEM(args, 0), rest, kwargs) : NULL;
        Mo_XDECREF(rest);
        return res;
    }
    if (slot_is(d, TP, offsetof(MoTypeObject, tp_call)))
        return ((ternaryfunc)w->fn)(self, args, kwargs);
    if (kwargs != NULL && MoDict_Size(kwargs) > 0) {
        MoErr_Format(MoExc_TypeError, "wrapper %s() takes no keyword arguments", d->name);
        return NULL;
    }
    if (slot_is(d, MP, offsetof(MoMappingMethods, mp_ass_subscript))) {
        int setting = strcmp(d->name, "__setitem__") == 0;
        if (wrapper_arg(args, setting ? 2 : 1) == NULL)
            return NULL;
        int r = ((objobjargproc)w->fn)(self, MoTuple_GET_ITEM(args, 0), setting ? MoTuple_GET_ITEM(args, 1) : NULL);
        return r < 0 ? NULL : Mo_NewRef(Mo_None);
    }
    int binary = wrapper_takes_arg(d);
    MoObject *arg = wrapper_arg(args, binary ? 1 : 0);
    if (arg == NULL)
        return NULL;
    if (d->table == TP) {
        if (d->offset == offsetof(MoTypeObject, tp_richcompare)) {
            int cmp = 0;
            while (strcmp(richcmp_names[cmp], d->name) != 0)
                cmp++;
            return ((richcmpfunc)w->fn)(self, arg, cmp);
        }
        if (d->offset == offsetof(MoTypeObject, tp_getattro))
            return ((getattrofunc)w->fn)(self, arg);
        if (d->offset == offsetof(MoTypeObject, tp_hash)) {
            Mo_hash_t h = ((hashfunc)w->fn)(self);
            return h == -1 ? NULL : MoLong_FromSsize_t(h);
        }
        if (d->offset == offsetof(MoTypeObject, tp_finalize)) {
            ((destructor)w->fn)(self);
            Mo_RETURN_NONE;
        }
        MoObject *res = ((unaryfunc)w->fn)(self);   /* repr, str, iter, next */
        if (res == NULL && !MoErr_Occurred())       /* an iterator's end, as __next__ says it */
            MoErr_SetObject(MoExc_StopIteration, Mo_None);
        return res;
    }
    if (d->table == NB) {
        if (d->offset == NB_OFF(nb_bool))
            return from_status(((inquiry)w->fn)(self), 1);
        if (d->offset == NB_OFF(nb_power) || d->offset == NB_OFF(nb_inplace_power))
            return d->reflected ? ((ternaryfunc)w->fn)(arg, self, Mo_None) : ((ternaryfunc)w->fn)(self, arg, Mo_None);
        if (!binary)
            return ((unaryfunc)w->fn)(self);
        return d->reflected ? ((binaryfunc)w->fn)(arg, self) : ((binaryfunc)w->fn)(self, arg);
    }
    if (d->offset == offsetof(MoSequenceMethods, sq_length) && d->table == SQ)
        return from_status(((lenfunc)w->fn)(self), 0);
    if (slot_is(d, MP, offsetof(MoMappingMethods, mp_length)))
        return from_status(((lenfunc)w->fn)(self), 0);
    if (slot_is(d, MP, offsetof(MoMappingMethods, mp_subscript)))
        return ((binaryfunc)w->fn)(self, arg);
    if (slot_is(d, SQ, offsetof(MoSequenceMethods, sq_contains)))
        return from_status(((objobjproc)w->fn)(self, arg), 1);
    if (slot_is(d, SQ, offsetof(MoSequenceMethods, sq_item))) {
        Mo_ssize_t i = MoNumber_AsSsize_t(arg, MoExc_OverflowError);
        if (i == -1 && MoErr_Occurred())
            return NULL;
        return ((ssizeargfunc)w->fn)(self, i);
    }
    MoErr_Format(MoExc_TypeError, "wrapper %s() cannot be called from C", d->name);
    return NULL;
}

/* A bound wrapper calls its slot for its object; an unbound one (3.11's
   wrapper_descriptor) for its first argument, which must be an instance of the
   type (__new__ takes the type first and needs no instance). */
static MoObject *wrapper_call(MoObject *op, MoObject *args, MoObject *kwargs)
{
    wrapperobject *w = (wrapperobject *)op;
    if (w->self != NULL || slot_is(w->d, TP, offsetof(MoTypeObject, tp_new)))
        return wrapper_call_bound(w, w->self, args, kwargs);
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    if (nargs < 1) {
        MoErr_Format(MoExc_TypeError, "descriptor '%s' of '%s' object needs an argument", w->d->name,
                     w->owner->tp_name);
        return NULL;
    }
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (!MoObject_TypeCheck(self, w->owner)) {
        MoErr_Format(MoExc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'", w->d->name,
                     w->owner->tp_name, Mo_TYPE(self)->tp_name);
        return NULL;
    }
    MoObject *rest = MoTuple_GetSlice(args, 1, nargs);
    MoObject *res = rest != NULL ? wrapper_call_bound(w, self, rest, kwargs) : NULL;
    Mo_XDECREF(rest);
    return res;
}

static void wrapper_dealloc(MoObject *op)
{
    wrapperobject *w = (wrapperobject *)op;
    MoObject_GC_UnTrack(op);
    Mo_XDECREF(w->self);
    Mo_TYPE(op)->tp_free(op);
}

static int wrapper_traverse(MoObject *op, visitproc visit, void *arg)
{
    Mo_VISIT(((wrapperobject *)op)->self);
    return 0;
}

/* "<method-wrapper '__len__' of L object at 0x...>", "<slot wrapper '__len__'
   of 'list' objects>", "<built-in method __new__ of type object at 0x...>", as 3.11. */
static MoObject *wrapper_repr(MoObject *op)
{
    wrapperobject *w = (wrapperobject *)op;
    if (w->self == NULL && slot_is(w->d, TP, offsetof(MoTypeObject, tp_new)))
        return MoUnicode_FromFormat("<built-in method __new__ of type object at %p>", (void *)w->owner);
    if (w->self == NULL)
        return MoUnicode_FromFormat("<slot wrapper '%s' of '%s' objects>", w->d->name, w->owner->tp_name);
    return MoUnicode_FromFormat("<method-wrapper '%s' of %s object at %p>", w->d->name, Mo_TYPE(w->self)->tp_name,
                                (void *)w->self);
}

static MoTypeObject wrapper_type = {
    /* spelled out: MoVarObject_HEAD_INIT's trailing comma differs between branches */
    .ob_base = { MoObject_HEAD_INIT(&MoType_Type), 0 },
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(wrapperobject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_call = wrapper_call,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
};

/* The slot static type k defines for name: where a name stands for two slots
   (__len__, __getitem__), the mapping one first, as 3.11 lists them. */
static const slotdef *static_slotdef(MoTypeObject *k, const char *name, void **fn)
{
    for (const slotdef *p = slotdefs; p->name != NULL; p++) {
        if (strcmp(p->name, name) != 0)
            continue;
        void *v = slot_value(k, p);
        if (v != NULL) {
            *fn = v;
            return p;
        }
    }
    return NULL;
}

MoObject *_MoSlotWrapper_Find(MoTypeObject *k, MoObject *name, MoObject *obj)
{
    void *fn;
    const slotdef *d = static_slotdef(k, MoUnicode_AsUTF8(name), &fn);
    if (d == NULL || MoType_Ready(&wrapper_type) < 0)
        return NULL;
    wrapperobject *w = MoObject_GC_New(wrapperobject, &wrapper_type);
    if (w == NULL)
        return NULL;
    w->d = d;
    w->fn = fn;
    w->self = Mo_XNewRef(obj);
    w->owner = k;
    MoObject_GC_Track(w);
    return (MoObject *)w;
}

MoObject *_MoSlotWrapper_FindUnbound(MoTypeObject *t, MoObject *name)
{
    MoTypeObject *k;
    for (Mo_ssize_t i = 0; (k = _MoType_MroAt(t, i)) != NULL; i++) {
        if (MoType_HasFeature(k, MO_TPFLAGS_HEAPTYPE))   /* a class's methods are in its dict */
            continue;
        MoObject *w = _MoSlotWrapper_Find(k, name, NULL);
        if (w != NULL || MoErr_Occurred())
            return w;
    }
    return NULL;
}
