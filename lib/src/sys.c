/* sys: sizes, reference counts, interning. */
#include "internal.h"

/* region getsizeof */
Mo_ssize_t MoSys_GetSizeOf(MoObject *o)
{
    MoTypeObject *t = Mo_TYPE(o);
    Mo_ssize_t size;
    if (t->tp_sizeof != NULL) {
        size = t->tp_sizeof(o);
        if (size < 0) {
            if (!MoErr_Occurred())
                MoErr_SetString(MoExc_ValueError, "__sizeof__() should return >= 0");
            return -1;
        }
    } else {
        Mo_ssize_t n = t->tp_itemsize ? Mo_SIZE(o) : 0;
        size = t->tp_basicsize + (n < 0 ? -n : n) * t->tp_itemsize;
    }
    /* 3.11 adds the pre-header by the type's flags, tracked or not. */
    return size + (Mo_ssize_t)_MoType_PreHeaderSize(t);
}
/* endregion getsizeof */

/* A set of addresses already counted, for the deep size. */
typedef struct {
    MoObject *seen;   /* a set of ints (addresses) */
    Mo_ssize_t total;
} deep_state;

static int deep_visit(MoObject *o, void *arg);

static int deep_add(MoObject *o, deep_state *st)
{
    MoObject *key = MoLong_FromUnsignedLongLong((unsigned long long)(uintptr_t)o);
    if (key == NULL)
        return -1;
    int found = MoSet_Contains(st->seen, key);
    if (found == 0)
        found = MoSet_Add(st->seen, key) < 0 ? -1 : 0;
    Mo_DECREF(key);
    if (found != 0)
        return found < 0 ? -1 : 0;
    Mo_ssize_t size = MoSys_GetSizeOf(o);
    if (size < 0)
        return -1;
    st->total += size;
    traverseproc trav = Mo_TYPE(o)->tp_traverse;
    if (trav != NULL)
        return trav(o, deep_visit, st);
    return 0;
}

static int deep_visit(MoObject *o, void *arg)
{
    /* Types are shared by every instance: not part of any one object's size. */
    if (MoType_Check(o))
        return 0;
    return deep_add(o, (deep_state *)arg) < 0 ? -1 : 0;
}

/* region deep_sizeof */
Mo_ssize_t MoSys_GetDeepSizeOf(MoObject *o)
{
    deep_state st = { MoSet_New(NULL), 0 };
    if (st.seen == NULL)
        return -1;
    int res = deep_add(o, &st);
    Mo_DECREF(st.seen);
    return res < 0 ? -1 : st.total;
}
/* endregion deep_sizeof */

Mo_ssize_t MoSys_GetRefCount(MoObject *o)
{
    return Mo_REFCNT(o);
}

Mo_ssize_t MoSys_GetTotalRefCount(void)
{
#ifdef MO_DEBUG
    return _Mo_RefTotal;
#else
    return 0;
#endif
}

MoObject *MoSys_Intern(MoObject *s)
{
    if (!MoUnicode_CheckExact(s)) {
        if (MoUnicode_Check(s))
            MoErr_Format(MoExc_TypeError, "can't intern %s", Mo_TYPE(s)->tp_name);
        else
            MoErr_Format(MoExc_TypeError, "intern() argument must be str, not %s", Mo_TYPE(s)->tp_name);
        return NULL;
    }
    Mo_INCREF(s);
    MoUnicode_InternInPlace(&s);
    return s;
}
