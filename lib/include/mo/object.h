/* The object model: every value in the runtime starts with an MoObject header.
 *
 * Invariant: an object is alive while ob_refcnt > 0. The last Mo_DECREF calls
 * _Mo_Dealloc, which calls the type's tp_dealloc, which releases what the object
 * owns and gives its memory back through tp_free. Nothing else frees an object.
 *
 * Layouts follow CPython 3.11 on 64-bit Linux, field for field, so that
 * MoSys_GetSizeOf can report what sys.getsizeof reports by measuring the real
 * object. Names follow CPython's with Mo in place of Py.
 */
#ifndef MO_OBJECT_H
#define MO_OBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

typedef ssize_t Mo_ssize_t;
typedef Mo_ssize_t Mo_hash_t;
#define MO_SSIZE_T_MAX ((Mo_ssize_t)(((size_t)-1) >> 1))

/* ---------------------------------------------------------------- headers */

typedef struct _motypeobject MoTypeObject;

/* region object_header */
typedef struct _moobject {
    Mo_ssize_t ob_refcnt;        /* how many references point here */
    MoTypeObject *ob_type;       /* what kind of object this is */
} MoObject;

typedef struct {
    MoObject ob_base;
    Mo_ssize_t ob_size;          /* number of items (per type: length, digits...) */
} MoVarObject;
/* endregion object_header */

#define MoObject_HEAD MoObject ob_base;
#define MoObject_VAR_HEAD MoVarObject ob_base;

/* Static objects (types, singletons) start with a count of 1: the runtime's own.
   MoVarObject_HEAD_INIT ends with a comma, as CPython's PyVarObject_HEAD_INIT does,
   so that a type is written as extension authors write one:
       static MoTypeObject T = { MoVarObject_HEAD_INIT(NULL, 0) .tp_name = "m.T", };
   MoObject_HEAD_INIT has none (it initialises whole singletons: x = MoObject_HEAD_INIT(t);). */
#define MoObject_HEAD_INIT(type) { 1, (type) }
#define MoVarObject_HEAD_INIT(type, size) { MoObject_HEAD_INIT(type), (size) },

/* The count that 3.11 gives its statically allocated objects (small ints, the empty
   string, tuple and bytes, the latin-1 one-character strings). Their counts still
   move: 3.11 has no immortal objects, the number is just too big to reach zero. */
#define _MO_STATIC_REFCNT 999999999

#define _MoObject_CAST(op) ((MoObject *)(op))
#define _MoVarObject_CAST(op) ((MoVarObject *)(op))

static inline Mo_ssize_t _Mo_REFCNT(const MoObject *ob) { return ob->ob_refcnt; }
static inline MoTypeObject *_Mo_TYPE(const MoObject *ob) { return ob->ob_type; }
static inline Mo_ssize_t _Mo_SIZE(const MoVarObject *ob) { return ob->ob_size; }
static inline void _Mo_SET_SIZE(MoVarObject *ob, Mo_ssize_t size) { ob->ob_size = size; }
static inline void _Mo_SET_TYPE(MoObject *ob, MoTypeObject *type) { ob->ob_type = type; }
#define Mo_REFCNT(ob) _Mo_REFCNT(_MoObject_CAST(ob))
#define Mo_TYPE(ob) _Mo_TYPE(_MoObject_CAST(ob))
#define Mo_SIZE(ob) _Mo_SIZE(_MoVarObject_CAST(ob))
#define Mo_SET_SIZE(ob, size) _Mo_SET_SIZE(_MoVarObject_CAST(ob), (size))
#define Mo_SET_TYPE(ob, type) _Mo_SET_TYPE(_MoObject_CAST(ob), (type))
#define Mo_Is(a, b) ((const void *)(a) == (const void *)(b))
static inline int _Mo_IS_TYPE(const MoObject *ob, const MoTypeObject *type) { return ob->ob_type == type; }
#define Mo_IS_TYPE(ob, type) _Mo_IS_TYPE(_MoObject_CAST(ob), (type))

/* ------------------------------------------------------------ slot types */

typedef void (*destructor)(MoObject *);
typedef MoObject *(*reprfunc)(MoObject *);
typedef Mo_hash_t (*hashfunc)(MoObject *);
typedef MoObject *(*richcmpfunc)(MoObject *, MoObject *, int);
typedef MoObject *(*getiterfunc)(MoObject *);
typedef MoObject *(*iternextfunc)(MoObject *);
typedef int (*visitproc)(MoObject *, void *);
typedef int (*traverseproc)(MoObject *, visitproc, void *);
typedef int (*inquiry)(MoObject *);
typedef MoObject *(*unaryfunc)(MoObject *);
typedef MoObject *(*binaryfunc)(MoObject *, MoObject *);
typedef MoObject *(*ternaryfunc)(MoObject *, MoObject *, MoObject *);
typedef Mo_ssize_t (*lenfunc)(MoObject *);
typedef MoObject *(*ssizeargfunc)(MoObject *, Mo_ssize_t);
typedef int (*ssizeobjargproc)(MoObject *, Mo_ssize_t, MoObject *);
typedef int (*objobjproc)(MoObject *, MoObject *);
typedef int (*objobjargproc)(MoObject *, MoObject *, MoObject *);
typedef MoObject *(*getattrfunc)(MoObject *, char *);
typedef int (*setattrfunc)(MoObject *, char *, MoObject *);
typedef MoObject *(*getattrofunc)(MoObject *, MoObject *);
typedef int (*setattrofunc)(MoObject *, MoObject *, MoObject *);
typedef MoObject *(*descrgetfunc)(MoObject *, MoObject *, MoObject *);
typedef int (*descrsetfunc)(MoObject *, MoObject *, MoObject *);
typedef int (*initproc)(MoObject *, MoObject *, MoObject *);
typedef MoObject *(*newfunc)(MoTypeObject *, MoObject *, MoObject *);
typedef MoObject *(*allocfunc)(MoTypeObject *, Mo_ssize_t);
typedef void (*freefunc)(void *);
typedef Mo_ssize_t (*sizeoffunc)(MoObject *);

typedef struct {
    binaryfunc nb_add;
    binaryfunc nb_subtract;
    binaryfunc nb_multiply;
    binaryfunc nb_remainder;
    binaryfunc nb_divmod;
    ternaryfunc nb_power;
    unaryfunc nb_negative;
    unaryfunc nb_positive;
    unaryfunc nb_absolute;
    inquiry nb_bool;
    unaryfunc nb_invert;
    binaryfunc nb_lshift;
    binaryfunc nb_rshift;
    binaryfunc nb_and;
    binaryfunc nb_xor;
    binaryfunc nb_or;
    unaryfunc nb_int;
    void *nb_reserved;
    unaryfunc nb_float;
    binaryfunc nb_inplace_add;
    binaryfunc nb_inplace_subtract;
    binaryfunc nb_inplace_multiply;
    binaryfunc nb_inplace_remainder;
    ternaryfunc nb_inplace_power;
    binaryfunc nb_inplace_lshift;
    binaryfunc nb_inplace_rshift;
    binaryfunc nb_inplace_and;
    binaryfunc nb_inplace_xor;
    binaryfunc nb_inplace_or;
    binaryfunc nb_floor_divide;
    binaryfunc nb_true_divide;
    binaryfunc nb_inplace_floor_divide;
    binaryfunc nb_inplace_true_divide;
    unaryfunc nb_index;
} MoNumberMethods;

typedef struct {
    lenfunc sq_length;
    binaryfunc sq_concat;
    ssizeargfunc sq_repeat;
    ssizeargfunc sq_item;
    void *was_sq_slice;
    ssizeobjargproc sq_ass_item;
    void *was_sq_ass_slice;
    objobjproc sq_contains;
    binaryfunc sq_inplace_concat;
    ssizeargfunc sq_inplace_repeat;
} MoSequenceMethods;

typedef struct {
    lenfunc mp_length;
    binaryfunc mp_subscript;
    objobjargproc mp_ass_subscript;
} MoMappingMethods;

/* Methods of a type, as CPython's PyMethodDef. Our calling convention is one:
   fn(self, args) with args a tuple (MO_METH_VARARGS); MO_METH_NOARGS and MO_METH_O
   are checked for the argument count and then unpacked for the function. */
typedef MoObject *(*MoCFunc)(MoObject *self, MoObject *args);
typedef struct MoMethodDef {
    const char *ml_name;
    MoCFunc ml_meth;
    int ml_flags;
    const char *ml_doc;
} MoMethodDef;
#define MO_METH_VARARGS 0x0001
#define MO_METH_NOARGS 0x0004
#define MO_METH_O 0x0008
/* The other conventions, with CPython's values (modsupport.h has the unprefixed
   METH_* names and the function types): METH_VARARGS | METH_KEYWORDS calls
   fn(self, args, kwargs); METH_FASTCALL calls fn(self, array, nargs), with
   METH_KEYWORDS fn(self, array, nargs, kwnames). */
#define MO_METH_KEYWORDS 0x0002
#define MO_METH_CLASS 0x0010
#define MO_METH_STATIC 0x0020
#define MO_METH_COEXIST 0x0040
#define MO_METH_FASTCALL 0x0080

/* A field of an instance, as CPython's PyMemberDef. */
typedef struct MoMemberDef {
    const char *name;
    int type;
    Mo_ssize_t offset;
    int flags;
    const char *doc;
} MoMemberDef;
/* The C type of a member's field (MoMemberDef.type), CPython's T_* with CPython's
   values; structmember.c says how each converts. */
#define MO_T_SHORT 0
#define MO_T_INT 1
#define MO_T_LONG 2
#define MO_T_FLOAT 3
#define MO_T_DOUBLE 4
#define MO_T_STRING 5            /* char *, read-only; NULL reads as None */
#define MO_T_OBJECT 6            /* MoObject *; NULL reads as None */
#define MO_T_CHAR 7              /* one char, read and written as a 1-character str */
#define MO_T_BYTE 8              /* char, as a number */
#define MO_T_UBYTE 9
#define MO_T_USHORT 10
#define MO_T_UINT 11
#define MO_T_ULONG 12
#define MO_T_STRING_INPLACE 13   /* a char array in the object, read-only */
#define MO_T_BOOL 14             /* char, read and written as False/True */
#define MO_T_OBJECT_EX 16        /* MoObject *; NULL raises AttributeError */
#define MO_T_LONGLONG 17
#define MO_T_ULONGLONG 18
#define MO_T_PYSSIZET 19
#define MO_T_NONE 20             /* no field: reads None */
/* MoMemberDef.flags */
#define MO_READONLY 1
/* new: the value of member m of the object at obj_addr, as CPython's
   PyMember_GetOne; NULL with an exception (AttributeError for an empty
   T_OBJECT_EX field). */
MoObject *MoMember_GetOne(const char *obj_addr, MoMemberDef *m);
/* Store v in member m of the object at obj_addr (v NULL: delete), as CPython's
   PyMember_SetOne: 0, or -1 with CPython's exception. An object field takes a
   reference of its own to v; v is not stolen. */
int MoMember_SetOne(char *obj_addr, MoMemberDef *m, MoObject *v);

typedef MoObject *(*getter)(MoObject *, void *);
typedef int (*setter)(MoObject *, MoObject *, void *);
typedef struct MoGetSetDef {
    const char *name;
    getter get;
    setter set;
    const char *doc;
    void *closure;
} MoGetSetDef;

/* ------------------------------------------------------------- type object */

/* region type_object */
struct _motypeobject {
    MoObject_VAR_HEAD
    const char *tp_name;                 /* "list", or "module.Name" */
    Mo_ssize_t tp_basicsize, tp_itemsize; /* instance = basicsize + n * itemsize */

    destructor tp_dealloc;               /* called when the count reaches zero */
    Mo_ssize_t tp_vectorcall_offset;
    getattrfunc tp_getattr;
    setattrfunc tp_setattr;
    void *tp_as_async;
    reprfunc tp_repr;

    MoNumberMethods *tp_as_number;
    MoSequenceMethods *tp_as_sequence;
    MoMappingMethods *tp_as_mapping;

    hashfunc tp_hash;
    ternaryfunc tp_call;
    reprfunc tp_str;
    getattrofunc tp_getattro;
    setattrofunc tp_setattro;
    void *tp_as_buffer;
    unsigned long tp_flags;
    const char *tp_doc;

    traverseproc tp_traverse;            /* visit every strong reference held */
    inquiry tp_clear;                    /* drop the references that can form cycles */
    richcmpfunc tp_richcompare;
    Mo_ssize_t tp_weaklistoffset;        /* where the weak-reference list lives; 0: none */

    getiterfunc tp_iter;
    iternextfunc tp_iternext;

    MoMethodDef *tp_methods;
    MoMemberDef *tp_members;
    MoGetSetDef *tp_getset;
    MoTypeObject *tp_base;
    MoObject *tp_dict;
    descrgetfunc tp_descr_get;
    descrsetfunc tp_descr_set;
    Mo_ssize_t tp_dictoffset;
    initproc tp_init;
    allocfunc tp_alloc;
    newfunc tp_new;
    freefunc tp_free;                    /* gives the memory back */
    inquiry tp_is_gc;
    MoObject *tp_bases;
    MoObject *tp_mro;
    MoObject *tp_cache;
    MoObject *tp_subclasses;
    MoObject *tp_weaklist;
    destructor tp_del;                   /* legacy finalizer: makes cycles uncollectable */
    unsigned int tp_version_tag;
    destructor tp_finalize;              /* PEP 442 finalizer (__del__) */
    void *tp_vectorcall;

    /* Our one addition, after CPython's fields: what __sizeof__ reports (without
       the GC pre-header, which MoSys_GetSizeOf adds from the flags, as 3.11 does).
       NULL means tp_basicsize + |ob_size| * tp_itemsize. */
    sizeoffunc tp_sizeof;
};
/* endregion type_object */

/* tp_flags, with CPython 3.11's values. */
#define MO_TPFLAGS_MANAGED_DICT (1UL << 4)
#define MO_TPFLAGS_SEQUENCE (1UL << 5)
#define MO_TPFLAGS_MAPPING (1UL << 6)
#define MO_TPFLAGS_DISALLOW_INSTANTIATION (1UL << 7)
#define MO_TPFLAGS_IMMUTABLETYPE (1UL << 8)
#define MO_TPFLAGS_HEAPTYPE (1UL << 9)
#define MO_TPFLAGS_BASETYPE (1UL << 10)
#define MO_TPFLAGS_READY (1UL << 12)
#define MO_TPFLAGS_READYING (1UL << 13)
#define MO_TPFLAGS_HAVE_GC (1UL << 14)
#define MO_TPFLAGS_LONG_SUBCLASS (1UL << 24)
#define MO_TPFLAGS_LIST_SUBCLASS (1UL << 25)
#define MO_TPFLAGS_TUPLE_SUBCLASS (1UL << 26)
#define MO_TPFLAGS_BYTES_SUBCLASS (1UL << 27)
#define MO_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define MO_TPFLAGS_DICT_SUBCLASS (1UL << 29)
#define MO_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define MO_TPFLAGS_TYPE_SUBCLASS (1UL << 31)
#define MO_TPFLAGS_DEFAULT 0UL
/* The same flags under the names a renamed CPython source uses (Py_TPFLAGS_X ->
   Mo_TPFLAGS_X). */
#define Mo_TPFLAGS_MANAGED_DICT MO_TPFLAGS_MANAGED_DICT
#define Mo_TPFLAGS_SEQUENCE MO_TPFLAGS_SEQUENCE
#define Mo_TPFLAGS_MAPPING MO_TPFLAGS_MAPPING
#define Mo_TPFLAGS_DISALLOW_INSTANTIATION MO_TPFLAGS_DISALLOW_INSTANTIATION
#define Mo_TPFLAGS_IMMUTABLETYPE MO_TPFLAGS_IMMUTABLETYPE
#define Mo_TPFLAGS_HEAPTYPE MO_TPFLAGS_HEAPTYPE
#define Mo_TPFLAGS_BASETYPE MO_TPFLAGS_BASETYPE
#define Mo_TPFLAGS_READY MO_TPFLAGS_READY
#define Mo_TPFLAGS_HAVE_GC MO_TPFLAGS_HAVE_GC
#define Mo_TPFLAGS_DEFAULT MO_TPFLAGS_DEFAULT

static inline int MoType_HasFeature(const MoTypeObject *t, unsigned long f) { return (t->tp_flags & f) != 0; }
#define MoType_FastSubclass(t, f) MoType_HasFeature((t), (f))
#define MoType_IS_GC(t) MoType_HasFeature((t), MO_TPFLAGS_HAVE_GC)
#define MoObject_IS_GC(o) MoType_IS_GC(Mo_TYPE(o))

extern MoTypeObject MoType_Type;       /* type */
extern MoTypeObject MoBaseObject_Type; /* object */
extern MoTypeObject _MoNone_Type;
extern MoTypeObject _MoNotImplemented_Type;
#define MoType_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_TYPE_SUBCLASS)

/* Ready a statically defined type: inherit slots from tp_base (object by default),
   fill tp_dict with its methods, members and getsets. 0 on success, -1 with an
   exception set. Idempotent. */
int MoType_Ready(MoTypeObject *t);
/* 1 if a is b or a subclass of b (walks tp_base). Cannot fail. */
int MoType_IsSubtype(MoTypeObject *a, MoTypeObject *b);
/* Borrowed: the attribute named by name found on t or its bases, or NULL (no error). */
MoObject *_MoType_Lookup(MoTypeObject *t, MoObject *name);
/* Bytes placed before the object by the allocator: 16 for a GC header when the type
   has MO_TPFLAGS_HAVE_GC, 16 more for MO_TPFLAGS_MANAGED_DICT. */
size_t _MoType_PreHeaderSize(MoTypeObject *t);

/* ------------------------------------------------------- reference counts */

#ifdef MO_DEBUG
extern Mo_ssize_t _Mo_RefTotal;
/* Stop the program: the object's count went below zero, or it was already freed. */
_Noreturn void _Mo_RefcountFatal(const char *file, int line, MoObject *op, const char *what);
/* The count a freed object's header carries in the debug build (0xDD... as
   CPython's debug allocator fills dead memory): a DECREF on it is a use after free. */
#define _MO_FREED_REFCNT ((Mo_ssize_t)0xDDDDDDDDDDDDDDDDULL)
#endif

void _Mo_Dealloc(MoObject *op);

/* region incref_decref */
static inline void _Mo_INCREF(const char *file, int line, MoObject *op)
{
#ifdef MO_DEBUG
    if (op->ob_refcnt <= 0)
        _Mo_RefcountFatal(file, line, op, op->ob_refcnt == _MO_FREED_REFCNT
                                              ? "Mo_INCREF on a freed object"
                                              : "Mo_INCREF on an object whose count is not positive");
    _Mo_RefTotal++;
#else
    (void)file; (void)line;
#endif
    op->ob_refcnt++;
}

static inline void _Mo_DECREF(const char *file, int line, MoObject *op)
{
#ifdef MO_DEBUG
    if (op->ob_refcnt == _MO_FREED_REFCNT)
        _Mo_RefcountFatal(file, line, op, "Mo_DECREF on a freed object");
    _Mo_RefTotal--;
    if (--op->ob_refcnt < 0)
        _Mo_RefcountFatal(file, line, op, "object has a negative reference count");
    if (op->ob_refcnt == 0)
        _Mo_Dealloc(op);
#else
    (void)file; (void)line;
    if (--op->ob_refcnt == 0)
        _Mo_Dealloc(op);
#endif
}
/* endregion incref_decref */

static inline void _Mo_XINCREF(const char *file, int line, MoObject *op)
{
    if (op != NULL)
        _Mo_INCREF(file, line, op);
}
static inline void _Mo_XDECREF(const char *file, int line, MoObject *op)
{
    if (op != NULL)
        _Mo_DECREF(file, line, op);
}
static inline MoObject *_Mo_NewRef(const char *file, int line, MoObject *op)
{
    _Mo_INCREF(file, line, op);
    return op;
}
static inline MoObject *_Mo_XNewRef(const char *file, int line, MoObject *op)
{
    _Mo_XINCREF(file, line, op);
    return op;
}

/* Thin wrappers: they cast, and pass the caller's file and line so that the debug
   build can name the line of a bad DECREF. */
#define Mo_INCREF(op) _Mo_INCREF(__FILE__, __LINE__, _MoObject_CAST(op))
#define Mo_DECREF(op) _Mo_DECREF(__FILE__, __LINE__, _MoObject_CAST(op))
#define Mo_XINCREF(op) _Mo_XINCREF(__FILE__, __LINE__, _MoObject_CAST(op))
#define Mo_XDECREF(op) _Mo_XDECREF(__FILE__, __LINE__, _MoObject_CAST(op))
/* new */
#define Mo_NewRef(op) _Mo_NewRef(__FILE__, __LINE__, _MoObject_CAST(op))
#define Mo_XNewRef(op) _Mo_XNewRef(__FILE__, __LINE__, _MoObject_CAST(op))

/* region mo_clear */
/* Mo_CLEAR sets the field to NULL *before* the DECREF: the DECREF may run a
   destructor that reaches this same field again, and it must find NULL there,
   not a pointer to an object that is being freed. */
#define Mo_CLEAR(op)                                   \
    do {                                               \
        MoObject **_mo_tmp_ptr = (MoObject **)&(op);   \
        MoObject *_mo_tmp_old = *_mo_tmp_ptr;          \
        if (_mo_tmp_old != NULL) {                     \
            *_mo_tmp_ptr = NULL;                       \
            Mo_DECREF(_mo_tmp_old);                    \
        }                                              \
    } while (0)
/* endregion mo_clear */

/* Assign first, release the old value after (safe if the DECREF runs code). */
#define Mo_SETREF(dst, src)                            \
    do {                                               \
        MoObject **_mo_tmp_ptr = (MoObject **)&(dst);  \
        MoObject *_mo_tmp_old = *_mo_tmp_ptr;          \
        *_mo_tmp_ptr = _MoObject_CAST(src);            \
        Mo_DECREF(_mo_tmp_old);                        \
    } while (0)
#define Mo_XSETREF(dst, src)                           \
    do {                                               \
        MoObject **_mo_tmp_ptr = (MoObject **)&(dst);  \
        MoObject *_mo_tmp_old = *_mo_tmp_ptr;          \
        *_mo_tmp_ptr = _MoObject_CAST(src);            \
        Mo_XDECREF(_mo_tmp_old);                       \
    } while (0)

/* ------------------------------------------------------------- singletons */

extern MoObject _Mo_NoneStruct;           /* None: an ordinary counted static */
extern MoObject _Mo_NotImplementedStruct; /* NotImplemented */
#define Mo_None (&_Mo_NoneStruct)
#define Mo_NotImplemented (&_Mo_NotImplementedStruct)
#define Mo_RETURN_NONE return Mo_NewRef(Mo_None)
#define Mo_RETURN_NOTIMPLEMENTED return Mo_NewRef(Mo_NotImplemented)
#define Mo_IsNone(x) Mo_Is((x), Mo_None)

/* ------------------------------------------------------- generic protocol */

#define MO_LT 0
#define MO_LE 1
#define MO_EQ 2
#define MO_NE 3
#define MO_GT 4
#define MO_GE 5
/* CPython's names for them (Py_LT -> Mo_LT). */
#define Mo_LT MO_LT
#define Mo_LE MO_LE
#define Mo_EQ MO_EQ
#define Mo_NE MO_NE
#define Mo_GT MO_GT
#define Mo_GE MO_GE

/* The address, as id(). Cannot fail. */
uintptr_t MoObject_Id(MoObject *o);
/* new: repr(o), as Python prints it ([...] / {...} for self-reference; RecursionError
   when nested too deep). NULL with an exception on failure. */
MoObject *MoObject_Repr(MoObject *o);
/* new: str(o). */
MoObject *MoObject_Str(MoObject *o);
/* like print(o): str(o) and a newline on stdout. 0, or -1 with an exception. */
int Mo_Print(MoObject *o);
/* new: the comparison's result object (often a bool), or NULL with an exception. */
MoObject *MoObject_RichCompare(MoObject *a, MoObject *b, int op);
/* 1 true, 0 false, -1 error. For MO_EQ/MO_NE, identity implies equality, as in CPython. */
int MoObject_RichCompareBool(MoObject *a, MoObject *b, int op);
/* hash(o); -1 with TypeError "unhashable type: 'list'" for unhashable objects. */
Mo_hash_t MoObject_Hash(MoObject *o);
/* The TypeError for an unhashable type; use as tp_hash. Always -1. */
Mo_hash_t MoObject_HashNotImplemented(MoObject *o);
/* 1 true, 0 false, -1 error: bool(o). */
int MoObject_IsTrue(MoObject *o);
/* new */
MoObject *MoObject_GetAttr(MoObject *o, MoObject *name);
MoObject *MoObject_GetAttrString(MoObject *o, const char *name);
int MoObject_SetAttr(MoObject *o, MoObject *name, MoObject *v);  /* v NULL deletes */
int MoObject_SetAttrString(MoObject *o, const char *name, MoObject *v);
int MoObject_DelAttrString(MoObject *o, const char *name);
/* 1 if o has the attribute, 0 if not (never an error). */
int MoObject_HasAttrString(MoObject *o, const char *name);
/* new: the generic attribute lookup (type's descriptors, then instance dict, then
   non-data descriptors and class attributes). The default tp_getattro. */
MoObject *MoObject_GenericGetAttr(MoObject *o, MoObject *name);
int MoObject_GenericSetAttr(MoObject *o, MoObject *name, MoObject *v);
/* new: o[key] */
MoObject *MoObject_GetItem(MoObject *o, MoObject *key);
int MoObject_SetItem(MoObject *o, MoObject *key, MoObject *v);
int MoObject_DelItem(MoObject *o, MoObject *key);
/* len(o), or -1 with TypeError "object of type 'int' has no len()". */
Mo_ssize_t MoObject_Length(MoObject *o);
#define MoObject_Size MoObject_Length
/* new: iter(o) */
MoObject *MoObject_GetIter(MoObject *o);
/* new: the next item, or NULL at the end (no exception) or on error (exception set). */
MoObject *MoIter_Next(MoObject *it);
/* The default tp_iter of iterators: returns a new reference to self. */
MoObject *MoObject_SelfIter(MoObject *o);
/* new: callable(*args, **kwargs); args a tuple (NULL for none), kwargs a dict or NULL. */
MoObject *MoObject_Call(MoObject *callable, MoObject *args, MoObject *kwargs);
MoObject *MoObject_CallNoArgs(MoObject *callable);
MoObject *MoObject_CallOneArg(MoObject *callable, MoObject *arg);
/* new: callable(*args) with args built from format (see Mo_BuildValue). */
MoObject *MoObject_CallFunction(MoObject *callable, const char *format, ...);
/* new: callable(a, b, ...) for the objects that follow it, up to a NULL. */
MoObject *MoObject_CallFunctionObjArgs(MoObject *callable, ...);
/* new: o.name(*args), args built from format ("O" object, "i" int, "l" long,
   "n" Mo_ssize_t, "s" C string, "d" double; NULL or "" for no arguments). */
MoObject *MoObject_CallMethod(MoObject *o, const char *name, const char *format, ...);
/* 1 if callable(o). */
int MoCallable_Check(MoObject *o);
/* 1 if isinstance(o, t) for a type t (no __instancecheck__). */
int MoObject_TypeCheck(MoObject *o, MoTypeObject *t);
/* isinstance(inst, cls) / issubclass(derived, cls) through the MRO, cls a class
   or a tuple of classes: 1, 0, or -1 with 3.11's TypeError ("issubclass() arg 1
   must be a class"). No __instancecheck__/__subclasscheck__. */
int MoObject_IsInstance(MoObject *inst, MoObject *cls);
int MoObject_IsSubclass(MoObject *derived, MoObject *cls);

/* -------------------------------------------------------- allocating objects */

/* Allocate and initialise the header (count 1, type set); new reference.
   GC variants place a GC header before the object and leave it untracked:
   call MoObject_GC_Track once the object's fields are valid. */
MoObject *_MoObject_New(MoTypeObject *t);
MoVarObject *_MoObject_NewVar(MoTypeObject *t, Mo_ssize_t n);
MoObject *_MoObject_GC_New(MoTypeObject *t);
MoVarObject *_MoObject_GC_NewVar(MoTypeObject *t, Mo_ssize_t n);
/* Resize a GC var object not yet tracked; returns the new address or NULL (MemoryError). */
MoVarObject *_MoObject_GC_Resize(MoVarObject *op, Mo_ssize_t n);
/* Initialise the header of memory already allocated: count 1, type, live-object bookkeeping. */
MoObject *MoObject_Init(MoObject *op, MoTypeObject *t);
MoVarObject *MoObject_InitVar(MoVarObject *op, MoTypeObject *t, Mo_ssize_t n);
/* new: the default tp_alloc: zeroed memory for basicsize + n*itemsize (one item
   more for var types, as CPython), count 1; a GC object is tracked, as CPython's.
   NULL with MemoryError. */
MoObject *MoType_GenericAlloc(MoTypeObject *t, Mo_ssize_t n);
/* new: the same, never tracked (for code that tracks once its fields are set). */
MoObject *_MoType_AllocNoTrack(MoTypeObject *t, Mo_ssize_t n);
/* new: the tp_new of extension types that need none of their own: t->tp_alloc(t, 0),
   arguments ignored (tp_init takes them), as CPython's PyType_GenericNew. */
MoObject *MoType_GenericNew(MoTypeObject *t, MoObject *args, MoObject *kwargs);
/* Size of a var object of n items, rounded up to a pointer's size. */
static inline size_t _MoObject_VAR_SIZE(MoTypeObject *t, Mo_ssize_t n)
{
    size_t s = (size_t)t->tp_basicsize + (size_t)n * (size_t)t->tp_itemsize;
    return (s + (sizeof(void *) - 1)) & ~(sizeof(void *) - 1);
}

#define MoObject_New(type, typeobj) ((type *)_MoObject_New(typeobj))
#define MoObject_NewVar(type, typeobj, n) ((type *)_MoObject_NewVar((typeobj), (n)))
#define MoObject_GC_New(type, typeobj) ((type *)_MoObject_GC_New(typeobj))
#define MoObject_GC_NewVar(type, typeobj, n) ((type *)_MoObject_GC_NewVar((typeobj), (n)))
#define MoObject_GC_Resize(type, op, n) ((type *)_MoObject_GC_Resize(_MoVarObject_CAST(op), (n)))

/* ----------------------------------------------------------- deep structures */

/* The trashcan: tp_dealloc of a container brackets its body with these, so that
   freeing a million-deep nest runs in bounded C stack. Past a nesting depth of 50
   the object is parked (linked through its GC header) and freed later, when the
   outermost dealloc finishes. Only for GC types. Never return from inside. */
int _Mo_Trashcan_Begin(MoObject *op, destructor dealloc);
void _Mo_Trashcan_End(void);
#define MO_TRASHCAN_BEGIN(op, dealloc)                                        \
    do {                                                                      \
        if (!_Mo_Trashcan_Begin(_MoObject_CAST(op), (destructor)(dealloc))) {
#define MO_TRASHCAN_END                                                       \
            _Mo_Trashcan_End();                                               \
        }                                                                     \
    } while (0);

/* Recursion guard for C code that recurses on user data (repr, comparison).
   0 to go on; -1 with RecursionError "maximum recursion depth exceeded<where>". */
int Mo_EnterRecursiveCall(const char *where);
void Mo_LeaveRecursiveCall(void);
/* repr's self-reference guard: 0 first visit, 1 already being printed, -1 error. */
int Mo_ReprEnter(MoObject *o);
void Mo_ReprLeave(MoObject *o);

#endif /* MO_OBJECT_H */
