/* A cache that only grows: snapshots after 100 and after 200 requests, and what grew
 * between them, by line. Paths are printed as the file's stem, as the twin prints them. */
/* allocator: pymalloc */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static void show(MoObject *stat);
static MoObject *cache;

/* region handle */
/* new: request * 1000, computed once per request and kept for ever. */
static MoObject *handle(MoObject *request)
{
    MoObject *result = MoDict_GetItem(cache, request);   /* borrowed */
    if (result == NULL) {
        MoObject *thousand = MoLong_FromLong(1000);
        result = MoNumber_Multiply(request, thousand); MoDict_SetItem(cache, request, result); Mo_DECREF(result);
        Mo_DECREF(thousand);
    }
    return Mo_NewRef(result);
}
/* endregion handle */

static void serve(long first, long last)
{
    for (long i = first; i < last; i++) { MoObject *request = MoLong_FromLong(i);
        MoObject *answer = handle(request); Mo_DECREF(answer); Mo_DECREF(request); }
}

int main(void)
{
    Mo_Initialize();
    cache = MoDict_New();
    MoTraceMalloc_Start(1);
    serve(1000, 1100);
    MoObject *snap_1 = MoTraceMalloc_TakeSnapshot();
    serve(1100, 1200);
    MoObject *snap_2 = MoTraceMalloc_TakeSnapshot();
    MoObject *diffs = MoSnapshot_CompareTo(snap_2, snap_1, "lineno", 0);
    for (Mo_ssize_t i = 0; i < MoList_Size(diffs); i++) {   /* lines with one more block per request */
        MoObject *stat = MoList_GetItem(diffs, i), *count_diff = MoObject_GetAttrString(stat, "count_diff");
        if (MoLong_AsLong(count_diff) == 100)
            show(stat);
        Mo_DECREF(count_diff);
    }
    Mo_DECREF(diffs); Mo_DECREF(snap_2); Mo_DECREF(snap_1); Mo_DECREF(cache);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}

/* Print str(stat), its path shortened to the file's stem. */
static void show(MoObject *stat)
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
