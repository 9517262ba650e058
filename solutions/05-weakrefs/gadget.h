/* Lab 05, part A: Gadget, a small static type that does not yet accept weak
 * references. Make it accept them the way CPython's own types do: a field that holds
 * the head of the list of weak references to the object, the type's
 * tp_weaklistoffset saying where that field is, and a deallocator that clears the
 * list before it releases anything else.
 *
 * Once that is done, weakref.ref, weakref.proxy, callbacks and the weak containers
 * (MoWeakValueDict_New, MoWeakKeyDict_New, MoWeakSet_New) all work with gadgets,
 * with nothing else to write: they only need the list.
 */
#ifndef LAB05_GADGET_H
#define LAB05_GADGET_H

#include "mo.h"

/* The type: "lab05.Gadget". Its instances have one attribute, `name` (read-only). */
extern MoTypeObject Gadget_Type;
#define Gadget_Check(op) Mo_IS_TYPE((op), &Gadget_Type)

/* Ready Gadget_Type: call it after Mo_Initialize. 0, or -1 with an exception set. */
int Gadget_Ready(void);

/* new: a gadget named `name` (any object; the gadget takes a reference of its own,
   the caller keeps theirs). NULL with MemoryError. */
MoObject *Gadget_New(MoObject *name);

/* borrowed: the gadget's name. */
MoObject *Gadget_Name(MoObject *gadget);

#endif /* LAB05_GADGET_H */
