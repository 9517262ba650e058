/* Weak references: an object that refers to another without owning it.
 *
 * A weakrefable object's type has tp_weaklistoffset > 0: at that offset each
 * instance keeps the head of a doubly linked list of the weak references to it.
 * When the object dies (its count reaches zero, or the collector finds it
 * unreachable) every weak reference on the list is cleared (wr_object becomes
 * None) and their callbacks run, newest first, as in CPython 3.11.
 */
#ifndef MO_WEAKREF_H
#define MO_WEAKREF_H

#include "object.h"

typedef struct _moweakref MoWeakReference;
struct _moweakref {
    MoObject_HEAD
    MoObject *wr_object;         /* the referent, not counted; Mo_None once dead */
    MoObject *wr_callback;       /* called with the dead reference, or NULL */
    Mo_hash_t hash;              /* the referent's hash, cached; -1 until asked */
    MoWeakReference *wr_prev;    /* the other weak references to the same object */
    MoWeakReference *wr_next;
    void *vectorcall;            /* unused; kept so the object has 3.11's size (80 with GC) */
};

extern MoTypeObject MoWeakref_RefType, MoWeakref_ProxyType, MoWeakref_CallableProxyType;
#define MoWeakref_CheckRef(op) MoObject_TypeCheck((MoObject *)(op), &MoWeakref_RefType)
#define MoWeakref_CheckProxy(op) \
    (Mo_IS_TYPE((op), &MoWeakref_ProxyType) || Mo_IS_TYPE((op), &MoWeakref_CallableProxyType))
#define MoWeakref_Check(op) (MoWeakref_CheckRef(op) || MoWeakref_CheckProxy(op))
#define MoType_SUPPORTS_WEAKREFS(t) ((t)->tp_weaklistoffset > 0)

/* new: weakref.ref(o, callback); a callback-less ref is shared (ref(o) is ref(o)).
   TypeError "cannot create weak reference to 'int' object". */
MoObject *MoWeakref_NewRef(MoObject *o, MoObject *callback_or_NULL);
/* new: weakref.proxy(o, callback). */
MoObject *MoWeakref_NewProxy(MoObject *o, MoObject *callback_or_NULL);
/* 1: *pobj is a new reference to the referent; 0: dead, *pobj NULL; -1: error (not a ref). */
int MoWeakref_GetRef(MoObject *ref, MoObject **pobj);
/* borrowed: the referent, or None when dead (CPython's PyWeakref_GetObject). */
MoObject *MoWeakref_GetObject(MoObject *ref);
/* weakref.getweakrefcount(o). */
Mo_ssize_t MoWeakref_GetWeakrefCount(MoObject *o);
/* Clear every weak reference to o and call their callbacks (newest first). Called by
   tp_dealloc of weakrefable types, after the finalizer and before freeing. */
void MoObject_ClearWeakRefs(MoObject *o);
/* Unlink one reference from its referent's list and make it dead, without calling
   its callback (used by the collector). */
void _MoWeakref_ClearRef(MoWeakReference *self);
/* The head of o's weak-reference list (o's type must support weak references). */
static inline MoWeakReference **_MoObject_GET_WEAKREFS_LISTPTR(MoObject *o)
{
    return (MoWeakReference **)((char *)o + Mo_TYPE(o)->tp_weaklistoffset);
}

/* new: weakref.WeakValueDictionary(), WeakKeyDictionary(), WeakSet(); used through
   MoObject_GetItem/SetItem/DelItem/Length/GetIter (and MoSet_Add-like methods on the
   set through MoObject_CallMethod(ws, "add", "O", x)). Entries vanish when their
   referent dies, also while an iteration is running (removals are deferred then). */
MoObject *MoWeakValueDict_New(void);
MoObject *MoWeakKeyDict_New(void);
MoObject *MoWeakSet_New(void);

/* new: weakref.finalize(obj, callback, args): callback(*args) runs once, when obj dies
   (or when the finalizer is called). The returned object need not be kept: the
   runtime's registry keeps it alive until it has run. Its "alive" attribute says
   whether it is still pending. */
MoObject *MoWeakref_Finalize(MoObject *obj, MoObject *callback, MoObject *args);

#endif
