/* Where data lives. A C program keeps data in three places: static storage (for the
 * whole run), the stack (a function's locals, gone when it returns) and the heap
 * (malloc'd until someone frees it). Every Mo object lives on the heap, and not on
 * malloc's directly: the runtime asks its own allocator for the bytes, and frees
 * them when the object's reference count says so. Nothing here calls free() on an
 * object.
 *
 * To watch the runtime's heap at work, the program puts a logging allocator in
 * front of the runtime's object and memory allocators (MoMem_SetAllocator, as
 * CPython's PyMem_SetAllocator) and prints every request made while it builds one
 * list.
 */
#include <stdio.h>
#include <stdlib.h>
#include "mo.h"

static int counter = 1;                 /* static storage: one for the whole run */

/* ------------------------------------------------ a logging allocator in front */

/* The allocators we pass requests to. */
static MoMemAllocatorEx next_obj, next_mem;
static int logging;

static void *log_obj_malloc(void *ctx, size_t n)
{
    (void)ctx;
    if (logging)
        printf("    object allocator: malloc(%zu)\n", n);
    return next_obj.malloc(next_obj.ctx, n);
}
static void *log_obj_calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    if (logging)
        printf("    object allocator: calloc(%zu, %zu)\n", nelem, elsize);
    return next_obj.calloc(next_obj.ctx, nelem, elsize);
}
static void *log_obj_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    if (logging)
        printf("    object allocator: realloc(%s, %zu)\n", p ? "p" : "NULL", n);
    return next_obj.realloc(next_obj.ctx, p, n);
}
static void log_obj_free(void *ctx, void *p)
{
    (void)ctx;
    next_obj.free(next_obj.ctx, p);
}
static void *log_mem_malloc(void *ctx, size_t n)
{
    (void)ctx;
    if (logging)
        printf("    memory allocator: malloc(%zu)\n", n);
    return next_mem.malloc(next_mem.ctx, n);
}
static void *log_mem_calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    if (logging)
        printf("    memory allocator: calloc(%zu, %zu)\n", nelem, elsize);
    return next_mem.calloc(next_mem.ctx, nelem, elsize);
}
static void *log_mem_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    if (logging)
        printf("    memory allocator: realloc(%s, %zu)\n", p ? "p" : "NULL", n);
    return next_mem.realloc(next_mem.ctx, p, n);
}
static void log_mem_free(void *ctx, void *p)
{
    (void)ctx;
    next_mem.free(next_mem.ctx, p);
}

static void install_logging_allocators(void)
{
    MoMemAllocatorEx obj = {
        NULL, log_obj_malloc, log_obj_calloc, log_obj_realloc, log_obj_free
    };
    MoMemAllocatorEx mem = {
        NULL, log_mem_malloc, log_mem_calloc, log_mem_realloc, log_mem_free
    };
    MoMem_GetAllocator(MOMEM_DOMAIN_OBJ, &next_obj);
    MoMem_GetAllocator(MOMEM_DOMAIN_MEM, &next_mem);
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, &obj);
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &mem);
}

static void remove_logging_allocators(void)
{
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, &next_obj);
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &next_mem);
}

/* ---------------------------------------------------------------- the program */

/* Make a list [1000] inside a function: the local variables die at return, the
   list does not. */
static MoObject *make_list(void)
{
    int local = 7;                               /* on make_list's stack frame */
    printf("in make_list: &local = %p (the stack: gone when make_list returns)\n",
           (void *)&local);
    logging = 1;
    printf("  list = []\n");
    MoObject *list = MoList_New(0);
    printf("  n = 1000\n");
    MoObject *n = MoLong_FromLong(1000);
    printf("  list.append(n)\n");
    MoList_Append(list, n);
    logging = 0;
    /* the list keeps its own reference */
    Mo_DECREF(n);
    return list;                                 /* the caller gets ours */
}

int main(void)
{
    Mo_Initialize();
    install_logging_allocators();
    int *block = malloc(sizeof *block);          /* the C heap, until free(block) */
    printf("&counter = %p (static storage: the whole run)\n", (void *)&counter);
    printf("block    = %p (malloc: until free)\n", (void *)block);
    MoObject *list = make_list();
    printf("back in main: list = %p "
           "(the runtime's heap: until its count is zero)\n", (void *)list);
    printf("sizeof(MoListObject) = %zu, and a GC header of %zu before it\n",
           sizeof(MoListObject), _MoType_PreHeaderSize(&MoList_Type));
    printf("getsizeof(list) = %zd: the list object, its GC header "
           "and %zd slots of %zu bytes\n",
           MoSys_GetSizeOf(list), ((MoListObject *)list)->allocated,
           sizeof(MoObject *));
    printf("getsizeof(list[0]) = %zd, sizeof(MoLongObject) = %zu\n",
           MoSys_GetSizeOf(MoList_GetItem(list, 0)), sizeof(MoLongObject));
    free(block);
    /* the last reference: the runtime frees it */
    Mo_DECREF(list);
    remove_logging_allocators();
    return Mo_Finalize() == 0 ? 0 : 1;
}
