/* Lab 01, part A: the Stack type (see stack.h for what each function promises).
 *
 * Ownership rules this file lives by:
 *  - a reference the stack stores is one it owns: taken with Mo_NewRef (Stack_Push)
 *    or handed over by the caller (Stack_PushSteal);
 *  - a reference leaves the stack exactly once: given to the caller (Stack_Pop) or
 *    released with Mo_DECREF (Stack_Clear, stack_dealloc);
 *  - a borrowed reference (Stack_Peek's result, an item seen while building a list)
 *    is never released, and is turned into a new one (Mo_NewRef) before it is stored
 *    or returned from a method.
 *
 * Start reading at Stack_Type, near the end: it lists the slots the runtime calls.
 */
#include "stack.h"

/* ------------------------------------------------------------------- storage */

/* Make room for one more item: 8 slots at first, then twice as many. 0, or -1 with
   MemoryError and the stack unchanged. */
static int stack_grow(StackObject *s)
{
    if (s->size < s->allocated)
        return 0;
    Mo_ssize_t n = s->allocated == 0 ? 8 : s->allocated * 2;
    MoObject **items = MoMem_Realloc(s->items, (size_t)n * sizeof *items);
    if (items == NULL) {
        MoErr_NoMemory();
        return -1;
    }
    s->items = items;
    s->allocated = n;
    return 0;
}

/* 1 if op is a Stack; 0 with SystemError otherwise. */
static int stack_check(MoObject *op, const char *file, int line)
{
    if (op != NULL && Stack_Check(op))
        return 1;
    _MoErr_BadInternalCall(file, line);
    return 0;
}
#define STACK_CHECK(op) stack_check((op), __FILE__, __LINE__)

/* --------------------------------------------------------------- operations */

/* region stack_new */
MoObject *Stack_New(void)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: allocate a StackObject of type Stack_Type (MoObject_New) and give */
    /* STUB: // its three fields their values for an empty stack. */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_New is not written yet"); */
    /* STUB: return NULL; */
    StackObject *s = MoObject_New(StackObject, &Stack_Type);
    if (s == NULL)
        return NULL;
    s->size = 0;
    s->allocated = 0;
    s->items = NULL;
    return (MoObject *)s;
    /* END SOLUTION */
}
/* endregion stack_new */

/* region stack_push */
int Stack_Push(MoObject *stack, MoObject *item)
{
    if (!STACK_CHECK(stack))
        return -1;
    StackObject *s = (StackObject *)stack;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: make room (stack_grow), then store a reference the stack owns. */
    /* STUB: // (The (void) casts only silence "unused" warnings: delete them.) */
    /* STUB: (void)stack_grow; */
    /* STUB: (void)s; */
    /* STUB: (void)item; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_Push is not written yet"); */
    /* STUB: return -1; */
    if (stack_grow(s) < 0)
        return -1;
    s->items[s->size++] = Mo_NewRef(item);
    return 0;
    /* END SOLUTION */
}
/* endregion stack_push */

/* region stack_push_steal */
int Stack_PushSteal(MoObject *stack, MoObject *item)
{
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the caller's reference is now ours, whatever happens. */
    /* STUB: (void)stack; */
    /* STUB: (void)item; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_PushSteal is not written yet"); */
    /* STUB: return -1; */
    int status = Stack_Push(stack, item);
    Mo_DECREF(item);   /* the stack holds its own now (or failed): ours goes */
    return status;
    /* END SOLUTION */
}
/* endregion stack_push_steal */

/* region stack_pop */
MoObject *Stack_Pop(MoObject *stack)
{
    if (!STACK_CHECK(stack))
        return NULL;
    StackObject *s = (StackObject *)stack;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: IndexError when empty; otherwise hand the top reference over. */
    /* STUB: (void)s; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_Pop is not written yet"); */
    /* STUB: return NULL; */
    if (s->size == 0) {
        MoErr_SetString(MoExc_IndexError, "pop from empty stack");
        return NULL;
    }
    return s->items[--s->size];   /* the stack's reference becomes the caller's */
    /* END SOLUTION */
}
/* endregion stack_pop */

/* region stack_peek */
MoObject *Stack_Peek(MoObject *stack)
{
    if (!STACK_CHECK(stack))
        return NULL;
    StackObject *s = (StackObject *)stack;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: IndexError when empty; otherwise lend the top item. */
    /* STUB: (void)s; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_Peek is not written yet"); */
    /* STUB: return NULL; */
    if (s->size == 0) {
        MoErr_SetString(MoExc_IndexError, "peek at empty stack");
        return NULL;
    }
    return s->items[s->size - 1];   /* borrowed: the stack keeps its reference */
    /* END SOLUTION */
}
/* endregion stack_peek */

Mo_ssize_t Stack_Size(MoObject *stack)
{
    if (!STACK_CHECK(stack))
        return -1;
    /* BEGIN SOLUTION */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_Size is not written yet"); */
    /* STUB: return -1; */
    return ((StackObject *)stack)->size;
    /* END SOLUTION */
}

/* region stack_to_list */
MoObject *Stack_ToList(MoObject *stack)
{
    if (!STACK_CHECK(stack))
        return NULL;
    StackObject *s = (StackObject *)stack;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: a list of s->size slots (MoList_New), each filled with a reference */
    /* STUB: // of the list's own: MoList_SET_ITEM steals the reference it is given. */
    /* STUB: (void)s; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_ToList is not written yet"); */
    /* STUB: return NULL; */
    MoObject *list = MoList_New(s->size);
    if (list == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < s->size; i++)
        MoList_SET_ITEM(list, i, Mo_NewRef(s->items[i]));   /* steals the new reference */
    return list;
    /* END SOLUTION */
}
/* endregion stack_to_list */

/* region stack_clear */
int Stack_Clear(MoObject *stack)
{
    if (!STACK_CHECK(stack))
        return -1;
    StackObject *s = (StackObject *)stack;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: release each item once, top first, shrinking the size before each */
    /* STUB: // release. */
    /* STUB: (void)s; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Stack_Clear is not written yet"); */
    /* STUB: return -1; */
    while (s->size > 0) {
        MoObject *top = s->items[--s->size];
        Mo_DECREF(top);   /* may run any code: the stack is already consistent */
    }
    return 0;
    /* END SOLUTION */
}
/* endregion stack_clear */

/* ------------------------------------------------------------------ the type */

/* region stack_dealloc */
/* Called by the last Mo_DECREF: release what the stack owns, then its memory. */
static void stack_dealloc(MoObject *self)
{
    StackObject *s = (StackObject *)self;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: release the items (Stack_Clear does) and the slot array (MoMem_Free). */
    /* STUB: (void)s; */
    Stack_Clear(self);
    MoMem_Free(s->items);
    /* END SOLUTION */
    Mo_TYPE(self)->tp_free(self);
}
/* endregion stack_dealloc */

/* region stack_repr */
/* "Stack([1, 'two', None])", bottom first, like deque's repr; a stack met again while
   it is being printed (it contains itself) prints as "Stack(...)". */
static MoObject *stack_repr(MoObject *self)
{
    int seen = Mo_ReprEnter(self);
    if (seen != 0)
        return seen > 0 ? MoUnicode_FromString("Stack(...)") : NULL;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the repr of Stack_ToList's list inside "Stack(...)" (MoUnicode_FromFormat */
    /* STUB: // with %R), releasing every temporary, on every path. */
    /* STUB: MoObject *result = NULL; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "stack_repr is not written yet"); */
    MoObject *result = NULL;
    MoObject *items = Stack_ToList(self);
    if (items != NULL) {
        result = MoUnicode_FromFormat("Stack(%R)", items);
        Mo_DECREF(items);
    }
    /* END SOLUTION */
    Mo_ReprLeave(self);
    return result;
}
/* endregion stack_repr */

static Mo_ssize_t stack_length(MoObject *self)
{
    return Stack_Size(self);
}

/* Methods, as Python would call them: stack.push(x), stack.pop(), stack.peek(). A
   method returns a new reference, always. */
static MoObject *stack_push_method(MoObject *self, MoObject *item)
{
    if (Stack_Push(self, item) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

static MoObject *stack_pop_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    return Stack_Pop(self);
}

static MoObject *stack_peek_method(MoObject *self, MoObject *unused)
{
    (void)unused;
    MoObject *top = Stack_Peek(self);
    /* BEGIN SOLUTION */
    /* STUB: // TODO: Stack_Peek lends; a method must give. */
    /* STUB: return top; */
    return top != NULL ? Mo_NewRef(top) : NULL;
    /* END SOLUTION */
}

static MoMethodDef stack_methods[] = {
    { "push", stack_push_method, MO_METH_O, "push(item): put item on top" },
    { "pop", stack_pop_method, MO_METH_NOARGS, "pop() -> the top item, removed" },
    { "peek", stack_peek_method, MO_METH_NOARGS, "peek() -> the top item, left in place" },
    { NULL, NULL, 0, NULL },
};

static MoSequenceMethods stack_as_sequence = {
    .sq_length = stack_length,
};

/* region stack_type */
MoTypeObject Stack_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab01.Stack",
    .tp_basicsize = sizeof(StackObject),
    .tp_dealloc = stack_dealloc,
    .tp_repr = stack_repr,
    .tp_as_sequence = &stack_as_sequence,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "A last-in first-out stack of objects.",
    .tp_methods = stack_methods,
};
/* endregion stack_type */

int Stack_Ready(void)
{
    return MoType_Ready(&Stack_Type);
}
