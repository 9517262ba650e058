/* Lab 06, part A: the Obs type (see obs.h).
 *
 * The layout is the whole point. An Obs is allocated in one block of
 * tp_basicsize bytes, and every byte of it is paid for by every observation:
 *   - the C types are the narrowest that hold the values (a humidity is one
 *     byte, not a pointer to an int object of 28);
 *   - the fields are ordered so that the compiler needs no padding between them
 *     (each field at an offset that is a multiple of its size);
 *   - no GC header: an Obs holds a str and numbers, which cannot lead back to it,
 *     so it can never be part of a cycle and the collector need not know it;
 *   - no __dict__: the fields are all there is;
 *   - one word for the list of weak references, because a station's cache keeps
 *     its latest observations weakly (chapter 05).
 */
#include <stddef.h>
#include "obs.h"

/* region obs_struct */
typedef struct {
    MoObject_HEAD
    MoObject *station;       /* str, never NULL once made */
    // TODO: the other fields, each of the narrowest C type that holds its
    // values (obs.h), in an order that leaves no padding between them, and
    // the head of the list of weak references.
} ObsObject;
/* endregion obs_struct */

/* region obs_new */
/* Obs(station, time, temp, pressure=101325, wind=0, humidity=0, valid=True) */
static MoObject *obs_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"station", "time", "temp", "pressure", "wind", "humidity", "valid", NULL};
    MoObject *station;
    // TODO: parse every argument with the format unit that checks it against
    // its field's C type, then allocate (type->tp_alloc) and fill the fields.
    (void)type;
    (void)kwlist;
    (void)station;
    (void)args;
    (void)kwargs;
    MoErr_SetString(MoExc_NotImplementedError, "Obs() is not written yet");
    return NULL;
}
/* endregion obs_new */

/* region obs_dealloc */
static void obs_dealloc(MoObject *self)
{
    ObsObject *o = (ObsObject *)self;
    // TODO: before anything else, clear the weak references (if there are any).
    Mo_CLEAR(o->station);
    Mo_TYPE(self)->tp_free(self);
}
/* endregion obs_dealloc */

/* region obs_members */
static MoMemberDef obs_members[] = {
    {"station", T_OBJECT_EX, offsetof(ObsObject, station), READONLY, "the station's code"},
    // TODO: one entry per field: its name, its T_ type, offsetof(ObsObject, field),
    // READONLY where it cannot change; and __weakref__, as a class with
    // __slots__ = (..., "__weakref__") has it.
    {NULL, 0, 0, 0, NULL},
};
/* endregion obs_members */

/* region obs_type */
MoTypeObject Obs_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab06.Obs",
    .tp_basicsize = sizeof(ObsObject),
    .tp_dealloc = obs_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_members = obs_members,
    .tp_new = obs_new,
    // TODO: where the list of weak references lives.
};
/* endregion obs_type */

int Obs_Ready(void)
{
    return MoType_Ready(&Obs_Type);
}
