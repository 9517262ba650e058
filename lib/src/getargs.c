/* Unpacking a call's arguments into C variables (CPython's Python/getargs.c):
 * MoArg_ParseTuple, MoArg_ParseTupleAndKeywords and the argument-count checks of
 * METH_FASTCALL functions, with CPython 3.11's messages.
 *
 * Start reading at parse_tuple and parse_keywords, the two drivers; both convert
 * one argument with convert_item, which reads one format unit (modsupport.h lists
 * them) and stores through the matching pointers of the va_list.
 *
 * Invariant: a conversion either stores and returns NULL, or stores nothing and
 * returns a message ("must be str, not int") that set_error words as CPython's
 * seterror does, or returns CONVERT_RAISED when an exception is already set (an
 * overflow, a failed converter). Objects stored are borrowed from the arguments.
 */
#include <string.h>
#include "internal.h"

#define CONVERT_RAISED ((const char *)1)
#define MAX_LEVELS 32

/* What the format says beyond its units: ":name" and ";message". */
typedef struct {
    const char *fname;           /* the function's name for messages, or NULL */
    size_t fname_len;
    const char *custom_msg;      /* replaces a conversion error's message, or NULL */
} format_info;

static void format_read_info(const char *format, format_info *info)
{
    const char *colon = strchr(format, ':'), *semi = strchr(format, ';');
    info->fname = NULL;
    info->fname_len = 0;
    info->custom_msg = NULL;
    if (colon != NULL && (semi == NULL || colon < semi)) {
        info->fname = colon + 1;
        info->fname_len = semi ? (size_t)(semi - colon - 1) : strlen(colon + 1);
    }
    if (semi != NULL)
        info->custom_msg = semi + 1;
}

static int format_end(char c)
{
    return c == '\0' || c == ':' || c == ';';
}

/* "name()" or "function" as CPython's messages begin. */
static void format_fname(const format_info *info, char *buf, size_t size, const char *anonymous)
{
    if (info->fname == NULL)
        snprintf(buf, size, "%s", anonymous);
    else
        snprintf(buf, size, "%.*s()", (int)(info->fname_len > 200 ? 200 : info->fname_len), info->fname);
}

/* ---------------------------------------------------------- one conversion */

static const char *convert_item(MoObject *arg, const char **p_format, va_list *va, int *levels, char *msgbuf,
                                size_t bufsize);

/* "must be str, not int" (None named as such). */
static const char *convert_error(const char *expected, MoObject *arg, char *msgbuf, size_t bufsize)
{
    snprintf(msgbuf, bufsize, "must be %.50s, not %.50s", expected, arg == Mo_None ? "None" : _Mo_TypeName(arg));
    return msgbuf;
}

/* A C integer in [lo, hi] from an object with __index__, OverflowError named as
   CPython names the unit's C type ("signed integer is greater than maximum"). */
static const char *convert_bounded(MoObject *arg, long lo, long hi, const char *what, long *out)
{
    long v = MoLong_AsLong(arg);
    if (v == -1 && MoErr_Occurred())
        return CONVERT_RAISED;
    if (v < lo || v > hi) {
        MoErr_Format(MoExc_OverflowError, "%s is %s", what, v < lo ? "less than minimum" : "greater than maximum");
        return CONVERT_RAISED;
    }
    *out = v;
    return NULL;
}

static const char *convert_integer(MoObject *arg, char c, va_list *va)
{
    long v;
    const char *msg = NULL;
    switch (c) {
    case 'b':
        if ((msg = convert_bounded(arg, 0, UCHAR_MAX, "unsigned byte integer", &v)) == NULL)
            *va_arg(*va, char *) = (char)v;
        return msg;
    case 'h':
        if ((msg = convert_bounded(arg, SHRT_MIN, SHRT_MAX, "signed short integer", &v)) == NULL)
            *va_arg(*va, short *) = (short)v;
        return msg;
    case 'i':
        if ((msg = convert_bounded(arg, INT_MIN, INT_MAX, "signed integer", &v)) == NULL)
            *va_arg(*va, int *) = (int)v;
        return msg;
    case 'l':
    case 'L': {
        long lv = MoLong_AsLong(arg);
        if (lv == -1 && MoErr_Occurred())
            return CONVERT_RAISED;
        if (c == 'l')
            *va_arg(*va, long *) = lv;
        else
            *va_arg(*va, long long *) = lv;
        return NULL;
    }
    default: {   /* 'n' */
        Mo_ssize_t n = MoNumber_AsSsize_t(arg, MoExc_OverflowError);
        if (n == -1 && MoErr_Occurred())
            return CONVERT_RAISED;
        *va_arg(*va, Mo_ssize_t *) = n;
        return NULL;
    }
    }
}

/* "s" and "z": the UTF-8 of a str, without embedded NULs. */
static const char *convert_cstring(MoObject *arg, char c, va_list *va, char *msgbuf, size_t bufsize)
{
    const char **p = va_arg(*va, const char **);
    if (c == 'z' && arg == Mo_None) {
        *p = NULL;
        return NULL;
    }
    if (!MoUnicode_Check(arg))
        return convert_error(c == 'z' ? "str or None" : "str", arg, msgbuf, bufsize);
    Mo_ssize_t size;
    const char *s = MoUnicode_AsUTF8AndSize(arg, &size);
    if (s == NULL)
        return CONVERT_RAISED;
    if (strlen(s) != (size_t)size) {
        MoErr_SetString(MoExc_ValueError, "embedded null character");
        return CONVERT_RAISED;
    }
    *p = s;
    return NULL;
}

/* "O", "O!", "O&". */
static const char *convert_object(MoObject *arg, const char **p_format, va_list *va, char *msgbuf, size_t bufsize)
{
    if (**p_format == '!') {
        (*p_format)++;
        MoTypeObject *type = va_arg(*va, MoTypeObject *);
        MoObject **p = va_arg(*va, MoObject **);
        if (!MoObject_TypeCheck(arg, type))
            return convert_error(type->tp_name, arg, msgbuf, bufsize);
        *p = arg;
        return NULL;
    }
    if (**p_format == '&') {
        (*p_format)++;
        int (*convert)(MoObject *, void *) = va_arg(*va, int (*)(MoObject *, void *));
        void *addr = va_arg(*va, void *);
        if (!convert(arg, addr))
            return MoErr_Occurred() ? CONVERT_RAISED : convert_error("(unspecified)", arg, msgbuf, bufsize);
        return NULL;
    }
    *va_arg(*va, MoObject **) = arg;
    return NULL;
}

/* "(...)": a sequence of exactly as many items, each converted; levels record
   where a nested error was (", item 1"). */
static const char *convert_tuple(MoObject *arg, const char **p_format, va_list *va, int *levels, char *msgbuf,
                                 size_t bufsize)
{
    Mo_ssize_t n = 0;
    int level = 0;
    for (const char *f = *p_format; *f && !(level == 0 && *f == ')'); f++) {
        if (*f == '(')
            level++;
        else if (*f == ')')
            level--;
        else if (level == 0 && (*f >= 'A' && *f <= 'z'))
            n++;
    }
    if (!MoSequence_Check(arg) || MoBytes_Check(arg) || MoUnicode_Check(arg)) {
        levels[0] = 0;
        snprintf(msgbuf, bufsize, "must be %zd-item sequence, not %.50s", n,
                 arg == Mo_None ? "None" : _Mo_TypeName(arg));
        return msgbuf;
    }
    Mo_ssize_t len = MoObject_Length(arg);
    if (len != n) {
        levels[0] = 0;
        snprintf(msgbuf, bufsize, "must be sequence of length %zd, not %zd", n, len);
        return msgbuf;
    }
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *index = MoLong_FromSsize_t(i);
        MoObject *item = index ? MoObject_GetItem(arg, index) : NULL;
        Mo_XDECREF(index);
        if (item == NULL)
            return CONVERT_RAISED;
        /* Borrowed from the sequence, as CPython's (a tuple or list keeps it). */
        Mo_DECREF(item);
        const char *msg = convert_item(item, p_format, va, levels + 1, msgbuf, bufsize);
        if (msg != NULL) {
            levels[0] = (int)i + 1;
            return msg;
        }
    }
    if (**p_format == ')')
        (*p_format)++;
    return NULL;
}

static const char *convert_item(MoObject *arg, const char **p_format, va_list *va, int *levels, char *msgbuf,
                                size_t bufsize)
{
    char c = *(*p_format)++;
    switch (c) {
    case 'b': case 'h': case 'i': case 'l': case 'L': case 'n':
        return convert_integer(arg, c, va);
    case 'd': case 'f': {
        double d = MoFloat_AsDouble(arg);
        if (d == -1.0 && MoErr_Occurred())
            return CONVERT_RAISED;
        if (c == 'd')
            *va_arg(*va, double *) = d;
        else
            *va_arg(*va, float *) = (float)d;
        return NULL;
    }
    case 'p': {
        int t = MoObject_IsTrue(arg);
        if (t < 0)
            return CONVERT_RAISED;
        *va_arg(*va, int *) = t;
        return NULL;
    }
    case 's': case 'z':
        return convert_cstring(arg, c, va, msgbuf, bufsize);
    case 'U': case 'S': {
        MoObject **p = va_arg(*va, MoObject **);
        if (c == 'U' ? !MoUnicode_Check(arg) : !MoBytes_Check(arg))
            return convert_error(c == 'U' ? "str" : "bytes", arg, msgbuf, bufsize);
        *p = arg;
        return NULL;
    }
    case 'O':
        return convert_object(arg, p_format, va, msgbuf, bufsize);
    case '(':
        return convert_tuple(arg, p_format, va, levels, msgbuf, bufsize);
    default:
        snprintf(msgbuf, bufsize, "(impossible<bad format char>)");
        return msgbuf;
    }
}

/* A unit not given: step over it and its pointers. */
static void skip_item(const char **p_format, va_list *va)
{
    char c = *(*p_format)++;
    if (c == '(') {
        while (**p_format && **p_format != ')')
            skip_item(p_format, va);
        if (**p_format == ')')
            (*p_format)++;
        return;
    }
    if (c == 'O' && (**p_format == '!' || **p_format == '&')) {
        (*p_format)++;
        (void)va_arg(*va, void *);
    }
    (void)va_arg(*va, void *);
}

/* The TypeError (SystemError for a bad format) of a failed conversion of
   argument iarg (1-based), as CPython's seterror words it. */
static void set_error(Mo_ssize_t iarg, const char *msg, const int *levels, const format_info *info)
{
    if (msg == CONVERT_RAISED || MoErr_Occurred())
        return;
    if (info->custom_msg != NULL) {
        MoErr_SetString(MoExc_TypeError, info->custom_msg);
        return;
    }
    char buf[512], name[256];
    size_t len = 0;
    name[0] = '\0';
    if (info->fname != NULL)
        format_fname(info, name, sizeof name, "");
    len += (size_t)snprintf(buf, sizeof buf, "%s%sargument", name, info->fname ? " " : "");
    if (iarg != 0) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, " %zd", iarg);
        for (int i = 0; i < MAX_LEVELS && levels[i] > 0 && len < 220; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, ", item %d", levels[i] - 1);
    }
    snprintf(buf + len, sizeof buf - len, " %.256s", msg);
    MoErr_SetString(msg[0] == '(' ? MoExc_SystemError : MoExc_TypeError, buf);
}

/* ------------------------------------------------------------- positional */

static int parse_tuple(MoObject *args, const char *format, va_list *va)
{
    format_info info;
    format_read_info(format, &info);
    Mo_ssize_t min = -1, max = 0;
    int level = 0;
    for (const char *f = format; !format_end(*f); f++) {
        if (*f == '(')
            level++;
        else if (*f == ')')
            level--;
        else if (level == 0 && *f == '|')
            min = max;
        else if (level == 0 && ((*f >= 'A' && *f <= 'Z') || (*f >= 'a' && *f <= 'z')))
            max++;
        if (*f == '(' && level == 1)
            max++;
    }
    if (min < 0)
        min = max;
    if (args == NULL || !MoTuple_Check(args)) {
        MoErr_SetString(MoExc_SystemError, "new style getargs format but argument is not a tuple");
        return 0;
    }
    Mo_ssize_t n = MoTuple_GET_SIZE(args);
    char name[256];
    format_fname(&info, name, sizeof name, "function");
    if (n < min || n > max) {
        if (info.custom_msg != NULL) {
            MoErr_SetString(MoExc_TypeError, info.custom_msg);
            return 0;
        }
        Mo_ssize_t bound = n < min ? min : max;
        MoErr_Format(MoExc_TypeError, "%s takes %s %zd argument%s (%zd given)", name,
                     min == max ? "exactly" : n < min ? "at least" : "at most", bound, bound == 1 ? "" : "s", n);
        return 0;
    }
    const char *f = format;
    for (Mo_ssize_t i = 0; i < n; i++) {
        if (*f == '|')
            f++;
        int levels[MAX_LEVELS] = { 0 };
        char msgbuf[256];
        const char *msg = convert_item(MoTuple_GET_ITEM(args, i), &f, va, levels, msgbuf, sizeof msgbuf);
        if (msg != NULL) {
            set_error(i + 1, msg, levels, &info);
            return 0;
        }
    }
    return 1;
}

int MoArg_VaParse(MoObject *args, const char *format, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    int res = parse_tuple(args, format, &copy);
    va_end(copy);
    return res;
}

/* ---------------------------------------------------------------- keywords */

/* The TypeError when keywords name no parameter, or one already given by
   position (CPython checks these only once every unit is done). */
static int check_extra_keywords(MoObject *args, MoObject *kwargs, char **kwlist, int pos, int len,
                                const format_info *info)
{
    char name[256];
    for (Mo_ssize_t i = pos; i < MoTuple_GET_SIZE(args) && i < len; i++) {
        if (MoDict_GetItemString(kwargs, kwlist[i]) != NULL) {
            format_fname(info, name, sizeof name, "function");
            MoErr_Format(MoExc_TypeError, "argument for %s given by name ('%s') and position (%zd)", name,
                         kwlist[i], i + 1);
            return -1;
        }
    }
    Mo_ssize_t j = 0;
    MoObject *key;
    while (MoDict_Next(kwargs, &j, &key, NULL)) {
        if (!MoUnicode_Check(key)) {
            MoErr_SetString(MoExc_TypeError, "keywords must be strings");
            return -1;
        }
        int match = 0;
        for (int i = pos; i < len && !match; i++)
            match = _MoUnicode_EqualToASCIIString(key, kwlist[i]);
        if (!match) {
            format_fname(info, name, sizeof name, "this function");
            MoErr_Format(MoExc_TypeError, "'%U' is an invalid keyword argument for %s", key, name);
            return -1;
        }
    }
    return 0;
}

/* Too many positional arguments before the keyword-only ones ("$"). */
static int check_max_positional(Mo_ssize_t nargs, int max, int min, const char *name)
{
    if (max >= nargs)
        return 0;
    if (max == 0)
        MoErr_Format(MoExc_TypeError, "%s takes no positional arguments", name);
    else
        MoErr_Format(MoExc_TypeError, "%s takes %s %d positional argument%s (%zd given)", name,
                     min != INT_MAX ? "at most" : "exactly", max, max == 1 ? "" : "s", nargs);
    return -1;
}

/* The driver, step for step as 3.11's vgetargskeywords: units are matched to
   arguments by position, then by name; the first missing required one is an
   error; once every required one is there and no keyword is left, it stops. */
static int parse_keywords(MoObject *args, MoObject *kwargs, const char *format, char **kwlist, va_list *va)
{
    format_info info;
    format_read_info(format, &info);
    char name[256];
    format_fname(&info, name, sizeof name, "function");
    if (args == NULL || !MoTuple_Check(args) || (kwargs != NULL && !MoDict_Check(kwargs)) || kwlist == NULL) {
        MoErr_BadInternalCall();
        return 0;
    }
    int len = 0, pos = 0;
    while (kwlist[len] != NULL)
        len++;
    while (pos < len && kwlist[pos][0] == '\0')
        pos++;
    Mo_ssize_t nargs = MoTuple_GET_SIZE(args);
    Mo_ssize_t nkwargs = kwargs == NULL ? 0 : MoDict_Size(kwargs);
    if (nargs + nkwargs > len) {
        MoErr_Format(MoExc_TypeError, "%s takes at most %d %sargument%s (%zd given)", name, len,
                     nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
        return 0;
    }
    int min = INT_MAX, max = INT_MAX, skip = 0, i;
    for (i = 0; i < len; i++) {
        if (*format == '|') {
            min = i;
            format++;
        }
        if (*format == '$') {
            max = i;
            format++;
            if (skip)
                break;
            if (check_max_positional(nargs, max, min, name) < 0)
                return 0;
        }
        if (format_end(*format)) {
            MoErr_Format(MoExc_SystemError, "More keyword list entries (%d) than format specifiers (%d)", len, i);
            return 0;
        }
        if (!skip) {
            MoObject *arg = NULL;
            if (i < nargs) {
                arg = MoTuple_GET_ITEM(args, i);
            } else if (nkwargs && i >= pos) {
                arg = MoDict_GetItemString(kwargs, kwlist[i]);
                if (arg != NULL)
                    nkwargs--;
            }
            if (arg != NULL) {
                int levels[MAX_LEVELS] = { 0 };
                char msgbuf[256];
                const char *msg = convert_item(arg, &format, va, levels, msgbuf, sizeof msgbuf);
                if (msg != NULL) {
                    set_error(i + 1, msg, levels, &info);
                    return 0;
                }
                continue;
            }
            if (i < min) {
                if (i < pos) {
                    skip = 1;   /* the count error is worded once | and $ are known */
                } else {
                    MoErr_Format(MoExc_TypeError, "%s missing required argument '%s' (pos %d)", name, kwlist[i],
                                 i + 1);
                    return 0;
                }
            }
            if (!nkwargs && !skip)
                return 1;
        }
        skip_item(&format, va);
    }
    if (skip) {
        int least = Mo_MIN(pos, min);
        MoErr_Format(MoExc_TypeError, "%s takes %s %d positional argument%s (%zd given)", name,
                     least < i ? "at least" : "exactly", least, least == 1 ? "" : "s", nargs);
        return 0;
    }
    if (!format_end(*format) && *format != '|' && *format != '$') {
        MoErr_Format(MoExc_SystemError,
                     "more argument specifiers than keyword list entries (remaining format:'%s')", format);
        return 0;
    }
    if (nkwargs > 0 && check_extra_keywords(args, kwargs, kwlist, pos, len, &info) < 0)
        return 0;
    return 1;
}

int MoArg_VaParseTupleAndKeywords(MoObject *args, MoObject *kwargs, const char *format, char **kwlist, va_list va)
{
    va_list copy;
    va_copy(copy, va);
    int res = parse_keywords(args, kwargs, format, kwlist, &copy);
    va_end(copy);
    return res;
}

int MoArg_ParseTupleAndKeywords(MoObject *args, MoObject *kwargs, const char *format, char **kwlist, ...)
{
    va_list va;
    va_start(va, kwlist);
    int res = parse_keywords(args, kwargs, format, kwlist, &va);
    va_end(va);
    return res;
}

/* ------------------------------------------------------- count checks */

int _MoArg_NoKeywords(const char *funcname, MoObject *kwargs)
{
    if (kwargs == NULL || (MoDict_Check(kwargs) && MoDict_Size(kwargs) == 0))
        return 1;
    MoErr_Format(MoExc_TypeError, "%.200s() takes no keyword arguments", funcname);
    return 0;
}

int _MoArg_CheckPositionalCount(const char *name, Mo_ssize_t nargs, Mo_ssize_t min, Mo_ssize_t max)
{
    if (nargs >= min && nargs <= max)
        return 1;
    Mo_ssize_t bound = nargs < min ? min : max;
    const char *which = min == max ? "" : nargs < min ? "at least " : "at most ";
    if (name != NULL)
        MoErr_Format(MoExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name, which, bound,
                     bound == 1 ? "" : "s", nargs);
    else
        MoErr_Format(MoExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd", which, bound,
                     bound == 1 ? "" : "s", nargs);
    return 0;
}

int _MoArg_VaUnpackStack(MoObject *const *args, Mo_ssize_t nargs, const char *name, Mo_ssize_t min,
                         Mo_ssize_t max, va_list va)
{
    if (!_MoArg_CheckPositionalCount(name, nargs, min, max))
        return 0;
    va_list copy;
    va_copy(copy, va);
    for (Mo_ssize_t i = 0; i < nargs; i++)
        *va_arg(copy, MoObject **) = args[i];
    va_end(copy);
    return 1;
}

int _MoArg_UnpackStack(MoObject *const *args, Mo_ssize_t nargs, const char *name, Mo_ssize_t min,
                       Mo_ssize_t max, ...)
{
    va_list va;
    va_start(va, max);
    int ok = _MoArg_VaUnpackStack(args, nargs, name, min, max, va);
    va_end(va);
    return ok;
}
