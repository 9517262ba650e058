/* float: a C double in a 24-byte object. */
#ifndef MO_FLOAT_H
#define MO_FLOAT_H

#include "object.h"

typedef struct {
    MoObject_HEAD
    double ob_fval;
} MoFloatObject;

extern MoTypeObject MoFloat_Type;
#define MoFloat_Check(op) MoObject_TypeCheck((MoObject *)(op), &MoFloat_Type)
#define MoFloat_CheckExact(op) Mo_IS_TYPE((op), &MoFloat_Type)

MoObject *MoFloat_FromDouble(double v);   /* new (often a recycled object from the free list); NULL with MemoryError */
/* The value; ints convert; -1.0 with TypeError "must be real number, not str". */
double MoFloat_AsDouble(MoObject *o);

/* Internal: how many released floats wait on the free list (at most 100). */
int _MoFloat_FreeListSize(void);

#endif
