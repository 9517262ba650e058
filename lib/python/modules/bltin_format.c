/* format(value, spec): 3.11's format-specification mini-language for int, bool,
 * float and str,
 *
 *     [[fill]align][sign][#][0][width][,|_][.precision][type]
 *
 * a class's own __format__ when it has one, and str(value) for an empty spec.
 * The runtime's types have no __format__ yet; this is the one implementation
 * the builtin (and an interpreter's f-strings, through builtins.format) use.
 */
#include <ctype.h>
#include <math.h>
#include "bltin.h"

typedef struct {
    Mo_UCS4 fill;
    char align;       /* '<', '>', '^', '=' or 0 for the type's default */
    char sign;        /* '+', '-', ' ' */
    int alternate;    /* '#' */
    Mo_ssize_t width, precision;   /* -1: not given */
    char grouping;    /* ',', '_' or 0 */
    char type;        /* 0: none */
} FormatSpec;

static int is_align(Mo_UCS4 c)
{
    return c == '<' || c == '>' || c == '^' || c == '=';
}

/* Parse spec into *f. 0, or -1 with ValueError. */
static int parse_spec(MoObject *spec, FormatSpec *f)
{
    Mo_ssize_t n = MoUnicode_GET_LENGTH(spec), i = 0;
    *f = (FormatSpec){ ' ', 0, '-', 0, -1, -1, 0, 0 };
    if (n >= 2 && is_align(MoUnicode_ReadChar(spec, 1))) {
        f->fill = MoUnicode_ReadChar(spec, 0);
        f->align = (char)MoUnicode_ReadChar(spec, 1);
        i = 2;
    } else if (n >= 1 && is_align(MoUnicode_ReadChar(spec, 0))) {
        f->align = (char)MoUnicode_ReadChar(spec, 0);
        i = 1;
    }
    if (i < n && strchr("+- ", (int)MoUnicode_ReadChar(spec, i)) && MoUnicode_ReadChar(spec, i) != 0)
        f->sign = (char)MoUnicode_ReadChar(spec, i++);
    if (i < n && MoUnicode_ReadChar(spec, i) == '#') {
        f->alternate = 1;
        i++;
    }
    if (i < n && MoUnicode_ReadChar(spec, i) == '0') {
        if (f->align == 0) {
            f->fill = '0';
            f->align = '=';
        }
        i++;
    }
    for (; i < n && isdigit((int)MoUnicode_ReadChar(spec, i)); i++)
        f->width = (f->width < 0 ? 0 : f->width * 10) + (Mo_ssize_t)(MoUnicode_ReadChar(spec, i) - '0');
    if (i < n && (MoUnicode_ReadChar(spec, i) == ',' || MoUnicode_ReadChar(spec, i) == '_'))
        f->grouping = (char)MoUnicode_ReadChar(spec, i++);
    if (i < n && MoUnicode_ReadChar(spec, i) == '.') {
        f->precision = 0;
        if (++i >= n || !isdigit((int)MoUnicode_ReadChar(spec, i))) {
            MoErr_SetString(MoExc_ValueError, "Format specifier missing precision");
            return -1;
        }
        for (; i < n && isdigit((int)MoUnicode_ReadChar(spec, i)); i++)
            f->precision = f->precision * 10 + (Mo_ssize_t)(MoUnicode_ReadChar(spec, i) - '0');
    }
    if (i < n)
        f->type = (char)MoUnicode_ReadChar(spec, i++);
    if (i < n) {
        MoErr_SetString(MoExc_ValueError, "Invalid format specifier");
        return -1;
    }
    return 0;
}

/* new: sign + prefix + digits (ASCII; digits' integer part grouped) padded to the
   spec's width, default alignment dflt. */
static MoObject *pad(const FormatSpec *f, const char *sign, const char *prefix, const char *digits, char dflt)
{
    size_t dl = strlen(digits), intlen = strspn(digits, "0123456789abcdefABCDEF");
    char *grouped = malloc(dl * 2 + 1), *g = grouped;
    if (grouped == NULL)
        return MoErr_NoMemory();
    int every = f->grouping == '_' && strchr("xXob", f->type ? f->type : 'd') && f->type ? 4 : 3;
    for (size_t i = 0; i < intlen; i++) {
        *g++ = digits[i];
        if (f->grouping && (intlen - i - 1) % (size_t)every == 0 && i + 1 < intlen)
            *g++ = f->grouping;
    }
    strcpy(g, digits + intlen);
    MoObject *body = MoUnicode_FromFormat("%s%s%s", sign, prefix, grouped);
    free(grouped);
    if (body == NULL)
        return NULL;
    Mo_ssize_t len = MoUnicode_GET_LENGTH(body), missing = f->width - len;
    if (missing <= 0)
        return body;
    char align = f->align ? f->align : dflt;
    Mo_ssize_t left = align == '>' ? missing : align == '^' ? missing / 2 : 0;
    Mo_ssize_t split = align == '=' ? (Mo_ssize_t)(strlen(sign) + strlen(prefix)) : 0;
    Mo_UCS4 *out = malloc((size_t)(len + missing) * sizeof *out);
    if (out == NULL) {
        Mo_DECREF(body);
        return MoErr_NoMemory();
    }
    Mo_ssize_t k = 0;
    for (Mo_ssize_t i = 0; i < split; i++)
        out[k++] = MoUnicode_ReadChar(body, i);
    Mo_ssize_t before = align == '=' ? missing : left;
    for (Mo_ssize_t i = 0; i < before; i++)
        out[k++] = f->fill;
    for (Mo_ssize_t i = split; i < len; i++)
        out[k++] = MoUnicode_ReadChar(body, i);
    while (k < len + missing)
        out[k++] = f->fill;
    MoObject *r = MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, out, k);
    free(out);
    Mo_DECREF(body);
    return r;
}

static const char *sign_of(const FormatSpec *f, int negative)
{
    return negative ? "-" : f->sign == '+' ? "+" : f->sign == ' ' ? " " : "";
}

static MoObject *unknown_code(char type, MoObject *value)
{
    MoErr_Format(MoExc_ValueError, "Unknown format code '%c' for object of type '%s'", type, Mo_TYPE(value)->tp_name);
    return NULL;
}

/* new: a float x formatted by f (type none, e, E, f, F, g, G, %). */
static MoObject *format_double(const FormatSpec *f, double x, MoObject *value)
{
    char type = f->type, conv, buf[512];
    Mo_ssize_t prec = f->precision < 0 ? 6 : f->precision;
    if (prec > 400)
        prec = 400;
    if (type == 0 && f->precision < 0) {
        MoObject *r = MoFloat_Check(value) ? MoObject_Repr(value) : NULL;
        if (MoLong_Check(value))
            return NULL;
        const char *s = r ? MoUnicode_AsUTF8(r) : NULL;
        if (s == NULL) {
            Mo_XDECREF(r);
            return NULL;
        }
        snprintf(buf, sizeof buf, "%s", s[0] == '-' ? s + 1 : s);
        Mo_DECREF(r);
    } else {
        double v = fabs(x) * (type == '%' ? 100.0 : 1.0);
        conv = type == 0 ? 'g' : type == '%' ? 'f' : type;
        if (type == 0 && prec == 0)
            prec = 1;
        char fmt[8];
        snprintf(fmt, sizeof fmt, "%%%s.*%c", f->alternate ? "#" : "", conv);
        snprintf(buf, sizeof buf - 2, fmt, (int)prec, v);
        if (type == '%')
            strcat(buf, "%");
    }
    return pad(f, sign_of(f, signbit(x) && !isnan(x)), "", buf, '>');
}

/* new: an int formatted by f (type none, d, n, b, o, x, X, c, or a float type). */
static MoObject *format_int(const FormatSpec *f, MoObject *value)
{
    char type = f->type ? f->type : 'd';
    if (strchr("eEfFgG%", type)) {
        double x = MoLong_AsDouble(value);
        return x == -1.0 && MoErr_Occurred() ? NULL : format_double(f, x, value);
    }
    if (!strchr("dnboxXc", type))
        return unknown_code(type, value);
    if (f->precision >= 0) {
        MoErr_SetString(MoExc_ValueError, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (type == 'c') {
        MoObject *ch = MoObject_CallMethod(value, "__index__", NULL);
        Mo_XDECREF(ch);
        MoObject *code = ch ? MoUnicode_FromFormat("%c", (int)MoLong_AsLong(value)) : NULL;
        return code;
    }
    MoObject *zero = MoLong_FromLong(0);
    int negative = MoObject_RichCompareBool(value, zero, MO_LT);
    Mo_DECREF(zero);
    MoObject *mag = MoNumber_Absolute(value);
    MoObject *s = mag == NULL ? NULL
                  : type == 'd' || type == 'n' ? MoObject_Str(mag)
                  : _MoBltin_IntToBase(mag, type == 'b' ? 1 : type == 'o' ? 3 : 4, "");
    Mo_XDECREF(mag);
    if (s == NULL)
        return NULL;
    char *digits = strdup(MoUnicode_AsUTF8(s));
    Mo_DECREF(s);
    if (digits == NULL)
        return MoErr_NoMemory();
    if (type == 'X')
        for (char *p = digits; *p; p++)
            *p = (char)toupper((unsigned char)*p);
    const char *prefix = !f->alternate ? "" : type == 'x' ? "0x" : type == 'X' ? "0X" : type == 'o' ? "0o"
                                                  : type == 'b' ? "0b" : "";
    MoObject *r = pad(f, sign_of(f, negative), prefix, digits, '>');
    free(digits);
    return r;
}

/* new: a str formatted by f (type none or s; precision truncates). */
static MoObject *format_str(const FormatSpec *f, MoObject *value)
{
    if (f->type != 0 && f->type != 's')
        return unknown_code(f->type, value);
    if (f->sign != '-' || f->align == '=') {
        MoErr_SetString(MoExc_ValueError, f->align == '=' ? "'=' alignment not allowed in string format specifier"
                                                          : "Sign not allowed in string format specifier");
        return NULL;
    }
    Mo_ssize_t n = MoUnicode_GET_LENGTH(value);
    if (f->precision >= 0 && f->precision < n)
        n = f->precision;
    Mo_ssize_t width = f->width > n ? f->width : n, missing = width - n;
    Mo_ssize_t left = f->align == '>' ? missing : f->align == '^' ? missing / 2 : 0;
    Mo_UCS4 *out = malloc((size_t)(width > 0 ? width : 1) * sizeof *out);
    if (out == NULL)
        return MoErr_NoMemory();
    for (Mo_ssize_t i = 0; i < width; i++)
        out[i] = i >= left && i < left + n ? MoUnicode_ReadChar(value, i - left) : f->fill;
    MoObject *r = MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, out, width);
    free(out);
    return r;
}

MoObject *_MoBltin_Format(MoObject *value, MoObject *spec)
{
    if (!MoUnicode_Check(spec)) {
        MoErr_Format(MoExc_TypeError, "format() argument 2 must be str, not %s", Mo_TYPE(spec)->tp_name);
        return NULL;
    }
    if (MoClass_Check((MoObject *)Mo_TYPE(value)) && MoObject_HasAttrString(value, "__format__"))
        return MoObject_CallMethod(value, "__format__", "O", spec);
    if (MoUnicode_GET_LENGTH(spec) == 0)
        return MoObject_Str(value);
    FormatSpec f;
    if (!MoLong_Check(value) && !MoFloat_Check(value) && !MoUnicode_Check(value)) {
        MoErr_Format(MoExc_TypeError, "unsupported format string passed to %s.__format__", Mo_TYPE(value)->tp_name);
        return NULL;
    }
    if (parse_spec(spec, &f) < 0)
        return NULL;
    if (MoUnicode_Check(value))
        return format_str(&f, value);
    if (MoLong_Check(value))
        return format_int(&f, value);
    if (f.type != 0 && !strchr("eEfFgG%n", f.type))
        return unknown_code(f.type, value);
    return format_double(&f, MoFloat_AsDouble(value), value);
}

static MoObject *builtin_format(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    if (!_MoArg_CheckPositionalCount("format", nargs, 1, 2))
        return NULL;
    if (nargs == 2)
        return _MoBltin_Format(args[0], args[1]);
    MoObject *empty = MoUnicode_FromString("");
    MoObject *r = empty ? _MoBltin_Format(args[0], empty) : NULL;
    Mo_XDECREF(empty);
    return r;
}

MoMethodDef _MoBltin_FormatMethods[] = {
    { "format", (MoCFunction)(void (*)(void))builtin_format, METH_FASTCALL,
      "Return value.__format__(format_spec)" },
    { NULL, NULL, 0, NULL },
};
