/* Objects in general: allocation, deallocation, identity, repr and str,
 * comparison, hashing, truth, and the None and NotImplemented singletons.
 *
 * Start reading at _Mo_Dealloc: it is where every object's life ends.
 */
#include <string.h>
#include "internal.h"

/* ----------------------------------------------------------- allocation */

MoObject *MoObject_Init(MoObject *op, MoTypeObject *t)
{
    op->ob_type = t;
    _Mo_NewReference(op);
    return op;
}

MoVarObject *MoObject_InitVar(MoVarObject *op, MoTypeObject *t, Mo_ssize_t n)
{
    op->ob_size = n;
    MoObject_Init((MoObject *)op, t);
    return op;
}

/* region gc_alloc */
/* Memory for an object with `presize` bytes before it (the GC header, and for
   classes with a managed dict two more pointers), as 3.11's gc_alloc. */
static MoObject *object_alloc(MoTypeObject *t, size_t basic)
{
    size_t presize = _MoType_PreHeaderSize(t);
    char *mem = MoObject_Malloc(presize + basic);
    if (mem == NULL)
        return (MoObject *)MoErr_NoMemory();
    memset(mem, 0, presize);
    MoObject *op = (MoObject *)(mem + presize);
    if (MoType_IS_GC(t))
        _MoObject_GC_Link(op);
    return op;
}
/* endregion gc_alloc */

MoObject *_MoObject_New(MoTypeObject *t)
{
    MoObject *op = object_alloc(t, (size_t)t->tp_basicsize);
    return op ? MoObject_Init(op, t) : NULL;
}

MoVarObject *_MoObject_NewVar(MoTypeObject *t, Mo_ssize_t n)
{
    MoObject *op = object_alloc(t, _MoObject_VAR_SIZE(t, n));
    return op ? MoObject_InitVar((MoVarObject *)op, t, n) : NULL;
}

MoObject *_MoObject_GC_New(MoTypeObject *t)
{
    return _MoObject_New(t);
}

MoVarObject *_MoObject_GC_NewVar(MoTypeObject *t, Mo_ssize_t n)
{
    return _MoObject_NewVar(t, n);
}

MoVarObject *_MoObject_GC_Resize(MoVarObject *op, Mo_ssize_t n)
{
    MoTypeObject *t = Mo_TYPE(op);
    size_t presize = _MoType_PreHeaderSize(t);
    if (_MoObject_GC_IS_TRACKED((MoObject *)op))
        Mo_FatalError("_MoObject_GC_Resize: object is tracked");
    /* The registry of live objects keys on the address: leave it and come back. */
    _Mo_ForgetReference((MoObject *)op);
    Mo_ssize_t refcnt = op->ob_base.ob_refcnt;
    char *mem = MoObject_Realloc((char *)op - presize, presize + _MoObject_VAR_SIZE(t, n));
    if (mem != NULL)
        op = (MoVarObject *)(mem + presize);
    /* Back in the live set, at its (possibly new) address, with its count carried
       over: not a new reference. */
    _Mo_NewReference((MoObject *)op);
#ifdef MO_DEBUG
    _Mo_RefTotal--;
#endif
    op->ob_base.ob_refcnt = refcnt;
    if (mem == NULL)
        return (MoVarObject *)MoErr_NoMemory();
    op->ob_size = n;
    return op;
}

MoObject *_MoType_AllocNoTrack(MoTypeObject *t, Mo_ssize_t n)
{
    size_t size = _MoObject_VAR_SIZE(t, n + (t->tp_itemsize != 0));
    MoObject *op = object_alloc(t, size);
    if (op == NULL)
        return NULL;
    memset(op, 0, size);
    if (t->tp_itemsize)
        MoObject_InitVar((MoVarObject *)op, t, n);
    else
        MoObject_Init(op, t);
    return op;
}

/* As 3.11's PyType_GenericAlloc: a GC object comes back tracked, its fields all
   NULL, so that a collection can already traverse it. */
MoObject *MoType_GenericAlloc(MoTypeObject *t, Mo_ssize_t n)
{
    MoObject *op = _MoType_AllocNoTrack(t, n);
    if (op != NULL && MoType_IS_GC(t))
        MoObject_GC_Track(op);
    return op;
}

size_t _MoType_PreHeaderSize(MoTypeObject *t)
{
    return (MoType_IS_GC(t) ? sizeof(MoGC_Head) : 0) +
           (MoType_HasFeature(t, MO_TPFLAGS_MANAGED_DICT) ? 2 * sizeof(MoObject *) : 0);
}

/* ---------------------------------------------------------- deallocation */

/* region dealloc */
/* The count reached zero: the type's destructor releases what the object owns
   and frees it. The bookkeeping around it keeps the live-object count (and in
   the debug build, the registry that catches use after free) true. */
void _Mo_Dealloc(MoObject *op)
{
    destructor dealloc = Mo_TYPE(op)->tp_dealloc;
    _Mo_DeallocBegin(op);
    dealloc(op);
    _Mo_DeallocEnd(op);
}
/* endregion dealloc */

/* ------------------------------------------------------------- identity */

uintptr_t MoObject_Id(MoObject *o)
{
    return (uintptr_t)o;
}

int MoObject_TypeCheck(MoObject *o, MoTypeObject *t)
{
    return Mo_IS_TYPE(o, t) || MoType_IsSubtype(Mo_TYPE(o), t);
}

/* ------------------------------------------------------------ repr, str */

MoObject *MoObject_Repr(MoObject *o)
{
    if (o == NULL)
        return MoUnicode_FromString("<NULL>");
    reprfunc repr = Mo_TYPE(o)->tp_repr;
    if (repr == NULL)
        return MoUnicode_FromFormat("<%s object at %p>", Mo_TYPE(o)->tp_name, (void *)o);
    if (Mo_EnterRecursiveCall(" while getting the repr of an object"))
        return NULL;
    MoObject *res = repr(o);
    Mo_LeaveRecursiveCall();
    if (res != NULL && !MoUnicode_Check(res)) {
        MoErr_Format(MoExc_TypeError, "__repr__ returned non-string (type %s)", Mo_TYPE(res)->tp_name);
        Mo_DECREF(res);
        return NULL;
    }
    return res;
}

MoObject *MoObject_Str(MoObject *o)
{
    if (o == NULL)
        return MoUnicode_FromString("<NULL>");
    if (MoUnicode_CheckExact(o))
        return Mo_NewRef(o);
    reprfunc str = Mo_TYPE(o)->tp_str;
    if (str == NULL)
        return MoObject_Repr(o);
    if (Mo_EnterRecursiveCall(" while getting the str of an object"))
        return NULL;
    MoObject *res = str(o);
    Mo_LeaveRecursiveCall();
    if (res != NULL && !MoUnicode_Check(res)) {
        MoErr_Format(MoExc_TypeError, "__str__ returned non-string (type %s)", Mo_TYPE(res)->tp_name);
        Mo_DECREF(res);
        return NULL;
    }
    return res;
}

int Mo_Print(MoObject *o)
{
    MoObject *s = MoObject_Str(o);
    if (s == NULL)
        return -1;
    /* Encode into a separate bytes object: caching the UTF-8 form inside a non-ASCII
       string would change its size, which print() never does in CPython. */
    MoObject *b = MoUnicode_AsUTF8String(s);
    Mo_DECREF(s);
    if (b == NULL)
        return -1;
    fwrite(MoBytes_AS_STRING(b), 1, (size_t)MoBytes_GET_SIZE(b), stdout);
    fputc('\n', stdout);
    Mo_DECREF(b);
    return 0;
}

/* ----------------------------------------------------------- comparison */

const char *const _Mo_OpStrings[6] = { "<", "<=", "==", "!=", ">", ">=" };
static const int swapped_op[6] = { MO_GT, MO_GE, MO_EQ, MO_NE, MO_LT, MO_LE };

/* region richcompare */
/* 3.11's do_richcompare: the right operand's reflected method goes first when its
   type is a subclass of the left's; then left, then right; == and != fall back
   to identity; ordering without an answer is a TypeError. */
static MoObject *do_richcompare(MoObject *v, MoObject *w, int op)
{
    richcmpfunc f;
    MoObject *res;
    int checked_reverse = 0;

    if (!Mo_IS_TYPE(v, Mo_TYPE(w)) && MoType_IsSubtype(Mo_TYPE(w), Mo_TYPE(v)) &&
        (f = Mo_TYPE(w)->tp_richcompare) != NULL) {
        checked_reverse = 1;
        res = f(w, v, swapped_op[op]);
        if (res != Mo_NotImplemented)
            return res;
        Mo_DECREF(res);
    }
    if ((f = Mo_TYPE(v)->tp_richcompare) != NULL) {
        res = f(v, w, op);
        if (res != Mo_NotImplemented)
            return res;
        Mo_DECREF(res);
    }
    if (!checked_reverse && (f = Mo_TYPE(w)->tp_richcompare) != NULL) {
        res = f(w, v, swapped_op[op]);
        if (res != Mo_NotImplemented)
            return res;
        Mo_DECREF(res);
    }
    switch (op) {
    case MO_EQ:
        return MoBool_FromLong(v == w);
    case MO_NE:
        return MoBool_FromLong(v != w);
    default:
        MoErr_Format(MoExc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                     _Mo_OpStrings[op], Mo_TYPE(v)->tp_name, Mo_TYPE(w)->tp_name);
        return NULL;
    }
}
/* endregion richcompare */

MoObject *MoObject_RichCompare(MoObject *v, MoObject *w, int op)
{
    if (v == NULL || w == NULL || op < MO_LT || op > MO_GE) {
        MoErr_BadInternalCall();
        return NULL;
    }
    if (Mo_EnterRecursiveCall(" in comparison"))
        return NULL;
    MoObject *res = do_richcompare(v, w, op);
    Mo_LeaveRecursiveCall();
    return res;
}

int MoObject_RichCompareBool(MoObject *v, MoObject *w, int op)
{
    /* Identity implies equality, as CPython assumes for containers. */
    if (v == w) {
        if (op == MO_EQ)
            return 1;
        if (op == MO_NE)
            return 0;
    }
    MoObject *res = MoObject_RichCompare(v, w, op);
    if (res == NULL)
        return -1;
    int ok = MoBool_Check(res) ? res == Mo_True : MoObject_IsTrue(res);
    Mo_DECREF(res);
    return ok;
}

MoObject *_MoObject_RichCompareIdentity(MoObject *a, MoObject *b, int op)
{
    if (op == MO_EQ)
        return MoBool_FromLong(a == b);
    if (op == MO_NE)
        return MoBool_FromLong(a != b);
    Mo_RETURN_NOTIMPLEMENTED;
}

/* -------------------------------------------------------------- hashing */

Mo_hash_t _Mo_HashPointer(const void *p)
{
    /* The low 4 bits of an address are usually zero (alignment): rotate them away,
       as CPython's _Py_HashPointerRaw does. */
    size_t y = (size_t)p;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    Mo_hash_t x = (Mo_hash_t)y;
    return x == -1 ? -2 : x;
}

Mo_hash_t _MoObject_HashByAddress(MoObject *o)
{
    return _Mo_HashPointer(o);
}

Mo_hash_t MoObject_HashNotImplemented(MoObject *o)
{
    MoErr_Format(MoExc_TypeError, "unhashable type: '%s'", Mo_TYPE(o)->tp_name);
    return -1;
}

Mo_hash_t MoObject_Hash(MoObject *o)
{
    hashfunc h = Mo_TYPE(o)->tp_hash;
    if (h == NULL)
        return MoObject_HashNotImplemented(o);
    return h(o);
}

/* ---------------------------------------------------------------- truth */

int MoObject_IsTrue(MoObject *o)
{
    if (o == Mo_True)
        return 1;
    if (o == Mo_False || o == Mo_None)
        return 0;
    MoTypeObject *t = Mo_TYPE(o);
    Mo_ssize_t res;
    if (t->tp_as_number && t->tp_as_number->nb_bool)
        res = t->tp_as_number->nb_bool(o);
    else if (t->tp_as_mapping && t->tp_as_mapping->mp_length)
        res = t->tp_as_mapping->mp_length(o);
    else if (t->tp_as_sequence && t->tp_as_sequence->sq_length)
        res = t->tp_as_sequence->sq_length(o);
    else
        return 1;
    return res > 0 ? 1 : (int)res;
}

/* ------------------------------------------------ None and NotImplemented */

static MoObject *none_repr(MoObject *o)
{
    (void)o;
    return MoUnicode_FromConstant("None");
}

/* None is an ordinary counted static: reaching zero means someone released a
   reference they did not own. */
static void none_dealloc(MoObject *o)
{
    (void)o;
    Mo_FatalError("deallocating None: bug likely caused by a refcount error in a C extension");
}

static int none_bool(MoObject *o)
{
    (void)o;
    return 0;
}

static MoNumberMethods none_as_number = { .nb_bool = none_bool };

MoTypeObject _MoNone_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = none_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_hash = _MoObject_HashByAddress,
};

MoObject _Mo_NoneStruct = MoObject_HEAD_INIT(&_MoNone_Type);

static MoObject *notimplemented_repr(MoObject *o)
{
    (void)o;
    return MoUnicode_FromConstant("NotImplemented");
}

static void notimplemented_dealloc(MoObject *o)
{
    (void)o;
    Mo_FatalError("deallocating NotImplemented: bug likely caused by a refcount error in a C extension");
}

MoTypeObject _MoNotImplemented_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = notimplemented_dealloc,
    .tp_repr = notimplemented_repr,
    .tp_hash = _MoObject_HashByAddress,
};

MoObject _Mo_NotImplementedStruct = MoObject_HEAD_INIT(&_MoNotImplemented_Type);
