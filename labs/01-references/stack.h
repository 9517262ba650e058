/* Lab 01, part A: Stack, a last-in first-out container of objects, written the way a
 * CPython extension author writes a type: a struct that starts with MoObject_HEAD, a
 * static MoTypeObject with tp_dealloc and tp_repr, and C functions that say, each one,
 * who owns the references they take and give.
 *
 * The invariant: a stack owns exactly one strong reference to each item it holds,
 * items[0 .. size-1], bottom to top. Every way in (Stack_Push, Stack_PushSteal) adds
 * one; every way out (Stack_Pop, Stack_Clear, the deallocator) gives one away or
 * releases it, once.
 *
 * Failure: functions returning MoObject * return NULL, and those returning int or
 * Mo_ssize_t return -1, with an exception set. Passing something that is not a Stack
 * where a Stack is expected raises SystemError ("bad argument to internal function"),
 * as CPython's PyList_* functions do for a non-list.
 */
#ifndef LAB01_STACK_H
#define LAB01_STACK_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    Mo_ssize_t size;        /* how many items the stack holds */
    Mo_ssize_t allocated;   /* how many slots `items` has room for */
    MoObject **items;       /* items[0] is the bottom, items[size - 1] the top */
} StackObject;

/* The type: "lab01.Stack". */
extern MoTypeObject Stack_Type;
#define Stack_Check(op) Mo_IS_TYPE((op), &Stack_Type)

/* Ready Stack_Type, as a module's init function does: call it after Mo_Initialize.
   0, or -1 with an exception set. */
int Stack_Ready(void);

/* new: an empty stack. NULL with MemoryError. */
MoObject *Stack_New(void);

/* Push item on top. Does not steal: the stack takes a reference of its own and the
   caller keeps theirs. 0, or -1 with MemoryError, the stack unchanged. */
int Stack_Push(MoObject *stack, MoObject *item);

/* Push item on top, stealing the caller's reference (as MoList_SetItem does): the
   caller must neither use nor release item afterwards. The reference is consumed
   even when the push fails (-1 with MemoryError; the stack unchanged). */
int Stack_PushSteal(MoObject *stack, MoObject *item);

/* new: remove the top item and return it. The stack's reference becomes the caller's:
   nothing is added or released. NULL with IndexError "pop from empty stack". */
MoObject *Stack_Pop(MoObject *stack);

/* borrowed: the top item, left on the stack. It stays valid while the stack holds it;
   a caller who keeps it longer must take a reference (Mo_NewRef). NULL with
   IndexError "peek at empty stack". */
MoObject *Stack_Peek(MoObject *stack);

/* How many items the stack holds (len(stack)); -1 with SystemError for a non-Stack. */
Mo_ssize_t Stack_Size(MoObject *stack);

/* new: a list of the items, bottom first; the list takes a reference to each (the
   stack keeps its own). NULL with MemoryError. */
MoObject *Stack_ToList(MoObject *stack);

/* Release every item, top first, leaving an empty stack that can be used again. The
   size drops before each release, so code run by a dying item finds the stack in a
   consistent state. 0, or -1 with SystemError for a non-Stack. */
int Stack_Clear(MoObject *stack);

#endif /* LAB01_STACK_H */
