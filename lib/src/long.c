/* int: arbitrary-precision integers, laid out as CPython 3.11's longobject.c.
 *
 * Invariants (every function below keeps them, every function relies on them):
 *  1. A number is |ob_size| digits of 30 bits, least significant first, in
 *     ob_digit; the sign of ob_size is the sign of the number. Zero has ob_size 0
 *     but still owns one digit of storage, so every int is at least 28 bytes.
 *  2. Results are normalized: the most significant digit is never 0.
 *  3. Every result in -5..256 is the preallocated small int of that value (a
 *     static object, never freed): `x = 200; (x + 56) is 256` holds, as in Python.
 *
 * Reading order: allocation and the small-int cache, conversions from and to C,
 * then the magnitude algorithms (x_add, x_sub, x_mul, x_divrem work on digit
 * arrays and ignore signs), then the number slots, which add signs and Python's
 * floor semantics on top, then repr, hash and comparison, then the type.
 */
#include <ctype.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include "internal.h"

typedef uint64_t twodigits;   /* holds a digit times a digit, plus carries */
typedef int64_t stwodigits;   /* signed, for borrows */

#define NSMALLNEGINTS 5
#define NSMALLPOSINTS 257

/* ================================================= allocation and small ints */

/* region small_ints */
/* The small-int cache: 262 statically allocated ints, -5..256. Like 3.11's they
   are not immortal: their counts move, starting at _MO_STATIC_REFCNT, a number
   too large to ever reach zero. */
static MoLongObject small_ints[NSMALLNEGINTS + NSMALLPOSINTS];

static int long_is_small_value(long long v)
{
    return -NSMALLNEGINTS <= v && v < NSMALLPOSINTS;
}

/* new: the cached int for v, which must be in -5..256. */
static MoObject *long_get_small(long long v)
{
    return Mo_NewRef(&small_ints[v + NSMALLNEGINTS]);
}
/* endregion small_ints */

static int long_is_static(const MoObject *op)
{
    const MoLongObject *p = (const MoLongObject *)op;
    return p >= small_ints && p < small_ints + NSMALLNEGINTS + NSMALLPOSINTS;
}

static void long_init_small_ints(void)
{
    for (long v = -NSMALLNEGINTS; v < NSMALLPOSINTS; v++) {
        MoLongObject *p = &small_ints[v + NSMALLNEGINTS];
        p->ob_base.ob_base.ob_refcnt = _MO_STATIC_REFCNT;
        p->ob_base.ob_base.ob_type = &MoLong_Type;
        p->ob_base.ob_size = v < 0 ? -1 : v > 0 ? 1 : 0;
        p->ob_digit[0] = (digit)(v < 0 ? -v : v);
    }
}

static Mo_ssize_t long_ndigits(const MoLongObject *v)
{
    Mo_ssize_t s = Mo_SIZE(v);
    return s < 0 ? -s : s;
}

static int long_is_negative(const MoLongObject *v)
{
    return Mo_SIZE(v) < 0;
}

/* new: an int of ndigits digits (uninitialized, except the first, which is 0),
   with ob_size = ndigits. Storage is max(ndigits, 1) digits, as in 3.11.
   NULL with OverflowError or MemoryError. */
static MoLongObject *long_alloc(Mo_ssize_t ndigits)
{
    if (ndigits > (MO_SSIZE_T_MAX - 64) / (Mo_ssize_t)sizeof(digit)) {
        MoErr_SetString(MoExc_OverflowError, "too many digits in integer");
        return NULL;
    }
    MoLongObject *v = MoObject_NewVar(MoLongObject, &MoLong_Type, ndigits > 0 ? ndigits : 1);
    if (v == NULL)
        return NULL;
    Mo_SET_SIZE(v, ndigits);
    v->ob_digit[0] = 0;
    return v;
}

/* The value of an int of at most two digits (|v| < 2**60). */
static long long long_medium_value(const MoLongObject *v)
{
    Mo_ssize_t n = long_ndigits(v);
    long long x = n == 0 ? 0 : (long long)v->ob_digit[0];
    if (n == 2)
        x |= (long long)v->ob_digit[1] << MoLong_SHIFT;
    return long_is_negative(v) ? -x : x;
}

/* Steals v (the sign in ob_size, |ob_size| digits, maybe with leading zeros):
   strips the leading zeros and swaps a value in -5..256 for the cached int.
   new; NULL (passing through) if v is NULL. */
static MoObject *long_finish(MoLongObject *v)
{
    if (v == NULL)
        return NULL;
    Mo_ssize_t n = long_ndigits(v);
    while (n > 0 && v->ob_digit[n - 1] == 0)
        n--;
    Mo_SET_SIZE(v, long_is_negative(v) ? -n : n);
    if (n <= 1) {
        long long x = long_medium_value(v);
        if (long_is_small_value(x)) {
            Mo_DECREF(v);
            return long_get_small(x);
        }
    }
    return (MoObject *)v;
}

/* new: an int from a magnitude and a sign (the cache for -5..256). */
static MoObject *long_from_magnitude(unsigned long long m, int negative)
{
    if (m <= 256 && long_is_small_value(negative ? -(long long)m : (long long)m))
        return long_get_small(negative ? -(long long)m : (long long)m);
    Mo_ssize_t n = 0;
    for (unsigned long long t = m; t != 0; t >>= MoLong_SHIFT)
        n++;
    MoLongObject *v = long_alloc(n);
    if (v == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++, m >>= MoLong_SHIFT)
        v->ob_digit[i] = (digit)(m & MoLong_MASK);
    Mo_SET_SIZE(v, negative ? -n : n);
    return (MoObject *)v;
}

/* new: an exact int with the value of v (v may be a bool). */
static MoObject *long_copy(MoLongObject *v)
{
    Mo_ssize_t n = long_ndigits(v);
    if (n <= 1)
        return long_from_magnitude((unsigned long long)(n ? v->ob_digit[0] : 0), long_is_negative(v));
    MoLongObject *z = long_alloc(n);
    if (z == NULL)
        return NULL;
    memcpy(z->ob_digit, v->ob_digit, (size_t)n * sizeof(digit));
    Mo_SET_SIZE(z, Mo_SIZE(v));
    return (MoObject *)z;
}

/* The number of bits of |v| (0 for zero). */
static Mo_ssize_t long_bit_length(const MoLongObject *v)
{
    Mo_ssize_t n = long_ndigits(v);
    if (n == 0)
        return 0;
    digit top = v->ob_digit[n - 1];
    Mo_ssize_t bits = 0;
    while (top != 0) {
        bits++;
        top >>= 1;
    }
    return (n - 1) * MoLong_SHIFT + bits;
}

size_t _MoLong_NumBits(MoObject *v)
{
    return (size_t)long_bit_length((const MoLongObject *)v);
}

/* ======================================================= conversions from C */

MoObject *MoLong_FromLongLong(long long v)
{
    if (long_is_small_value(v))
        return long_get_small(v);
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    return long_from_magnitude(m, v < 0);
}

MoObject *MoLong_FromLong(long v)
{
    return MoLong_FromLongLong(v);
}

MoObject *MoLong_FromSsize_t(Mo_ssize_t v)
{
    return MoLong_FromLongLong(v);
}

MoObject *MoLong_FromUnsignedLongLong(unsigned long long v)
{
    return long_from_magnitude(v, 0);
}

/* ============================================================ conversions to C */

/* Whether o is an int; otherwise sets TypeError with msg (a format taking the
   type's name, or a plain message) and returns 0. */
static int long_check_arg(MoObject *o, const char *msg)
{
    if (o == NULL) {
        MoErr_BadInternalCall();
        return 0;
    }
    if (MoLong_Check(o))
        return 1;
    MoErr_Format(MoExc_TypeError, msg, _Mo_TypeName(o));
    return 0;
}

/* |v| in *out; -1 (nothing set) when it needs more than 64 bits. */
static int long_magnitude_u64(const MoLongObject *v, unsigned long long *out)
{
    unsigned long long x = 0;
    for (Mo_ssize_t i = long_ndigits(v) - 1; i >= 0; i--) {
        if (x >> (64 - MoLong_SHIFT) != 0)
            return -1;
        x = (x << MoLong_SHIFT) | v->ob_digit[i];
    }
    *out = x;
    return 0;
}

/* v's value if it lies in [-limit-1, limit]; else OverflowError, its message
   overflow_fmt with ctype for its %s (if it has one). */
static long long long_as_bounded(MoLongObject *v, unsigned long long limit, const char *overflow_fmt,
                                 const char *ctype)
{
    unsigned long long m;
    int neg = long_is_negative(v);
    if (long_magnitude_u64(v, &m) < 0 || m > limit + (neg ? 1 : 0)) {
        MoErr_Format(MoExc_OverflowError, overflow_fmt, ctype);
        return -1;
    }
    return neg ? (long long)(0ULL - m) : (long long)m;
}

/* The signed conversions that accept any object with __index__ (CPython 3.10+):
   an int as it is, another object converted by its nb_index first. Overflow is
   an OverflowError whose message is overflow_fmt (with the C type's name when it
   has a %s). */
static long long long_as_signed(MoObject *o, unsigned long long limit, const char *overflow_fmt, const char *ctype)
{
    if (o != NULL && !MoLong_Check(o) && Mo_TYPE(o)->tp_as_number != NULL &&
        Mo_TYPE(o)->tp_as_number->nb_index != NULL) {
        MoObject *i = Mo_TYPE(o)->tp_as_number->nb_index(o);
        if (i == NULL)
            return -1;
        long long r = long_as_signed(i, limit, overflow_fmt, ctype);
        Mo_DECREF(i);
        return r;
    }
    if (!long_check_arg(o, "'%s' object cannot be interpreted as an integer"))
        return -1;
    return long_as_bounded((MoLongObject *)o, limit, overflow_fmt, ctype);
}

long MoLong_AsLong(MoObject *o)
{
    return (long)long_as_signed(o, LONG_MAX, "Python int too large to convert to C %s", "long");
}

long long MoLong_AsLongLong(MoObject *o)
{
    return long_as_signed(o, LLONG_MAX, "int too big to convert", "");
}

/* The unsigned conversions take ints only (no __index__), as CPython's. */
static unsigned long long long_as_unsigned(MoObject *o, unsigned long long limit, const char *negative_msg,
                                           const char *overflow_msg)
{
    if (!long_check_arg(o, "an integer is required"))
        return (unsigned long long)-1;
    unsigned long long m;
    if (long_is_negative((MoLongObject *)o)) {
        MoErr_SetString(MoExc_OverflowError, negative_msg);
        return (unsigned long long)-1;
    }
    if (long_magnitude_u64((MoLongObject *)o, &m) < 0 || m > limit) {
        MoErr_SetString(MoExc_OverflowError, overflow_msg);
        return (unsigned long long)-1;
    }
    return m;
}

unsigned long MoLong_AsUnsignedLong(MoObject *o)
{
    return (unsigned long)long_as_unsigned(o, ULONG_MAX, "can't convert negative value to unsigned int",
                                           "Python int too large to convert to C unsigned long");
}

unsigned long long MoLong_AsUnsignedLongLong(MoObject *o)
{
    return long_as_unsigned(o, ULLONG_MAX, "can't convert negative int to unsigned", "int too big to convert");
}

MoObject *MoLong_FromUnsignedLong(unsigned long v)
{
    return MoLong_FromUnsignedLongLong(v);
}

Mo_ssize_t MoLong_AsSsize_t(MoObject *o)
{
    if (!long_check_arg(o, "an integer is required"))
        return -1;
    return (Mo_ssize_t)long_as_bounded((MoLongObject *)o, MO_SSIZE_T_MAX, "Python int too large to convert to C %s",
                                       "ssize_t");
}

/* new: the magnitude |v| >> shift, unnormalized (shift >= 0). */
static MoLongObject *x_rshift(const MoLongObject *v, Mo_ssize_t shift)
{
    Mo_ssize_t n = long_ndigits(v), dshift = shift / MoLong_SHIFT;
    int bshift = (int)(shift % MoLong_SHIFT);
    Mo_ssize_t zn = n - dshift > 0 ? n - dshift : 0;
    MoLongObject *z = long_alloc(zn);
    if (z == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < zn; i++) {
        twodigits acc = v->ob_digit[i + dshift] >> bshift;
        if (i + dshift + 1 < n)
            acc |= ((twodigits)v->ob_digit[i + dshift + 1] << (MoLong_SHIFT - bshift));
        z->ob_digit[i] = (digit)(acc & MoLong_MASK);
    }
    return z;
}

/* new: the magnitude |v| << shift, unnormalized (shift >= 0). */
static MoLongObject *x_lshift(const MoLongObject *v, Mo_ssize_t shift)
{
    Mo_ssize_t n = long_ndigits(v), dshift = shift / MoLong_SHIFT;
    int bshift = (int)(shift % MoLong_SHIFT);
    MoLongObject *z = long_alloc(n + dshift + 1);
    if (z == NULL)
        return NULL;
    memset(z->ob_digit, 0, (size_t)dshift * sizeof(digit));
    twodigits carry = 0;
    for (Mo_ssize_t i = 0; i < n; i++) {
        carry |= (twodigits)v->ob_digit[i] << bshift;
        z->ob_digit[i + dshift] = (digit)(carry & MoLong_MASK);
        carry >>= MoLong_SHIFT;
    }
    z->ob_digit[n + dshift] = (digit)carry;
    return z;
}

/* Whether any of the lowest nbits bits of |v| is set. */
static int long_low_bits_nonzero(const MoLongObject *v, Mo_ssize_t nbits)
{
    Mo_ssize_t i = 0;
    for (; nbits >= MoLong_SHIFT; i++, nbits -= MoLong_SHIFT)
        if (v->ob_digit[i] != 0)
            return 1;
    return nbits > 0 && (v->ob_digit[i] & (((digit)1 << nbits) - 1)) != 0;
}

/* region long_as_double */
/* |v| as a double, correctly rounded (round-half-even): the top 64 bits are
   converted by the FPU, with the lowest of them forced to 1 when any bit below
   was set ("sticky"), which is all the rounding needs to see. inf when too big. */
static double long_magnitude_as_double(const MoLongObject *v)
{
    Mo_ssize_t nbits = long_bit_length(v);
    unsigned long long top = 0;
    if (nbits <= 64) {
        long_magnitude_u64(v, &top);
        return (double)top;
    }
    if (nbits > DBL_MAX_EXP)
        return HUGE_VAL;
    Mo_ssize_t shift = nbits - 64;
    MoLongObject *t = x_rshift(v, shift);
    if (t == NULL)
        return -1.0;
    long_magnitude_u64(t, &top);   /* leading zero digits are harmless here */
    Mo_DECREF(t);
    if (long_low_bits_nonzero(v, shift))
        top |= 1;
    return ldexp((double)top, (int)shift);
}
/* endregion long_as_double */

double MoLong_AsDouble(MoObject *o)
{
    if (!long_check_arg(o, "an integer is required"))
        return -1.0;
    MoLongObject *v = (MoLongObject *)o;
    if (long_ndigits(v) <= 1)
        return (double)long_medium_value(v);
    double d = long_magnitude_as_double(v);
    if (d == -1.0 && MoErr_Occurred())
        return -1.0;
    if (isinf(d)) {
        MoErr_SetString(MoExc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return long_is_negative(v) ? -d : d;
}

MoObject *MoLong_FromDouble(double v)
{
    if (isinf(v)) {
        MoErr_SetString(MoExc_OverflowError, "cannot convert float infinity to integer");
        return NULL;
    }
    if (isnan(v)) {
        MoErr_SetString(MoExc_ValueError, "cannot convert float NaN to integer");
        return NULL;
    }
    if (fabs(v) < 9.2e18)   /* below 2**63: C's conversion truncates, as int() does */
        return MoLong_FromLongLong((long long)v);
    /* v = m * 2**e with 53 significant bits: an integer mantissa shifted left. */
    int e;
    double m = frexp(fabs(v), &e);
    MoLongObject *mant = (MoLongObject *)long_from_magnitude((unsigned long long)ldexp(m, DBL_MANT_DIG), 0);
    if (mant == NULL)
        return NULL;
    MoLongObject *z = x_lshift(mant, e - DBL_MANT_DIG);
    Mo_DECREF(mant);
    if (z != NULL && v < 0)
        Mo_SET_SIZE(z, -Mo_SIZE(z));
    return long_finish(z);
}

/* ================================================================== parsing */

/* 3.11's default sys.get_int_max_str_digits(): decimal conversion is quadratic,
   so longer strings are refused both ways (CVE-2020-10735). */
#define MOLONG_MAX_STR_DIGITS 4300

/* The value of c as a digit in bases up to 36 (a-z and A-Z are 10..35), or 36
   for a character that is no digit in any base. */
static int long_digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 36;
}

static int long_is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* region long_scan */
/* The digits of s[0..len) read with int()'s rules (3.11's PyLong_FromString):
   whitespace around, one sign, for base 0 a prefix 0x/0o/0b choosing the base
   (else 10, where a number may not start with 0 unless all of it is 0), the
   same prefix allowed for base 16, 8 or 2, single underscores between digits
   (and one right after a prefix). Their values go to vals; *base becomes the
   base used, *negative the sign. The count of digits, or -1 if s is no literal. */
static Mo_ssize_t long_scan(const char *s, Mo_ssize_t len, int *base, unsigned char *vals, int *negative)
{
    const char *p = s, *end = s + len;
    while (p < end && long_is_space(*p))
        p++;
    *negative = p < end && *p == '-';
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    int b = *base, prefixed = 0;
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)tolower((unsigned char)p[1]);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb != 0 && (b == 0 || b == pb)) {
            b = pb;
            p += 2;
            prefixed = 1;
        }
    }
    int leading_zero = b == 0 && p < end && *p == '0';   /* "010" is no literal for base 0 */
    if (b == 0)
        b = 10;
    *base = b;
    if (prefixed && p < end && *p == '_')
        p++;
    Mo_ssize_t n = 0;
    for (; p < end; p++) {
        if (*p == '_') {
            if (n == 0 || p + 1 >= end || long_digit_value(p[1]) >= b)
                return -1;
            continue;
        }
        int v = long_digit_value(*p);
        if (v >= b)
            break;
        vals[n++] = (unsigned char)v;
    }
    while (p < end && long_is_space(*p))
        p++;
    if (n == 0 || p != end)
        return -1;
    for (Mo_ssize_t k = 0; leading_zero && k < n; k++)
        if (vals[k] != 0)
            return -1;
    return n;
}
/* endregion long_scan */

/* new: the int whose digits in base are d[0..n), most significant first, taken
   as many at a time as keep base**k below 2**30 (so that each step multiplies
   by less than one 30-bit digit). */
static MoObject *long_from_digit_values(const unsigned char *d, Mo_ssize_t n, int base, int negative)
{
    int bits = 1;
    while ((1 << bits) < base)
        bits++;
    Mo_ssize_t most = n / (MoLong_SHIFT / bits) + 2;   /* at least floor(30 / bits) base-digits per digit */
    MoLongObject *z = long_alloc(most);
    if (z == NULL)
        return NULL;
    int per_step = 0;
    for (twodigits scale = 1; scale * (twodigits)base < ((twodigits)1 << MoLong_SHIFT); scale *= (twodigits)base)
        per_step++;
    Mo_ssize_t size = 0;
    Mo_ssize_t chunk = n % per_step ? n % per_step : per_step;
    for (Mo_ssize_t i = 0; i < n; i += chunk, chunk = per_step) {
        twodigits carry = 0, scale = 1;
        for (Mo_ssize_t k = 0; k < chunk; k++) {
            carry = carry * (twodigits)base + d[i + k];
            scale *= (twodigits)base;
        }
        for (Mo_ssize_t j = 0; j < size; j++) {
            carry += (twodigits)z->ob_digit[j] * scale;
            z->ob_digit[j] = (digit)(carry & MoLong_MASK);
            carry >>= MoLong_SHIFT;
        }
        if (carry != 0)
            z->ob_digit[size++] = (digit)carry;
    }
    Mo_SET_SIZE(z, negative ? -size : size);
    return long_finish(z);
}

/* The ValueError of a text that is no literal in base, quoting what the caller
   was given (a str or bytes) by its repr cut to 200 characters, as 3.11. */
static void long_invalid_literal(MoObject *orig, int base)
{
    MoObject *r = MoObject_Repr(orig);
    MoObject *shown = r != NULL && MoUnicode_GET_LENGTH(r) > 200
                          ? MoUnicode_FromKindAndData(MoUnicode_KIND(r), MoUnicode_DATA(r), 200)
                          : Mo_XNewRef(r);
    if (shown != NULL)
        MoErr_Format(MoExc_ValueError, "invalid literal for int() with base %d: %U", base, shown);
    Mo_XDECREF(shown);
    Mo_XDECREF(r);
}

/* new: the int that s[0..len) spells in base (0, or 2..36), orig standing for
   the text in the error. */
static MoObject *long_from_text(const char *s, Mo_ssize_t len, int base, MoObject *orig)
{
    if (base != 0 && (base < 2 || base > 36)) {
        MoErr_SetString(MoExc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    unsigned char *vals = MoMem_Malloc((size_t)len + 1);
    if (vals == NULL)
        return MoErr_NoMemory();
    int negative, used = base;
    Mo_ssize_t n = long_scan(s, len, &used, vals, &negative);
    MoObject *r = NULL;
    if (n < 0) {
        long_invalid_literal(orig, base);
    } else if (n > MOLONG_MAX_STR_DIGITS && (used & (used - 1)) != 0) {   /* power-of-2 bases are linear */
        MoErr_Format(MoExc_ValueError, "Exceeds the limit (%d digits) for integer string conversion: "
                     "value has %zd digits; use sys.set_int_max_str_digits() to increase the limit",
                     MOLONG_MAX_STR_DIGITS, n);
    } else {
        r = long_from_digit_values(vals, n, used, negative);
    }
    MoMem_Free(vals);
    return r;
}

MoObject *MoLong_FromString(const char *s)
{
    if (s == NULL) {
        MoErr_BadInternalCall();
        return NULL;
    }
    MoObject *text = MoUnicode_FromString(s);
    if (text == NULL)
        return NULL;
    MoObject *r = MoLong_FromUnicodeObject(text, 10);
    Mo_DECREF(text);
    return r;
}

MoObject *MoLong_FromUnicodeObject(MoObject *u, int base)
{
    Mo_ssize_t len;
    const char *s = MoUnicode_AsUTF8AndSize(u, &len);
    return s != NULL ? long_from_text(s, len, base, u) : NULL;
}

/* ==================================================== magnitude arithmetic */

/* -1, 0, 1 as |a| <, ==, > |b|. */
static int x_compare(const MoLongObject *a, const MoLongObject *b)
{
    Mo_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    if (na != nb)
        return na < nb ? -1 : 1;
    for (Mo_ssize_t i = na - 1; i >= 0; i--)
        if (a->ob_digit[i] != b->ob_digit[i])
            return a->ob_digit[i] < b->ob_digit[i] ? -1 : 1;
    return 0;
}

/* new: |a| + |b|, positive, unnormalized. */
static MoLongObject *x_add(const MoLongObject *a, const MoLongObject *b)
{
    if (long_ndigits(a) < long_ndigits(b)) {
        const MoLongObject *t = a;
        a = b;
        b = t;
    }
    Mo_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    MoLongObject *z = long_alloc(na + 1);
    if (z == NULL)
        return NULL;
    digit carry = 0;
    Mo_ssize_t i = 0;
    for (; i < nb; i++) {
        carry += a->ob_digit[i] + b->ob_digit[i];
        z->ob_digit[i] = carry & MoLong_MASK;
        carry >>= MoLong_SHIFT;
    }
    for (; i < na; i++) {
        carry += a->ob_digit[i];
        z->ob_digit[i] = carry & MoLong_MASK;
        carry >>= MoLong_SHIFT;
    }
    z->ob_digit[i] = carry;
    return z;
}

/* new: |a| - |b|, with its sign in ob_size, unnormalized. */
static MoLongObject *x_sub(const MoLongObject *a, const MoLongObject *b)
{
    int negative = 0;
    if (x_compare(a, b) < 0) {
        const MoLongObject *t = a;
        a = b;
        b = t;
        negative = 1;
    }
    Mo_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    MoLongObject *z = long_alloc(na);
    if (z == NULL)
        return NULL;
    digit borrow = 0;   /* a digit minus a digit wraps; bit 30 then says "borrowed" */
    Mo_ssize_t i = 0;
    for (; i < nb; i++) {
        borrow = a->ob_digit[i] - b->ob_digit[i] - borrow;
        z->ob_digit[i] = borrow & MoLong_MASK;
        borrow = (borrow >> MoLong_SHIFT) & 1;
    }
    for (; i < na; i++) {
        borrow = a->ob_digit[i] - borrow;
        z->ob_digit[i] = borrow & MoLong_MASK;
        borrow = (borrow >> MoLong_SHIFT) & 1;
    }
    if (negative)
        Mo_SET_SIZE(z, -na);
    return z;
}

/* region x_mul */
/* new: |a| * |b|, schoolbook: each digit of a times all of b, added in at its
   place. A digit product is below 2**60, so a 64-bit accumulator holds it with
   the carry and the digit already there. */
static MoLongObject *x_mul(const MoLongObject *a, const MoLongObject *b)
{
    Mo_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    MoLongObject *z = long_alloc(na + nb);
    if (z == NULL)
        return NULL;
    memset(z->ob_digit, 0, (size_t)(na + nb) * sizeof(digit));
    for (Mo_ssize_t i = 0; i < na; i++) {
        twodigits f = a->ob_digit[i], carry = 0;
        for (Mo_ssize_t j = 0; j < nb; j++) {
            carry += z->ob_digit[i + j] + f * b->ob_digit[j];
            z->ob_digit[i + j] = (digit)(carry & MoLong_MASK);
            carry >>= MoLong_SHIFT;
        }
        z->ob_digit[i + nb] = (digit)carry;
    }
    return z;
}
/* endregion x_mul */

/* |a| divided by the one digit d: quotient into *pq (new, unnormalized), the
   remainder returned. */
static digit x_divrem1(const MoLongObject *a, digit d, MoLongObject **pq)
{
    Mo_ssize_t n = long_ndigits(a);
    MoLongObject *q = long_alloc(n);
    *pq = q;
    if (q == NULL)
        return 0;
    twodigits rem = 0;
    for (Mo_ssize_t i = n - 1; i >= 0; i--) {
        rem = (rem << MoLong_SHIFT) | a->ob_digit[i];
        q->ob_digit[i] = (digit)(rem / d);
        rem %= d;
    }
    return (digit)rem;
}

/* region x_divrem */
/* Long division of magnitudes, Knuth's algorithm D (TAOCP vol. 2, 4.3.1), for
   |b| of two digits or more and |a| >= |b|:
   1. normalize: shift both so b's top digit has its high bit set; then the
      quotient digit guessed from the top two digits of the running remainder
      and the top digit of b is at most 2 too large;
   2. for each quotient digit from the top: guess it, refine the guess with b's
      second digit, multiply-and-subtract, and add b back in the rare case the
      guess was still one too large;
   3. un-normalize the remainder.
   *pq and *pr get the new (unnormalized, positive) quotient and remainder; -1
   on memory failure. */
static int x_divrem(const MoLongObject *a, const MoLongObject *b, MoLongObject **pq, MoLongObject **pr)
{
    Mo_ssize_t na = long_ndigits(a), nb = long_ndigits(b);
    int shift = MoLong_SHIFT;
    for (digit top = b->ob_digit[nb - 1]; top != 0; top >>= 1)
        shift--;
    MoLongObject *u = x_lshift(a, shift);     /* na + 1 digits */
    MoLongObject *v = x_lshift(b, shift);     /* nb digits, plus a zero one */
    MoLongObject *q = long_alloc(na - nb + 1);
    if (u == NULL || v == NULL || q == NULL) {
        Mo_XDECREF(u);
        Mo_XDECREF(v);
        Mo_XDECREF(q);
        return -1;
    }
    digit *ud = u->ob_digit, *vd = v->ob_digit;
    twodigits vtop = vd[nb - 1], vnext = vd[nb - 2];
    for (Mo_ssize_t j = na - nb; j >= 0; j--) {
        digit *uj = ud + j;
        twodigits top2 = ((twodigits)uj[nb] << MoLong_SHIFT) | uj[nb - 1];
        twodigits qhat = top2 / vtop, rhat = top2 % vtop;
        while (qhat >= MoLong_BASE ||
               qhat * vnext > ((rhat << MoLong_SHIFT) | uj[nb - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat >= MoLong_BASE)
                break;
        }
        /* uj[0..nb] -= qhat * v; borrow is 0 or negative (arithmetic shift). */
        stwodigits borrow = 0;
        twodigits carry = 0;
        for (Mo_ssize_t i = 0; i < nb; i++) {
            carry += qhat * vd[i];
            stwodigits t = (stwodigits)uj[i] - (stwodigits)(carry & MoLong_MASK) + borrow;
            uj[i] = (digit)(t & MoLong_MASK);
            borrow = t >> MoLong_SHIFT;
            carry >>= MoLong_SHIFT;
        }
        stwodigits t = (stwodigits)uj[nb] - (stwodigits)carry + borrow;
        uj[nb] = (digit)(t & MoLong_MASK);
        if (t < 0) {   /* the guess was one too large: add v back */
            qhat--;
            digit c = 0;
            for (Mo_ssize_t i = 0; i < nb; i++) {
                c += uj[i] + vd[i];
                uj[i] = c & MoLong_MASK;
                c >>= MoLong_SHIFT;
            }
            uj[nb] = (uj[nb] + c) & MoLong_MASK;
        }
        q->ob_digit[j] = (digit)qhat;
    }
    Mo_SET_SIZE(u, nb);
    MoLongObject *r = x_rshift(u, shift);
    Mo_DECREF(u);
    Mo_DECREF(v);
    if (r == NULL) {
        Mo_DECREF(q);
        return -1;
    }
    *pq = q;
    *pr = r;
    return 0;
}
/* endregion x_divrem */

/* Truncated division of magnitudes: new |a| // |b| and |a| % |b| (both
   positive, unnormalized); a and b normalized, b not zero. -1 on memory failure. */
static int x_divmod(const MoLongObject *a, const MoLongObject *b, MoLongObject **pq, MoLongObject **pr)
{
    if (x_compare(a, b) < 0) {
        *pq = long_alloc(0);
        *pr = x_rshift(a, 0);
    } else if (long_ndigits(b) == 1) {
        digit rem = x_divrem1(a, b->ob_digit[0], pq);
        *pr = *pq == NULL ? NULL : long_alloc(1);
        if (*pr != NULL)
            (*pr)->ob_digit[0] = rem;
    } else {
        return x_divrem(a, b, pq, pr);
    }
    if (*pq == NULL || *pr == NULL) {
        Mo_XDECREF(*pq);
        Mo_XDECREF(*pr);
        return -1;
    }
    return 0;
}

/* =============================================================== signed ops */

/* new: a + b for ints. */
static MoObject *long_add_ints(MoLongObject *a, MoLongObject *b)
{
    if (long_ndigits(a) <= 1 && long_ndigits(b) <= 1)
        return MoLong_FromLongLong(long_medium_value(a) + long_medium_value(b));
    MoLongObject *z;
    if (long_is_negative(a)) {
        z = long_is_negative(b) ? x_add(a, b) : x_sub(b, a);
        if (z != NULL && long_is_negative(b))
            Mo_SET_SIZE(z, -Mo_SIZE(z));
    } else {
        z = long_is_negative(b) ? x_sub(a, b) : x_add(a, b);
    }
    return long_finish(z);
}

/* new: a - b for ints. */
static MoObject *long_sub_ints(MoLongObject *a, MoLongObject *b)
{
    if (long_ndigits(a) <= 1 && long_ndigits(b) <= 1)
        return MoLong_FromLongLong(long_medium_value(a) - long_medium_value(b));
    MoLongObject *z;
    if (long_is_negative(a)) {
        z = long_is_negative(b) ? x_sub(b, a) : x_add(a, b);
        if (z != NULL && !long_is_negative(b))
            Mo_SET_SIZE(z, -Mo_SIZE(z));
    } else {
        z = long_is_negative(b) ? x_add(a, b) : x_sub(a, b);
    }
    return long_finish(z);
}

/* new: a * b for ints. */
static MoObject *long_mul_ints(MoLongObject *a, MoLongObject *b)
{
    if (long_ndigits(a) <= 1 && long_ndigits(b) <= 1)
        return MoLong_FromLongLong(long_medium_value(a) * long_medium_value(b));
    MoLongObject *z = x_mul(a, b);
    if (z != NULL && long_is_negative(a) != long_is_negative(b))
        Mo_SET_SIZE(z, -Mo_SIZE(z));
    return long_finish(z);
}

/* region long_divmod */
/* Floor division, Python's way: the quotient rounds toward minus infinity and
   the remainder takes the sign of the divisor (-7 // 2 == -4, -7 % 2 == 1).
   Truncated division gives q and r with r of a's sign; when r is not zero and
   the signs of a and b differ, q - 1 and r + b are the floor results.
   new references in *pdiv and *pmod (either pointer may be NULL: not wanted);
   -1 with ZeroDivisionError (zero_msg) or MemoryError. */
static int long_floor_divmod(MoLongObject *a, MoLongObject *b, const char *zero_msg, MoObject **pdiv,
                             MoObject **pmod)
{
    if (Mo_SIZE(b) == 0) {
        MoErr_SetString(MoExc_ZeroDivisionError, zero_msg);
        return -1;
    }
    MoLongObject *q, *r;
    if (x_divmod(a, b, &q, &r) < 0)
        return -1;
    if (long_is_negative(a) != long_is_negative(b))
        Mo_SET_SIZE(q, -Mo_SIZE(q));
    if (long_is_negative(a))
        Mo_SET_SIZE(r, -Mo_SIZE(r));
    MoObject *div = long_finish(q), *mod = long_finish(r);
    if (div != NULL && mod != NULL && Mo_SIZE(mod) != 0 && long_is_negative((MoLongObject *)mod) != long_is_negative(b)) {
        MoObject *one = long_get_small(1);
        Mo_SETREF(div, long_sub_ints((MoLongObject *)div, (MoLongObject *)one));
        Mo_DECREF(one);
        Mo_SETREF(mod, long_add_ints((MoLongObject *)mod, b));
    }
    if (div == NULL || mod == NULL) {
        Mo_XDECREF(div);
        Mo_XDECREF(mod);
        return -1;
    }
    if (pdiv != NULL)
        *pdiv = div;
    else
        Mo_DECREF(div);
    if (pmod != NULL)
        *pmod = mod;
    else
        Mo_DECREF(mod);
    return 0;
}
/* endregion long_divmod */

/* =============================================================== number slots */

/* Binary slots receive any two objects: an int slot handles int op int and
   answers NotImplemented otherwise, so that the other operand's type (float,
   say) gets its turn, as in CPython. */
#define LONG_BINOP_CHECK(a, b)                      \
    do {                                            \
        if (!MoLong_Check(a) || !MoLong_Check(b))   \
            Mo_RETURN_NOTIMPLEMENTED;               \
    } while (0)

static MoObject *long_add(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    return long_add_ints((MoLongObject *)a, (MoLongObject *)b);
}

static MoObject *long_sub(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    return long_sub_ints((MoLongObject *)a, (MoLongObject *)b);
}

static MoObject *long_mul(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    return long_mul_ints((MoLongObject *)a, (MoLongObject *)b);
}

static MoObject *long_floor_div(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    MoObject *div;
    if (long_floor_divmod((MoLongObject *)a, (MoLongObject *)b, "integer division or modulo by zero", &div, NULL) < 0)
        return NULL;
    return div;
}

static MoObject *long_mod(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    MoObject *mod;
    if (long_floor_divmod((MoLongObject *)a, (MoLongObject *)b, "integer modulo by zero", NULL, &mod) < 0)
        return NULL;
    return mod;
}

static MoObject *long_divmod(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    MoObject *div, *mod;
    if (long_floor_divmod((MoLongObject *)a, (MoLongObject *)b, "integer division or modulo by zero", &div, &mod) < 0)
        return NULL;
    MoObject *t = MoTuple_Pack(2, div, mod);
    Mo_DECREF(div);
    Mo_DECREF(mod);
    return t;
}

/* region long_true_divide */
/* a / b, correctly rounded. Exactly representable operands (below 2**53) are
   divided by the FPU, which rounds correctly. Otherwise the quotient is computed
   as an integer of 63 or 64 bits, q = |a| * 2**s // |b|, with a sticky low bit
   when the division was inexact; converting q rounds correctly and ldexp undoes
   the scaling (results in the subnormal range may be rounded twice). */
static MoObject *long_true_divide(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    MoLongObject *x = (MoLongObject *)a, *y = (MoLongObject *)b;
    if (Mo_SIZE(y) == 0) {
        MoErr_SetString(MoExc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    Mo_ssize_t xbits = long_bit_length(x), ybits = long_bit_length(y);
    if (xbits <= DBL_MANT_DIG && ybits <= DBL_MANT_DIG)
        return MoFloat_FromDouble(MoLong_AsDouble(a) / MoLong_AsDouble(b));
    int negative = long_is_negative(x) != long_is_negative(y);
    if (Mo_SIZE(x) == 0)
        return MoFloat_FromDouble(negative ? -0.0 : 0.0);
    if (xbits - ybits > DBL_MAX_EXP + 1)
        goto overflow;
    if (ybits - xbits > DBL_MANT_DIG - DBL_MIN_EXP + 2)   /* below half the smallest subnormal */
        return MoFloat_FromDouble(negative ? -0.0 : 0.0);
    Mo_ssize_t s = 63 - (xbits - ybits);
    /* x_divmod wants normalized operands (x_lshift leaves a leading zero) */
    MoLongObject *num = (MoLongObject *)long_finish(s > 0 ? x_lshift(x, s) : x_rshift(x, 0));
    MoLongObject *den = (MoLongObject *)long_finish(s < 0 ? x_lshift(y, -s) : x_rshift(y, 0));
    MoLongObject *q = NULL, *r = NULL;
    int ok = num != NULL && den != NULL && x_divmod(num, den, &q, &r) == 0;
    Mo_XDECREF(num);
    Mo_XDECREF(den);
    if (!ok)
        return NULL;
    MoObject *qn = long_finish(q), *rn = long_finish(r);
    unsigned long long top = 0;
    long_magnitude_u64((MoLongObject *)qn, &top);
    if (Mo_SIZE(rn) != 0)
        top |= 1;
    Mo_DECREF(qn);
    Mo_DECREF(rn);
    double result = ldexp((double)top, (int)-s);
    if (isinf(result))
        goto overflow;
    return MoFloat_FromDouble(negative ? -result : result);
overflow:
    MoErr_SetString(MoExc_OverflowError, "integer division result too large for a float");
    return NULL;
}
/* endregion long_true_divide */

static MoObject *long_neg(MoObject *a)
{
    MoLongObject *v = (MoLongObject *)a;
    if (long_ndigits(v) <= 1)
        return MoLong_FromLongLong(-long_medium_value(v));
    MoObject *z = long_copy(v);
    if (z != NULL)
        Mo_SET_SIZE(z, -Mo_SIZE(z));
    return z;
}

/* new: +a, and int(a), and a.__index__(): an exact int (True gives 1). */
static MoObject *long_long(MoObject *a)
{
    if (MoLong_CheckExact(a))
        return Mo_NewRef(a);
    return long_copy((MoLongObject *)a);
}

static MoObject *long_abs(MoObject *a)
{
    return long_is_negative((MoLongObject *)a) ? long_neg(a) : long_long(a);
}

static int long_bool(MoObject *a)
{
    return Mo_SIZE(a) != 0;
}

/* ~a == -(a + 1) */
static MoObject *long_invert(MoObject *a)
{
    MoObject *one = long_get_small(1);
    MoObject *t = long_add_ints((MoLongObject *)a, (MoLongObject *)one);
    Mo_DECREF(one);
    if (t == NULL)
        return NULL;
    MoObject *z = long_neg(t);
    Mo_DECREF(t);
    return z;
}

static MoObject *long_float(MoObject *a)
{
    double d = MoLong_AsDouble(a);
    if (d == -1.0 && MoErr_Occurred())
        return NULL;
    return MoFloat_FromDouble(d);
}

/* Replace *z (owned) by *z mod m when m is not NULL; *z becomes NULL on error. */
static void long_reduce(MoObject **z, MoLongObject *m)
{
    if (*z == NULL || m == NULL)
        return;
    MoObject *r;
    if (long_floor_divmod((MoLongObject *)*z, m, "integer modulo by zero", NULL, &r) < 0)
        r = NULL;
    Mo_SETREF(*z, r);
}

/* new: a ** e (e >= 0) by square-and-multiply: scan e's bits from the top,
   squaring the result at each bit and multiplying by a when the bit is set;
   with mod (not NULL), reduce after every step (and at the start: 1 % 1 == 0). */
static MoObject *long_pow_positive(MoLongObject *a, MoLongObject *e, MoLongObject *mod)
{
    MoObject *z = long_get_small(1);
    long_reduce(&z, mod);
    for (Mo_ssize_t i = long_ndigits(e) - 1; i >= 0 && z != NULL; i--) {
        for (int bit = MoLong_SHIFT - 1; bit >= 0 && z != NULL; bit--) {
            Mo_SETREF(z, long_mul_ints((MoLongObject *)z, (MoLongObject *)z));
            long_reduce(&z, mod);
            if (z != NULL && (e->ob_digit[i] >> bit) & 1) {
                Mo_SETREF(z, long_mul_ints((MoLongObject *)z, a));
                long_reduce(&z, mod);
            }
        }
    }
    return z;
}

/* new: the inverse of a modulo m (m > 0), by the extended Euclidean algorithm;
   ValueError when a and m are not coprime. */
static MoObject *long_invmod(MoLongObject *a, MoLongObject *m)
{
    MoObject *r0 = NULL, *r1 = Mo_NewRef(m), *s0 = long_get_small(1), *s1 = long_get_small(0);
    if (long_floor_divmod(a, m, "", NULL, &r0) < 0)
        r0 = NULL;
    while (r0 != NULL && s0 != NULL && Mo_SIZE(r1) != 0) {
        MoObject *q = NULL, *r = NULL, *qs = NULL, *s = NULL;
        if (long_floor_divmod((MoLongObject *)r0, (MoLongObject *)r1, "", &q, &r) == 0) {
            qs = long_mul_ints((MoLongObject *)q, (MoLongObject *)s1);
            s = qs == NULL ? NULL : long_sub_ints((MoLongObject *)s0, (MoLongObject *)qs);
        }
        Mo_XDECREF(q);
        Mo_XDECREF(qs);
        Mo_SETREF(r0, r1);
        r1 = r;
        Mo_SETREF(s0, s1);
        s1 = s;
        if (r1 == NULL || s1 == NULL) {
            Mo_CLEAR(r0);
            break;
        }
    }
    MoObject *result = NULL;
    if (r0 != NULL && (long_ndigits((MoLongObject *)r0) != 1 || ((MoLongObject *)r0)->ob_digit[0] != 1))
        MoErr_SetString(MoExc_ValueError, "base is not invertible for the given modulus");
    else if (r0 != NULL && long_floor_divmod((MoLongObject *)s0, m, "", NULL, &result) < 0)
        result = NULL;
    Mo_XDECREF(r0);
    Mo_XDECREF(r1);
    Mo_XDECREF(s0);
    Mo_XDECREF(s1);
    return result;
}

/* new: pow(a, e, m) for ints, m not zero; the result has m's sign as in Python. */
static MoObject *long_pow_mod(MoLongObject *a, MoLongObject *e, MoLongObject *m)
{
    if (Mo_SIZE(m) == 0) {
        MoErr_SetString(MoExc_ValueError, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    MoObject *absm = long_abs((MoObject *)m), *base = NULL, *exp = NULL, *z = NULL;
    if (absm == NULL)
        return NULL;
    if (long_is_negative(e)) {
        base = long_invmod(a, (MoLongObject *)absm);
        exp = base == NULL ? NULL : long_neg((MoObject *)e);
    } else {
        base = Mo_NewRef(a);
        exp = Mo_NewRef(e);
    }
    if (base != NULL && exp != NULL)
        z = long_pow_positive((MoLongObject *)base, (MoLongObject *)exp, (MoLongObject *)absm);
    if (z != NULL && long_is_negative(m) && Mo_SIZE(z) != 0)
        Mo_SETREF(z, long_add_ints((MoLongObject *)z, m));   /* into (m, 0] */
    Mo_XDECREF(base);
    Mo_XDECREF(exp);
    Mo_DECREF(absm);
    return z;
}

static MoObject *long_pow(MoObject *a, MoObject *b, MoObject *c)
{
    LONG_BINOP_CHECK(a, b);
    if (c != NULL && !Mo_IsNone(c)) {
        if (!MoLong_Check(c))
            Mo_RETURN_NOTIMPLEMENTED;
        return long_pow_mod((MoLongObject *)a, (MoLongObject *)b, (MoLongObject *)c);
    }
    if (long_is_negative((MoLongObject *)b))   /* a float result: float's pow decides */
        return MoFloat_Type.tp_as_number->nb_power(a, b, c);
    return long_pow_positive((MoLongObject *)a, (MoLongObject *)b, NULL);
}

/* The shift count of a << b / a >> b: -1 with ValueError "negative shift count"
   or OverflowError. */
static Mo_ssize_t long_shift_count(MoObject *b)
{
    if (long_is_negative((MoLongObject *)b)) {
        MoErr_SetString(MoExc_ValueError, "negative shift count");
        return -1;
    }
    return MoLong_AsSsize_t(b);
}

static MoObject *long_lshift(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    Mo_ssize_t s = long_shift_count(b);
    if (s < 0)
        return NULL;
    if (Mo_SIZE(a) == 0)
        return long_get_small(0);
    MoLongObject *z = x_lshift((MoLongObject *)a, s);
    if (z != NULL && long_is_negative((MoLongObject *)a))
        Mo_SET_SIZE(z, -Mo_SIZE(z));
    return long_finish(z);
}

/* a >> b rounds toward minus infinity: a // 2**b. */
static MoObject *long_rshift(MoObject *a, MoObject *b)
{
    LONG_BINOP_CHECK(a, b);
    Mo_ssize_t s = long_shift_count(b);
    if (s < 0)
        return NULL;
    MoLongObject *v = (MoLongObject *)a;
    if (!long_is_negative(v))
        return long_finish(x_rshift(v, s));
    /* -(((-a) - 1) >> s) - 1 == ~(~a >> s), with ~a = -a - 1 >= 0 */
    MoObject *inv = long_invert(a);
    if (inv == NULL)
        return NULL;
    MoObject *shifted = long_finish(x_rshift((MoLongObject *)inv, s));
    Mo_DECREF(inv);
    if (shifted == NULL)
        return NULL;
    MoObject *z = long_invert(shifted);
    Mo_DECREF(shifted);
    return z;
}

/* ================================================================ repr, hash */

/* region long_repr */
/* Decimal digits: convert base 2**30 to base 10**9 one digit at a time from the
   top (out = out * 2**30 + digit), then print the 10**9-digits, the top one
   plainly and the others as nine decimal digits each. */
static MoObject *long_repr(MoObject *o)
{
    MoLongObject *v = (MoLongObject *)o;
    Mo_ssize_t n = long_ndigits(v);
    if (n <= 2) {
        char small[32];
        snprintf(small, sizeof small, "%lld", long_medium_value(v));
        return MoUnicode_FromString(small);
    }
    /* 30 bits hold at most 1.0035 base-10**9 digits. */
    Mo_ssize_t cap = n + n / 64 + 2, size = 0;
    uint32_t *out = MoMem_Malloc((size_t)cap * sizeof(uint32_t));
    char *text = MoMem_Malloc((size_t)cap * 9 + 2);
    if (out == NULL || text == NULL) {
        MoMem_Free(out);
        MoMem_Free(text);
        return MoErr_NoMemory();
    }
    for (Mo_ssize_t i = n - 1; i >= 0; i--) {
        twodigits carry = v->ob_digit[i];
        for (Mo_ssize_t j = 0; j < size; j++) {
            twodigits t = ((twodigits)out[j] << MoLong_SHIFT) | carry;
            carry = t / 1000000000u;
            out[j] = (uint32_t)(t - carry * 1000000000u);
        }
        while (carry != 0) {
            out[size++] = (uint32_t)(carry % 1000000000u);
            carry /= 1000000000u;
        }
    }
    int topdigits = snprintf(NULL, 0, "%u", (unsigned)out[size - 1]);
    if ((size - 1) * 9 + topdigits > MOLONG_MAX_STR_DIGITS) {
        MoMem_Free(out);
        MoMem_Free(text);
        MoErr_Format(MoExc_ValueError, "Exceeds the limit (%d digits) for integer string conversion; "
                     "use sys.set_int_max_str_digits() to increase the limit", MOLONG_MAX_STR_DIGITS);
        return NULL;
    }
    char *p = text;
    if (long_is_negative(v))
        *p++ = '-';
    p += sprintf(p, "%u", (unsigned)out[size - 1]);
    for (Mo_ssize_t j = size - 2; j >= 0; j--)
        p += sprintf(p, "%09u", (unsigned)out[j]);
    MoObject *s = MoUnicode_FromString(text);
    MoMem_Free(out);
    MoMem_Free(text);
    return s;
}
/* endregion long_repr */

/* region long_hash */
/* hash(n) is n reduced modulo the prime P = 2**61 - 1, with n's sign, so that
   equal numbers of any type (10, 10.0) hash alike. Digits are folded in from the
   top: x = x * 2**30 + d (mod P), where multiplying by 2**30 modulo P is a 61-bit
   rotation because 2**61 == 1 (mod P). -1 is reserved for errors: it becomes -2. */
static Mo_hash_t long_hash(MoObject *o)
{
    MoLongObject *v = (MoLongObject *)o;
    uint64_t x = 0;
    for (Mo_ssize_t i = long_ndigits(v) - 1; i >= 0; i--) {
        x = ((x << MoLong_SHIFT) & _MoHASH_MODULUS) | (x >> (_MoHASH_BITS - MoLong_SHIFT));
        x += v->ob_digit[i];
        if (x >= _MoHASH_MODULUS)
            x -= _MoHASH_MODULUS;
    }
    Mo_hash_t h = long_is_negative(v) ? -(Mo_hash_t)x : (Mo_hash_t)x;
    return h == -1 ? -2 : h;
}
/* endregion long_hash */

int _MoLong_Compare(MoObject *a, MoObject *b)
{
    MoLongObject *x = (MoLongObject *)a, *y = (MoLongObject *)b;
    if (long_is_negative(x) != long_is_negative(y))
        return long_is_negative(x) ? -1 : 1;
    int c = x_compare(x, y);
    return long_is_negative(x) ? -c : c;
}

/* 1 if c (-1, 0, 1 as a <, ==, > b) satisfies op. */
static int long_cmp_holds(int c, int op)
{
    switch (op) {
    case MO_LT: return c < 0;
    case MO_LE: return c <= 0;
    case MO_EQ: return c == 0;
    case MO_NE: return c != 0;
    case MO_GT: return c > 0;
    default: return c >= 0;
    }
}

static MoObject *long_richcompare(MoObject *a, MoObject *b, int op)
{
    LONG_BINOP_CHECK(a, b);
    return MoBool_FromLong(long_cmp_holds(_MoLong_Compare(a, b), op));
}

/* ===================================================================== type */

/* 3.11's int.__sizeof__ counts at least one digit: 0 is 28 bytes, as 1 is. */
static Mo_ssize_t long_sizeof(MoObject *o)
{
    Mo_ssize_t n = long_ndigits((MoLongObject *)o);
    return (Mo_ssize_t)offsetof(MoLongObject, ob_digit) + (n > 0 ? n : 1) * (Mo_ssize_t)sizeof(digit);
}

static void long_dealloc(MoObject *op)
{
    if (long_is_static(op))
        Mo_FatalError("deallocating a small int: bug likely caused by a refcount error in a C extension");
    Mo_TYPE(op)->tp_free(op);
}

static MoNumberMethods long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = long_pow,
    .nb_negative = long_neg,
    .nb_positive = long_long,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = long_lshift,
    .nb_rshift = long_rshift,
    .nb_int = long_long,
    .nb_float = long_float,
    .nb_floor_divide = long_floor_div,
    .nb_true_divide = long_true_divide,
    .nb_index = long_long,
};

/* new: int(x, base) for x a str, bytes or a subclass of either. */
static MoObject *long_from_text_object(MoObject *x, int base)
{
    if (MoUnicode_Check(x))
        return MoLong_FromUnicodeObject(x, base);
    return long_from_text(MoBytes_AS_STRING(x), MoBytes_GET_SIZE(x), base, x);
}

/* region long_new */
/* int(), int(x) (a number, or a str or bytes read in base 10), int(x, base)
   (x a str or bytes; base 0 or 2..36, by position or keyword), with 3.11's
   messages. For a subclass of int, a copy of the value's digits in an instance
   of the subclass (3.11's long_subtype_new). */
static MoObject *long_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"", "base", NULL};
    MoObject *x = NULL, *obase = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|OO:int", kwlist, &x, &obase))
        return NULL;
    MoObject *value;
    if (obase == NULL) {
        value = x == NULL ? MoLong_FromLong(0) : MoUnicode_Check(x) || MoBytes_Check(x) ? long_from_text_object(x, 10)
                                                                                     : MoNumber_Long(x);
    } else if (x == NULL) {
        MoErr_SetString(MoExc_TypeError, "int() missing string argument");
        return NULL;
    } else {
        Mo_ssize_t base = MoNumber_AsSsize_t(obase, NULL);   /* clamped: a huge base is out of range */
        if (base == -1 && MoErr_Occurred())
            return NULL;
        if (!MoUnicode_Check(x) && !MoBytes_Check(x)) {
            MoErr_SetString(MoExc_TypeError, "int() can't convert non-string with explicit base");
            return NULL;
        }
        value = long_from_text_object(x, base < 0 || base > 36 ? -1 : (int)base);   /* -1: out of range */
    }
    if (value == NULL || type == &MoLong_Type)
        return value;
    Mo_ssize_t n = long_ndigits((MoLongObject *)value);
    MoLongObject *sub = (MoLongObject *)type->tp_alloc(type, n);
    if (sub != NULL) {
        Mo_SET_SIZE(sub, Mo_SIZE(value));
        memcpy(sub->ob_digit, ((MoLongObject *)value)->ob_digit, (size_t)n * sizeof(digit));
    }
    Mo_DECREF(value);
    return (MoObject *)sub;
}
/* endregion long_new */

MoTypeObject MoLong_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "int",
    .tp_basicsize = offsetof(MoLongObject, ob_digit),
    .tp_itemsize = sizeof(digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_as_number = &long_as_number,
    .tp_hash = long_hash,
    .tp_str = long_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_BASETYPE | MO_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "int([x]) -> integer\nint(x, base=10) -> integer",
    .tp_richcompare = long_richcompare,
    .tp_sizeof = long_sizeof,
    .tp_new = long_new,
};

int _MoLong_Init(void)
{
    long_init_small_ints();
    if (MoType_Ready(&MoLong_Type) < 0)
        return -1;
    return _MoBool_Init();
}
