/* The str methods the twins and the seeds call (join, split, strip, startswith,
 * replace ...): the runtime's str has none yet, so the front end adds them to
 * str's dict as method descriptors, over the public API. They belong in the
 * runtime's unicode.c. */
#include "interp.h"

static MoObject *str_join(MoObject *self, MoObject *it) { return MoUnicode_Join(self, it); }

/* the code points of s as an array (for the searching methods) */
static Mo_UCS4 *ucs4(MoObject *s, Mo_ssize_t *n)
{
    *n = MoUnicode_GetLength(s);
    Mo_UCS4 *b = malloc(sizeof(Mo_UCS4) * (size_t)(*n + 1));
    if (b == NULL) {
        MoErr_NoMemory();
        return NULL;
    }
    for (Mo_ssize_t i = 0; i < *n; i++)
        b[i] = MoUnicode_ReadChar(s, i);
    return b;
}

static MoObject *from_ucs4(const Mo_UCS4 *b, Mo_ssize_t n)
{
    return MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, b, n);
}

static int check_str(MoObject *o, const char *what)
{
    if (MoUnicode_Check(o))
        return 0;
    MoErr_Format(MoExc_TypeError, "%s arg must be None or str", what);
    return -1;
}

static Mo_ssize_t find_in(const Mo_UCS4 *h, Mo_ssize_t hn, const Mo_UCS4 *n, Mo_ssize_t nn, Mo_ssize_t from)
{
    for (Mo_ssize_t i = from; i + nn <= hn; i++)
        if (memcmp(h + i, n, sizeof(Mo_UCS4) * (size_t)nn) == 0)
            return i;
    return -1;
}

static MoObject *affix(MoObject *self, MoObject *args, int end)
{
    MoObject *x;
    if (!MoArg_UnpackTuple(args, end ? "endswith" : "startswith", 1, 1, &x))
        return NULL;
    if (MoTuple_Check(x)) {
        for (Mo_ssize_t i = 0; i < MoTuple_Size(x); i++) {
            MoObject *one = MoTuple_Pack(1, MoTuple_GetItem(x, i));
            MoObject *r = one ? affix(self, one, end) : NULL;
            Mo_XDECREF(one);
            if (r != Mo_False)
                return r;
            Mo_DECREF(r);
        }
        Mo_RETURN_FALSE;
    }
    if (!MoUnicode_Check(x)) {
        MoErr_Format(MoExc_TypeError, "%s first arg must be str or a tuple of str, not %s",
                     end ? "endswith" : "startswith", Mo_TYPE(x)->tp_name);
        return NULL;
    }
    Mo_ssize_t n = MoUnicode_GetLength(self), k = MoUnicode_GetLength(x);
    if (k > n)
        Mo_RETURN_FALSE;
    Mo_ssize_t off = end ? n - k : 0;
    for (Mo_ssize_t i = 0; i < k; i++)
        if (MoUnicode_ReadChar(self, off + i) != MoUnicode_ReadChar(x, i))
            Mo_RETURN_FALSE;
    Mo_RETURN_TRUE;
}
static MoObject *str_startswith(MoObject *self, MoObject *args) { return affix(self, args, 0); }
static MoObject *str_endswith(MoObject *self, MoObject *args) { return affix(self, args, 1); }

static int is_space(Mo_UCS4 c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f || c == 0x85 || c == 0xa0; }

static MoObject *strip(MoObject *self, MoObject *args, int left, int right, const char *name)
{
    MoObject *chars = Mo_None;
    if (!MoArg_UnpackTuple(args, name, 0, 1, &chars))
        return NULL;
    if (chars != Mo_None && check_str(chars, name) < 0)
        return NULL;
    Mo_ssize_t n = MoUnicode_GetLength(self), a = 0, b = n;
    Mo_ssize_t cn = 0;
    Mo_UCS4 *cs = chars != Mo_None ? ucs4(chars, &cn) : NULL;

    while (left && a < b) {
        Mo_UCS4 c = MoUnicode_ReadChar(self, a);
        int hit = 0;
        if (cs) { for (Mo_ssize_t i = 0; i < cn; i++) hit |= cs[i] == c; } else hit = is_space(c);
        if (!hit)
            break;
        a++;
    }
    while (right && b > a) {
        Mo_UCS4 c = MoUnicode_ReadChar(self, b - 1);
        int hit = 0;
        if (cs) { for (Mo_ssize_t i = 0; i < cn; i++) hit |= cs[i] == c; } else hit = is_space(c);
        if (!hit)
            break;
        b--;
    }

    free(cs);
    if (a == 0 && b == n && MoUnicode_CheckExact(self))
        return Mo_NewRef(self);
    MoObject *sl = MoSlice_New(NULL, NULL, NULL);
    MoObject *start = MoLong_FromSsize_t(a), *stop = MoLong_FromSsize_t(b);
    MoObject *s2 = MoSlice_New(start, stop, NULL);
    Mo_XDECREF(sl);
    Mo_XDECREF(start);
    Mo_XDECREF(stop);
    if (s2 == NULL)
        return NULL;
    MoObject *r = Slice_GetItem(self, s2);
    Mo_DECREF(s2);
    return r;
}
static MoObject *str_strip(MoObject *s, MoObject *a) { return strip(s, a, 1, 1, "strip"); }
static MoObject *str_lstrip(MoObject *s, MoObject *a) { return strip(s, a, 1, 0, "lstrip"); }
static MoObject *str_rstrip(MoObject *s, MoObject *a) { return strip(s, a, 0, 1, "rstrip"); }

static MoObject *change_case(MoObject *self, int upper)
{
    Mo_ssize_t n;
    Mo_UCS4 *b = ucs4(self, &n);
    if (b == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++) {
        if (upper && b[i] >= 'a' && b[i] <= 'z')
            b[i] -= 32;
        else if (!upper && b[i] >= 'A' && b[i] <= 'Z')
            b[i] += 32;
    }
    MoObject *r = from_ucs4(b, n);
    free(b);
    return r;
}
static MoObject *str_upper(MoObject *s, MoObject *u) { (void)u; return change_case(s, 1); }
static MoObject *str_lower(MoObject *s, MoObject *u) { (void)u; return change_case(s, 0); }

static MoObject *str_split(MoObject *self, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"sep", "maxsplit", NULL};
    MoObject *sep = Mo_None;
    Mo_ssize_t maxsplit = -1;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "|On:split", kwlist, &sep, &maxsplit))
        return NULL;
    if (sep != Mo_None && check_str(sep, "must be str or None, not") < 0)
        return NULL;
    Mo_ssize_t n, sn = 0;
    Mo_UCS4 *b = ucs4(self, &n), *sb = NULL;
    MoObject *list = MoList_New(0);
    if (b == NULL || list == NULL)
        goto fail;
    if (sep == Mo_None) {
        Mo_ssize_t i = 0, splits = 0;
        for (;;) {
            while (i < n && is_space(b[i]))
                i++;
            if (i >= n)
                break;
            Mo_ssize_t j = i;
            if (maxsplit >= 0 && splits >= maxsplit) {
                j = n;
                while (j > i && is_space(b[j - 1]))
                    j--;
            } else {
                while (j < n && !is_space(b[j]))
                    j++;
            }
            MoObject *piece = from_ucs4(b + i, j - i);
            if (piece == NULL || MoList_Append(list, piece) < 0) {
                Mo_XDECREF(piece);
                goto fail;
            }
            Mo_DECREF(piece);
            splits++;
            i = j;
        }
    } else {
        sb = ucs4(sep, &sn);
        if (sb == NULL)
            goto fail;
        if (sn == 0) {
            MoErr_SetString(MoExc_ValueError, "empty separator");
            goto fail;
        }
        Mo_ssize_t i = 0, splits = 0;
        for (;;) {
            Mo_ssize_t j = (maxsplit >= 0 && splits >= maxsplit) ? -1 : find_in(b, n, sb, sn, i);
            Mo_ssize_t e = j < 0 ? n : j;
            MoObject *piece = from_ucs4(b + i, e - i);
            if (piece == NULL || MoList_Append(list, piece) < 0) {
                Mo_XDECREF(piece);
                goto fail;
            }
            Mo_DECREF(piece);
            if (j < 0)
                break;
            i = j + sn;
            splits++;
        }
    }
    free(b);
    free(sb);
    return list;
fail:
    free(b);
    free(sb);
    Mo_XDECREF(list);
    return NULL;
}

static MoObject *str_replace(MoObject *self, MoObject *args)
{
    MoObject *old, *new_;
    Mo_ssize_t count = -1;
    if (!MoArg_ParseTuple(args, "UU|n:replace", &old, &new_, &count))
        return NULL;
    MoObject *parts = MoObject_CallMethod(self, "split", "On", old, count);
    if (parts == NULL)
        return NULL;
    MoObject *r = MoUnicode_Join(new_, parts);
    Mo_DECREF(parts);
    return r;
}

static MoObject *search(MoObject *self, MoObject *args, int count)
{
    MoObject *sub;
    if (!MoArg_ParseTuple(args, count ? "U:count" : "U:find", &sub))
        return NULL;
    Mo_ssize_t n, k;
    Mo_UCS4 *b = ucs4(self, &n), *s = ucs4(sub, &k);
    Mo_ssize_t r = -1, c = 0;
    if (b && s) {
        if (count) {
            for (Mo_ssize_t i = 0; (i = find_in(b, n, s, k, i)) >= 0; i += k ? k : 1, c++)
                if (i >= n && k == 0) {
                    c++;
                    break;
                }
        } else {
            r = find_in(b, n, s, k, 0);
        }
    }
    free(b);
    free(s);
    if (MoErr_Occurred())
        return NULL;
    return MoLong_FromSsize_t(count ? c : r);
}
static MoObject *str_find(MoObject *s, MoObject *a) { return search(s, a, 0); }
static MoObject *str_count(MoObject *s, MoObject *a) { return search(s, a, 1); }

static MoObject *str_isidentifier(MoObject *self, MoObject *u)
{
    (void)u;
    Mo_ssize_t n = MoUnicode_GetLength(self);
    int ok = n > 0;
    for (Mo_ssize_t i = 0; i < n && ok; i++) {
        Mo_UCS4 c = MoUnicode_ReadChar(self, i);
        ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
    }
    return MoBool_FromLong(ok);
}

static MoObject *str_isdigit(MoObject *self, MoObject *u)
{
    (void)u;
    Mo_ssize_t n = MoUnicode_GetLength(self);
    int ok = n > 0;
    for (Mo_ssize_t i = 0; i < n && ok; i++) {
        Mo_UCS4 c = MoUnicode_ReadChar(self, i);
        ok = c >= '0' && c <= '9';
    }
    return MoBool_FromLong(ok);
}

static MoObject *str_encode(MoObject *self, MoObject *args)
{
    (void)args;
    return MoUnicode_AsUTF8String(self);
}

static MoMethodDef str_methods[] = {
    {"join", str_join, MO_METH_O, NULL},
    {"startswith", str_startswith, MO_METH_VARARGS, NULL},
    {"endswith", str_endswith, MO_METH_VARARGS, NULL},
    {"strip", str_strip, MO_METH_VARARGS, NULL},
    {"lstrip", str_lstrip, MO_METH_VARARGS, NULL},
    {"rstrip", str_rstrip, MO_METH_VARARGS, NULL},
    {"upper", str_upper, MO_METH_NOARGS, NULL},
    {"lower", str_lower, MO_METH_NOARGS, NULL},
    {"split", (MoCFunc)(void (*)(void))str_split, MO_METH_VARARGS | MO_METH_KEYWORDS, NULL},
    {"replace", str_replace, MO_METH_VARARGS, NULL},
    {"find", str_find, MO_METH_VARARGS, NULL},
    {"count", str_count, MO_METH_VARARGS, NULL},
    {"isidentifier", str_isidentifier, MO_METH_NOARGS, NULL},
    {"isdigit", str_isdigit, MO_METH_NOARGS, NULL},
    {"encode", str_encode, MO_METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int StrMethods_Init(void)
{
    MoObject *d = MoUnicode_Type.tp_dict;
    for (MoMethodDef *ml = str_methods; ml->ml_name; ml++) {
        if (MoDict_GetItemString(d, ml->ml_name) != NULL)
            continue;   /* the runtime has its own */
        MoObject *descr = MoDescr_NewMethod(&MoUnicode_Type, ml);
        if (descr == NULL || MoDict_SetItemString(d, ml->ml_name, descr) < 0) {
            Mo_XDECREF(descr);
            return -1;
        }
        Mo_DECREF(descr);
    }
    return 0;
}
