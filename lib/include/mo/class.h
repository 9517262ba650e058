/* Classes: heap types made at run time, whose instances behave like those of a
 * Python class in 3.11.
 *
 * Without __slots__, an instance has a managed dict: two pointers placed before its
 * GC header (a values array and a dict), attribute values stored inline in the
 * values array keyed by the class's shared keys, and a real dict object made only
 * when someone asks for __dict__. With __slots__, each name is a member descriptor at
 * a fixed offset, and there is no __dict__ or __weakref__ unless listed.
 */
#ifndef MO_CLASS_H
#define MO_CLASS_H

#include "object.h"

typedef struct {
    MoTypeObject ht_type;
    MoObject *ht_name;               /* the class name as a str */
    MoObject *ht_slots;              /* tuple of slot names, or NULL */
    struct _modictkeysobject *ht_cached_keys;   /* shared keys of instances' dicts */
    MoMemberDef *ht_members;         /* the slots' member table (owned) */
} MoHeapTypeObject;

/* new: a class named name; slots NULL for a plain class, else a NULL-terminated list of
   __slots__ names ("__dict__" and "__weakref__" may appear). See API.md. */
MoObject *MoClass_New(const char *name, const char *const *slots);
/* 1 if o is a class made by MoClass_New. */
int MoClass_Check(MoObject *o);

/* Bound methods: calling one calls im_func with im_self prepended to the arguments. */
typedef struct {
    MoObject_HEAD
    MoObject *im_func;
    MoObject *im_self;
    MoObject *im_weakreflist;
    void *vectorcall;
} MoMethodObject;
extern MoTypeObject MoMethod_Type;
MoObject *MoMethod_New(MoObject *func, MoObject *self);   /* new */

/* new: vars(o) / o.__dict__ (materialises a managed dict). AttributeError
   "'S' object has no attribute '__dict__'" for instances without one. */
MoObject *MoObject_GenericGetDict(MoObject *o);

#endif
