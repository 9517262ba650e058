/* Helpers for the Check suites of mo-python's modules. */
#include <stdarg.h>
#include <stdio.h>
#include "pyutil.h"

void pu_register_modules(void)
{
    MoImport_AppendInittab("builtins", MoInit_builtins);
    MoImport_AppendInittab("ctypes", MoInit_ctypes);
    MoImport_AppendInittab("itertools", MoInit_itertools);
}

MoObject *pu_attr(const char *module, const char *name)
{
    MoObject *v = MoImport_ImportModuleAttrString(module, name);
    ck_assert_msg(v != NULL, "%s.%s: %s", module, name, v == NULL ? pu_text(NULL) : "");
    return v;
}

static char pu_buf[4096];

const char *pu_text(MoObject *result)
{
    if (result == NULL) {
        MoObject *exc = MoErr_GetRaisedException();
        ck_assert_msg(exc != NULL, "NULL returned without an exception");
        MoObject *m = MoObject_Str(exc);
        snprintf(pu_buf, sizeof pu_buf, "%s: %s", Mo_TYPE(exc)->tp_name, m ? MoUnicode_AsUTF8(m) : "?");
        Mo_XDECREF(m);
        Mo_DECREF(exc);
        return pu_buf;
    }
    ck_assert_msg(MoErr_Occurred() == NULL, "a result with an exception pending");
    MoObject *r = MoObject_Repr(result);
    Mo_DECREF(result);
    if (r == NULL)
        return pu_text(NULL);
    snprintf(pu_buf, sizeof pu_buf, "%s", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    return pu_buf;
}

const char *pu_call_objects(const char *module, const char *fn, MoObject *args, MoObject *kwargs)
{
    MoObject *f = pu_attr(module, fn);
    MoObject *r = MoObject_Call(f, args, kwargs);
    Mo_DECREF(f);
    return pu_text(r);
}

const char *pu_call(const char *module, const char *fn, const char *args_fmt, const char *kw_fmt, ...)
{
    /* One format for both, so that one va_list is read once: (ARGS KW). */
    char fmt[256];
    snprintf(fmt, sizeof fmt, "(%s%s)", args_fmt, kw_fmt != NULL ? kw_fmt : "");
    va_list va;
    va_start(va, kw_fmt);
    MoObject *both = Mo_VaBuildValue(fmt, va);
    va_end(va);
    ck_assert_msg(both != NULL && MoTuple_Check(MoTuple_GET_ITEM(both, 0)), "bad args format %s", args_fmt);
    MoObject *kwargs = kw_fmt != NULL ? MoTuple_GET_ITEM(both, 1) : NULL;
    const char *text = pu_call_objects(module, fn, MoTuple_GET_ITEM(both, 0), kwargs);
    Mo_DECREF(both);
    return text;
}
