/* Slices: the object BUILD_SLICE makes (the runtime has none), and subscripting
 * the runtime's sequences with one, by CPython's PySlice_GetIndicesEx rules:
 * None bounds default by the step's sign, negative bounds count from the end,
 * and out-of-range bounds clip. */
#include "interp.h"

static void slice_dealloc(MoObject *o)
{
    MoSliceObject *s = (MoSliceObject *)o;
    Mo_DECREF(s->start);
    Mo_DECREF(s->stop);
    Mo_DECREF(s->step);
    Mo_TYPE(o)->tp_free(o);
}

static MoObject *slice_repr(MoObject *o)
{
    MoSliceObject *s = (MoSliceObject *)o;
    return MoUnicode_FromFormat("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static MoObject *slice_new(MoTypeObject *t, MoObject *args, MoObject *kw)
{
    (void)t;
    MoObject *a = NULL, *b = NULL, *c = NULL;
    if (!_MoArg_NoKeywords("slice", kw) || !MoArg_UnpackTuple(args, "slice", 1, 3, &a, &b, &c))
        return NULL;
    if (b == NULL)
        return MoSlice_New(Mo_None, a, Mo_None);
    return MoSlice_New(a, b, c);
}

static MoMemberDef slice_members[] = {
    {"start", MO_T_OBJECT, offsetof(MoSliceObject, start), MO_READONLY, NULL},
    {"stop", MO_T_OBJECT, offsetof(MoSliceObject, stop), MO_READONLY, NULL},
    {"step", MO_T_OBJECT, offsetof(MoSliceObject, step), MO_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

MoTypeObject MoSlice_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "slice",
    .tp_basicsize = sizeof(MoSliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = MoObject_HashNotImplemented,
    .tp_members = slice_members,
    .tp_new = slice_new,
};

MoObject *MoSlice_New(MoObject *start, MoObject *stop, MoObject *step)
{
    MoSliceObject *s = MoObject_New(MoSliceObject, &MoSlice_Type);
    if (s == NULL)
        return NULL;
    s->start = Mo_NewRef(start ? start : Mo_None);
    s->stop = Mo_NewRef(stop ? stop : Mo_None);
    s->step = Mo_NewRef(step ? step : Mo_None);
    return (MoObject *)s;
}

static int bound(MoObject *o, Mo_ssize_t *out)
{
    if (o == Mo_None)
        return 0;
    if (!MoIndex_Check(o)) {
        MoErr_SetString(MoExc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    Mo_ssize_t v = MoNumber_AsSsize_t(o, NULL);
    if (v == -1 && MoErr_Occurred())
        return -1;
    *out = v;
    return 1;
}

/* start, stop, step and the number of items of s over a sequence of length len */
static int indices(MoSliceObject *s, Mo_ssize_t len, Mo_ssize_t *start, Mo_ssize_t *stop, Mo_ssize_t *step,
                   Mo_ssize_t *count)
{
    *step = 1;
    int r = bound(s->step, step);
    if (r < 0)
        return -1;
    if (*step == 0) {
        MoErr_SetString(MoExc_ValueError, "slice step cannot be zero");
        return -1;
    }
    Mo_ssize_t lo = *step < 0 ? -1 : 0, hi = *step < 0 ? len - 1 : len;
    *start = *step < 0 ? hi : lo;
    *stop = *step < 0 ? lo : hi;
    if ((r = bound(s->start, start)) < 0)
        return -1;
    if (r) {
        if (*start < 0)
            *start = *start + len < lo ? lo : *start + len;
        else if (*start > hi)
            *start = hi;
    }
    if ((r = bound(s->stop, stop)) < 0)
        return -1;
    if (r) {
        if (*stop < 0)
            *stop = *stop + len < lo ? lo : *stop + len;
        else if (*stop > hi)
            *stop = hi;
    }
    if (*step > 0)
        *count = *stop > *start ? (*stop - *start - 1) / *step + 1 : 0;
    else
        *count = *start > *stop ? (*start - *stop - 1) / (-*step) + 1 : 0;
    return 0;
}

MoObject *Slice_GetItem(MoObject *o, MoObject *slice)
{
    int is_list = MoList_Check(o), is_tuple = MoTuple_Check(o), is_str = MoUnicode_Check(o);
    int is_bytes = MoBytes_Check(o);
    if (!is_list && !is_tuple && !is_str && !is_bytes)
        return MoObject_GetItem(o, slice);
    Mo_ssize_t len = MoObject_Length(o), start, stop, step, n;
    if (len < 0 || indices((MoSliceObject *)slice, len, &start, &stop, &step, &n) < 0)
        return NULL;
    if (step == 1) {
        if (is_list)
            return MoList_GetSlice(o, start, start + n);
        if (is_tuple)
            return MoTuple_GetSlice(o, start, start + n);
    }
    if (is_str) {
        Mo_UCS4 *buf = malloc(sizeof(Mo_UCS4) * (size_t)(n + 1));
        if (buf == NULL)
            return MoErr_NoMemory();
        for (Mo_ssize_t i = 0, k = start; i < n; i++, k += step)
            buf[i] = MoUnicode_ReadChar(o, k);
        MoObject *r = MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, buf, n);
        free(buf);
        return r;
    }
    if (is_bytes) {
        const char *src = MoBytes_AS_STRING(o);
        char *buf = malloc((size_t)n + 1);
        if (buf == NULL)
            return MoErr_NoMemory();
        for (Mo_ssize_t i = 0, k = start; i < n; i++, k += step)
            buf[i] = src[k];
        MoObject *r = MoBytes_FromStringAndSize(buf, n);
        free(buf);
        return r;
    }
    MoObject *items = MoList_New(n);
    if (items == NULL)
        return NULL;
    for (Mo_ssize_t i = 0, k = start; i < n; i++, k += step)
        MoList_SET_ITEM(items, i, MoSequence_GetItem(o, k));
    if (is_list)
        return items;
    MoObject *t = MoList_AsTuple(items);
    Mo_DECREF(items);
    return t;
}

int Slice_SetItem(MoObject *o, MoObject *slice, MoObject *v)
{
    if (!MoList_Check(o)) {
        if (v == NULL)
            return MoObject_DelItem(o, slice);
        return MoObject_SetItem(o, slice, v);
    }
    Mo_ssize_t start, stop, step, n;
    if (indices((MoSliceObject *)slice, MoList_Size(o), &start, &stop, &step, &n) < 0)
        return -1;
    if (step == 1)
        return MoList_SetSlice(o, start, start + n, v);
    if (v == NULL) {
        /* delete from the highest index down so earlier indices stay valid */
        for (Mo_ssize_t i = n - 1; i >= 0; i--) {
            Mo_ssize_t k = start + i * step;
            if (step < 0)
                k = start + (n - 1 - i) * step;
            if (MoList_DelItem(o, k) < 0)
                return -1;
        }
        return 0;
    }
    MoObject *seq = MoSequence_List(v);
    if (seq == NULL)
        return -1;
    if (MoList_Size(seq) != n) {
        MoErr_Format(MoExc_ValueError, "attempt to assign sequence of size %zd to extended slice of size %zd",
                     MoList_Size(seq), n);
        Mo_DECREF(seq);
        return -1;
    }
    for (Mo_ssize_t i = 0, k = start; i < n; i++, k += step)
        if (MoList_SetItem(o, k, Mo_NewRef(MoList_GetItem(seq, i))) < 0) {
            Mo_DECREF(seq);
            return -1;
        }
    Mo_DECREF(seq);
    return 0;
}
