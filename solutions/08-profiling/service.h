/* Lab 08, part B: a small service with four leaks to find and fix.
 *
 * The service answers requests. Its state is a dict (Service_New) whose entries the
 * functions below use: "prices" (a cache of computed prices) and "history". Each
 * function, as handed out, leaks in its own way: run each many times under a tracer
 * (yours, or the runtime's MoTraceMalloc) and see what grows, and where.
 *
 * The results are right as handed out; keep them right while you fix the leaks. After
 * the fixes, memory stays flat however many requests are served.
 */
#ifndef LAB08_SERVICE_H
#define LAB08_SERVICE_H

#include "mo.h"

/* The price cache keeps at most this many entries. */
#define SERVICE_PRICE_CACHE_MAX 64

/* new: a service's state, a dict. NULL with MemoryError. */
MoObject *Service_New(void);

/* new: the price of item n (n >= 0), an int: 1000 + n * n. Computed once and cached
   in service["prices"] (which never holds more than SERVICE_PRICE_CACHE_MAX entries):
   while n is cached, the same object is returned. NULL with an exception. */
MoObject *Service_Price(MoObject *service, long n);

/* new: the total of an order of n lines (n >= 0), line i of quantity i + 1 at price
   10 * i: an int. The order (an Order object, with its lines) is made and released
   inside. NULL with an exception. */
MoObject *Service_Order(MoObject *service, long n);

/* new: the receipt for request n, a str: "request #n: 1000+n*n". NULL with an
   exception. */
MoObject *Service_Format(MoObject *service, long n);

/* new: the sum of the squares of 0 .. n-1, an int, computed from a list of the
   squares. service["history"] holds the sums returned so far (the last
   SERVICE_PRICE_CACHE_MAX of them at most, newest last). NULL with an exception. */
MoObject *Service_Summary(MoObject *service, long n);

/* How many Order objects are alive now. */
Mo_ssize_t Service_OrdersAlive(void);

#endif /* LAB08_SERVICE_H */
