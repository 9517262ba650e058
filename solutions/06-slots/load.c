/* Lab 06, part B: Obs_Load (see load.h).
 *
 * What a table of n observations costs is n Obs and n slots of the list, plus one
 * str per station. Two things keep it there:
 *   - the list is made at its final size (MoList_New(n)) and filled, not grown by
 *     appending, which leaves spare slots;
 *   - one str per station, shared by the rows that name it, through a dict from
 *     the station's code to its str that lives only while the table is built.
 * Each Obs is made by calling the type, so that a row is checked exactly as
 * Obs(...) checks its arguments.
 */
#include "load.h"

/* new: Obs(...) of one row, with station (borrowed) as its station. */
static MoObject *load_row(MoObject *station, const ObsRow *row)
{
    return MoObject_CallFunction((MoObject *)&Obs_Type, "Oldllli", station, row->time, row->temp, row->pressure,
                                 row->wind, row->humidity, row->valid);
}

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
    /* STUB: if (table == NULL) */
    /* STUB:     return NULL; */
    /* STUB: for (Mo_ssize_t i = 0; i < n; i++) { */
    /* STUB:     MoObject *station = MoUnicode_FromString(rows[i].station); */
    /* STUB:     MoObject *obs = station ? load_row(station, &rows[i]) : NULL; */
    /* STUB:     Mo_XDECREF(station); */
    /* STUB:     if (obs == NULL || MoList_Append(table, obs) < 0) { */
    /* STUB:         Mo_XDECREF(obs); */
    /* STUB:         Mo_DECREF(table); */
    /* STUB:         return NULL; */
    /* STUB:     } */
    /* STUB:     Mo_DECREF(obs); */
    /* STUB: } */
    /* STUB: return table; */
    MoObject *stations = MoDict_New();
    if (stations == NULL)
        return NULL;
    MoObject *table = MoList_New(n);
    if (table == NULL) {
        Mo_DECREF(stations);
        return NULL;
    }
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *station = station_str(stations, rows[i].station);
        MoObject *obs = station != NULL ? load_row(station, &rows[i]) : NULL;
        if (obs == NULL) {
            /* the slots not filled yet are NULL: the list's dealloc skips them */
            Mo_DECREF(table);
            Mo_DECREF(stations);
            return NULL;
        }
        MoList_SET_ITEM(table, i, obs);   /* steals obs */
    }
    Mo_DECREF(stations);
    return table;
    /* END SOLUTION */
}
/* endregion load_table */
