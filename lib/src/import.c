/* Importing built-in modules (CPython's Python/import.c, for the modules compiled
 * into the interpreter): the table of init functions and sys.modules.
 *
 * Start reading at MoImport_ImportModule: sys.modules first, else the table's
 * init function, whose result is a module (single-phase init) or a definition to
 * make one from (multi-phase, moduleobject.c).
 *
 * Invariant: the table lives for the process (appended entries survive
 * Mo_Finalize, as CPython's inittab); sys.modules lives from the first import to
 * Mo_Finalize, which releases it before the final collection so that modules (in
 * cycles with their functions) are collected, not counted as leaks.
 */
#include <string.h>
#include "internal.h"

typedef struct {
    const char *name;
    MoObject *(*initfunc)(void);
} inittab_entry;

static const inittab_entry builtin_inittab[] = {
    { "sys", MoInit_sys },
    { "gc", MoInit_gc },
    { "weakref", MoInit_weakref },
    { "functools", MoInit_functools },
    { "tracemalloc", MoInit_tracemalloc },
};

/* Appended entries (raw memory: they outlive the runtime's objects). */
static inittab_entry *appended;
static size_t nappended;

static MoObject *modules;   /* sys.modules */

int MoImport_AppendInittab(const char *name, MoObject *(*initfunc)(void))
{
    inittab_entry *p = realloc(appended, (nappended + 1) * sizeof *p);
    if (p == NULL)
        return -1;
    appended = p;
    appended[nappended++] = (inittab_entry){ name, initfunc };
    return 0;
}

/* The init function for name: appended entries first (a program may replace a
   built-in, as CPython's table is searched in order), NULL if none. */
static MoObject *(*import_find_init(const char *name))(void)
{
    for (size_t i = 0; i < nappended; i++)
        if (strcmp(appended[i].name, name) == 0)
            return appended[i].initfunc;
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(builtin_inittab); i++)
        if (strcmp(builtin_inittab[i].name, name) == 0)
            return builtin_inittab[i].initfunc;
    return NULL;
}

MoObject *MoImport_GetModuleDict(void)
{
    if (modules == NULL)
        modules = MoDict_New();
    return modules;
}

MoObject *MoImport_GetModule(MoObject *name)
{
    MoObject *d = MoImport_GetModuleDict();
    if (d == NULL)
        return NULL;
    return Mo_XNewRef(MoDict_GetItem(d, name));
}

/* new: the module made by initfunc for name, single- or multi-phase. */
static MoObject *import_run_init(MoObject *(*initfunc)(void), MoObject *name)
{
    MoObject *m = initfunc();
    if (m == NULL) {
        if (!MoErr_Occurred())
            MoErr_Format(MoExc_SystemError, "initialization of %U failed without raising an exception", name);
        return NULL;
    }
    if (MoErr_Occurred()) {
        MoErr_Clear();
        MoErr_Format(MoExc_SystemError, "initialization of %U raised unreported exception", name);
        if (!Mo_IS_TYPE(m, &MoModuleDef_Type))
            Mo_DECREF(m);
        return NULL;
    }
    if (Mo_IS_TYPE(m, &MoModuleDef_Type))
        return MoModule_FromDefAndSpec((MoModuleDef *)m, name);
    if (!MoModule_Check(m)) {
        MoErr_Format(MoExc_SystemError, "init function of %U returned uninitialized object", name);
        Mo_DECREF(m);
        return NULL;
    }
    return m;
}

MoObject *MoImport_Import(MoObject *name)
{
    if (!MoUnicode_Check(name)) {
        MoErr_SetString(MoExc_TypeError, "module name must be str");
        return NULL;
    }
    MoObject *m = MoImport_GetModule(name);
    if (m != NULL || MoErr_Occurred())
        return m;
    MoObject *(*initfunc)(void) = import_find_init(MoUnicode_AsUTF8(name));
    if (initfunc == NULL) {
        MoErr_Format(MoExc_ModuleNotFoundError, "No module named %R", name);
        return NULL;
    }
    m = import_run_init(initfunc, name);
    if (m != NULL && MoDict_SetItem(modules, name, m) < 0)
        Mo_CLEAR(m);
    return m;
}

MoObject *MoImport_ImportModule(const char *name)
{
    MoObject *s = MoUnicode_FromString(name);
    if (s == NULL)
        return NULL;
    MoObject *m = MoImport_Import(s);
    Mo_DECREF(s);
    return m;
}

MoObject *MoImport_ImportModuleAttrString(const char *module, const char *attr)
{
    MoObject *m = MoImport_ImportModule(module);
    if (m == NULL)
        return NULL;
    MoObject *v = MoObject_GetAttrString(m, attr);
    Mo_DECREF(m);
    return v;
}

void _MoImport_Fini(void)
{
    if (modules != NULL)
        MoDict_Clear(modules);
    Mo_CLEAR(modules);
}
