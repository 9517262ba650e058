/* Exceptions, as CPython reports errors: a function that fails returns NULL or -1
 * and leaves an exception in the error indicator. The indicator holds at most one
 * exception instance; setting a new one replaces (and releases) the old.
 */
#ifndef MO_ERRORS_H
#define MO_ERRORS_H

#include "object.h"

/* An exception instance: BaseException's layout (args is a tuple). */
typedef struct {
    MoObject_HEAD
    MoObject *dict;
    MoObject *args;
} MoBaseExceptionObject;

/* The exception types (borrowed pointers to static type objects). */
extern MoObject *MoExc_BaseException, *MoExc_Exception, *MoExc_TypeError, *MoExc_ValueError,
    *MoExc_LookupError, *MoExc_IndexError, *MoExc_KeyError, *MoExc_AttributeError,
    *MoExc_MemoryError, *MoExc_ReferenceError, *MoExc_RuntimeError, *MoExc_RecursionError,
    *MoExc_ArithmeticError, *MoExc_ZeroDivisionError, *MoExc_OverflowError,
    *MoExc_StopIteration, *MoExc_SystemError, *MoExc_NotImplementedError,
    *MoExc_UnicodeDecodeError;
extern MoObject *MoExc_ImportError, *MoExc_ModuleNotFoundError;

/* Set the indicator to type(msg). */
void MoErr_SetString(MoObject *type, const char *msg);
/* Set the indicator as CPython's PyErr_SetObject (value borrowed): type() for
   None or NULL, type(*value) for a tuple, value itself when it is already an
   instance of type, else type(value). */
void MoErr_SetObject(MoObject *type, MoObject *value);
/* KeyError(key), key always the one argument (even a tuple or None), as
   CPython's _PyErr_SetKeyError. */
void _MoErr_SetKeyError(MoObject *key);
/* Set the indicator to type() (no arguments: str() of it is empty). */
void MoErr_SetNone(MoObject *type);
/* Set the indicator to type(message) with a printf-like format; besides C's
   conversions it takes %S (str of an object), %R (repr of an object) and %U (a
   str object), as PyUnicode_FromFormat does. */
void MoErr_Format(MoObject *type, const char *fmt, ...);
/* borrowed: the type of the pending exception, or NULL. */
MoObject *MoErr_Occurred(void);
void MoErr_Clear(void);
/* 1 if the pending exception is an instance of type (or a subclass). */
int MoErr_ExceptionMatches(MoObject *type);
/* 1 if exc (a type or an instance) matches type. */
int MoErr_GivenExceptionMatches(MoObject *exc, MoObject *type);
/* Set MemoryError without allocating; returns NULL. */
MoObject *MoErr_NoMemory(void);
/* Set SystemError "bad argument to internal function" naming the caller; returns 0. */
int _MoErr_BadInternalCall(const char *file, int line);
#define MoErr_BadInternalCall() _MoErr_BadInternalCall(__FILE__, __LINE__)
/* new: the pending exception instance; the indicator is cleared. NULL if none. */
MoObject *MoErr_GetRaisedException(void);
/* Steals exc (an instance, or NULL to clear). */
void MoErr_SetRaisedException(MoObject *exc);
/* Print "Type: message" of the pending exception to stderr and clear it. */
void MoErr_Print(void);
/* Report an exception that cannot be raised (from a destructor or callback) as
   CPython does: "Exception ignored in: <obj repr>" and the traceback line. */
void MoErr_WriteUnraisable(MoObject *obj);

/* Stop the program with "Fatal Mo error: <msg>" on stderr. */
_Noreturn void Mo_FatalError(const char *msg);

#define MoExceptionInstance_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_BASE_EXC_SUBCLASS)
#define MoExceptionClass_Check(op) \
    (MoType_Check(op) && MoType_FastSubclass((MoTypeObject *)(op), MO_TPFLAGS_BASE_EXC_SUBCLASS))

#endif
