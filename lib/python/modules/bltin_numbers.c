/* The builtins on numbers and characters: hex, oct, bin, abs, round, divmod,
 * pow, chr, ord, with CPython 3.11's results and messages.
 *
 * hex/oct/bin read an int's 30-bit digits (long.h) as a stream of bits, so that
 * any size of int converts; round on a float rounds half to even through the C
 * library's correctly rounded decimal conversion, as CPython's does through its
 * own dtoa.
 */
#include <math.h>
#include "bltin.h"

/* new: o as an int: o itself for an int, o.__index__() for an object with one,
   else TypeError "'float' object cannot be interpreted as an integer". */
static MoObject *as_index(MoObject *o)
{
    if (MoLong_Check(o))
        return Mo_NewRef(o);
    if (MoIndex_Check(o)) {
        MoObject *i = MoObject_CallMethod(o, "__index__", NULL);
        if (i != NULL && !MoLong_Check(i)) {
            MoErr_Format(MoExc_TypeError, "__index__ returned non-int (type %s)", Mo_TYPE(i)->tp_name);
            Mo_CLEAR(i);
        }
        return i;
    }
    MoErr_Format(MoExc_TypeError, "'%s' object cannot be interpreted as an integer", Mo_TYPE(o)->tp_name);
    return NULL;
}

/* ------------------------------------------------------------ hex/oct/bin */

MoObject *_MoBltin_IntToBase(MoObject *o, int bits, const char *prefix)
{
    MoObject *n = as_index(o);
    if (n == NULL)
        return NULL;
    const MoLongObject *v = (const MoLongObject *)n;
    Mo_ssize_t ndigits = Mo_SIZE(v) < 0 ? -Mo_SIZE(v) : Mo_SIZE(v);
    size_t total_bits = (size_t)ndigits * MoLong_SHIFT;
    size_t cap = total_bits / (size_t)bits + 4 + strlen(prefix);
    char *buf = malloc(cap), *p = buf + cap;
    if (buf == NULL) {
        Mo_DECREF(n);
        return MoErr_NoMemory();
    }
    *--p = '\0';
    /* Take `bits` bits at a time from the low end of the digit array. */
    unsigned acc = 0, have = 0;
    for (Mo_ssize_t i = 0; i < ndigits; i++) {
        uint64_t d = v->ob_digit[i];
        for (int b = 0; b < MoLong_SHIFT; b++) {
            acc |= (unsigned)((d >> b) & 1) << have;
            if (++have == (unsigned)bits) {
                *--p = "0123456789abcdef"[acc];
                acc = have = 0;
            }
        }
    }
    if (have > 0)
        *--p = "0123456789abcdef"[acc];
    while (*p == '0' && p[1] != '\0')
        p++;                                 /* the leading zeros of the top digit */
    if (*p == '\0')
        *--p = '0';
    p -= strlen(prefix);
    memcpy(p, prefix, strlen(prefix));
    if (Mo_SIZE(v) < 0)
        *--p = '-';
    MoObject *s = MoUnicode_FromString(p);
    free(buf);
    Mo_DECREF(n);
    return s;
}

static MoObject *builtin_hex(MoObject *self, MoObject *o)
{
    (void)self;
    return _MoBltin_IntToBase(o, 4, "0x");
}

static MoObject *builtin_oct(MoObject *self, MoObject *o)
{
    (void)self;
    return _MoBltin_IntToBase(o, 3, "0o");
}

static MoObject *builtin_bin(MoObject *self, MoObject *o)
{
    (void)self;
    return _MoBltin_IntToBase(o, 1, "0b");
}

/* ------------------------------------------------------------ arithmetic */

static MoObject *builtin_abs(MoObject *self, MoObject *o)
{
    (void)self;
    return MoNumber_Absolute(o);
}

static MoObject *builtin_divmod(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("divmod", nargs, 2, 2))
        return NULL;
    return MoNumber_Divmod(args[0], args[1]);
}

/* new: (a * b) % m, all ints. */
static MoObject *mulmod(MoObject *a, MoObject *b, MoObject *m)
{
    MoObject *p = MoNumber_Multiply(a, b);
    if (p == NULL)
        return NULL;
    MoObject *r = MoNumber_Remainder(p, m);
    Mo_DECREF(p);
    return r;
}

/* new: the inverse of a modulo m (m > 0) by the extended Euclidean algorithm, or
   ValueError "base is not invertible for the given modulus". */
static MoObject *inverse_mod(MoObject *a, MoObject *m)
{
    MoObject *r0 = MoNumber_Remainder(a, m), *r1 = Mo_NewRef(m);
    MoObject *s0 = MoLong_FromLong(1), *s1 = MoLong_FromLong(0), *result = NULL;
    while (r0 != NULL && r1 != NULL && s0 != NULL && s1 != NULL) {
        int zero = MoObject_IsTrue(r1);
        if (zero <= 0)
            break;
        MoObject *qr = MoNumber_Divmod(r0, r1);
        if (qr == NULL)
            break;
        MoObject *q = MoTuple_GET_ITEM(qr, 0);
        MoObject *qs = MoNumber_Multiply(q, s1);
        MoObject *s2 = qs == NULL ? NULL : MoNumber_Subtract(s0, qs);
        Mo_XDECREF(qs);
        Mo_SETREF(r0, r1);
        r1 = Mo_NewRef(MoTuple_GET_ITEM(qr, 1));
        Mo_DECREF(qr);
        Mo_SETREF(s0, s1);
        s1 = s2;
    }
    if (!MoErr_Occurred() && r0 != NULL) {
        MoObject *one = MoLong_FromLong(1);
        int is_one = one == NULL ? -1 : MoObject_RichCompareBool(r0, one, MO_EQ);
        Mo_XDECREF(one);
        if (is_one == 1)
            result = MoNumber_Remainder(s0, m);
        else if (is_one == 0)
            MoErr_SetString(MoExc_ValueError, "base is not invertible for the given modulus");
    }
    Mo_XDECREF(r0);
    Mo_XDECREF(r1);
    Mo_XDECREF(s0);
    Mo_XDECREF(s1);
    return result;
}

/* new: base ** exp % mod for ints, by squaring and multiplying. */
static MoObject *power_mod(MoObject *base, MoObject *exp, MoObject *mod)
{
    if (!MoObject_IsTrue(mod)) {
        MoErr_SetString(MoExc_ValueError, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    MoObject *zero = MoLong_FromLong(0), *m = NULL, *b = NULL, *e = NULL, *r = NULL;
    int negative_mod = MoObject_RichCompareBool(mod, zero, MO_LT);
    int negative_exp = MoObject_RichCompareBool(exp, zero, MO_LT);
    m = negative_mod ? MoNumber_Negative(mod) : Mo_NewRef(mod);
    b = m == NULL ? NULL : negative_exp ? inverse_mod(base, m) : MoNumber_Remainder(base, m);
    e = negative_exp ? MoNumber_Negative(exp) : Mo_NewRef(exp);
    r = MoLong_FromLong(1);
    if (b == NULL || e == NULL || r == NULL)
        goto fail;
    Mo_SETREF(r, MoNumber_Remainder(r, m));     /* pow(x, 0, 1) is 0 */
    while (r != NULL && MoObject_RichCompareBool(e, zero, MO_GT) == 1) {
        /* (the runtime's int has no &: the low bit is e % 2) */
        MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2), *bit = MoNumber_Remainder(e, two);
        Mo_DECREF(two);
        int odd = bit == NULL ? -1 : MoObject_IsTrue(bit);
        Mo_XDECREF(bit);
        if (odd == 1)
            Mo_SETREF(r, mulmod(r, b, m));
        Mo_SETREF(e, MoNumber_Rshift(e, one));
        Mo_DECREF(one);
        if (odd < 0 || r == NULL || e == NULL)
            goto fail;
        Mo_SETREF(b, mulmod(b, b, m));
        if (b == NULL)
            goto fail;
    }
    if (r != NULL && negative_mod && MoObject_IsTrue(r))
        Mo_SETREF(r, MoNumber_Subtract(r, m));   /* the result takes the modulus' sign */
    Mo_XDECREF(zero);
    Mo_XDECREF(m);
    Mo_XDECREF(b);
    Mo_XDECREF(e);
    return r;
fail:
    Mo_XDECREF(zero);
    Mo_XDECREF(m);
    Mo_XDECREF(b);
    Mo_XDECREF(e);
    Mo_XDECREF(r);
    return NULL;
}

static MoObject *builtin_pow(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "base", "exp", "mod", NULL };
    MoObject *base, *exp, *mod = Mo_None;
    (void)self;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "OO|O:pow", kwlist, &base, &exp, &mod))
        return NULL;
    if (mod == Mo_None)
        return MoNumber_Power(base, exp);
    if (!MoLong_Check(base) || !MoLong_Check(exp) || !MoLong_Check(mod)) {
        MoErr_SetString(MoExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    return power_mod(base, exp, mod);
}

/* ----------------------------------------------------------------- round */

/* new: x rounded to ndigits decimal places, half to even on the exact binary
   value (printf's %f is correctly rounded, as CPython's dtoa mode 3). */
static MoObject *round_float(double x, Mo_ssize_t ndigits)
{
    if (!isfinite(x) || ndigits > 323)
        return MoFloat_FromDouble(x);
    if (ndigits < -308)
        return MoFloat_FromDouble(0.0 * x);
    if (ndigits >= 0) {
        char buf[400];
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
        return MoFloat_FromDouble(strtod(buf, NULL));
    }
    double scale = pow(10.0, (double)-ndigits), y = x / scale;
    double z = nearbyint(y) * scale;
    return MoFloat_FromDouble(isfinite(z) ? z : 0.0 * x);
}

/* new: the int n rounded to a multiple of 10**-ndigits (ndigits < 0), half to even. */
static MoObject *round_int(MoObject *n, Mo_ssize_t ndigits)
{
    MoObject *ten = MoLong_FromLong(10), *k = MoLong_FromSsize_t(-ndigits);
    MoObject *p = ten && k ? MoNumber_Power(ten, k) : NULL;
    Mo_XDECREF(ten);
    Mo_XDECREF(k);
    if (p == NULL)
        return NULL;
    MoObject *qr = MoNumber_Divmod(n, p), *result = NULL;
    if (qr != NULL) {
        MoObject *q = MoTuple_GET_ITEM(qr, 0), *r = MoTuple_GET_ITEM(qr, 1);
        MoObject *two = MoLong_FromLong(2), *r2 = two ? MoNumber_Multiply(r, two) : NULL;
        int cmp = r2 ? MoObject_RichCompareBool(r2, p, MO_GT) : -1;
        int tie = r2 ? MoObject_RichCompareBool(r2, p, MO_EQ) : -1;
        MoObject *odd = two ? MoNumber_Remainder(q, two) : NULL;
        int up = cmp == 1 || (tie == 1 && odd != NULL && MoObject_IsTrue(odd));
        MoObject *one = MoLong_FromLong(up ? 1 : 0), *q2 = one ? MoNumber_Add(q, one) : NULL;
        if (q2 != NULL && cmp >= 0 && tie >= 0)
            result = MoNumber_Multiply(q2, p);
        Mo_XDECREF(two);
        Mo_XDECREF(r2);
        Mo_XDECREF(odd);
        Mo_XDECREF(one);
        Mo_XDECREF(q2);
        Mo_DECREF(qr);
    }
    Mo_DECREF(p);
    return result;
}

static MoObject *builtin_round(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "number", "ndigits", NULL };
    MoObject *number, *nd = Mo_None;
    (void)self;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "O|O:round", kwlist, &number, &nd))
        return NULL;
    if (!MoFloat_Check(number) && !MoLong_Check(number)) {
        MoObject *name = MoUnicode_InternFromString("__round__");
        MoObject *method = name ? _MoType_Lookup(Mo_TYPE(number), name) : NULL;
        Mo_XDECREF(name);
        if (method == NULL) {
            MoErr_Format(MoExc_TypeError, "type %s doesn't define __round__ method", Mo_TYPE(number)->tp_name);
            return NULL;
        }
        return nd == Mo_None ? MoObject_CallMethod(number, "__round__", NULL)
                             : MoObject_CallMethod(number, "__round__", "O", nd);
    }
    Mo_ssize_t ndigits = 0;
    if (nd != Mo_None) {
        MoObject *i = as_index(nd);
        if (i == NULL)
            return NULL;
        ndigits = MoLong_AsSsize_t(i);
        Mo_DECREF(i);
        if (ndigits == -1 && MoErr_Occurred())
            return NULL;
    }
    if (MoFloat_Check(number)) {
        double x = MoFloat_AsDouble(number);
        if (nd != Mo_None)
            return round_float(x, ndigits);
        return MoLong_FromDouble(nearbyint(x));
    }
    if (nd == Mo_None || ndigits >= 0)
        return MoNumber_Long(number);
    return round_int(number, ndigits);
}

/* ------------------------------------------------------------ characters */

static MoObject *builtin_chr(MoObject *self, MoObject *o)
{
    (void)self;
    MoObject *i = as_index(o);
    if (i == NULL)
        return NULL;
    long c = MoLong_AsLong(i);
    Mo_DECREF(i);
    if (c == -1 && MoErr_Occurred()) {
        if (!MoErr_ExceptionMatches(MoExc_OverflowError))
            return NULL;
        MoErr_Clear();
        MoErr_SetString(MoExc_OverflowError, "Python int too large to convert to C int");
        return NULL;
    }
    if (c < 0 || c > 0x10ffff) {
        MoErr_SetString(MoExc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    Mo_UCS4 ch = (Mo_UCS4)c;
    return MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, &ch, 1);
}

static MoObject *builtin_ord(MoObject *self, MoObject *o)
{
    (void)self;
    Mo_ssize_t n;
    if (MoUnicode_Check(o)) {
        n = MoUnicode_GET_LENGTH(o);
        if (n == 1)
            return MoLong_FromLong((long)MoUnicode_ReadChar(o, 0));
    } else if (MoBytes_Check(o)) {
        n = MoBytes_GET_SIZE(o);
        if (n == 1)
            return MoLong_FromLong((unsigned char)MoBytes_AS_STRING(o)[0]);
    } else {
        MoErr_Format(MoExc_TypeError, "ord() expected string of length 1, but %s found", Mo_TYPE(o)->tp_name);
        return NULL;
    }
    MoErr_Format(MoExc_TypeError, "ord() expected a character, but string of length %zd found", n);
    return NULL;
}

MoMethodDef _MoBltin_NumberMethods[] = {
    { "hex", builtin_hex, METH_O, "Return the hexadecimal representation of an integer." },
    { "oct", builtin_oct, METH_O, "Return the octal representation of an integer." },
    { "bin", builtin_bin, METH_O, "Return the binary representation of an integer." },
    { "abs", builtin_abs, METH_O, "Return the absolute value of the argument." },
    { "divmod", (MoCFunction)(void (*)(void))builtin_divmod, METH_FASTCALL,
      "Return the tuple (x//y, x%y)." },
    { "pow", (MoCFunction)(void (*)(void))builtin_pow, METH_VARARGS | METH_KEYWORDS,
      "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments" },
    { "round", (MoCFunction)(void (*)(void))builtin_round, METH_VARARGS | METH_KEYWORDS,
      "Round a number to a given precision in decimal digits." },
    { "chr", builtin_chr, METH_O, "Return a Unicode string of one character with ordinal i." },
    { "ord", builtin_ord, METH_O, "Return the Unicode code point for a one-character string." },
    { NULL, NULL, 0, NULL },
};
