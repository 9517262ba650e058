/* The list-of-squares example of tracemalloc (facts §7, 07c), as an outside program:
 * start(1), a snapshot, 100,000 ints in a list, a snapshot, compare_to(old, "lineno").
 * The largest difference is the loop's line: 99,743 ints (0..256 are cached) plus
 * the list's item array; the list object itself comes from the free list, untraced.
 * The twin is squares.py: the file names differ, so both print a file's stem
 * ("squares"), and the loop sits on line 22 in both files.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static void show(const char *label, MoObject *o, MoObject *traceback);
static const char *yes(int b);

int main(void)
{
    Mo_Initialize();
    Mo_DECREF(MoList_New(0));   /* 3.11 starts with lists on its free list: so does Mo */
    MoTraceMalloc_Start(1);
    MoObject *old = MoTraceMalloc_TakeSnapshot();
    MoObject *x = MoList_New(0);
    for (long i = 0; i < 100000; i++) { MoObject *v = MoLong_FromLong(i); MoList_Append(x, v); Mo_DECREF(v); }
    MoObject *new = MoTraceMalloc_TakeSnapshot();
    printf("tracing: %s, traceback limit: %d\n", yes(MoTraceMalloc_IsTracing()), MoTraceMalloc_GetTracebackLimit());
    MoObject *diffs = MoSnapshot_CompareTo(new, old, "lineno", 0);
    MoObject *top = MoList_GetItem(diffs, 0), *top_tb = MoObject_GetAttrString(top, "traceback");
    show("largest difference", top, top_tb);
    MoObject *top_repr = MoObject_Repr(top);
    show("its repr", top_repr, top_tb);
    Mo_DECREF(top_repr);
    MoObject *tb = MoTraceMalloc_GetObjectTraceback(x);
    show("the list object was allocated at", tb, NULL);
    Mo_DECREF(tb);
    tb = MoTraceMalloc_GetObjectTraceback(MoList_GetItem(x, 1000));
    show("x[1000] was allocated at", tb, tb);
    Mo_DECREF(tb);
    size_t current, peak, current2, peak2, current3, peak3;
    MoTraceMalloc_GetTracedMemory(&current, &peak);
    Mo_DECREF(x);
    MoTraceMalloc_GetTracedMemory(&current2, &peak2);
    printf("freed more than 3 MB: %s\n", yes(current - current2 > 3000000));
    printf("the peak still counts the list: %s\n", yes(peak2 >= current));
    MoTraceMalloc_ResetPeak();
    MoTraceMalloc_GetTracedMemory(&current3, &peak3);
    printf("after reset_peak, the peak is below 1 MB: %s\n", yes(peak3 < 1000000));
    MoTraceMalloc_Stop();
    MoTraceMalloc_GetTracedMemory(&current3, &peak3);
    printf("after stop: (%zu, %zu)\n", current3, peak3);
    MoObject *none = MoTraceMalloc_TakeSnapshot();
    show("take_snapshot() after stop", none, NULL);
    Mo_DECREF(top_tb);
    Mo_DECREF(diffs);
    Mo_DECREF(new);
    Mo_DECREF(old);
    return Mo_Finalize() != 0;
}

/* Print "label: str(o)" with the path of traceback's first frame shortened to the
   file's stem; o NULL prints the pending exception as "Type: message". */
static void show(const char *label, MoObject *o, MoObject *traceback)
{
    if (o == NULL) {
        MoObject *exc = MoErr_GetRaisedException(), *msg = MoObject_Str(exc);
        printf("%s: %s: %s\n", label, Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
        Mo_DECREF(msg);
        Mo_DECREF(exc);
        return;
    }
    MoObject *s = MoObject_Str(o);
    const char *text = MoUnicode_AsUTF8(s), *at = NULL, *path = "";
    MoObject *frame = NULL, *filename = NULL;
    if (traceback != NULL) {
        frame = MoSequence_GetItem(traceback, 0);
        filename = MoObject_GetAttrString(frame, "filename");
        path = MoUnicode_AsUTF8(filename);
        at = strstr(text, path);
    }
    if (at == NULL) {
        printf("%s: %s\n", label, text);
    } else {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        const char *dot = strrchr(base, '.');
        int stem = dot ? (int)(dot - base) : (int)strlen(base);
        printf("%s: %.*s%.*s%s\n", label, (int)(at - text), text, stem, base, at + strlen(path));
    }
    Mo_XDECREF(filename);
    Mo_XDECREF(frame);
    Mo_DECREF(s);
}

static const char *yes(int b)
{
    return b ? "True" : "False";
}
