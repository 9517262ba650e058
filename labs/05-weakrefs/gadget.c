/* Lab 05, part A: the Gadget type (see gadget.h).
 *
 * What weak-reference support takes, in CPython's idiom (Objects/setobject.c and
 * every other weakly referenceable type do the same three things):
 *   1. a field of the object, `MoObject *weakreflist`, NULL while no weak reference
 *      exists: the runtime keeps there the head of the list of references;
 *   2. the type's tp_weaklistoffset, the field's offset from the start of the object
 *      (offsetof), which is how the runtime finds the field; 0 means "no weak
 *      references", and MoWeakref_NewRef raises TypeError;
 *   3. in tp_dealloc, before anything else is released, MoObject_ClearWeakRefs(self)
 *      when the field is not NULL: every reference becomes dead and the callbacks run,
 *      while the object's fields are still intact.
 */
#include <stddef.h>
#include "gadget.h"

/* region gadget_struct */
typedef struct {
    MoObject_HEAD
    MoObject *name;
    // TODO: the field that holds the head of the list of weak references.
} GadgetObject;
/* endregion gadget_struct */

MoObject *Gadget_New(MoObject *name)
{
    GadgetObject *g = MoObject_New(GadgetObject, &Gadget_Type);
    if (g == NULL)
        return NULL;
    g->name = Mo_NewRef(name);
    // TODO: a new gadget has no weak references yet.
    return (MoObject *)g;
}

MoObject *Gadget_Name(MoObject *gadget)
{
    return ((GadgetObject *)gadget)->name;
}

/* region gadget_dealloc */
static void gadget_dealloc(MoObject *self)
{
    GadgetObject *g = (GadgetObject *)self;
    // TODO: first of all, clear the weak references to this gadget.
    Mo_CLEAR(g->name);
    Mo_TYPE(self)->tp_free(self);
}
/* endregion gadget_dealloc */

static MoObject *gadget_repr(MoObject *self)
{
    return MoUnicode_FromFormat("<Gadget %R>", ((GadgetObject *)self)->name);
}

static MoMemberDef gadget_members[] = {
    {"name", MO_T_OBJECT, offsetof(GadgetObject, name), MO_READONLY, "the gadget's name"},
    {NULL, 0, 0, 0, NULL},
};

/* region gadget_type */
MoTypeObject Gadget_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab05.Gadget",
    .tp_basicsize = sizeof(GadgetObject),
    .tp_dealloc = gadget_dealloc,
    .tp_repr = gadget_repr,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_members = gadget_members,
    // TODO: where the list's head lives, so that the runtime can find it.
};
/* endregion gadget_type */

int Gadget_Ready(void)
{
    return MoType_Ready(&Gadget_Type);
}
