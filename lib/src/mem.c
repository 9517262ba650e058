/* The three allocation domains and their choke points.
 *
 * Every allocation in the runtime calls MoMem_Raw*, MoMem_* or MoObject_*, and each
 * of those calls through its domain's MoMemAllocatorEx. The defaults are CPython's
 * release defaults ("pymalloc"): the raw domain goes to the C library, the mem and
 * obj domains to the pools (obmalloc.c), which pass requests of 0 and of more than
 * 512 bytes on to the raw domain. MoMem_SetAllocator swaps a domain's table, which
 * is how the debug hooks (debughooks.c; the debug build installs them at
 * Mo_Initialize) and the tracer plug in without the rest of the runtime knowing.
 *
 * Which tables the domains start from is chosen once per process, as CPython's
 * PYTHONMALLOC chooses (the allocator_switch region): "pymalloc" is a release
 * CPython's allocator, "pymalloc_debug" the debug build's default.
 */
#include <stdlib.h>
#include <string.h>
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

/* ================================================ choosing the allocators */

/* region allocator_switch */
/* The allocators chosen (a concrete name: malloc, pymalloc or their _debug forms),
   or NOT_SET until the first Mo_Initialize or _MoMem_SetupAllocators. */
static MoMemAllocatorName chosen = MOMEM_ALLOCATOR_NOT_SET;

static const struct {
    const char *text;
    MoMemAllocatorName name;
} allocator_names[] = {
    { "default", MOMEM_ALLOCATOR_DEFAULT },
    { "debug", MOMEM_ALLOCATOR_DEBUG },
    { "malloc", MOMEM_ALLOCATOR_MALLOC },
    { "malloc_debug", MOMEM_ALLOCATOR_MALLOC_DEBUG },
    { "pymalloc", MOMEM_ALLOCATOR_PYMALLOC },
    { "pymalloc_debug", MOMEM_ALLOCATOR_PYMALLOC_DEBUG },
};
#define N_NAMES (sizeof allocator_names / sizeof allocator_names[0])

int _MoMem_GetAllocatorName(const char *text, MoMemAllocatorName *name)
{
    for (size_t i = 0; text != NULL && i < N_NAMES; i++) {
        if (strcmp(text, allocator_names[i].text) == 0) {
            *name = allocator_names[i].name;
            return 0;
        }
    }
    return -1;
}

/* default and debug stand for what the build runs on: the debug build checks
   every block, as CPython's debug build does. */
static MoMemAllocatorName concrete(MoMemAllocatorName name)
{
#ifdef MO_DEBUG
    if (name == MOMEM_ALLOCATOR_DEFAULT)
        return MOMEM_ALLOCATOR_PYMALLOC_DEBUG;
#else
    if (name == MOMEM_ALLOCATOR_DEFAULT)
        return MOMEM_ALLOCATOR_PYMALLOC;
#endif
    if (name == MOMEM_ALLOCATOR_DEBUG)
        return MOMEM_ALLOCATOR_PYMALLOC_DEBUG;
    return name;
}

static int is_debug(MoMemAllocatorName name)
{
    return name == MOMEM_ALLOCATOR_PYMALLOC_DEBUG ||
           name == MOMEM_ALLOCATOR_MALLOC_DEBUG;
}

static int uses_pools(MoMemAllocatorName name)
{
    return name == MOMEM_ALLOCATOR_PYMALLOC ||
           name == MOMEM_ALLOCATOR_PYMALLOC_DEBUG;
}

int _MoMem_SetupAllocators(MoMemAllocatorName name)
{
    if (name <= MOMEM_ALLOCATOR_NOT_SET || name > MOMEM_ALLOCATOR_PYMALLOC_DEBUG)
        return -1;
    name = concrete(name);
    if (chosen != MOMEM_ALLOCATOR_NOT_SET)
        return chosen == name ? 0 : -1; /* blocks of the old ones may be live */
    MoMemAllocatorEx raw = MO_RAW_ALLOCATOR, pools = MO_PYMALLOC_ALLOCATOR;
    const MoMemAllocatorEx *small = uses_pools(name) ? &pools : &raw;
    MoMem_SetAllocator(MOMEM_DOMAIN_RAW, &raw);
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, small);
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, small);
    if (is_debug(name))
        MoMem_SetupDebugHooks();
    /* Parking freed objects belongs with the hooks: without them a program sees
       its memory come back at once, as under a release CPython. */
    _Mo_SetFreedObjectQuarantine(is_debug(name));
    chosen = name;
    return 0;
}

/* Mo_Initialize: the allocators named by MOMALLOC, unless a program chose them
   already; without MOMALLOC, the tables as they are (the defaults, or what the
   program installed with MoMem_SetAllocator before Mo_Initialize, as CPython
   keeps them when PYTHONMALLOC is unset), under the debug hooks in the debug
   build. A name that is none stops the program, as CPython stops on a bad
   PYTHONMALLOC: nothing can run without allocators. */
void _MoMem_InitAllocators(void)
{
    if (chosen != MOMEM_ALLOCATOR_NOT_SET)
        return;
    const char *env = getenv("MOMALLOC");
    MoMemAllocatorName name;
    if (env != NULL && *env != '\0') {
        if (_MoMem_GetAllocatorName(env, &name) < 0)
            Mo_FatalError("Mo_Initialize: MOMALLOC: unknown allocator (default, "
                          "debug, malloc, malloc_debug, pymalloc or pymalloc_debug)");
        _MoMem_SetupAllocators(name);
        return;
    }
    name = concrete(MOMEM_ALLOCATOR_DEFAULT);
    if (is_debug(name))
        MoMem_SetupDebugHooks();
    _Mo_SetFreedObjectQuarantine(is_debug(name));
    chosen = name;
}

static int same_table(const MoMemAllocatorEx *a, const MoMemAllocatorEx *b)
{
    return a->ctx == b->ctx && a->malloc == b->malloc && a->calloc == b->calloc &&
           a->realloc == b->realloc && a->free == b->free;
}

/* The name whose tables the domains have now, looking through the debug hooks. */
const char *_MoMem_GetCurrentAllocatorName(void)
{
    static const char *const names[] = { "malloc", "malloc_debug", "pymalloc",
                                         "pymalloc_debug" };
    const MoMemAllocatorEx raw = MO_RAW_ALLOCATOR, pools = MO_PYMALLOC_ALLOCATOR;
    MoMemAllocatorEx cur[3];
    int hooked[3];
    for (int d = MOMEM_DOMAIN_RAW; d <= MOMEM_DOMAIN_OBJ; d++) {
        cur[d] = allocators[d];
        hooked[d] = _MoMem_DebugHookWraps((MoMemAllocatorDomain)d, &cur[d]);
    }
    if (hooked[0] != hooked[1] || hooked[1] != hooked[2] ||
        !same_table(&cur[0], &raw))
        return NULL;
    int pooled = same_table(&cur[1], &pools) && same_table(&cur[2], &pools);
    if (!pooled && !(same_table(&cur[1], &raw) && same_table(&cur[2], &raw)))
        return NULL;
    return names[2 * pooled + hooked[0]];
}
/* endregion allocator_switch */
