/* What the drivers of tests/outside/ext/ share: print a call's result as Python's
 * print() would, or the exception it raised as "TypeError: message" (what the
 * Python twins print from their except clauses). Header-only, so that each
 * driver stays one file that an outsider compiles with pkg-config.
 */
#ifndef OUTSIDE_SHOW_H
#define OUTSIDE_SHOW_H

#include "mo.h"

/* Print str(r) and release it; or, when r is NULL, the pending exception. */
static inline void show(MoObject *r)
{
    if (r != NULL) {
        Mo_Print(r);
        Mo_DECREF(r);
        return;
    }
    MoObject *e = MoErr_GetRaisedException();
    if (e == NULL) {
        printf("(no result and no exception)\n");
        return;
    }
    MoObject *s = MoObject_Str(e);
    printf("%s: %s\n", Mo_TYPE(e)->tp_name, s ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_DECREF(e);
}

/* The same for a call that returns an int status (0 ok, -1 error). */
static inline void show_status(int status)
{
    if (status < 0)
        show(NULL);
    else
        printf("ok\n");
}

/* new: a str, for arguments. */
static inline MoObject *str(const char *s)
{
    return MoUnicode_FromString(s);
}

#endif
