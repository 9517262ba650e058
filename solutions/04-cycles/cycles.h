/* Lab 04, part B: finding the reference cycles an object reaches.
 *
 * Cycles_Find walks, depth first, everything root refers to, as the collector sees
 * it: the referents of an object are what MoGC_GetReferents returns, in that order.
 * Type objects are not entered (every object refers to its class, and the classes
 * to one another: those cycles are not the program's). Each object is explored once.
 * Whenever the walk meets an object that is on the current path (an ancestor, or the
 * object itself), it reports one cycle: the path from that object down to the
 * current one, in order. A cycle is therefore reported once per back edge of the
 * walk; an object met again by another path is not explored again.
 *
 * The walk must not use the C stack for depth (a chain can be 100,000 objects long)
 * and must leave nothing alive but the result.
 */
#ifndef LAB04_CYCLES_H
#define LAB04_CYCLES_H

#include "mo.h"

/* new: a list of cycles, each a list of the objects on it (new references held by
   the lists), starting from the one the walk met again; [] when root reaches no
   cycle. NULL with an exception (MemoryError). */
MoObject *Cycles_Find(MoObject *root);

#endif
