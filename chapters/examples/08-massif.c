/* Heap over time, as valgrind's massif sees it: a server whose response cache never
 * forgets (a ramp), then the fix, a cache bounded to the last 100 responses (a
 * plateau), then the end of the program (the cliff). The book's build runs it once
 * more under massif (the marker below) and draws massif's snapshots as the figure;
 * each object is its own malloc block (allocator: malloc), so massif sees objects. */
/* allocator: malloc */
/* massif: heap over time */
#include <stdio.h>
#include "mo.h"

/* new: the response to request n (a str of about 60 characters). */
static MoObject *respond(long n)
{
    return MoUnicode_FromFormat("response to request #%ld, with the body of the answer", n);
}

/* region serve */
/* Serve requests first .. first + count - 1, keeping every response in cache under its
   request number; with a bound, the oldest response goes when the cache is full. */
static void serve(MoObject *cache, long first, long count, Mo_ssize_t bound)
{
    for (long n = first; n < first + count; n++) {
        MoObject *key = MoLong_FromLong(n), *response = respond(n);
        MoDict_SetItem(cache, key, response);
        Mo_DECREF(key);
        Mo_DECREF(response);
        if (bound > 0 && MoDict_Size(cache) > bound) {
            MoObject *oldest = MoLong_FromLong(n - bound);
            MoDict_DelItem(cache, oldest);
            Mo_DECREF(oldest);
        }
    }
}

int main(void)
{
    Mo_Initialize();
    MoObject *cache = MoDict_New();
    serve(cache, 1000, 3000, 0);            /* the leak: every response kept */
    printf("after 3000 requests, unbounded: %zd responses cached\n", MoDict_Size(cache));
    Mo_DECREF(cache);                       /* the fix: a new cache, bounded */
    cache = MoDict_New();
    serve(cache, 4000, 3000, 100);
    printf("after 3000 more, bounded: %zd responses cached\n", MoDict_Size(cache));
    Mo_DECREF(cache);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion serve */
