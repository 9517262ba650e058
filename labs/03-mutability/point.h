/* Lab 03, part B: Point, an immutable, hashable pair of coordinates, written as a
 * CPython extension type: no method or attribute changes it after Point_New.
 *
 * The invariant: x and y are set once, by Point_New, and never again; both are
 * hashable, so the point's hash, hash((x, y)), is computed once at creation and
 * cached in `hash`. Two points are equal when their coordinates are (==), and
 * then their hashes are equal too, which is what lets a point be a dict key.
 *
 * Failure: functions returning MoObject * return NULL with an exception set.
 */
#ifndef LAB03_POINT_H
#define LAB03_POINT_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    MoObject *x;      /* owned; never NULL, never changed after Point_New */
    MoObject *y;      /* owned; likewise */
    Mo_hash_t hash;   /* hash((x, y)), computed by Point_New (never -1) */
} PointObject;

/* The type: "lab03.Point". */
extern MoTypeObject Point_Type;
#define Point_Check(op) Mo_IS_TYPE((op), &Point_Type)

/* Ready Point_Type (call after Mo_Initialize). 0, or -1 with an exception set. */
int Point_Ready(void);

/* new: Point(x=x, y=y). Does not steal: the point takes a reference to each of x
   and y. NULL with TypeError "unhashable type: 'list'" (the message hash((x, y))
   gives) when a coordinate is unhashable, or MemoryError; nothing is left alive. */
MoObject *Point_New(MoObject *x, MoObject *y);

#endif /* LAB03_POINT_H */
