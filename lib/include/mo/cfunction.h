/* Built-in functions and methods: a C function with an optional bound self. */
#ifndef MO_CFUNCTION_H
#define MO_CFUNCTION_H

#include "object.h"

typedef struct {
    MoObject_HEAD
    MoMethodDef *m_ml;           /* name, C function, flags */
    MoObject *m_self;            /* bound object, or NULL */
    MoObject *m_module;          /* owner of m_ml when the function made it (MoCFunction_New) */
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

/* A method descriptor: a MoMethodDef in a type's dict, binding on lookup. */
extern MoTypeObject MoMethodDescr_Type, MoMemberDescr_Type, MoGetSetDescr_Type;
MoObject *MoDescr_NewMethod(MoTypeObject *t, MoMethodDef *ml);   /* new */
MoObject *MoDescr_NewMember(MoTypeObject *t, MoMemberDef *m);     /* new */
MoObject *MoDescr_NewGetSet(MoTypeObject *t, MoGetSetDef *g);    /* new */

#endif
