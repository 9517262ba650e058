/* What an extension author's code needs besides the objects: unpacking call
 * arguments (MoArg_ParseTuple and friends, CPython's getargs.c format units and
 * messages), the calling conventions' flags and function types, and the small
 * macros of CPython's pymacro.h and modsupport.h (Mo_UNUSED, MoDoc_STR,
 * MoMODINIT_FUNC). Mo_BuildValue is in abstract.h.
 */
#ifndef MO_MODSUPPORT_H
#define MO_MODSUPPORT_H

#include <stdarg.h>
#include "object.h"

/* ------------------------------------------------------- calling conventions */

/* CPython's names, unprefixed as CPython has them (a renamed source keeps them). */
#define METH_VARARGS MO_METH_VARARGS
#define METH_KEYWORDS MO_METH_KEYWORDS
#define METH_NOARGS MO_METH_NOARGS
#define METH_O MO_METH_O
#define METH_CLASS MO_METH_CLASS
#define METH_STATIC MO_METH_STATIC
#define METH_COEXIST MO_METH_COEXIST
#define METH_FASTCALL MO_METH_FASTCALL

/* PyCFunction: the type a method table's ml_meth has; functions of the other
   conventions are cast to it, as in CPython. */
typedef MoCFunc MoCFunction;
/* METH_VARARGS | METH_KEYWORDS: fn(self, args tuple, kwargs dict or NULL). */
typedef MoObject *(*MoCFunctionWithKeywords)(MoObject *self, MoObject *args, MoObject *kwargs);
/* METH_FASTCALL: fn(self, args array, nargs). */
typedef MoObject *(*_MoCFunctionFast)(MoObject *self, MoObject *const *args, Mo_ssize_t nargs);
/* METH_FASTCALL | METH_KEYWORDS: the positional arguments, then the keyword
   arguments' values, in args; kwnames a tuple of their names or NULL. */
typedef MoObject *(*_MoCFunctionFastWithKeywords)(MoObject *self, MoObject *const *args, Mo_ssize_t nargs,
                                                   MoObject *kwnames);

/* --------------------------------------------------------------- macros */

/* A parameter the function does not use (METH_NOARGS's second): renamed so that
   no use slips in, and marked unused for the compiler, as CPython's Py_UNUSED. */
#define Mo_UNUSED(name) _unused_##name __attribute__((unused))
/* Docstrings: kept (CPython drops them only in builds WITH_DOC_STRINGS off). */
#define MoDoc_STR(str) str
#define MoDoc_VAR(name) static const char name[]
#define MoDoc_STRVAR(name, str) MoDoc_VAR(name) = MoDoc_STR(str)
/* An extension module's PyInit_* returns its module (or its definition). */
#define MoMODINIT_FUNC MoObject *
/* Accepted and ignored: lengths are always Mo_ssize_t. */
#ifndef MO_SSIZE_T_CLEAN
#define MO_SSIZE_T_CLEAN
#endif
#define Mo_MIN(x, y) (((x) > (y)) ? (y) : (x))
#define Mo_MAX(x, y) (((x) > (y)) ? (x) : (y))
#define Mo_ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))

/* -------------------------------------------------------------- arguments */

/* Unpack a call's arguments into C variables by a format, as CPython's getargs:
   "b" "h" "i" "l" "L" "n" (C integers of those sizes, from an object with
   __index__; OverflowError when out of range), "d" "f" (double, float), "p"
   (truth), "s" (const char *, UTF-8 of a str), "z" (same, or NULL for None),
   "O" (MoObject *, borrowed), "O!" (type, then MoObject *: TypeError "argument 1
   must be list, not int"), "O&" (converter, void *: converter(object, address)
   returns 1, or 0 with an exception), "U" (a str), "S" (a bytes), "(...)" (a
   sequence of exactly those items); "|" starts the optional ones, "$" the
   keyword-only ones (MoArg_ParseTupleAndKeywords), ":name" names the function
   in messages, ";message" replaces the whole message of a conversion error.
   Objects are borrowed. Optional variables not given are left untouched.
   1 on success; 0 with TypeError (OverflowError, ...) worded as CPython's. */
int MoArg_ParseTupleAndKeywords(MoObject *args, MoObject *kwargs, const char *format, char **kwlist, ...);
int MoArg_VaParse(MoObject *args, const char *format, va_list va);
int MoArg_VaParseTupleAndKeywords(MoObject *args, MoObject *kwargs, const char *format, char **kwlist,
                                  va_list va);
/* Keyword-less callers: 1 if kwargs is NULL or empty, else 0 with TypeError
   "NAME() takes no keyword arguments". */
int _MoArg_NoKeywords(const char *funcname, MoObject *kwargs);
/* METH_FASTCALL functions: 1 if min <= nargs <= max, else 0 with TypeError
   "NAME expected 2 arguments, got 0" (CPython's _PyArg_CheckPositional). */
int _MoArg_CheckPositionalCount(const char *name, Mo_ssize_t nargs, Mo_ssize_t min, Mo_ssize_t max);
/* MoArg_UnpackTuple over an array (METH_FASTCALL): *outputs borrowed. */
int _MoArg_UnpackStack(MoObject *const *args, Mo_ssize_t nargs, const char *name, Mo_ssize_t min,
                       Mo_ssize_t max, ...);
int _MoArg_VaUnpackStack(MoObject *const *args, Mo_ssize_t nargs, const char *name, Mo_ssize_t min,
                         Mo_ssize_t max, va_list va);

#endif
