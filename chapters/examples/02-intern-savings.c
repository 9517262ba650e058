/* What interning saves in memory, measured by the tracer: a list of 10000 strings
 * with only 10 different values, made at run time (as a parser or a CSV reader
 * makes them), stored as they come, or interned so that equal values share one
 * object. (The interning reader keeps its ten strings: one made and thrown away
 * per row would sit in the debug runtime's quarantine of freed objects, which the
 * tracer still counts.)
 */
#include <stdio.h>
#include "mo.h"

#define N 10000

/* new: a list of N strings "category_0" .. "category_9", each made afresh, as a
   reader that does not intern makes them. *bytes: the traced bytes it holds. */
static MoObject *build_plain(size_t *bytes)
{
    size_t before, peak, after;
    MoTraceMalloc_GetTracedMemory(&before, &peak);
    MoObject *list = MoList_New(0);
    for (int i = 0; i < N; i++) {
        MoObject *s = MoUnicode_FromFormat("category_%d", i % 10);
        MoList_Append(list, s);
        Mo_DECREF(s);
    }
    MoTraceMalloc_GetTracedMemory(&after, &peak);
    *bytes = after - before;
    return list;
}

/* new: the same list, from a reader that interns each value the first time it
   meets it and stores the interned string from then on. */
static MoObject *build_interned(size_t *bytes)
{
    size_t before, peak, after;
    MoTraceMalloc_GetTracedMemory(&before, &peak);
    MoObject *seen[10] = { NULL }, *list = MoList_New(0);
    for (int i = 0; i < N; i++) {
        if (seen[i % 10] == NULL)
            seen[i % 10] = MoUnicode_FromFormat("category_%d", i % 10);
        MoUnicode_InternInPlace(&seen[i % 10]); /* the first time: into the table */
        MoList_Append(list, seen[i % 10]);
    }
    MoTraceMalloc_GetTracedMemory(&after, &peak);
    *bytes = after - before;
    for (int i = 0; i < 10; i++)
        Mo_DECREF(seen[i]);
    return list;
}

/* How many distinct objects the list holds (they come in runs of 10 values). */
static int distinct(MoObject *list)
{
    MoObject *ids = MoSet_New(NULL);
    for (Mo_ssize_t i = 0; i < MoList_Size(list); i++) {
        MoObject *id =
            MoLong_FromUnsignedLongLong(MoObject_Id(MoList_GetItem(list, i)));
        MoSet_Add(ids, id);
        Mo_DECREF(id);
    }
    int n = (int)MoSet_Size(ids);
    Mo_DECREF(ids);
    return n;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoTraceMalloc_Start(1);
    size_t plain_bytes, interned_bytes;
    MoObject *plain = build_plain(&plain_bytes);
    MoObject *interned = build_interned(&interned_bytes);
    printf("plain:    %d distinct str objects, %zu bytes traced\n", distinct(plain),
           plain_bytes);
    printf("interned: %d distinct str objects, %zu bytes traced\n",
           distinct(interned), interned_bytes);
    printf("saved:    %zu bytes, %.1f per string not made\n",
           plain_bytes - interned_bytes,
           (double)(plain_bytes - interned_bytes) / (N - 10));
    MoObject *one = MoList_GetItem(plain, 0);
    printf("getsizeof('category_0'): %zd\n", MoSys_GetSizeOf(one));
    Mo_DECREF(plain);
    Mo_DECREF(interned);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
