/* CPython's structmember.h under its own name, so that extension code that
 * includes it compiles unchanged after the Py -> Mo renaming: the member types
 * (T_INT, T_OBJECT_EX, ...) and flags (READONLY) of a MoMemberDef table, with
 * CPython's values. The runtime reads T_INT, T_LONG, T_DOUBLE, T_PYSSIZET, T_OBJECT and
 * T_OBJECT_EX (cfunction.c's member descriptors).
 */
#ifndef MO_STRUCTMEMBER_H
#define MO_STRUCTMEMBER_H

#include "mo.h"

#define T_INT MO_T_INT
#define T_LONG MO_T_LONG
#define T_DOUBLE MO_T_DOUBLE
#define T_OBJECT MO_T_OBJECT
#define T_OBJECT_EX MO_T_OBJECT_EX
#define T_PYSSIZET MO_T_PYSSIZET
#define READONLY MO_READONLY

#endif
