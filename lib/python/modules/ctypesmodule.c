/* A minimal ctypes: the simple C data types over real memory, which is what the
 * book's twins use ctypes for, reading an object's header at the address id()
 * gives:
 *
 *     ctypes.c_ssize_t.from_address(id(x)).value      the reference count
 *     ctypes.cast(id(x), ctypes.py_object).value       the object at an address
 *     ctypes.sizeof(ctypes.c_long), ctypes.string_at(addr, n), ctypes.addressof(v)
 *
 * An instance is a view of sizeof(type) bytes at b_ptr: its own b_value when made
 * by calling the type (c_long(5)), or someone else's memory when made by
 * from_address (nothing is copied: .value reads the memory when asked, as in
 * CPython). b_keep holds what the instance must keep alive (py_object's object).
 *
 * The aliases are the x86-64 Linux ones of CPython's ctypes/__init__.py:
 * c_ssize_t, c_int64 and c_longlong are c_long; c_size_t, c_uint64 and
 * c_ulonglong are c_ulong; c_int32 is c_int, and so on.
 */
#include "modules.h"

typedef struct {
    MoObject_HEAD
    char *b_ptr;                 /* where the value lives */
    MoObject *b_keep;            /* owned: what the value needs alive (py_object's object), or NULL */
    union {
        long long q;
        double d;
        void *p;
        char bytes[8];
    } b_value;                   /* the storage of an instance made by calling the type */
} CDataObject;

/* A simple type: the type object and the struct module code of its C type. */
typedef struct {
    MoTypeObject type;
    char code;                   /* ? b B h H i I l L f d P O */
    Mo_ssize_t size;
} SimpleType;

#define SIMPLE(t) ((SimpleType *)(t))

/* ------------------------------------------------------------ the value */

/* new: the value of the C object at p, of struct code `code`. */
static MoObject *read_value(char code, const char *p)
{
    switch (code) {
    case '?': return MoBool_FromLong(*(const _Bool *)p);
    case 'b': return MoLong_FromLong(*(const signed char *)p);
    case 'B': return MoLong_FromLong(*(const unsigned char *)p);
    case 'h': return MoLong_FromLong(*(const short *)p);
    case 'H': return MoLong_FromLong(*(const unsigned short *)p);
    case 'i': return MoLong_FromLong(*(const int *)p);
    case 'I': return MoLong_FromUnsignedLongLong(*(const unsigned int *)p);
    case 'l': return MoLong_FromLong(*(const long *)p);
    case 'L': return MoLong_FromUnsignedLongLong(*(const unsigned long *)p);
    case 'f': return MoFloat_FromDouble(*(const float *)p);
    case 'd': return MoFloat_FromDouble(*(const double *)p);
    case 'P': {
        void *v = *(void *const *)p;
        return v == NULL ? Mo_NewRef(Mo_None) : MoLong_FromUnsignedLongLong((uintptr_t)v);
    }
    default: {                   /* 'O': a borrowed pointer to an object */
        MoObject *o = *(MoObject *const *)p;
        if (o == NULL) {
            MoErr_SetString(MoExc_ValueError, "PyObject is NULL");
            return NULL;
        }
        return Mo_NewRef(o);
    }
    }
}

/* The bits of an int, as ctypes stores them: truncated to the C type's width,
   without an overflow check (c_uint(2**32 + 1) is c_uint(1)). 0, or -1 with
   TypeError for a non-int. */
static int int_bits(MoObject *v, unsigned long long *out)
{
    if (!MoLong_Check(v) && !MoIndex_Check(v)) {
        MoErr_Format(MoExc_TypeError, "'%s' object cannot be interpreted as an integer", Mo_TYPE(v)->tp_name);
        return -1;
    }
    /* low = v mod 2**64 (the runtime's int has no &, so by %), then its halves. */
    MoObject *max = MoLong_FromUnsignedLongLong(~0ULL), *one = MoLong_FromLong(1);
    MoObject *modulus = max && one ? MoNumber_Add(max, one) : NULL;
    MoObject *low = modulus ? MoNumber_Remainder(v, modulus) : NULL;
    Mo_XDECREF(max);
    Mo_XDECREF(one);
    Mo_XDECREF(modulus);
    if (low == NULL)
        return -1;
    MoObject *shift = MoLong_FromLong(32), *hi = shift ? MoNumber_Rshift(low, shift) : NULL;
    MoObject *m32 = MoLong_FromLong(1L << 32), *lo = m32 ? MoNumber_Remainder(low, m32) : NULL;
    int ok = hi != NULL && lo != NULL;
    if (ok)
        *out = ((unsigned long long)MoLong_AsLong(hi) << 32) | (unsigned long long)MoLong_AsLong(lo);
    Mo_XDECREF(shift);
    Mo_XDECREF(hi);
    Mo_XDECREF(m32);
    Mo_XDECREF(lo);
    Mo_DECREF(low);
    return ok ? 0 : -1;
}

/* Store v as the C value of self. 0, or -1 with an exception. */
static int write_value(CDataObject *self, MoObject *v)
{
    SimpleType *t = SIMPLE(Mo_TYPE(self));
    char *p = self->b_ptr;
    if (t->code == 'O') {
        *(MoObject **)p = v;
        Mo_XSETREF(self->b_keep, Mo_NewRef(v));
        return 0;
    }
    if (t->code == 'f' || t->code == 'd') {
        double d = MoFloat_AsDouble(v);
        if (d == -1.0 && MoErr_Occurred())
            return -1;
        if (t->code == 'f')
            *(float *)p = (float)d;
        else
            *(double *)p = d;
        return 0;
    }
    if (t->code == 'P' && v == Mo_None) {
        *(void **)p = NULL;
        return 0;
    }
    if (t->code == '?') {
        int b = MoObject_IsTrue(v);
        if (b < 0)
            return -1;
        *(_Bool *)p = (_Bool)b;
        return 0;
    }
    unsigned long long bits;
    if (int_bits(v, &bits) < 0)
        return -1;
    memcpy(p, &bits, (size_t)t->size);    /* little-endian: the low bytes */
    return 0;
}

static MoObject *cdata_get_value(MoObject *o, void *closure)
{
    (void)closure;
    return read_value(SIMPLE(Mo_TYPE(o))->code, ((CDataObject *)o)->b_ptr);
}

static int cdata_set_value(MoObject *o, MoObject *v, void *closure)
{
    (void)closure;
    if (v == NULL) {
        MoErr_SetString(MoExc_TypeError, "can't delete attribute");
        return -1;
    }
    return write_value((CDataObject *)o, v);
}

static MoGetSetDef cdata_getset[] = {
    { "value", cdata_get_value, cdata_set_value, "current value", NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

/* --------------------------------------------------------- the instances */

static int cdata_traverse(MoObject *o, visitproc visit, void *arg)
{
    Mo_VISIT(((CDataObject *)o)->b_keep);
    return 0;
}

static int cdata_clear(MoObject *o)
{
    Mo_CLEAR(((CDataObject *)o)->b_keep);
    return 0;
}

static void cdata_dealloc(MoObject *o)
{
    MoObject_GC_UnTrack(o);
    cdata_clear(o);
    Mo_TYPE(o)->tp_free(o);
}

/* new: an instance of t viewing the memory at address (NULL: its own, zeroed). */
static CDataObject *cdata_make(MoTypeObject *t, void *address)
{
    CDataObject *c = MoObject_GC_New(CDataObject, t);
    if (c == NULL)
        return NULL;
    c->b_keep = NULL;
    memset(&c->b_value, 0, sizeof c->b_value);
    c->b_ptr = address != NULL ? address : c->b_value.bytes;
    MoObject_GC_Track(c);
    return c;
}

/* c_long(), c_long(5): a value of its own, zero unless given. */
static MoObject *cdata_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    MoObject *v = NULL;
    if (!_MoArg_NoKeywords(t->tp_name, kwargs) || !MoArg_UnpackTuple(args, t->tp_name, 0, 1, &v))
        return NULL;
    CDataObject *c = cdata_make(t, NULL);
    if (c != NULL && v != NULL && write_value(c, v) < 0)
        Mo_CLEAR(c);
    return (MoObject *)c;
}

/* The short name of a ctypes type ("c_long" of "ctypes.c_long"). */
static const char *short_name(MoTypeObject *t)
{
    const char *dot = strrchr(t->tp_name, '.');
    return dot != NULL ? dot + 1 : t->tp_name;
}

/* c_long(5), py_object(42), py_object(<NULL>). */
static MoObject *cdata_repr(MoObject *o)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (SIMPLE(t)->code == 'O' && *(MoObject **)((CDataObject *)o)->b_ptr == NULL)
        return MoUnicode_FromFormat("%s(<NULL>)", short_name(t));
    MoObject *v = cdata_get_value(o, NULL);
    if (v == NULL)
        return NULL;
    MoObject *r = MoUnicode_FromFormat("%s(%R)", short_name(t), v);
    Mo_DECREF(v);
    return r;
}

/* -------------------------------------------------------------- the types */

/* new: an address from an int (TypeError "integer expected" otherwise). */
static void *address_of_int(MoObject *o)
{
    unsigned long long bits;
    if (!MoLong_Check(o)) {
        MoErr_SetString(MoExc_TypeError, "integer expected");
        return NULL;
    }
    if (int_bits(o, &bits) < 0)
        return NULL;
    return (void *)(uintptr_t)bits;
}

/* T.from_address(address): an instance viewing the memory there (bound to the
   type, as a classmethod is). */
static MoObject *cdata_from_address(MoObject *type, MoObject *address)
{
    void *p = address_of_int(address);
    if (p == NULL && MoErr_Occurred())
        return NULL;
    return (MoObject *)cdata_make((MoTypeObject *)type, p);
}

static MoMethodDef from_address_def = {
    "from_address", cdata_from_address, METH_O, "C.from_address(integer) -> C instance\naccess a C instance at the specified address",
};

#define SIMPLE_TYPE(cname, code, ctype)                                       \
    static SimpleType cname##_type = {                                        \
        { MoVarObject_HEAD_INIT(&MoType_Type, 0)                              \
          .tp_name = "ctypes." #cname,                                        \
          .tp_basicsize = sizeof(CDataObject),                                \
          .tp_dealloc = cdata_dealloc,                                        \
          .tp_repr = cdata_repr,                                              \
          .tp_flags = Mo_TPFLAGS_DEFAULT | Mo_TPFLAGS_HAVE_GC,                \
          .tp_traverse = cdata_traverse,                                      \
          .tp_clear = cdata_clear,                                            \
          .tp_getset = cdata_getset,                                          \
          .tp_new = cdata_new, },                                             \
        code, sizeof(ctype),                                                  \
    }

SIMPLE_TYPE(c_bool, '?', _Bool);
SIMPLE_TYPE(c_byte, 'b', signed char);
SIMPLE_TYPE(c_ubyte, 'B', unsigned char);
SIMPLE_TYPE(c_short, 'h', short);
SIMPLE_TYPE(c_ushort, 'H', unsigned short);
SIMPLE_TYPE(c_int, 'i', int);
SIMPLE_TYPE(c_uint, 'I', unsigned int);
SIMPLE_TYPE(c_long, 'l', long);
SIMPLE_TYPE(c_ulong, 'L', unsigned long);
SIMPLE_TYPE(c_float, 'f', float);
SIMPLE_TYPE(c_double, 'd', double);
SIMPLE_TYPE(c_void_p, 'P', void *);
SIMPLE_TYPE(py_object, 'O', MoObject *);

/* Each type under its name, then the aliases of the platform. */
static const struct { const char *name; SimpleType *type; } type_names[] = {
    { "c_bool", &c_bool_type },      { "c_byte", &c_byte_type },     { "c_ubyte", &c_ubyte_type },
    { "c_short", &c_short_type },    { "c_ushort", &c_ushort_type }, { "c_int", &c_int_type },
    { "c_uint", &c_uint_type },      { "c_long", &c_long_type },     { "c_ulong", &c_ulong_type },
    { "c_float", &c_float_type },    { "c_double", &c_double_type }, { "c_void_p", &c_void_p_type },
    { "py_object", &py_object_type },
    { "c_int8", &c_byte_type },      { "c_uint8", &c_ubyte_type },   { "c_int16", &c_short_type },
    { "c_uint16", &c_ushort_type },  { "c_int32", &c_int_type },     { "c_uint32", &c_uint_type },
    { "c_int64", &c_long_type },     { "c_uint64", &c_ulong_type },  { "c_longlong", &c_long_type },
    { "c_ulonglong", &c_ulong_type }, { "c_ssize_t", &c_long_type }, { "c_size_t", &c_ulong_type },
};

/* 1 if o is one of this module's types. */
static int is_simple_type(MoObject *o)
{
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(type_names); i++)
        if (o == (MoObject *)type_names[i].type)
            return 1;
    return 0;
}

/* --------------------------------------------------------- the functions */

/* sizeof(type or instance). */
static MoObject *ctypes_sizeof(MoObject *self, MoObject *o)
{
    (void)self;
    MoObject *t = is_simple_type(o) ? o : is_simple_type((MoObject *)Mo_TYPE(o)) ? (MoObject *)Mo_TYPE(o) : NULL;
    if (t == NULL) {
        MoErr_SetString(MoExc_TypeError, "this type has no size");
        return NULL;
    }
    return MoLong_FromSsize_t(SIMPLE(t)->size);
}

/* addressof(instance): where its value lives. */
static MoObject *ctypes_addressof(MoObject *self, MoObject *o)
{
    (void)self;
    if (!is_simple_type((MoObject *)Mo_TYPE(o))) {
        MoErr_SetString(MoExc_TypeError, "invalid type");
        return NULL;
    }
    return MoLong_FromUnsignedLongLong((uintptr_t)((CDataObject *)o)->b_ptr);
}

/* cast(obj, type): a pointer-sized type (c_void_p, py_object) holding obj's
   address: obj an int, a c_void_p, or a py_object (its object's address). */
static MoObject *ctypes_cast(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("cast", nargs, 2, 2))
        return NULL;
    MoObject *obj = args[0], *type = args[1];
    if (!is_simple_type(type) || (SIMPLE(type)->code != 'P' && SIMPLE(type)->code != 'O')) {
        MoErr_Format(MoExc_TypeError, "cast() argument 2 must be a pointer type, not %s",
                     MoType_Check(type) ? short_name((MoTypeObject *)type) : Mo_TYPE(type)->tp_name);
        return NULL;
    }
    void *address;
    if (is_simple_type((MoObject *)Mo_TYPE(obj)) && (SIMPLE(Mo_TYPE(obj))->code == 'P' || SIMPLE(Mo_TYPE(obj))->code == 'O'))
        address = *(void **)((CDataObject *)obj)->b_ptr;
    else if (MoLong_Check(obj) || obj == Mo_None)
        address = obj == Mo_None ? NULL : address_of_int(obj);
    else {
        MoErr_SetString(MoExc_TypeError, "wrong type");
        return NULL;
    }
    if (address == NULL && MoErr_Occurred())
        return NULL;
    CDataObject *c = cdata_make((MoTypeObject *)type, NULL);
    if (c != NULL) {
        c->b_value.p = address;
        c->b_keep = Mo_NewRef(obj);   /* as ctypes keeps the source in _objects */
    }
    return (MoObject *)c;
}

/* string_at(address, size=-1): the bytes there (up to a NUL when size is -1). */
static MoObject *ctypes_string_at(MoObject *self, MoObject *args)
{
    MoObject *addr;
    Mo_ssize_t size = -1;
    (void)self;
    if (!MoArg_ParseTuple(args, "O|n:string_at", &addr, &size))
        return NULL;
    const char *p = address_of_int(addr);
    if (p == NULL)
        return MoErr_Occurred() ? NULL : MoBytes_FromStringAndSize("", 0);
    return MoBytes_FromStringAndSize(p, size < 0 ? (Mo_ssize_t)strlen(p) : size);
}

static MoMethodDef ctypes_methods[] = {
    { "sizeof", ctypes_sizeof, METH_O, "sizeof(C type) -> integer\nsizeof(C instance) -> integer" },
    { "addressof", ctypes_addressof, METH_O, "addressof(C instance) -> integer" },
    { "cast", (MoCFunction)(void (*)(void))ctypes_cast, METH_FASTCALL, "cast(obj, typ) -> typ instance" },
    { "string_at", ctypes_string_at, METH_VARARGS, "string_at(addr[, size]) -> string" },
    { NULL, NULL, 0, NULL },
};

static int ctypes_exec(MoObject *m)
{
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(type_names); i++) {
        MoTypeObject *t = &type_names[i].type->type;
        if (MoType_Ready(t) < 0)
            return -1;
        if (MoDict_GetItemString(t->tp_dict, "from_address") == NULL) {
            MoObject *f = MoCFunction_NewEx(&from_address_def, (MoObject *)t);
            int r = f == NULL ? -1 : MoDict_SetItemString(t->tp_dict, "from_address", f);
            Mo_XDECREF(f);
            if (r < 0)
                return -1;
        }
        if (MoModule_AddObjectRef(m, type_names[i].name, (MoObject *)t) < 0)
            return -1;
    }
    return 0;
}

static MoModuleDef ctypes_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "ctypes",
    .m_doc = "create and manipulate C data types in Python",
    .m_size = -1,
    .m_methods = ctypes_methods,
};

MoObject *MoInit_ctypes(void)
{
    MoObject *m = MoModule_Create(&ctypes_def);
    if (m != NULL && ctypes_exec(m) < 0)
        Mo_CLEAR(m);
    return m;
}
