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
    /* BEGIN SOLUTION */
    /* STUB: // TODO: the other fields, each of the narrowest C type that holds its */
    /* STUB: // values (obs.h), in an order that leaves no padding between them, and */
    /* STUB: // the head of the list of weak references. */
    MoObject *weakreflist;   /* the runtime's list of weak references; NULL: none */
    long long time;
    float temp;
    int pressure;
    short wind;
    unsigned char humidity;
    char quality;
    char valid;              /* 0 or 1 (T_BOOL) */
    /* END SOLUTION */
} ObsObject;
/* endregion obs_struct */

/* region obs_new */
/* Obs(station, time, temp, pressure=101325, wind=0, humidity=0, valid=True) */
static MoObject *obs_new(MoTypeObject *type, MoObject *args, MoObject *kwargs)
{
    static char *kwlist[] = {"station", "time", "temp", "pressure", "wind", "humidity", "valid", NULL};
    MoObject *station;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: parse every argument with the format unit that checks it against */
    /* STUB: // its field's C type, then allocate (type->tp_alloc) and fill the fields. */
    /* STUB: (void)type; */
    /* STUB: (void)kwlist; */
    /* STUB: (void)station; */
    /* STUB: (void)args; */
    /* STUB: (void)kwargs; */
    /* STUB: MoErr_SetString(MoExc_NotImplementedError, "Obs() is not written yet"); */
    /* STUB: return NULL; */
    long long time;
    float temp;
    int pressure = 101325, valid = 1;
    short wind = 0;
    unsigned char humidity = 0;
    if (!MoArg_ParseTupleAndKeywords(args, kwargs, "ULf|ihbp:Obs", kwlist, &station, &time, &temp, &pressure,
                                     &wind, &humidity, &valid))
        return NULL;
    ObsObject *o = (ObsObject *)type->tp_alloc(type, 0);   /* zeroed: weakreflist NULL */
    if (o == NULL)
        return NULL;
    o->station = Mo_NewRef(station);
    o->time = time;
    o->temp = temp;
    o->pressure = pressure;
    o->wind = wind;
    o->humidity = humidity;
    o->quality = '?';
    o->valid = (char)valid;
    return (MoObject *)o;
    /* END SOLUTION */
}
/* endregion obs_new */

/* region obs_dealloc */
static void obs_dealloc(MoObject *self)
{
    ObsObject *o = (ObsObject *)self;
    /* BEGIN SOLUTION */
    /* STUB: // TODO: before anything else, clear the weak references (if there are any). */
    if (o->weakreflist != NULL)
        MoObject_ClearWeakRefs(self);
    /* END SOLUTION */
    Mo_CLEAR(o->station);
    Mo_TYPE(self)->tp_free(self);
}
/* endregion obs_dealloc */

/* region obs_members */
static MoMemberDef obs_members[] = {
    {"station", T_OBJECT_EX, offsetof(ObsObject, station), READONLY, "the station's code"},
    /* BEGIN SOLUTION */
    /* STUB: // TODO: one entry per field: its name, its T_ type, offsetof(ObsObject, field), */
    /* STUB: // READONLY where it cannot change; and __weakref__, as a class with */
    /* STUB: // __slots__ = (..., "__weakref__") has it. */
    {"time", T_LONGLONG, offsetof(ObsObject, time), READONLY, "seconds since 1970"},
    {"temp", T_FLOAT, offsetof(ObsObject, temp), 0, "degrees Celsius"},
    {"pressure", T_INT, offsetof(ObsObject, pressure), 0, "pascals"},
    {"wind", T_SHORT, offsetof(ObsObject, wind), 0, "wind direction in degrees, -1 when calm"},
    {"humidity", T_UBYTE, offsetof(ObsObject, humidity), 0, "relative humidity, percent"},
    {"quality", T_CHAR, offsetof(ObsObject, quality), 0, "quality flag"},
    {"valid", T_BOOL, offsetof(ObsObject, valid), 0, "whether it passed its checks"},
    {"__weakref__", T_OBJECT, offsetof(ObsObject, weakreflist), READONLY, "the first weak reference"},
    /* END SOLUTION */
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
    /* BEGIN SOLUTION */
    /* STUB: // TODO: where the list of weak references lives. */
    .tp_weaklistoffset = offsetof(ObsObject, weakreflist),
    /* END SOLUTION */
};
/* endregion obs_type */

int Obs_Ready(void)
{
    return MoType_Ready(&Obs_Type);
}
