/* Building values from C and unpacking call arguments: Mo_BuildValue,
 * MoArg_ParseTuple, MoArg_UnpackTuple (a small subset of CPython's formats). */
#include <string.h>
#include "internal.h"

static MoObject *build_one(const char **fmt, va_list *va);

/* Units up to the closing character (or the end when close is 0), as a tuple. */
static MoObject *build_tuple(const char **fmt, va_list *va, char close)
{
    MoObject *items = MoList_New(0);
    if (items == NULL)
        return NULL;
    while (**fmt && **fmt != close) {
        if (**fmt == ' ' || **fmt == ',') {
            (*fmt)++;
            continue;
        }
        MoObject *v = build_one(fmt, va);
        if (v == NULL || MoList_Append(items, v) < 0) {
            Mo_XDECREF(v);
            Mo_DECREF(items);
            return NULL;
        }
        Mo_DECREF(v);
    }
    if (close && **fmt == close)
        (*fmt)++;
    MoObject *t = MoList_AsTuple(items);
    Mo_DECREF(items);
    return t;
}

static MoObject *build_one(const char **fmt, va_list *va)
{
    char c = *(*fmt)++;
    switch (c) {
    case 'O': {
        MoObject *o = va_arg(*va, MoObject *);
        if (o == NULL && !MoErr_Occurred())
            MoErr_SetString(MoExc_SystemError, "NULL object passed to Mo_BuildValue");
        return o ? Mo_NewRef(o) : NULL;
    }
    case 'N':
        return va_arg(*va, MoObject *);
    case 'i':
        return MoLong_FromLong(va_arg(*va, int));
    case 'l':
        return MoLong_FromLong(va_arg(*va, long));
    case 'n':
        return MoLong_FromSsize_t(va_arg(*va, Mo_ssize_t));
    case 'd':
        return MoFloat_FromDouble(va_arg(*va, double));
    case 's': {
        const char *s = va_arg(*va, const char *);
        return s ? MoUnicode_FromString(s) : Mo_NewRef(Mo_None);
    }
    case '(':
        return build_tuple(fmt, va, ')');
    default:
        MoErr_Format(MoExc_SystemError, "bad format char '%c' passed to Mo_BuildValue", c);
        return NULL;
    }
}

static Mo_ssize_t count_units(const char *fmt)
{
    Mo_ssize_t n = 0;
    int level = 0;
    for (; *fmt; fmt++) {
        if (*fmt == '(') {
            if (level++ == 0)
                n++;
        } else if (*fmt == ')') {
            level--;
        } else if (level == 0 && *fmt != ' ' && *fmt != ',') {
            n++;
        }
    }
    return n;
}

MoObject *Mo_VaBuildValue(const char *format, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    MoObject *res;
    if (count_units(format) == 1)
        res = build_one(&format, &copy);
    else
        res = build_tuple(&format, &copy, 0);
    va_end(copy);
    return res;
}

MoObject *Mo_BuildValue(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    MoObject *res = Mo_VaBuildValue(format, va);
    va_end(va);
    return res;
}

MoObject *_Mo_VaBuildStack(const char *format, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    MoObject *res = build_tuple(&format, &copy, 0);
    va_end(copy);
    return res;
}

/* ------------------------------------------------------------- arguments */

static int parse_one(MoObject *arg, char c, va_list *va)
{
    switch (c) {
    case 'O':
        *va_arg(*va, MoObject **) = arg;
        return 1;
    case 'l': case 'i': case 'n': {
        Mo_ssize_t v;
        if (MoFloat_Check(arg)) {
            MoErr_SetString(MoExc_TypeError, "'float' object cannot be interpreted as an integer");
            return 0;
        }
        v = MoNumber_AsSsize_t(arg, MoExc_OverflowError);
        if (v == -1 && MoErr_Occurred())
            return 0;
        if (c == 'l')
            *va_arg(*va, long *) = (long)v;
        else if (c == 'i')
            *va_arg(*va, int *) = (int)v;
        else
            *va_arg(*va, Mo_ssize_t *) = v;
        return 1;
    }
    case 'd': {
        double d = MoFloat_AsDouble(arg);
        if (d == -1.0 && MoErr_Occurred())
            return 0;
        *va_arg(*va, double *) = d;
        return 1;
    }
    default:
        MoErr_Format(MoExc_SystemError, "bad format char '%c' passed to MoArg_ParseTuple", c);
        return 0;
    }
}

/* The format may end with ":name" for the messages. */
int MoArg_ParseTuple(MoObject *args, const char *format, ...)
{
    const char *name = strchr(format, ':');
    Mo_ssize_t min = -1, max = 0;
    for (const char *f = format; *f && *f != ':'; f++) {
        if (*f == '|')
            min = max;
        else
            max++;
    }
    if (min < 0)
        min = max;
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    if (n < min || n > max) {
        const char *fn = name ? name + 1 : "function";
        if (min == max)
            MoErr_Format(MoExc_TypeError, "%s() takes exactly %zd argument%s (%zd given)", fn, min,
                         min == 1 ? "" : "s", n);
        else
            MoErr_Format(MoExc_TypeError, "%s() takes %s %zd argument%s (%zd given)", fn,
                         n < min ? "at least" : "at most", n < min ? min : max,
                         (n < min ? min : max) == 1 ? "" : "s", n);
        return 0;
    }
    va_list va;
    va_start(va, format);
    Mo_ssize_t i = 0;
    int ok = 1;
    for (const char *f = format; ok && *f && *f != ':' && i < n; f++) {
        if (*f == '|')
            continue;
        ok = parse_one(MoTuple_GET_ITEM(args, i++), *f, &va);
    }
    va_end(va);
    return ok;
}

int MoArg_UnpackTuple(MoObject *args, const char *name, Mo_ssize_t min, Mo_ssize_t max, ...)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    if (n < min || n > max) {
        if (min == max)
            MoErr_Format(MoExc_TypeError, "%s expected %zd argument%s, got %zd", name, min, min == 1 ? "" : "s", n);
        else
            MoErr_Format(MoExc_TypeError, "%s expected at %s %zd argument%s, got %zd", name,
                         n < min ? "least" : "most", n < min ? min : max, (n < min ? min : max) == 1 ? "" : "s", n);
        return 0;
    }
    va_list va;
    va_start(va, max);
    for (Mo_ssize_t i = 0; i < n; i++)
        *va_arg(va, MoObject **) = MoTuple_GET_ITEM(args, i);
    va_end(va);
    return 1;
}

/* ============================================ Python-style argument errors */

/* Messages as CPython gives them for a function written in Python, whose
   counts include self (or cls): the caller passes counts that do. */

void _MoArg_SetMissing(const char *qualname, const char *const names[], Mo_ssize_t n)
{
    char list[256];
    size_t len = 0;
    list[0] = '\0';
    for (Mo_ssize_t i = 0; i < n && len < sizeof list; i++) {
        /* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" */
        const char *sep = i == 0 ? "" : n == 2 ? " and " : i == n - 1 ? ", and " : ", ";
        len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'", sep, names[i]);
    }
    MoErr_Format(MoExc_TypeError, "%s() missing %zd required positional argument%s: %s", qualname, n,
                 n == 1 ? "" : "s", list);
}

void _MoArg_SetTooMany(const char *qualname, Mo_ssize_t min, Mo_ssize_t max, Mo_ssize_t given)
{
    if (min == max)
        MoErr_Format(MoExc_TypeError, "%s() takes %zd positional argument%s but %zd were given", qualname, max,
                     max == 1 ? "" : "s", given);
    else
        MoErr_Format(MoExc_TypeError, "%s() takes from %zd to %zd positional arguments but %zd were given",
                     qualname, min, max, given);
}

int _MoArg_CheckPositional(MoObject *args, const char *qualname, const char *const names[],
                           Mo_ssize_t required, Mo_ssize_t max)
{
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    if (max >= 0 && n > max) {
        _MoArg_SetTooMany(qualname, required + 1, max + 1, n + 1);
        return -1;
    }
    if (n < required) {
        _MoArg_SetMissing(qualname, names + n, required - n);
        return -1;
    }
    return 0;
}
