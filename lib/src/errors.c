/* Exceptions: the exception types and the error indicator.
 *
 * Invariant: the indicator holds NULL or one exception instance (a new reference
 * owned by the indicator). A failing function sets it and returns NULL or -1; the
 * caller either handles it (MoErr_Clear, MoErr_GetRaisedException) or returns
 * failure in turn. Only MoErr_NoMemory never allocates: it raises a preallocated
 * MemoryError instance.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static MoObject *current_exception;

/* --------------------------------------------------------- the instances */

static int exc_traverse(MoObject *o, visitproc visit, void *arg)
{
    MoBaseExceptionObject *e = (MoBaseExceptionObject *)o;
    Mo_VISIT(e->dict);
    Mo_VISIT(e->args);
    return 0;
}

static int exc_clear(MoObject *o)
{
    MoBaseExceptionObject *e = (MoBaseExceptionObject *)o;
    Mo_CLEAR(e->dict);
    Mo_CLEAR(e->args);
    return 0;
}

static void exc_dealloc(MoObject *o)
{
    MoObject_GC_UnTrack(o);
    exc_clear(o);
    Mo_TYPE(o)->tp_free(o);
}

/* new: an instance of type with args (a tuple, borrowed). */
/* Through the type's tp_alloc, as BaseException.__new__ does: a class made by
   type() (class E(Exception)) gets what its instances need from it (a reference to
   the class, its dict and weakref slots zeroed); every kind comes back tracked. */
static MoObject *exc_create(MoTypeObject *type, MoObject *args)
{
    allocfunc alloc = type->tp_alloc != NULL ? type->tp_alloc : MoType_GenericAlloc;
    MoBaseExceptionObject *e = (MoBaseExceptionObject *)alloc(type, 0);
    if (e == NULL)
        return NULL;
    e->args = Mo_NewRef(args);
    return (MoObject *)e;
}

static MoObject *exc_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    (void)kwargs;
    if (args == NULL) {
        MoObject *empty = MoTuple_New(0);
        MoObject *e = exc_create(type, empty);
        Mo_DECREF(empty);
        return e;
    }
    return exc_create(type, args);
}

/* str(e): '' with no args, str(arg) with one, str(args) with several. */
static MoObject *exc_str(MoObject *o)
{
    MoObject *args = ((MoBaseExceptionObject *)o)->args;
    switch (MoTuple_GET_SIZE(args)) {
    case 0:
        return MoUnicode_FromString("");
    case 1:
        return MoObject_Str(MoTuple_GET_ITEM(args, 0));
    default:
        return MoObject_Str(args);
    }
}

/* KeyError shows its key as a repr: KeyError: 'a'. */
static MoObject *keyerror_str(MoObject *o)
{
    MoObject *args = ((MoBaseExceptionObject *)o)->args;
    if (MoTuple_GET_SIZE(args) == 1)
        return MoObject_Repr(MoTuple_GET_ITEM(args, 0));
    return exc_str(o);
}

static MoObject *exc_repr(MoObject *o)
{
    MoObject *args = ((MoBaseExceptionObject *)o)->args;
    const char *name = Mo_TYPE(o)->tp_name;
    if (MoTuple_GET_SIZE(args) == 1)
        return MoUnicode_FromFormat("%s(%R)", name, MoTuple_GET_ITEM(args, 0));
    if (MoTuple_GET_SIZE(args) == 0)
        return MoUnicode_FromFormat("%s()", name);
    return MoUnicode_FromFormat("%s%R", name, args);
}

static MoMemberDef exc_members[] = {
    { "args", MO_T_OBJECT, offsetof(MoBaseExceptionObject, args), MO_READONLY, NULL },
    { NULL, 0, 0, 0, NULL },
};

/* ------------------------------------------------------------- the types */

#define EXC_FLAGS (MO_TPFLAGS_BASETYPE | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASE_EXC_SUBCLASS)

#define EXC_TYPE(cname, pyname, base)                         \
    static MoTypeObject cname##_type = {                      \
        MoVarObject_HEAD_INIT(&MoType_Type, 0)                \
        .tp_name = pyname,                                    \
        .tp_basicsize = sizeof(MoBaseExceptionObject),        \
        .tp_flags = EXC_FLAGS,                                \
        .tp_base = base,                                      \
    };                                                        \
    MoObject *MoExc_##cname = (MoObject *)&cname##_type;

static MoTypeObject BaseException_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "BaseException",
    .tp_basicsize = sizeof(MoBaseExceptionObject),
    .tp_dealloc = exc_dealloc,
    .tp_repr = exc_repr,
    .tp_str = exc_str,
    .tp_flags = EXC_FLAGS,
    .tp_traverse = exc_traverse,
    .tp_clear = exc_clear,
    .tp_members = exc_members,
    .tp_new = exc_new,
};
MoObject *MoExc_BaseException = (MoObject *)&BaseException_type;

EXC_TYPE(Exception, "Exception", &BaseException_type)
EXC_TYPE(TypeError, "TypeError", &Exception_type)
EXC_TYPE(ValueError, "ValueError", &Exception_type)
EXC_TYPE(LookupError, "LookupError", &Exception_type)
EXC_TYPE(IndexError, "IndexError", &LookupError_type)
EXC_TYPE(AttributeError, "AttributeError", &Exception_type)
EXC_TYPE(MemoryError, "MemoryError", &Exception_type)
EXC_TYPE(ReferenceError, "ReferenceError", &Exception_type)
EXC_TYPE(RuntimeError, "RuntimeError", &Exception_type)
EXC_TYPE(RecursionError, "RecursionError", &RuntimeError_type)
EXC_TYPE(NotImplementedError, "NotImplementedError", &RuntimeError_type)
EXC_TYPE(ArithmeticError, "ArithmeticError", &Exception_type)
EXC_TYPE(ZeroDivisionError, "ZeroDivisionError", &ArithmeticError_type)
EXC_TYPE(OverflowError, "OverflowError", &ArithmeticError_type)
EXC_TYPE(StopIteration, "StopIteration", &Exception_type)
EXC_TYPE(SystemError, "SystemError", &Exception_type)
EXC_TYPE(UnicodeError, "UnicodeError", &ValueError_type)
EXC_TYPE(UnicodeDecodeError, "UnicodeDecodeError", &UnicodeError_type)
EXC_TYPE(ImportError, "ImportError", &Exception_type)
EXC_TYPE(ModuleNotFoundError, "ModuleNotFoundError", &ImportError_type)

static MoTypeObject KeyError_type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "KeyError",
    .tp_basicsize = sizeof(MoBaseExceptionObject),
    .tp_str = keyerror_str,
    .tp_flags = EXC_FLAGS,
    .tp_base = &LookupError_type,
};
MoObject *MoExc_KeyError = (MoObject *)&KeyError_type;

static MoTypeObject *const all_exception_types[] = {
    &BaseException_type, &Exception_type, &TypeError_type, &ValueError_type, &LookupError_type,
    &IndexError_type, &KeyError_type, &AttributeError_type, &MemoryError_type, &ReferenceError_type,
    &RuntimeError_type, &RecursionError_type, &NotImplementedError_type, &ArithmeticError_type,
    &ZeroDivisionError_type, &OverflowError_type, &StopIteration_type, &SystemError_type,
    &UnicodeError_type, &UnicodeDecodeError_type, &ImportError_type, &ModuleNotFoundError_type,
};

/* The MemoryError raised when memory has run out: made at start-up, so raising it
   needs no allocation. */
static MoObject *prealloc_memory_error;

int _MoErr_Init(void)
{
    for (size_t i = 0; i < sizeof all_exception_types / sizeof all_exception_types[0]; i++)
        if (MoType_Ready(all_exception_types[i]) < 0)
            return -1;
    if (prealloc_memory_error == NULL) {
        prealloc_memory_error = exc_new(&MemoryError_type, NULL, NULL);
        if (prealloc_memory_error == NULL)
            return -1;
    }
    return 0;
}

void _MoErr_Fini(void)
{
    Mo_CLEAR(current_exception);
    Mo_CLEAR(prealloc_memory_error);
}

/* -------------------------------------------------------- the indicator */

void MoErr_SetRaisedException(MoObject *exc)
{
    Mo_XSETREF(current_exception, exc);
}

MoObject *MoErr_GetRaisedException(void)
{
    MoObject *exc = current_exception;
    current_exception = NULL;
    return exc;
}

MoObject *MoErr_Occurred(void)
{
    return current_exception ? (MoObject *)Mo_TYPE(current_exception) : NULL;
}

void MoErr_Clear(void)
{
    Mo_CLEAR(current_exception);
}

/* Raise type(value): value NULL gives an exception without arguments, anything
   else is its one argument (so a tuple key gives KeyError((1, 2)), as CPython's
   _PyErr_SetKeyError). */
void MoErr_SetObject(MoObject *type, MoObject *value)
{
    if (!MoExceptionClass_Check(type)) {
        MoErr_Format(MoExc_SystemError, "exception %R is not a BaseException subclass", type);
        return;
    }
    if (value != NULL && MoObject_TypeCheck(value, (MoTypeObject *)type)) {
        MoErr_SetRaisedException(Mo_NewRef(value));
        return;
    }
    MoObject *args;
    if (value == NULL || value == Mo_None)
        args = MoTuple_New(0);
    else if (MoTuple_Check(value))
        args = Mo_NewRef(value);
    else
        args = MoTuple_Pack(1, value);
    if (args == NULL)
        return;
    MoObject *exc = exc_create((MoTypeObject *)type, args);
    Mo_DECREF(args);
    if (exc != NULL)
        MoErr_SetRaisedException(exc);
}

void _MoErr_SetKeyError(MoObject *key)
{
    MoObject *args = MoTuple_Pack(1, key);
    if (args == NULL)
        return;
    MoErr_SetObject(MoExc_KeyError, args);
    Mo_DECREF(args);
}

void MoErr_SetNone(MoObject *type)
{
    MoErr_SetObject(type, NULL);
}

void MoErr_SetString(MoObject *type, const char *msg)
{
    MoObject *s = MoUnicode_FromString(msg);
    if (s == NULL)
        return;
    MoErr_SetObject(type, s);
    Mo_DECREF(s);
}

void MoErr_Format(MoObject *type, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    MoObject *s = MoUnicode_FromFormatV(fmt, va);
    va_end(va);
    if (s == NULL)
        return;
    MoErr_SetObject(type, s);
    Mo_DECREF(s);
}

MoObject *MoErr_NoMemory(void)
{
    if (prealloc_memory_error == NULL)
        Mo_FatalError("out of memory before the runtime was initialized");
    MoErr_SetRaisedException(Mo_NewRef(prealloc_memory_error));
    return NULL;
}

int _MoErr_BadInternalCall(const char *file, int line)
{
    MoErr_Format(MoExc_SystemError, "%s:%d: bad argument to internal function", file, line);
    return 0;
}

int MoErr_GivenExceptionMatches(MoObject *exc, MoObject *type)
{
    if (exc == NULL || type == NULL)
        return 0;
    if (MoExceptionInstance_Check(exc))
        exc = (MoObject *)Mo_TYPE(exc);
    if (!MoType_Check(exc) || !MoType_Check(type))
        return exc == type;
    return MoType_IsSubtype((MoTypeObject *)exc, (MoTypeObject *)type);
}

int MoErr_ExceptionMatches(MoObject *type)
{
    return MoErr_GivenExceptionMatches(MoErr_Occurred(), type);
}

/* "TypeError: message" (or just the type's name when there is no message). */
static void print_exception(FILE *out, MoObject *exc)
{
    MoObject *msg = MoObject_Str(exc);
    const char *text = msg ? MoUnicode_AsUTF8(msg) : NULL;
    if (text != NULL && text[0] != '\0')
        fprintf(out, "%s: %s\n", Mo_TYPE(exc)->tp_name, text);
    else
        fprintf(out, "%s\n", Mo_TYPE(exc)->tp_name);
    Mo_XDECREF(msg);
    if (msg == NULL)
        MoErr_Clear();
}

void MoErr_Print(void)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL)
        return;
    fflush(stdout);
    print_exception(stderr, exc);
    Mo_DECREF(exc);
}

void MoErr_WriteUnraisable(MoObject *obj)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL)
        return;
    fflush(stdout);
    if (obj != NULL) {
        MoObject *r = MoObject_Repr(obj);
        fprintf(stderr, "Exception ignored in: %s\n", r ? MoUnicode_AsUTF8(r) : "<object repr() failed>");
        Mo_XDECREF(r);
        if (r == NULL)
            MoErr_Clear();
    }
    print_exception(stderr, exc);
    Mo_DECREF(exc);
}

_Noreturn void Mo_FatalError(const char *msg)
{
    fflush(stdout);
    fprintf(stderr, "Fatal Mo error: %s\n", msg);
    fflush(stderr);
    abort();
}
