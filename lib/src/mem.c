/* The three allocation domains and their choke points.
 *
 * Every allocation in the runtime calls MoMem_Raw*, MoMem_* or MoObject_*, and each
 * of those calls through its domain's MoMemAllocatorEx. The defaults are CPython's
 * release defaults ("pymalloc"): the raw domain goes to the C library, the mem and
 * obj domains to the pools (obmalloc.c), which pass requests of 0 and of more than
 * 512 bytes on to the raw domain. MoMem_SetAllocator swaps a domain's table, which
 * is how the debug hooks (debughooks.c; the debug build installs them at
 * Mo_Initialize) and the tracer plug in without the rest of the runtime knowing.
 */
#include <stdlib.h>
#include "internal.h"

/* The C library's allocator, with the contract PEP 445 asks for: a zero-byte
   request returns a distinct non-NULL pointer. */
static void *raw_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n ? n : 1);
}
static void *raw_calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    if (nelem == 0 || elsize == 0)
        nelem = elsize = 1;
    return calloc(nelem, elsize);
}
static void *raw_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return realloc(p, n ? n : 1);
}
static void raw_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

#define MO_RAW_ALLOCATOR { NULL, raw_malloc, raw_calloc, raw_realloc, raw_free }
#define MO_PYMALLOC_ALLOCATOR { NULL, _MoObject_Malloc, _MoObject_Calloc, _MoObject_Realloc, _MoObject_Free }

/* region allocator_table */
static MoMemAllocatorEx allocators[3] = {
    [MOMEM_DOMAIN_RAW] = MO_RAW_ALLOCATOR,
    [MOMEM_DOMAIN_MEM] = MO_PYMALLOC_ALLOCATOR,
    [MOMEM_DOMAIN_OBJ] = MO_PYMALLOC_ALLOCATOR,
};
/* endregion allocator_table */

void MoMem_GetAllocator(MoMemAllocatorDomain d, MoMemAllocatorEx *out)
{
    *out = allocators[d];
}

void MoMem_SetAllocator(MoMemAllocatorDomain d, const MoMemAllocatorEx *in)
{
    allocators[d] = *in;
}

/* Requests larger than MO_SSIZE_T_MAX fail, as in CPython, so that sizes always fit
   a Mo_ssize_t. */
#define MO_TOO_BIG(n) ((n) > (size_t)MO_SSIZE_T_MAX)

static void *domain_malloc(MoMemAllocatorDomain d, size_t n)
{
    if (MO_TOO_BIG(n))
        return NULL;
    return allocators[d].malloc(allocators[d].ctx, n);
}
static void *domain_calloc(MoMemAllocatorDomain d, size_t nelem, size_t elsize)
{
    if (elsize != 0 && nelem > (size_t)MO_SSIZE_T_MAX / elsize)
        return NULL;
    return allocators[d].calloc(allocators[d].ctx, nelem, elsize);
}
static void *domain_realloc(MoMemAllocatorDomain d, void *p, size_t n)
{
    if (MO_TOO_BIG(n))
        return NULL;
    return allocators[d].realloc(allocators[d].ctx, p, n);
}
static void domain_free(MoMemAllocatorDomain d, void *p)
{
    allocators[d].free(allocators[d].ctx, p);
}

void *MoMem_RawMalloc(size_t n) { return domain_malloc(MOMEM_DOMAIN_RAW, n); }
void *MoMem_RawCalloc(size_t k, size_t n) { return domain_calloc(MOMEM_DOMAIN_RAW, k, n); }
void *MoMem_RawRealloc(void *p, size_t n) { return domain_realloc(MOMEM_DOMAIN_RAW, p, n); }
void MoMem_RawFree(void *p) { domain_free(MOMEM_DOMAIN_RAW, p); }

void *MoMem_Malloc(size_t n) { return domain_malloc(MOMEM_DOMAIN_MEM, n); }
void *MoMem_Calloc(size_t k, size_t n) { return domain_calloc(MOMEM_DOMAIN_MEM, k, n); }
void *MoMem_Realloc(void *p, size_t n) { return domain_realloc(MOMEM_DOMAIN_MEM, p, n); }
void MoMem_Free(void *p) { domain_free(MOMEM_DOMAIN_MEM, p); }

void *MoObject_Malloc(size_t n) { return domain_malloc(MOMEM_DOMAIN_OBJ, n); }
void *MoObject_Calloc(size_t k, size_t n) { return domain_calloc(MOMEM_DOMAIN_OBJ, k, n); }
void *MoObject_Realloc(void *p, size_t n) { return domain_realloc(MOMEM_DOMAIN_OBJ, p, n); }
void MoObject_Free(void *p) { domain_free(MOMEM_DOMAIN_OBJ, p); }
