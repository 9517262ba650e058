/* Built-in functions and methods: a C function with an optional bound self. */
#ifndef MO_CFUNCTION_H
#define MO_CFUNCTION_H

#include "object.h"

typedef struct {
    MoObject_HEAD
    MoMethodDef *m_ml;           /* name, C function, flags */
    MoObject *m_self;            /* bound object, or NULL */
    MoObject *m_module;          /* __module__: the module's name for a module's function, or NULL */
    MoObject *m_weakreflist;
    void *vectorcall;            /* unused; kept so the object has 3.11's size */
} MoCFunctionObject;

extern MoTypeObject MoCFunction_Type;
#define MoCFunction_Check(op) Mo_IS_TYPE((op), &MoCFunction_Type)

/* new: a function named name calling fn(self, args) with args a tuple. self may be
   NULL; when given, the function holds a new reference to it. */
MoObject *MoCFunction_New(const char *name, MoCFunc fn, MoObject *self);
/* new: a function for a static method table entry bound to self (NULL: unbound). */
MoObject *MoCFunction_NewEx(MoMethodDef *ml, MoObject *self);
/* new: as CPython's PyCMethod_New: ml bound to self, with __module__ module (a
   new reference taken; NULL for none); cls must be NULL (no METH_METHOD). What
   MoModule_AddFunctions makes: self the module, module its name. */
MoObject *MoCMethod_New(MoMethodDef *ml, MoObject *self, MoObject *module, MoTypeObject *cls);

/* Descriptors, the entries a type's dict holds for its methods (binding on lookup:
   [].append), members (slots: C.x) and getsets (C.__dict__), as 3.11's
   PyDescr_New*. Each returns a new reference to a tracked descriptor that owns a
   new reference to t, released when the descriptor dies (3.11's d_type): a
   descriptor kept after its class was dropped keeps the class alive, and a class
   whose dict holds its descriptors is in a cycle with them. The definition (ml, m,
   g) is borrowed and must outlive the descriptor. NULL with MemoryError. */
extern MoTypeObject MoMethodDescr_Type, MoMemberDescr_Type, MoGetSetDescr_Type;
MoObject *MoDescr_NewMethod(MoTypeObject *t, MoMethodDef *ml);   /* new; owns a reference to t */
MoObject *MoDescr_NewMember(MoTypeObject *t, MoMemberDef *m);     /* new; owns a reference to t */
MoObject *MoDescr_NewGetSet(MoTypeObject *t, MoGetSetDef *g);    /* new; owns a reference to t */

#endif
