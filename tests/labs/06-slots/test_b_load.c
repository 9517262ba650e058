/* Lab 06 grader, part B: Obs_Load and its memory budget (labs/06-slots/load.h).
 *
 * The rows are made here, deterministically: 1,000 observations from five
 * stations. That is enough for the cost per record to show to the byte (the fixed
 * costs, the list's header and five strs, are a few hundred bytes in all) and few
 * enough to stay quick under valgrind. The budget test measures what the table
 * costs with the tracer, as chapter 06 measures instances: the bytes in use after
 * Obs_Load minus those before, with the table alive. The grader scores that figure
 * against the reference solution's (grade.conf, figures.tsv).
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "load.h"

MG_LAB_SETUP(Obs_Ready)

#define NROWS 1000

static const char *const stations[] = {"KSEA", "KPDX", "KSFO", "KLAX", "KDEN"};
#define NSTATIONS 5

/* The station codes are copied into rows' own buffers, as a parser would leave
   them: equal codes at different addresses. */
static char codes[NROWS][8];
static ObsRow rows[NROWS];

static void make_rows(void)
{
    for (int i = 0; i < NROWS; i++) {
        snprintf(codes[i], sizeof codes[i], "%s", stations[(i * 7 + i / 13) % NSTATIONS]);
        rows[i] = (ObsRow){
            .station = codes[i],
            .time = 1700000000L + 600L * i,
            .temp = -5.0 + (i % 400) * 0.1,
            .pressure = 98000 + (i * 37) % 5000,
            .wind = (i * 13) % 361 - 1,
            .humidity = i % 101,
            .valid = i % 7 != 0,
        };
    }
}

/* new: Obs_Load(rows, n), which must succeed and be a list of n. */
static MoObject *load(Mo_ssize_t n)
{
    MoObject *table = Obs_Load(rows, n);
    ck_assert_msg(table != NULL, "Obs_Load(rows, %zd) failed: %s", n, mg_exc_text());
    ck_assert_msg(MoList_Check(table), "Obs_Load returned a %s, not a list", Mo_TYPE(table)->tp_name);
    ck_assert_msg(MoList_GET_SIZE(table) == n, "Obs_Load(rows, %zd) returned %zd records", n, MoList_GET_SIZE(table));
    return table;
}

/* A complaint about record i's field name (NULL when it is right). */
static const char *field_problem(MoObject *obs, int i, const char *name, double expected)
{
    static char msg[200];
    MoObject *v = MoObject_GetAttrString(obs, name);
    double got = v == NULL ? -1e300 : MoFloat_AsDouble(v);
    Mo_XDECREF(v);
    MoErr_Clear();
    if (got == expected)
        return NULL;
    snprintf(msg, sizeof msg, "record %d: %s is %.9g, expected %.9g (row %d)", i, name, got, expected, i);
    return msg;
}

/* Every record of table is rows[i] as Obs(...) makes it, with refcount 1. */
static void check_records(MoObject *table, Mo_ssize_t n)
{
    for (Mo_ssize_t i = 0; i < n; i++) {
        MoObject *obs = MoList_GET_ITEM(table, i);
        if (!Obs_Check(obs))
            ck_abort_msg("record %zd is a %s, not a lab06.Obs", i, Mo_TYPE(obs)->tp_name);
        if (Mo_REFCNT(obs) != 1)
            ck_abort_msg("record %zd has refcount %zd, expected 1 (the list's)", i, Mo_REFCNT(obs));
        const ObsRow *r = &rows[i];
        const char *p = field_problem(obs, (int)i, "time", (double)r->time);
        if (p == NULL) p = field_problem(obs, (int)i, "temp", (double)(float)r->temp);
        if (p == NULL) p = field_problem(obs, (int)i, "pressure", (double)r->pressure);
        if (p == NULL) p = field_problem(obs, (int)i, "wind", (double)r->wind);
        if (p == NULL) p = field_problem(obs, (int)i, "humidity", (double)r->humidity);
        if (p == NULL) p = field_problem(obs, (int)i, "valid", (double)r->valid);
        if (p != NULL)
            ck_abort_msg("%s", p);
        MoObject *s = MoObject_GetAttrString(obs, "station");
        int same = s != NULL && MoUnicode_Check(s) && strcmp(MoUnicode_AsUTF8(s), r->station) == 0;
        Mo_XDECREF(s);
        MoErr_Clear();
        if (!same)
            ck_abort_msg("record %zd: station is not '%s'", i, r->station);
    }
}

MG_TEST(load_values, 6, "Obs_Load makes a list of n Obs, each from its row, each held by the list alone")
{
    make_rows();
    MoObject *table = load(NROWS);
    mg_assert_refcnt(table, 1, "the table");
    check_records(table, NROWS);
    Mo_DECREF(table);
}

MG_TEST(load_empty, 2, "Obs_Load of no rows is an empty list")
{
    make_rows();
    MoObject *table = load(0);
    Mo_DECREF(table);
}

MG_TEST(load_shares_stations, 5, "records of one station share one str: five stations, five str objects")
{
    make_rows();
    MoObject *table = load(NROWS);
    MoObject *seen[NSTATIONS] = {NULL};
    for (Mo_ssize_t i = 0; i < NROWS; i++) {
        MoObject *s = MoObject_GetAttrString(MoList_GET_ITEM(table, i), "station");
        ck_assert_msg(s != NULL, "record %zd has no station: %s", i, mg_exc_text());
        Mo_DECREF(s);   /* the record still holds it */
        int k = 0;
        while (k < NSTATIONS && strcmp(stations[k], rows[i].station) != 0)
            k++;
        if (seen[k] == NULL)
            seen[k] = s;
        else if (seen[k] != s)
            ck_abort_msg("records of station %s hold different str objects (record %zd): one str per station "
                         "is 1 object, one per record is hundreds", stations[k], i);
    }
    for (int k = 0; k < NSTATIONS; k++) {
        Mo_ssize_t records = 0;
        for (int i = 0; i < NROWS; i++)
            records += strcmp(rows[i].station, stations[k]) == 0;
        if (seen[k] != NULL && Mo_REFCNT(seen[k]) != records)
            ck_abort_msg("the str of %s has refcount %zd, expected %zd (one per record of it, nothing else)",
                         stations[k], Mo_REFCNT(seen[k]), records);
    }
    Mo_DECREF(table);
}

MG_TEST(load_frees_everything, 3, "dropping the table frees every record and every station str")
{
    make_rows();
    Mo_ssize_t before = mg_live();
    MoObject *table = load(NROWS);
    Mo_ssize_t during = mg_live() - before;
    ck_assert_msg(during >= NROWS + 1, "only %zd objects alive with the table", during);
    Mo_DECREF(table);
    mg_assert_no_new_objects(before, "after the table was dropped");
}

MG_TEST(load_bad_row, 5, "a row Obs() refuses (humidity 300 at row 700) fails the load with its OverflowError and leaks nothing")
{
    make_rows();
    rows[700].humidity = 300;
    Mo_ssize_t before = mg_live();
    MoObject *table = Obs_Load(rows, NROWS);
    ck_assert_msg(table == NULL, "Obs_Load accepted a humidity of 300 (row 700)");
    mg_assert_exc(MoExc_OverflowError, "unsigned byte integer is greater than maximum", "Obs_Load with row 700 bad");
    mg_assert_no_new_objects(before, "after the failed load");
}

MG_TEST(load_out_of_memory, 3, "when memory runs out Obs_Load fails with MemoryError and leaks nothing")
{
    make_rows();
    MoObject *table = NULL;
    for (long n = 0; table == NULL; n += 1 + n / 4) {
        Mo_ssize_t before = mg_live();
        mg_alloc_limit(n);
        table = Obs_Load(rows, 40);
        mg_alloc_unlimited();
        if (table == NULL) {
            mg_assert_exc(MoExc_MemoryError, NULL, "Obs_Load when memory runs out");
            mg_assert_no_new_objects(before, "Obs_Load that ran out of memory");
        }
        ck_assert_msg(n < 100000, "Obs_Load kept failing with 100000 allocations allowed");
    }
    check_records(table, 40);
    Mo_DECREF(table);
}

MG_TEST(load_within_budget, 15, "bytes a table of 1000 records costs, as the tracer counts them: scored against the reference solution's")
{
    make_rows();
    size_t before, after, peak;
    MoTraceMalloc_Start(1);
    MoTraceMalloc_GetTracedMemory(&before, &peak);
    MoObject *table = Obs_Load(rows, NROWS);
    MoTraceMalloc_GetTracedMemory(&after, &peak);
    MoTraceMalloc_Stop();
    ck_assert_msg(table != NULL, "Obs_Load(rows, %d) failed: %s", NROWS, mg_exc_text());
    check_records(table, NROWS);
    Mo_DECREF(table);
    printf("the table of %d records: %zu bytes, %.2f per record\n", NROWS, after - before,
           (double)(after - before) / NROWS);
    mg_report_figure((long long)(after - before));
}
