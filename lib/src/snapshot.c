/* Snapshots of the traces, and what Lib/tracemalloc.py computes from them:
 * statistics grouped by file, line or whole traceback, differences between two
 * snapshots, filters, and the text of each result in tracemalloc's exact format.
 *
 * A Snapshot owns a copy of the trace table (tracemalloc.c's traces_copy): traces
 * (size, domain, traceback index) and tracebacks of raw return addresses, most
 * recent first. Nothing is turned into file:line until the snapshot is read.
 *
 * Grouping (snapshot_group), as Snapshot._group_by:
 *  1. each trace's key is a list of locations, oldest first: its most recent frame
 *     ("lineno"), that frame's file with line 0 ("filename"), or its whole
 *     traceback ("traceback"); with cumulative=True, each frame of the traceback is
 *     a key of its own, so a block counts once per frame;
 *  2. equal keys share one group (a hash table over the keys: file names are
 *     interned by frames.c, so a location compares by pointer and line);
 *  3. each group adds up the sizes and counts of its traces.
 * statistics() sorts the groups descending by (size, count, traceback);
 * compare_to() pairs the groups of two snapshots by key (a key in only one side
 * pairs with zeros) and sorts descending by (|size_diff|, size, |count_diff|, count,
 * traceback). Tracebacks compare as tuples of (filename, lineno), oldest first.
 *
 * Objects, as tracemalloc.py's classes: Frame (filename, lineno), Traceback (a
 * sequence of Frames, oldest first; str() is its first frame), Statistic,
 * StatisticDiff, Trace and Traces (snapshot.traces), Filter and DomainFilter.
 *
 * Start reading at snapshot_group, then statistics_build and compare_build.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tracemalloc_internal.h"

MoTypeObject MoTraceFrame_Type, MoTraceTraceback_Type, MoTraceStatistic_Type, MoTraceStatisticDiff_Type,
    MoTraceTrace_Type, MoTraceTraces_Type, MoTraceSnapshot_Type, MoTraceFilter_Type, MoTraceDomainFilter_Type;

/* The types are readied when first needed (Mo_Finalize un-readies them). */
static int ready_types(void)
{
    MoTypeObject *types[] = {
        &MoTraceFrame_Type, &MoTraceTraceback_Type, &MoTraceStatistic_Type, &MoTraceStatisticDiff_Type,
        &MoTraceTrace_Type, &MoTraceTraces_Type, &MoTraceSnapshot_Type, &MoTraceFilter_Type,
        &MoTraceDomainFilter_Type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (MoType_Ready(types[i]) < 0)
            return -1;
    return 0;
}

/* ================================================================ sizes */

/* region format_size */
int _MoTraceMalloc_FormatSize(char *buf, size_t bufsize, double size, int sign)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    for (int u = 0;; u++) {
        if (fabs(size) < 100 && u != 0)
            return snprintf(buf, bufsize, sign ? "%+.1f %s" : "%.1f %s", size, units[u]);
        if (fabs(size) < 10 * 1024 || u == 4)
            return snprintf(buf, bufsize, sign ? "%+.0f %s" : "%.0f %s", size, units[u]);
        size /= 1024;
    }
}
/* endregion format_size */

/* ================================================================ Frame */

typedef struct {
    MoObject_HEAD
    MoObject *filename;          /* str */
    int lineno;
} frameobject;

/* new: a Frame for a location (its file name interned as a str). */
static MoObject *frame_new(_MoFrameLoc loc)
{
    MoObject *filename = MoUnicode_InternFromString(loc.filename);
    if (filename == NULL)
        return NULL;
    frameobject *f = MoObject_New(frameobject, &MoTraceFrame_Type);
    if (f == NULL) {
        Mo_DECREF(filename);
        return NULL;
    }
    f->filename = filename;
    f->lineno = loc.lineno;
    return (MoObject *)f;
}

static void frame_dealloc(MoObject *self)
{
    Mo_DECREF(((frameobject *)self)->filename);
    Mo_TYPE(self)->tp_free(self);
}

static MoObject *frame_str(MoObject *self)
{
    frameobject *f = (frameobject *)self;
    return MoUnicode_FromFormat("%U:%d", f->filename, f->lineno);
}

static MoObject *frame_repr(MoObject *self)
{
    frameobject *f = (frameobject *)self;
    return MoUnicode_FromFormat("<Frame filename=%R lineno=%d>", f->filename, f->lineno);
}

/* Frames order as the tuples (filename, lineno). */
static int frame_cmp(frameobject *a, frameobject *b)
{
    int c = strcmp(MoUnicode_AsUTF8(a->filename), MoUnicode_AsUTF8(b->filename));
    if (c == 0)
        c = (a->lineno > b->lineno) - (a->lineno < b->lineno);
    return c;
}

static MoObject *richcompare_result(int c, int op)
{
    int r;
    switch (op) {
    case MO_LT: r = c < 0; break;
    case MO_LE: r = c <= 0; break;
    case MO_EQ: r = c == 0; break;
    case MO_NE: r = c != 0; break;
    case MO_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return MoBool_FromLong(r);
}

static MoObject *frame_richcompare(MoObject *a, MoObject *b, int op)
{
    if (!Mo_IS_TYPE(a, &MoTraceFrame_Type) || !Mo_IS_TYPE(b, &MoTraceFrame_Type))
        Mo_RETURN_NOTIMPLEMENTED;
    return richcompare_result(frame_cmp((frameobject *)a, (frameobject *)b), op);
}

/* hash((filename, lineno)), as Frame.__hash__. */
static Mo_hash_t frame_hash(MoObject *self)
{
    frameobject *f = (frameobject *)self;
    MoObject *t = Mo_BuildValue("(Oi)", f->filename, f->lineno);
    if (t == NULL)
        return -1;
    Mo_hash_t h = MoObject_Hash(t);
    Mo_DECREF(t);
    return h;
}

static MoObject *frame_get_filename(MoObject *self, void *closure)
{
    (void)closure;
    return Mo_NewRef(((frameobject *)self)->filename);
}

static MoObject *frame_get_lineno(MoObject *self, void *closure)
{
    (void)closure;
    return MoLong_FromLong(((frameobject *)self)->lineno);
}

static MoGetSetDef frame_getset[] = {
    { "filename", frame_get_filename, NULL, NULL, NULL },
    { "lineno", frame_get_lineno, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MoTypeObject MoTraceFrame_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.Frame",
    .tp_basicsize = sizeof(frameobject),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_str = frame_str,
    .tp_hash = frame_hash,
    .tp_richcompare = frame_richcompare,
    .tp_getset = frame_getset,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "Frame of a traceback.",
};

/* ============================================================ Traceback */

typedef struct {
    MoObject_HEAD
    MoObject *frames;            /* tuple of Frame, oldest first */
    Mo_ssize_t total_nframe;     /* -1: None */
} tracebackobject;

/* new: a Traceback of n locations given oldest first. */
static MoObject *traceback_from_locs(const _MoFrameLoc *locs, Mo_ssize_t n, Mo_ssize_t total_nframe)
{
    if (ready_types() < 0)
        return NULL;
    MoObject *frames = MoTuple_New(n);
    if (frames == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *f = frame_new(locs[i]);
        if (f == NULL) {
            Mo_DECREF(frames);
            return NULL;
        }
        MoTuple_SetItem(frames, i, f);
    }
    tracebackobject *tb = MoObject_New(tracebackobject, &MoTraceTraceback_Type);
    if (tb == NULL) {
        Mo_DECREF(frames);
        return NULL;
    }
    tb->frames = frames;
    tb->total_nframe = total_nframe;
    return (MoObject *)tb;
}

/* new: a Traceback of n return addresses given most recent first. */
static MoObject *traceback_from_pcs(const uintptr_t *pcs, Mo_ssize_t n, Mo_ssize_t total_nframe)
{
    _MoFrameLoc *locs = MoMem_New(_MoFrameLoc, n);
    if (locs == NULL)
        return MoErr_NoMemory();
    for (Mo_ssize_t i = 0; i < n; i++)
        locs[i] = _MoFrames_Resolve(pcs[n - 1 - i]);
    MoObject *tb = traceback_from_locs(locs, n, total_nframe);
    MoMem_Free(locs);
    return tb;
}

MoObject *_MoTraceback_FromPCs(const uintptr_t *pcs, int n, int total_nframe)
{
    return traceback_from_pcs(pcs, n, total_nframe);
}

static void traceback_dealloc(MoObject *self)
{
    Mo_DECREF(((tracebackobject *)self)->frames);
    Mo_TYPE(self)->tp_free(self);
}

static Mo_ssize_t traceback_length(MoObject *self)
{
    return MoTuple_Size(((tracebackobject *)self)->frames);
}

static MoObject *traceback_item(MoObject *self, Mo_ssize_t i)
{
    MoObject *frames = ((tracebackobject *)self)->frames;
    if (i < 0 || i >= MoTuple_Size(frames)) {
        MoErr_SetString(MoExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return Mo_NewRef(MoTuple_GetItem(frames, i));
}

static MoObject *traceback_iter(MoObject *self)
{
    return MoObject_GetIter(((tracebackobject *)self)->frames);
}

/* str(self[0]): the oldest frame. */
static MoObject *traceback_str(MoObject *self)
{
    MoObject *first = traceback_item(self, 0);
    if (first == NULL)
        return NULL;
    MoObject *s = MoObject_Str(first);
    Mo_DECREF(first);
    return s;
}

static MoObject *traceback_repr(MoObject *self)
{
    tracebackobject *tb = (tracebackobject *)self;
    if (tb->total_nframe < 0)
        return MoUnicode_FromFormat("<Traceback %R>", tb->frames);
    return MoUnicode_FromFormat("<Traceback %R total_nframe=%zd>", tb->frames, tb->total_nframe);
}

static MoObject *traceback_richcompare(MoObject *a, MoObject *b, int op)
{
    if (!Mo_IS_TYPE(a, &MoTraceTraceback_Type) || !Mo_IS_TYPE(b, &MoTraceTraceback_Type))
        Mo_RETURN_NOTIMPLEMENTED;
    return MoObject_RichCompare(((tracebackobject *)a)->frames, ((tracebackobject *)b)->frames, op);
}

static Mo_hash_t traceback_hash(MoObject *self)
{
    return MoObject_Hash(((tracebackobject *)self)->frames);
}

static MoObject *traceback_get_total_nframe(MoObject *self, void *closure)
{
    (void)closure;
    tracebackobject *tb = (tracebackobject *)self;
    if (tb->total_nframe < 0)
        Mo_RETURN_NONE;
    return MoLong_FromSsize_t(tb->total_nframe);
}

/* new: line lineno of the file, stripped of surrounding white space, as
   linecache.getline(...).strip(); "" when the file or the line is missing. */
static MoObject *source_line(const char *filename, int lineno)
{
    FILE *f = lineno > 0 ? fopen(filename, "r") : NULL;
    if (f == NULL)
        return MoUnicode_FromString("");
    int c, line = 1;
    while (line < lineno && (c = getc(f)) != EOF)
        line += c == '\n';
    size_t n = 0, cap = 128;
    char *buf = MoMem_Malloc(cap);
    while (buf != NULL && line == lineno && (c = getc(f)) != EOF && c != '\n') {
        if (n + 2 > cap) {
            char *bigger = MoMem_Realloc(buf, cap *= 2);
            if (bigger == NULL)
                MoMem_Free(buf);
            buf = bigger;
            if (buf == NULL)
                break;
        }
        buf[n++] = (char)c;
    }
    fclose(f);
    if (buf == NULL)
        return MoErr_NoMemory();
    size_t start = 0;
    while (start < n && strchr(" \t\r\f\v", buf[start]) != NULL)
        start++;
    while (n > start && strchr(" \t\r\f\v", buf[n - 1]) != NULL)
        n--;
    buf[n] = '\0';
    MoObject *s = MoUnicode_FromString(buf + start);
    MoMem_Free(buf);
    return s;
}

/* Append '  File "name", line n' and, when the source line can be read, the line
   indented by 4. 0, or -1 with an exception. */
static int format_frame(MoObject *lines, frameobject *f)
{
    MoObject *head = MoUnicode_FromFormat("  File \"%U\", line %d", f->filename, f->lineno);
    if (head == NULL || MoList_Append(lines, head) < 0) {
        Mo_XDECREF(head);
        return -1;
    }
    Mo_DECREF(head);
    MoObject *src = source_line(MoUnicode_AsUTF8(f->filename), f->lineno);
    if (src == NULL)
        return -1;
    int r = 0;
    if (MoUnicode_GetLength(src) > 0) {
        MoObject *body = MoUnicode_FromFormat("    %U", src);
        r = body == NULL || MoList_Append(lines, body) < 0 ? -1 : 0;
        Mo_XDECREF(body);
    }
    Mo_DECREF(src);
    return r;
}

/* Traceback.format(limit=None, most_recent_first=False): a list of lines,
   '  File "name", line n' and the source line indented by 4. */
static MoObject *traceback_format(MoObject *self, MoObject *args)
{
    MoObject *limit_obj = Mo_None, *mrf_obj = Mo_False;
    if (!MoArg_UnpackTuple(args, "format", 0, 2, &limit_obj, &mrf_obj))
        return NULL;
    MoObject *frames = ((tracebackobject *)self)->frames;
    Mo_ssize_t n = MoTuple_Size(frames), lo = 0, hi = n;
    if (!Mo_IsNone(limit_obj)) {
        Mo_ssize_t limit = MoLong_AsSsize_t(limit_obj);
        if (limit == -1 && MoErr_Occurred())
            return NULL;
        if (limit > 0)
            lo = limit < n ? n - limit : 0;           /* self[-limit:] */
        else
            hi = n + limit > 0 ? n + limit : 0;       /* self[:limit] */
    }
    int most_recent_first = MoObject_IsTrue(mrf_obj);
    if (most_recent_first < 0)
        return NULL;
    MoObject *lines = MoList_New(0);
    for (Mo_ssize_t k = lo; lines != NULL && k < hi; k++) {
        frameobject *f = (frameobject *)MoTuple_GetItem(frames, most_recent_first ? hi - 1 - (k - lo) : k);
        if (format_frame(lines, f) < 0)
            Mo_CLEAR(lines);
    }
    return lines;
}

static MoSequenceMethods traceback_as_sequence = {
    .sq_length = traceback_length,
    .sq_item = traceback_item,
};

static MoGetSetDef traceback_getset[] = {
    { "total_nframe", traceback_get_total_nframe, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

static MoMethodDef traceback_methods[] = {
    { "format", traceback_format, MO_METH_VARARGS, "format(limit=None, most_recent_first=False)" },
    { NULL, NULL, 0, NULL },
};

MoTypeObject MoTraceTraceback_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.Traceback",
    .tp_basicsize = sizeof(tracebackobject),
    .tp_dealloc = traceback_dealloc,
    .tp_repr = traceback_repr,
    .tp_str = traceback_str,
    .tp_hash = traceback_hash,
    .tp_richcompare = traceback_richcompare,
    .tp_as_sequence = &traceback_as_sequence,
    .tp_iter = traceback_iter,
    .tp_getset = traceback_getset,
    .tp_methods = traceback_methods,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_SEQUENCE,
    .tp_doc = "Sequence of Frame instances sorted from the oldest frame to the most recent frame.",
};

/* ======================================================= Statistic(Diff) */

typedef struct {
    MoObject_HEAD
    MoObject *traceback;
    Mo_ssize_t size, count;
    Mo_ssize_t size_diff, count_diff;   /* StatisticDiff only */
} statobject;

/* new: a Statistic (diff 0) or a StatisticDiff; steals traceback. */
static MoObject *stat_new(MoTypeObject *t, MoObject *traceback, Mo_ssize_t size, Mo_ssize_t size_diff,
                          Mo_ssize_t count, Mo_ssize_t count_diff)
{
    statobject *s = MoObject_New(statobject, t);
    if (s == NULL) {
        Mo_DECREF(traceback);
        return NULL;
    }
    s->traceback = traceback;
    s->size = size;
    s->count = count;
    s->size_diff = size_diff;
    s->count_diff = count_diff;
    return (MoObject *)s;
}

static void stat_dealloc(MoObject *self)
{
    Mo_DECREF(((statobject *)self)->traceback);
    Mo_TYPE(self)->tp_free(self);
}

/* region statistic_str */
/* "tb: size=S[ (+D)], count=N[ (+M)][, average=A]", as Statistic.__str__ and
   StatisticDiff.__str__: the average is size / count, a float. */
static MoObject *stat_str(MoObject *self)
{
    statobject *s = (statobject *)self;
    int diff = Mo_IS_TYPE(self, &MoTraceStatisticDiff_Type);
    char size[32], size_diff[40], count_diff[32] = "", average[48] = "";
    _MoTraceMalloc_FormatSize(size, sizeof size, (double)s->size, 0);
    if (diff) {
        char d[32];
        _MoTraceMalloc_FormatSize(d, sizeof d, (double)s->size_diff, 1);
        snprintf(size_diff, sizeof size_diff, " (%s)", d);
        snprintf(count_diff, sizeof count_diff, " (%+zd)", s->count_diff);
    } else {
        size_diff[0] = '\0';
    }
    if (s->count != 0) {
        char a[32];
        _MoTraceMalloc_FormatSize(a, sizeof a, (double)s->size / (double)s->count, 0);
        snprintf(average, sizeof average, ", average=%s", a);
    }
    return MoUnicode_FromFormat("%S: size=%s%s, count=%zd%s%s", s->traceback, size, size_diff, s->count,
                                count_diff, average);
}
/* endregion statistic_str */

static MoObject *stat_repr(MoObject *self)
{
    statobject *s = (statobject *)self;
    if (Mo_IS_TYPE(self, &MoTraceStatisticDiff_Type)) {
        char size_diff[32], count_diff[32];
        snprintf(size_diff, sizeof size_diff, "%+zd", s->size_diff);
        snprintf(count_diff, sizeof count_diff, "%+zd", s->count_diff);
        return MoUnicode_FromFormat("<StatisticDiff traceback=%R size=%zd (%s) count=%zd (%s)>", s->traceback,
                                    s->size, size_diff, s->count, count_diff);
    }
    return MoUnicode_FromFormat("<Statistic traceback=%R size=%zd count=%zd>", s->traceback, s->size, s->count);
}

static MoObject *stat_richcompare(MoObject *a, MoObject *b, int op)
{
    if (Mo_TYPE(a) != Mo_TYPE(b) || (op != MO_EQ && op != MO_NE))
        Mo_RETURN_NOTIMPLEMENTED;
    statobject *x = (statobject *)a, *y = (statobject *)b;
    int eq = x->size == y->size && x->count == y->count && x->size_diff == y->size_diff &&
             x->count_diff == y->count_diff;
    if (eq) {
        eq = MoObject_RichCompareBool(x->traceback, y->traceback, MO_EQ);
        if (eq < 0)
            return NULL;
    }
    return MoBool_FromLong(op == MO_EQ ? eq : !eq);
}

/* hash((traceback, size, count)) or, for a diff, of all five fields. */
static Mo_hash_t stat_hash(MoObject *self)
{
    statobject *s = (statobject *)self;
    MoObject *t = Mo_IS_TYPE(self, &MoTraceStatisticDiff_Type)
                      ? Mo_BuildValue("(Onnnn)", s->traceback, s->size, s->size_diff, s->count, s->count_diff)
                      : Mo_BuildValue("(Onn)", s->traceback, s->size, s->count);
    if (t == NULL)
        return -1;
    Mo_hash_t h = MoObject_Hash(t);
    Mo_DECREF(t);
    return h;
}

static MoMemberDef statistic_members[] = {
    { "traceback", MO_T_OBJECT, offsetof(statobject, traceback), MO_READONLY, NULL },
    { "size", MO_T_PYSSIZET, offsetof(statobject, size), MO_READONLY, NULL },
    { "count", MO_T_PYSSIZET, offsetof(statobject, count), MO_READONLY, NULL },
    { NULL, 0, 0, 0, NULL },
};

static MoMemberDef statisticdiff_members[] = {
    { "traceback", MO_T_OBJECT, offsetof(statobject, traceback), MO_READONLY, NULL },
    { "size", MO_T_PYSSIZET, offsetof(statobject, size), MO_READONLY, NULL },
    { "size_diff", MO_T_PYSSIZET, offsetof(statobject, size_diff), MO_READONLY, NULL },
    { "count", MO_T_PYSSIZET, offsetof(statobject, count), MO_READONLY, NULL },
    { "count_diff", MO_T_PYSSIZET, offsetof(statobject, count_diff), MO_READONLY, NULL },
    { NULL, 0, 0, 0, NULL },
};

MoTypeObject MoTraceStatistic_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.Statistic",
    .tp_basicsize = sizeof(statobject),
    .tp_dealloc = stat_dealloc,
    .tp_repr = stat_repr,
    .tp_str = stat_str,
    .tp_hash = stat_hash,
    .tp_richcompare = stat_richcompare,
    .tp_members = statistic_members,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "Statistic on memory allocations.",
};

MoTypeObject MoTraceStatisticDiff_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.StatisticDiff",
    .tp_basicsize = sizeof(statobject),
    .tp_dealloc = stat_dealloc,
    .tp_repr = stat_repr,
    .tp_str = stat_str,
    .tp_hash = stat_hash,
    .tp_richcompare = stat_richcompare,
    .tp_members = statisticdiff_members,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "Statistic difference on memory allocations between an old and a new Snapshot instance.",
};

/* ============================================================== Snapshot */

typedef struct {
    MoObject_HEAD
    _MoTraceTable table;
    int traceback_limit;
} snapshotobject;

MoObject *_MoSnapshot_FromTable(_MoTraceTable *table, int traceback_limit)
{
    if (ready_types() < 0) {
        _MoTraceTable_Clear(table);
        return NULL;
    }
    snapshotobject *s = MoObject_New(snapshotobject, &MoTraceSnapshot_Type);
    if (s == NULL) {
        _MoTraceTable_Clear(table);
        return NULL;
    }
    s->table = *table;
    s->traceback_limit = traceback_limit;
    memset(table, 0, sizeof *table);
    return (MoObject *)s;
}

static void snapshot_dealloc(MoObject *self)
{
    _MoTraceTable_Clear(&((snapshotobject *)self)->table);
    Mo_TYPE(self)->tp_free(self);
}

static int snapshot_check(MoObject *o, const char *what)
{
    if (o != NULL && Mo_IS_TYPE(o, &MoTraceSnapshot_Type))
        return 0;
    MoErr_Format(MoExc_TypeError, "%s must be a tracemalloc.Snapshot, not %s", what,
                 o != NULL ? Mo_TYPE(o)->tp_name : "NULL");
    return -1;
}

/* -------------------------------------------------------------- grouping */

enum { KEY_FILENAME, KEY_LINENO, KEY_TRACEBACK };

typedef struct {
    Mo_ssize_t first, len;       /* the key: keys[first .. first + len), oldest first */
    Mo_ssize_t size, count;
} group_t;

typedef struct {
    group_t *groups;
    Mo_ssize_t ngroups, groups_cap;
    _MoFrameLoc *keys;
    Mo_ssize_t nkeys, keys_cap;
    Mo_ssize_t *slots;           /* open addressing: group index + 1, 0 = empty */
    size_t nslots;
} grouping;

static void grouping_clear(grouping *g)
{
    MoMem_Free(g->groups);
    MoMem_Free(g->keys);
    MoMem_Free(g->slots);
    memset(g, 0, sizeof *g);
}

static size_t key_hash(const _MoFrameLoc *key, Mo_ssize_t len)
{
    size_t h = (size_t)len * 0x9E3779B97F4A7C15ULL;
    for (Mo_ssize_t i = 0; i < len; i++) {
        h = (h ^ ((uintptr_t)key[i].filename >> 3)) * 0x100000001b3ULL;
        h = (h ^ (size_t)(unsigned)key[i].lineno) * 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

static int key_equal(const _MoFrameLoc *a, const _MoFrameLoc *b, Mo_ssize_t len)
{
    for (Mo_ssize_t i = 0; i < len; i++)
        if (a[i].filename != b[i].filename || a[i].lineno != b[i].lineno)
            return 0;
    return 1;
}

/* Tracebacks order as tuples of (filename, lineno), oldest first. */
static int key_compare(const _MoFrameLoc *a, Mo_ssize_t na, const _MoFrameLoc *b, Mo_ssize_t nb)
{
    for (Mo_ssize_t i = 0; i < na && i < nb; i++) {
        if (a[i].filename != b[i].filename) {
            int c = strcmp(a[i].filename, b[i].filename);
            if (c != 0)
                return c < 0 ? -1 : 1;
        }
        if (a[i].lineno != b[i].lineno)
            return a[i].lineno < b[i].lineno ? -1 : 1;
    }
    return (na > nb) - (na < nb);
}

/* The group whose key equals key[0..len), or -1. */
static Mo_ssize_t grouping_find(const grouping *g, const _MoFrameLoc *key, Mo_ssize_t len)
{
    if (g->nslots == 0)
        return -1;
    size_t mask = g->nslots - 1;
    for (size_t i = key_hash(key, len) & mask; g->slots[i] != 0; i = (i + 1) & mask) {
        const group_t *gr = &g->groups[g->slots[i] - 1];
        if (gr->len == len && key_equal(g->keys + gr->first, key, len))
            return g->slots[i] - 1;
    }
    return -1;
}

static int grouping_rehash(grouping *g)
{
    size_t nslots = g->nslots ? g->nslots * 2 : 64;
    Mo_ssize_t *slots = MoMem_Calloc(nslots, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (Mo_ssize_t k = 0; k < g->ngroups; k++) {
        size_t i = key_hash(g->keys + g->groups[k].first, g->groups[k].len) & (nslots - 1);
        while (slots[i] != 0)
            i = (i + 1) & (nslots - 1);
        slots[i] = k + 1;
    }
    MoMem_Free(g->slots);
    g->slots = slots;
    g->nslots = nslots;
    return 0;
}

/* Room for n more key locations at the end of g->keys; NULL if out of memory. */
static _MoFrameLoc *grouping_key_space(grouping *g, Mo_ssize_t n)
{
    if (g->nkeys + n > g->keys_cap) {
        Mo_ssize_t cap = g->keys_cap ? g->keys_cap : 64;
        while (cap < g->nkeys + n)
            cap *= 2;
        _MoFrameLoc *keys = MoMem_Realloc(g->keys, (size_t)cap * sizeof *keys);
        if (keys == NULL)
            return NULL;
        g->keys = keys;
        g->keys_cap = cap;
    }
    return g->keys + g->nkeys;
}

/* The group of the key just written at g->keys[g->nkeys .. + len): an existing
   one (the written key is dropped) or a new one. -1 if out of memory. */
static Mo_ssize_t grouping_intern(grouping *g, Mo_ssize_t len)
{
    const _MoFrameLoc *key = g->keys + g->nkeys;
    Mo_ssize_t k = grouping_find(g, key, len);
    if (k >= 0)
        return k;
    if (((size_t)g->ngroups + 1) * 2 > g->nslots && grouping_rehash(g) < 0)
        return -1;
    if (g->ngroups == g->groups_cap) {
        Mo_ssize_t cap = g->groups_cap ? g->groups_cap * 2 : 64;
        group_t *groups = MoMem_Realloc(g->groups, (size_t)cap * sizeof *groups);
        if (groups == NULL)
            return -1;
        g->groups = groups;
        g->groups_cap = cap;
    }
    k = g->ngroups++;
    g->groups[k] = (group_t){ g->nkeys, len, 0, 0 };
    g->nkeys += len;
    size_t mask = g->nslots - 1, i = key_hash(key, len) & mask;
    while (g->slots[i] != 0)
        i = (i + 1) & mask;
    g->slots[i] = k + 1;
    return k;
}

/* The group of the key made from one frame: (filename, lineno) or (filename, 0). */
static Mo_ssize_t group_of_frame(grouping *g, uintptr_t pc, int key_type)
{
    _MoFrameLoc *key = grouping_key_space(g, 1);
    if (key == NULL)
        return -1;
    *key = _MoFrames_Resolve(pc);
    if (key_type == KEY_FILENAME)
        key->lineno = 0;
    return grouping_intern(g, 1);
}

/* The group of a whole traceback of n frames (pcs most recent first). */
static Mo_ssize_t group_of_traceback(grouping *g, const uintptr_t *pcs, Mo_ssize_t n)
{
    _MoFrameLoc *key = grouping_key_space(g, n);
    if (key == NULL)
        return -1;
    for (Mo_ssize_t i = 0; i < n; i++)
        key[i] = _MoFrames_Resolve(pcs[n - 1 - i]);
    return grouping_intern(g, n);
}

static int parse_key_type(const char *key_type, int cumulative)
{
    int kt;
    if (key_type != NULL && strcmp(key_type, "filename") == 0)
        kt = KEY_FILENAME;
    else if (key_type != NULL && strcmp(key_type, "lineno") == 0)
        kt = KEY_LINENO;
    else if (key_type != NULL && strcmp(key_type, "traceback") == 0)
        kt = KEY_TRACEBACK;
    else {
        MoErr_Format(MoExc_ValueError, "unknown key_type: '%s'", key_type != NULL ? key_type : "None");
        return -1;
    }
    if (cumulative && kt == KEY_TRACEBACK) {
        MoErr_SetString(MoExc_ValueError, "cumulative mode cannot by used with key type 'traceback'");
        return -1;
    }
    return kt;
}

/* region snapshot_group */
/* Group the snapshot's traces by key (see the file's comment). Each traceback's
   key (or, when cumulative, each of its frames' keys) is computed once, the first
   time a trace refers to it. 0, or -1 with MemoryError. */
static int snapshot_group(snapshotobject *s, int key_type, int cumulative, grouping *g)
{
    const _MoTraceTable *t = &s->table;
    memset(g, 0, sizeof *g);
    /* memo[traceback] (or memo[pc index] when cumulative): group + 1, 0 = not yet */
    Mo_ssize_t nmemo = cumulative ? t->npcs : t->ntracebacks;
    Mo_ssize_t *memo = MoMem_Calloc((size_t)nmemo + 1, sizeof *memo);
    if (memo == NULL)
        goto nomemory;
    for (Mo_ssize_t i = 0; i < t->ntraces; i++) {
        const _MoTraceCopy *tr = &t->traces[i];
        const _MoTracebackCopy *tb = &t->tracebacks[tr->traceback];
        const uintptr_t *pcs = t->pcs + tb->first;
        if (!cumulative) {
            Mo_ssize_t *m = &memo[tr->traceback];
            if (*m == 0) {
                Mo_ssize_t k = key_type == KEY_TRACEBACK ? group_of_traceback(g, pcs, tb->nframe)
                                                         : group_of_frame(g, pcs[0], key_type);
                if (k < 0)
                    goto nomemory;
                *m = k + 1;
            }
            g->groups[*m - 1].size += (Mo_ssize_t)tr->size;
            g->groups[*m - 1].count++;
            continue;
        }
        for (uint32_t f = 0; f < tb->nframe; f++) {
            Mo_ssize_t *m = &memo[tb->first + f];
            if (*m == 0) {
                Mo_ssize_t k = group_of_frame(g, pcs[f], key_type);
                if (k < 0)
                    goto nomemory;
                *m = k + 1;
            }
            g->groups[*m - 1].size += (Mo_ssize_t)tr->size;
            g->groups[*m - 1].count++;
        }
    }
    MoMem_Free(memo);
    return 0;
nomemory:
    MoMem_Free(memo);
    grouping_clear(g);
    MoErr_NoMemory();
    return -1;
}
/* endregion snapshot_group */

/* ------------------------------------------------ statistics and compare_to */

/* One line of a result, before it becomes an object. */
typedef struct {
    Mo_ssize_t size, size_diff, count, count_diff;
    const _MoFrameLoc *key;
    Mo_ssize_t len;
} stat_item;

static Mo_ssize_t ssize_abs(Mo_ssize_t x) { return x < 0 ? -x : x; }
#define CMP3(a, b) (((a) > (b)) - ((a) < (b)))

/* Descending by (size, count, traceback). */
static int statistic_order(const void *pa, const void *pb)
{
    const stat_item *a = pa, *b = pb;
    int c = CMP3(b->size, a->size);
    if (c == 0)
        c = CMP3(b->count, a->count);
    return c != 0 ? c : key_compare(b->key, b->len, a->key, a->len);
}

/* Descending by (|size_diff|, size, |count_diff|, count, traceback). */
static int statistic_diff_order(const void *pa, const void *pb)
{
    const stat_item *a = pa, *b = pb;
    int c = CMP3(ssize_abs(b->size_diff), ssize_abs(a->size_diff));
    if (c == 0)
        c = CMP3(b->size, a->size);
    if (c == 0)
        c = CMP3(ssize_abs(b->count_diff), ssize_abs(a->count_diff));
    if (c == 0)
        c = CMP3(b->count, a->count);
    return c != 0 ? c : key_compare(b->key, b->len, a->key, a->len);
}

/* new: the list of Statistic (or StatisticDiff) objects for the sorted items. */
static MoObject *items_to_list(const stat_item *items, Mo_ssize_t n, MoTypeObject *t)
{
    MoObject *list = MoList_New(n);
    if (list == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++) {
        const stat_item *it = &items[i];
        MoObject *tb = traceback_from_locs(it->key, it->len, -1);
        MoObject *stat = tb != NULL ? stat_new(t, tb, it->size, it->size_diff, it->count, it->count_diff) : NULL;
        if (stat == NULL) {
            Mo_DECREF(list);
            return NULL;
        }
        MoList_SetItem(list, i, stat);
    }
    return list;
}

/* region statistics */
static MoObject *statistics_build(snapshotobject *s, int key_type, int cumulative)
{
    grouping g;
    if (snapshot_group(s, key_type, cumulative, &g) < 0)
        return NULL;
    stat_item *items = MoMem_New(stat_item, g.ngroups);
    if (items == NULL) {
        grouping_clear(&g);
        return MoErr_NoMemory();
    }
    for (Mo_ssize_t k = 0; k < g.ngroups; k++) {
        const group_t *gr = &g.groups[k];
        items[k] = (stat_item){ gr->size, 0, gr->count, 0, g.keys + gr->first, gr->len };
    }
    qsort(items, (size_t)g.ngroups, sizeof *items, statistic_order);
    MoObject *list = items_to_list(items, g.ngroups, &MoTraceStatistic_Type);
    MoMem_Free(items);
    grouping_clear(&g);
    return list;
}
/* endregion statistics */

/* region compare_to */
static MoObject *compare_build(snapshotobject *s, snapshotobject *old, int key_type, int cumulative)
{
    grouping gn, go;
    if (snapshot_group(s, key_type, cumulative, &gn) < 0)
        return NULL;
    if (snapshot_group(old, key_type, cumulative, &go) < 0) {
        grouping_clear(&gn);
        return NULL;
    }
    stat_item *items = MoMem_New(stat_item, gn.ngroups + go.ngroups);
    char *paired = MoMem_Calloc((size_t)go.ngroups + 1, 1);
    MoObject *list = NULL;
    if (items == NULL || paired == NULL) {
        MoErr_NoMemory();
        goto done;
    }
    Mo_ssize_t n = 0;
    for (Mo_ssize_t k = 0; k < gn.ngroups; k++) {       /* new groups, paired or not */
        const group_t *gr = &gn.groups[k];
        const _MoFrameLoc *key = gn.keys + gr->first;
        Mo_ssize_t j = grouping_find(&go, key, gr->len);
        Mo_ssize_t old_size = j >= 0 ? go.groups[j].size : 0, old_count = j >= 0 ? go.groups[j].count : 0;
        if (j >= 0)
            paired[j] = 1;
        items[n++] = (stat_item){ gr->size, gr->size - old_size, gr->count, gr->count - old_count, key, gr->len };
    }
    for (Mo_ssize_t j = 0; j < go.ngroups; j++) {       /* groups only the old snapshot has */
        const group_t *gr = &go.groups[j];
        if (!paired[j])
            items[n++] = (stat_item){ 0, -gr->size, 0, -gr->count, go.keys + gr->first, gr->len };
    }
    qsort(items, (size_t)n, sizeof *items, statistic_diff_order);
    list = items_to_list(items, n, &MoTraceStatisticDiff_Type);
done:
    MoMem_Free(items);
    MoMem_Free(paired);
    grouping_clear(&gn);
    grouping_clear(&go);
    return list;
}
/* endregion compare_to */

MoObject *MoSnapshot_Statistics(MoObject *snap, const char *key_type, int cumulative)
{
    if (snapshot_check(snap, "snapshot") < 0)
        return NULL;
    int kt = parse_key_type(key_type, cumulative);
    return kt < 0 ? NULL : statistics_build((snapshotobject *)snap, kt, cumulative);
}

MoObject *MoSnapshot_CompareTo(MoObject *snap, MoObject *old, const char *key_type, int cumulative)
{
    if (snapshot_check(snap, "snapshot") < 0 || snapshot_check(old, "old_snapshot") < 0)
        return NULL;
    int kt = parse_key_type(key_type, cumulative);
    return kt < 0 ? NULL : compare_build((snapshotobject *)snap, (snapshotobject *)old, kt, cumulative);
}

/* --------------------------------------------------------------- filters */

typedef struct {
    MoObject_HEAD
    int inclusive;
    MoObject *filename_pattern;  /* str; NULL for a DomainFilter */
    int lineno;                  /* 0: any line */
    int all_frames;
    int domain;                  /* -1: any domain */
} filterobject;

static int is_filter(MoObject *o)
{
    return Mo_IS_TYPE(o, &MoTraceFilter_Type) || Mo_IS_TYPE(o, &MoTraceDomainFilter_Type);
}

/* region fnmatch */
/* One pattern character (or [set]) at *pp against c: 1 and *pp past it on a
   match. A '[' with no closing ']' is an ordinary character, as in fnmatch.translate. */
static int fnmatch_one(const char **pp, unsigned char c)
{
    const char *p = *pp;
    if (*p == '?') {
        *pp = p + 1;
        return 1;
    }
    if (*p == '[') {
        const char *q = p + 1;
        int negate = *q == '!';
        if (negate)
            q++;
        const char *set = q;
        if (*q == ']')
            q++;                 /* a ']' first in the set is itself */
        while (*q != '\0' && *q != ']')
            q++;
        if (*q == ']') {
            int found = 0;
            for (const char *r = set; r < q; r++) {
                if (r + 2 < q && r[1] == '-') {       /* a range a-z */
                    found |= (unsigned char)r[0] <= c && c <= (unsigned char)r[2];
                    r += 2;
                } else {
                    found |= (unsigned char)*r == c;
                }
            }
            *pp = q + 1;
            return found != negate;
        }
    }
    *pp = p + 1;
    return (unsigned char)*p == c;
}

/* fnmatch.fnmatchcase(name, pattern): the whole name; '*' matches any run ('/'
   included), '?' one character, [seq] and [!seq] a set. Compares bytes. */
static int fnmatch_match(const char *pattern, const char *name)
{
    const char *p = pattern, *s = name, *star_p = NULL, *star_s = NULL;
    while (*s != '\0') {
        if (*p == '*') {
            star_p = ++p;        /* try the star as empty first, widen on failure */
            star_s = s;
            continue;
        }
        const char *next = p;
        if (*p != '\0' && fnmatch_one(&next, (unsigned char)*s)) {
            p = next;
            s++;
            continue;
        }
        if (star_p == NULL)
            return 0;
        p = star_p;
        s = ++star_s;
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}
/* endregion fnmatch */

static int filter_match_frame(const filterobject *f, _MoFrameLoc loc)
{
    if (!fnmatch_match(MoUnicode_AsUTF8(f->filename_pattern), loc.filename))
        return 0;
    return f->lineno == 0 || loc.lineno == f->lineno;
}

/* region filter_match */
/* Filter._match / DomainFilter._match on one trace. */
static int filter_match(const filterobject *f, const _MoTraceTable *t, const _MoTraceCopy *tr)
{
    if (f->filename_pattern == NULL)             /* DomainFilter */
        return ((int)tr->domain == f->domain) ^ !f->inclusive;
    const _MoTracebackCopy *tb = &t->tracebacks[tr->traceback];
    const uintptr_t *pcs = t->pcs + tb->first;
    int res;
    if (f->all_frames) {
        int any = 0;
        for (uint32_t i = 0; i < tb->nframe && !any; i++)
            any = filter_match_frame(f, _MoFrames_Resolve(pcs[i]));
        res = any ? f->inclusive : !f->inclusive;
    } else {
        res = filter_match_frame(f, _MoFrames_Resolve(pcs[0])) ^ !f->inclusive;
    }
    if (f->domain >= 0)
        res = f->inclusive ? res && (int)tr->domain == f->domain : res || (int)tr->domain != f->domain;
    return res;
}

/* Snapshot._filter_trace: kept if some inclusive filter matches (when there are
   any) and no exclusive filter rejects it. */
static int filters_keep(MoObject *const *filters, Mo_ssize_t n, const _MoTraceTable *t, const _MoTraceCopy *tr)
{
    int have_inclusive = 0, included = 0;
    for (Mo_ssize_t i = 0; i < n; i++) {
        const filterobject *f = (const filterobject *)filters[i];
        if (f->inclusive) {
            have_inclusive = 1;
            included = included || filter_match(f, t, tr);
        } else if (!filter_match(f, t, tr)) {
            return 0;
        }
    }
    return !have_inclusive || included;
}
/* endregion filter_match */

MoObject *MoSnapshot_FilterTraces(MoObject *snap, MoObject *filters)
{
    if (snapshot_check(snap, "snapshot") < 0)
        return NULL;
    MoObject *seq = NULL;
    if (MoList_Check(filters) || MoTuple_Check(filters)) {
        seq = MoSequence_Tuple(filters);
    } else {
        MoErr_Format(MoExc_TypeError, "filters must be a list of filters, not %s", Mo_TYPE(filters)->tp_name);
        return NULL;
    }
    if (seq == NULL)
        return NULL;
    Mo_ssize_t nf = MoTuple_Size(seq);
    MoObject **fs = ((MoTupleObject *)seq)->ob_item;
    for (Mo_ssize_t i = 0; i < nf; i++) {
        if (!is_filter(fs[i])) {
            MoErr_Format(MoExc_AttributeError, "'%s' object has no attribute 'inclusive'", Mo_TYPE(fs[i])->tp_name);
            Mo_DECREF(seq);
            return NULL;
        }
    }
    const _MoTraceTable *t = &((snapshotobject *)snap)->table;
    _MoTraceTable copy = { 0, t->ntracebacks, t->npcs, NULL, NULL, NULL };
    copy.traces = MoMem_New(_MoTraceCopy, t->ntraces);
    copy.tracebacks = MoMem_New(_MoTracebackCopy, t->ntracebacks);
    copy.pcs = MoMem_New(uintptr_t, t->npcs);
    if (copy.traces == NULL || copy.tracebacks == NULL || copy.pcs == NULL) {
        _MoTraceTable_Clear(&copy);
        Mo_DECREF(seq);
        return MoErr_NoMemory();
    }
    memcpy(copy.tracebacks, t->tracebacks, (size_t)t->ntracebacks * sizeof *t->tracebacks);
    memcpy(copy.pcs, t->pcs, (size_t)t->npcs * sizeof *t->pcs);
    for (Mo_ssize_t i = 0; i < t->ntraces; i++)
        if (filters_keep(fs, nf, t, &t->traces[i]))
            copy.traces[copy.ntraces++] = t->traces[i];
    Mo_DECREF(seq);
    return _MoSnapshot_FromTable(&copy, ((snapshotobject *)snap)->traceback_limit);
}

/* new: a Filter or a DomainFilter. */
static MoObject *filter_new(MoTypeObject *t, int inclusive, const char *pattern, int lineno, int all_frames,
                            int domain)
{
    if (ready_types() < 0)
        return NULL;
    MoObject *pat = NULL;
    if (pattern != NULL && (pat = MoUnicode_FromString(pattern)) == NULL)
        return NULL;
    filterobject *f = MoObject_New(filterobject, t);
    if (f == NULL) {
        Mo_XDECREF(pat);
        return NULL;
    }
    f->inclusive = inclusive != 0;
    f->filename_pattern = pat;
    f->lineno = lineno > 0 ? lineno : 0;
    f->all_frames = all_frames != 0;
    f->domain = domain;
    return (MoObject *)f;
}

MoObject *MoTraceMalloc_Filter(int inclusive, const char *filename_pattern, int lineno, int all_frames, int domain)
{
    if (filename_pattern == NULL) {
        MoErr_SetString(MoExc_TypeError, "Filter() needs a filename pattern");
        return NULL;
    }
    return filter_new(&MoTraceFilter_Type, inclusive, filename_pattern, lineno, all_frames, domain < 0 ? -1 : domain);
}

MoObject *MoTraceMalloc_DomainFilter(int inclusive, int domain)
{
    return filter_new(&MoTraceDomainFilter_Type, inclusive, NULL, 0, 0, domain);
}

static void filter_dealloc(MoObject *self)
{
    Mo_XDECREF(((filterobject *)self)->filename_pattern);
    Mo_TYPE(self)->tp_free(self);
}

static MoObject *filter_get(MoObject *self, void *closure)
{
    filterobject *f = (filterobject *)self;
    switch ((int)(intptr_t)closure) {
    case 0: return MoBool_FromLong(f->inclusive);
    case 1: return Mo_NewRef(f->filename_pattern);
    case 2: if (f->lineno == 0) Mo_RETURN_NONE; return MoLong_FromLong(f->lineno);
    case 3: return MoBool_FromLong(f->all_frames);
    default: if (f->domain < 0) Mo_RETURN_NONE; return MoLong_FromLong(f->domain);
    }
}

static MoGetSetDef filter_getset[] = {
    { "inclusive", filter_get, NULL, NULL, (void *)0 },
    { "filename_pattern", filter_get, NULL, NULL, (void *)1 },
    { "lineno", filter_get, NULL, NULL, (void *)2 },
    { "all_frames", filter_get, NULL, NULL, (void *)3 },
    { "domain", filter_get, NULL, NULL, (void *)4 },
    { NULL, NULL, NULL, NULL, NULL },
};

static MoGetSetDef domainfilter_getset[] = {
    { "inclusive", filter_get, NULL, NULL, (void *)0 },
    { "domain", filter_get, NULL, NULL, (void *)4 },
    { NULL, NULL, NULL, NULL, NULL },
};

MoTypeObject MoTraceFilter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.Filter",
    .tp_basicsize = sizeof(filterobject),
    .tp_dealloc = filter_dealloc,
    .tp_getset = filter_getset,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

MoTypeObject MoTraceDomainFilter_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.DomainFilter",
    .tp_basicsize = sizeof(filterobject),
    .tp_dealloc = filter_dealloc,
    .tp_getset = domainfilter_getset,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

/* ------------------------------------------------------- Trace and Traces */

typedef struct {
    MoObject_HEAD
    unsigned int domain;
    Mo_ssize_t size;
    MoObject *traceback;
} traceobject;

typedef struct {
    MoObject_HEAD
    MoObject *snapshot;
} tracesobject;

static void trace_dealloc(MoObject *self)
{
    Mo_DECREF(((traceobject *)self)->traceback);
    Mo_TYPE(self)->tp_free(self);
}

static MoObject *trace_str(MoObject *self)
{
    traceobject *t = (traceobject *)self;
    char size[32];
    _MoTraceMalloc_FormatSize(size, sizeof size, (double)t->size, 0);
    return MoUnicode_FromFormat("%S: %s", t->traceback, size);
}

static MoObject *trace_repr(MoObject *self)
{
    traceobject *t = (traceobject *)self;
    char size[32];
    _MoTraceMalloc_FormatSize(size, sizeof size, (double)t->size, 0);
    return MoUnicode_FromFormat("<Trace domain=%u size=%s, traceback=%R>", t->domain, size, t->traceback);
}

static MoMemberDef trace_members[] = {
    { "domain", MO_T_INT, offsetof(traceobject, domain), MO_READONLY, NULL },
    { "size", MO_T_PYSSIZET, offsetof(traceobject, size), MO_READONLY, NULL },
    { "traceback", MO_T_OBJECT, offsetof(traceobject, traceback), MO_READONLY, NULL },
    { NULL, 0, 0, 0, NULL },
};

MoTypeObject MoTraceTrace_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.Trace",
    .tp_basicsize = sizeof(traceobject),
    .tp_dealloc = trace_dealloc,
    .tp_repr = trace_repr,
    .tp_str = trace_str,
    .tp_members = trace_members,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "Trace of a memory block.",
};

static void traces_dealloc(MoObject *self)
{
    Mo_DECREF(((tracesobject *)self)->snapshot);
    Mo_TYPE(self)->tp_free(self);
}

static Mo_ssize_t traces_length(MoObject *self)
{
    return ((snapshotobject *)((tracesobject *)self)->snapshot)->table.ntraces;
}

static MoObject *traces_item(MoObject *self, Mo_ssize_t i)
{
    const _MoTraceTable *t = &((snapshotobject *)((tracesobject *)self)->snapshot)->table;
    if (i < 0 || i >= t->ntraces) {
        MoErr_SetString(MoExc_IndexError, "list index out of range");
        return NULL;
    }
    const _MoTraceCopy *tr = &t->traces[i];
    const _MoTracebackCopy *tb = &t->tracebacks[tr->traceback];
    MoObject *traceback = traceback_from_pcs(t->pcs + tb->first, tb->nframe, tb->total_nframe);
    if (traceback == NULL)
        return NULL;
    traceobject *trace = MoObject_New(traceobject, &MoTraceTrace_Type);
    if (trace == NULL) {
        Mo_DECREF(traceback);
        return NULL;
    }
    trace->domain = tr->domain;
    trace->size = (Mo_ssize_t)tr->size;
    trace->traceback = traceback;
    return (MoObject *)trace;
}

static MoObject *traces_repr(MoObject *self)
{
    return MoUnicode_FromFormat("<Traces len=%zd>", traces_length(self));
}

static MoSequenceMethods traces_as_sequence = {
    .sq_length = traces_length,
    .sq_item = traces_item,
};

MoTypeObject MoTraceTraces_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc._Traces",
    .tp_basicsize = sizeof(tracesobject),
    .tp_dealloc = traces_dealloc,
    .tp_repr = traces_repr,
    .tp_as_sequence = &traces_as_sequence,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_SEQUENCE,
};

/* ---------------------------------------------------- Snapshot's methods */

static MoObject *snapshot_get_traces(MoObject *self, void *closure)
{
    (void)closure;
    tracesobject *t = MoObject_New(tracesobject, &MoTraceTraces_Type);
    if (t == NULL)
        return NULL;
    t->snapshot = Mo_NewRef(self);
    return (MoObject *)t;
}

static MoObject *snapshot_get_limit(MoObject *self, void *closure)
{
    (void)closure;
    return MoLong_FromLong(((snapshotobject *)self)->traceback_limit);
}

/* key_type (a str) and cumulative (truth) from method arguments. */
static int method_key_args(MoObject *key_obj, MoObject *cumulative_obj, const char **key_type, int *cumulative)
{
    if (!MoUnicode_Check(key_obj)) {
        MoErr_Format(MoExc_ValueError, "unknown key_type: %R", key_obj);
        return -1;
    }
    *key_type = MoUnicode_AsUTF8(key_obj);
    *cumulative = MoObject_IsTrue(cumulative_obj);
    return *key_type == NULL || *cumulative < 0 ? -1 : 0;
}

static MoObject *snapshot_statistics(MoObject *self, MoObject *args)
{
    MoObject *key_obj, *cumulative_obj = Mo_False;
    const char *key_type;
    int cumulative;
    if (!MoArg_UnpackTuple(args, "statistics", 1, 2, &key_obj, &cumulative_obj) ||
        method_key_args(key_obj, cumulative_obj, &key_type, &cumulative) < 0)
        return NULL;
    return MoSnapshot_Statistics(self, key_type, cumulative);
}

static MoObject *snapshot_compare_to(MoObject *self, MoObject *args)
{
    MoObject *old, *key_obj, *cumulative_obj = Mo_False;
    const char *key_type;
    int cumulative;
    if (!MoArg_UnpackTuple(args, "compare_to", 2, 3, &old, &key_obj, &cumulative_obj) ||
        method_key_args(key_obj, cumulative_obj, &key_type, &cumulative) < 0)
        return NULL;
    return MoSnapshot_CompareTo(self, old, key_type, cumulative);
}

static MoObject *snapshot_filter_traces(MoObject *self, MoObject *filters)
{
    return MoSnapshot_FilterTraces(self, filters);
}

static MoMethodDef snapshot_methods[] = {
    { "statistics", snapshot_statistics, MO_METH_VARARGS, "statistics(key_type, cumulative=False)" },
    { "compare_to", snapshot_compare_to, MO_METH_VARARGS, "compare_to(old_snapshot, key_type, cumulative=False)" },
    { "filter_traces", snapshot_filter_traces, MO_METH_O, "filter_traces(filters)" },
    { NULL, NULL, 0, NULL },
};

static MoGetSetDef snapshot_getset[] = {
    { "traces", snapshot_get_traces, NULL, NULL, NULL },
    { "traceback_limit", snapshot_get_limit, NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL },
};

MoTypeObject MoTraceSnapshot_Type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "tracemalloc.Snapshot",
    .tp_basicsize = sizeof(snapshotobject),
    .tp_dealloc = snapshot_dealloc,
    .tp_methods = snapshot_methods,
    .tp_getset = snapshot_getset,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_doc = "Snapshot of traces of memory blocks allocated by the runtime.",
};
