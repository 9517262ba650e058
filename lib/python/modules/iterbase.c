/* The shared layout of the modules' iterator types (iterbase.h). */
#include "iterbase.h"

int _MoIterBase_Traverse(MoObject *o, visitproc visit, void *arg)
{
    MoIterBase *it = (MoIterBase *)o;
    Mo_VISIT(it->a);
    Mo_VISIT(it->b);
    Mo_VISIT(it->c);
    return 0;
}

int _MoIterBase_Clear(MoObject *o)
{
    MoIterBase *it = (MoIterBase *)o;
    Mo_CLEAR(it->a);
    Mo_CLEAR(it->b);
    Mo_CLEAR(it->c);
    return 0;
}

void _MoIterBase_Dealloc(MoObject *o)
{
    MoObject_GC_UnTrack(o);
    _MoIterBase_Clear(o);
    Mo_TYPE(o)->tp_free(o);
}

MoObject *_MoIterBase_New(MoTypeObject *t, MoObject *a, MoObject *b, MoObject *c)
{
    MoIterBase *it = MoObject_GC_New(MoIterBase, t);
    if (it == NULL) {
        Mo_XDECREF(a);
        Mo_XDECREF(b);
        Mo_XDECREF(c);
        return NULL;
    }
    it->a = a;
    it->b = b;
    it->c = c;
    memset(it->n, 0, sizeof it->n);
    MoObject_GC_Track(it);
    return (MoObject *)it;
}

MoObject *_MoIterBase_Exhaust(MoObject *o)
{
    _MoIterBase_Clear(o);
    return NULL;
}
