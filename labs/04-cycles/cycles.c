/* Lab 04, part B: the cycle finder (see cycles.h for what it reports).
 *
 * A depth-first walk without recursion: an explicit stack of frames, one per object
 * on the current path, each with the list of that object's referents (a new
 * reference, which also keeps the next object on the path alive) and how far the walk
 * has got in it. Two tables keyed by the objects' ids: on_path (id -> position on
 * the path) and done (ids of the objects fully explored). Ids, not the objects, so
 * that the tables keep nothing alive and work for unhashable objects.
 */
#include "cycles.h"

typedef struct {
    MoObject *obj;        /* borrowed: kept alive by the frame below (or the caller) */
    MoObject *referents;  /* owned: MoGC_GetReferents(obj) */
    Mo_ssize_t next;      /* the next referent to look at */
} frame;

typedef struct {
    frame *frames;
    Mo_ssize_t depth, allocated;
    MoObject *on_path;    /* dict: id -> position on the path */
    MoObject *done;       /* set of ids */
    MoObject *result;     /* the list of cycles */
} walk;

/* new: the id of o as an int, the key of both tables. */
static MoObject *key_of(MoObject *o)
{
    return MoLong_FromSsize_t((Mo_ssize_t)MoObject_Id(o));
}

/* Put o on the path. 0, or -1 with an exception. */
static int walk_push(walk *w, MoObject *o)
{
    if (w->depth == w->allocated) {
        Mo_ssize_t n = w->allocated == 0 ? 64 : w->allocated * 2;
        frame *f = MoMem_Realloc(w->frames, (size_t)n * sizeof *f);
        if (f == NULL) {
            MoErr_NoMemory();
            return -1;
        }
        w->frames = f;
        w->allocated = n;
    }
    // TODO: record o's position in on_path and push a frame with its referents.
    (void)key_of;
    (void)o;
    MoErr_SetString(MoExc_NotImplementedError, "walk_push is not written yet");
    return -1;
}

/* Take the top object off the path: explored, never to be entered again. */
static int walk_pop(walk *w)
{
    // TODO: the top object leaves the path and is done.
    (void)w;
    return -1;
}

/* Report the cycle path[from .. depth-1]. 0, or -1. */
static int walk_report(walk *w, Mo_ssize_t from)
{
    MoObject *cycle = MoList_New(w->depth - from);
    if (cycle == NULL)
        return -1;
    for (Mo_ssize_t i = from; i < w->depth; i++)
        MoList_SET_ITEM(cycle, i - from, Mo_NewRef(w->frames[i].obj));
    int status = MoList_Append(w->result, cycle);
    Mo_DECREF(cycle);
    return status;
}

/* Look at referent r of the top object: report a cycle, enter r, or pass. */
static int walk_visit(walk *w, MoObject *r)
{
    if (MoType_Check(r))
        return 0;
    // TODO: on the path: a cycle; done: nothing; otherwise go down into r.
    (void)walk_report;
    return walk_push(w, r);
}

/* Release everything the walk holds but its result. */
static void walk_end(walk *w)
{
    while (w->depth > 0)
        Mo_DECREF(w->frames[--w->depth].referents);
    MoMem_Free(w->frames);
    Mo_XDECREF(w->on_path);
    Mo_XDECREF(w->done);
}

/* region cycles_find */
MoObject *Cycles_Find(MoObject *root)
{
    walk w = { NULL, 0, 0, MoDict_New(), MoSet_New(NULL), MoList_New(0) };
    int status = w.on_path == NULL || w.done == NULL || w.result == NULL ? -1 : 0;
    if (status == 0 && !MoType_Check(root))
        status = walk_push(&w, root);
    while (status == 0 && w.depth > 0) {
        frame *top = &w.frames[w.depth - 1];
        if (top->next == MoList_GET_SIZE(top->referents))
            status = walk_pop(&w);
        else
            status = walk_visit(&w, MoList_GET_ITEM(top->referents, top->next++));
    }
    walk_end(&w);
    if (status < 0)
        Mo_CLEAR(w.result);
    return w.result;
}
/* endregion cycles_find */
