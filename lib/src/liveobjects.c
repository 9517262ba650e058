/* Which objects are alive, and what happens to the memory of those that die.
 *
 * Every build counts live objects: +1 when an object begins its life
 * (_Mo_NewReference), -1 when its count reaches zero (_Mo_DeallocBegin), so that
 * Mo_Finalize can say how many objects leaked.
 *
 * The debug build (MO_DEBUG) also keeps:
 *  - the total reference count (_Mo_RefTotal), as CPython's Py_REF_DEBUG;
 *  - a registry of every live object (an open-addressing table keyed by address),
 *    so that Mo_Finalize can name each survivor's type (and, when tracemalloc is
 *    on, the line that allocated it);
 *  - a quarantine: a dead object's memory is not given back at once. Its header
 *    keeps its type and gets the count _MO_FREED_REFCNT, and it waits in a FIFO
 *    of QUARANTINE_SIZE objects before it is really freed. A DECREF that arrives in
 *    the meantime finds the mark and stops the program naming the type, the address
 *    and the line: a use after free caught, instead of undefined behaviour.
 *
 * Registry states: LIVE (count > 0), DYING (its tp_dealloc is running). When an
 * object's memory is freed while DYING, it leaves the registry for the quarantine;
 * if tp_dealloc returns and the object is still DYING, it went onto a free list
 * (count 0: it leaves the registry) or was resurrected (count > 0: LIVE again).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "tracemalloc_internal.h"
#ifdef MO_DEBUG
#include <valgrind/memcheck.h>
#endif

static Mo_ssize_t live_objects;

Mo_ssize_t _Mo_LiveObjects(void)
{
    return live_objects;
}

#ifdef MO_DEBUG

Mo_ssize_t _Mo_RefTotal;

/* ------------------------------------------------------------ the registry */

enum { SLOT_EMPTY = 0, SLOT_LIVE = 1, SLOT_DYING = 2, SLOT_DELETED = 3 };

typedef struct {
    MoObject *op;
    int state;
} registry_slot;

static struct {
    registry_slot *slots;
    size_t size;      /* a power of two, or 0 before the first object */
    size_t used;      /* LIVE + DYING */
    size_t filled;    /* used + DELETED */
} registry;

static size_t registry_hash(const MoObject *op)
{
    uintptr_t x = (uintptr_t)op >> 4;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ULL;
    return (size_t)(x ^ (x >> 29));
}

/* The slot holding op, or NULL. */
static registry_slot *registry_find(const MoObject *op)
{
    if (registry.size == 0)
        return NULL;
    size_t mask = registry.size - 1;
    for (size_t i = registry_hash(op) & mask;; i = (i + 1) & mask) {
        registry_slot *s = &registry.slots[i];
        if (s->state == SLOT_EMPTY)
            return NULL;
        if (s->op == op && s->state != SLOT_DELETED)
            return s;
    }
}

static void registry_insert_fresh(MoObject *op, int state)
{
    size_t mask = registry.size - 1;
    size_t i = registry_hash(op) & mask;
    while (registry.slots[i].state == SLOT_LIVE || registry.slots[i].state == SLOT_DYING)
        i = (i + 1) & mask;
    if (registry.slots[i].state == SLOT_EMPTY)
        registry.filled++;
    registry.slots[i].op = op;
    registry.slots[i].state = state;
    registry.used++;
}

/* Rehash into a table that keeps the load under a half. The table lives in the C
   library's heap, outside the allocation domains, so it is never traced. */
static void registry_grow(void)
{
    registry_slot *old = registry.slots;
    size_t old_size = registry.size;
    size_t size = 1024;
    while (size < registry.used * 4)
        size <<= 1;
    registry.slots = calloc(size, sizeof(registry_slot));
    if (registry.slots == NULL)
        Mo_FatalError("out of memory for the live-object registry");
    registry.size = size;
    registry.used = registry.filled = 0;
    for (size_t i = 0; i < old_size; i++)
        if (old[i].state == SLOT_LIVE || old[i].state == SLOT_DYING)
            registry_insert_fresh(old[i].op, old[i].state);
    free(old);
}

static void registry_add(MoObject *op)
{
    registry_slot *s = registry_find(op);
    if (s != NULL) {
        s->state = SLOT_LIVE;   /* a free-list object handed out again */
        return;
    }
    if ((registry.filled + 1) * 2 > registry.size)
        registry_grow();
    registry_insert_fresh(op, SLOT_LIVE);
}

static void registry_remove(registry_slot *s)
{
    s->state = SLOT_DELETED;
    registry.used--;
}

static void registry_free(void)
{
    free(registry.slots);
    memset(&registry, 0, sizeof registry);
}

/* ------------------------------------------------------------ the quarantine */

#define QUARANTINE_SIZE 1024

static int quarantine_on = 1;

static struct {
    void *mem[QUARANTINE_SIZE];
    size_t next;
} quarantine;

static void quarantine_release(void *mem)
{
    if (mem == NULL)
        return;
    VALGRIND_MAKE_MEM_DEFINED(mem, 1);   /* the allocator may read its block */
    MoObject_Free(mem);
}

/* Park a dead object's memory: mark its header, keep its type for the message. */
static void quarantine_add(MoObject *op, void *mem)
{
    op->ob_refcnt = _MO_FREED_REFCNT;
    size_t i = quarantine.next++ % QUARANTINE_SIZE;
    void *evicted = quarantine.mem[i];
    quarantine.mem[i] = mem;
    quarantine_release(evicted);
}

void _Mo_SetFreedObjectQuarantine(int on)
{
    quarantine_on = on;
}

void _Mo_QuarantineFlush(void)
{
    for (size_t i = 0; i < QUARANTINE_SIZE; i++) {
        void *mem = quarantine.mem[i];
        quarantine.mem[i] = NULL;
        quarantine_release(mem);
    }
    quarantine.next = 0;
}

/* ------------------------------------------------------------ fatal errors */

/* region refcount_fatal */
_Noreturn void _Mo_RefcountFatal(const char *file, int line, MoObject *op, const char *what)
{
    MoTypeObject *t = op->ob_type;
    fflush(stdout);
    fprintf(stderr, "%s:%d: %s: <'%s' object at %p>", file, line, what,
            t != NULL && t->tp_name != NULL ? t->tp_name : "?", (void *)op);
    if (op->ob_refcnt == _MO_FREED_REFCNT)
        fprintf(stderr, " (freed)\n");
    else
        fprintf(stderr, " (refcount %zd)\n", op->ob_refcnt);
    Mo_FatalError("reference count error (see the line above)");
}
/* endregion refcount_fatal */

#else

void _Mo_SetFreedObjectQuarantine(int on)
{
    (void)on;   /* the release build keeps no registry, so nothing to park */
}

#endif /* MO_DEBUG */

/* --------------------------------------------------------------- lifecycle */

void _Mo_NewReference(MoObject *op)
{
    op->ob_refcnt = 1;
    live_objects++;
#ifdef MO_DEBUG
    _Mo_RefTotal++;
    registry_add(op);
#endif
}

void _Mo_ForgetReference(MoObject *op)
{
    live_objects--;
#ifdef MO_DEBUG
    registry_slot *s = registry_find(op);
    if (s != NULL)
        registry_remove(s);
#else
    (void)op;
#endif
}

void _Mo_ResurrectReference(MoObject *op)
{
    live_objects++;
#ifdef MO_DEBUG
    registry_slot *s = registry_find(op);
    if (s != NULL)
        s->state = SLOT_LIVE;
    else
        registry_add(op);
#else
    (void)op;
#endif
}

void _Mo_DeallocBegin(MoObject *op)
{
    live_objects--;
#ifdef MO_DEBUG
    registry_slot *s = registry_find(op);
    if (s != NULL)
        s->state = SLOT_DYING;
#else
    (void)op;
#endif
}

void _Mo_DeallocResume(MoObject *op)
{
    op->ob_refcnt = 0;
#ifdef MO_DEBUG
    registry_slot *s = registry_find(op);
    if (s == NULL) {
        if ((registry.filled + 1) * 2 > registry.size)
            registry_grow();
        registry_insert_fresh(op, SLOT_DYING);
    } else {
        s->state = SLOT_DYING;
    }
#endif
}

void _Mo_DeallocEnd(MoObject *op)
{
#ifdef MO_DEBUG
    /* Found DYING only if the memory was not freed: safe to read the count. */
    registry_slot *s = registry_find(op);
    if (s == NULL || s->state != SLOT_DYING)
        return;
    if (op->ob_refcnt > 0) {
        s->state = SLOT_LIVE;   /* resurrected by its destructor */
        live_objects++;
    } else {
        /* Parked on a free list, or deferred by the trashcan: dead to the program,
           so a later DECREF must be reported as a use after free. */
        registry_remove(s);
        op->ob_refcnt = _MO_FREED_REFCNT;
    }
#else
    (void)op;
#endif
}

/* region free_object_memory */
void _MoObject_FreeObjectMemory(MoObject *op, void *mem)
{
#ifdef MO_DEBUG
    registry_slot *s = registry_find(op);
    if (s != NULL && s->state == SLOT_DYING) {
        registry_remove(s);
        if (quarantine_on) {
            quarantine_add(op, mem);
            return;
        }
        /* The mark lasts until the allocator writes over the count: in a GC
           object's header it usually does, until the block is reused. */
        op->ob_refcnt = _MO_FREED_REFCNT;
    }
#else
    (void)op;
#endif
    MoObject_Free(mem);
}
/* endregion free_object_memory */

/* ------------------------------------------------------------ leak report */

typedef struct {
    const char *name;
    Mo_ssize_t count;
} type_tally;

Mo_ssize_t _Mo_ReportLiveObjects(FILE *out)
{
#ifdef MO_DEBUG
    if (registry.used == 0) {
        registry_free();
        return live_objects;
    }
    type_tally tallies[64];
    size_t ntypes = 0;
    Mo_ssize_t shown = 0;
    fprintf(out, "Mo_Finalize: %zu object%s still alive:\n", registry.used, registry.used == 1 ? "" : "s");
    for (size_t i = 0; i < registry.size; i++) {
        registry_slot *s = &registry.slots[i];
        if (s->state != SLOT_LIVE && s->state != SLOT_DYING)
            continue;
        const char *name = s->op->ob_type->tp_name;
        if (shown++ < 20) {
            fprintf(out, "  <'%s' object at %p> refcount %zd", name, (void *)s->op, s->op->ob_refcnt);
            _MoFrameLoc site;   /* where it was allocated, when the tracer saw it */
            if (_MoTraceMalloc_GetObjectSite(s->op, &site))
                fprintf(out, ", allocated at %s:%d", site.filename, site.lineno);
            fputc('\n', out);
        }
        size_t k = 0;
        while (k < ntypes && strcmp(tallies[k].name, name) != 0)
            k++;
        if (k == ntypes && ntypes < 64)
            tallies[ntypes++] = (type_tally){ name, 0 };
        if (k < ntypes)
            tallies[k].count++;
    }
    if (shown > 20)
        fprintf(out, "  ... and %zd more\n", shown - 20);
    fprintf(out, "by type:");
    for (size_t k = 0; k < ntypes; k++)
        fprintf(out, " %zd %s%s", tallies[k].count, tallies[k].name, k + 1 < ntypes ? "," : "\n");
    /* The survivors stay allocated (they leaked); the next Mo_Initialize starts a
       fresh registry, so forget them here. */
    Mo_ssize_t n = (Mo_ssize_t)registry.used;
    registry_free();
    live_objects = 0;
    return n;
#else
    (void)out;
    Mo_ssize_t n = live_objects;
    live_objects = 0;
    return n;
#endif
}
