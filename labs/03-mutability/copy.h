/* Lab 03, part A: copy.copy and copy.deepcopy, in C, over the built-in containers
 * and the lab's own types (point.h, vec.h).
 *
 * What kinds of object there are, for copying:
 *   atoms        int, bool, float, str, bytes, None, and Point: immutable, so a
 *                copy can be the object itself (nothing could tell the difference);
 *   containers   list, dict, set, Vec: mutable, so a copy is a new object;
 *   tuple and frozenset: immutable containers. A shallow copy is the object
 *                itself. A deep copy of a tuple is the tuple itself when every
 *                item's deep copy is the item itself, and a new tuple otherwise; a
 *                deep copy of a frozenset is always a new frozenset (as in 3.11).
 * Any other object: TypeError "cannot pickle 'TYPE' object", as copy raises for
 * an object it cannot reduce.
 *
 * Failure: NULL with an exception set, and nothing made along the way left alive.
 */
#ifndef LAB03_COPY_H
#define LAB03_COPY_H

#include "mo.h"

/* new: copy.copy(obj). A list, dict, set or Vec gives a new object of the same type
   whose items (keys, values, components) are the very same objects: one more
   reference to each. Atoms, tuples and frozensets give obj itself (a new reference). */
MoObject *Copy_Shallow(MoObject *obj);

/* new: copy.deepcopy(obj, memo). memo (borrowed) is a dict, or NULL for one made and
   released inside the call. It maps id(original) (an int) to the original's copy, so
   that an object reached twice is copied once (sharing stays sharing) and an object
   reached again while it is being copied gives the copy under way (a cycle stays a
   cycle). Rules, those of Lib/copy.py:
   - obj already in the memo: the copy recorded there;
   - atoms: obj itself, and the memo is not touched;
   - list, dict and Vec: a new object, recorded in the memo *before* the items are
     copied (a dict's keys are deep-copied too);
   - set, frozenset, tuple: their items first, then the new object (if any) recorded;
     a tuple that finds itself recorded once its items are copied (it was reached
     again through them) returns that recorded copy;
   - every original whose copy is a new object is also appended to the list
     memo[id(memo)] (made on first use), which keeps it alive for as long as the
     memo is, so that its id cannot be reused by another object meanwhile. */
MoObject *Copy_Deep(MoObject *obj, MoObject *memo);

#endif /* LAB03_COPY_H */
