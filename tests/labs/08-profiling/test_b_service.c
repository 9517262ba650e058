/* Lab 08 grader, part B: the service's leaks (labs/08-profiling/service.h).
 *
 * Memory is measured with the runtime's own tracer (MoTraceMalloc), so that part B
 * does not depend on part A. "Flat" means: after a warm-up, more requests do not
 * raise the traced memory's peak, and leave as many objects alive as before.
 */
#include <string.h>
#include "harness.h"
#include "service.h"

/* The runtime's tracer, when a test started it (the grader's leak pass may have started
   it before the test: then it stays on, to name what leaked). */
static int started_tracing;

static int service_lab_teardown(void)
{
    if (started_tracing)
        MoTraceMalloc_Stop();
    started_tracing = 0;
    return 0;
}
MG_LAB_TEARDOWN(service_lab_teardown)

typedef MoObject *(*request_fn)(MoObject *service, long n);

static MoObject *new_service(void)
{
    MoObject *s = Service_New();
    if (s == NULL)
        ck_abort_msg("Service_New failed: %s", mg_exc_text());
    return s;
}

/* Serve requests first .. first + count - 1 with fn (argument n % modulo), dropping
   each result. */
static void serve(request_fn fn, MoObject *service, long first, long count, long modulo)
{
    for (long i = first; i < first + count; i++) {
        MoObject *r = fn(service, i % modulo + (modulo > 1000 ? 1000 : 0));   /* past the small ints */
        if (r == NULL)
            ck_abort_msg("request %ld failed: %s", i, mg_exc_text());
        Mo_DECREF(r);
    }
}

/* Serve `warm` requests, then `more`: the traced peak and the live objects after the
   second run must be those after the first. */
static void assert_flat(request_fn fn, const char *name, long warm, long more, long modulo, size_t slack)
{
    MoObject *service = new_service();
    started_tracing = !MoTraceMalloc_IsTracing();
    if (MoTraceMalloc_Start(1) < 0)
        ck_abort_msg("MoTraceMalloc_Start failed: %s", mg_exc_text());
    serve(fn, service, 0, warm, modulo);
    size_t cur1, peak1, cur2, peak2;
    MoTraceMalloc_GetTracedMemory(&cur1, &peak1);
    Mo_ssize_t live1 = mg_live();
    serve(fn, service, warm, more, modulo);
    MoTraceMalloc_GetTracedMemory(&cur2, &peak2);
    Mo_ssize_t live2 = mg_live();
    if (started_tracing)
        MoTraceMalloc_Stop();
    started_tracing = 0;
    Mo_DECREF(service);
    if (peak2 > peak1 + slack)
        ck_abort_msg("%s: the traced peak grew from %zu to %zu bytes over %ld more requests", name, peak1, peak2, more);
    if (live2 > live1)
        ck_abort_msg("%s: %zd objects alive after %ld requests, %zd after %ld more", name, live1, warm, live2, more);
}

/* ------------------------------------------------------------------- prices */

MG_TEST(service_price_right, 3, "Service_Price(n) is 1000 + n * n, and the same object while n is cached")
{
    MoObject *service = new_service();
    MoObject *a = Service_Price(service, 300), *b = Service_Price(service, 300);   /* not small ints */
    ck_assert_msg(a != NULL && b != NULL, "Service_Price failed: %s", mg_exc_text());
    ck_assert_msg(MoLong_AsLong(a) == 91000, "Service_Price(300) is %ld, expected 91000", MoLong_AsLong(a));
    ck_assert_msg(a == b, "Service_Price(300) twice gave two objects: the price was not cached");
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(service);
}

MG_TEST(service_price_cache_bounded, 7, "the price cache never holds more than SERVICE_PRICE_CACHE_MAX entries and memory stays flat")
{
    MoObject *service = new_service();
    serve(Service_Price, service, 0, 300, 100000);
    MoObject *prices = MoDict_GetItemString(service, "prices");
    ck_assert_msg(prices != NULL && MoDict_Check(prices), "service[\"prices\"] is gone");
    Mo_ssize_t n = MoDict_Size(prices);
    Mo_DECREF(service);
    ck_assert_msg(n <= SERVICE_PRICE_CACHE_MAX && n > 0, "the cache holds %zd entries after 300 prices (at most %d)", n,
                  SERVICE_PRICE_CACHE_MAX);
    assert_flat(Service_Price, "Service_Price", 200, 300, 100000, 0);
}

/* ------------------------------------------------------------------- orders */

MG_TEST(service_order_right, 3, "Service_Order(n) is the sum of (i + 1) * 10 * i over its lines")
{
    MoObject *service = new_service();
    MoObject *t = Service_Order(service, 4);
    ck_assert_msg(t != NULL, "Service_Order failed: %s", mg_exc_text());
    ck_assert_msg(MoLong_AsLong(t) == 200, "Service_Order(4) is %ld, expected 200", MoLong_AsLong(t));
    Mo_DECREF(t);
    t = Service_Order(service, 0);
    ck_assert_msg(t != NULL && MoLong_AsLong(t) == 0, "Service_Order(0) is not 0");
    Mo_DECREF(t);
    Mo_DECREF(service);
}

MG_TEST(service_order_freed, 6, "an order dies when Service_Order returns: no Order alive, memory flat over many orders")
{
    MoObject *service = new_service();
    serve(Service_Order, service, 0, 20, 7);
    Mo_DECREF(service);
    ck_assert_msg(Service_OrdersAlive() == 0, "%zd orders still alive after 20 calls returned", Service_OrdersAlive());
    assert_flat(Service_Order, "Service_Order", 20, 100, 7, 0);
}

/* ----------------------------------------------------------------- receipts */

MG_TEST(service_format_right, 3, "Service_Format(n) is the str request #n: followed by the price")
{
    MoObject *service = new_service();
    MoObject *r = Service_Format(service, 12);
    ck_assert_msg(r != NULL, "Service_Format failed: %s", mg_exc_text());
    mg_assert_repr(r, "'request #12: 1144'", "Service_Format(service, 12)");
    Mo_DECREF(r);
    Mo_DECREF(service);
}

MG_TEST(service_format_no_leak, 6, "Service_Format leaves nothing behind: memory and objects flat over many receipts")
{
    assert_flat(Service_Format, "Service_Format", 30, 150, 30, 0);
}

/* ------------------------------------------------------------------ summary */

MG_TEST(service_summary_right, 3, "Service_Summary(n) is the sum of the squares below n, and the history keeps the sums")
{
    MoObject *service = new_service();
    MoObject *s = Service_Summary(service, 10);
    ck_assert_msg(s != NULL, "Service_Summary failed: %s", mg_exc_text());
    ck_assert_msg(MoLong_AsLong(s) == 285, "Service_Summary(10) is %ld, expected 285", MoLong_AsLong(s));
    MoObject *history = MoDict_GetItemString(service, "history");
    ck_assert_msg(history != NULL && MoList_Check(history) && MoList_Size(history) == 1, "the history is not one entry long");
    Mo_DECREF(s);
    Mo_DECREF(service);
}

MG_TEST(service_summary_flat, 6, "the history keeps only the last sums, not the lists of squares: memory flat over many summaries")
{
    MoObject *service = new_service();
    serve(Service_Summary, service, 0, 100, 50);
    MoObject *history = MoDict_GetItemString(service, "history");
    ck_assert_msg(history != NULL && MoList_Check(history), "service[\"history\"] is gone");
    Mo_ssize_t n = MoList_Size(history);
    MoObject *last = n > 0 ? MoList_GetItem(history, n - 1) : NULL;
    int last_is_sum = last != NULL && MoLong_Check(last) && MoLong_AsLong(last) == 48 * 49 * 97 / 6;
    Mo_DECREF(service);
    ck_assert_msg(n <= SERVICE_PRICE_CACHE_MAX, "the history holds %zd entries after 100 summaries (at most %d)", n,
                  SERVICE_PRICE_CACHE_MAX);
    ck_assert_msg(last_is_sum, "the history's newest entry is not the last sum (an int)");
    assert_flat(Service_Summary, "Service_Summary", 100, 100, 50, 0);
}

/* ------------------------------------------------------------ out of memory */

/* Call fn(service, arg) on a service holding `prefill` prices (and, with warm, after one
   call of fn(service, arg) already made), letting 0, 1, 2, ... allocations succeed until
   it succeeds: each failure is MemoryError and leaves nothing alive (no Order either). */
static void oom_walk(request_fn fn, const char *name, long arg, long prefill, int warm)
{
    for (long budget = 0;; budget++) {
        Mo_ssize_t before = mg_live();
        MoObject *service = new_service();
        serve(Service_Price, service, 0, prefill, 1000000);
        if (warm)
            serve(fn, service, arg, 1, 1000);
        mg_alloc_limit(budget);
        MoObject *r = fn(service, arg);
        mg_alloc_unlimited();
        if (r == NULL)
            mg_assert_exc(MoExc_MemoryError, NULL, name);
        else
            mg_assert_no_exc(name);
        Mo_XDECREF(r);
        Mo_DECREF(service);
        if (Service_OrdersAlive() != 0)
            ck_abort_msg("%s with %ld allocations allowed left an Order alive", name, budget);
        /* One more is a list kept on the free list; a real leak also fails at the end,
           when the runtime is finalized. */
        if (mg_live() > before + 1)
            ck_abort_msg("%s with %ld allocations allowed (%ld prices cached) left %zd objects alive", name, budget,
                         prefill, mg_live() - before);
        if (r != NULL)
            return;
        if (budget == 200)
            ck_abort_msg("%s still fails with 200 allocations allowed", name);
    }
}

MG_TEST(service_out_of_memory, 3, "when memory runs out each function fails with MemoryError and leaks nothing, no Order included")
{
    for (long prefill = 0; prefill <= 12; prefill++)    /* the cache's table grows at some insertion */
        oom_walk(Service_Price, "Service_Price", 300, prefill, 0);
    oom_walk(Service_Order, "Service_Order", 3, 0, 0);
    oom_walk(Service_Format, "Service_Format", 300, 0, 0);
    oom_walk(Service_Summary, "Service_Summary", 20, 0, 0);
    /* Squares and sums all small ints, the history with room: only the list can fail. */
    oom_walk(Service_Summary, "Service_Summary", 8, 0, 1);
}
