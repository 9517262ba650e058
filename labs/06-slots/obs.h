/* Lab 06, part A: Obs, one weather observation, a static type with a fixed layout.
 *
 * An Obs is a record: a handful of named fields at fixed offsets in the object,
 * described to the runtime by a MoMemberDef table (tp_members), the way a class
 * with __slots__ describes its fields, and the way CPython's own record-like C
 * types do. Unlike slots, the fields need not be objects: a temperature is four
 * bytes of C float, made into a float object only when someone reads it.
 *
 * From Python's side an Obs behaves like an instance of
 *
 *     class Obs:
 *         __slots__ = ("station", "time", "temp", "pressure", "wind",
 *                      "humidity", "quality", "valid", "__weakref__")
 *
 * except that station and time cannot be changed, the numeric fields keep C
 * numbers (and convert as CPython's members convert), and no other attribute
 * can be added (there is no __dict__).
 */
#ifndef LAB06_OBS_H
#define LAB06_OBS_H

#include "mo.h"
#include "structmember.h"

/* The type: "lab06.Obs". Call it to make an observation:
 *
 *     Obs(station, time, temp, pressure=101325, wind=0, humidity=0, valid=True)
 *
 *   station   str, read-only         the station's code, "KSEA"
 *   time      int, read-only         seconds since 1970 (a C long long)
 *   temp      float                  degrees Celsius, kept as a C float
 *   pressure  int                    pascals, a C int
 *   wind      int                    wind direction in degrees, -1 when calm: a C short
 *   humidity  int                    relative humidity in percent: a C unsigned char
 *   quality   str of one character   a quality flag; '?' until someone sets it
 *   valid     bool                   whether the observation passed its checks
 *   __weakref__                      the first weak reference to it, or None (read-only)
 *
 * The arguments are checked as CPython's MoArg_ParseTupleAndKeywords checks them,
 * with its messages: a humidity of 300 is an OverflowError ("unsigned byte integer
 * is greater than maximum"), never 44. A new Obs is a new reference. */
extern MoTypeObject Obs_Type;
#define Obs_Check(op) Mo_IS_TYPE((op), &Obs_Type)

/* Ready Obs_Type: call it after Mo_Initialize. 0, or -1 with an exception set. */
int Obs_Ready(void);

#endif /* LAB06_OBS_H */
