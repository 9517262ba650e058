/* Lab 01 grader, part A: the Stack type (labs/01-references/stack.h).
 *
 * The tests watch reference counts: what a call must add, hand over or release. Items
 * are objects made on the heap (strings, ints above 256), because small ints and
 * other statics carry counts so large that a mistake would not show. Every test also
 * frees its stack, so stack_dealloc must be right for any of them to pass the leak
 * checks.
 */
#include "harness.h"
#include "stack.h"

MG_LAB_SETUP(Stack_Ready)

/* ------------------------------------------------------------------ helpers */

/* new: a str made at run time, so that its count starts at 1. */
static MoObject *text(const char *s)
{
    return mg_ok(MoUnicode_FromString(s), "MoUnicode_FromString");
}

/* new */
static MoObject *new_stack(void)
{
    return mg_ok(Stack_New(), "Stack_New()");
}

static void push(MoObject *s, MoObject *item, const char *what)
{
    int status = Stack_Push(s, item);
    ck_assert_msg(status == 0, "Stack_Push(stack, %s) returned %d (%s), expected 0", what, status, mg_exc_text());
}

static void expect_size(MoObject *s, Mo_ssize_t expected, const char *when)
{
    Mo_ssize_t got = Stack_Size(s);
    ck_assert_msg(got == expected, "Stack_Size %s is %zd (%s), expected %zd", when, got, mg_exc_text(), expected);
}

/* A type whose instances note, as they die, their id and the size of `watched`:
   how the tests see the order in which a stack releases its items. */
typedef struct {
    MoObject_HEAD
    int id;
} WatcherObject;

static MoObject *watched;
static int deaths, death_ids[8];
static Mo_ssize_t death_sizes[8];

static void watcher_dealloc(MoObject *self)
{
    if (deaths < 8) {
        death_ids[deaths] = ((WatcherObject *)self)->id;
        death_sizes[deaths] = watched != NULL ? ((StackObject *)watched)->size : -1;
        deaths++;
    }
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Watcher_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Watcher",
    .tp_basicsize = sizeof(WatcherObject),
    .tp_dealloc = watcher_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

static MoObject *new_watcher(int id)
{
    ck_assert_int_eq(MoType_Ready(&Watcher_Type), 0);
    WatcherObject *w = MoObject_New(WatcherObject, &Watcher_Type);
    ck_assert_ptr_nonnull(w);
    w->id = id;
    return (MoObject *)w;
}

/* ------------------------------------------------------------- the basics */

MG_TEST(stack_new_is_empty, 3, "Stack_New returns an empty lab01.Stack with refcount 1")
{
    MoObject *s = new_stack();
    ck_assert_msg(Mo_TYPE(s) == &Stack_Type, "Stack_New() returned a '%s' object, expected a 'lab01.Stack'",
                  Mo_TYPE(s)->tp_name);
    mg_assert_refcnt(s, 1, "a new stack");
    expect_size(s, 0, "of a new stack");
    Mo_DECREF(s);
}

MG_TEST(stack_push_takes_a_reference, 5, "Stack_Push stores a reference of the stack's own: the item's count goes up by one")
{
    MoObject *s = new_stack();
    MoObject *x = text("alpha");
    push(s, x, "'alpha'");
    mg_assert_refcnt(x, 2, "'alpha' after Stack_Push (yours and the stack's)");
    expect_size(s, 1, "after one push");
    ck_assert_msg(((StackObject *)s)->items[0] == x, "items[0] is not the object pushed");
    Mo_DECREF(x);
    mg_assert_refcnt(x, 1, "'alpha' once you released yours (the stack's remains)");
    Mo_DECREF(s);
}

MG_TEST(stack_pop_returns_the_top, 5, "Stack_Pop hands the stack's reference to the caller: a new reference, nothing added or lost")
{
    MoObject *s = new_stack();
    MoObject *x = text("alpha");
    push(s, x, "'alpha'");
    MoObject *got = mg_ok(Stack_Pop(s), "Stack_Pop(stack holding 'alpha')");
    ck_assert_msg(got == x, "Stack_Pop returned a different object from the one pushed");
    mg_assert_refcnt(x, 2, "'alpha' just popped (your first reference and the one Stack_Pop gave you)");
    expect_size(s, 0, "after popping the only item");
    Mo_DECREF(got);
    mg_assert_refcnt(x, 1, "'alpha' popped and released (the stack must no longer hold it)");
    Mo_ssize_t before = mg_live();
    Mo_DECREF(x);
    mg_assert_no_new_objects(before - 1, "after releasing the last reference to a popped item");
    Mo_DECREF(s);
}

MG_TEST(stack_is_last_in_first_out, 3, "items come back in the reverse order of their pushes")
{
    static const char *const words[] = { "one", "two", "three", "four", "five" };
    MoObject *s = new_stack();
    MoObject *items[5];
    for (int i = 0; i < 5; i++) {
        items[i] = text(words[i]);
        push(s, items[i], words[i]);
    }
    expect_size(s, 5, "after five pushes");
    for (int i = 4; i >= 0; i--) {
        MoObject *got = mg_ok(Stack_Pop(s), "Stack_Pop");
        ck_assert_msg(got == items[i], "pop number %d returned %s, expected '%s'", 5 - i,
                      MoUnicode_AsUTF8(got), words[i]);
        Mo_DECREF(got);
        mg_assert_refcnt(items[i], 1, "'%s' popped and released", words[i]);
        Mo_DECREF(items[i]);
    }
    Mo_DECREF(s);
}

MG_TEST(stack_pop_empty_raises, 2, "Stack_Pop on an empty stack: NULL with IndexError 'pop from empty stack'")
{
    MoObject *s = new_stack();
    MoObject *got = Stack_Pop(s);
    ck_assert_msg(got == NULL, "Stack_Pop(empty stack) returned an object, expected NULL");
    mg_assert_exc(MoExc_IndexError, "pop from empty stack", "Stack_Pop(empty stack)");
    MoObject *x = text("alpha");
    push(s, x, "'alpha'");
    Mo_DECREF(mg_ok(Stack_Pop(s), "Stack_Pop"));
    ck_assert_msg(Stack_Pop(s) == NULL, "Stack_Pop of a stack emptied by a pop returned an object");
    mg_assert_exc(MoExc_IndexError, "pop from empty stack", "Stack_Pop(stack emptied by a pop)");
    Mo_DECREF(x);
    Mo_DECREF(s);
}

MG_TEST(stack_peek_is_borrowed, 5, "Stack_Peek lends the top item: same object, no count change; IndexError 'peek at empty stack'")
{
    MoObject *s = new_stack();
    ck_assert_msg(Stack_Peek(s) == NULL, "Stack_Peek(empty stack) returned an object, expected NULL");
    mg_assert_exc(MoExc_IndexError, "peek at empty stack", "Stack_Peek(empty stack)");
    MoObject *x = text("bottom"), *y = text("top");
    push(s, x, "'bottom'");
    push(s, y, "'top'");
    for (int i = 0; i < 2; i++) {
        MoObject *top = mg_ok(Stack_Peek(s), "Stack_Peek");
        ck_assert_msg(top == y, "Stack_Peek did not return the top item ('top')");
        mg_assert_refcnt(y, 2, "'top' after Stack_Peek (a borrowed reference adds nothing)");
    }
    expect_size(s, 2, "after two peeks");
    Mo_DECREF(x);
    Mo_DECREF(y);
    Mo_DECREF(s);
}

MG_TEST(stack_push_steal_consumes, 5, "Stack_PushSteal takes over the caller's reference, even when it fails")
{
    MoObject *s = new_stack();
    MoObject *x = text("stolen");
    ck_assert_msg(Stack_PushSteal(s, x) == 0, "Stack_PushSteal failed: %s", mg_exc_text());
    mg_assert_refcnt(x, 1, "'stolen' after Stack_PushSteal (the reference was yours, now it is the stack's)");
    ck_assert_msg(((StackObject *)s)->size == 1 && ((StackObject *)s)->items[0] == x,
                  "after Stack_PushSteal the stack does not hold the item on top");
    Mo_ssize_t before = mg_live();
    Mo_DECREF(s);
    mg_assert_no_new_objects(before - 2, "freeing a stack that held the only reference to its item");
    /* On failure too: pushing onto something that is not a stack. */
    MoObject *not_a_stack = mg_ok(MoList_New(0), "MoList_New");
    MoObject *y = text("refused");
    before = mg_live();
    ck_assert_msg(Stack_PushSteal(not_a_stack, y) == -1, "Stack_PushSteal(a list, item) did not return -1");
    mg_assert_exc(MoExc_SystemError, NULL, "Stack_PushSteal(a list, item)");
    mg_assert_no_new_objects(before - 1, "Stack_PushSteal that failed (the item must be released)");
    Mo_DECREF(not_a_stack);
}

MG_TEST(stack_grows, 3, "a stack takes 10000 pushes and gives the items back in order")
{
    enum { N = 10000 };
    MoObject *s = new_stack();
    for (long i = 0; i < N; i++) {
        /* In the loops, fail only when there is something to say (see harness.h). */
        MoObject *x = mg_ok(MoLong_FromLong(1000 + i), "MoLong_FromLong");
        int status = Stack_Push(s, x);
        Mo_DECREF(x);
        if (status != 0)
            ck_abort_msg("push number %ld failed: %s", i + 1, mg_exc_text());
    }
    expect_size(s, N, "after 10000 pushes");
    for (long i = N - 1; i >= 0; i--) {
        MoObject *x = mg_ok(Stack_Pop(s), "Stack_Pop");
        long v = MoLong_AsLong(x);
        if (v != 1000 + i)
            ck_abort_msg("popped %ld, expected %ld", v, 1000 + i);
        mg_assert_refcnt(x, 1, "the int %ld just popped (only your reference)", v);
        Mo_DECREF(x);
    }
    Mo_DECREF(s);
}

/* ------------------------------------------------------------ releasing */

MG_TEST(stack_dealloc_releases_items, 6, "freeing a stack releases each item it holds once, and frees those it held alone")
{
    MoObject *s = new_stack();
    MoObject *x = text("twice"), *y = text("once");
    push(s, x, "'twice'");
    push(s, y, "'once'");
    push(s, x, "'twice'");
    ck_assert_int_eq(Stack_PushSteal(s, text("alone")), 0);
    mg_assert_refcnt(x, 3, "'twice', pushed twice");
    Mo_ssize_t before = mg_live();
    Mo_DECREF(s);
    mg_assert_refcnt(x, 1, "'twice' after its stack was freed");
    mg_assert_refcnt(y, 1, "'once' after its stack was freed");
    mg_assert_no_new_objects(before - 2, "freeing the stack (itself and the item only it held)");
    Mo_DECREF(x);
    Mo_DECREF(y);
}

MG_TEST(stack_clear_releases_items, 4, "Stack_Clear releases every item and leaves an empty stack that still works")
{
    MoObject *s = new_stack();
    MoObject *x = text("alpha"), *y = text("beta");
    push(s, x, "'alpha'");
    push(s, y, "'beta'");
    push(s, x, "'alpha'");
    ck_assert_msg(Stack_Clear(s) == 0, "Stack_Clear returned -1: %s", mg_exc_text());
    expect_size(s, 0, "after Stack_Clear");
    mg_assert_refcnt(x, 1, "'alpha' after Stack_Clear");
    mg_assert_refcnt(y, 1, "'beta' after Stack_Clear");
    push(s, y, "'beta'");
    MoObject *got = mg_ok(Stack_Pop(s), "Stack_Pop after Stack_Clear and a push");
    ck_assert_msg(got == y, "after Stack_Clear and a push, Stack_Pop returned another object");
    Mo_DECREF(got);
    Mo_DECREF(x);
    Mo_DECREF(y);
    Mo_DECREF(s);
}

MG_TEST(stack_clear_top_first, 3, "Stack_Clear releases the top first, the size already lowered when each item dies")
{
    MoObject *s = new_stack();
    for (int id = 0; id < 3; id++)
        ck_assert_int_eq(Stack_PushSteal(s, new_watcher(id)), 0);
    watched = s;
    deaths = 0;
    ck_assert_msg(Stack_Clear(s) == 0, "Stack_Clear returned -1: %s", mg_exc_text());
    watched = NULL;
    ck_assert_msg(deaths == 3, "%d of the 3 items died during Stack_Clear, expected all 3", deaths);
    for (int k = 0; k < 3; k++) {
        ck_assert_msg(death_ids[k] == 2 - k, "item %d died number %d, expected item %d (top first)", death_ids[k],
                      k + 1, 2 - k);
        ck_assert_msg(death_sizes[k] == 2 - k, "when item %d died the stack's size was %zd, expected %d",
                      death_ids[k], death_sizes[k], 2 - k);
    }
    Mo_DECREF(s);
}

/* -------------------------------------------------------- lists and reprs */

MG_TEST(stack_to_list, 4, "Stack_ToList returns a new list, bottom first, holding references of its own")
{
    MoObject *s = new_stack();
    MoObject *empty = mg_ok(Stack_ToList(s), "Stack_ToList(empty stack)");
    mg_assert_repr(empty, "[]", "Stack_ToList(empty stack)");
    mg_assert_refcnt(empty, 1, "the list from Stack_ToList");
    Mo_DECREF(empty);
    MoObject *items[3] = { text("ant"), text("bee"), text("cat") };
    for (int i = 0; i < 3; i++)
        push(s, items[i], "an item");
    MoObject *list = mg_ok(Stack_ToList(s), "Stack_ToList");
    ck_assert_msg(MoList_Check(list), "Stack_ToList returned a '%s', expected a list", Mo_TYPE(list)->tp_name);
    mg_assert_repr(list, "['ant', 'bee', 'cat']", "Stack_ToList(stack of 'ant', 'bee', 'cat' pushed in that order)");
    for (int i = 0; i < 3; i++) {
        ck_assert_msg(MoList_GET_ITEM(list, i) == items[i], "list item %d is not the object pushed", i);
        mg_assert_refcnt(items[i], 3, "item %d while in the stack and the list (yours, the stack's, the list's)", i);
    }
    Mo_DECREF(list);
    for (int i = 0; i < 3; i++) {
        mg_assert_refcnt(items[i], 2, "item %d once the list is gone", i);
        Mo_DECREF(items[i]);
    }
    Mo_DECREF(s);
}

MG_TEST(stack_repr, 4, "repr(stack) is Stack([1, 'two', None]), bottom first, and Stack([]) when empty")
{
    MoObject *s = new_stack();
    mg_assert_repr(s, "Stack([])", "an empty stack");
    MoObject *one = mg_ok(MoLong_FromLong(1), "MoLong_FromLong"), *two = text("two");
    push(s, one, "1");
    push(s, two, "'two'");
    push(s, Mo_None, "None");
    Mo_ssize_t before = mg_live();
    mg_assert_repr(s, "Stack([1, 'two', None])", "a stack of 1, 'two', None");
    mg_assert_no_new_objects(before, "repr(stack), its result released");
    mg_assert_refcnt(two, 2, "'two' after repr (yours and the stack's)");
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(s);
}

MG_TEST(stack_repr_of_itself, 2, "a stack holding itself prints as Stack([Stack(...)])")
{
    MoObject *s = new_stack();
    push(s, s, "the stack itself");
    mg_assert_repr(s, "Stack([Stack(...)])", "a stack that contains itself");
    Mo_DECREF(mg_ok(Stack_Pop(s), "Stack_Pop"));   /* break the cycle */
    Mo_DECREF(s);
}

MG_TEST(stack_len_and_methods, 3, "len(stack) and the methods push, peek, pop return what Python would, as new references")
{
    MoObject *s = new_stack();
    MoObject *x = text("alpha");
    MoObject *r = mg_ok(MoObject_CallMethod(s, "push", "O", x), "stack.push('alpha')");
    ck_assert_msg(r == Mo_None, "stack.push(x) returned %s, expected None", MoUnicode_AsUTF8(MoObject_Repr(r)));
    Mo_DECREF(r);
    ck_assert_msg(MoObject_Length(s) == 1, "len(stack) is %zd after one push, expected 1", MoObject_Length(s));
    MoObject *top = mg_ok(MoObject_CallMethod(s, "peek", NULL), "stack.peek()");
    ck_assert_msg(top == x, "stack.peek() did not return the top item");
    mg_assert_refcnt(x, 3, "'alpha' after stack.peek() (yours, the stack's, and the method's result)");
    Mo_DECREF(top);
    MoObject *popped = mg_ok(MoObject_CallMethod(s, "pop", NULL), "stack.pop()");
    ck_assert_msg(popped == x, "stack.pop() did not return the top item");
    mg_assert_refcnt(x, 2, "'alpha' after stack.pop() (yours and the method's result)");
    Mo_DECREF(popped);
    ck_assert_msg(MoObject_Length(s) == 0, "len(stack) is %zd after the pop, expected 0", MoObject_Length(s));
    ck_assert_msg(MoObject_CallMethod(s, "peek", NULL) == NULL, "stack.peek() on an empty stack returned an object");
    mg_assert_exc(MoExc_IndexError, "peek at empty stack", "stack.peek() on an empty stack");
    Mo_DECREF(x);
    Mo_DECREF(s);
}

/* -------------------------------------------------------- error paths */

/* repr(s) with fewer and fewer allocations refused, until it succeeds: each failure
   must be a MemoryError that leaves no object behind. */
static void repr_out_of_memory(MoObject *s, const char *expected)
{
    for (long n = 0; n < 1000; n++) {
        Mo_ssize_t before = mg_live();
        mg_alloc_limit(n);
        MoObject *r = MoObject_Repr(s);
        mg_alloc_unlimited();
        if (r != NULL) {
            mg_assert_repr(r, expected, "repr(stack) once memory sufficed (as a str, repr'd)");
            Mo_DECREF(r);
            return;
        }
        mg_assert_exc(MoExc_MemoryError, NULL, "repr(stack) when memory runs out");
        mg_assert_no_new_objects(before, "repr(stack) that ran out of memory");
    }
    ck_abort_msg("repr(stack) kept failing with 1000 allocations allowed");
}

MG_TEST(stack_out_of_memory, 3, "when memory runs out: MemoryError, the stack unchanged, nothing leaked, stolen items released")
{
    mg_alloc_limit(0);
    MoObject *none = Stack_New();
    mg_alloc_unlimited();
    ck_assert_msg(none == NULL, "Stack_New() with no memory left returned an object");
    mg_assert_exc(MoExc_MemoryError, NULL, "Stack_New() with no memory left");

    MoObject *s = new_stack();
    MoObject *x = text("xx");
    while (((StackObject *)s)->size < ((StackObject *)s)->allocated || ((StackObject *)s)->size == 0)
        push(s, x, "'xx'");
    Mo_ssize_t size = Stack_Size(s), count = Mo_REFCNT(x);
    mg_alloc_limit(0);
    int status = Stack_Push(s, x);
    mg_alloc_unlimited();
    ck_assert_msg(status == -1, "Stack_Push on a full stack with no memory left returned %d, expected -1", status);
    mg_assert_exc(MoExc_MemoryError, NULL, "Stack_Push on a full stack with no memory left");
    expect_size(s, size, "after a failed push");
    mg_assert_refcnt(x, count, "'xx' after a push that failed (nothing taken)");

    MoObject *y = text("yy");
    Mo_ssize_t before = mg_live();
    mg_alloc_limit(0);
    status = Stack_PushSteal(s, y);
    mg_alloc_unlimited();
    ck_assert_msg(status == -1, "Stack_PushSteal on a full stack with no memory left returned %d, expected -1", status);
    mg_assert_exc(MoExc_MemoryError, NULL, "Stack_PushSteal on a full stack with no memory left");
    mg_assert_no_new_objects(before - 1, "Stack_PushSteal that failed (the stolen item must be released)");

    before = mg_live();
    mg_alloc_limit(0);
    MoObject *list = Stack_ToList(s);
    mg_alloc_unlimited();
    ck_assert_msg(list == NULL, "Stack_ToList with no memory left returned an object");
    mg_assert_exc(MoExc_MemoryError, NULL, "Stack_ToList with no memory left");
    mg_assert_no_new_objects(before, "Stack_ToList that ran out of memory");

    ck_assert_int_eq(Stack_Clear(s), 0);
    MoObject *big = mg_ok(MoLong_FromLong(123456), "MoLong_FromLong");
    push(s, big, "123456");
    push(s, x, "'xx'");
    repr_out_of_memory(s, "\"Stack([123456, 'xx'])\"");
    Mo_DECREF(big);
    Mo_DECREF(x);
    Mo_DECREF(s);
}
