/* example_tracemalloc.py in C: 10,000 squares, two snapshots, the largest difference. */
/* allocator: pymalloc */
#include "mo.h"
#include <stdio.h>
#include <string.h>
static void show_stem(MoObject *stat);
int main(void) {
    /* region main */
    Mo_Initialize(); Mo_DECREF(MoList_New(0));   /* a list on the free list, as in 3.11 */
    MoTraceMalloc_Start(10);
    MoObject *snap_1 = MoTraceMalloc_TakeSnapshot(), *bunch_of_numbers = MoList_New(0);
    for (long x = 0; x < 10000; x++) { MoObject *v = MoLong_FromLong(x * x); MoList_Append(bunch_of_numbers, v); Mo_DECREF(v); }
    MoObject *snap_2 = MoTraceMalloc_TakeSnapshot();
    MoObject *inventory = MoSnapshot_CompareTo(snap_2, snap_1, "lineno", 0);
    show_stem(MoList_GetItem(inventory, 0));
    /* endregion main */
    Mo_DECREF(inventory); Mo_DECREF(snap_2); Mo_DECREF(snap_1); Mo_DECREF(bunch_of_numbers);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}

/* Print str(stat) with its first frame's path shortened to the file's stem, as the
   twin does: the C and Python files have different paths. */
static void show_stem(MoObject *stat)
{
    MoObject *tb = MoObject_GetAttrString(stat, "traceback"), *frame = MoSequence_GetItem(tb, 0);
    MoObject *file = MoObject_GetAttrString(frame, "filename"), *s = MoObject_Str(stat);
    const char *text = MoUnicode_AsUTF8(s), *path = MoUnicode_AsUTF8(file), *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *at = strstr(text, path), *dot = strrchr(base, '.');
    int stem = dot ? (int)(dot - base) : (int)strlen(base);
    if (at) printf("%.*s%.*s%s\n", (int)(at - text), text, stem, base, at + strlen(path));
    else printf("%s\n", text);
    Mo_DECREF(s); Mo_DECREF(file); Mo_DECREF(frame); Mo_DECREF(tb);
}
