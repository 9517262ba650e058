/* What the tracer's three files share (tracemalloc.c, frames.c, snapshot.c), and the
 * two questions the rest of the runtime asks the tracer (liveobjects.c's leak report,
 * the debug hooks' error messages).
 *
 *   frames.c      native return addresses: capture the program's own (runtime frames
 *                 skipped) and turn one into file:line with libdw, once per address;
 *   tracemalloc.c the hooks, the trace table, interned tracebacks, the counters;
 *   snapshot.c    Snapshot, Statistic, StatisticDiff, Traceback, Frame, Filter.
 *
 * The tracer's own memory comes from the C library (malloc/free), never from the
 * allocation domains: it must not trace itself.
 */
#ifndef MO_TRACEMALLOC_INTERNAL_H
#define MO_TRACEMALLOC_INTERNAL_H

#include <stdint.h>
#include "internal.h"

/* ------------------------------------------------------------- frames.c */

/* Fill pcs (most recent first) with up to max return addresses of the program's
   own frames: frames in the runtime's code (files under the directory holding
   lib/src/ and lib/include/) are skipped. Returns how many; 0 when there are none
   or when the unwinder cannot run. The last frame kept is main's. Allocates only
   from the C library. (_MoFrames_CaptureCaller and _MoFrames_Resolve, the public
   pair, are in mo/tracemalloc.h.) */
int _MoFrames_Capture(uintptr_t *pcs, int max);
/* Bytes the frame caches hold (part of get_tracemalloc_memory). */
size_t _MoFrames_MemoryUsage(void);
/* Forget the caches and the libdw session (the next capture starts again). */
void _MoFrames_Fini(void);

/* -------------------------------------------------------- tracemalloc.c */

/* A copy of the trace table, as a snapshot keeps it. Tracebacks are shared by the
   traces that have the same one; their return addresses are stored most recent
   first in pcs[first .. first + nframe). The arrays come from MoMem_Malloc. */
typedef struct {
    size_t size;
    unsigned int domain;
    uint32_t traceback;          /* index into tracebacks */
} _MoTraceCopy;
typedef struct {
    uint32_t first, nframe, total_nframe;
} _MoTracebackCopy;
typedef struct {
    Mo_ssize_t ntraces, ntracebacks, npcs;
    _MoTraceCopy *traces;
    _MoTracebackCopy *tracebacks;
    uintptr_t *pcs;
} _MoTraceTable;

/* Release a table's arrays (the struct itself is the caller's). */
void _MoTraceTable_Clear(_MoTraceTable *t);

/* The most recent frame of the block holding object o (the pre-header counted), for
   the leak report: 1 and *loc set when o's block is traced, 0 otherwise. Creates
   no object. */
int _MoTraceMalloc_GetObjectSite(MoObject *o, _MoFrameLoc *loc);
/* For the debug hooks' fatal errors: write where the block at ptr was allocated, in
   CPython's format ("Memory block allocated at (most recent call first):" and one
   '  File "f", line n' per frame), or the hint to enable tracemalloc. */
void _MoTraceMalloc_DumpTraceback(FILE *out, const void *ptr);
/* Stop tracing and release everything the tracer holds (for Mo_Finalize, after the
   leak report). */
void _MoTraceMalloc_Fini(void);

/* ----------------------------------------------------------- snapshot.c */

/* new: a Snapshot owning *table's arrays (they are taken even on failure). */
MoObject *_MoSnapshot_FromTable(_MoTraceTable *table, int traceback_limit);
/* new: a Traceback of n return addresses given most recent first (the Traceback
   is ordered oldest first); total_nframe < 0 gives total_nframe None. */
MoObject *_MoTraceback_FromPCs(const uintptr_t *pcs, int n, int total_nframe);

#endif
