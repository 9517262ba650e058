/* complex: two doubles in a 32-byte object (header 16 + real 8 + imag 8), as 3.11.
 *
 * A complex is immutable: `real` and `imag` are read-only members, it has no
 * instance dict, and it has neither a free list nor GC tracking (it holds no
 * objects). Arithmetic mixes with ints and floats: every binary slot turns an
 * int or float operand into a complex with a zero imaginary part (OverflowError
 * when an int is too big for a double) and answers NotImplemented for any other
 * type. Only == and != are defined; ordering comparisons answer NotImplemented,
 * so that the abstract layer raises "'<' not supported ...".
 *
 * The static type is readied by its first constructor call (as lru_cache does),
 * so that start-up does not pay for a type most programs never use.
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const Mo_complex complex_one = { 1.0, 0.0 };

/* ============================================================ construction */

MoObject *MoComplex_FromCComplex(Mo_complex c)
{
    if (MoType_Ready(&MoComplex_Type) < 0)
        return NULL;
    MoComplexObject *op = MoObject_New(MoComplexObject, &MoComplex_Type);
    if (op == NULL)
        return NULL;
    op->cval = c;
    return (MoObject *)op;
}

MoObject *MoComplex_FromDoubles(double real, double imag)
{
    Mo_complex c = { real, imag };
    return MoComplex_FromCComplex(c);
}

double MoComplex_RealAsDouble(MoObject *op)
{
    if (op != NULL && MoComplex_Check(op))
        return ((MoComplexObject *)op)->cval.real;
    return MoFloat_AsDouble(op);
}

double MoComplex_ImagAsDouble(MoObject *op)
{
    if (op != NULL && MoComplex_Check(op))
        return ((MoComplexObject *)op)->cval.imag;
    return 0.0;
}

static void complex_dealloc(MoObject *op)
{
    Mo_TYPE(op)->tp_free(op);
}

/* An operand of a binary complex slot: 1 converted, 0 when it is neither a
   complex, a float nor an int (the slot answers NotImplemented), -1 on error
   (an int too large for a double). */
static int complex_operand(MoObject *o, Mo_complex *out)
{
    out->imag = 0.0;
    if (MoComplex_Check(o)) {
        *out = ((MoComplexObject *)o)->cval;
        return 1;
    }
    if (MoFloat_Check(o)) {
        out->real = ((MoFloatObject *)o)->ob_fval;
        return 1;
    }
    if (!MoLong_Check(o))
        return 0;
    out->real = MoLong_AsDouble(o);
    return out->real == -1.0 && MoErr_Occurred() ? -1 : 1;
}

/* Both operands as complex numbers, or return from the slot (NULL or NotImplemented). */
#define COMPLEX_OPERANDS(a, b, x, y)                        \
    do {                                                    \
        int ok_a = complex_operand((a), &(x));              \
        if (ok_a < 0)                                       \
            return NULL;                                    \
        int ok_b = ok_a ? complex_operand((b), &(y)) : 0;   \
        if (ok_b < 0)                                       \
            return NULL;                                    \
        if (!ok_a || !ok_b)                                 \
            Mo_RETURN_NOTIMPLEMENTED;                       \
    } while (0)

/* ==================================================================== repr */

/* region complex_repr */
/* One part as Python's complex repr writes it: the float's shortest repr
   without the ".0" that float's repr adds to an integral value (2.0 -> "2",
   1e+16 stays), with a '+' in front when force_sign and the text has no '-'
   ("+nan", "+inf", "+2"). The shortest repr never ends in a zero digit after
   the point, so a final ".0" is always the added one. out holds 40 bytes.
   0 on success, -1 with an exception. */
static int complex_format_part(double v, int force_sign, char *out)
{
    MoObject *f = MoFloat_FromDouble(v);
    MoObject *r = f != NULL ? MoObject_Repr(f) : NULL;
    Mo_XDECREF(f);
    const char *s = r != NULL ? MoUnicode_AsUTF8(r) : NULL;
    if (s == NULL) {
        Mo_XDECREF(r);
        return -1;
    }
    size_t n = strlen(s);
    if (n >= 2 && strcmp(s + n - 2, ".0") == 0)
        n -= 2;
    snprintf(out, 40, "%s%.*s", force_sign && s[0] != '-' ? "+" : "", (int)n, s);
    Mo_DECREF(r);
    return 0;
}

/* "2j" when the real part is +0.0 (not -0.0), else "(re+imj)": "(1+2j)",
   "(-0-1j)", "(nan+infj)". str() is the same. */
static MoObject *complex_repr(MoObject *o)
{
    Mo_complex c = ((MoComplexObject *)o)->cval;
    char re[40], im[40], buf[96];
    int imag_only = c.real == 0.0 && !signbit(c.real);
    if (complex_format_part(c.imag, !imag_only, im) < 0)
        return NULL;
    if (imag_only) {
        snprintf(buf, sizeof buf, "%sj", im);
    } else {
        if (complex_format_part(c.real, 0, re) < 0)
            return NULL;
        snprintf(buf, sizeof buf, "(%s%sj)", re, im);
    }
    return MoUnicode_FromString(buf);
}
/* endregion complex_repr */

/* ==================================================================== hash */

/* region complex_hash */
/* hash(re) + 1000003 * hash(im), in unsigned arithmetic (it wraps), so that
   hash(x + 0j) == hash(x) for every int or float x equal to it. -1 is kept
   for errors and becomes -2. */
static Mo_hash_t complex_hash(MoObject *o)
{
    Mo_complex c = ((MoComplexObject *)o)->cval;
    size_t hr = (size_t)_Mo_HashDouble(o, c.real);
    size_t hi = (size_t)_Mo_HashDouble(o, c.imag);
    Mo_hash_t h = (Mo_hash_t)(hr + 1000003U * hi);
    return h == -1 ? -2 : h;
}
/* endregion complex_hash */

/* ============================================================ comparison */

/* region complex_richcompare */
/* == and != only. With an int, a complex with a zero imaginary part compares
   its real part as a float does (exactly, not in doubles); with a float, both
   parts are compared; anything else is NotImplemented. */
static MoObject *complex_richcompare(MoObject *a, MoObject *b, int op)
{
    if ((op != MO_EQ && op != MO_NE) || !MoComplex_Check(a))
        Mo_RETURN_NOTIMPLEMENTED;
    Mo_complex x = ((MoComplexObject *)a)->cval, y;
    if (MoLong_Check(b)) {
        if (x.imag != 0.0)
            return MoBool_FromLong(op == MO_NE);
        MoObject *re = MoFloat_FromDouble(x.real);
        if (re == NULL)
            return NULL;
        MoObject *r = MoObject_RichCompare(re, b, op);
        Mo_DECREF(re);
        return r;
    }
    if (complex_operand(b, &y) != 1)   /* a float or a complex here: never -1 */
        Mo_RETURN_NOTIMPLEMENTED;
    int equal = x.real == y.real && x.imag == y.imag;
    return MoBool_FromLong(equal == (op == MO_EQ));
}
/* endregion complex_richcompare */

/* ============================================================ C arithmetic */

static Mo_complex c_sum(Mo_complex a, Mo_complex b)
{
    Mo_complex r = { a.real + b.real, a.imag + b.imag };
    return r;
}

static Mo_complex c_diff(Mo_complex a, Mo_complex b)
{
    Mo_complex r = { a.real - b.real, a.imag - b.imag };
    return r;
}

static Mo_complex c_prod(Mo_complex a, Mo_complex b)
{
    Mo_complex r = { a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real };
    return r;
}

/* region complex_quot */
/* a / b by Smith's method, as 3.11: divide top and bottom by the larger part
   of b, so that |b|**2 is never formed (it would overflow or underflow where
   the quotient does not). A zero b sets errno to EDOM; a nan in b gives nan. */
static Mo_complex c_quot(Mo_complex a, Mo_complex b)
{
    Mo_complex r;
    double abs_re = fabs(b.real), abs_im = fabs(b.imag);
    if (abs_re >= abs_im) {
        if (abs_re == 0.0) {
            errno = EDOM;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real;
            double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_im >= abs_re) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        r.real = r.imag = NAN;   /* the comparisons failed: a part of b is nan */
    }
    return r;
}
/* endregion complex_quot */

/* region complex_pow */
/* a ** b in polar form: |a|**b.real / e**(arg(a) * b.imag) long, at angle
   arg(a) * b.real + b.imag * log|a|. 0 ** 0 is 1; 0 to a negative or complex
   power sets errno to EDOM. */
static Mo_complex c_pow(Mo_complex a, Mo_complex b)
{
    Mo_complex r = { 0.0, 0.0 };
    if (b.real == 0.0 && b.imag == 0.0)
        return complex_one;
    if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0)
            errno = EDOM;
        return r;
    }
    double vabs = hypot(a.real, a.imag);
    double len = pow(vabs, b.real);
    double at = atan2(a.imag, a.real);
    double phase = at * b.real;
    if (b.imag != 0.0) {
        len /= exp(at * b.imag);
        phase += b.imag * log(vabs);
    }
    r.real = len * cos(phase);
    r.imag = len * sin(phase);
    return r;
}

/* a ** n for an integral n with |n| <= 100, by repeated squaring: exact where
   the polar form is not ((1+2j)**2 is (-3+4j), not (-3.0000000000000004+4j)). */
static Mo_complex c_powi(Mo_complex a, long n)
{
    Mo_complex r = complex_one, p = a;
    for (unsigned long k = (unsigned long)labs(n); k > 0; k >>= 1) {
        if (k & 1)
            r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return n >= 0 ? r : c_quot(complex_one, r);
}
/* endregion complex_pow */

/* =========================================================== number slots */

/* a op b for an operation that cannot fail (+, -, *): infinities are values here. */
static MoObject *complex_apply(MoObject *a, MoObject *b, Mo_complex (*op)(Mo_complex, Mo_complex))
{
    Mo_complex x, y;
    COMPLEX_OPERANDS(a, b, x, y);
    return MoComplex_FromCComplex(op(x, y));
}

static MoObject *complex_add(MoObject *a, MoObject *b)
{
    return complex_apply(a, b, c_sum);
}

static MoObject *complex_sub(MoObject *a, MoObject *b)
{
    return complex_apply(a, b, c_diff);
}

static MoObject *complex_mul(MoObject *a, MoObject *b)
{
    return complex_apply(a, b, c_prod);
}

static MoObject *complex_div(MoObject *a, MoObject *b)
{
    Mo_complex x, y;
    COMPLEX_OPERANDS(a, b, x, y);
    errno = 0;
    Mo_complex q = c_quot(x, y);
    if (errno == EDOM) {
        MoErr_SetString(MoExc_ZeroDivisionError, "complex division by zero");
        return NULL;
    }
    return MoComplex_FromCComplex(q);
}

/* An infinite part from finite operands is an overflow (ERANGE), whatever libm
   said; an ERANGE with finite parts was an underflow, which Python ignores. */
static void complex_adjust_erange(Mo_complex r)
{
    if (isinf(r.real) || isinf(r.imag)) {
        if (errno == 0)
            errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0;
    }
}

static MoObject *complex_pow(MoObject *a, MoObject *b, MoObject *c)
{
    Mo_complex x, y, r;
    COMPLEX_OPERANDS(a, b, x, y);
    if (c != NULL && !Mo_IsNone(c)) {
        MoErr_SetString(MoExc_ValueError, "complex modulo");
        return NULL;
    }
    errno = 0;
    if (y.imag == 0.0 && y.real == floor(y.real) && fabs(y.real) <= 100.0)
        r = c_powi(x, (long)y.real);
    else
        r = c_pow(x, y);
    complex_adjust_erange(r);
    if (errno == EDOM) {
        MoErr_SetString(MoExc_ZeroDivisionError, "0.0 to a negative or complex power");
        return NULL;
    }
    if (errno == ERANGE) {
        MoErr_SetString(MoExc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return MoComplex_FromCComplex(r);
}

static MoObject *complex_neg(MoObject *a)
{
    Mo_complex c = ((MoComplexObject *)a)->cval;
    return MoComplex_FromDoubles(-c.real, -c.imag);
}

static MoObject *complex_pos(MoObject *a)
{
    if (MoComplex_CheckExact(a))
        return Mo_NewRef(a);
    return MoComplex_FromCComplex(((MoComplexObject *)a)->cval);
}

/* region complex_abs */
/* |a|: inf when either part is infinite (even if the other is nan), else nan
   when either is nan, else hypot, whose overflow is an error. */
static MoObject *complex_abs(MoObject *a)
{
    Mo_complex c = ((MoComplexObject *)a)->cval;
    double r;
    if (isinf(c.real) || isinf(c.imag)) {
        r = INFINITY;
    } else if (isnan(c.real) || isnan(c.imag)) {
        r = NAN;
    } else {
        r = hypot(c.real, c.imag);
        if (isinf(r)) {
            MoErr_SetString(MoExc_OverflowError, "absolute value too large");
            return NULL;
        }
    }
    return MoFloat_FromDouble(r);
}
/* endregion complex_abs */

static int complex_bool(MoObject *a)
{
    Mo_complex c = ((MoComplexObject *)a)->cval;
    return c.real != 0.0 || c.imag != 0.0;
}

/* ======================================================= methods, members */

static MoObject *complex_conjugate(MoObject *self, MoObject *unused)
{
    (void)unused;
    Mo_complex c = ((MoComplexObject *)self)->cval;
    return MoComplex_FromDoubles(c.real, -c.imag);
}

static MoMethodDef complex_methods[] = {
    { "conjugate", complex_conjugate, MO_METH_NOARGS,
      "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j." },
    { NULL, NULL, 0, NULL },
};

static MoMemberDef complex_members[] = {
    { "real", MO_T_DOUBLE, offsetof(MoComplexObject, cval.real), MO_READONLY,
      "the real part of a complex number" },
    { "imag", MO_T_DOUBLE, offsetof(MoComplexObject, cval.imag), MO_READONLY,
      "the imaginary part of a complex number" },
    { NULL, 0, 0, 0, NULL },
};

/* ============================================================== complex(x) */

/* region complex_from_string */
/* The number text spells, as complex() reads a str (3.11's complex_from_string_inner):
   optional parentheses, then "a", "bj", "a+bj" or "a-bj", where b may be left
   out ("j", "1-j"), each part as float() reads it. 0, or -1 with ValueError. */
static int complex_parse(const char *text, Mo_complex *out)
{
    out->real = out->imag = 0.0;
    const char *s = text, *stop = text + strlen(text);
    if (*s == '(' && stop > s && stop[-1] == ')') {   /* whitespace inside the parentheses too */
        s++;
        stop--;
        while (s < stop && (*s == ' ' || (*s >= '\t' && *s <= '\r')))
            s++;
        while (stop > s && (stop[-1] == ' ' || (stop[-1] >= '\t' && stop[-1] <= '\r')))
            stop--;
    }
    char *end;
    int ok = s < stop && *s != ' ' && !_MoFloat_StrtodExtension(s);   /* a ')' left inside fails below */
    double first = ok ? strtod(s, &end) : 0.0;
    if (ok && end == s) {                       /* "j", "+j", "-j" */
        const char *j = s + (*s == '+' || *s == '-');
        ok = (*j == 'j' || *j == 'J') && j + 1 == stop;
        out->imag = *s == '-' ? -1.0 : 1.0;
    } else if (ok && end == stop) {             /* "a" */
        out->real = first;
    } else if (ok && (*end == 'j' || *end == 'J') && end + 1 == stop) {   /* "bj" */
        out->imag = first;
    } else if (ok && (*end == '+' || *end == '-')) {                      /* "a+bj", "a-j" */
        out->real = first;
        const char *rest = end;
        double second = rest[1] != ' ' && !(rest[1] >= '\t' && rest[1] <= '\r') ? strtod(rest, &end) : 0.0;
        if (end == rest)   /* no digits: "+j" */
            end = (char *)rest + 1, second = *rest == '-' ? -1.0 : 1.0;
        ok = (*end == 'j' || *end == 'J') && end + 1 == stop;
        out->imag = second;
    } else {
        ok = 0;
    }
    if (!ok)
        MoErr_SetString(MoExc_ValueError, "complex() arg is a malformed string");
    return ok ? 0 : -1;
}
/* endregion complex_from_string */

/* A str argument of complex(): cleaned as float() cleans it, then parsed. */
static int complex_from_str(MoObject *str, Mo_complex *out)
{
    const char *utf8 = MoUnicode_AsUTF8(str);
    if (utf8 == NULL)
        return -1;
    int ok = 0;
    char *text = _MoFloat_CleanText(utf8, &ok);
    if (text == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    int r = ok ? complex_parse(text, out) : -1;
    if (!ok)   /* an underscore out of place: 3.11 words this one differently */
        MoErr_Format(MoExc_ValueError, "could not convert string to complex: %R", str);
    MoMem_Free(text);
    return r;
}

/* A number argument of complex() as a complex (*is_complex set when it was
   one): a complex, or anything float() takes. 0, or -1 with 3.11's TypeError,
   which names the argument (which: "first", "second"). */
static int complex_arg(MoObject *o, const char *which, Mo_complex *out, int *is_complex)
{
    *is_complex = MoComplex_Check(o);
    if (*is_complex) {
        *out = ((MoComplexObject *)o)->cval;
        return 0;
    }
    MoNumberMethods *nb = Mo_TYPE(o)->tp_as_number;
    if (nb == NULL || nb->nb_float == NULL) {
        MoErr_Format(MoExc_TypeError, "complex() %s argument must be a %snumber, not '%.200s'", which,
                     which[0] == 'f' ? "string or a " : "", _Mo_TypeName(o));
        return -1;
    }
    out->real = MoFloat_AsDouble(o);
    out->imag = 0.0;
    return out->real == -1.0 && MoErr_Occurred() ? -1 : 0;
}

/* complex(real=0, imag=0) when the type is called: real + imag*1j, a str read
   as a literal; for a subclass, an instance from type->tp_alloc (3.11's
   complex_new_impl and complex_subtype_from_doubles). */
static MoObject *complex_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"real", "imag", NULL};
    MoObject *r = NULL, *i = NULL;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|OO:complex", kwlist, &r, &i))
        return NULL;
    Mo_complex cr = {0.0, 0.0}, ci = {0.0, 0.0};
    int cr_complex = 0, ci_complex = 0;
    if (r != NULL && MoUnicode_Check(r)) {
        if (i != NULL) {
            MoErr_SetString(MoExc_TypeError, "complex() can't take second arg if first is a string");
            return NULL;
        }
        if (complex_from_str(r, &cr) < 0)
            return NULL;
        cr_complex = 1;
    } else if (i != NULL && MoUnicode_Check(i)) {
        MoErr_SetString(MoExc_TypeError, "complex() second arg can't be a string");
        return NULL;
    } else {
        if (r != NULL && MoComplex_CheckExact(r) && i == NULL && type == &MoComplex_Type)
            return Mo_NewRef(r);   /* complex(z) is z, as 3.11 */
        if ((r != NULL && complex_arg(r, "first", &cr, &cr_complex) < 0) ||
            (i != NULL && complex_arg(i, "second", &ci, &ci_complex) < 0))
            return NULL;
    }
    /* real + imag*1j, each possibly complex */
    Mo_complex v = {cr.real - ci.imag, ci.real + (cr_complex ? cr.imag : 0.0)};
    if (type == &MoComplex_Type)
        return MoComplex_FromCComplex(v);
    MoObject *self = type->tp_alloc(type, 0);
    if (self != NULL)
        ((MoComplexObject *)self)->cval = v;
    return self;
}

/* ===================================================================== type */

static MoNumberMethods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_power = complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_div,
};

MoTypeObject MoComplex_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "complex",
    .tp_basicsize = sizeof(MoComplexObject),
    .tp_dealloc = complex_dealloc,
    .tp_repr = complex_repr,
    .tp_as_number = &complex_as_number,
    .tp_hash = complex_hash,
    .tp_str = complex_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_BASETYPE,
    .tp_doc = "Create a complex number from a real part and an optional imaginary part.\n\n"
              "This is equivalent to (real + imag*1j) where imag defaults to 0.",
    .tp_richcompare = complex_richcompare,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_new = complex_new,
};
