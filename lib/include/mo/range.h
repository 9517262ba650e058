/* range: lazy; four fields, whatever the length (48 bytes). */
#ifndef MO_RANGE_H
#define MO_RANGE_H

#include "object.h"

typedef struct {
    MoObject_HEAD
    MoObject *start;
    MoObject *stop;
    MoObject *step;
    MoObject *length;
} MoRangeObject;

extern MoTypeObject MoRange_Type, MoRangeIter_Type;
#define MoRange_Check(op) Mo_IS_TYPE((op), &MoRange_Type)

/* new: range(start, stop, step); ValueError "range() arg 3 must not be zero". */
MoObject *MoRange_New(long start, long stop, long step);

#endif
