/* Calling str, float, bytes and complex: the runtime's static types have no
 * tp_new (a C program makes values with MoUnicode_FromString and friends), so
 * type_call would refuse them ("cannot create 'str' instances"). Python code
 * makes values by calling the type, so builtins gives each the tp_new CPython's
 * has, with 3.11's messages, when the runtime has left the slot empty.
 *
 * These belong in the runtime (unicode.c, float.c, bytes.c, complex.c); they are
 * installed only where the slot is NULL, so a runtime that grows its own wins.
 * Only the exact types are made here; a subclass is refused as before.
 */
#include <ctype.h>
#include <math.h>
#include "bltin.h"

/* Unpack (x) or () for a constructor named fn: 1 ok (*x NULL when absent), 0
   with TypeError. Subtypes are refused. */
static int one_optional_argument(MoTypeObject *t, MoTypeObject *exact, MoObject *args, MoObject *kwargs,
                                 const char *fn, MoObject **x)
{
    *x = NULL;
    if (t != exact) {
        MoErr_Format(MoExc_TypeError, "cannot create '%s' instances", t->tp_name);
        return 0;
    }
    return _MoArg_NoKeywords(fn, kwargs) && MoArg_UnpackTuple(args, fn, 0, 1, x);
}

/* ------------------------------------------------------------------- str */

static MoObject *str_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "object", "encoding", "errors", NULL };
    MoObject *o = NULL;
    const char *encoding = NULL, *errors = NULL;
    if (t != &MoUnicode_Type) {
        MoErr_Format(MoExc_TypeError, "cannot create '%s' instances", t->tp_name);
        return NULL;
    }
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|Oss:str", kwlist, &o, &encoding, &errors))
        return NULL;
    if (o == NULL)
        return MoUnicode_FromString("");
    if (encoding == NULL && errors == NULL)
        return MoObject_Str(o);
    if (!MoBytes_Check(o)) {
        MoErr_Format(MoExc_TypeError, "decoding to str: need a bytes-like object, %s found", Mo_TYPE(o)->tp_name);
        return NULL;
    }
    return MoUnicode_FromStringAndSize(MoBytes_AS_STRING(o), MoBytes_GET_SIZE(o));
}

/* ----------------------------------------------------------------- float */

/* Copy s without surrounding whitespace and with single underscores between
   digits removed (3.11's float() rules) into out (size bytes). 0 if s breaks
   the underscore rule or is too long. */
static int float_literal(const char *s, char *out, size_t size)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s), j = 0;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') {
            if (i == 0 || i + 1 == n || !isdigit((unsigned char)s[i - 1]) || !isdigit((unsigned char)s[i + 1]))
                return 0;
            continue;
        }
        if (j + 1 >= size)
            return 0;
        out[j++] = s[i];
    }
    out[j] = '\0';
    return j > 0;
}

/* new: float(s) for a str, or ValueError "could not convert string to float: 'x'". */
static MoObject *float_from_string(MoObject *s)
{
    const char *utf8 = MoUnicode_AsUTF8(s);
    char buf[512], *end;
    if (utf8 == NULL)
        return NULL;
    if (float_literal(utf8, buf, sizeof buf)) {
        /* strtod also takes hex floats and "nan(...)", which float() refuses. */
        const char *p = buf + (buf[0] == '+' || buf[0] == '-');
        int hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
        double v = strtod(buf, &end);
        if (*end == '\0' && !hex && strchr(buf, '(') == NULL)
            return MoFloat_FromDouble(v);
    }
    MoErr_Format(MoExc_ValueError, "could not convert string to float: %R", s);
    return NULL;
}

static MoObject *float_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    MoObject *x;
    if (!one_optional_argument(t, &MoFloat_Type, args, kwargs, "float", &x))
        return NULL;
    if (x == NULL)
        return MoFloat_FromDouble(0.0);
    if (MoUnicode_Check(x))
        return float_from_string(x);
    if (MoFloat_CheckExact(x))
        return Mo_NewRef(x);
    if (!MoNumber_Check(x) || MoComplex_Check(x)) {
        MoErr_Format(MoExc_TypeError, "float() argument must be a string or a real number, not '%s'",
                     Mo_TYPE(x)->tp_name);
        return NULL;
    }
    return MoNumber_Float(x);
}

/* ----------------------------------------------------------------- bytes */

/* new: bytes of the ints an iterable gives, each in range(0, 256). */
static MoObject *bytes_from_iterable(MoObject *x)
{
    MoObject *items = MoSequence_List(x);
    if (items == NULL)
        return NULL;
    Mo_ssize_t n = MoList_Size(items);
    MoObject *b = MoBytes_FromStringAndSize(NULL, n);
    for (Mo_ssize_t i = 0; b != NULL && i < n; i++) {
        MoObject *item = MoList_GetItem(items, i);
        long v = MoLong_Check(item) || MoIndex_Check(item) ? MoLong_AsLong(item) : -2;
        if (v == -2 && !MoErr_Occurred())
            MoErr_Format(MoExc_TypeError, "'%s' object cannot be interpreted as an integer", Mo_TYPE(item)->tp_name);
        else if ((v < 0 || v > 255) && !MoErr_Occurred())
            MoErr_SetString(MoExc_ValueError, "bytes must be in range(0, 256)");
        if (MoErr_Occurred())
            Mo_CLEAR(b);
        else
            MoBytes_AS_STRING(b)[i] = (char)v;
    }
    Mo_DECREF(items);
    return b;
}

static MoObject *bytes_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "source", "encoding", "errors", NULL };
    MoObject *x = NULL;
    const char *encoding = NULL, *errors = NULL;
    if (t != &MoBytes_Type) {
        MoErr_Format(MoExc_TypeError, "cannot create '%s' instances", t->tp_name);
        return NULL;
    }
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|Oss:bytes", kwlist, &x, &encoding, &errors))
        return NULL;
    if (x == NULL)
        return MoBytes_FromStringAndSize("", 0);
    if (MoUnicode_Check(x)) {
        if (encoding == NULL) {
            MoErr_SetString(MoExc_TypeError, "string argument without an encoding");
            return NULL;
        }
        return MoUnicode_AsUTF8String(x);
    }
    if (encoding != NULL) {
        MoErr_SetString(MoExc_TypeError, "encoding without a string argument");
        return NULL;
    }
    if (MoBytes_CheckExact(x))
        return Mo_NewRef(x);
    if (MoLong_Check(x)) {
        Mo_ssize_t n = MoLong_AsSsize_t(x);
        if (n == -1 && MoErr_Occurred())
            return NULL;
        if (n < 0) {
            MoErr_SetString(MoExc_ValueError, "negative count");
            return NULL;
        }
        MoObject *b = MoBytes_FromStringAndSize(NULL, n);
        if (b != NULL)
            memset(MoBytes_AS_STRING(b), 0, (size_t)n);
        return b;
    }
    return bytes_from_iterable(x);
}

/* --------------------------------------------------------------- complex */

/* The real and imaginary parts of a number (a complex gives both). 0, or -1
   with TypeError naming which argument. */
static int complex_parts(MoObject *x, const char *which, double *re, double *im)
{
    if (MoUnicode_Check(x) || !MoNumber_Check(x)) {
        MoErr_Format(MoExc_TypeError, "complex() %s must be a number, not '%s'", which, Mo_TYPE(x)->tp_name);
        return -1;
    }
    *re = MoComplex_RealAsDouble(x);
    *im = MoComplex_ImagAsDouble(x);
    return *re == -1.0 && MoErr_Occurred() ? -1 : 0;
}

/* new: complex(s) for "1", "2j", "1+2j", "(1-2.5j)", or ValueError. */
static MoObject *complex_from_string(MoObject *s)
{
    const char *utf8 = MoUnicode_AsUTF8(s);
    char buf[512], *p, *end;
    if (utf8 == NULL)
        return NULL;
    if (!float_literal(utf8, buf, sizeof buf))
        goto malformed;
    p = buf;
    size_t n = strlen(p);
    if (p[0] == '(' && p[n - 1] == ')') {
        p[n - 1] = '\0';
        p++;
    }
    double re = 0.0, im = 0.0, v = strtod(p, &end);
    if (end == p) {
        if (*p != 'j' && !((*p == '+' || *p == '-') && p[1] == 'j'))
            goto malformed;
        v = *p == '-' ? -1.0 : 1.0;        /* "j", "+j", "-j" */
        end = p + (*p != 'j') ;
    }
    if (*end == 'j' || *end == 'J') {
        im = v;
        end++;
    } else {
        re = v;
        if (*end == '+' || *end == '-') {
            char *q = end;
            im = strtod(q, &end);
            if (end == q + 1 && (*end == 'j' || *end == 'J'))
                im = *q == '-' ? -1.0 : 1.0;
            if (*end != 'j' && *end != 'J')
                goto malformed;
            end++;
        }
    }
    if (*end != '\0')
        goto malformed;
    return MoComplex_FromDoubles(re, im);
malformed:
    MoErr_SetString(MoExc_ValueError, "complex() arg is a malformed string");
    return NULL;
}

static MoObject *complex_new(MoTypeObject *t, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = { "real", "imag", NULL };
    MoObject *r = NULL, *i = NULL;
    if (t != &MoComplex_Type) {
        MoErr_Format(MoExc_TypeError, "cannot create '%s' instances", t->tp_name);
        return NULL;
    }
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|OO:complex", kwlist, &r, &i))
        return NULL;
    if (r != NULL && MoUnicode_Check(r)) {
        if (i != NULL) {
            MoErr_SetString(MoExc_TypeError, "complex() can't take second arg if first is a string");
            return NULL;
        }
        return complex_from_string(r);
    }
    double rr = 0.0, ri = 0.0, ir = 0.0, ii = 0.0;
    if (r != NULL && complex_parts(r, "first argument", &rr, &ri) < 0)
        return NULL;
    if (i != NULL && complex_parts(i, "second argument", &ir, &ii) < 0)
        return NULL;
    /* complex(a, b) is a + b*1j, whatever a and b are. */
    return MoComplex_FromDoubles(rr - ii, ri + ir);
}

void _MoBltin_ReadyConstructors(void)
{
    if (MoUnicode_Type.tp_new == NULL)
        MoUnicode_Type.tp_new = str_new;
    if (MoFloat_Type.tp_new == NULL)
        MoFloat_Type.tp_new = float_new;
    if (MoBytes_Type.tp_new == NULL)
        MoBytes_Type.tp_new = bytes_new;
    if (MoComplex_Type.tp_new == NULL)
        MoComplex_Type.tp_new = complex_new;
}
