/* Lab 08, part A: an allocation tracer, the core of tracemalloc, written as hooks on
 * the runtime's three allocation domains (raw, mem, object; chapter 07).
 *
 * Tracer_Start saves each domain's allocator (MoMem_GetAllocator) and installs a hook
 * in its place (MoMem_SetAllocator). Every hook calls the saved allocator, and when
 * the call succeeds records a trace of the block: its domain and address, the size
 * that was asked for, and where the program asked for it (the return address of the
 * first program frame, from _MoFrames_CaptureCaller; _MoFrames_Resolve turns it into
 * file:line). free forgets the block's trace; realloc moves it to the new address
 * with the new size and the realloc's location. The tracer keeps two totals: the
 * bytes traced now (current) and the most they have been (peak).
 *
 * Two rules make the numbers true:
 *  - While a hook is at work, the hooks pass every call straight to the saved
 *    allocator and record nothing: the object domain's allocator takes its arenas
 *    from the raw domain, and a block counted in both would be counted twice.
 *  - The tracer never traces itself: its table comes from the C library (malloc),
 *    never from the domains, and the objects of a snapshot are made untraced.
 */
#ifndef LAB08_TRACER_H
#define LAB08_TRACER_H

#include <stddef.h>
#include "mo.h"

/* Install the hooks over the allocators in place now. 0, or -1 with RuntimeError
   "the tracer is already tracing" (nothing changes then). */
int Tracer_Start(void);

/* Put the saved allocators back and forget every trace: current and peak become 0.
   Nothing when not tracing. */
void Tracer_Stop(void);

/* 1 between Tracer_Start and Tracer_Stop, else 0. */
int Tracer_IsTracing(void);

/* The bytes traced now and the peak since Tracer_Start (or the last
   Tracer_ResetPeak); both 0 when not tracing. */
void Tracer_GetTracedMemory(size_t *current, size_t *peak);

/* peak = current (nothing when not tracing). */
void Tracer_ResetPeak(void);

/* How many blocks are traced now (0 when not tracing). */
size_t Tracer_Count(void);

/* The trace of the block at ptr in domain: 1 with *size (the size asked for) and
   *where (the program line that asked), or 0 when the block is not traced. */
int Tracer_GetTrace(MoMemAllocatorDomain domain, const void *ptr, size_t *size, _MoFrameLoc *where);

/* new: a snapshot of the traces grouped by line: a list of tuples
   (filename: str, lineno: int, size: int, count: int), one per program line that holds
   traced blocks, in any order. Its own objects are not traced. NULL with
   RuntimeError "the tracer must be tracing to take a snapshot" when not tracing, or
   MemoryError. */
MoObject *Tracer_TakeSnapshot(void);

/* new: the report, a list of at most n str, one per line of snapshot (a list made by
   Tracer_TakeSnapshot; borrowed), the largest first, each as str() of tracemalloc's
   Statistic prints it:
       "file.c:12: size=9.8 KiB, count=10, average=1000 B"
   (sizes by _MoTraceMalloc_FormatSize). The order is tracemalloc's: by size, then
   count, then file name, then line number, each descending. NULL with TypeError
   "snapshot must be a list" or MemoryError. n <= 0 gives an empty list. */
MoObject *Tracer_Top(MoObject *snapshot, Mo_ssize_t n);

#endif /* LAB08_TRACER_H */
