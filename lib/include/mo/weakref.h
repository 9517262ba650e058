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
   Neither o nor the callback is stolen; the reference owns the callback, never o.
   NULL with TypeError "cannot create weak reference to 'int' object" when o's type
   has no weak-reference list, or MemoryError. A callback of None means none. */
MoObject *MoWeakref_NewRef(MoObject *o, MoObject *callback_or_NULL);
/* new: weakref.proxy(o, callback): a CallableProxyType when o is callable, else a
   ProxyType; shared when callback-less, as refs. Steals nothing; failures as
   MoWeakref_NewRef. */
MoObject *MoWeakref_NewProxy(MoObject *o, MoObject *callback_or_NULL);
/* 1: *pobj is a new reference to the referent; 0: dead, *pobj NULL; -1 with
   TypeError "expected a weakref" when ref is not a reference or proxy. */
int MoWeakref_GetRef(MoObject *ref, MoObject **pobj);
/* borrowed: the referent, or None when dead (CPython's PyWeakref_GetObject); NULL
   with SystemError when ref is not a reference or proxy. */
MoObject *MoWeakref_GetObject(MoObject *ref);
/* weakref.getweakrefcount(o): how many references and proxies point at o (0 for
   types without a weak-reference list). Cannot fail. */
Mo_ssize_t MoWeakref_GetWeakrefCount(MoObject *o);
/* new: weakref.getweakrefs(o), a list of the references and proxies to o in the
   order of o's list (the basic ref, the basic proxy, then the newest first); an
   empty list for types without a weak-reference list. NULL only with MemoryError.
   (CPython: _weakref.getweakrefs.) */
MoObject *MoWeakref_GetWeakrefs(MoObject *o);
/* Clear every weak reference to o and call their callbacks (newest first). Called by
   tp_dealloc of weakrefable types, after the finalizer and before freeing, with o's
   count at zero (else SystemError, and nothing happens). Cannot fail: a callback's
   exception is printed by MoErr_WriteUnraisable; the exception pending on entry, if
   any, is still pending on return. */
void MoObject_ClearWeakRefs(MoObject *o);
/* Unlink one reference from its referent's list and make it dead (wr_object = None),
   keeping its callback, which it does not call (the collector's handle_weakrefs calls
   it later, or never). Idempotent; cannot fail. */
void _MoWeakref_ClearRef(MoWeakReference *self);
/* The head of o's weak-reference list (o's type must support weak references). */
static inline MoWeakReference **_MoObject_GET_WEAKREFS_LISTPTR(MoObject *o)
{
    return (MoWeakReference **)((char *)o + Mo_TYPE(o)->tp_weaklistoffset);
}

/* ---------------------------------------------------- shared inside the runtime */

/* Ready the weak-reference types (also done on first use); 0 or -1. */
int _MoWeakref_Init(void);
/* Mo_Finalize, first of all: run the pending weakref.finalize callbacks whose
   atexit is true, newest first (as CPython's finalize._exitfunc at interpreter
   exit, collector disabled meanwhile; an exception is printed, not raised), then
   empty the registry, dropping the others without running them. Cannot fail; an
   exception pending on entry is pending on return. */
void _MoWeakref_Fini(void);
/* borrowed: the referent of a reference, or None when dead (or dying: count 0). */
MoObject *_MoWeakref_Referent(MoWeakReference *self);
/* new: a reference of a subtype of weakref.ref (or a proxy type) to o; a subtype's
   extra fields are left for the caller to fill. TypeError as MoWeakref_NewRef. */
MoObject *_MoWeakref_NewOfType(MoTypeObject *type, MoObject *o, MoObject *callback_or_NULL);
/* The reference types' tp_dealloc, tp_traverse and tp_clear (shared by the proxies
   and by subtypes, which call them after releasing their own fields). */
void _MoWeakref_Dealloc(MoObject *op);
int _MoWeakref_Traverse(MoObject *op, visitproc visit, void *arg);
int _MoWeakref_TpClear(MoObject *op);

/* new: weakref.WeakValueDictionary(), WeakKeyDictionary(), WeakSet(); NULL with
   MemoryError. Used through MoObject_GetItem/SetItem/DelItem/Length/GetIter and
   MoSequence_Contains, and by method (MoObject_CallMethod(ws, "add", "O", x)), each
   as Lib/weakref.py and Lib/_weakrefset.py in 3.11, arguments and messages included:
     both dictionaries: get(k[, d]), pop(k[, d]), popitem(), setdefault(k[, d]),
       update(other), copy(), clear(), keys(), values(), items(), __contains__(k);
       keys/values/items (and iter) are generators over the live entries;
     WeakSet: add(x), discard(x), remove(x), pop(), update(iterable), copy(), clear(),
       __contains__(x).
   Storing what cannot be weakly referenced fails with TypeError "cannot create weak
   reference to 'int' object"; a missing key is KeyError('a') (WeakKeyDictionary and
   WeakSet: KeyError(<weakref ...>), as 3.11). Entries vanish when their referent
   dies, also while an iteration is running (the removal is deferred, and len() does
   not count them). repr: "<WeakValueDictionary at 0x...>", and a WeakSet's is that
   of its set of references, "{<weakref at 0x...; to 'C' at 0x...>}". */
MoObject *MoWeakValueDict_New(void);
MoObject *MoWeakKeyDict_New(void);
MoObject *MoWeakSet_New(void);

/* new: weakref.finalize(obj, callback, args): callback(*args) runs once, when obj dies,
   or when the finalizer is called (f() returns callback's result, None once dead), or
   at Mo_Finalize while obj lives and f.atexit is true (newest first, as at CPython's
   exit). args is a tuple or NULL (no arguments); nothing is stolen. The returned
   object need not be kept: the runtime's registry keeps it until it has run. As
   Python's, it has "alive" (read-only), "atexit" (read-write, True by default, False
   once dead), peek() -> (obj, callback, args, {}) or None, and detach() -> the same
   tuple, after which it is dead. NULL with TypeError when obj cannot be weakly
   referenced (or args is not a tuple), or MemoryError. */
MoObject *MoWeakref_Finalize(MoObject *obj, MoObject *callback, MoObject *args);

/* weakref.WeakMethod: a subtype of weakref.ref for a bound method, which dies
   with either its instance or its function (a plain ref to a bound method dies at
   once, the method object being made afresh at each attribute lookup). */
extern MoTypeObject MoWeakMethod_Type;
/* new: WeakMethod(meth, callback): calling it gives a new bound method of the same
   function and instance, or None once either died; callback(wm), if given and not
   None, runs once, when the first of the two dies. == compares instance and
   function while both live, identity after. Steals nothing. NULL with TypeError
   "argument should be a bound method, not <class 'int'>", TypeError when the
   instance cannot be weakly referenced, or MemoryError. */
MoObject *MoWeakMethod_New(MoObject *meth, MoObject *callback_or_NULL);

#endif
