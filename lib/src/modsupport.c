/* Building values from C and unpacking call arguments: Mo_BuildValue (a subset
 * of CPython's units, with its tuples, lists and dicts), MoArg_ParseTuple (whose
 * format units are getargs.c's), MoArg_UnpackTuple. */
#include <string.h>
#include "internal.h"

static MoObject *build_one(const char **fmt, va_list *va);

/* Separators between units, skipped as CPython's do_mktuple/do_mklist/do_mkdict do. */
static int build_separator(char c)
{
    return c == ' ' || c == ',' || c == ':' || c == '\t';
}

/* new: the values of the units up to the closing character (or the end when close
   is 0), as a list; the closing character is consumed. */
static MoObject *build_items(const char **fmt, va_list *va, char close)
{
    MoObject *items = MoList_New(0);
    if (items == NULL)
        return NULL;
    while (**fmt && **fmt != close) {
        if (build_separator(**fmt)) {
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
    if (close && **fmt != close) {
        MoErr_SetString(MoExc_SystemError, "unmatched paren in format");
        Mo_DECREF(items);
        return NULL;
    }
    if (close)
        (*fmt)++;
    return items;
}

static MoObject *build_tuple(const char **fmt, va_list *va, char close)
{
    MoObject *items = build_items(fmt, va, close);
    if (items == NULL)
        return NULL;
    MoObject *t = MoList_AsTuple(items);
    Mo_DECREF(items);
    return t;
}

/* "{k:v,...}": a dict from the units taken in pairs. */
static MoObject *build_dict(const char **fmt, va_list *va)
{
    MoObject *items = build_items(fmt, va, '}');
    if (items == NULL)
        return NULL;
    MoObject *d = NULL;
    if (MoList_GET_SIZE(items) % 2 != 0) {
        MoErr_SetString(MoExc_SystemError, "Bad dict format");
    } else if ((d = MoDict_New()) != NULL) {
        for (Mo_ssize_t i = 0; i < MoList_GET_SIZE(items); i += 2) {
            if (MoDict_SetItem(d, MoList_GET_ITEM(items, i), MoList_GET_ITEM(items, i + 1)) < 0) {
                Mo_CLEAR(d);
                break;
            }
        }
    }
    Mo_DECREF(items);
    return d;
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
    case '[':
        return build_items(fmt, va, ']');
    case '{':
        return build_dict(fmt, va);
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
        if (*fmt == '(' || *fmt == '[' || *fmt == '{') {
            if (level++ == 0)
                n++;
        } else if (*fmt == ')' || *fmt == ']' || *fmt == '}') {
            level--;
        } else if (level == 0 && !build_separator(*fmt)) {
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
    Mo_ssize_t n = count_units(format);
    if (n == 0)
        res = Mo_NewRef(Mo_None);
    else if (n == 1)
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

/* The format units and messages are getargs.c's. */
int MoArg_ParseTuple(MoObject *args, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int ok = MoArg_VaParse(args, format, va);
    va_end(va);
    return ok;
}

int MoArg_UnpackTuple(MoObject *args, const char *name, Mo_ssize_t min, Mo_ssize_t max, ...)
{
    va_list va;
    va_start(va, max);
    int ok = _MoArg_VaUnpackStack(((MoTupleObject *)args)->ob_item, MoTuple_GET_SIZE(args), name, min, max, va);
    va_end(va);
    return ok;
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
