/* CPython's structmember.h under its own name, so that extension code that
 * includes it compiles unchanged after the Py -> Mo renaming: the member types
 * (T_INT, T_OBJECT_EX, ...) and flags (READONLY) of a MoMemberDef table, with
 * CPython's values, and PyMember_GetOne/SetOne. The runtime reads every type
 * (lib/src/structmember.c says how each converts).
 */
#ifndef MO_STRUCTMEMBER_H
#define MO_STRUCTMEMBER_H

#include "mo.h"

#define T_SHORT MO_T_SHORT
#define T_INT MO_T_INT
#define T_LONG MO_T_LONG
#define T_FLOAT MO_T_FLOAT
#define T_DOUBLE MO_T_DOUBLE
#define T_STRING MO_T_STRING
#define T_OBJECT MO_T_OBJECT
#define T_CHAR MO_T_CHAR
#define T_BYTE MO_T_BYTE
#define T_UBYTE MO_T_UBYTE
#define T_USHORT MO_T_USHORT
#define T_UINT MO_T_UINT
#define T_ULONG MO_T_ULONG
#define T_STRING_INPLACE MO_T_STRING_INPLACE
#define T_BOOL MO_T_BOOL
#define T_OBJECT_EX MO_T_OBJECT_EX
#define T_LONGLONG MO_T_LONGLONG
#define T_ULONGLONG MO_T_ULONGLONG
#define T_PYSSIZET MO_T_PYSSIZET
#define T_NONE MO_T_NONE
#define READONLY MO_READONLY

#endif
