/* tracemalloc for C programs: a trace (size and traceback) for every block allocated
 * while tracing is on, kept by hooks on the three allocation domains. Tracebacks are
 * the program's own native frames (runtime frames skipped), turned into file:line
 * only when a snapshot is read.
 *
 * Differences from CPython's module, all on purpose:
 *  - a trace's domain is the allocation domain of its block (MOMEM_DOMAIN_RAW 0,
 *    _MEM 1, _OBJ 2), where CPython files all three under domain 0;
 *  - a frame's filename is the path the C compiler was given (DWARF's name), and a
 *    frame without debug information is "<unknown>" line 0;
 *  - a traceback's total_nframe counts the frames collected: the walk up the native
 *    stack stops at the limit.
 * The objects (Snapshot, Statistic, StatisticDiff, Traceback, Frame, Trace, Filter,
 * DomainFilter) have the attributes and methods of tracemalloc.py's classes, reached
 * with MoObject_GetAttrString / MoObject_CallMethod; str() and repr() of each print
 * exactly what Python prints.
 */
#ifndef MO_TRACEMALLOC_H
#define MO_TRACEMALLOC_H

#include <stddef.h>
#include <stdint.h>
#include "object.h"

/* tracemalloc.start(nframe): install the hooks over the allocators in place now and
   keep up to nframe frames per traceback. 0, or -1 with ValueError "the number of
   frames must be in range [1; 65535]". Already tracing: nothing changes (not even
   the limit), as in CPython. */
int MoTraceMalloc_Start(int nframe);
/* Restore the saved allocators and forget every trace. Cannot fail. */
void MoTraceMalloc_Stop(void);
int MoTraceMalloc_IsTracing(void);
/* The nframe of the last Start (1 before any): kept after Stop, as in CPython. */
int MoTraceMalloc_GetTracebackLimit(void);
/* (current, peak) traced bytes; (0, 0) when not tracing. */
void MoTraceMalloc_GetTracedMemory(size_t *current, size_t *peak);
/* peak = current (nothing when not tracing). */
void MoTraceMalloc_ResetPeak(void);
/* Forget every trace; current and peak become 0 (nothing when not tracing). */
void MoTraceMalloc_ClearTraces(void);
/* tracemalloc.get_tracemalloc_memory(): bytes the tracer itself holds (its tables,
   tracebacks and address caches). */
size_t MoTraceMalloc_GetTracemallocMemory(void);
/* PyTraceMalloc_Track / _Untrack: record (or forget) a block of one's own in any
   domain, with the caller's traceback. 0 on success, -1 if the tracer is out of
   memory (or ptr is 0), -2 when not tracing. No exception is set. */
int MoTraceMalloc_Track(unsigned int domain, uintptr_t ptr, size_t size);
int MoTraceMalloc_Untrack(unsigned int domain, uintptr_t ptr);
/* new: a Snapshot; RuntimeError "the tracemalloc module must be tracing memory
   allocations to take a snapshot" when not tracing. */
MoObject *MoTraceMalloc_TakeSnapshot(void);
/* new: a list of Statistic, sorted as tracemalloc sorts them; key_type "filename",
   "lineno" or "traceback". ValueError "unknown key_type: 'x'", or "cumulative mode
   cannot by used with key type 'traceback'" (sic, as 3.11); TypeError if snap is not
   a Snapshot. snap is borrowed. */
MoObject *MoSnapshot_Statistics(MoObject *snap, const char *key_type, int cumulative);
/* new: a list of StatisticDiff (snap compared with old), sorted by (|size_diff|,
   size, |count_diff|, count, traceback), largest first. Errors as Statistics. */
MoObject *MoSnapshot_CompareTo(MoObject *snap, MoObject *old, const char *key_type, int cumulative);
/* new: a Snapshot keeping only the traces the filters let through: filters is a list of
   Filter objects made by MoTraceMalloc_Filter (or DomainFilter; a list or a tuple).
   A trace stays if some inclusive filter matches it (when there is one) and no
   exclusive filter rejects it. TypeError "filters must be a list of filters, not int". */
MoObject *MoSnapshot_FilterTraces(MoObject *snap, MoObject *filters);
/* new: tracemalloc.Filter(inclusive, filename_pattern, lineno (0: any), all_frames, domain (-1: any)).
   The pattern is fnmatch's ('*' also matches '/'), on the most recent frame's file
   name, or on any frame's with all_frames. */
MoObject *MoTraceMalloc_Filter(int inclusive, const char *filename_pattern, int lineno, int all_frames, int domain);
/* new: tracemalloc.DomainFilter(inclusive, domain). */
MoObject *MoTraceMalloc_DomainFilter(int inclusive, int domain);
/* new: the Traceback where o was allocated (its pre-header included: GC and managed-
   dict objects are found, which 3.11 gets wrong for the latter), or None when not
   tracing or when o's block was not traced (taken from a free list filled before
   tracing started, or a static object). o borrowed. */
MoObject *MoTraceMalloc_GetObjectTraceback(MoObject *o);

/* tracemalloc._format_size(size, sign) into buf: units B, KiB, MiB, GiB, TiB; "%.1f"
   under 100 in a unit other than B, "%.0f" under 10 * 1024; sign gives a "+".
   Returns what snprintf returns. */
int _MoTraceMalloc_FormatSize(char *buf, size_t bufsize, double size, int sign);

/* ------------------------------------------- the program's frames, for tracers */

/* Where a return address points in the source: the call's file (as DWARF names it:
   the path given to the compiler) and line. filename is interned: two locations in
   one file share the pointer, and it lives until Mo_Finalize. "<unknown>", 0 when
   there is no debug information. */
typedef struct {
    const char *filename;
    int lineno;
} _MoFrameLoc;

/* For an allocation hook of one's own (what tracemalloc's hooks do, and CPython keeps
   private): fill pcs, most recent first, with up to max return addresses of the
   program frames that asked the runtime for memory. Skipped: the frames of the
   function calling this (the hook and its helpers, up to the first runtime frame
   above them), the runtime's frames (code under lib/), and everything below main
   (the C library's start-up code): main's frame is the last. Returns how many (0
   when called with no runtime frame above the caller, or when the unwinder cannot
   run). Allocates only from the C library, never from the domains: safe inside a
   hook. Cannot fail. */
int _MoFrames_CaptureCaller(uintptr_t *pcs, int max);
/* The call site of return address pc (pc 0: "<unknown>", 0): file and line. Cached
   per address (the first lookup reads the DWARF data). Allocates only from the C
   library. Cannot fail. */
_MoFrameLoc _MoFrames_Resolve(uintptr_t pc);

/* The objects' types (readied when first used). */
extern MoTypeObject MoTraceFrame_Type, MoTraceTraceback_Type, MoTraceStatistic_Type, MoTraceStatisticDiff_Type,
    MoTraceTrace_Type, MoTraceTraces_Type, MoTraceSnapshot_Type, MoTraceFilter_Type, MoTraceDomainFilter_Type;

#endif
