/* str: PEP 393 compact strings, as CPython 3.11 lays them out.
 *
 * Invariants:
 *   1. A string is one allocation: its header (48 bytes for pure ASCII, 72 for
 *      anything else) and then length+1 characters, the last one NUL.
 *   2. The character width ("kind") is the narrowest that holds the largest
 *      character: 1 (latin-1), 2 (UCS-2) or 4 (UCS-4). Equal strings therefore have
 *      equal kinds and equal bytes, which is what hashing and equality rely on.
 *   3. The empty string and the 256 one-character strings U+0000..U+00FF are
 *      static singletons with count _MO_STATIC_REFCNT: every constructor that
 *      makes such a string returns the shared object, as 3.11 does.
 *   4. hash is -1 until computed; once computed (or once interned) the string
 *      never changes again. Before that, MoUnicode_Append may grow a string it
 *      holds the only reference to, in place.
 *
 * Banner sections: allocation, singletons, characters, UTF-8, constructors,
 * comparison and hashing, concatenation, repr, the type, the iterator, lifecycle.
 * Interning lives in intern.c, the writer and MoUnicode_FromFormat in
 * unicode_writer.c.
 */
#include "internal.h"

#include <string.h>

static void unicode_dealloc(MoObject *op);
static int unicode_check_arg(MoObject *s);

#define UNICODE_ASCII(op) ((MoASCIIObject *)(op))
#define UNICODE_COMPACT(op) ((MoCompactUnicodeObject *)(op))
#define MAX_UNICODE 0x10ffffU

/* ================================================================ allocation */

static void unicode_init_header(MoObject *op, Mo_ssize_t size, int kind, int ascii)
{
    MoASCIIObject *a = UNICODE_ASCII(op);
    a->length = size;
    a->hash = -1;
    memset(&a->state, 0, sizeof a->state);
    a->state.kind = (unsigned)kind;
    a->state.compact = 1;
    a->state.ascii = (unsigned)ascii;
    a->state.ready = 1;
    a->wstr = NULL;
    if (!ascii) {
        MoCompactUnicodeObject *c = UNICODE_COMPACT(op);
        c->utf8_length = 0;
        c->utf8 = NULL;
        c->wstr_length = 0;
    }
}

static int unicode_kind_for(Mo_UCS4 maxchar)
{
    return maxchar < 0x100 ? MoUnicode_1BYTE_KIND : maxchar < 0x10000 ? MoUnicode_2BYTE_KIND
                                                                       : MoUnicode_4BYTE_KIND;
}

static inline void unicode_put(int kind, void *data, Mo_ssize_t i, Mo_UCS4 ch)
{
    if (kind == MoUnicode_1BYTE_KIND)
        ((Mo_UCS1 *)data)[i] = (Mo_UCS1)ch;
    else if (kind == MoUnicode_2BYTE_KIND)
        ((Mo_UCS2 *)data)[i] = (Mo_UCS2)ch;
    else
        ((Mo_UCS4 *)data)[i] = ch;
}

/* region unicode_alloc */
/* A fresh string of size characters, narrow enough for maxchar: one block holding
   the header, the characters and their NUL. The characters are left for the caller. */
static MoObject *unicode_alloc(Mo_ssize_t size, Mo_UCS4 maxchar)
{
    int ascii = maxchar < 0x80;
    int kind = unicode_kind_for(maxchar);
    size_t header = ascii ? sizeof(MoASCIIObject) : sizeof(MoCompactUnicodeObject);
    if ((size_t)size > ((size_t)MO_SSIZE_T_MAX - header) / (size_t)kind - 1)
        return MoErr_NoMemory();
    MoObject *op = MoObject_Malloc(header + ((size_t)size + 1) * (size_t)kind);
    if (op == NULL)
        return MoErr_NoMemory();
    MoObject_Init(op, &MoUnicode_Type);
    unicode_init_header(op, size, kind, ascii);
    unicode_put(kind, MoUnicode_DATA(op), size, 0);
    return op;
}
/* endregion unicode_alloc */

MoObject *MoUnicode_New(Mo_ssize_t size, Mo_UCS4 maxchar)
{
    if (size < 0) {
        MoErr_SetString(MoExc_SystemError, "Negative size passed to MoUnicode_New");
        return NULL;
    }
    if (maxchar > MAX_UNICODE) {
        MoErr_SetString(MoExc_SystemError, "invalid maximum character passed to MoUnicode_New");
        return NULL;
    }
    if (size == 0)
        return Mo_NewRef(_MoUnicode_Empty());
    return unicode_alloc(size, maxchar);
}

/* The bytes the object occupies, as 3.11's str.__sizeof__: the header, the
   characters with their NUL, and the UTF-8 copy once MoUnicode_AsUTF8 made one. */
static Mo_ssize_t unicode_sizeof(MoObject *op)
{
    Mo_ssize_t n = MoUnicode_GET_LENGTH(op) + 1;
    if (MoUnicode_IS_COMPACT(op) && MoUnicode_IS_ASCII(op))
        return (Mo_ssize_t)sizeof(MoASCIIObject) + n;
    /* A subclass's instance counts 3.11's legacy header (80), not its basicsize:
       the weakref slot after it is not counted, as there. */
    Mo_ssize_t header = MoUnicode_IS_COMPACT(op) ? (Mo_ssize_t)sizeof(MoCompactUnicodeObject)
                                                 : (Mo_ssize_t)sizeof(MoUnicodeObject);
    Mo_ssize_t size = header + n * MoUnicode_KIND(op);
    if (!MoUnicode_IS_ASCII(op) && UNICODE_COMPACT(op)->utf8 != NULL)
        size += UNICODE_COMPACT(op)->utf8_length + 1;
    return size;
}

/* ================================================================ singletons */

/* Static storage shaped like an allocated string: header, one character, NUL. */
typedef struct {
    MoASCIIObject base;
    Mo_UCS1 data[2];
} unicode_static_ascii;
typedef struct {
    MoCompactUnicodeObject base;
    Mo_UCS1 data[2];
} unicode_static_latin1;

static unicode_static_ascii unicode_empty;
static unicode_static_ascii unicode_ascii_chars[128];     /* U+0000..U+007F */
static unicode_static_latin1 unicode_latin1_chars[128];   /* U+0080..U+00FF */

static void unicode_static_reset(MoObject *op, Mo_ssize_t length, Mo_UCS1 ch)
{
    op->ob_refcnt = _MO_STATIC_REFCNT;
    op->ob_type = &MoUnicode_Type;
    unicode_init_header(op, length, MoUnicode_1BYTE_KIND, ch < 0x80);
    Mo_UCS1 *data = MoUnicode_DATA(op);
    data[0] = ch;
    data[length] = 0;
}

static void unicode_singletons_reset(void)
{
    unicode_static_reset((MoObject *)&unicode_empty, 0, 0);
    for (int i = 0; i < 128; i++) {
        unicode_static_reset((MoObject *)&unicode_ascii_chars[i], 1, (Mo_UCS1)i);
        unicode_static_reset((MoObject *)&unicode_latin1_chars[i], 1, (Mo_UCS1)(i + 128));
    }
}

static int unicode_is_static(MoObject *op)
{
    const char *p = (const char *)op;
    return op == (MoObject *)&unicode_empty
        || (p >= (const char *)unicode_ascii_chars && p < (const char *)(unicode_ascii_chars + 128))
        || (p >= (const char *)unicode_latin1_chars && p < (const char *)(unicode_latin1_chars + 128));
}

MoObject *_MoUnicode_Empty(void)
{
    return (MoObject *)&unicode_empty;
}

/* new: the one-character string ch: the shared singleton below U+0100. */
static MoObject *unicode_char(Mo_UCS4 ch)
{
    if (ch < 0x80)
        return Mo_NewRef(&unicode_ascii_chars[ch]);
    if (ch < 0x100)
        return Mo_NewRef(&unicode_latin1_chars[ch - 0x80]);
    MoObject *op = unicode_alloc(1, ch);
    if (op != NULL)
        unicode_put(MoUnicode_KIND(op), MoUnicode_DATA(op), 0, ch);
    return op;
}

/* ================================================================ characters */

/* The largest character a string of this kind may hold; copying into a string made
   for the larger bound of two strings keeps the result canonical (invariant 2). */
static Mo_UCS4 unicode_max_bound(MoObject *s)
{
    if (MoUnicode_IS_ASCII(s))
        return 0x7f;
    switch (MoUnicode_KIND(s)) {
    case MoUnicode_1BYTE_KIND: return 0xff;
    case MoUnicode_2BYTE_KIND: return 0xffff;
    default: return MAX_UNICODE;
    }
}

/* Copy all of from's characters into to at position at (to is at least as wide). */
static void unicode_copy_chars(MoObject *to, Mo_ssize_t at, MoObject *from)
{
    int to_kind = MoUnicode_KIND(to), from_kind = MoUnicode_KIND(from);
    Mo_ssize_t n = MoUnicode_GET_LENGTH(from);
    char *dst = MoUnicode_DATA(to);
    const void *src = MoUnicode_DATA(from);
    if (to_kind == from_kind) {
        memcpy(dst + at * to_kind, src, (size_t)(n * to_kind));
        return;
    }
    for (Mo_ssize_t i = 0; i < n; i++)
        unicode_put(to_kind, dst, at + i, MoUnicode_READ(from_kind, src, i));
}

static Mo_UCS4 unicode_maxchar_of(int kind, const void *data, Mo_ssize_t size)
{
    Mo_UCS4 max = 0;
    for (Mo_ssize_t i = 0; i < size; i++) {
        Mo_UCS4 ch = MoUnicode_READ(kind, data, i);
        if (ch > max)
            max = ch;
    }
    return max;
}

/* ===================================================================== UTF-8 */

/* One step of the decoder over s[0..n), n > 0: the code point, or the reason the
   first `used` bytes are invalid (CPython's reasons and error ranges). */
typedef struct {
    Mo_UCS4 ch;
    Mo_ssize_t used;
    const char *error;
} utf8_step;

static utf8_step utf8_decode_step(const unsigned char *s, Mo_ssize_t n, int surrogates_ok)
{
    utf8_step r = { s[0], 1, NULL };
    unsigned c = s[0];
    if (c < 0x80)
        return r;
    if (c < 0xc2 || c > 0xf4) {
        r.error = "invalid start byte";
        return r;
    }
    int need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    unsigned lo = 0x80, hi = 0xbf;   /* the second byte's range: no overlong forms, */
    if (c == 0xe0) lo = 0xa0;        /* no surrogates, nothing above U+10FFFF */
    if (c == 0xed && !surrogates_ok) hi = 0x9f;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
    Mo_UCS4 ch = c & (0x7fU >> need);
    for (int k = 1; k < need; k++) {
        if (k >= n) {
            r.used = n;
            r.error = "unexpected end of data";
            return r;
        }
        unsigned b = s[k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xbf)) {
            r.used = k;
            r.error = "invalid continuation byte";
            return r;
        }
        ch = (ch << 6) | (b & 0x3f);
    }
    r.ch = ch;
    r.used = need;
    return r;
}

typedef enum { UTF8_STRICT, UTF8_LENIENT } utf8_mode;

static void utf8_raise(const unsigned char *s, Mo_ssize_t pos, utf8_step st)
{
    if (st.used == 1)
        MoErr_Format(MoExc_UnicodeDecodeError,
                     "'utf-8' codec can't decode byte 0x%02x in position %zd: %s", s[pos], pos, st.error);
    else
        MoErr_Format(MoExc_UnicodeDecodeError,
                     "'utf-8' codec can't decode bytes in position %zd-%zd: %s", pos, pos + st.used - 1,
                     st.error);
}

/* Decode s[0..n) into data of the given kind (data NULL: only measure). Returns
   the number of characters and sets *maxchar, or -1 with UnicodeDecodeError
   (strict mode only; lenient mode puts U+FFFD for each invalid sequence). */
static Mo_ssize_t utf8_decode_into(const unsigned char *s, Mo_ssize_t n, utf8_mode mode, int kind,
                                   void *data, Mo_UCS4 *maxchar)
{
    Mo_ssize_t count = 0;
    Mo_UCS4 max = 0;
    for (Mo_ssize_t i = 0; i < n;) {
        utf8_step st = utf8_decode_step(s + i, n - i, mode == UTF8_LENIENT);
        if (st.error != NULL) {
            if (mode == UTF8_STRICT) {
                utf8_raise(s, i, st);
                return -1;
            }
            st.ch = 0xfffd;
        }
        if (data != NULL)
            unicode_put(kind, data, count, st.ch);
        if (st.ch > max)
            max = st.ch;
        count++;
        i += st.used;
    }
    *maxchar = max;
    return count;
}

/* region unicode_decode */
/* new: the str for n bytes of UTF-8: measure (length and widest character), then
   allocate the narrowest string and decode into it. */
static MoObject *unicode_decode_utf8(const char *utf8, Mo_ssize_t n, utf8_mode mode)
{
    const unsigned char *s = (const unsigned char *)utf8;
    Mo_UCS4 maxchar;
    Mo_ssize_t length = utf8_decode_into(s, n, mode, 0, NULL, &maxchar);
    if (length < 0)
        return NULL;
    if (length == 0)
        return Mo_NewRef(_MoUnicode_Empty());
    if (length == 1 && maxchar < 0x100)
        return unicode_char(maxchar);
    MoObject *op = unicode_alloc(length, maxchar);
    if (op == NULL)
        return NULL;
    if (MoUnicode_IS_ASCII(op))
        memcpy(MoUnicode_DATA(op), s, (size_t)n);
    else
        utf8_decode_into(s, n, mode, MoUnicode_KIND(op), MoUnicode_DATA(op), &maxchar);
    return op;
}
/* endregion unicode_decode */

MoObject *_MoUnicode_FromUTF8Lenient(const char *s, Mo_ssize_t size)
{
    return unicode_decode_utf8(s, size, UTF8_LENIENT);
}

int _MoUnicode_EncodeCharUTF8(Mo_UCS4 ch, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (ch < 0x80) {
        o[0] = (unsigned char)ch;
        return 1;
    }
    if (ch < 0x800) {
        o[0] = (unsigned char)(0xc0 | (ch >> 6));
        o[1] = (unsigned char)(0x80 | (ch & 0x3f));
        return 2;
    }
    if (ch < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (ch >> 12));
        o[1] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (ch & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (ch >> 18));
    o[1] = (unsigned char)(0x80 | ((ch >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((ch >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (ch & 0x3f));
    return 4;
}

/* The size of s's UTF-8 form, or -1 with the error CPython's strict encoder
   raises for a lone surrogate (as ValueError: the runtime has no UnicodeEncodeError). */
static Mo_ssize_t unicode_utf8_size(MoObject *s)
{
    int kind = MoUnicode_KIND(s);
    const void *data = MoUnicode_DATA(s);
    Mo_ssize_t size = 0;
    for (Mo_ssize_t i = 0; i < MoUnicode_GET_LENGTH(s); i++) {
        Mo_UCS4 ch = MoUnicode_READ(kind, data, i);
        if (ch >= 0xd800 && ch <= 0xdfff) {
            MoErr_Format(MoExc_ValueError,
                         "'utf-8' codec can't encode character '\\u%04x' in position %zd: surrogates not allowed",
                         (unsigned)ch, i);
            return -1;
        }
        size += ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
    }
    return size;
}

/* Write s's UTF-8 form (unicode_utf8_size bytes) to out. */
static void unicode_encode_utf8(MoObject *s, char *out)
{
    int kind = MoUnicode_KIND(s);
    const void *data = MoUnicode_DATA(s);
    for (Mo_ssize_t i = 0; i < MoUnicode_GET_LENGTH(s); i++)
        out += _MoUnicode_EncodeCharUTF8(MoUnicode_READ(kind, data, i), out);
}

MoObject *MoUnicode_AsUTF8String(MoObject *s)
{
    if (unicode_check_arg(s) < 0)
        return NULL;
    if (MoUnicode_IS_ASCII(s))
        return MoBytes_FromStringAndSize(MoUnicode_DATA(s), MoUnicode_GET_LENGTH(s));
    Mo_ssize_t n = unicode_utf8_size(s);
    MoObject *b = n < 0 ? NULL : MoBytes_FromStringAndSize(NULL, n);
    if (b != NULL)
        unicode_encode_utf8(s, MoBytes_AS_STRING(b));
    return b;
}

/* region unicode_as_utf8 */
const char *MoUnicode_AsUTF8AndSize(MoObject *s, Mo_ssize_t *size)
{
    if (s == NULL || !MoUnicode_Check(s)) {
        MoErr_SetString(MoExc_TypeError, "bad argument type for built-in operation");
        return NULL;
    }
    if (MoUnicode_IS_ASCII(s)) {              /* ASCII is already UTF-8 */
        if (size != NULL)
            *size = MoUnicode_GET_LENGTH(s);
        return MoUnicode_DATA(s);
    }
    MoCompactUnicodeObject *c = UNICODE_COMPACT(s);
    if (c->utf8 == NULL) {                    /* made once, kept with the string */
        Mo_ssize_t n = unicode_utf8_size(s);
        if (n < 0)
            return NULL;
        char *buf = MoMem_Malloc((size_t)n + 1);
        if (buf == NULL) {
            MoErr_NoMemory();
            return NULL;
        }
        unicode_encode_utf8(s, buf);
        buf[n] = '\0';
        c->utf8 = buf;
        c->utf8_length = n;
    }
    if (size != NULL)
        *size = c->utf8_length;
    return c->utf8;
}
/* endregion unicode_as_utf8 */

const char *MoUnicode_AsUTF8(MoObject *s)
{
    return MoUnicode_AsUTF8AndSize(s, NULL);
}

/* ============================================================== constructors */

MoObject *MoUnicode_FromStringAndSize(const char *utf8, Mo_ssize_t size)
{
    if (size < 0) {
        MoErr_SetString(MoExc_SystemError, "Negative size passed to MoUnicode_FromStringAndSize");
        return NULL;
    }
    if (utf8 == NULL && size > 0) {
        MoErr_BadInternalCall();
        return NULL;
    }
    return unicode_decode_utf8(utf8, size, UTF8_STRICT);
}

MoObject *MoUnicode_FromString(const char *utf8)
{
    if (utf8 == NULL) {
        MoErr_BadInternalCall();
        return NULL;
    }
    return unicode_decode_utf8(utf8, (Mo_ssize_t)strlen(utf8), UTF8_STRICT);
}

MoObject *MoUnicode_FromKindAndData(int kind, const void *data, Mo_ssize_t size)
{
    if (size < 0) {
        MoErr_SetString(MoExc_ValueError, "size must be positive");
        return NULL;
    }
    if (kind != MoUnicode_1BYTE_KIND && kind != MoUnicode_2BYTE_KIND && kind != MoUnicode_4BYTE_KIND) {
        MoErr_SetString(MoExc_SystemError, "invalid kind");
        return NULL;
    }
    Mo_UCS4 maxchar = unicode_maxchar_of(kind, data, size);
    if (maxchar > MAX_UNICODE) {
        MoErr_Format(MoExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", (unsigned)maxchar);
        return NULL;
    }
    if (size == 0)
        return Mo_NewRef(_MoUnicode_Empty());
    if (size == 1 && maxchar < 0x100)
        return unicode_char(maxchar);
    MoObject *op = unicode_alloc(size, maxchar);
    if (op == NULL)
        return NULL;
    int to_kind = MoUnicode_KIND(op);
    for (Mo_ssize_t i = 0; i < size; i++)
        unicode_put(to_kind, MoUnicode_DATA(op), i, MoUnicode_READ(kind, data, i));
    return op;
}

/* ================================================================ accessors */

static int unicode_check_arg(MoObject *s)
{
    if (s != NULL && MoUnicode_Check(s))
        return 0;
    MoErr_SetString(MoExc_TypeError, "bad argument type for built-in operation");
    return -1;
}

Mo_ssize_t MoUnicode_GetLength(MoObject *s)
{
    return unicode_check_arg(s) < 0 ? -1 : MoUnicode_GET_LENGTH(s);
}

Mo_UCS4 MoUnicode_ReadChar(MoObject *s, Mo_ssize_t i)
{
    if (unicode_check_arg(s) < 0)
        return (Mo_UCS4)-1;
    if (i < 0 || i >= MoUnicode_GET_LENGTH(s)) {
        MoErr_SetString(MoExc_IndexError, "string index out of range");
        return (Mo_UCS4)-1;
    }
    return MoUnicode_READ(MoUnicode_KIND(s), MoUnicode_DATA(s), i);
}

/* ================================================== comparison and hashing */

/* -1, 0, 1 on code points (both known to be str). */
static int unicode_compare_chars(MoObject *a, MoObject *b)
{
    Mo_ssize_t la = MoUnicode_GET_LENGTH(a), lb = MoUnicode_GET_LENGTH(b);
    Mo_ssize_t n = la < lb ? la : lb;
    int ka = MoUnicode_KIND(a), kb = MoUnicode_KIND(b);
    const void *da = MoUnicode_DATA(a), *db = MoUnicode_DATA(b);
    if (ka == MoUnicode_1BYTE_KIND && kb == MoUnicode_1BYTE_KIND) {
        int c = memcmp(da, db, (size_t)n);
        if (c != 0)
            return c < 0 ? -1 : 1;
    } else {
        for (Mo_ssize_t i = 0; i < n; i++) {
            Mo_UCS4 ca = MoUnicode_READ(ka, da, i), cb = MoUnicode_READ(kb, db, i);
            if (ca != cb)
                return ca < cb ? -1 : 1;
        }
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

int _MoUnicode_Equal(MoObject *a, MoObject *b)
{
    if (a == b)
        return 1;
    if (MoUnicode_GET_LENGTH(a) != MoUnicode_GET_LENGTH(b))
        return 0;
    if (MoUnicode_KIND(a) != MoUnicode_KIND(b))   /* invariant 2: cannot be equal */
        return 0;
    return memcmp(MoUnicode_DATA(a), MoUnicode_DATA(b),
                  (size_t)(MoUnicode_GET_LENGTH(a) * MoUnicode_KIND(a))) == 0;
}

int _MoUnicode_EqualToASCIIString(MoObject *s, const char *ascii)
{
    if (!MoUnicode_IS_ASCII(s))
        return 0;
    size_t n = strlen(ascii);
    return (size_t)MoUnicode_GET_LENGTH(s) == n && memcmp(MoUnicode_DATA(s), ascii, n) == 0;
}

int MoUnicode_Compare(MoObject *a, MoObject *b)
{
    if (a == NULL || b == NULL || !MoUnicode_Check(a) || !MoUnicode_Check(b)) {
        MoErr_Format(MoExc_TypeError, "Can't compare %.100s and %.100s",
                     a ? _Mo_TypeName(a) : "NULL", b ? _Mo_TypeName(b) : "NULL");
        return -1;
    }
    return unicode_compare_chars(a, b);
}

static MoObject *unicode_richcompare(MoObject *a, MoObject *b, int op)
{
    if (!MoUnicode_Check(a) || !MoUnicode_Check(b))
        Mo_RETURN_NOTIMPLEMENTED;
    if (op == MO_EQ || op == MO_NE)
        return _MoBool_From(_MoUnicode_Equal(a, b) == (op == MO_EQ));
    int c = unicode_compare_chars(a, b);
    switch (op) {
    case MO_LT: return _MoBool_From(c < 0);
    case MO_LE: return _MoBool_From(c <= 0);
    case MO_GT: return _MoBool_From(c > 0);
    default: return _MoBool_From(c >= 0);
    }
}

/* region unicode_hash */
/* SipHash over the characters as stored (1, 2 or 4 bytes each), as 3.11 does:
   by invariant 2, equal strings hash the same bytes. Computed once, then cached. */
static Mo_hash_t unicode_hash(MoObject *s)
{
    MoASCIIObject *a = UNICODE_ASCII(s);
    if (a->hash == -1)
        a->hash = _Mo_HashBytes(MoUnicode_DATA(s), a->length * (Mo_ssize_t)a->state.kind);
    return a->hash;
}
/* endregion unicode_hash */

/* ============================================================= concatenation */

MoObject *MoUnicode_Concat(MoObject *a, MoObject *b)
{
    if (!MoUnicode_Check(a)) {
        MoErr_Format(MoExc_TypeError, "must be str, not %.100s", _Mo_TypeName(a));
        return NULL;
    }
    if (!MoUnicode_Check(b)) {
        MoErr_Format(MoExc_TypeError, "can only concatenate str (not \"%.200s\") to str", _Mo_TypeName(b));
        return NULL;
    }
    Mo_ssize_t la = MoUnicode_GET_LENGTH(a), lb = MoUnicode_GET_LENGTH(b);
    if (la == 0)
        return Mo_NewRef(b);
    if (lb == 0)
        return Mo_NewRef(a);
    if (la > MO_SSIZE_T_MAX - lb) {
        MoErr_SetString(MoExc_OverflowError, "strings are too large to concat");
        return NULL;
    }
    Mo_UCS4 ma = unicode_max_bound(a), mb = unicode_max_bound(b);
    MoObject *res = MoUnicode_New(la + lb, ma > mb ? ma : mb);
    if (res == NULL)
        return NULL;
    unicode_copy_chars(res, 0, a);
    unicode_copy_chars(res, la, b);
    return res;
}

/* May s be changed in place? Only if nobody else can see it: one reference, an
   exact str, not interned, not a singleton, and no hash computed yet (a dict or
   set may hold it by that hash). */
static int unicode_modifiable(MoObject *s)
{
    return Mo_REFCNT(s) == 1 && MoUnicode_CheckExact(s) && UNICODE_ASCII(s)->hash == -1
        && UNICODE_ASCII(s)->state.interned == SSTATE_NOT_INTERNED && !unicode_is_static(s);
}

/* region unicode_resize */
/* Grow s (modifiable) to new_len characters of the same kind with one realloc.
   The block may move: the live-object bookkeeping follows it, and the count (1)
   is carried over. Returns the (maybe new) address, or NULL with MemoryError and
   s still valid and unchanged (but for its UTF-8 cache, which is dropped first). */
static MoObject *unicode_resize_in_place(MoObject *s, Mo_ssize_t new_len)
{
    int kind = MoUnicode_KIND(s), ascii = MoUnicode_IS_ASCII(s);
    size_t header = ascii ? sizeof(MoASCIIObject) : sizeof(MoCompactUnicodeObject);
    if ((size_t)new_len > ((size_t)MO_SSIZE_T_MAX - header) / (size_t)kind - 1)
        return MoErr_NoMemory();
    if (!ascii && UNICODE_COMPACT(s)->utf8 != NULL) {   /* the cached copy is stale */
        MoMem_Free(UNICODE_COMPACT(s)->utf8);
        UNICODE_COMPACT(s)->utf8 = NULL;
        UNICODE_COMPACT(s)->utf8_length = 0;
    }
    _Mo_ForgetReference(s);
    MoObject *r = MoObject_Realloc(s, header + ((size_t)new_len + 1) * (size_t)kind);
    _Mo_NewReference(r != NULL ? r : s);
#ifdef MO_DEBUG
    _Mo_RefTotal--;   /* the count is carried over, not a new reference */
#endif
    if (r == NULL)
        return MoErr_NoMemory();
    UNICODE_ASCII(r)->length = new_len;
    unicode_put(kind, MoUnicode_DATA(r), new_len, 0);
    return r;
}
/* endregion unicode_resize */

/* region unicode_append */
void MoUnicode_Append(MoObject **pleft, MoObject *right)
{
    if (pleft == NULL || *pleft == NULL)
        return;
    MoObject *left = *pleft;
    if (right == NULL || !MoUnicode_Check(left) || !MoUnicode_Check(right)) {
        if (!MoErr_Occurred())
            MoErr_BadInternalCall();
        goto error;
    }
    Mo_ssize_t la = MoUnicode_GET_LENGTH(left), lb = MoUnicode_GET_LENGTH(right);
    if (lb == 0)
        return;
    if (la == 0 && MoUnicode_CheckExact(right)) {
        Mo_SETREF(*pleft, Mo_NewRef(right));
        return;
    }
    if (la > MO_SSIZE_T_MAX - lb) {
        MoErr_SetString(MoExc_OverflowError, "strings are too large to concat");
        goto error;
    }
    if (unicode_modifiable(left) && MoUnicode_CheckExact(right)
        && MoUnicode_KIND(right) <= MoUnicode_KIND(left)
        && !(MoUnicode_IS_ASCII(left) && !MoUnicode_IS_ASCII(right))) {
        /* the in-place path: nobody else sees left, and right fits its width */
        MoObject *grown = unicode_resize_in_place(left, la + lb);
        if (grown == NULL)
            goto error;
        unicode_copy_chars(grown, la, right);
        *pleft = grown;
        return;
    }
    MoObject *res = MoUnicode_Concat(left, right);
    if (res == NULL)
        goto error;
    Mo_SETREF(*pleft, res);
    return;
error:
    Mo_CLEAR(*pleft);
}
/* endregion unicode_append */

void MoUnicode_AppendAndDel(MoObject **pleft, MoObject *right)
{
    MoUnicode_Append(pleft, right);
    Mo_XDECREF(right);
}

static MoObject *unicode_repeat(MoObject *s, Mo_ssize_t n)
{
    Mo_ssize_t len = MoUnicode_GET_LENGTH(s);
    if (n < 1 || len == 0)
        return Mo_NewRef(_MoUnicode_Empty());
    if (n == 1 && MoUnicode_CheckExact(s))
        return Mo_NewRef(s);
    if (len > MO_SSIZE_T_MAX / n) {
        MoErr_SetString(MoExc_OverflowError, "repeated string is too long");
        return NULL;
    }
    MoObject *res = MoUnicode_New(len * n, unicode_max_bound(s));
    if (res == NULL)
        return NULL;
    /* copy once, then double the copied prefix until the string is full */
    size_t chunk = (size_t)(len * MoUnicode_KIND(s)), total = chunk * (size_t)n;
    char *data = MoUnicode_DATA(res);
    memcpy(data, MoUnicode_DATA(s), chunk);
    for (size_t done = chunk; done < total; done *= 2)
        memcpy(data + done, data, done <= total - done ? done : total - done);
    return res;
}

/* Index of sub in s, or -1 (both str; a naive scan on code points). */
static Mo_ssize_t unicode_find(MoObject *s, MoObject *sub)
{
    Mo_ssize_t n = MoUnicode_GET_LENGTH(s), m = MoUnicode_GET_LENGTH(sub);
    int ks = MoUnicode_KIND(s), km = MoUnicode_KIND(sub);
    const void *ds = MoUnicode_DATA(s), *dm = MoUnicode_DATA(sub);
    if (km > ks)   /* sub has a character too wide to occur in s (invariant 2) */
        return -1;
    for (Mo_ssize_t i = 0; i + m <= n; i++) {
        Mo_ssize_t j = 0;
        while (j < m && MoUnicode_READ(ks, ds, i + j) == MoUnicode_READ(km, dm, j))
            j++;
        if (j == m)
            return i;
    }
    return -1;
}

static int unicode_contains(MoObject *s, MoObject *sub)
{
    if (!MoUnicode_Check(sub)) {
        MoErr_Format(MoExc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                     _Mo_TypeName(sub));
        return -1;
    }
    return unicode_find(s, sub) >= 0;
}

/* ---------------------------------------------------------------------- join */

/* new: the items of iterable, all checked to be str, in a MoMem array of new
   references; *n gets their number. NULL with TypeError as str.join reports it. */
static MoObject **join_collect(MoObject *iterable, Mo_ssize_t *n)
{
    MoObject *it = MoObject_GetIter(iterable);
    if (it == NULL) {
        if (MoErr_ExceptionMatches(MoExc_TypeError)) {
            MoErr_Clear();
            MoErr_SetString(MoExc_TypeError, "can only join an iterable");
        }
        return NULL;
    }
    Mo_ssize_t count = 0, cap = 8;
    MoObject **items = MoMem_Malloc((size_t)cap * sizeof *items), *item;
    if (items == NULL)
        goto nomem;
    while ((item = MoIter_Next(it)) != NULL) {
        if (!MoUnicode_Check(item)) {
            MoErr_Format(MoExc_TypeError, "sequence item %zd: expected str instance, %.80s found", count,
                         _Mo_TypeName(item));
            Mo_DECREF(item);
            goto fail;
        }
        if (count == cap) {
            MoObject **grown = MoMem_Realloc(items, (size_t)(cap *= 2) * sizeof *items);
            if (grown == NULL) {
                Mo_DECREF(item);
                goto nomem;
            }
            items = grown;
        }
        items[count++] = item;
    }
    if (MoErr_Occurred())
        goto fail;
    Mo_DECREF(it);
    *n = count;
    return items;
nomem:
    MoErr_NoMemory();
fail:
    while (count > 0)
        Mo_DECREF(items[--count]);
    MoMem_Free(items);
    Mo_DECREF(it);
    return NULL;
}

/* new: sep placed between the n items (no item or separator may be NULL). */
static MoObject *join_items(MoObject *sep, MoObject **items, Mo_ssize_t n)
{
    if (n == 0)
        return Mo_NewRef(_MoUnicode_Empty());
    if (n == 1 && MoUnicode_CheckExact(items[0]))
        return Mo_NewRef(items[0]);
    Mo_ssize_t seplen = MoUnicode_GET_LENGTH(sep), total = 0;
    Mo_UCS4 maxchar = seplen > 0 ? unicode_max_bound(sep) : 0;
    for (Mo_ssize_t i = 0; i < n; i++) {
        Mo_ssize_t add = MoUnicode_GET_LENGTH(items[i]) + (i > 0 ? seplen : 0);
        if (total > MO_SSIZE_T_MAX - add) {
            MoErr_SetString(MoExc_OverflowError, "join() result is too long for a Python string");
            return NULL;
        }
        total += add;
        Mo_UCS4 m = unicode_max_bound(items[i]);
        if (MoUnicode_GET_LENGTH(items[i]) > 0 && m > maxchar)
            maxchar = m;
    }
    MoObject *res = MoUnicode_New(total, maxchar);
    if (res == NULL)
        return NULL;
    Mo_ssize_t at = 0;
    for (Mo_ssize_t i = 0; i < n; i++) {
        if (i > 0 && seplen > 0) {
            unicode_copy_chars(res, at, sep);
            at += seplen;
        }
        unicode_copy_chars(res, at, items[i]);
        at += MoUnicode_GET_LENGTH(items[i]);
    }
    return res;
}

MoObject *MoUnicode_Join(MoObject *sep, MoObject *iterable)
{
    if (sep == NULL)
        sep = (MoObject *)&unicode_ascii_chars[' '];
    if (!MoUnicode_Check(sep)) {
        MoErr_Format(MoExc_TypeError, "separator: expected str instance, %.80s found", _Mo_TypeName(sep));
        return NULL;
    }
    Mo_ssize_t n;
    MoObject **items = join_collect(iterable, &n);
    if (items == NULL)
        return NULL;
    MoObject *res = join_items(sep, items, n);
    for (Mo_ssize_t i = 0; i < n; i++)
        Mo_DECREF(items[i]);
    MoMem_Free(items);
    return res;
}

/* ====================================================================== repr */

/* Generated from CPython 3.11's str.isprintable() (Unicode 14.0.0): the
   non-printable code points at or above U+0080, as sorted closed ranges. */
static const Mo_UCS4 unicode_nonprintable[][2] = {
    {0x80, 0xa0}, {0xad, 0xad}, {0x378, 0x379}, {0x380, 0x383}, {0x38b, 0x38b},
    {0x38d, 0x38d}, {0x3a2, 0x3a2}, {0x530, 0x530}, {0x557, 0x558}, {0x58b, 0x58c},
    {0x590, 0x590}, {0x5c8, 0x5cf}, {0x5eb, 0x5ee}, {0x5f5, 0x605}, {0x61c, 0x61c},
    {0x6dd, 0x6dd}, {0x70e, 0x70f}, {0x74b, 0x74c}, {0x7b2, 0x7bf}, {0x7fb, 0x7fc},
    {0x82e, 0x82f}, {0x83f, 0x83f}, {0x85c, 0x85d}, {0x85f, 0x85f}, {0x86b, 0x86f},
    {0x88f, 0x897}, {0x8e2, 0x8e2}, {0x984, 0x984}, {0x98d, 0x98e}, {0x991, 0x992},
    {0x9a9, 0x9a9}, {0x9b1, 0x9b1}, {0x9b3, 0x9b5}, {0x9ba, 0x9bb}, {0x9c5, 0x9c6},
    {0x9c9, 0x9ca}, {0x9cf, 0x9d6}, {0x9d8, 0x9db}, {0x9de, 0x9de}, {0x9e4, 0x9e5},
    {0x9ff, 0xa00}, {0xa04, 0xa04}, {0xa0b, 0xa0e}, {0xa11, 0xa12}, {0xa29, 0xa29},
    {0xa31, 0xa31}, {0xa34, 0xa34}, {0xa37, 0xa37}, {0xa3a, 0xa3b}, {0xa3d, 0xa3d},
    {0xa43, 0xa46}, {0xa49, 0xa4a}, {0xa4e, 0xa50}, {0xa52, 0xa58}, {0xa5d, 0xa5d},
    {0xa5f, 0xa65}, {0xa77, 0xa80}, {0xa84, 0xa84}, {0xa8e, 0xa8e}, {0xa92, 0xa92},
    {0xaa9, 0xaa9}, {0xab1, 0xab1}, {0xab4, 0xab4}, {0xaba, 0xabb}, {0xac6, 0xac6},
    {0xaca, 0xaca}, {0xace, 0xacf}, {0xad1, 0xadf}, {0xae4, 0xae5}, {0xaf2, 0xaf8},
    {0xb00, 0xb00}, {0xb04, 0xb04}, {0xb0d, 0xb0e}, {0xb11, 0xb12}, {0xb29, 0xb29},
    {0xb31, 0xb31}, {0xb34, 0xb34}, {0xb3a, 0xb3b}, {0xb45, 0xb46}, {0xb49, 0xb4a},
    {0xb4e, 0xb54}, {0xb58, 0xb5b}, {0xb5e, 0xb5e}, {0xb64, 0xb65}, {0xb78, 0xb81},
    {0xb84, 0xb84}, {0xb8b, 0xb8d}, {0xb91, 0xb91}, {0xb96, 0xb98}, {0xb9b, 0xb9b},
    {0xb9d, 0xb9d}, {0xba0, 0xba2}, {0xba5, 0xba7}, {0xbab, 0xbad}, {0xbba, 0xbbd},
    {0xbc3, 0xbc5}, {0xbc9, 0xbc9}, {0xbce, 0xbcf}, {0xbd1, 0xbd6}, {0xbd8, 0xbe5},
    {0xbfb, 0xbff}, {0xc0d, 0xc0d}, {0xc11, 0xc11}, {0xc29, 0xc29}, {0xc3a, 0xc3b},
    {0xc45, 0xc45}, {0xc49, 0xc49}, {0xc4e, 0xc54}, {0xc57, 0xc57}, {0xc5b, 0xc5c},
    {0xc5e, 0xc5f}, {0xc64, 0xc65}, {0xc70, 0xc76}, {0xc8d, 0xc8d}, {0xc91, 0xc91},
    {0xca9, 0xca9}, {0xcb4, 0xcb4}, {0xcba, 0xcbb}, {0xcc5, 0xcc5}, {0xcc9, 0xcc9},
    {0xcce, 0xcd4}, {0xcd7, 0xcdc}, {0xcdf, 0xcdf}, {0xce4, 0xce5}, {0xcf0, 0xcf0},
    {0xcf3, 0xcff}, {0xd0d, 0xd0d}, {0xd11, 0xd11}, {0xd45, 0xd45}, {0xd49, 0xd49},
    {0xd50, 0xd53}, {0xd64, 0xd65}, {0xd80, 0xd80}, {0xd84, 0xd84}, {0xd97, 0xd99},
    {0xdb2, 0xdb2}, {0xdbc, 0xdbc}, {0xdbe, 0xdbf}, {0xdc7, 0xdc9}, {0xdcb, 0xdce},
    {0xdd5, 0xdd5}, {0xdd7, 0xdd7}, {0xde0, 0xde5}, {0xdf0, 0xdf1}, {0xdf5, 0xe00},
    {0xe3b, 0xe3e}, {0xe5c, 0xe80}, {0xe83, 0xe83}, {0xe85, 0xe85}, {0xe8b, 0xe8b},
    {0xea4, 0xea4}, {0xea6, 0xea6}, {0xebe, 0xebf}, {0xec5, 0xec5}, {0xec7, 0xec7},
    {0xece, 0xecf}, {0xeda, 0xedb}, {0xee0, 0xeff}, {0xf48, 0xf48}, {0xf6d, 0xf70},
    {0xf98, 0xf98}, {0xfbd, 0xfbd}, {0xfcd, 0xfcd}, {0xfdb, 0xfff}, {0x10c6, 0x10c6},
    {0x10c8, 0x10cc}, {0x10ce, 0x10cf}, {0x1249, 0x1249}, {0x124e, 0x124f}, {0x1257, 0x1257},
    {0x1259, 0x1259}, {0x125e, 0x125f}, {0x1289, 0x1289}, {0x128e, 0x128f}, {0x12b1, 0x12b1},
    {0x12b6, 0x12b7}, {0x12bf, 0x12bf}, {0x12c1, 0x12c1}, {0x12c6, 0x12c7}, {0x12d7, 0x12d7},
    {0x1311, 0x1311}, {0x1316, 0x1317}, {0x135b, 0x135c}, {0x137d, 0x137f}, {0x139a, 0x139f},
    {0x13f6, 0x13f7}, {0x13fe, 0x13ff}, {0x1680, 0x1680}, {0x169d, 0x169f}, {0x16f9, 0x16ff},
    {0x1716, 0x171e}, {0x1737, 0x173f}, {0x1754, 0x175f}, {0x176d, 0x176d}, {0x1771, 0x1771},
    {0x1774, 0x177f}, {0x17de, 0x17df}, {0x17ea, 0x17ef}, {0x17fa, 0x17ff}, {0x180e, 0x180e},
    {0x181a, 0x181f}, {0x1879, 0x187f}, {0x18ab, 0x18af}, {0x18f6, 0x18ff}, {0x191f, 0x191f},
    {0x192c, 0x192f}, {0x193c, 0x193f}, {0x1941, 0x1943}, {0x196e, 0x196f}, {0x1975, 0x197f},
    {0x19ac, 0x19af}, {0x19ca, 0x19cf}, {0x19db, 0x19dd}, {0x1a1c, 0x1a1d}, {0x1a5f, 0x1a5f},
    {0x1a7d, 0x1a7e}, {0x1a8a, 0x1a8f}, {0x1a9a, 0x1a9f}, {0x1aae, 0x1aaf}, {0x1acf, 0x1aff},
    {0x1b4d, 0x1b4f}, {0x1b7f, 0x1b7f}, {0x1bf4, 0x1bfb}, {0x1c38, 0x1c3a}, {0x1c4a, 0x1c4c},
    {0x1c89, 0x1c8f}, {0x1cbb, 0x1cbc}, {0x1cc8, 0x1ccf}, {0x1cfb, 0x1cff}, {0x1f16, 0x1f17},
    {0x1f1e, 0x1f1f}, {0x1f46, 0x1f47}, {0x1f4e, 0x1f4f}, {0x1f58, 0x1f58}, {0x1f5a, 0x1f5a},
    {0x1f5c, 0x1f5c}, {0x1f5e, 0x1f5e}, {0x1f7e, 0x1f7f}, {0x1fb5, 0x1fb5}, {0x1fc5, 0x1fc5},
    {0x1fd4, 0x1fd5}, {0x1fdc, 0x1fdc}, {0x1ff0, 0x1ff1}, {0x1ff5, 0x1ff5}, {0x1fff, 0x200f},
    {0x2028, 0x202f}, {0x205f, 0x206f}, {0x2072, 0x2073}, {0x208f, 0x208f}, {0x209d, 0x209f},
    {0x20c1, 0x20cf}, {0x20f1, 0x20ff}, {0x218c, 0x218f}, {0x2427, 0x243f}, {0x244b, 0x245f},
    {0x2b74, 0x2b75}, {0x2b96, 0x2b96}, {0x2cf4, 0x2cf8}, {0x2d26, 0x2d26}, {0x2d28, 0x2d2c},
    {0x2d2e, 0x2d2f}, {0x2d68, 0x2d6e}, {0x2d71, 0x2d7e}, {0x2d97, 0x2d9f}, {0x2da7, 0x2da7},
    {0x2daf, 0x2daf}, {0x2db7, 0x2db7}, {0x2dbf, 0x2dbf}, {0x2dc7, 0x2dc7}, {0x2dcf, 0x2dcf},
    {0x2dd7, 0x2dd7}, {0x2ddf, 0x2ddf}, {0x2e5e, 0x2e7f}, {0x2e9a, 0x2e9a}, {0x2ef4, 0x2eff},
    {0x2fd6, 0x2fef}, {0x2ffc, 0x3000}, {0x3040, 0x3040}, {0x3097, 0x3098}, {0x3100, 0x3104},
    {0x3130, 0x3130}, {0x318f, 0x318f}, {0x31e4, 0x31ef}, {0x321f, 0x321f}, {0xa48d, 0xa48f},
    {0xa4c7, 0xa4cf}, {0xa62c, 0xa63f}, {0xa6f8, 0xa6ff}, {0xa7cb, 0xa7cf}, {0xa7d2, 0xa7d2},
    {0xa7d4, 0xa7d4}, {0xa7da, 0xa7f1}, {0xa82d, 0xa82f}, {0xa83a, 0xa83f}, {0xa878, 0xa87f},
    {0xa8c6, 0xa8cd}, {0xa8da, 0xa8df}, {0xa954, 0xa95e}, {0xa97d, 0xa97f}, {0xa9ce, 0xa9ce},
    {0xa9da, 0xa9dd}, {0xa9ff, 0xa9ff}, {0xaa37, 0xaa3f}, {0xaa4e, 0xaa4f}, {0xaa5a, 0xaa5b},
    {0xaac3, 0xaada}, {0xaaf7, 0xab00}, {0xab07, 0xab08}, {0xab0f, 0xab10}, {0xab17, 0xab1f},
    {0xab27, 0xab27}, {0xab2f, 0xab2f}, {0xab6c, 0xab6f}, {0xabee, 0xabef}, {0xabfa, 0xabff},
    {0xd7a4, 0xd7af}, {0xd7c7, 0xd7ca}, {0xd7fc, 0xf8ff}, {0xfa6e, 0xfa6f}, {0xfada, 0xfaff},
    {0xfb07, 0xfb12}, {0xfb18, 0xfb1c}, {0xfb37, 0xfb37}, {0xfb3d, 0xfb3d}, {0xfb3f, 0xfb3f},
    {0xfb42, 0xfb42}, {0xfb45, 0xfb45}, {0xfbc3, 0xfbd2}, {0xfd90, 0xfd91}, {0xfdc8, 0xfdce},
    {0xfdd0, 0xfdef}, {0xfe1a, 0xfe1f}, {0xfe53, 0xfe53}, {0xfe67, 0xfe67}, {0xfe6c, 0xfe6f},
    {0xfe75, 0xfe75}, {0xfefd, 0xff00}, {0xffbf, 0xffc1}, {0xffc8, 0xffc9}, {0xffd0, 0xffd1},
    {0xffd8, 0xffd9}, {0xffdd, 0xffdf}, {0xffe7, 0xffe7}, {0xffef, 0xfffb}, {0xfffe, 0xffff},
    {0x1000c, 0x1000c}, {0x10027, 0x10027}, {0x1003b, 0x1003b}, {0x1003e, 0x1003e}, {0x1004e, 0x1004f},
    {0x1005e, 0x1007f}, {0x100fb, 0x100ff}, {0x10103, 0x10106}, {0x10134, 0x10136}, {0x1018f, 0x1018f},
    {0x1019d, 0x1019f}, {0x101a1, 0x101cf}, {0x101fe, 0x1027f}, {0x1029d, 0x1029f}, {0x102d1, 0x102df},
    {0x102fc, 0x102ff}, {0x10324, 0x1032c}, {0x1034b, 0x1034f}, {0x1037b, 0x1037f}, {0x1039e, 0x1039e},
    {0x103c4, 0x103c7}, {0x103d6, 0x103ff}, {0x1049e, 0x1049f}, {0x104aa, 0x104af}, {0x104d4, 0x104d7},
    {0x104fc, 0x104ff}, {0x10528, 0x1052f}, {0x10564, 0x1056e}, {0x1057b, 0x1057b}, {0x1058b, 0x1058b},
    {0x10593, 0x10593}, {0x10596, 0x10596}, {0x105a2, 0x105a2}, {0x105b2, 0x105b2}, {0x105ba, 0x105ba},
    {0x105bd, 0x105ff}, {0x10737, 0x1073f}, {0x10756, 0x1075f}, {0x10768, 0x1077f}, {0x10786, 0x10786},
    {0x107b1, 0x107b1}, {0x107bb, 0x107ff}, {0x10806, 0x10807}, {0x10809, 0x10809}, {0x10836, 0x10836},
    {0x10839, 0x1083b}, {0x1083d, 0x1083e}, {0x10856, 0x10856}, {0x1089f, 0x108a6}, {0x108b0, 0x108df},
    {0x108f3, 0x108f3}, {0x108f6, 0x108fa}, {0x1091c, 0x1091e}, {0x1093a, 0x1093e}, {0x10940, 0x1097f},
    {0x109b8, 0x109bb}, {0x109d0, 0x109d1}, {0x10a04, 0x10a04}, {0x10a07, 0x10a0b}, {0x10a14, 0x10a14},
    {0x10a18, 0x10a18}, {0x10a36, 0x10a37}, {0x10a3b, 0x10a3e}, {0x10a49, 0x10a4f}, {0x10a59, 0x10a5f},
    {0x10aa0, 0x10abf}, {0x10ae7, 0x10aea}, {0x10af7, 0x10aff}, {0x10b36, 0x10b38}, {0x10b56, 0x10b57},
    {0x10b73, 0x10b77}, {0x10b92, 0x10b98}, {0x10b9d, 0x10ba8}, {0x10bb0, 0x10bff}, {0x10c49, 0x10c7f},
    {0x10cb3, 0x10cbf}, {0x10cf3, 0x10cf9}, {0x10d28, 0x10d2f}, {0x10d3a, 0x10e5f}, {0x10e7f, 0x10e7f},
    {0x10eaa, 0x10eaa}, {0x10eae, 0x10eaf}, {0x10eb2, 0x10eff}, {0x10f28, 0x10f2f}, {0x10f5a, 0x10f6f},
    {0x10f8a, 0x10faf}, {0x10fcc, 0x10fdf}, {0x10ff7, 0x10fff}, {0x1104e, 0x11051}, {0x11076, 0x1107e},
    {0x110bd, 0x110bd}, {0x110c3, 0x110cf}, {0x110e9, 0x110ef}, {0x110fa, 0x110ff}, {0x11135, 0x11135},
    {0x11148, 0x1114f}, {0x11177, 0x1117f}, {0x111e0, 0x111e0}, {0x111f5, 0x111ff}, {0x11212, 0x11212},
    {0x1123f, 0x1127f}, {0x11287, 0x11287}, {0x11289, 0x11289}, {0x1128e, 0x1128e}, {0x1129e, 0x1129e},
    {0x112aa, 0x112af}, {0x112eb, 0x112ef}, {0x112fa, 0x112ff}, {0x11304, 0x11304}, {0x1130d, 0x1130e},
    {0x11311, 0x11312}, {0x11329, 0x11329}, {0x11331, 0x11331}, {0x11334, 0x11334}, {0x1133a, 0x1133a},
    {0x11345, 0x11346}, {0x11349, 0x1134a}, {0x1134e, 0x1134f}, {0x11351, 0x11356}, {0x11358, 0x1135c},
    {0x11364, 0x11365}, {0x1136d, 0x1136f}, {0x11375, 0x113ff}, {0x1145c, 0x1145c}, {0x11462, 0x1147f},
    {0x114c8, 0x114cf}, {0x114da, 0x1157f}, {0x115b6, 0x115b7}, {0x115de, 0x115ff}, {0x11645, 0x1164f},
    {0x1165a, 0x1165f}, {0x1166d, 0x1167f}, {0x116ba, 0x116bf}, {0x116ca, 0x116ff}, {0x1171b, 0x1171c},
    {0x1172c, 0x1172f}, {0x11747, 0x117ff}, {0x1183c, 0x1189f}, {0x118f3, 0x118fe}, {0x11907, 0x11908},
    {0x1190a, 0x1190b}, {0x11914, 0x11914}, {0x11917, 0x11917}, {0x11936, 0x11936}, {0x11939, 0x1193a},
    {0x11947, 0x1194f}, {0x1195a, 0x1199f}, {0x119a8, 0x119a9}, {0x119d8, 0x119d9}, {0x119e5, 0x119ff},
    {0x11a48, 0x11a4f}, {0x11aa3, 0x11aaf}, {0x11af9, 0x11bff}, {0x11c09, 0x11c09}, {0x11c37, 0x11c37},
    {0x11c46, 0x11c4f}, {0x11c6d, 0x11c6f}, {0x11c90, 0x11c91}, {0x11ca8, 0x11ca8}, {0x11cb7, 0x11cff},
    {0x11d07, 0x11d07}, {0x11d0a, 0x11d0a}, {0x11d37, 0x11d39}, {0x11d3b, 0x11d3b}, {0x11d3e, 0x11d3e},
    {0x11d48, 0x11d4f}, {0x11d5a, 0x11d5f}, {0x11d66, 0x11d66}, {0x11d69, 0x11d69}, {0x11d8f, 0x11d8f},
    {0x11d92, 0x11d92}, {0x11d99, 0x11d9f}, {0x11daa, 0x11edf}, {0x11ef9, 0x11faf}, {0x11fb1, 0x11fbf},
    {0x11ff2, 0x11ffe}, {0x1239a, 0x123ff}, {0x1246f, 0x1246f}, {0x12475, 0x1247f}, {0x12544, 0x12f8f},
    {0x12ff3, 0x12fff}, {0x1342f, 0x143ff}, {0x14647, 0x167ff}, {0x16a39, 0x16a3f}, {0x16a5f, 0x16a5f},
    {0x16a6a, 0x16a6d}, {0x16abf, 0x16abf}, {0x16aca, 0x16acf}, {0x16aee, 0x16aef}, {0x16af6, 0x16aff},
    {0x16b46, 0x16b4f}, {0x16b5a, 0x16b5a}, {0x16b62, 0x16b62}, {0x16b78, 0x16b7c}, {0x16b90, 0x16e3f},
    {0x16e9b, 0x16eff}, {0x16f4b, 0x16f4e}, {0x16f88, 0x16f8e}, {0x16fa0, 0x16fdf}, {0x16fe5, 0x16fef},
    {0x16ff2, 0x16fff}, {0x187f8, 0x187ff}, {0x18cd6, 0x18cff}, {0x18d09, 0x1afef}, {0x1aff4, 0x1aff4},
    {0x1affc, 0x1affc}, {0x1afff, 0x1afff}, {0x1b123, 0x1b14f}, {0x1b153, 0x1b163}, {0x1b168, 0x1b16f},
    {0x1b2fc, 0x1bbff}, {0x1bc6b, 0x1bc6f}, {0x1bc7d, 0x1bc7f}, {0x1bc89, 0x1bc8f}, {0x1bc9a, 0x1bc9b},
    {0x1bca0, 0x1ceff}, {0x1cf2e, 0x1cf2f}, {0x1cf47, 0x1cf4f}, {0x1cfc4, 0x1cfff}, {0x1d0f6, 0x1d0ff},
    {0x1d127, 0x1d128}, {0x1d173, 0x1d17a}, {0x1d1eb, 0x1d1ff}, {0x1d246, 0x1d2df}, {0x1d2f4, 0x1d2ff},
    {0x1d357, 0x1d35f}, {0x1d379, 0x1d3ff}, {0x1d455, 0x1d455}, {0x1d49d, 0x1d49d}, {0x1d4a0, 0x1d4a1},
    {0x1d4a3, 0x1d4a4}, {0x1d4a7, 0x1d4a8}, {0x1d4ad, 0x1d4ad}, {0x1d4ba, 0x1d4ba}, {0x1d4bc, 0x1d4bc},
    {0x1d4c4, 0x1d4c4}, {0x1d506, 0x1d506}, {0x1d50b, 0x1d50c}, {0x1d515, 0x1d515}, {0x1d51d, 0x1d51d},
    {0x1d53a, 0x1d53a}, {0x1d53f, 0x1d53f}, {0x1d545, 0x1d545}, {0x1d547, 0x1d549}, {0x1d551, 0x1d551},
    {0x1d6a6, 0x1d6a7}, {0x1d7cc, 0x1d7cd}, {0x1da8c, 0x1da9a}, {0x1daa0, 0x1daa0}, {0x1dab0, 0x1deff},
    {0x1df1f, 0x1dfff}, {0x1e007, 0x1e007}, {0x1e019, 0x1e01a}, {0x1e022, 0x1e022}, {0x1e025, 0x1e025},
    {0x1e02b, 0x1e0ff}, {0x1e12d, 0x1e12f}, {0x1e13e, 0x1e13f}, {0x1e14a, 0x1e14d}, {0x1e150, 0x1e28f},
    {0x1e2af, 0x1e2bf}, {0x1e2fa, 0x1e2fe}, {0x1e300, 0x1e7df}, {0x1e7e7, 0x1e7e7}, {0x1e7ec, 0x1e7ec},
    {0x1e7ef, 0x1e7ef}, {0x1e7ff, 0x1e7ff}, {0x1e8c5, 0x1e8c6}, {0x1e8d7, 0x1e8ff}, {0x1e94c, 0x1e94f},
    {0x1e95a, 0x1e95d}, {0x1e960, 0x1ec70}, {0x1ecb5, 0x1ed00}, {0x1ed3e, 0x1edff}, {0x1ee04, 0x1ee04},
    {0x1ee20, 0x1ee20}, {0x1ee23, 0x1ee23}, {0x1ee25, 0x1ee26}, {0x1ee28, 0x1ee28}, {0x1ee33, 0x1ee33},
    {0x1ee38, 0x1ee38}, {0x1ee3a, 0x1ee3a}, {0x1ee3c, 0x1ee41}, {0x1ee43, 0x1ee46}, {0x1ee48, 0x1ee48},
    {0x1ee4a, 0x1ee4a}, {0x1ee4c, 0x1ee4c}, {0x1ee50, 0x1ee50}, {0x1ee53, 0x1ee53}, {0x1ee55, 0x1ee56},
    {0x1ee58, 0x1ee58}, {0x1ee5a, 0x1ee5a}, {0x1ee5c, 0x1ee5c}, {0x1ee5e, 0x1ee5e}, {0x1ee60, 0x1ee60},
    {0x1ee63, 0x1ee63}, {0x1ee65, 0x1ee66}, {0x1ee6b, 0x1ee6b}, {0x1ee73, 0x1ee73}, {0x1ee78, 0x1ee78},
    {0x1ee7d, 0x1ee7d}, {0x1ee7f, 0x1ee7f}, {0x1ee8a, 0x1ee8a}, {0x1ee9c, 0x1eea0}, {0x1eea4, 0x1eea4},
    {0x1eeaa, 0x1eeaa}, {0x1eebc, 0x1eeef}, {0x1eef2, 0x1efff}, {0x1f02c, 0x1f02f}, {0x1f094, 0x1f09f},
    {0x1f0af, 0x1f0b0}, {0x1f0c0, 0x1f0c0}, {0x1f0d0, 0x1f0d0}, {0x1f0f6, 0x1f0ff}, {0x1f1ae, 0x1f1e5},
    {0x1f203, 0x1f20f}, {0x1f23c, 0x1f23f}, {0x1f249, 0x1f24f}, {0x1f252, 0x1f25f}, {0x1f266, 0x1f2ff},
    {0x1f6d8, 0x1f6dc}, {0x1f6ed, 0x1f6ef}, {0x1f6fd, 0x1f6ff}, {0x1f774, 0x1f77f}, {0x1f7d9, 0x1f7df},
    {0x1f7ec, 0x1f7ef}, {0x1f7f1, 0x1f7ff}, {0x1f80c, 0x1f80f}, {0x1f848, 0x1f84f}, {0x1f85a, 0x1f85f},
    {0x1f888, 0x1f88f}, {0x1f8ae, 0x1f8af}, {0x1f8b2, 0x1f8ff}, {0x1fa54, 0x1fa5f}, {0x1fa6e, 0x1fa6f},
    {0x1fa75, 0x1fa77}, {0x1fa7d, 0x1fa7f}, {0x1fa87, 0x1fa8f}, {0x1faad, 0x1faaf}, {0x1fabb, 0x1fabf},
    {0x1fac6, 0x1facf}, {0x1fada, 0x1fadf}, {0x1fae8, 0x1faef}, {0x1faf7, 0x1faff}, {0x1fb93, 0x1fb93},
    {0x1fbcb, 0x1fbef}, {0x1fbfa, 0x1ffff}, {0x2a6e0, 0x2a6ff}, {0x2b739, 0x2b73f}, {0x2b81e, 0x2b81f},
    {0x2cea2, 0x2ceaf}, {0x2ebe1, 0x2f7ff}, {0x2fa1e, 0x2ffff}, {0x3134b, 0xe00ff}, {0xe01f0, 0x10ffff},
};

static int unicode_isprintable(Mo_UCS4 ch)
{
    if (ch < 0x80)
        return ch >= 0x20 && ch != 0x7f;
    size_t lo = 0, hi = sizeof unicode_nonprintable / sizeof unicode_nonprintable[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ch < unicode_nonprintable[mid][0])
            hi = mid;
        else if (ch > unicode_nonprintable[mid][1])
            lo = mid + 1;
        else
            return 0;
    }
    return 1;
}

/* How repr shows ch inside the quote: 0 when as itself, else the length of the
   escape written to out (ASCII): \\ \' \t \n \r, \xhh, \uhhhh, \Uhhhhhhhh. */
static int repr_escape(Mo_UCS4 ch, Mo_UCS4 quote, char out[12])
{
    if (ch == quote || ch == '\\')
        return snprintf(out, 12, "\\%c", (char)ch);
    if (ch == '\t')
        return snprintf(out, 12, "\\t");
    if (ch == '\n')
        return snprintf(out, 12, "\\n");
    if (ch == '\r')
        return snprintf(out, 12, "\\r");
    if (unicode_isprintable(ch))
        return 0;
    if (ch <= 0xff)
        return snprintf(out, 12, "\\x%02x", (unsigned)ch);
    if (ch <= 0xffff)
        return snprintf(out, 12, "\\u%04x", (unsigned)ch);
    return snprintf(out, 12, "\\U%08x", (unsigned)ch);
}

/* Python's choice: single quotes, unless the text has one and no double quote. */
static Mo_UCS4 repr_quote(int kind, const void *data, Mo_ssize_t n)
{
    int single = 0, dbl = 0;
    for (Mo_ssize_t i = 0; i < n; i++) {
        Mo_UCS4 ch = MoUnicode_READ(kind, data, i);
        single |= ch == '\'';
        dbl |= ch == '"';
    }
    return single && !dbl ? '"' : '\'';
}

/* region unicode_repr */
/* Two passes, as 3.11's unicode_repr: measure (length, widest kept character),
   then write into a string of exactly that size. */
MoObject *_MoUnicode_Repr(MoObject *s)
{
    int kind = MoUnicode_KIND(s);
    const void *data = MoUnicode_DATA(s);
    Mo_ssize_t n = MoUnicode_GET_LENGTH(s), outlen = 2;
    Mo_UCS4 quote = repr_quote(kind, data, n), maxchar = 0x7f;
    char esc[12];
    if (n > (MO_SSIZE_T_MAX - 2) / 10) {
        MoErr_SetString(MoExc_OverflowError, "string is too long to generate repr");
        return NULL;
    }
    for (Mo_ssize_t i = 0; i < n; i++) {
        Mo_UCS4 ch = MoUnicode_READ(kind, data, i);
        int e = repr_escape(ch, quote, esc);
        outlen += e ? e : 1;
        if (e == 0 && ch > maxchar)
            maxchar = ch;
    }
    MoObject *res = MoUnicode_New(outlen, maxchar);
    if (res == NULL)
        return NULL;
    int rkind = MoUnicode_KIND(res);
    void *rdata = MoUnicode_DATA(res);
    Mo_ssize_t o = 0;
    unicode_put(rkind, rdata, o++, quote);
    for (Mo_ssize_t i = 0; i < n; i++) {
        Mo_UCS4 ch = MoUnicode_READ(kind, data, i);
        int e = repr_escape(ch, quote, esc);
        if (e == 0)
            unicode_put(rkind, rdata, o++, ch);
        for (int k = 0; k < e; k++)
            unicode_put(rkind, rdata, o++, (Mo_UCS1)esc[k]);
    }
    unicode_put(rkind, rdata, o, quote);
    return res;
}
/* endregion unicode_repr */

/* ================================================================== the type */

static MoObject *unicode_str(MoObject *s)
{
    if (MoUnicode_CheckExact(s))
        return Mo_NewRef(s);
    return MoUnicode_FromKindAndData(MoUnicode_KIND(s), MoUnicode_DATA(s), MoUnicode_GET_LENGTH(s));
}

static Mo_ssize_t unicode_length(MoObject *s)
{
    return MoUnicode_GET_LENGTH(s);
}

static MoObject *unicode_getitem(MoObject *s, Mo_ssize_t i)
{
    if (i < 0 || i >= MoUnicode_GET_LENGTH(s)) {
        MoErr_SetString(MoExc_IndexError, "string index out of range");
        return NULL;
    }
    return unicode_char(MoUnicode_READ(MoUnicode_KIND(s), MoUnicode_DATA(s), i));
}

static void unicode_dealloc(MoObject *op)
{
    if (unicode_is_static(op))
        Mo_FatalError("deallocating a static str singleton");
    if (UNICODE_ASCII(op)->state.interned != SSTATE_NOT_INTERNED)
        _MoUnicode_InternForget(op);
    if (!MoUnicode_IS_ASCII(op))
        MoMem_Free(UNICODE_COMPACT(op)->utf8);
    if (!MoUnicode_IS_COMPACT(op))
        MoObject_Free(((MoUnicodeObject *)op)->data.any);
    Mo_TYPE(op)->tp_free(op);
}

/* region unicode_subtype_new */
/* new: an instance of type, a subclass of str, equal to the str s (3.11's
   unicode_subtype_new): the legacy layout, the header from type->tp_alloc (the
   class's fields after it) and the characters copied into a block of their own,
   from the obj domain as there. The hash is s's; the copy is never interned. */
static MoObject *unicode_subtype_new(MoTypeObject *type, MoObject *s)
{
    MoObject *self = type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    MoASCIIObject *a = UNICODE_ASCII(self);
    Mo_ssize_t length = MoUnicode_GET_LENGTH(s);
    int kind = MoUnicode_KIND(s);
    a->length = length;
    a->hash = UNICODE_ASCII(s)->hash;
    a->state.kind = (unsigned)kind;
    a->state.ascii = UNICODE_ASCII(s)->state.ascii;
    a->state.ready = 1;   /* compact stays 0: data points to the characters */
    void *data = MoObject_Malloc((size_t)(length + 1) * (size_t)kind);
    if (data == NULL) {
        Mo_DECREF(self);
        return MoErr_NoMemory();
    }
    memcpy(data, MoUnicode_DATA(s), (size_t)(length + 1) * (size_t)kind);
    ((MoUnicodeObject *)self)->data.any = data;
    return self;
}
/* endregion unicode_subtype_new */

/* str(object='') when the type is called: the object's str (3.11's unicode_new,
   without the encoding and errors arguments), in an instance of a subclass when
   type is one. */
static MoObject *unicode_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"object", NULL};
    MoObject *x = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|O:str", kwlist, &x))
        return NULL;
    MoObject *s = x == NULL ? MoUnicode_New(0, 0) : MoObject_Str(x);
    if (s == NULL || type == &MoUnicode_Type)
        return s;
    MoObject *self = unicode_subtype_new(type, s);
    Mo_DECREF(s);
    return self;
}

/* s[i] (3.11's unicode_subscript, without slices, which the runtime has no
   objects for): a negative index counts from the end. */
static MoObject *unicode_subscript(MoObject *s, MoObject *key)
{
    if (!MoIndex_Check(key)) {
        MoErr_Format(MoExc_TypeError, "string indices must be integers, not '%.200s'", _Mo_TypeName(key));
        return NULL;
    }
    Mo_ssize_t i = MoNumber_AsSsize_t(key, MoExc_IndexError);
    if (i == -1 && MoErr_Occurred())
        return NULL;
    return unicode_getitem(s, i < 0 ? i + MoUnicode_GET_LENGTH(s) : i);
}

static MoMappingMethods unicode_as_mapping = {
    .mp_length = unicode_length,
    .mp_subscript = unicode_subscript,
};

static MoObject *unicode_iter(MoObject *s);

static MoSequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_concat = MoUnicode_Concat,
    .sq_repeat = unicode_repeat,
    .sq_item = unicode_getitem,
    .sq_contains = unicode_contains,
};

MoTypeObject MoUnicode_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "str",
    /* 3.11's str.__basicsize__ is 80, the legacy two-block PyUnicodeObject (the
       compact header and a data pointer): the layout of a subclass's instances.
       A str itself is compact: allocation and tp_sizeof measure that form. */
    .tp_basicsize = (Mo_ssize_t)sizeof(MoUnicodeObject),
    .tp_itemsize = 0,
    .tp_dealloc = unicode_dealloc,
    .tp_repr = _MoUnicode_Repr,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_hash = unicode_hash,
    .tp_str = unicode_str,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_UNICODE_SUBCLASS,
    .tp_doc = "str(object='') -> str",
    .tp_richcompare = unicode_richcompare,
    .tp_iter = unicode_iter,
    .tp_sizeof = unicode_sizeof,
    .tp_new = unicode_new,
};

/* ============================================================== the iterator */

/* 3.11 has two iterator types, str_ascii_iterator and str_iterator; both are GC
   objects (32 bytes + the 16-byte GC header: getsizeof(iter('abc')) == 48). */
typedef struct {
    MoObject_HEAD
    Mo_ssize_t it_index;
    MoObject *it_seq;   /* the string; NULL once exhausted */
} unicodeiterobject;

static void unicodeiter_dealloc(MoObject *op)
{
    MoObject_GC_UnTrack(op);
    Mo_XDECREF(((unicodeiterobject *)op)->it_seq);
    Mo_TYPE(op)->tp_free(op);
}

static int unicodeiter_traverse(MoObject *op, visitproc visit, void *arg)
{
    MoObject *seq = ((unicodeiterobject *)op)->it_seq;
    return seq != NULL ? visit(seq, arg) : 0;
}

static MoObject *unicodeiter_next(MoObject *op)
{
    unicodeiterobject *it = (unicodeiterobject *)op;
    if (it->it_seq == NULL)
        return NULL;
    if (it->it_index < MoUnicode_GET_LENGTH(it->it_seq)) {
        MoObject *s = it->it_seq;
        return unicode_char(MoUnicode_READ(MoUnicode_KIND(s), MoUnicode_DATA(s), it->it_index++));
    }
    Mo_CLEAR(it->it_seq);
    return NULL;
}

#define UNICODEITER_TYPE(name)                                          \
    {                                                                   \
        .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)              \
        .tp_name = name,                                                \
        .tp_basicsize = sizeof(unicodeiterobject),                      \
        .tp_dealloc = unicodeiter_dealloc,                              \
        .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,            \
        .tp_traverse = unicodeiter_traverse,                            \
        .tp_iter = MoObject_SelfIter,                                   \
        .tp_iternext = unicodeiter_next,                                \
    }
static MoTypeObject unicode_ascii_iter_type = UNICODEITER_TYPE("str_ascii_iterator");
static MoTypeObject unicode_iter_type = UNICODEITER_TYPE("str_iterator");
#undef UNICODEITER_TYPE

static MoObject *unicode_iter(MoObject *s)
{
    MoTypeObject *t = MoUnicode_IS_ASCII(s) ? &unicode_ascii_iter_type : &unicode_iter_type;
    unicodeiterobject *it = MoObject_GC_New(unicodeiterobject, t);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = Mo_NewRef(s);
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

/* ================================================================= lifecycle */

int _MoUnicode_Init(void)
{
    unicode_singletons_reset();
    if (MoType_Ready(&MoUnicode_Type) < 0 || MoType_Ready(&unicode_ascii_iter_type) < 0
        || MoType_Ready(&unicode_iter_type) < 0)
        return -1;
    return 0;
}

void _MoUnicode_Fini(void)
{
    _MoUnicode_InternFini();
    for (int i = 0; i < 128; i++) {   /* the UTF-8 copies AsUTF8 cached in singletons */
        MoCompactUnicodeObject *c = &unicode_latin1_chars[i].base;
        MoMem_Free(c->utf8);
        c->utf8 = NULL;
        c->utf8_length = 0;
    }
}
