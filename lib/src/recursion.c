/* Guards for C code that recurses on user data.
 *
 * Mo_EnterRecursiveCall bounds the depth of repr and comparison at the recursion
 * limit CPython uses by default (1000), raising RecursionError instead of running
 * off the C stack. Mo_ReprEnter remembers which containers are being printed, so a
 * list that contains itself prints as [...] instead of recursing forever.
 */
#include "internal.h"

#define RECURSION_LIMIT 1000

static int depth;

int Mo_EnterRecursiveCall(const char *where)
{
    if (++depth > RECURSION_LIMIT) {
        --depth;
        MoErr_Format(MoExc_RecursionError, "maximum recursion depth exceeded%s", where);
        return -1;
    }
    return 0;
}

void Mo_LeaveRecursiveCall(void)
{
    --depth;
}

/* The containers whose repr is in progress, innermost last. */
static struct {
    MoObject **items;
    Mo_ssize_t n, cap;
} in_repr;

int Mo_ReprEnter(MoObject *o)
{
    for (Mo_ssize_t i = 0; i < in_repr.n; i++)
        if (in_repr.items[i] == o)
            return 1;
    if (in_repr.n == in_repr.cap) {
        Mo_ssize_t cap = in_repr.cap ? in_repr.cap * 2 : 16;
        MoObject **p = MoMem_Realloc(in_repr.items, (size_t)cap * sizeof *p);
        if (p == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        in_repr.items = p;
        in_repr.cap = cap;
    }
    in_repr.items[in_repr.n++] = o;
    return 0;
}

void Mo_ReprLeave(MoObject *o)
{
    /* Usually the last one; search from the end. */
    for (Mo_ssize_t i = in_repr.n - 1; i >= 0; i--) {
        if (in_repr.items[i] == o) {
            in_repr.items[i] = in_repr.items[--in_repr.n];
            return;
        }
    }
}

void _MoRecursion_Fini(void)
{
    MoMem_Free(in_repr.items);
    in_repr.items = NULL;
    in_repr.n = in_repr.cap = 0;
    depth = 0;
}
