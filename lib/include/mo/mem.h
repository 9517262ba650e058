/* The allocation choke points. Every byte the runtime allocates goes through one
 * of three domains, as PEP 445 defines them for CPython:
 *   raw  - MoMem_Raw*:  the C library's allocator, for buffers of any size;
 *   mem  - MoMem_*:     general buffers (a list's item array, a dict's table);
 *   obj  - MoObject_*:  objects.
 * Each domain calls through a table of functions that MoMem_SetAllocator can
 * replace, so the pools, the debug hooks and the tracer all plug in here.
 * A zero-byte request returns a distinct non-NULL pointer. Free accepts NULL.
 */
#ifndef MO_MEM_H
#define MO_MEM_H

#include <stddef.h>

void *MoMem_RawMalloc(size_t n);
void *MoMem_RawCalloc(size_t nelem, size_t elsize);
void *MoMem_RawRealloc(void *p, size_t n);
void MoMem_RawFree(void *p);

void *MoMem_Malloc(size_t n);
void *MoMem_Calloc(size_t nelem, size_t elsize);
void *MoMem_Realloc(void *p, size_t n);
void MoMem_Free(void *p);

void *MoObject_Malloc(size_t n);
void *MoObject_Calloc(size_t nelem, size_t elsize);
void *MoObject_Realloc(void *p, size_t n);
void MoObject_Free(void *p);

typedef enum { MOMEM_DOMAIN_RAW, MOMEM_DOMAIN_MEM, MOMEM_DOMAIN_OBJ } MoMemAllocatorDomain;
typedef struct {
    void *ctx;
    void *(*malloc)(void *ctx, size_t n);
    void *(*calloc)(void *ctx, size_t nelem, size_t elsize);
    void *(*realloc)(void *ctx, void *p, size_t n);
    void (*free)(void *ctx, void *p);
} MoMemAllocatorEx;
void MoMem_GetAllocator(MoMemAllocatorDomain d, MoMemAllocatorEx *out);
void MoMem_SetAllocator(MoMemAllocatorDomain d, const MoMemAllocatorEx *in);

/* Install CPython's debug hooks (PYTHONMALLOC=debug) over the current allocators of
   all three domains: fresh bytes 0xCD, freed bytes 0xDD, 8 forbidden bytes 0xFD on each
   side, the API id and a serial number per block. A detected error (a write past the
   end, a use after free, a double free, a block freed through the wrong domain) stops
   the program with a message naming the block, what was wrong and, when the tracer is
   on, where it was allocated. The debug build installs them at Mo_Initialize. */
void MoMem_SetupDebugHooks(void);
/* The object allocator's statistics, in the format of sys._debugmallocstats(). */
void MoObject_DebugMallocStats(FILE *out);

#define MoMem_New(type, n) ((type *)MoMem_Malloc((size_t)(n) * sizeof(type)))

#endif
