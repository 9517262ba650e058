/* Calling objects, and the item, length and iteration protocols. */
#include "internal.h"

/* ----------------------------------------------------------------- calls */

int MoCallable_Check(MoObject *o)
{
    return o != NULL && Mo_TYPE(o)->tp_call != NULL;
}

MoObject *MoObject_Call(MoObject *callable, MoObject *args, MoObject *kwargs)
{
    ternaryfunc call = Mo_TYPE(callable)->tp_call;
    if (call == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not callable", Mo_TYPE(callable)->tp_name);
        return NULL;
    }
    MoObject *empty = NULL;
    if (args == NULL) {
        args = empty = MoTuple_New(0);
        if (args == NULL)
            return NULL;
    }
    if (Mo_EnterRecursiveCall(" while calling a Python object")) {
        Mo_XDECREF(empty);
        return NULL;
    }
    MoObject *res = call(callable, args, kwargs);
    Mo_LeaveRecursiveCall();
    Mo_XDECREF(empty);
    if (res == NULL && !MoErr_Occurred())
        MoErr_Format(MoExc_SystemError, "%R returned NULL without setting an exception", callable);
    return res;
}

MoObject *MoObject_CallNoArgs(MoObject *callable)
{
    return MoObject_Call(callable, NULL, NULL);
}

MoObject *MoObject_CallOneArg(MoObject *callable, MoObject *arg)
{
    MoObject *args = MoTuple_Pack(1, arg);
    if (args == NULL)
        return NULL;
    MoObject *res = MoObject_Call(callable, args, NULL);
    Mo_DECREF(args);
    return res;
}

static MoObject *call_with_format(MoObject *callable, const char *format, va_list va)
{
    MoObject *args = (format == NULL || *format == '\0') ? MoTuple_New(0) : _Mo_VaBuildStack(format, va);
    if (args == NULL)
        return NULL;
    MoObject *res = MoObject_Call(callable, args, NULL);
    Mo_DECREF(args);
    return res;
}

MoObject *MoObject_CallFunction(MoObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    MoObject *res = call_with_format(callable, format, va);
    va_end(va);
    return res;
}

MoObject *MoObject_CallMethod(MoObject *o, const char *name, const char *format, ...)
{
    MoObject *meth = MoObject_GetAttrString(o, name);
    if (meth == NULL)
        return NULL;
    va_list va;
    va_start(va, format);
    MoObject *res = call_with_format(meth, format, va);
    va_end(va);
    Mo_DECREF(meth);
    return res;
}

/* ------------------------------------------------------------------ items */

static int index_from_key(MoObject *key, Mo_ssize_t *i, MoObject *o)
{
    if (!MoIndex_Check(key)) {
        MoErr_Format(MoExc_TypeError, "%s indices must be integers, not %s", Mo_TYPE(o)->tp_name,
                     Mo_TYPE(key)->tp_name);
        return -1;
    }
    *i = MoNumber_AsSsize_t(key, MoExc_IndexError);
    return (*i == -1 && MoErr_Occurred()) ? -1 : 0;
}

MoObject *MoObject_GetItem(MoObject *o, MoObject *key)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_as_mapping && t->tp_as_mapping->mp_subscript)
        return t->tp_as_mapping->mp_subscript(o, key);
    if (t->tp_as_sequence && t->tp_as_sequence->sq_item) {
        Mo_ssize_t i;
        if (index_from_key(key, &i, o) < 0)
            return NULL;
        return MoSequence_GetItem(o, i);
    }
    if (MoType_Check(o))
        MoErr_Format(MoExc_TypeError, "type '%s' is not subscriptable", ((MoTypeObject *)o)->tp_name);
    else
        MoErr_Format(MoExc_TypeError, "'%s' object is not subscriptable", t->tp_name);
    return NULL;
}

static int set_or_del_item(MoObject *o, MoObject *key, MoObject *v)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_as_mapping && t->tp_as_mapping->mp_ass_subscript)
        return t->tp_as_mapping->mp_ass_subscript(o, key, v);
    if (t->tp_as_sequence && t->tp_as_sequence->sq_ass_item) {
        Mo_ssize_t i;
        if (index_from_key(key, &i, o) < 0)
            return -1;
        return v ? MoSequence_SetItem(o, i, v) : MoSequence_DelItem(o, i);
    }
    if (v != NULL)
        MoErr_Format(MoExc_TypeError, "'%s' object does not support item assignment", t->tp_name);
    else
        MoErr_Format(MoExc_TypeError, "'%s' object doesn't support item deletion", t->tp_name);
    return -1;
}

int MoObject_SetItem(MoObject *o, MoObject *key, MoObject *v)
{
    if (v == NULL) {
        MoErr_BadInternalCall();
        return -1;
    }
    return set_or_del_item(o, key, v);
}

int MoObject_DelItem(MoObject *o, MoObject *key)
{
    return set_or_del_item(o, key, NULL);
}

Mo_ssize_t MoObject_Length(MoObject *o)
{
    MoTypeObject *t = Mo_TYPE(o);
    if (t->tp_as_sequence && t->tp_as_sequence->sq_length)
        return t->tp_as_sequence->sq_length(o);
    if (t->tp_as_mapping && t->tp_as_mapping->mp_length)
        return t->tp_as_mapping->mp_length(o);
    MoErr_Format(MoExc_TypeError, "object of type '%s' has no len()", t->tp_name);
    return -1;
}

/* -------------------------------------------------------------- iteration */

MoObject *MoObject_SelfIter(MoObject *o)
{
    return Mo_NewRef(o);
}

MoObject *MoObject_GetIter(MoObject *o)
{
    getiterfunc f = Mo_TYPE(o)->tp_iter;
    if (f == NULL && MoSequence_Check(o))
        return MoSeqIter_New(o);   /* __getitem__ without __iter__ */
    if (f == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not iterable", Mo_TYPE(o)->tp_name);
        return NULL;
    }
    MoObject *it = f(o);
    if (it != NULL && Mo_TYPE(it)->tp_iternext == NULL) {
        MoErr_Format(MoExc_TypeError, "iter() returned non-iterator of type '%s'", Mo_TYPE(it)->tp_name);
        Mo_DECREF(it);
        return NULL;
    }
    return it;
}

MoObject *MoIter_Next(MoObject *it)
{
    iternextfunc next = Mo_TYPE(it)->tp_iternext;
    if (next == NULL) {
        MoErr_Format(MoExc_TypeError, "'%s' object is not an iterator", Mo_TYPE(it)->tp_name);
        return NULL;
    }
    MoObject *res = next(it);
    if (res == NULL && MoErr_ExceptionMatches(MoExc_StopIteration))
        MoErr_Clear();
    return res;
}
