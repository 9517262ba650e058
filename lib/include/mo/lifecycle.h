/* Starting and stopping the runtime. */
#ifndef MO_LIFECYCLE_H
#define MO_LIFECYCLE_H

#include "object.h"

/* Ready the built-in types and singletons. 0 on success. Idempotent. */
int Mo_Initialize(void);
/* Collect, free the runtime's own objects (caches, the intern table), and return
   how many objects are still alive: 0 means nothing leaked. The debug build prints
   a report of the survivors, by type, on stderr. */
Mo_ssize_t Mo_Finalize(void);
/* How many objects are alive right now (created and not yet freed), statics excluded. */
Mo_ssize_t _Mo_LiveObjects(void);

#endif
