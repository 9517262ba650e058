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


/* region load_table */
MoObject *Obs_Load(const ObsRow *rows, Mo_ssize_t n)
{
    // It works, but a table costs far more than the budget: read the README.
    MoObject *table = MoList_New(0);
    for (Mo_ssize_t i = 0; table != NULL && i < n; i++) {
        const ObsRow *r = &rows[i];
        MoObject *obs = MoObject_CallFunction((MoObject *)&Obs_Type, "sldllli", r->station, r->time, r->temp,
                                              r->pressure, r->wind, r->humidity, r->valid);
        if (obs == NULL || MoList_Append(table, obs) < 0)
            Mo_CLEAR(table);
        Mo_XDECREF(obs);
    }
    return table;
}
/* endregion load_table */
