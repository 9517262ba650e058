/* The sequence iterator, 3.11's `iterator` type (Objects/iterobject.c): what
 * iter(o) gives for an object that has __getitem__ and no __iter__. It asks for
 * o[0], o[1], ... and stops at the first IndexError or StopIteration.
 *
 * Invariant: it_seq is NULL once the iterator is exhausted (it then keeps
 * nothing alive, and stays exhausted even if the sequence grows).
 */
#include "internal.h"

typedef struct {
    MoObject_HEAD
    Mo_ssize_t it_index;
    MoObject *it_seq;
} seqiterobject;

MoTypeObject MoSeqIter_Type;

MoObject *MoSeqIter_New(MoObject *seq)
{
    if (MoType_Ready(&MoSeqIter_Type) < 0)
        return NULL;
    seqiterobject *it = MoObject_GC_New(seqiterobject, &MoSeqIter_Type);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = Mo_NewRef(seq);
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

static void seqiter_dealloc(MoObject *self)
{
    seqiterobject *it = (seqiterobject *)self;
    MoObject_GC_UnTrack(it);
    Mo_XDECREF(it->it_seq);
    Mo_TYPE(it)->tp_free(it);
}

static int seqiter_traverse(MoObject *self, visitproc visit, void *arg)
{
    Mo_VISIT(((seqiterobject *)self)->it_seq);
    return 0;
}

/* The next item; NULL without an exception at the end. */
static MoObject *seqiter_next(MoObject *self)
{
    seqiterobject *it = (seqiterobject *)self;
    if (it->it_seq == NULL)
        return NULL;
    MoObject *item = MoSequence_GetItem(it->it_seq, it->it_index);
    if (item != NULL) {
        it->it_index++;
        return item;
    }
    if (MoErr_ExceptionMatches(MoExc_IndexError) || MoErr_ExceptionMatches(MoExc_StopIteration)) {
        MoErr_Clear();
        Mo_CLEAR(it->it_seq);
    }
    return NULL;
}

MoTypeObject MoSeqIter_Type = {
    /* spelled out: MoVarObject_HEAD_INIT's trailing comma differs between branches */
    .ob_base = { MoObject_HEAD_INIT(&MoType_Type), 0 },
    .tp_name = "iterator",
    .tp_basicsize = sizeof(seqiterobject),
    .tp_dealloc = seqiter_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC,
    .tp_traverse = seqiter_traverse,
    .tp_iter = MoObject_SelfIter,
    .tp_iternext = seqiter_next,
};
