/* Lab 02, part B: a small-value cache in the style of CPython's small ints.
 *
 * Cents is an immutable amount of money, in cents. The amounts CENTS_SMALL_MIN ..
 * CENTS_SMALL_MAX (both included) are made once, by Cents_Ready, and every request
 * for one of them returns that object; other amounts are made afresh each time.
 * Tally is a counter that can change (Tally_Increment): it is never cached, whatever
 * its value, because a change through one reference would be seen through all.
 *
 * Failure: functions returning MoObject * return NULL, and those returning long or
 * int return -1, with an exception set.
 */
#ifndef LAB02_CENTS_H
#define LAB02_CENTS_H

#include "mo.h"

#define CENTS_SMALL_MIN (-10)   /* the smallest cached amount */
#define CENTS_SMALL_MAX 100     /* the largest cached amount */
#define CENTS_SMALL_COUNT (CENTS_SMALL_MAX - CENTS_SMALL_MIN + 1)

typedef struct {
    MoObject_HEAD
    long value;   /* the amount, in cents; never changes */
} CentsObject;

typedef struct {
    MoObject_HEAD
    long count;   /* changes with Tally_Increment */
} TallyObject;

/* The types: "lab02.Cents" and "lab02.Tally". */
extern MoTypeObject Cents_Type, Tally_Type;
#define Cents_Check(op) Mo_IS_TYPE((op), &Cents_Type)
#define Tally_Check(op) Mo_IS_TYPE((op), &Tally_Type)

/* Ready both types and fill the cache (released at Mo_Finalize): call it after
   Mo_Initialize. 0, or -1 with an exception set. */
int Cents_Ready(void);

/* new: the amount v: the cached object for CENTS_SMALL_MIN <= v <= CENTS_SMALL_MAX
   (a hit allocates nothing and cannot fail), a new object otherwise. */
MoObject *Cents_FromLong(long v);

/* The amount of a Cents; -1 with TypeError "expected a Cents, got 'int'" otherwise. */
long Cents_AsLong(MoObject *cents);

/* new: a + b, made by Cents_FromLong, so that a sum in the cached range is the cached
   object (as an int sum in -5..256 is the small int). Borrows both. */
MoObject *Cents_Add(MoObject *a, MoObject *b);

/* new: a fresh tally counting from start: never a shared object. */
MoObject *Tally_FromLong(long start);

/* Add one to the tally's count. 0, or -1 with TypeError for a non-Tally. */
int Tally_Increment(MoObject *tally);

/* The tally's count; -1 with TypeError "expected a Tally, got 'int'" otherwise. */
long Tally_Value(MoObject *tally);

#endif /* LAB02_CENTS_H */
