/* Lab 06, part B: a table of observations within a memory budget.
 *
 * Obs_Load turns rows read from a file (C values, station codes as C strings)
 * into a list of Obs. The grader measures what the table costs with the tracer:
 * every byte that came into use for it, divided by the number of rows, against
 * what the reference solution's table costs (lab README, "The budget").
 */
#ifndef LAB06_LOAD_H
#define LAB06_LOAD_H

#include "obs.h"

/* One row as parsed from a file. The C types are wider than the fields of an Obs:
   a row can hold a value an Obs cannot (a humidity of 300). */
typedef struct {
    const char *station;   /* UTF-8, NUL-terminated */
    long time;
    double temp;
    long pressure;
    long wind;
    long humidity;
    int valid;             /* 0 or 1 */
} ObsRow;

/* new: a list of n Obs, the i-th made from rows[i] as Obs(...) makes it. Rows of
   the same station share one str object. NULL with the exception the first bad
   row raised (the Obs constructor's), or MemoryError; nothing made is kept. */
MoObject *Obs_Load(const ObsRow *rows, Mo_ssize_t n);

#endif /* LAB06_LOAD_H */
