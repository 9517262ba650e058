/* s += "abc" in a loop, three ways, and join: the C twin of 03-str-append.py.
 * Each way does what CPython 3.11's interpreter does for the statement:
 *  - in a function, s is a local and the specialised instruction
 *    BINARY_OP_INPLACE_ADD_UNICODE hands MoUnicode_Append the frame's own
 *    reference: the count is 1 and the string may grow in place;
 *  - with an alias alive, the count is 2, and the append must copy;
 *  - at module level, s lives in the module's dict: LOAD_NAME takes a second
 *    reference, the append copies, and STORE_NAME puts the result back.
 * A step that keeps the address grew the string where it was and copied only the
 * three new characters; one that changes it copied everything written so far.
 */
#include <stdio.h>
#include "mo.h"

#define N 150

struct tally { Mo_ssize_t moved, copied; };

static void count(struct tally *t, uintptr_t before, Mo_ssize_t length, MoObject *s)
{
    if (MoObject_Id(s) != before) {
        t->moved++;
        t->copied += length + 3;
    } else {
        t->copied += 3;
    }
}

static void report(const char *where, MoObject *s, struct tally t)
{
    printf("%-16s len %zd, new or moved %4zd of %d, characters copied %zd\n", where,
           MoUnicode_GetLength(s), t.moved, N, t.copied);
}

/* region loops */
/* s is a local: ours is the only reference. */
static void in_a_function(MoObject *abc)
{
    struct tally t = {0, 0};
    MoObject *s = MoUnicode_FromString("");
    for (int i = 0; i < N; i++) {
        uintptr_t before = MoObject_Id(s);
        Mo_ssize_t length = MoUnicode_GetLength(s);
        MoUnicode_Append(&s, abc);                     /* s += "abc" */
        count(&t, before, length, s);
    }
    report("in a function", s, t);
    Mo_DECREF(s);
}

/* alias = s; s += "abc": two references when the append runs. */
static void with_an_alias(MoObject *abc)
{
    struct tally t = {0, 0};
    MoObject *s = MoUnicode_FromString("");
    for (int i = 0; i < N; i++) {
        uintptr_t before = MoObject_Id(s);
        Mo_ssize_t length = MoUnicode_GetLength(s);
        MoObject *alias = Mo_NewRef(s);                /* alias = s */
        MoUnicode_Append(&s, abc);
        count(&t, before, length, s);
        Mo_DECREF(alias);                      /* the next alias = s drops it */
    }
    report("with an alias", s, t);
    Mo_DECREF(s);
}

/* s is a global: the module's dict holds it, LOAD_NAME takes a reference. */
static void at_module_level(MoObject *globals, MoObject *abc)
{
    struct tally t = {0, 0};
    MoObject *empty = MoUnicode_FromString("");
    MoDict_SetItemString(globals, "s", empty);        /* s = "" */
    Mo_DECREF(empty);
    for (int i = 0; i < N; i++) {
        /* LOAD_NAME s: a reference of the stack's own */
        MoObject *s = Mo_NewRef(MoDict_GetItemString(globals, "s"));
        uintptr_t before = MoObject_Id(s);
        Mo_ssize_t length = MoUnicode_GetLength(s);
        MoUnicode_Append(&s, abc);                     /* BINARY_OP += */
        MoDict_SetItemString(globals, "s", s);         /* STORE_NAME */
        count(&t, before, length, s);
        Mo_DECREF(s);
    }
    report("at module level", MoDict_GetItemString(globals, "s"), t);
}
/* endregion loops */

static void with_join(MoObject *abc)
{
    MoObject *pieces = MoList_New(0);
    for (int i = 0; i < N; i++)
        MoList_Append(pieces, abc);                    /* pieces.append("abc") */
    MoObject *empty = MoUnicode_FromString("");
    MoObject *joined = MoUnicode_Join(empty, pieces);  /* "".join(pieces) */
    printf("%-16s len %zd, and the list of pieces took %zd bytes\n", "join",
           MoUnicode_GetLength(joined), MoSys_GetSizeOf(pieces));
    Mo_DECREF(joined);
    Mo_DECREF(empty);
    Mo_DECREF(pieces);
}

int main(void)
{
    Mo_Initialize();
    MoObject *abc = MoUnicode_InternFromString("abc");   /* a code constant */
    MoObject *globals = MoDict_New();
    /* differs "in a function": CPython's first call copies until the interpreter
       has specialised the +=, and where a grown block can stay put is each
       allocator's own */
    in_a_function(abc);
    in_a_function(abc);
    with_an_alias(abc);
    at_module_level(globals, abc);
    with_join(abc);
    Mo_DECREF(globals);
    Mo_DECREF(abc);
    return Mo_Finalize() == 0 ? 0 : 1;
}
