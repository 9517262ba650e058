/* complex: two C doubles in a 32-byte object (header 16 + real 8 + imag 8), as 3.11. */
#ifndef MO_COMPLEX_H
#define MO_COMPLEX_H

#include "object.h"

/* A complex number as C sees it, as CPython's Py_complex. */
typedef struct {
    double real;
    double imag;
} Mo_complex;

typedef struct {
    MoObject_HEAD
    Mo_complex cval;
} MoComplexObject;

extern MoTypeObject MoComplex_Type;
#define MoComplex_Check(op) MoObject_TypeCheck((MoObject *)(op), &MoComplex_Type)
#define MoComplex_CheckExact(op) Mo_IS_TYPE((op), &MoComplex_Type)

MoObject *MoComplex_FromCComplex(Mo_complex c);           /* new; NULL with MemoryError */
MoObject *MoComplex_FromDoubles(double real, double imag); /* new; NULL with MemoryError */
/* The real part; for a non-complex, its value as MoFloat_AsDouble gives it
   (-1.0 with an exception when it has none). */
double MoComplex_RealAsDouble(MoObject *op);
/* The imaginary part; 0.0 for a non-complex, as 3.11. */
double MoComplex_ImagAsDouble(MoObject *op);

#endif
