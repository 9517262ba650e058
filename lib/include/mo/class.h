/* Classes: heap types made at run time, whose instances behave like those of a
 * Python class in 3.11; and bound methods.
 *
 * Without __slots__, an instance has a managed dict: two pointers placed before its
 * GC header (a values array and a dict), attribute values stored inline in the
 * values array keyed by the class's shared keys, and a real dict object made only
 * when someone asks for __dict__. With __slots__, each name is a member descriptor at
 * a fixed offset, and there is no __dict__ or __weakref__ unless listed.
 *
 * Memory of a plain instance (3.11's layout, word offsets from the object):
 *
 *     -4 values*  -3 dict*  -2..-1 GC head  | 0 ob_refcnt  1 ob_type  2 weakref list
 */
#ifndef MO_CLASS_H
#define MO_CLASS_H

#include "object.h"

/* region heap_type */
typedef struct {
    MoTypeObject ht_type;
    MoNumberMethods as_number;       /* the slot tables a class owns, as in CPython */
    MoMappingMethods as_mapping;
    MoSequenceMethods as_sequence;
    MoObject *ht_name;               /* the class name as a str */
    MoObject *ht_slots;              /* tuple of slot names (sorted), or NULL */
    MoObject *ht_qualname;           /* the name again (classes here are never nested) */
    struct _modictkeysobject *ht_cached_keys;   /* shared keys of instances' dicts, or NULL */
    MoMemberDef *ht_members;         /* the slots' member table (owned; NULL-terminated) */
    MoTypeObject **ht_subclasses;    /* heap subclasses, borrowed (typeslots.c); owned array */
    Mo_ssize_t ht_nsubclasses, ht_subclasses_cap;
} MoHeapTypeObject;
/* endregion heap_type */

/* What a class object reports as its own size (3.11's sizeof(PyHeapTypeObject)); the
   allocation really is this big. type.__sizeof__ adds the shared keys. */
#define _MO_HEAPTYPE_SIZE 904

/* The type of classes: a subclass of type (named "type", as type(C) is type in
   Python) whose instances are GC objects, as CPython's heap types are. CPython
   makes `type` itself a GC type and asks tp_is_gc per object; our collector reads
   the type's flag only, so classes get a metatype of their own. */
extern MoTypeObject _MoHeapType_Type;

/* new: a class named name, the short form of MoType_FromNameBasesDict (what
   `class name: __slots__ = slots` makes); slots NULL for a plain class, else a NULL-terminated list of
   __slots__ names ("__dict__" and "__weakref__" may appear). NULL with TypeError
   ("__dict__ slot disallowed: we already got one", "__slots__ must be identifiers")
   or MemoryError, and nothing left alive. See API.md. As in 3.11, the class has
   C.__bases__ == (object,) and C.__mro__ == (C, object), and its mro and its
   descriptors hold it: once the caller's reference goes, it is cyclic garbage that
   the collector frees (MoGC_Collect, or Mo_Finalize), not Mo_DECREF. */
MoObject *MoClass_New(const char *name, const char *const *slots);
/* new: what super(start, obj).name gives in Python: name looked up on the MRO of
   obj's type (obj itself when it is a class) after start, bound to obj (a method
   of a class becomes a bound method; a special method that a static type
   implements in C, such as list's __len__ or object's __init__, a
   "method-wrapper"). AttributeError "'super' object has no attribute 'x'";
   TypeError when obj is not an instance or subclass of start. */
MoObject *MoSuper_Lookup(MoTypeObject *start, MoObject *obj, const char *name);
/* new: type(name, bases, ns): a class named name (a str) with the given bases (a
   tuple of types, () for object) and a copy of the namespace ns (a dict) as its
   dict, as 3.11's type.__new__ makes it: the MRO by C3, instances laid out after
   the best base's fields (a subclass of list is a list), __slots__ from
   ns["__slots__"], __qualname__ from ns, __module__ "__main__" and __doc__ None
   unless given, __hash__ = None when ns has __eq__ but no __hash__; its special
   methods reach the slots (C.__len__ makes len() call it). NULL with 3.11's
   TypeError (layout conflict, inconsistent MRO, duplicate or unacceptable base,
   bad argument types). Like MoClass_New's, the class is freed by the collector.
   MoObject_Call(&MoType_Type, (name, bases, ns)) does the same; with one argument
   it gives the argument's type. */
MoObject *MoType_FromNameBasesDict(MoObject *name, MoObject *bases, MoObject *ns);
/* 1 if o is a class made by MoClass_New. Cannot fail. */
int MoClass_Check(MoObject *o);
/* tp_finalize of a class with __del__: calls it, printing what it raises as
   "Exception ignored in: ..." (typeslots.c puts it in the slot). */
void _MoClass_Finalize(MoObject *self);
/* 1 if descr, found in the dict of o's type and having no tp_descr_get, binds to the
   instance as a function in a class does (callables other than classes and bound
   methods). Cannot fail. */
int _MoClass_BindsCallable(MoTypeObject *t, MoObject *descr);

/* Where a managed-dict instance keeps its values array and its dict (the two words
   before its GC header). Only for types with MO_TPFLAGS_MANAGED_DICT. */
struct _modictvalues;
static inline struct _modictvalues **_MoObject_ValuesPointer(MoObject *o)
{
    return (struct _modictvalues **)((char *)o - 4 * sizeof(void *));
}
static inline MoObject **_MoObject_ManagedDictPointer(MoObject *o)
{
    return (MoObject **)((char *)o - 3 * sizeof(void *));
}

/* ------------------------------------------------------------- bound methods */

/* Bound methods: calling one calls im_func with im_self prepended to the arguments. */
typedef struct {
    MoObject_HEAD
    MoObject *im_func;
    MoObject *im_self;
    MoObject *im_weakreflist;
    void *vectorcall;            /* unused; kept so the object has 3.11's size (64 with GC) */
} MoMethodObject;
extern MoTypeObject MoMethod_Type;
#define MoMethod_Check(op) Mo_IS_TYPE((op), &MoMethod_Type)
/* new: func bound to self (both get a new reference). NULL with SystemError if either
   is NULL, or MemoryError. */
MoObject *MoMethod_New(MoObject *func, MoObject *self);
/* borrowed: the function and the instance of a bound method (no checks). */
#define MoMethod_GET_FUNCTION(m) (((MoMethodObject *)(m))->im_func)
#define MoMethod_GET_SELF(m) (((MoMethodObject *)(m))->im_self)

/* new: vars(o) / o.__dict__ (materialises a managed dict). AttributeError
   "'S' object has no attribute '__dict__'" for instances without one. */
MoObject *MoObject_GenericGetDict(MoObject *o);

#endif
