/* Members: one field of an instance, at the offset and of the C type a MoMemberDef
 * names, read as an object and written from one. This is all a member descriptor
 * does (cfunction.c), and all a __slots__ attribute is (class.c lays the fields
 * out); CPython's Python/structmember.c, PyMember_GetOne and PyMember_SetOne, in
 * 3.11.
 *
 * The conversions are CPython 3.11's, quirks included, because a program sees them:
 *  - the small integer fields (T_BYTE, T_UBYTE, T_SHORT, T_USHORT, T_INT, T_UINT)
 *    take any int that fits a C long and store what C's conversion makes of it:
 *    300 in a T_UBYTE field is stored as 44. CPython only warns (RuntimeWarning
 *    "Truncation of value to unsigned char"), "for compatibility";
 *  - T_UINT and T_ULONG also take negative values (warning "Writing negative value
 *    into unsigned field"), and objects with __index__ by the same path, with the
 *    same warning;
 *  - T_LONG, T_ULONG, T_PYSSIZET, T_DOUBLE, T_LONGLONG and T_ULONGLONG write the
 *    field before they check the conversion: a failed set leaves -1 in the field;
 *  - T_BOOL takes True or False only; T_CHAR a str of one UTF-8 byte; T_STRING is
 *    never writable ("readonly attribute", a TypeError); T_NONE reads None and
 *    writes nothing.
 *
 * The warnings: the runtime has no warnings module, so nothing can turn one into an
 * error or silence it. A warning is written to stderr as CPython's default filter
 * shows it ("RuntimeWarning: Truncation of value to short"), without the file and
 * line (there is no Python frame), at every occurrence (CPython shows the first
 * per place in the code), and the set succeeds, as it does in CPython.
 *
 * Invariant: an object field (T_OBJECT, T_OBJECT_EX) owns the reference it holds,
 * or is NULL; a set stores the new reference before it releases the old one, so
 * that whatever the old value's release runs finds the field holding a live object.
 */
#include <limits.h>
#include <stdio.h>
#include "internal.h"

/* ------------------------------------------------------------------ reading */

/* region member_get_one */
MoObject *MoMember_GetOne(const char *obj_addr, MoMemberDef *m)
{
    const char *addr = obj_addr + m->offset;
    switch (m->type) {
    case MO_T_BOOL:
        return MoBool_FromLong(*(const char *)addr);
    case MO_T_BYTE:
        return MoLong_FromLong(*(const char *)addr);
    case MO_T_UBYTE:
        return MoLong_FromLong(*(const unsigned char *)addr);
    case MO_T_SHORT:
        return MoLong_FromLong(*(const short *)addr);
    case MO_T_USHORT:
        return MoLong_FromLong(*(const unsigned short *)addr);
    case MO_T_INT:
        return MoLong_FromLong(*(const int *)addr);
    case MO_T_UINT:
        return MoLong_FromUnsignedLong(*(const unsigned int *)addr);
    case MO_T_LONG:
        return MoLong_FromLong(*(const long *)addr);
    case MO_T_ULONG:
        return MoLong_FromUnsignedLong(*(const unsigned long *)addr);
    case MO_T_PYSSIZET:
        return MoLong_FromSsize_t(*(const Mo_ssize_t *)addr);
    case MO_T_LONGLONG:
        return MoLong_FromLongLong(*(const long long *)addr);
    case MO_T_ULONGLONG:
        return MoLong_FromUnsignedLongLong(*(const unsigned long long *)addr);
    case MO_T_FLOAT:
        return MoFloat_FromDouble(*(const float *)addr);
    case MO_T_DOUBLE:
        return MoFloat_FromDouble(*(const double *)addr);
    case MO_T_CHAR:
        return MoUnicode_FromStringAndSize(addr, 1);
    case MO_T_STRING_INPLACE:
        return MoUnicode_FromString(addr);
    case MO_T_STRING: {
        const char *s = *(const char *const *)addr;
        return s != NULL ? MoUnicode_FromString(s) : Mo_NewRef(Mo_None);
    }
    case MO_T_NONE:
        return Mo_NewRef(Mo_None);
    case MO_T_OBJECT: {
        MoObject *v = *(MoObject *const *)addr;
        return Mo_NewRef(v != NULL ? v : Mo_None);
    }
    case MO_T_OBJECT_EX: {
        MoObject *v = *(MoObject *const *)addr;
        if (v == NULL) {
            MoErr_Format(MoExc_AttributeError, "'%s' object has no attribute '%s'",
                         Mo_TYPE((MoObject *)obj_addr)->tp_name, m->name);
            return NULL;
        }
        return Mo_NewRef(v);
    }
    default:
        MoErr_SetString(MoExc_SystemError, "bad memberdescr type");
        return NULL;
    }
}
/* endregion member_get_one */

/* ------------------------------------------------------------------ writing */

/* What CPython warns about and still does (see the top of the file). */
static void member_warn(const char *message)
{
    fprintf(stderr, "RuntimeWarning: %s\n", message);
}

/* region member_set_small_int */
/* T_BYTE, T_UBYTE, T_SHORT, T_USHORT, T_INT: the value as a C long (an object with
   __index__ converts), stored as C converts it to the field's type; outside the
   type's range that truncates, and CPython only warns. */
static int set_small_int(char *addr, int type, MoObject *v)
{
    long x = MoLong_AsLong(v);
    if (x == -1 && MoErr_Occurred())
        return -1;
    long lo = 0, hi;
    const char *warning;
    switch (type) {
    case MO_T_BYTE:
        *(char *)addr = (char)x;
        lo = CHAR_MIN, hi = CHAR_MAX, warning = "Truncation of value to char";
        break;
    case MO_T_UBYTE:
        *(unsigned char *)addr = (unsigned char)x;
        hi = UCHAR_MAX, warning = "Truncation of value to unsigned char";
        break;
    case MO_T_SHORT:
        *(short *)addr = (short)x;
        lo = SHRT_MIN, hi = SHRT_MAX, warning = "Truncation of value to short";
        break;
    case MO_T_USHORT:
        *(unsigned short *)addr = (unsigned short)x;
        hi = USHRT_MAX, warning = "Truncation of value to unsigned short";
        break;
    default:   /* T_INT */
        *(int *)addr = (int)x;
        lo = INT_MIN, hi = INT_MAX, warning = "Truncation of value to int";
        break;
    }
    if (x < lo || x > hi)
        member_warn(warning);
    return 0;
}
/* endregion member_set_small_int */

/* The value of an int in [0, ULONG_MAX]; any other int that fits a C long, or an
   object with __index__, is taken as a C long and converted, with CPython's warning
   (which calls it negative in both cases). (unsigned long)-1 with an exception. */
static unsigned long as_unsigned_long(MoObject *v)
{
    unsigned long x = MoLong_AsUnsignedLong(v);
    if (x != (unsigned long)-1 || !MoErr_Occurred())
        return x;
    MoErr_Clear();
    x = (unsigned long)MoLong_AsLong(v);
    if (x == (unsigned long)-1 && MoErr_Occurred())
        return x;
    member_warn("Writing negative value into unsigned field");
    return x;
}

static int set_uint(char *addr, MoObject *v)
{
    unsigned long x = as_unsigned_long(v);
    if (x == (unsigned long)-1 && MoErr_Occurred())
        return -1;
    *(unsigned int *)addr = (unsigned int)x;
    if (x > UINT_MAX)
        member_warn("Truncation of value to unsigned int");
    return 0;
}

/* region member_set_word */
/* The 8-byte integer fields. CPython 3.11 stores the conversion's result before
   it checks for an error, so a failed set leaves -1 in the field: kept, since a
   program can see it. */
static int set_word(char *addr, int type, MoObject *v)
{
    switch (type) {
    case MO_T_LONG:
        *(long *)addr = MoLong_AsLong(v);
        return *(long *)addr == -1 && MoErr_Occurred() ? -1 : 0;
    case MO_T_ULONG:
        *(unsigned long *)addr = as_unsigned_long(v);
        return *(unsigned long *)addr == (unsigned long)-1 && MoErr_Occurred() ? -1 : 0;
    case MO_T_PYSSIZET:
        *(Mo_ssize_t *)addr = MoLong_AsSsize_t(v);
        return *(Mo_ssize_t *)addr == -1 && MoErr_Occurred() ? -1 : 0;
    case MO_T_LONGLONG:
        *(long long *)addr = MoLong_AsLongLong(v);
        return *(long long *)addr == -1 && MoErr_Occurred() ? -1 : 0;
    default:   /* T_ULONGLONG: an int as unsigned; another object through __index__, as a C long */
        *(unsigned long long *)addr = MoLong_Check(v) ? MoLong_AsUnsignedLongLong(v)
                                                      : (unsigned long long)MoLong_AsLong(v);
        return *(unsigned long long *)addr == (unsigned long long)-1 && MoErr_Occurred() ? -1 : 0;
    }
}
/* endregion member_set_word */

static int set_float(char *addr, int type, MoObject *v)
{
    double x = MoFloat_AsDouble(v);
    if (type == MO_T_DOUBLE)
        *(double *)addr = x;         /* before the check, as CPython: -1.0 on error */
    if (x == -1.0 && MoErr_Occurred())
        return -1;
    if (type == MO_T_FLOAT)
        *(float *)addr = (float)x;   /* rounded to the nearest float; inf when too big */
    return 0;
}

static int set_bool(char *addr, MoObject *v)
{
    if (!MoBool_Check(v)) {
        MoErr_SetString(MoExc_TypeError, "attribute value type must be bool");
        return -1;
    }
    *(char *)addr = v == Mo_True;
    return 0;
}

/* A str whose UTF-8 is one byte: an ASCII character. */
static int set_char(char *addr, MoObject *v)
{
    Mo_ssize_t len = 0;
    const char *s = MoUnicode_Check(v) ? MoUnicode_AsUTF8AndSize(v, &len) : NULL;
    if (s == NULL || len != 1) {
        MoErr_Clear();
        MoErr_SetString(MoExc_TypeError, "bad argument type for built-in operation");
        return -1;
    }
    *addr = s[0];
    return 0;
}

/* region member_set_object */
/* The field takes a reference of its own to v (NULL: the field is emptied) and
   then releases the one it held. */
static int set_object(char *addr, MoObject *v)
{
    MoObject *old = *(MoObject **)addr;
    *(MoObject **)addr = Mo_XNewRef(v);
    Mo_XDECREF(old);
    return 0;
}
/* endregion member_set_object */

/* region member_delete */
/* Deleting (v NULL) empties an object field; an empty T_OBJECT_EX field is already
   "not there" (AttributeError with just the name, as CPython says it); any other
   field cannot be empty. */
static int delete_one(char *addr, MoMemberDef *m)
{
    if (m->type == MO_T_OBJECT_EX && *(MoObject **)addr == NULL) {
        MoErr_SetString(MoExc_AttributeError, m->name);
        return -1;
    }
    if (m->type != MO_T_OBJECT && m->type != MO_T_OBJECT_EX) {
        MoErr_SetString(MoExc_TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    return set_object(addr, NULL);
}
/* endregion member_delete */

/* region member_set_one */
int MoMember_SetOne(char *obj_addr, MoMemberDef *m, MoObject *v)
{
    char *addr = obj_addr + m->offset;
    if (m->flags & MO_READONLY) {
        MoErr_SetString(MoExc_AttributeError, "readonly attribute");
        return -1;
    }
    if (v == NULL)
        return delete_one(addr, m);
    switch (m->type) {
    case MO_T_OBJECT: case MO_T_OBJECT_EX:
        return set_object(addr, v);
    case MO_T_BYTE: case MO_T_UBYTE:
    case MO_T_SHORT: case MO_T_USHORT:
    case MO_T_INT:
        return set_small_int(addr, m->type, v);
    case MO_T_UINT:
        return set_uint(addr, v);
    case MO_T_LONG: case MO_T_ULONG:
    case MO_T_LONGLONG: case MO_T_ULONGLONG:
    case MO_T_PYSSIZET:
        return set_word(addr, m->type, v);
    case MO_T_FLOAT: case MO_T_DOUBLE:
        return set_float(addr, m->type, v);
    case MO_T_BOOL:
        return set_bool(addr, v);
    case MO_T_CHAR:
        return set_char(addr, v);
    case MO_T_STRING: case MO_T_STRING_INPLACE:
        MoErr_SetString(MoExc_TypeError, "readonly attribute");
        return -1;
    default:   /* T_NONE too: it has nothing to write */
        MoErr_Format(MoExc_SystemError, "bad memberdescr type for %s", m->name);
        return -1;
    }
}
/* endregion member_set_one */
