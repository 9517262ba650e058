/* bool: a subtype of int with exactly two instances, False (0) and True (1).
 *
 * True and False are static MoLongObjects of type bool: False has no digits
 * (ob_size 0), True one digit 1. Being ints, they take every int operation
 * (True + True == 2) and are 28 bytes each. Unlike the small ints they are
 * ordinary counted statics, as in 3.11: their counts start at 1 (the runtime's
 * own reference) and must never reach 0, which would mean some code released a
 * reference it did not own.
 */
#include "internal.h"

MoLongObject _Mo_FalseStruct = {MoVarObject_HEAD_INIT(&MoBool_Type, 0), {0}};
MoLongObject _Mo_TrueStruct = {MoVarObject_HEAD_INIT(&MoBool_Type, 1), {1}};

MoObject *MoBool_FromLong(long v)
{
    return Mo_NewRef(v ? Mo_True : Mo_False);
}

static MoObject *bool_repr(MoObject *self)
{
    return MoUnicode_FromString(self == Mo_True ? "True" : "False");
}

static void bool_dealloc(MoObject *self)
{
    (void)self;
    Mo_FatalError("deallocating True/False: bug likely caused by a refcount error in a C extension");
}

/* Like int's: 24 + 4 * max(digits, 1), so False is 28 bytes as True is. */
static Mo_ssize_t bool_sizeof(MoObject *self)
{
    (void)self;
    return (Mo_ssize_t)offsetof(MoLongObject, ob_digit) + (Mo_ssize_t)sizeof(digit);
}

/* bool() and bool(x): one of the two bools (never int's __new__, which makes new
   objects). */
static MoObject *bool_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    (void)type;
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    if ((kwargs != NULL && MoDict_Size(kwargs) > 0) || nargs > 1) {
        MoErr_Format(MoExc_TypeError, "bool expected at most 1 argument, got %zd", nargs);
        return NULL;
    }
    int truth = nargs == 0 ? 0 : MoObject_IsTrue(MoTuple_GET_ITEM(args, 0));
    return truth < 0 ? NULL : MoBool_FromLong(truth);
}

/* bool is final (no MO_TPFLAGS_BASETYPE): there are only ever two bools.
   Number methods, hash and comparison are int's, set by _MoBool_Init. */
MoTypeObject MoBool_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0),
    .tp_name = "bool",
    .tp_basicsize = offsetof(MoLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_str = bool_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "bool(x) -> bool",
    .tp_base = &MoLong_Type,
    .tp_sizeof = bool_sizeof,
    .tp_new = bool_new,
};

int _MoBool_Init(void)
{
    MoBool_Type.tp_as_number = MoLong_Type.tp_as_number;
    MoBool_Type.tp_hash = MoLong_Type.tp_hash;
    MoBool_Type.tp_richcompare = MoLong_Type.tp_richcompare;
    if (MoType_Ready(&MoBool_Type) < 0)
        return -1;
    _Mo_FalseStruct.ob_base.ob_base.ob_refcnt = 1;
    _Mo_TrueStruct.ob_base.ob_base.ob_refcnt = 1;
    return 0;
}
