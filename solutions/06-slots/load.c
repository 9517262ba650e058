/* Lab 06, part B: Obs_Load (see load.h).
 *
 * What a table of n observations costs is n Obs and n slots of the list, plus one
 * str per station. Two things keep it there:
 *   - the list is made at its final size (MoList_New(n)) and filled, not grown by
 *     appending, which leaves spare slots;
 *   - one str per station, shared by the rows that name it, through a dict from
 *     the station's code to its str that lives only while the table is built.
 * Each Obs is made by calling the type, so that a row is checked exactly as
 * Obs(...) checks its arguments (and the station is given as an object, "O").
 */
#include "load.h"

/* BEGIN SOLUTION */
/* region load_station */
/* borrowed: the one str for station code, from stations (code -> str), made and
   added the first time. NULL with an exception. */
static MoObject *station_str(MoObject *stations, const char *code)
{
    MoObject *s = MoDict_GetItemString(stations, code);
    if (s != NULL)
        return s;
    s = MoUnicode_FromString(code);
    if (s == NULL)
        return NULL;
    int rc = MoDict_SetItemString(stations, code, s);
    Mo_DECREF(s);   /* the dict keeps it alive until the table is built */
    return rc < 0 ? NULL : s;
}
/* endregion load_station */
/* END SOLUTION */

/* region load_table */
MoObject *Obs_Load(const ObsRow *rows, Mo_ssize_t n)
{
    /* BEGIN SOLUTION */
    /* STUB: // It works, but a table costs far more than the budget: read the README. */
    /* STUB: MoObject *table = MoList_New(0); */
    /* STUB: for (Mo_ssize_t i = 0; table != NULL && i < n; i++) { */
    /* STUB:     const ObsRow *r = &rows[i]; */
    /* STUB:     MoObject *obs = MoObject_CallFunction((MoObject *)&Obs_Type, "sldllli", r->station, r->time, r->temp, */
    /* STUB:                                           r->pressure, r->wind, r->humidity, r->valid); */
    /* STUB:     if (obs == NULL || MoList_Append(table, obs) < 0) */
    /* STUB:         Mo_CLEAR(table); */
    /* STUB:     Mo_XDECREF(obs); */
    /* STUB: } */
    /* STUB: return table; */
    MoObject *stations = MoDict_New();
    MoObject *table = stations != NULL ? MoList_New(n) : NULL;
    for (Mo_ssize_t i = 0; table != NULL && i < n; i++) {
        const ObsRow *r = &rows[i];
        MoObject *station = station_str(stations, r->station);
        /* Obs(...) itself, so that a row is checked as the constructor checks */
        MoObject *obs = station == NULL ? NULL
                      : MoObject_CallFunction((MoObject *)&Obs_Type, "Oldllli", station, r->time, r->temp,
                                              r->pressure, r->wind, r->humidity, r->valid);
        if (obs == NULL)
            Mo_CLEAR(table);   /* the slots not filled yet are NULL: the list's dealloc skips them */
        else
            MoList_SET_ITEM(table, i, obs);   /* steals obs */
    }
    Mo_XDECREF(stations);
    return table;
    /* END SOLUTION */
}
/* endregion load_table */
