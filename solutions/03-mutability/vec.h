/* Lab 03, part B: Vec, a mutable vector of floats, written as a CPython extension
 * type. Its in-place operations (v += w, v *= k, Vec_Append) change the object
 * itself and keep its identity, as list's do; the plain ones (v + w, v * k) make
 * a new vector. Because its value can change, it refuses to be hashed, with
 * CPython's message ("unhashable type: 'lab03.Vec'"), as list does.
 *
 * The invariant: values[0 .. size-1] are the components; `allocated` >= size is
 * the room in `values` (a MoMem block owned by the vector, NULL when empty).
 *
 * Failure: functions returning MoObject * return NULL, those returning int -1,
 * with an exception set.
 */
#ifndef LAB03_VEC_H
#define LAB03_VEC_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    Mo_ssize_t size;        /* how many components */
    Mo_ssize_t allocated;   /* room in values */
    double *values;         /* owned (MoMem_Malloc), or NULL when allocated is 0 */
} VecObject;

/* The type: "lab03.Vec". */
extern MoTypeObject Vec_Type;
#define Vec_Check(op) Mo_IS_TYPE((op), &Vec_Type)

/* Ready Vec_Type (call after Mo_Initialize). 0, or -1 with an exception set. */
int Vec_Ready(void);

/* new: a vector of the n components values[0 .. n-1] (values may be NULL when n
   is 0). NULL with MemoryError. */
MoObject *Vec_New(Mo_ssize_t n, const double *values);

/* Append one component in place: the same object, one longer. 0, or -1 with
   MemoryError (the vector unchanged) or SystemError for a non-Vec. */
int Vec_Append(MoObject *vec, double value);

/* Through the number protocol (MoNumber_Add, MoNumber_InPlaceAdd, ...), as Python's
   operators reach them:
     v + w    new vector, v and w unchanged
     v += w   v changed in place; the result is v itself (a new reference to it)
     v * k    new vector, each component times the number k (int or float)
     v *= k   v changed in place; the result is v itself
   Vectors of different lengths: ValueError "vectors of different lengths (3 and 2)".
   An operand of another type: NotImplemented, so that the operator raises
   CPython's TypeError ("unsupported operand type(s) for +: ..."). */

#endif /* LAB03_VEC_H */
