/* The layout the iterator types of mo-python's modules share (builtins'
 * enumerate, zip, map, filter, reversed; itertools' count, islice, repeat,
 * chain): three owned references and four counters, whose meaning each type
 * states, with one dealloc, traverse and clear. An exhausted iterator drops what
 * it holds (MoIterBase_Exhaust), so that it keeps nothing alive, as CPython's do.
 */
#ifndef MO_PYTHON_ITERBASE_H
#define MO_PYTHON_ITERBASE_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    MoObject *a, *b, *c;   /* per type; NULL once exhausted */
    Mo_ssize_t n[4];       /* per type */
} MoIterBase;

int _MoIterBase_Traverse(MoObject *o, visitproc visit, void *arg);
int _MoIterBase_Clear(MoObject *o);
void _MoIterBase_Dealloc(MoObject *o);
/* new: an iterator of type t holding a, b, c (each stolen; any may be NULL), its
   counters zero. On failure (NULL, MemoryError) the three are released. */
MoObject *_MoIterBase_New(MoTypeObject *t, MoObject *a, MoObject *b, MoObject *c);
/* The end of an iterator's run: release what it holds. Returns NULL, leaving the
   exception (if any) pending, for tp_iternext to return. */
MoObject *_MoIterBase_Exhaust(MoObject *o);

/* A static iterator type of this layout: name, tp_new, tp_iternext, doc. */
#define MO_ITERBASE_TYPE(cname, pyname, newfn, nextfn, doc)      \
    static MoTypeObject cname = {                                \
        MoVarObject_HEAD_INIT(&MoType_Type, 0)                   \
        .tp_name = pyname,                                       \
        .tp_basicsize = sizeof(MoIterBase),                      \
        .tp_dealloc = _MoIterBase_Dealloc,                       \
        .tp_flags = Mo_TPFLAGS_DEFAULT | Mo_TPFLAGS_HAVE_GC,     \
        .tp_doc = doc,                                           \
        .tp_traverse = _MoIterBase_Traverse,                     \
        .tp_clear = _MoIterBase_Clear,                           \
        .tp_iter = MoObject_SelfIter,                            \
        .tp_iternext = nextfn,                                   \
        .tp_new = newfn,                                         \
    }

#endif
