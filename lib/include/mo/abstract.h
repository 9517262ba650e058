/* The abstract protocols: number and sequence operations dispatched through a
 * type's slots, with CPython's fallbacks and error messages. */
#ifndef MO_ABSTRACT_H
#define MO_ABSTRACT_H

#include <stdarg.h>
#include "object.h"

/* new; TypeError "unsupported operand type(s) for +: 'int' and 'str'". */
MoObject *MoNumber_Add(MoObject *a, MoObject *b);
MoObject *MoNumber_Subtract(MoObject *a, MoObject *b);
MoObject *MoNumber_Multiply(MoObject *a, MoObject *b);
MoObject *MoNumber_TrueDivide(MoObject *a, MoObject *b);
MoObject *MoNumber_FloorDivide(MoObject *a, MoObject *b);
MoObject *MoNumber_Remainder(MoObject *a, MoObject *b);
/* a ** b (a negative int exponent gives a float, as in Python). */
MoObject *MoNumber_Power(MoObject *a, MoObject *b);
MoObject *MoNumber_Negative(MoObject *a);
MoObject *MoNumber_InPlaceAdd(MoObject *a, MoObject *b);
/* new: the rest of the operators, through the same slots and fallbacks (the
   right operand's reflected method; a op= b tries the in-place slot first) and
   with 3.11's messages ("unsupported operand type(s) for -=: ...",
   "bad operand type for unary ~: 'str'"). */
MoObject *MoNumber_Divmod(MoObject *a, MoObject *b);
MoObject *MoNumber_Lshift(MoObject *a, MoObject *b);
MoObject *MoNumber_Rshift(MoObject *a, MoObject *b);
MoObject *MoNumber_And(MoObject *a, MoObject *b);
MoObject *MoNumber_Xor(MoObject *a, MoObject *b);
MoObject *MoNumber_Or(MoObject *a, MoObject *b);
MoObject *MoNumber_Positive(MoObject *a);
MoObject *MoNumber_Invert(MoObject *a);
MoObject *MoNumber_Absolute(MoObject *a);
MoObject *MoNumber_InPlaceSubtract(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceMultiply(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceTrueDivide(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceFloorDivide(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceRemainder(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceLshift(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceRshift(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceAnd(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceXor(MoObject *a, MoObject *b);
MoObject *MoNumber_InPlaceOr(MoObject *a, MoObject *b);
/* new: an iterator over o[0], o[1], ... until IndexError or StopIteration (what
   iter() gives for an object with __getitem__ but no __iter__). */
MoObject *MoSeqIter_New(MoObject *o);
extern MoTypeObject MoSeqIter_Type;
/* new: int(o) / float(o) for numbers. */
MoObject *MoNumber_Long(MoObject *o);
MoObject *MoNumber_Float(MoObject *o);
/* 1 if o supports the number protocol. */
int MoNumber_Check(MoObject *o);

/* new: seq * n; for lists and tuples the items are shared, not copied. */
MoObject *MoSequence_Repeat(MoObject *seq, Mo_ssize_t n);
/* new: a + b for sequences. */
MoObject *MoSequence_Concat(MoObject *a, MoObject *b);
/* new: a += b: the same object for lists (mutated), a new one for immutables. */
MoObject *MoSequence_InPlaceConcat(MoObject *a, MoObject *b);
/* new: a *= n */
MoObject *MoSequence_InPlaceRepeat(MoObject *a, Mo_ssize_t n);
MoObject *MoSequence_GetItem(MoObject *s, Mo_ssize_t i);   /* new */
int MoSequence_SetItem(MoObject *s, Mo_ssize_t i, MoObject *v);
int MoSequence_DelItem(MoObject *s, Mo_ssize_t i);
int MoSequence_Contains(MoObject *s, MoObject *v);          /* 1, 0, -1 */
Mo_ssize_t MoSequence_Size(MoObject *s);
MoObject *MoSequence_Tuple(MoObject *iterable);             /* new: tuple(iterable) */
int MoSequence_Check(MoObject *o);
/* An estimate of len(o) for preallocation, or defaultvalue; -1 on error. */
Mo_ssize_t MoObject_LengthHint(MoObject *o, Mo_ssize_t defaultvalue);
/* An index from an int (for o[i]); -1 with an exception on failure. */
Mo_ssize_t MoNumber_AsSsize_t(MoObject *o, MoObject *exc);
int MoIndex_Check(MoObject *o);

/* new: a value built from a format: "O" object (new reference taken), "N" object
   (stolen), "i" int, "l" long, "n" Mo_ssize_t, "d" double, "s" C string (NULL is
   None), "(...)" tuple. Several units give a tuple; one gives the object itself. */
MoObject *Mo_BuildValue(const char *format, ...);
MoObject *Mo_VaBuildValue(const char *format, va_list va);
/* Like Mo_BuildValue but always a tuple (for call arguments). */
MoObject *_Mo_VaBuildStack(const char *format, va_list va);
/* Unpack a tuple of positional arguments: "O" MoObject** (borrowed), "l" long*,
   "n" Mo_ssize_t*, "i" int*, "d" double*, "|" optional after; name for messages
   such as "append() takes exactly one argument (0 given)". 1 ok, 0 error. */
int MoArg_ParseTuple(MoObject *args, const char *format, ...);
int MoArg_UnpackTuple(MoObject *args, const char *name, Mo_ssize_t min, Mo_ssize_t max, ...);

#endif
