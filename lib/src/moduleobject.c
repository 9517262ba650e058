/* Module objects (CPython's Objects/moduleobject.c): a dict of globals, the
 * definition the module was made from, and its per-module state.
 *
 * Start reading at MoModule_Create (single-phase init) and at
 * MoModule_FromDefAndSpec and MoModule_ExecDef (multi-phase init); both share
 * module_from_def, which makes the module, its state and its functions.
 *
 * Invariant (moduleobject.h): md_state is m_size zeroed bytes owned by the module
 * (NULL when m_size <= 0); the def's m_free runs once, at the module's death,
 * only if the state was made (or there is none to make), as in CPython.
 * A module's functions hold it as their __self__ and its dict holds them: a
 * dropped module is cyclic garbage, which module_traverse lets the collector find.
 */
#include <string.h>
#include "internal.h"

typedef struct {
    MoObject_HEAD
    MoObject *md_dict;
    MoModuleDef *md_def;         /* borrowed: defs are static */
    void *md_state;              /* owned; NULL when the def asks for none */
    MoObject *md_weaklist;
    MoObject *md_name;           /* for messages (CPython keeps it for the same reason) */
} MoModuleObject;

#define MODULE(o) ((MoModuleObject *)(o))

/* ------------------------------------------------------------- making one */

/* The globals every module starts with, as 3.11's module_init_dict. */
static int module_init_dict(MoObject *dict, MoObject *name, MoObject *doc)
{
    const char *const nones[] = { "__package__", "__loader__", "__spec__" };
    if (MoDict_SetItemString(dict, "__name__", name) < 0 || MoDict_SetItemString(dict, "__doc__", doc) < 0)
        return -1;
    for (size_t i = 0; i < Mo_ARRAY_LENGTH(nones); i++)
        if (MoDict_SetItemString(dict, nones[i], Mo_None) < 0)
            return -1;
    return 0;
}

MoObject *MoModule_NewObject(MoObject *name)
{
    if (MoType_Ready(&MoModule_Type) < 0)
        return NULL;
    MoModuleObject *m = MoObject_GC_New(MoModuleObject, &MoModule_Type);
    if (m == NULL)
        return NULL;
    m->md_def = NULL;
    m->md_state = NULL;
    m->md_weaklist = NULL;
    m->md_name = Mo_NewRef(name);
    m->md_dict = MoDict_New();
    if (m->md_dict == NULL || module_init_dict(m->md_dict, name, Mo_None) < 0) {
        Mo_DECREF(m);
        return NULL;
    }
    MoObject_GC_Track(m);
    return (MoObject *)m;
}

MoObject *MoModule_New(const char *name)
{
    MoObject *s = MoUnicode_FromString(name);
    if (s == NULL)
        return NULL;
    MoObject *m = MoModule_NewObject(s);
    Mo_DECREF(s);
    return m;
}

/* The module for def, named name: its state, functions and docstring. */
static MoObject *module_from_def(MoModuleDef *def, MoObject *name)
{
    MoObject *m = MoModule_NewObject(name);
    if (m == NULL)
        return NULL;
    MODULE(m)->md_def = def;
    if (def->m_size > 0) {
        MODULE(m)->md_state = MoMem_Calloc(1, (size_t)def->m_size);
        if (MODULE(m)->md_state == NULL) {
            MoErr_NoMemory();
            Mo_DECREF(m);
            return NULL;
        }
    }
    if ((def->m_methods != NULL && MoModule_AddFunctions(m, def->m_methods) < 0) ||
        (def->m_doc != NULL && MoModule_SetDocString(m, def->m_doc) < 0)) {
        Mo_DECREF(m);
        return NULL;
    }
    return m;
}

MoObject *MoModuleDef_Init(MoModuleDef *def)
{
    if (Mo_TYPE(def) == NULL)
        Mo_SET_TYPE(def, &MoModuleDef_Type);
    return (MoObject *)def;
}

MoObject *MoModule_Create(MoModuleDef *def)
{
    MoModuleDef_Init(def);
    if (def->m_slots != NULL) {
        MoErr_Format(MoExc_SystemError, "module %s: PyModule_Create is incompatible with m_slots", def->m_name);
        return NULL;
    }
    MoObject *name = MoUnicode_FromString(def->m_name);
    if (name == NULL)
        return NULL;
    MoObject *m = module_from_def(def, name);
    Mo_DECREF(name);
    return m;
}

MoObject *MoModule_FromDefAndSpec(MoModuleDef *def, MoObject *name)
{
    MoModuleDef_Init(def);
    for (MoModuleDef_Slot *s = def->m_slots; s != NULL && s->slot != 0; s++) {
        if (s->slot != Mo_mod_exec) {
            MoErr_Format(MoExc_SystemError, "module %U uses unknown slot ID %i", name, s->slot);
            return NULL;
        }
    }
    MoObject *m = module_from_def(def, name);
    if (m != NULL && MoModule_ExecDef(m, def) < 0)
        Mo_CLEAR(m);
    return m;
}

/* Run the def's Mo_mod_exec slots in order; errors worded as CPython's. */
int MoModule_ExecDef(MoObject *module, MoModuleDef *def)
{
    for (MoModuleDef_Slot *s = def->m_slots; s != NULL && s->slot != 0; s++) {
        if (s->slot != Mo_mod_exec)
            continue;
        int ret = ((int (*)(MoObject *))s->value)(module);
        if (ret != 0 && !MoErr_Occurred()) {
            MoErr_Format(MoExc_SystemError, "execution of module %U failed without setting an exception",
                         MODULE(module)->md_name);
            return -1;
        }
        if (ret == 0 && MoErr_Occurred()) {
            MoErr_Clear();
            MoErr_Format(MoExc_SystemError, "execution of module %U raised unreported exception",
                         MODULE(module)->md_name);
            return -1;
        }
        if (ret != 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ filling one */

static int module_check(MoObject *module, const char *caller)
{
    if (module == NULL || !MoModule_Check(module)) {
        MoErr_Format(MoExc_TypeError, "%s() first argument must be a module", caller);
        return -1;
    }
    return 0;
}

int MoModule_AddFunctions(MoObject *module, MoMethodDef *functions)
{
    for (MoMethodDef *ml = functions; ml->ml_name != NULL; ml++) {
        if (ml->ml_flags & (MO_METH_CLASS | MO_METH_STATIC)) {
            MoErr_SetString(MoExc_ValueError, "module functions cannot set METH_CLASS or METH_STATIC");
            return -1;
        }
        /* CPython: __self__ is the module, __module__ its name. */
        MoObject *f = MoCMethod_New(ml, module, MODULE(module)->md_name, NULL);
        if (f == NULL)
            return -1;
        int res = MoDict_SetItemString(MODULE(module)->md_dict, ml->ml_name, f);
        Mo_DECREF(f);
        if (res < 0)
            return -1;
    }
    return 0;
}

int MoModule_SetDocString(MoObject *module, const char *doc)
{
    MoObject *v = MoUnicode_FromString(doc);
    if (v == NULL)
        return -1;
    int res = MoObject_SetAttrString(module, "__doc__", v);
    Mo_DECREF(v);
    return res;
}

int MoModule_AddObjectRef(MoObject *module, const char *name, MoObject *value)
{
    if (module_check(module, "PyModule_AddObjectRef") < 0)
        return -1;
    if (value == NULL) {
        if (!MoErr_Occurred())
            MoErr_SetString(MoExc_SystemError,
                            "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
        return -1;
    }
    return MoDict_SetItemString(MODULE(module)->md_dict, name, value);
}

int MoModule_AddObject(MoObject *module, const char *name, MoObject *value)
{
    int res = MoModule_AddObjectRef(module, name, value);
    if (res == 0)
        Mo_DECREF(value);
    return res;
}

int MoModule_AddIntConstant(MoObject *module, const char *name, long value)
{
    MoObject *v = MoLong_FromLong(value);
    int res = MoModule_AddObjectRef(module, name, v);
    Mo_XDECREF(v);
    return res;
}

int MoModule_AddStringConstant(MoObject *module, const char *name, const char *value)
{
    MoObject *v = MoUnicode_FromString(value);
    int res = MoModule_AddObjectRef(module, name, v);
    Mo_XDECREF(v);
    return res;
}

int MoModule_AddType(MoObject *module, MoTypeObject *type)
{
    if (MoType_Ready(type) < 0)
        return -1;
    const char *dot = strrchr(type->tp_name, '.');
    return MoModule_AddObjectRef(module, dot ? dot + 1 : type->tp_name, (MoObject *)type);
}

/* ------------------------------------------------------------- reading one */

static int module_check_internal(MoObject *module)
{
    if (!MoModule_Check(module)) {
        MoErr_BadInternalCall();
        return -1;
    }
    return 0;
}

MoObject *MoModule_GetDict(MoObject *module)
{
    return module_check_internal(module) < 0 ? NULL : MODULE(module)->md_dict;
}

MoModuleDef *MoModule_GetDef(MoObject *module)
{
    return module_check_internal(module) < 0 ? NULL : MODULE(module)->md_def;
}

void *MoModule_GetState(MoObject *module)
{
    return module_check_internal(module) < 0 ? NULL : MODULE(module)->md_state;
}

MoObject *MoModule_GetNameObject(MoObject *module)
{
    if (module_check_internal(module) < 0)
        return NULL;
    MoObject *name = MoDict_GetItemString(MODULE(module)->md_dict, "__name__");
    if (name == NULL || !MoUnicode_Check(name)) {
        MoErr_SetString(MoExc_SystemError, "nameless module");
        return NULL;
    }
    return Mo_NewRef(name);
}

const char *MoModule_GetName(MoObject *module)
{
    MoObject *name = MoModule_GetNameObject(module);
    if (name == NULL)
        return NULL;
    Mo_DECREF(name);   /* the dict still holds it */
    return MoUnicode_AsUTF8(name);
}

/* ------------------------------------------------------------- the type */

/* m.x: the generic lookup, with 3.11's message when it fails. */
static MoObject *module_getattro(MoObject *o, MoObject *name)
{
    MoObject *v = MoObject_GenericGetAttr(o, name);
    if (v == NULL && MoErr_ExceptionMatches(MoExc_AttributeError)) {
        MoErr_Clear();
        MoErr_Format(MoExc_AttributeError, "module '%U' has no attribute '%U'", MODULE(o)->md_name, name);
    }
    return v;
}

static MoObject *module_repr(MoObject *o)
{
    return MoUnicode_FromFormat("<module %R>", MODULE(o)->md_name);
}

/* The def's state callbacks run only when the state exists (or none is asked
   for): a module whose state failed to allocate never calls them. */
static int module_state_ready(MoModuleObject *m)
{
    return m->md_def != NULL && (m->md_def->m_size <= 0 || m->md_state != NULL);
}

static int module_traverse(MoObject *o, visitproc visit, void *arg)
{
    MoModuleObject *m = MODULE(o);
    if (module_state_ready(m) && m->md_def->m_traverse != NULL) {
        int res = m->md_def->m_traverse(o, visit, arg);
        if (res)
            return res;
    }
    Mo_VISIT(m->md_dict);
    return 0;
}

static int module_clear(MoObject *o)
{
    MoModuleObject *m = MODULE(o);
    if (module_state_ready(m) && m->md_def->m_clear != NULL) {
        int res = m->md_def->m_clear(o);
        if (MoErr_Occurred())
            MoErr_WriteUnraisable(NULL);
        if (res)
            return res;
    }
    Mo_CLEAR(m->md_dict);
    return 0;
}

static void module_dealloc(MoObject *o)
{
    MoModuleObject *m = MODULE(o);
    MoObject_GC_UnTrack(o);
    if (module_state_ready(m) && m->md_def->m_free != NULL)
        m->md_def->m_free(m);
    if (m->md_weaklist != NULL)
        MoObject_ClearWeakRefs(o);
    Mo_CLEAR(m->md_dict);
    Mo_CLEAR(m->md_name);
    MoMem_Free(m->md_state);
    Mo_TYPE(o)->tp_free(o);
}

MoTypeObject MoModule_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "module",
    .tp_basicsize = sizeof(MoModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = MoObject_GenericSetAttr,
    .tp_flags = MO_TPFLAGS_DEFAULT | MO_TPFLAGS_HAVE_GC | MO_TPFLAGS_BASETYPE,
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_weaklistoffset = offsetof(MoModuleObject, md_weaklist),
    .tp_dictoffset = offsetof(MoModuleObject, md_dict),
};

/* A def is a static object: never freed, so its type has nothing to release. */
static void moduledef_dealloc(MoObject *o)
{
    (void)o;
    Mo_FatalError("deallocating a module definition: refcount error");
}

MoTypeObject MoModuleDef_Type = {
    MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "moduledef",
    .tp_basicsize = sizeof(MoModuleDef),
    .tp_dealloc = moduledef_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};
