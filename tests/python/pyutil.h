/* Helpers for the Check suites of mo-python's modules (prefix pu_): call a
 * module's function through the import table, as Python code would, and see
 * what it gave as text.
 */
#ifndef MO_PYUTIL_H
#define MO_PYUTIL_H

#include "testutil.h"
#include "modules.h"

/* Register builtins, ctypes and itertools in the import table (once, before the
   suites run). */
void pu_register_modules(void);
/* new: module.name, failing the test when it is missing. */
MoObject *pu_attr(const char *module, const char *name);
/* What module.fn(*args, **kwargs) gives, as text: the repr of the result, or
   "TypeError: message" for an exception (cleared). args is built by
   Mo_BuildValue from args_fmt (a tuple format, "()" for none), kwargs from
   kw_fmt (a dict format, or NULL). The text lives until the next call. */
const char *pu_call(const char *module, const char *fn, const char *args_fmt, const char *kw_fmt, ...);
/* The same with argument objects already made (both borrowed; kwargs may be NULL). */
const char *pu_call_objects(const char *module, const char *fn, MoObject *args, MoObject *kwargs);
/* The text of a result (stolen) or of the pending exception (cleared) when it is NULL. */
const char *pu_text(MoObject *result);

#define pu_assert_text(got, expected) \
    ck_assert_msg(strcmp((got), (expected)) == 0, "%s:%d: got %s, expected %s", __FILE__, __LINE__, (got), (expected))

#endif
