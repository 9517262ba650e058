/* tracemalloc for C programs: a trace (size and traceback) for every block allocated
 * while tracing is on, kept by hooks on the three allocation domains. Tracebacks are
 * the program's own native frames (runtime frames skipped), turned into file:line
 * only when a snapshot is read.
 */
#ifndef MO_TRACEMALLOC_H
#define MO_TRACEMALLOC_H

#include <stddef.h>
#include "object.h"

/* tracemalloc.start(nframe): 0, or -1 with ValueError
   "the number of frames must be in range [1; 65535]". */
int MoTraceMalloc_Start(int nframe);
void MoTraceMalloc_Stop(void);
int MoTraceMalloc_IsTracing(void);
int MoTraceMalloc_GetTracebackLimit(void);
/* (current, peak) traced bytes; (0, 0) when not tracing. */
void MoTraceMalloc_GetTracedMemory(size_t *current, size_t *peak);
void MoTraceMalloc_ResetPeak(void);
void MoTraceMalloc_ClearTraces(void);
/* new: a Snapshot; RuntimeError "the tracemalloc module must be tracing memory
   allocations to take a snapshot" when not tracing. */
MoObject *MoTraceMalloc_TakeSnapshot(void);
/* new: a list of Statistic, sorted as tracemalloc sorts them; key_type "filename",
   "lineno" or "traceback". */
MoObject *MoSnapshot_Statistics(MoObject *snap, const char *key_type, int cumulative);
/* new: a list of StatisticDiff (snap compared with old). */
MoObject *MoSnapshot_CompareTo(MoObject *snap, MoObject *old, const char *key_type, int cumulative);
/* new: a Snapshot keeping only the traces the filters let through: filters is a list of
   Filter objects made by MoTraceMalloc_Filter. */
MoObject *MoSnapshot_FilterTraces(MoObject *snap, MoObject *filters);
/* new: tracemalloc.Filter(inclusive, filename_pattern, lineno (0: any), all_frames, domain (-1: any)). */
MoObject *MoTraceMalloc_Filter(int inclusive, const char *filename_pattern, int lineno, int all_frames, int domain);
/* new: the Traceback where o was allocated, or None. */
MoObject *MoTraceMalloc_GetObjectTraceback(MoObject *o);

#endif
