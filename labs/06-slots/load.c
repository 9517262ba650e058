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


/* region load_table */
MoObject *Obs_Load(const ObsRow *rows, Mo_ssize_t n)
{
    // It works, but a table costs far more than the budget: read the README.
    MoObject *table = MoList_New(0);
    if (table == NULL)
        return NULL;
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *station = MoUnicode_FromString(rows[i].station);
        MoObject *obs = station ? load_row(station, &rows[i]) : NULL;
        Mo_XDECREF(station);
        if (obs == NULL || MoList_Append(table, obs) < 0) {
            Mo_XDECREF(obs);
            Mo_DECREF(table);
            return NULL;
        }
        Mo_DECREF(obs);
    }
    return table;
}
/* endregion load_table */
