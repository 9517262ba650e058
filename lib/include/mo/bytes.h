/* bytes: an immutable byte string, 33 + n bytes, NUL-terminated. */
#ifndef MO_BYTES_H
#define MO_BYTES_H

#include "object.h"

typedef struct {
    MoObject_VAR_HEAD
    Mo_hash_t ob_shash;      /* -1 until computed */
    char ob_sval[1];         /* ob_size bytes and a NUL */
} MoBytesObject;

extern MoTypeObject MoBytes_Type;
#define MoBytes_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_BYTES_SUBCLASS)
#define MoBytes_CheckExact(op) Mo_IS_TYPE((op), &MoBytes_Type)
#define MoBytes_AS_STRING(op) (((MoBytesObject *)(op))->ob_sval)
#define MoBytes_GET_SIZE(op) Mo_SIZE(op)

/* new: b'' and one-byte strings are shared singletons, as in 3.11. s may be NULL
   (the contents are left for the caller to fill; then no singleton is used). */
MoObject *MoBytes_FromStringAndSize(const char *s, Mo_ssize_t n);
MoObject *MoBytes_FromString(const char *s);
char *MoBytes_AsString(MoObject *o);      /* borrowed buffer; NULL + TypeError for non-bytes */
Mo_ssize_t MoBytes_Size(MoObject *o);

#endif
