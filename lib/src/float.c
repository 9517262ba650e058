/* float: a C double in a 24-byte object (header 16 + the double 8), as 3.11.
 *
 * Floats are created and dropped so often that 3.11 keeps up to 100 released
 * float objects on a free list and hands them out again instead of calling the
 * allocator: a float's memory is only given back when the list is full, or when
 * _MoFloat_Fini empties it.
 *
 * Arithmetic mixes with ints: every binary slot converts an int operand to a
 * double (OverflowError when it is too big) and answers NotImplemented for any
 * other type. Comparisons with ints are exact, not done in doubles, so that
 * 2**53 + 1 != 2.0**53 as in Python.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ================================================================ free list */

/* region float_free_list */
#define MOFLOAT_MAXFREELIST 100

/* 3.11 threads its free floats through their ob_type fields. We keep them in an
   array instead, so that a parked float still names its type: the debug build
   can then report a DECREF on it as a use of a released "float". */
static MoFloatObject *float_free_list[MOFLOAT_MAXFREELIST];
static int float_numfree;

MoObject *MoFloat_FromDouble(double v)
{
    MoFloatObject *op;
    if (float_numfree > 0) {
        op = float_free_list[--float_numfree];
        _Mo_NewReference((MoObject *)op);
    } else {
        op = MoObject_New(MoFloatObject, &MoFloat_Type);
        if (op == NULL)
            return NULL;
    }
    op->ob_fval = v;
    return (MoObject *)op;
}

static void float_dealloc(MoObject *op)
{
    if (MoFloat_CheckExact(op) && float_numfree < MOFLOAT_MAXFREELIST) {
        float_free_list[float_numfree++] = (MoFloatObject *)op;
        return;
    }
    Mo_TYPE(op)->tp_free(op);
}

void _MoFloat_Fini(void)
{
    while (float_numfree > 0) {
        MoObject *op = (MoObject *)float_free_list[--float_numfree];
        MoFloat_Type.tp_free(op);
    }
}

int _MoFloat_FreeListSize(void)
{
    return float_numfree;
}
/* endregion float_free_list */

/* ============================================================= conversions */

double MoFloat_AsDouble(MoObject *o)
{
    if (o == NULL) {
        MoErr_BadInternalCall();
        return -1.0;
    }
    if (MoFloat_Check(o))
        return ((MoFloatObject *)o)->ob_fval;
    if (MoLong_Check(o))
        return MoLong_AsDouble(o);
    MoNumberMethods *nb = Mo_TYPE(o)->tp_as_number;
    if (nb == NULL || nb->nb_float == NULL) {
        MoErr_Format(MoExc_TypeError, "must be real number, not %s", _Mo_TypeName(o));
        return -1.0;
    }
    MoObject *f = nb->nb_float(o);
    if (f == NULL)
        return -1.0;
    double v = MoFloat_AsDouble(f);
    Mo_DECREF(f);
    return v;
}

/* An operand of a binary float slot as a double: 1 converted, 0 when it is
   neither a float nor an int (the slot answers NotImplemented), -1 on error
   (an int too large for a double). */
static int float_operand(MoObject *o, double *out)
{
    if (MoFloat_Check(o)) {
        *out = ((MoFloatObject *)o)->ob_fval;
        return 1;
    }
    if (!MoLong_Check(o))
        return 0;
    *out = MoLong_AsDouble(o);
    return *out == -1.0 && MoErr_Occurred() ? -1 : 1;
}

/* Both operands as doubles, or return from the slot (NULL or NotImplemented). */
#define FLOAT_OPERANDS(a, b, x, y)                          \
    do {                                                    \
        int ok_a = float_operand((a), &(x));                \
        if (ok_a < 0)                                       \
            return NULL;                                    \
        int ok_b = ok_a ? float_operand((b), &(y)) : 0;     \
        if (ok_b < 0)                                       \
            return NULL;                                    \
        if (!ok_a || !ok_b)                                 \
            Mo_RETURN_NOTIMPLEMENTED;                       \
    } while (0)

/* ==================================================================== repr */

/* region float_repr */
/* Python's repr of a float: the shortest decimal string that reads back as the
   same double, laid out by Python's rules:
   - for p = 1, 2, ... 17 significant digits, the p-digit decimal nearest to v
     ("%.{p-1}e"), or failing that its neighbour on the other side of v, is
     the answer as soon as strtod turns it back into v (among the shortest, the
     nearest wins, as with David Gay's algorithm that CPython uses);
   - with decpt the position of the decimal point after the first digit
     (1.5 -> digits "15", decpt 1), scientific notation when decpt <= -4 or
     decpt > 16: "1e-05", "1.5e+300" (exponent sign and at least two digits);
   - fixed notation otherwise, always with a point and a digit after it:
     "0.0001", "100.0", "1000000000000000.0". */

/* m * 10**e for the "%.*e" text of a positive double. */
static void float_parse_scientific(const char *text, long long *m, int *e)
{
    const char *p = text;
    int fraction_digits = 0, seen_point = 0;
    *m = 0;
    for (; *p != 'e'; p++) {
        if (*p == '.') {
            seen_point = 1;
            continue;
        }
        *m = *m * 10 + (*p - '0');
        fraction_digits += seen_point;
    }
    *e = atoi(p + 1) - fraction_digits;
}

static int float_reads_back(long long m, int e, double v)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%llde%d", m, e);
    return strtod(buf, NULL) == v;
}

/* The shortest digits of v > 0 (no trailing zeros) and where the point goes. */
static void float_shortest_digits(double v, char *digits, int *decpt)
{
    char buf[48];
    long long m = 0;
    int e = 0;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        float_parse_scientific(buf, &m, &e);
        if (strtod(buf, NULL) == v)
            break;
        long long other = strtod(buf, NULL) > v ? m - 1 : m + 1;
        if (float_reads_back(other, e, v)) {
            m = other;
            break;
        }
    }
    int n = snprintf(digits, 24, "%lld", m);
    *decpt = n + e;
    while (n > 1 && digits[n - 1] == '0')
        digits[--n] = '\0';
}

static char *float_put_zeros(char *p, int n)
{
    while (n-- > 0)
        *p++ = '0';
    return p;
}

/* out must hold 32 bytes. */
static void float_format_repr(double v, char *out)
{
    if (isnan(v)) {
        strcpy(out, "nan");
        return;
    }
    char *p = out;
    if (signbit(v))
        *p++ = '-';
    v = fabs(v);
    if (isinf(v) || v == 0.0) {
        strcpy(p, isinf(v) ? "inf" : "0.0");
        return;
    }
    char digits[24];
    int decpt;
    float_shortest_digits(v, digits, &decpt);
    int n = (int)strlen(digits);
    if (decpt <= -4 || decpt > 16) {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            p = stpcpy(p, digits + 1);
        }
        sprintf(p, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
    } else if (decpt <= 0) {
        p = float_put_zeros(stpcpy(p, "0."), -decpt);
        strcpy(p, digits);
    } else if (decpt >= n) {
        p = float_put_zeros(stpcpy(p, digits), decpt - n);
        strcpy(p, ".0");
    } else {
        memcpy(p, digits, (size_t)decpt);
        p[decpt] = '.';
        strcpy(p + decpt + 1, digits + decpt);
    }
}
/* endregion float_repr */

static MoObject *float_repr(MoObject *o)
{
    char buf[64];
    float_format_repr(((MoFloatObject *)o)->ob_fval, buf);
    return MoUnicode_FromString(buf);
}

/* ==================================================================== hash */

/* region hash_double */
/* hash(x) for a double, equal to hash(n) when x == n for an int n: the value
   reduced modulo P = 2**61 - 1. With x = m * 2**e (0.5 <= m < 1), m's bits are
   taken 28 at a time into a number modulo P; multiplying by 2**28 (or by 2**e
   at the end) modulo P is a rotation of 61 bits, because 2**61 == 1 (mod P).
   inf hashes to 314159, -inf to -314159; nan by the object's address (3.11:
   distinct nans are distinct keys). -1 becomes -2. */
Mo_hash_t _Mo_HashDouble(MoObject *inst, double v)
{
    if (isinf(v))
        return v > 0 ? _MoHASH_INF : -_MoHASH_INF;
    if (isnan(v))
        return _Mo_HashPointer(inst);
    int e;
    double m = frexp(v, &e);
    int negative = m < 0;
    if (negative)
        m = -m;
    uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & _MoHASH_MODULUS) | (x >> (_MoHASH_BITS - 28));
        m *= 268435456.0;   /* 2**28: the next 28 bits move above the point */
        e -= 28;
        uint64_t bits = (uint64_t)m;
        m -= (double)bits;
        x += bits;
        if (x >= _MoHASH_MODULUS)
            x -= _MoHASH_MODULUS;
    }
    /* multiply by 2**e: e modulo 61, as a rotation to the left */
    e = e >= 0 ? e % _MoHASH_BITS : _MoHASH_BITS - 1 - ((-1 - e) % _MoHASH_BITS);
    x = ((x << e) & _MoHASH_MODULUS) | (x >> (_MoHASH_BITS - e));
    Mo_hash_t h = negative ? -(Mo_hash_t)x : (Mo_hash_t)x;
    return h == -1 ? -2 : h;
}
/* endregion hash_double */

static Mo_hash_t float_hash(MoObject *o)
{
    return _Mo_HashDouble(o, ((MoFloatObject *)o)->ob_fval);
}

/* ============================================================ comparison */

/* 1 if c (-1, 0, 1 as a <, ==, > b) satisfies op. */
static int float_cmp_holds(int c, int op)
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

/* -1, 0, 1 as the finite v <, ==, > the int w, exactly: compare floor(v), an
   int, with w; when they are equal, v is larger if it had a fraction.
   -2 with an exception on failure. */
static int float_compare_int(double v, MoObject *w)
{
    double fl = floor(v);
    MoObject *iv = MoLong_FromDouble(fl);
    if (iv == NULL)
        return -2;
    int c = _MoLong_Compare(iv, w);
    Mo_DECREF(iv);
    return c == 0 && v != fl ? 1 : c;
}

static MoObject *float_richcompare(MoObject *a, MoObject *b, int op)
{
    if (!MoFloat_Check(a))
        Mo_RETURN_NOTIMPLEMENTED;
    double v = ((MoFloatObject *)a)->ob_fval;
    int c;
    if (MoFloat_Check(b)) {
        double w = ((MoFloatObject *)b)->ob_fval;
        if (isnan(v) || isnan(w))   /* unordered: only != holds */
            return MoBool_FromLong(op == MO_NE);
        c = v < w ? -1 : v > w ? 1 : 0;
    } else if (MoLong_Check(b)) {
        if (isnan(v))
            return MoBool_FromLong(op == MO_NE);
        if (isinf(v))
            c = v > 0 ? 1 : -1;
        else if ((c = float_compare_int(v, b)) == -2)
            return NULL;
    } else {
        Mo_RETURN_NOTIMPLEMENTED;
    }
    return MoBool_FromLong(float_cmp_holds(c, op));
}

/* ============================================================ number slots */

static MoObject *float_add(MoObject *a, MoObject *b)
{
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return MoFloat_FromDouble(x + y);
}

static MoObject *float_sub(MoObject *a, MoObject *b)
{
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return MoFloat_FromDouble(x - y);
}

static MoObject *float_mul(MoObject *a, MoObject *b)
{
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    return MoFloat_FromDouble(x * y);
}

static MoObject *float_true_divide(MoObject *a, MoObject *b)
{
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) {
        MoErr_SetString(MoExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return MoFloat_FromDouble(x / y);
}

/* region float_divmod */
/* Python's floor division for doubles, y != 0: mod takes the sign of y (and is
   +-0.0 when exact), div = (x - mod) / y, which is integral up to rounding, and
   is snapped to the nearest integer so that div * y + mod == x as nearly as the
   doubles allow. */
static void float_floor_divmod(double x, double y, double *pdiv, double *pmod)
{
    double mod = fmod(x, y);
    double div = (x - mod) / y;
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0)) {
            mod += y;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, y);
    }
    if (div != 0.0) {
        double fl = floor(div);
        if (div - fl > 0.5)
            fl += 1.0;
        div = fl;
    } else {
        div = copysign(0.0, x / y);
    }
    *pdiv = div;
    *pmod = mod;
}
/* endregion float_divmod */

static MoObject *float_floor_div(MoObject *a, MoObject *b)
{
    double x, y, div, mod;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) {
        MoErr_SetString(MoExc_ZeroDivisionError, "float floor division by zero");
        return NULL;
    }
    float_floor_divmod(x, y, &div, &mod);
    return MoFloat_FromDouble(div);
}

static MoObject *float_rem(MoObject *a, MoObject *b)
{
    double x, y, div, mod;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) {
        MoErr_SetString(MoExc_ZeroDivisionError, "float modulo");
        return NULL;
    }
    float_floor_divmod(x, y, &div, &mod);
    return MoFloat_FromDouble(mod);
}

static MoObject *float_divmod(MoObject *a, MoObject *b)
{
    double x, y, div, mod;
    FLOAT_OPERANDS(a, b, x, y);
    if (y == 0.0) {
        MoErr_SetString(MoExc_ZeroDivisionError, "float divmod()");
        return NULL;
    }
    float_floor_divmod(x, y, &div, &mod);
    MoObject *d = MoFloat_FromDouble(div), *m = MoFloat_FromDouble(mod);
    MoObject *t = d != NULL && m != NULL ? MoTuple_Pack(2, d, m) : NULL;
    Mo_XDECREF(d);
    Mo_XDECREF(m);
    return t;
}

/* region float_pow */
/* x ** y. C's pow follows IEEE 754 for the special values (inf, nan, -0.0) as
   Python does; the differences are errors in Python:
   - 0.0 ** negative is ZeroDivisionError, not inf;
   - negative ** fractional is a complex number: complex's power computes it;
   - a finite result too large for a double is OverflowError (errno ERANGE). */
static MoObject *float_pow(MoObject *a, MoObject *b, MoObject *c)
{
    double x, y;
    FLOAT_OPERANDS(a, b, x, y);
    if (c != NULL && !Mo_IsNone(c)) {
        MoErr_SetString(MoExc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    if (x == 0.0 && y < 0.0) {
        MoErr_SetString(MoExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return NULL;
    }
    if (x < 0.0 && isfinite(x) && isfinite(y) && y != floor(y))
        return MoComplex_Type.tp_as_number->nb_power(a, b, c);
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y)) {
        MoErr_SetString(MoExc_OverflowError, "(34, 'Numerical result out of range')");
        return NULL;
    }
    return MoFloat_FromDouble(r);
}
/* endregion float_pow */

static MoObject *float_neg(MoObject *a)
{
    return MoFloat_FromDouble(-((MoFloatObject *)a)->ob_fval);
}

static MoObject *float_pos(MoObject *a)
{
    if (MoFloat_CheckExact(a))
        return Mo_NewRef(a);
    return MoFloat_FromDouble(((MoFloatObject *)a)->ob_fval);
}

static MoObject *float_abs(MoObject *a)
{
    return MoFloat_FromDouble(fabs(((MoFloatObject *)a)->ob_fval));
}

static int float_bool(MoObject *a)
{
    return ((MoFloatObject *)a)->ob_fval != 0.0;
}

/* int(x): truncates toward zero. */
static MoObject *float_int(MoObject *a)
{
    return MoLong_FromDouble(((MoFloatObject *)a)->ob_fval);
}

/* ===================================================================== type */

static MoNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_pos,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_true_divide,
};

/* ================================================================ float(x) */

/* Copy s without surrounding whitespace and without the underscores that sit
   between two digits; any other underscore makes the text invalid (*ok = 0). */
char *_MoFloat_CleanText(const char *s, int *ok)
{
    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
        n--;
    char *out = MoMem_Malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t k = 0;
    *ok = 1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') {
            int between = i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9';
            *ok &= between;
            continue;
        }
        out[k++] = s[i];
    }
    out[k] = '\0';
    return out;
}

int _MoFloat_StrtodExtension(const char *s)
{
    return strpbrk(s, "xX(") != NULL;
}

/* new: the float a str spells (3.11's float_from_string: decimal or exponent
   notation, inf, nan, digits grouped by underscores, whitespace around). */
static MoObject *float_from_string(MoObject *str)
{
    const char *utf8 = MoUnicode_AsUTF8(str);
    if (utf8 == NULL)
        return NULL;
    int ok = 0;
    char *text = _MoFloat_CleanText(utf8, &ok);
    if (text == NULL)
        return MoErr_NoMemory();
    char *end = text;
    ok &= !_MoFloat_StrtodExtension(text);
    double v = ok ? strtod(text, &end) : 0.0;
    ok &= end != text && *end == '\0';
    MoMem_Free(text);
    if (!ok) {
        MoErr_Format(MoExc_ValueError, "could not convert string to float: %R", str);
        return NULL;
    }
    return MoFloat_FromDouble(v);
}

/* float(x=0.0) when the type is called; for a subclass, an instance made by
   type->tp_alloc holding the value (3.11's float_subtype_new). */
static MoObject *float_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    if (kwargs != NULL && MoDict_Size(kwargs) > 0) {
        MoErr_SetString(MoExc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    if (MoTuple_GET_SIZE(args) > 1) {
        MoErr_Format(MoExc_TypeError, "float expected at most 1 argument, got %zd", MoTuple_GET_SIZE(args));
        return NULL;
    }
    MoObject *x = MoTuple_GET_SIZE(args) == 1 ? MoTuple_GET_ITEM(args, 0) : NULL;
    MoObject *value = x == NULL ? MoFloat_FromDouble(0.0) : MoUnicode_Check(x) ? float_from_string(x)
                                                                              : MoNumber_Float(x);
    if (value == NULL || type == &MoFloat_Type)
        return value;
    MoObject *self = type->tp_alloc(type, 0);
    if (self != NULL)
        ((MoFloatObject *)self)->ob_fval = ((MoFloatObject *)value)->ob_fval;
    Mo_DECREF(value);
    return self;
}

MoTypeObject MoFloat_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "float",
    .tp_basicsize = sizeof(MoFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = float_repr,
    .tp_as_number = &float_as_number,
    .tp_hash = float_hash,
    .tp_str = float_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_BASETYPE,
    .tp_doc = "Convert a string or number to a floating point number, if possible.",
    .tp_richcompare = float_richcompare,
    .tp_new = float_new,
};

int _MoFloat_Init(void)
{
    return MoType_Ready(&MoFloat_Type);
}
