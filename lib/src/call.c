/* Calling objects: MoObject_Call and the forms that build its arguments. The
 * item, length and iteration protocols are in abstract.c. */
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

/* As 3.11's _PyObject_CallFunctionVa: when the format builds a single tuple, it
   is the argument tuple ("(OO)" gives two arguments, "O" with a tuple spreads it). */
static MoObject *call_with_format(MoObject *callable, const char *format, va_list va)
{
    MoObject *args = (format == NULL || *format == '\0') ? MoTuple_New(0) : _Mo_VaBuildStack(format, va);
    if (args == NULL)
        return NULL;
    if (MoTuple_GET_SIZE(args) == 1 && MoTuple_Check(MoTuple_GET_ITEM(args, 0)))
        Mo_SETREF(args, Mo_NewRef(MoTuple_GET_ITEM(args, 0)));
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

/* new: a tuple of the NULL-terminated objects in va. */
static MoObject *tuple_from_objargs(va_list va)
{
    va_list count;
    va_copy(count, va);
    Mo_ssize_t n = 0;
    while (va_arg(count, MoObject *) != NULL)
        n++;
    va_end(count);
    MoObject *args = MoTuple_New(n);
    for (Mo_ssize_t i = 0; args != NULL && i < n; i++)
        MoTuple_SET_ITEM(args, i, Mo_NewRef(va_arg(va, MoObject *)));
    return args;
}

MoObject *MoObject_CallFunctionObjArgs(MoObject *callable, ...)
{
    va_list va;
    va_start(va, callable);
    MoObject *args = tuple_from_objargs(va);
    va_end(va);
    if (args == NULL)
        return NULL;
    MoObject *res = MoObject_Call(callable, args, NULL);
    Mo_DECREF(args);
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
