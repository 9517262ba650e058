/* str: PEP 393 compact strings, laid out as in 3.11.
 *
 * A string is one allocation: a header and then the characters, one NUL-terminated
 * array whose width (1, 2 or 4 bytes) is the smallest that holds its largest
 * character. Pure-ASCII strings use the 48-byte MoASCIIObject header; others the
 * 72-byte MoCompactUnicodeObject header, whose utf8 field caches the UTF-8 form once
 * MoUnicode_AsUTF8 has been asked for it. The hash is computed once and cached.
 * Instances of a subclass of str use the legacy layout MoUnicodeObject instead.
 */
#ifndef MO_UNICODE_H
#define MO_UNICODE_H

#include <stdarg.h>
#include "object.h"

typedef uint8_t Mo_UCS1;
typedef uint16_t Mo_UCS2;
typedef uint32_t Mo_UCS4;

enum { MoUnicode_1BYTE_KIND = 1, MoUnicode_2BYTE_KIND = 2, MoUnicode_4BYTE_KIND = 4 };
#define SSTATE_NOT_INTERNED 0
#define SSTATE_INTERNED_MORTAL 1

typedef struct {
    MoObject_HEAD
    Mo_ssize_t length;       /* number of code points */
    Mo_hash_t hash;          /* -1 until computed */
    struct {
        unsigned int interned : 2;
        unsigned int kind : 3;
        unsigned int compact : 1;
        unsigned int ascii : 1;
        unsigned int ready : 1;
        unsigned int : 24;
    } state;
    void *wstr;              /* 3.11's legacy wchar_t cache: always NULL here, kept for the layout */
} MoASCIIObject;

typedef struct {
    MoASCIIObject _base;
    Mo_ssize_t utf8_length;  /* bytes in utf8, without the NUL */
    char *utf8;              /* UTF-8 copy, made on demand (NULL until then) */
    Mo_ssize_t wstr_length;
} MoCompactUnicodeObject;

/* The legacy two-block layout (3.11's PyUnicodeObject, str.__basicsize__ 80): the
   compact header, then a pointer to the characters in a block of their own. Only
   instances of subclasses of str have it, as in 3.11's unicode_subtype_new
   (state.compact is 0 for them). */
typedef struct {
    MoCompactUnicodeObject _base;
    union {
        void *any;
        Mo_UCS1 *latin1;
        Mo_UCS2 *ucs2;
        Mo_UCS4 *ucs4;
    } data;
} MoUnicodeObject;

extern MoTypeObject MoUnicode_Type;
#define MoUnicode_Check(op) MoType_FastSubclass(Mo_TYPE(op), MO_TPFLAGS_UNICODE_SUBCLASS)
#define MoUnicode_CheckExact(op) Mo_IS_TYPE((op), &MoUnicode_Type)

/* Inline accessors for a str's characters. */
#define MoUnicode_IS_ASCII(op) (((MoASCIIObject *)(op))->state.ascii)
#define MoUnicode_KIND(op) (((MoASCIIObject *)(op))->state.kind)
#define MoUnicode_GET_LENGTH(op) (((MoASCIIObject *)(op))->length)
#define MoUnicode_IS_COMPACT(op) (((MoASCIIObject *)(op))->state.compact)
#define MoUnicode_DATA(op)                                                          \
    (!MoUnicode_IS_COMPACT(op) ? ((MoUnicodeObject *)(op))->data.any                \
     : MoUnicode_IS_ASCII(op)  ? (void *)((MoASCIIObject *)(op) + 1)                \
                               : (void *)((MoCompactUnicodeObject *)(op) + 1))
static inline Mo_UCS4 MoUnicode_READ(int kind, const void *data, Mo_ssize_t i)
{
    if (kind == MoUnicode_1BYTE_KIND) return ((const Mo_UCS1 *)data)[i];
    if (kind == MoUnicode_2BYTE_KIND) return ((const Mo_UCS2 *)data)[i];
    return ((const Mo_UCS4 *)data)[i];
}

/* new: a run-time string decoded from UTF-8; never interned (but the empty string
   and one-character latin-1 strings are shared singletons, as in 3.11).
   UnicodeDecodeError for invalid UTF-8. */
MoObject *MoUnicode_FromString(const char *utf8);
MoObject *MoUnicode_FromStringAndSize(const char *utf8, Mo_ssize_t size);
/* new: a code constant: interned when every character is an ASCII letter, digit or
   underscore, as CPython's compiler interns string constants. */
MoObject *MoUnicode_FromConstant(const char *utf8);
/* new: interned unconditionally. */
MoObject *MoUnicode_InternFromString(const char *utf8);
/* Replace *p by the interned string equal to it (interning *p if none). Releases
   the old reference, and takes a new one, when it swaps. Errors are cleared. */
void MoUnicode_InternInPlace(MoObject **p);
/* new: a string of the given characters (kind chosen from the maximum). */
MoObject *MoUnicode_FromKindAndData(int kind, const void *data, Mo_ssize_t size);
/* new: an uninitialised string able to hold size characters up to maxchar. */
MoObject *MoUnicode_New(Mo_ssize_t size, Mo_UCS4 maxchar);
/* new: printf-like; besides C's conversions %S (str of object), %R (repr), %U (a str),
   %V unused, %zd, %zu, %p (0x-prefixed hex as CPython's %p), %c (a code point). */
MoObject *MoUnicode_FromFormat(const char *fmt, ...);
MoObject *MoUnicode_FromFormatV(const char *fmt, va_list va);
/* Borrowed buffer, valid while s lives: its UTF-8 form (cached in the object for
   non-ASCII strings, which grows its getsizeof as in 3.11). NULL + TypeError
   "bad argument type for built-in operation" for a non-str. */
const char *MoUnicode_AsUTF8(MoObject *s);
const char *MoUnicode_AsUTF8AndSize(MoObject *s, Mo_ssize_t *size);
/* new: a bytes object holding s's UTF-8 form, as s.encode() (nothing is cached in
   s, so its getsizeof does not change: what print() should use). NULL + TypeError
   for a non-str, ValueError for a lone surrogate. */
MoObject *MoUnicode_AsUTF8String(MoObject *s);
Mo_ssize_t MoUnicode_GetLength(MoObject *s);
Mo_UCS4 MoUnicode_ReadChar(MoObject *s, Mo_ssize_t i);
/* new: a + b. TypeError 'can only concatenate str (not "int") to str'. */
MoObject *MoUnicode_Concat(MoObject *a, MoObject *b);
/* *pleft += right: resized in place when *pleft's count is one (and it is not
   interned and its hash is not yet computed), as 3.11's PyUnicode_Append; otherwise
   *pleft is replaced by a new string. On error *pleft is released and set to NULL. */
void MoUnicode_Append(MoObject **pleft, MoObject *right);
/* Like MoUnicode_Append, and releases right. */
void MoUnicode_AppendAndDel(MoObject **pleft, MoObject *right);
/* new: sep.join(iterable). TypeError "sequence item 0: expected str instance, int found". */
MoObject *MoUnicode_Join(MoObject *sep, MoObject *iterable);
/* 1 if s equals the ASCII C string. */
int _MoUnicode_EqualToASCIIString(MoObject *s, const char *ascii);
int _MoUnicode_Equal(MoObject *a, MoObject *b);
/* -1, 0, 1 like strcmp, on code points. */
int MoUnicode_Compare(MoObject *a, MoObject *b);
/* new: the repr of s with quotes chosen as Python chooses them. */
MoObject *_MoUnicode_Repr(MoObject *s);
/* The number of strings in the intern table. */
Mo_ssize_t _MoUnicode_InternedSize(void);
/* The empty string singleton (borrowed). */
MoObject *_MoUnicode_Empty(void);
/* new: sys.intern(s): the interned string equal to s (s itself, now interned, if
   there was none). TypeError "intern() argument must be str, not bytes" for a
   non-str, "can't intern S" for an instance of a str subclass. */
MoObject *_MoUnicode_Intern(MoObject *s);
/* What code-object creation does to a str constant (3.11's intern_string_constants):
   intern *p in place when it is an exact str made only of ASCII letters, digits and
   underscores; otherwise leave it. Cannot fail (a failure leaves *p uninterned). */
void _MoUnicode_InternConstant(MoObject **p);
/* Lifecycle: free the intern table's storage and the cached UTF-8 copies of the
   static singletons at Mo_Finalize (the strings in the table are not owned by it). */
void _MoUnicode_Fini(void);

/* ---- Shared by the runtime's str files (unicode.c, intern.c, unicode_writer.c). */

/* new: decode UTF-8 leniently: an invalid sequence becomes U+FFFD (as the
   "replace" error handler) and encoded lone surrogates are kept (as
   "surrogatepass"), so that whatever the writer collected becomes a str. */
MoObject *_MoUnicode_FromUTF8Lenient(const char *s, Mo_ssize_t size);
/* Encode one code point as UTF-8 into out (room for 4 bytes); returns the byte
   count. Lone surrogates take 3 bytes (surrogatepass). Cannot fail. */
int _MoUnicode_EncodeCharUTF8(Mo_UCS4 ch, char *out);
/* Called by str's dealloc for an interned string: drop it from the table. */
void _MoUnicode_InternForget(MoObject *s);
/* Forget every member (clearing their interned state) and free the table. */
void _MoUnicode_InternFini(void);

#endif
