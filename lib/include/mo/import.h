/* Importing built-in modules, as CPython's import.c does for the modules compiled
 * into the interpreter: a table of (name, PyInit function) pairs that
 * MoImport_AppendInittab extends, and sys.modules, where an imported module stays
 * so that importing it again gives the same object.
 *
 * The table starts with the runtime's own modules: sys, gc, weakref,
 * functools, tracemalloc. An extension's PyInit_x, renamed, is
 * appended by the program before (or after) Mo_Initialize and then imported by
 * name. Mo_Finalize empties sys.modules; the appended entries stay for the
 * process, as CPython's inittab does.
 */
#ifndef MO_IMPORT_H
#define MO_IMPORT_H

#include "object.h"

/* Add a built-in module to the table: initfunc returns a new module
   (single-phase) or the borrowed result of MoModuleDef_Init (multi-phase).
   0, or -1 when the table cannot grow. name is borrowed and must outlive use. */
int MoImport_AppendInittab(const char *name, MoObject *(*initfunc)(void));
/* new: the module named name: from sys.modules, else made by its init function
   and entered in sys.modules. NULL with ModuleNotFoundError "No module named
   'x'" or the init function's error (SystemError "initialization of x failed
   without raising an exception" when it gives NULL without one). */
MoObject *MoImport_ImportModule(const char *name);
MoObject *MoImport_Import(MoObject *name);
/* new: as MoImport_ImportModule, then getattr(module, attr). */
MoObject *MoImport_ImportModuleAttrString(const char *module, const char *attr);
/* borrowed: sys.modules (a dict), made on first use. NULL with MemoryError. */
MoObject *MoImport_GetModuleDict(void);
/* new: sys.modules[name], or NULL with no exception when it is not there. */
MoObject *MoImport_GetModule(MoObject *name);

/* The runtime's own modules' init functions (builtin_modules.c). */
MoObject *MoInit_sys(void);
MoObject *MoInit_gc(void);
MoObject *MoInit_weakref(void);
MoObject *MoInit_functools(void);
MoObject *MoInit_tracemalloc(void);

#endif
