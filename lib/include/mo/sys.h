/* sys: sizes and reference counts. */
#ifndef MO_SYS_H
#define MO_SYS_H

#include "object.h"

/* What sys.getsizeof reports in CPython 3.11: the type's __sizeof__ (the bytes the
   object really occupies: header, items, over-allocation) plus the pre-header the
   allocator placed before it (16 for a GC type, 16 more for a managed dict).
   -1 with an exception on failure. */
Mo_ssize_t MoSys_GetSizeOf(MoObject *o);
/* Every object reachable from o (through tp_traverse, and the items of containers
   of atomic values), each counted once, as pympler's asizeof does. */
Mo_ssize_t MoSys_GetDeepSizeOf(MoObject *o);
/* Mo_REFCNT(o): no +1 for the call, unlike Python's sys.getrefcount. */
Mo_ssize_t MoSys_GetRefCount(MoObject *o);
/* The sum of all reference counts the runtime handed out minus those given back
   (debug builds; 0 in release builds). */
Mo_ssize_t MoSys_GetTotalRefCount(void);
/* new: the interned string equal to s (s itself if it was not interned yet).
   TypeError for a non-str, as sys.intern. */
MoObject *MoSys_Intern(MoObject *s);

#endif
