/* Building a str piece by piece: the writer, and MoUnicode_FromFormat on top of it.
 *
 * The writer collects UTF-8 in a growing MoMem buffer; _MoUnicodeWriter_Finish
 * decodes it once into a compact str of the narrowest kind. Writing a str never
 * asks it for its cached UTF-8 form (MoUnicode_AsUTF8 would grow the string's
 * getsizeof, which a repr must not do), it encodes the characters directly.
 * Invalid bytes that reach the buffer (a %s argument that is not UTF-8) become
 * U+FFFD, as CPython's "replace" handler does for %s; lone surrogates survive
 * (encoded as "surrogatepass" does).
 *
 * MoUnicode_FromFormatV reads the format left to right: plain text is copied,
 * each %-conversion is parsed into a spec (flags, width, precision, length
 * modifier) and written by format_arg. Start reading there.
 */
#include "internal.h"

#include <inttypes.h>
#include <string.h>

/* ================================================================ the writer */

void _MoUnicodeWriter_Init(_MoUnicodeWriter *w)
{
    w->buf = NULL;
    w->len = 0;
    w->cap = 0;
}

/* Make room for n more bytes. 0, or -1 with MemoryError (the writer unchanged). */
static int writer_reserve(_MoUnicodeWriter *w, Mo_ssize_t n)
{
    if (n <= w->cap - w->len)
        return 0;
    if (n > MO_SSIZE_T_MAX - w->len) {
        MoErr_NoMemory();
        return -1;
    }
    Mo_ssize_t need = w->len + n, cap = w->cap > 0 ? w->cap : 64;
    while (cap < need)
        cap = cap > MO_SSIZE_T_MAX / 2 ? need : cap * 2;
    char *buf = MoMem_Realloc(w->buf, (size_t)cap);
    if (buf == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    w->buf = buf;
    w->cap = cap;
    return 0;
}

int _MoUnicodeWriter_WriteASCII(_MoUnicodeWriter *w, const char *s, Mo_ssize_t n)
{
    if (n < 0)
        n = (Mo_ssize_t)strlen(s);
    if (writer_reserve(w, n) < 0)
        return -1;
    memcpy(w->buf + w->len, s, (size_t)n);
    w->len += n;
    return 0;
}

static int writer_write_char(_MoUnicodeWriter *w, Mo_UCS4 ch)
{
    if (writer_reserve(w, 4) < 0)
        return -1;
    w->len += _MoUnicode_EncodeCharUTF8(ch, w->buf + w->len);
    return 0;
}

static int writer_write_repeated(_MoUnicodeWriter *w, char c, Mo_ssize_t n)
{
    if (n <= 0)
        return 0;
    if (writer_reserve(w, n) < 0)
        return -1;
    memset(w->buf + w->len, c, (size_t)n);
    w->len += n;
    return 0;
}

/* The first n characters of str. */
static int writer_write_substr(_MoUnicodeWriter *w, MoObject *str, Mo_ssize_t n)
{
    if (MoUnicode_IS_ASCII(str))
        return _MoUnicodeWriter_WriteASCII(w, MoUnicode_DATA(str), n);
    int kind = MoUnicode_KIND(str);
    const void *data = MoUnicode_DATA(str);
    if (writer_reserve(w, 4 * n) < 0)
        return -1;
    for (Mo_ssize_t i = 0; i < n; i++)
        w->len += _MoUnicode_EncodeCharUTF8(MoUnicode_READ(kind, data, i), w->buf + w->len);
    return 0;
}

int _MoUnicodeWriter_WriteStr(_MoUnicodeWriter *w, MoObject *str)
{
    return writer_write_substr(w, str, MoUnicode_GET_LENGTH(str));
}

MoObject *_MoUnicodeWriter_Finish(_MoUnicodeWriter *w)
{
    MoObject *s = _MoUnicode_FromUTF8Lenient(w->buf ? w->buf : "", w->len);
    _MoUnicodeWriter_Dealloc(w);
    return s;
}

void _MoUnicodeWriter_Dealloc(_MoUnicodeWriter *w)
{
    MoMem_Free(w->buf);
    _MoUnicodeWriter_Init(w);
}

/* ============================================================ FromFormat */

/* One parsed conversion: %[-0][width][.precision][l|ll|z]conv. */
typedef struct {
    int left, zero;
    Mo_ssize_t width, precision;   /* -1 when absent */
    char size;                     /* 0, 'l', 'q' (ll) or 'z' */
    char conv;
} format_spec;

static const char *format_parse(const char *p, format_spec *spec)
{
    spec->left = spec->zero = 0;
    spec->width = spec->precision = -1;
    spec->size = 0;
    for (; *p == '-' || *p == '0'; p++)
        *(*p == '-' ? &spec->left : &spec->zero) = 1;
    for (; *p >= '0' && *p <= '9'; p++)
        spec->width = (spec->width < 0 ? 0 : spec->width) * 10 + (*p - '0');
    if (*p == '.') {
        spec->precision = 0;
        for (p++; *p >= '0' && *p <= '9'; p++)
            spec->precision = spec->precision * 10 + (*p - '0');
    }
    if (*p == 'l' && p[1] == 'l') {
        spec->size = 'q';
        p += 2;
    } else if (*p == 'l' || *p == 'z') {
        spec->size = *p++;
    }
    spec->conv = *p;
    return p;
}

/* An integer conversion, formatted by C's own printf with the same spec. */
static int format_integer(_MoUnicodeWriter *w, const format_spec *spec, va_list *ap)
{
    char cfmt[32], buf[128];
    int signed_conv = spec->conv == 'd' || spec->conv == 'i';
    const char *mod = spec->size == 'l' ? "l" : spec->size == 'q' ? "ll" : spec->size == 'z' ? "z" : "";
    snprintf(cfmt, sizeof cfmt, "%%%s%s*.*%s%c", spec->left ? "-" : "", spec->zero ? "0" : "", mod,
             spec->conv);
    int width = (int)(spec->width < 100 ? spec->width : 100);
    int prec = (int)(spec->precision < 100 ? spec->precision : 100);
    int n;
    /* the variadic argument's type follows the length modifier, as in printf */
    if (spec->size == 'l')
        n = signed_conv ? snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, long))
                        : snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, unsigned long));
    else if (spec->size == 'q')
        n = signed_conv ? snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, long long))
                        : snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, unsigned long long));
    else if (spec->size == 'z')
        n = signed_conv ? snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, Mo_ssize_t))
                        : snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, size_t));
    else
        n = signed_conv ? snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, int))
                        : snprintf(buf, sizeof buf, cfmt, width, prec, va_arg(*ap, unsigned int));
    return _MoUnicodeWriter_WriteASCII(w, buf, n < (int)sizeof buf ? n : (int)sizeof buf - 1);
}

/* A str cut to the precision and padded with spaces to the width (in characters). */
static int format_write_padded(_MoUnicodeWriter *w, const format_spec *spec, MoObject *str)
{
    Mo_ssize_t n = MoUnicode_GET_LENGTH(str);
    if (spec->precision >= 0 && spec->precision < n)
        n = spec->precision;
    Mo_ssize_t pad = spec->width > n ? spec->width - n : 0;
    if (!spec->left && writer_write_repeated(w, ' ', pad) < 0)
        return -1;
    if (writer_write_substr(w, str, n) < 0)
        return -1;
    return spec->left ? writer_write_repeated(w, ' ', pad) : 0;
}

/* %s: a C string in UTF-8; the precision counts bytes, as in 3.11. */
static int format_cstring(_MoUnicodeWriter *w, const format_spec *spec, const char *s)
{
    if (s == NULL)
        s = "(null)";
    Mo_ssize_t n = spec->precision >= 0 ? (Mo_ssize_t)strnlen(s, (size_t)spec->precision)
                                        : (Mo_ssize_t)strlen(s);
    if (spec->width < 0)   /* invalid bytes are replaced when the writer finishes */
        return _MoUnicodeWriter_WriteASCII(w, s, n);
    MoObject *str = _MoUnicode_FromUTF8Lenient(s, n);
    if (str == NULL)
        return -1;
    format_spec whole = *spec;
    whole.precision = -1;
    int r = format_write_padded(w, &whole, str);
    Mo_DECREF(str);
    return r;
}

/* %S, %R, %U, %V: an object's str or repr (new reference), or the str itself. */
static int format_object(_MoUnicodeWriter *w, const format_spec *spec, va_list *ap)
{
    MoObject *obj = va_arg(*ap, MoObject *), *str;
    if (spec->conv == 'V') {
        const char *alt = va_arg(*ap, const char *);
        if (obj == NULL)
            return format_cstring(w, spec, alt);
    }
    if (obj == NULL) {
        MoErr_SetString(MoExc_SystemError, "NULL object passed to MoUnicode_FromFormat");
        return -1;
    }
    if (spec->conv == 'S')
        str = MoObject_Str(obj);
    else if (spec->conv == 'R')
        str = MoObject_Repr(obj);
    else if (MoUnicode_Check(obj))
        str = Mo_NewRef(obj);
    else {
        MoErr_Format(MoExc_TypeError, "%%%c expects a str, not %.100s", spec->conv, _Mo_TypeName(obj));
        return -1;
    }
    if (str == NULL)
        return -1;
    int r = format_write_padded(w, spec, str);
    Mo_DECREF(str);
    return r;
}

static int format_char(_MoUnicodeWriter *w, va_list *ap)
{
    int ch = va_arg(*ap, int);
    if (ch < 0 || ch > 0x10ffff) {
        MoErr_SetString(MoExc_OverflowError, "character argument not in range(0x110000)");
        return -1;
    }
    return writer_write_char(w, (Mo_UCS4)ch);
}

/* %p: as CPython, always with a 0x prefix. */
static int format_pointer(_MoUnicodeWriter *w, va_list *ap)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "0x%" PRIxPTR, (uintptr_t)va_arg(*ap, void *));
    return _MoUnicodeWriter_WriteASCII(w, buf, n);
}

/* region format_arg */
/* Write the conversion starting at p (at a '%'); returns where the format goes on,
   or NULL with an exception set. An unknown conversion copies the rest of the
   format as it is (there is no telling what its argument was), as 3.11 does. */
static const char *format_arg(_MoUnicodeWriter *w, const char *p, va_list *ap)
{
    format_spec spec;
    const char *conv = format_parse(p + 1, &spec);
    int r;
    switch (spec.conv) {
    case '%': r = writer_write_char(w, '%'); break;
    case 'c': r = format_char(w, ap); break;
    case 'd': case 'i': case 'u': case 'x': r = format_integer(w, &spec, ap); break;
    case 'p': r = format_pointer(w, ap); break;
    case 's': r = format_cstring(w, &spec, va_arg(*ap, const char *)); break;
    case 'S': case 'R': case 'U': case 'V': r = format_object(w, &spec, ap); break;
    default:
        r = _MoUnicodeWriter_WriteASCII(w, p, -1);
        return r < 0 ? NULL : p + strlen(p);
    }
    return r < 0 ? NULL : conv + 1;
}
/* endregion format_arg */

MoObject *MoUnicode_FromFormatV(const char *fmt, va_list va)
{
    _MoUnicodeWriter w;
    _MoUnicodeWriter_Init(&w);
    va_list ap;
    va_copy(ap, va);
    const char *p = fmt;
    while (p != NULL && *p != '\0') {
        const char *pct = strchr(p, '%');
        Mo_ssize_t n = pct ? pct - p : (Mo_ssize_t)strlen(p);
        if (_MoUnicodeWriter_WriteASCII(&w, p, n) < 0)
            p = NULL;
        else
            p = pct ? format_arg(&w, pct, &ap) : p + n;
    }
    va_end(ap);
    if (p == NULL) {
        _MoUnicodeWriter_Dealloc(&w);
        return NULL;
    }
    return _MoUnicodeWriter_Finish(&w);
}

MoObject *MoUnicode_FromFormat(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    MoObject *s = MoUnicode_FromFormatV(fmt, va);
    va_end(va);
    return s;
}
