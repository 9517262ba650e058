/* Where blocks come from: a helper makes 1,000 ints for main; the traceback of one of
 * them, and statistics by traceback and by file after a filter keeps this file only.
 * Paths are printed as the file's stem, as the twin prints them. */
/* allocator: pymalloc */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static void show(const char *label, MoObject *o, MoObject *tb);

/* new: a list of the ints 1000 .. 1999. */
static MoObject *make_rows(void)
{
    MoObject *rows = MoList_New(0);
    for (long i = 1000; i < 2000; i++) { MoObject *v = MoLong_FromLong(i);
        MoList_Append(rows, v); Mo_DECREF(v); }
    return rows;
}

int main(void)
{
    Mo_Initialize(); Mo_DECREF(MoList_New(0));   /* a list on the free list, as in 3.11 */
    /* region main */
    MoTraceMalloc_Start(10);
    MoObject *rows = make_rows();
    MoObject *snap = MoTraceMalloc_TakeSnapshot();
    MoObject *tb = MoTraceMalloc_GetObjectTraceback(MoList_GetItem(rows, 500));
    for (Mo_ssize_t i = 0; i < MoObject_Length(tb); i++) {
        MoObject *frame = MoSequence_GetItem(tb, i);
        show("rows[500] was allocated at", frame, tb);
        Mo_DECREF(frame);
    }
    MoObject *filters = MoList_New(0), *mine = MoTraceMalloc_Filter(1, "*/08-traceback.*", 0, 0, -1);
    MoList_Append(filters, mine);
    MoObject *kept = MoSnapshot_FilterTraces(snap, filters);
    MoObject *by_tb = MoSnapshot_Statistics(kept, "traceback", 0);
    MoObject *by_file = MoSnapshot_Statistics(kept, "filename", 0);
    MoObject *top = MoList_GetItem(by_tb, 0), *top_tb = MoObject_GetAttrString(top, "traceback");
    show("largest by traceback", top, top_tb);
    show("by file", MoList_GetItem(by_file, 0), top_tb);
    /* endregion main */
    Mo_DECREF(top_tb); Mo_DECREF(by_file); Mo_DECREF(by_tb); Mo_DECREF(kept);
    Mo_DECREF(mine); Mo_DECREF(filters); Mo_DECREF(tb); Mo_DECREF(snap); Mo_DECREF(rows);
    MoTraceMalloc_Stop();
    return Mo_Finalize() == 0 ? 0 : 1;
}

/* Print "label: str(o)", every occurrence of the path of tb's first frame shortened to
   the file's stem: the C and Python files have different paths. */
static void show(const char *label, MoObject *o, MoObject *tb)
{
    MoObject *frame = MoSequence_GetItem(tb, 0), *file = MoObject_GetAttrString(frame, "filename");
    MoObject *s = MoObject_Str(o);
    const char *text = MoUnicode_AsUTF8(s), *path = MoUnicode_AsUTF8(file), *base = strrchr(path, '/'), *at;
    base = base ? base + 1 : path;
    int stem = strrchr(base, '.') ? (int)(strrchr(base, '.') - base) : (int)strlen(base);
    printf("%s: ", label);
    while ((at = strstr(text, path)) != NULL) {
        printf("%.*s%.*s", (int)(at - text), text, stem, base);
        text = at + strlen(path);
    }
    printf("%s\n", text);
    Mo_DECREF(s); Mo_DECREF(file); Mo_DECREF(frame);
}
