/* bytes: an immutable byte string, laid out as 3.11's PyBytesObject.
 *
 * Invariants:
 *   1. One allocation of 33 + n bytes: the var header (24), the cached hash (8),
 *      then n bytes and a NUL, so that getsizeof(b'abc') == 36 and ob_sval can be
 *      handed to C as a string.
 *   2. b'' and the 256 one-byte strings are static singletons (count
 *      _MO_STATIC_REFCNT): bytes([97]) is b'a' in 3.11, and here too.
 *   3. ob_shash is -1 until computed; it is SipHash-1-3 of the bytes, the same
 *      function as str, so hash(b'abc') == hash('abc').
 */
#include "internal.h"

#include <string.h>

/* ================================================================ singletons */

static MoBytesObject bytes_empty;
static MoBytesObject bytes_chars[256];

static void bytes_static_reset(MoBytesObject *op, Mo_ssize_t size, char c)
{
    op->ob_base.ob_base.ob_refcnt = _MO_STATIC_REFCNT;
    op->ob_base.ob_base.ob_type = &MoBytes_Type;
    op->ob_base.ob_size = size;
    op->ob_shash = -1;
    op->ob_sval[0] = c;   /* the NUL after it is static storage, always zero */
}

static void bytes_singletons_reset(void)
{
    bytes_static_reset(&bytes_empty, 0, '\0');
    for (int i = 0; i < 256; i++)
        bytes_static_reset(&bytes_chars[i], 1, (char)i);
}

static int bytes_is_static(MoObject *op)
{
    const char *p = (const char *)op;
    return op == (MoObject *)&bytes_empty
        || (p >= (const char *)bytes_chars && p < (const char *)(bytes_chars + 256));
}

/* ============================================================== constructors */

/* region bytes_from_string_and_size */
MoObject *MoBytes_FromStringAndSize(const char *s, Mo_ssize_t n)
{
    if (n < 0) {
        MoErr_SetString(MoExc_SystemError, "Negative size passed to MoBytes_FromStringAndSize");
        return NULL;
    }
    if (n == 0)
        return Mo_NewRef(&bytes_empty);
    if (n == 1 && s != NULL)
        return Mo_NewRef(&bytes_chars[(unsigned char)s[0]]);
    if (n > MO_SSIZE_T_MAX - MoBytes_Type.tp_basicsize) {
        MoErr_SetString(MoExc_OverflowError, "byte string is too large");
        return NULL;
    }
    MoBytesObject *op = MoObject_NewVar(MoBytesObject, &MoBytes_Type, n);
    if (op == NULL)
        return NULL;
    op->ob_shash = -1;
    if (s != NULL)
        memcpy(op->ob_sval, s, (size_t)n);
    op->ob_sval[n] = '\0';
    return (MoObject *)op;
}
/* endregion bytes_from_string_and_size */

MoObject *MoBytes_FromString(const char *s)
{
    if (s == NULL) {
        MoErr_BadInternalCall();
        return NULL;
    }
    return MoBytes_FromStringAndSize(s, (Mo_ssize_t)strlen(s));
}

static int bytes_check_arg(MoObject *o)
{
    if (o != NULL && MoBytes_Check(o))
        return 0;
    MoErr_Format(MoExc_TypeError, "expected bytes, %.200s found", o ? _Mo_TypeName(o) : "NULL");
    return -1;
}

char *MoBytes_AsString(MoObject *o)
{
    return bytes_check_arg(o) < 0 ? NULL : MoBytes_AS_STRING(o);
}

Mo_ssize_t MoBytes_Size(MoObject *o)
{
    return bytes_check_arg(o) < 0 ? -1 : MoBytes_GET_SIZE(o);
}

/* ====================================================================== repr */

/* Python's quoting: single quotes unless the bytes hold ' and no ". */
static char bytes_quote(const unsigned char *s, Mo_ssize_t n)
{
    int single = memchr(s, '\'', (size_t)n) != NULL, dbl = memchr(s, '"', (size_t)n) != NULL;
    return single && !dbl ? '"' : '\'';
}

/* How repr shows byte c: its escape written to out (<= 4 ASCII characters). */
static int bytes_escape(unsigned char c, char quote, char out[5])
{
    if (c == (unsigned char)quote || c == '\\')
        return snprintf(out, 5, "\\%c", c);
    if (c == '\t')
        return snprintf(out, 5, "\\t");
    if (c == '\n')
        return snprintf(out, 5, "\\n");
    if (c == '\r')
        return snprintf(out, 5, "\\r");
    if (c < ' ' || c >= 0x7f)
        return snprintf(out, 5, "\\x%02x", c);
    out[0] = (char)c;
    return 1;
}

static MoObject *bytes_repr(MoObject *op)
{
    const unsigned char *s = (const unsigned char *)MoBytes_AS_STRING(op);
    Mo_ssize_t n = MoBytes_GET_SIZE(op);
    if (n > (MO_SSIZE_T_MAX - 3) / 4) {
        MoErr_SetString(MoExc_OverflowError, "bytes object is too large to make repr");
        return NULL;
    }
    char quote = bytes_quote(s, n), esc[5];
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    char head[2] = { 'b', quote };
    if (_MoUnicodeWriter_WriteASCII(&w, head, 2) < 0)
        goto fail;
    for (Mo_ssize_t i = 0; i < n; i++)
        if (_MoUnicodeWriter_WriteASCII(&w, esc, bytes_escape(s[i], quote, esc)) < 0)
            goto fail;
    if (_MoUnicodeWriter_WriteASCII(&w, &quote, 1) < 0)
        goto fail;
    return _MoUnicodeWriter_Finish(&w);
fail:
    _MoUnicodeWriter_Dealloc(&w);
    return NULL;
}

/* ===================================================== hashing and comparison */

static Mo_hash_t bytes_hash(MoObject *op)
{
    MoBytesObject *b = (MoBytesObject *)op;
    if (b->ob_shash == -1)
        b->ob_shash = _Mo_HashBytes(b->ob_sval, Mo_SIZE(b));
    return b->ob_shash;
}

static MoObject *bytes_richcompare(MoObject *a, MoObject *b, int op)
{
    if (!MoBytes_Check(a) || !MoBytes_Check(b))
        Mo_RETURN_NOTIMPLEMENTED;
    Mo_ssize_t la = Mo_SIZE(a), lb = Mo_SIZE(b);
    if (op == MO_EQ || op == MO_NE) {
        int eq = a == b || (la == lb && memcmp(MoBytes_AS_STRING(a), MoBytes_AS_STRING(b), (size_t)la) == 0);
        return _MoBool_From(eq == (op == MO_EQ));
    }
    int c = memcmp(MoBytes_AS_STRING(a), MoBytes_AS_STRING(b), (size_t)(la < lb ? la : lb));
    if (c == 0)
        c = la < lb ? -1 : la > lb ? 1 : 0;
    switch (op) {
    case MO_LT: return _MoBool_From(c < 0);
    case MO_LE: return _MoBool_From(c <= 0);
    case MO_GT: return _MoBool_From(c > 0);
    default: return _MoBool_From(c >= 0);
    }
}

/* ================================================================= sequence */

static Mo_ssize_t bytes_length(MoObject *op)
{
    return Mo_SIZE(op);
}

static MoObject *bytes_concat(MoObject *a, MoObject *b)
{
    if (!MoBytes_Check(a) || !MoBytes_Check(b)) {
        MoErr_Format(MoExc_TypeError, "can't concat %.100s to %.100s", _Mo_TypeName(b), _Mo_TypeName(a));
        return NULL;
    }
    Mo_ssize_t la = Mo_SIZE(a), lb = Mo_SIZE(b);
    if (lb == 0 && MoBytes_CheckExact(a))
        return Mo_NewRef(a);
    if (la == 0 && MoBytes_CheckExact(b))
        return Mo_NewRef(b);
    if (la > MO_SSIZE_T_MAX - lb)
        return MoErr_NoMemory();
    MoObject *res = MoBytes_FromStringAndSize(NULL, la + lb);
    if (res == NULL)
        return NULL;
    memcpy(MoBytes_AS_STRING(res), MoBytes_AS_STRING(a), (size_t)la);
    memcpy(MoBytes_AS_STRING(res) + la, MoBytes_AS_STRING(b), (size_t)lb);
    return res;
}

static MoObject *bytes_repeat(MoObject *a, Mo_ssize_t n)
{
    Mo_ssize_t len = Mo_SIZE(a);
    if (n < 0)
        n = 0;
    if (n > 0 && len > MO_SSIZE_T_MAX / n) {
        MoErr_SetString(MoExc_OverflowError, "repeated bytes are too long");
        return NULL;
    }
    if ((n == 1 || len == 0) && MoBytes_CheckExact(a))
        return Mo_NewRef(a);
    MoObject *res = MoBytes_FromStringAndSize(NULL, len * n);
    if (res == NULL || len * n == 0)
        return res;
    /* copy once, then double the copied prefix until the string is full */
    char *data = MoBytes_AS_STRING(res);
    size_t total = (size_t)(len * n);
    memcpy(data, MoBytes_AS_STRING(a), (size_t)len);
    for (size_t done = (size_t)len; done < total; done *= 2)
        memcpy(data + done, data, done <= total - done ? done : total - done);
    return res;
}

/* b[i] is an int, 0..255. */
static MoObject *bytes_item(MoObject *a, Mo_ssize_t i)
{
    if (i < 0 || i >= Mo_SIZE(a)) {
        MoErr_SetString(MoExc_IndexError, "index out of range");
        return NULL;
    }
    return MoLong_FromLong((unsigned char)MoBytes_AS_STRING(a)[i]);
}

/* `x in b`: x an int (one byte value) or bytes (a substring). */
static int bytes_contains(MoObject *self, MoObject *arg)
{
    const char *s = MoBytes_AS_STRING(self);
    Mo_ssize_t n = Mo_SIZE(self);
    if (MoLong_Check(arg)) {
        long v = MoLong_AsLong(arg);
        if (v == -1 && MoErr_Occurred())
            return -1;
        if (v < 0 || v > 255) {
            MoErr_SetString(MoExc_ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        return memchr(s, (int)v, (size_t)n) != NULL;
    }
    if (!MoBytes_Check(arg)) {
        MoErr_Format(MoExc_TypeError, "a bytes-like object is required, not '%.100s'", _Mo_TypeName(arg));
        return -1;
    }
    Mo_ssize_t m = Mo_SIZE(arg);
    return m == 0 || memmem(s, (size_t)n, MoBytes_AS_STRING(arg), (size_t)m) != NULL;
}

/* ================================================================== the type */

static void bytes_dealloc(MoObject *op)
{
    if (bytes_is_static(op))
        Mo_FatalError("deallocating a static bytes singleton");
    Mo_TYPE(op)->tp_free(op);
}

/* ============================================================= bytes(x) */

/* new: bytes of the iterable's items, each an int in range(0, 256). */
static MoObject *bytes_from_iterable(MoObject *iterable)
{
    MoObject *items = MoSequence_List(iterable);
    if (items == NULL)
        return NULL;
    Mo_ssize_t n = MoList_GET_SIZE(items);
    MoObject *res = MoBytes_FromStringAndSize(NULL, n);
    for (Mo_ssize_t i = 0; res != NULL && i < n; i++) {
        MoObject *item = MoList_GET_ITEM(items, i);
        Mo_ssize_t v = MoIndex_Check(item) ? MoNumber_AsSsize_t(item, NULL) : -2;
        if (v == -2 && !MoIndex_Check(item))
            MoErr_Format(MoExc_TypeError, "'%.200s' object cannot be interpreted as an integer", _Mo_TypeName(item));
        else if ((v < 0 || v > 255) && !MoErr_Occurred())
            MoErr_SetString(MoExc_ValueError, "bytes must be in range(0, 256)");
        if (MoErr_Occurred())
            Mo_CLEAR(res);
        else
            MoBytes_AS_STRING(res)[i] = (char)v;   /* fresh: FromStringAndSize(NULL, n) shares no singleton */
    }
    Mo_DECREF(items);
    return res;
}

/* new: bytes(x) with x one argument: an int n gives n zero bytes, bytes give
   themselves, a str needs an encoding, else an iterable of ints (3.11's messages). */
static MoObject *bytes_from_object(MoObject *x)
{
    if (MoBytes_CheckExact(x))
        return Mo_NewRef(x);
    if (MoBytes_Check(x))
        return MoBytes_FromStringAndSize(MoBytes_AS_STRING(x), Mo_SIZE(x));
    if (MoUnicode_Check(x)) {
        MoErr_SetString(MoExc_TypeError, "string argument without an encoding");
        return NULL;
    }
    if (MoIndex_Check(x)) {
        Mo_ssize_t n = MoNumber_AsSsize_t(x, MoExc_OverflowError);
        if (n == -1 && MoErr_Occurred())
            return NULL;
        if (n < 0) {
            MoErr_SetString(MoExc_ValueError, "negative count");
            return NULL;
        }
        MoObject *res = MoBytes_FromStringAndSize(NULL, n);   /* a fresh object unless n is 0 */
        if (res != NULL && n > 0)
            memset(MoBytes_AS_STRING(res), 0, (size_t)n);
        return res;
    }
    if (Mo_TYPE(x)->tp_iter == NULL && (Mo_TYPE(x)->tp_as_sequence == NULL || Mo_TYPE(x)->tp_as_sequence->sq_item == NULL)) {
        MoErr_Format(MoExc_TypeError, "cannot convert '%.200s' object to bytes", _Mo_TypeName(x));
        return NULL;
    }
    return bytes_from_iterable(x);
}

/* new: an instance of type, a subclass of bytes, holding b's bytes (3.11's
   bytes_subtype_new): var-sized, from type->tp_alloc, the class's dict pointer
   after the bytes (tp_dictoffset -8). */
static MoObject *bytes_subtype_new(MoTypeObject *type, MoObject *b)
{
    Mo_ssize_t n = Mo_SIZE(b);
    MoBytesObject *self = (MoBytesObject *)type->tp_alloc(type, n);
    if (self == NULL)
        return NULL;
    memcpy(self->ob_sval, MoBytes_AS_STRING(b), (size_t)n + 1);
    self->ob_shash = ((MoBytesObject *)b)->ob_shash;
    return (MoObject *)self;
}

/* bytes(), bytes(x), bytes(str, encoding): 3.11's bytes_new for the UTF-8
   encodings (any other is a LookupError). */
static MoObject *bytes_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"source", "encoding", "errors", NULL};
    MoObject *x = NULL;
    const char *encoding = NULL, *errors = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|Oss:bytes", kwlist, &x, &encoding, &errors))
        return NULL;
    MoObject *b;
    if (x == NULL && (encoding != NULL || errors != NULL)) {
        MoErr_SetString(MoExc_TypeError, encoding != NULL ? "encoding without a string argument"
                                                          : "errors without a string argument");
        return NULL;
    }
    if (encoding != NULL || errors != NULL) {
        if (!MoUnicode_Check(x)) {
            MoErr_SetString(MoExc_TypeError, encoding != NULL ? "encoding without a string argument"
                                                              : "errors without a string argument");
            return NULL;
        }
        if (encoding != NULL && strcmp(encoding, "utf-8") != 0 && strcmp(encoding, "utf8") != 0 &&
            strcmp(encoding, "UTF-8") != 0) {
            MoErr_Format(MoExc_LookupError, "unknown encoding: %s", encoding);
            return NULL;
        }
        b = MoUnicode_AsUTF8String(x);
    } else {
        b = x == NULL ? MoBytes_FromStringAndSize(NULL, 0) : bytes_from_object(x);
    }
    if (b == NULL || type == &MoBytes_Type)
        return b;
    MoObject *self = bytes_subtype_new(type, b);
    Mo_DECREF(b);
    return self;
}

static MoSequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

MoTypeObject MoBytes_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "bytes",
    .tp_basicsize = (Mo_ssize_t)offsetof(MoBytesObject, ob_sval) + 1,   /* 33: the NUL included */
    .tp_itemsize = 1,
    .tp_dealloc = bytes_dealloc,
    .tp_repr = bytes_repr,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_hash = bytes_hash,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_BYTES_SUBCLASS,
    .tp_doc = "bytes(iterable_of_ints) -> bytes",
    .tp_richcompare = bytes_richcompare,
    .tp_new = bytes_new,
};

int _MoBytes_Init(void)
{
    bytes_singletons_reset();
    return MoType_Ready(&MoBytes_Type);
}
