/* Module objects, as CPython's moduleobject.h: a module is an object with a dict
 * (its globals: __name__, __doc__, the functions and constants added), made from
 * a static MoModuleDef that names it, lists its functions and says how much
 * per-module state to allocate.
 *
 * Two ways to make one, as in CPython: single-phase (PyInit_x calls
 * MoModule_Create(&def) and fills the module) and multi-phase (PyInit_x returns
 * MoModuleDef_Init(&def); the importer creates the module and runs the def's
 * Mo_mod_exec slots on it). import.h finds PyInit_x by name.
 *
 * Invariant: a module made from a def keeps a pointer to it (borrowed: defs are
 * static) and owns its state block (m_size bytes, zeroed), which is given back
 * after the def's m_free runs when the module dies. A module is a GC object: the
 * def's m_traverse and m_clear take part in collections.
 */
#ifndef MO_MODULEOBJECT_H
#define MO_MODULEOBJECT_H

#include "object.h"

typedef struct MoModuleDef_Base {
    MoObject_HEAD
    MoObject *(*m_init)(void);   /* unused: kept for CPython's layout */
    Mo_ssize_t m_index;          /* unused */
    MoObject *m_copy;            /* unused */
} MoModuleDef_Base;

#define MoModuleDef_HEAD_INIT { MoObject_HEAD_INIT(NULL), NULL, 0, NULL, }

typedef struct MoModuleDef_Slot {
    int slot;
    void *value;
} MoModuleDef_Slot;

/* Slot ids, CPython's values. */
#define Mo_mod_create 1   /* MoObject *create(MoObject *spec, MoModuleDef *def): unsupported, SystemError */
#define Mo_mod_exec 2     /* int exec(MoObject *module): 0, or -1 with an exception */

typedef struct MoModuleDef {
    MoModuleDef_Base m_base;
    const char *m_name;
    const char *m_doc;
    Mo_ssize_t m_size;           /* bytes of state per module; -1 or 0: none */
    MoMethodDef *m_methods;
    MoModuleDef_Slot *m_slots;   /* NULL-terminated ({0, NULL}); for multi-phase init */
    traverseproc m_traverse;
    inquiry m_clear;
    freefunc m_free;
} MoModuleDef;

extern MoTypeObject MoModule_Type;
extern MoTypeObject MoModuleDef_Type;
#define MoModule_Check(op) MoObject_TypeCheck((op), &MoModule_Type)
#define MoModule_CheckExact(op) Mo_IS_TYPE((op), &MoModule_Type)

/* new: an empty module named name (its dict has __name__, __doc__ None,
   __package__ None, __loader__ None, __spec__ None). NULL with an exception. */
MoObject *MoModule_New(const char *name);
MoObject *MoModule_NewObject(MoObject *name);
/* new: the module def describes, with its functions (bound to the module: their
   __self__ is the module) and its state; single-phase init. NULL with an
   exception. A def with m_slots is refused (SystemError), as in CPython. */
MoObject *MoModule_Create(MoModuleDef *def);
#define MoModule_Create2(def, apiver) MoModule_Create(def)
/* Multi-phase init: ready def as an object PyInit_x can return (borrowed: the
   def itself, as CPython's). Cannot fail. */
MoObject *MoModuleDef_Init(MoModuleDef *def);
/* new: a module from a def returned by MoModuleDef_Init, named name (spec's role
   here), with its functions and state; then run its Mo_mod_exec slots in order.
   NULL with an exception (the exec slot's, or SystemError "execution of module X
   failed without setting an exception"). */
MoObject *MoModule_FromDefAndSpec(MoModuleDef *def, MoObject *name);
int MoModule_ExecDef(MoObject *module, MoModuleDef *def);
/* Add the functions of a method table, bound to the module. 0, or -1. */
int MoModule_AddFunctions(MoObject *module, MoMethodDef *functions);
/* Set the module's __doc__. 0, or -1. */
int MoModule_SetDocString(MoObject *module, const char *doc);

/* module.name = value. AddObjectRef takes a new reference (value borrowed);
   AddObject steals value, but only on success (CPython's quirk: on failure the
   caller still owns it). 0, or -1 with an exception (SystemError for a NULL
   value or a non-module). */
int MoModule_AddObjectRef(MoObject *module, const char *name, MoObject *value);
int MoModule_AddObject(MoObject *module, const char *name, MoObject *value);
int MoModule_AddIntConstant(MoObject *module, const char *name, long value);
int MoModule_AddStringConstant(MoObject *module, const char *name, const char *value);
/* module.<type's short name> = type (readied first). 0, or -1. */
int MoModule_AddType(MoObject *module, MoTypeObject *type);
#define MoModule_AddIntMacro(m, c) MoModule_AddIntConstant((m), #c, (c))

/* borrowed: the module's dict; its def (NULL if made without one); its state
   (NULL if m_size <= 0). A non-module is a SystemError (NULL). */
MoObject *MoModule_GetDict(MoObject *module);
MoModuleDef *MoModule_GetDef(MoObject *module);
void *MoModule_GetState(MoObject *module);
/* new: the module's __name__ as a str; borrowed-UTF-8 form for messages. */
MoObject *MoModule_GetNameObject(MoObject *module);
const char *MoModule_GetName(MoObject *module);

#endif
