/* Choosing the allocators (mem.c's allocator switch), as PYTHONMALLOC does:
 * the names, the build's default, the choice fixed once made, and the current
 * name seen through the debug hooks. What each choice does to sizes, classes,
 * arenas and traced memory is tests/fidelity/allocator.c's business (it runs
 * on pymalloc and prints what CPython 3.11 prints).
 */
#include <stdlib.h>
#include "testutil.h"

START_TEST(names_are_pythonmallocs)
{
    static const struct {
        const char *text;
        MoMemAllocatorName name;
    } rows[] = {
        { "default", MOMEM_ALLOCATOR_DEFAULT },   { "debug", MOMEM_ALLOCATOR_DEBUG },
        { "malloc", MOMEM_ALLOCATOR_MALLOC },     { "malloc_debug", MOMEM_ALLOCATOR_MALLOC_DEBUG },
        { "pymalloc", MOMEM_ALLOCATOR_PYMALLOC }, { "pymalloc_debug", MOMEM_ALLOCATOR_PYMALLOC_DEBUG },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        MoMemAllocatorName name = MOMEM_ALLOCATOR_NOT_SET;
        ck_assert_int_eq(_MoMem_GetAllocatorName(rows[i].text, &name), 0);
        ck_assert_int_eq(name, rows[i].name);
    }
    MoMemAllocatorName name = MOMEM_ALLOCATOR_PYMALLOC;
    ck_assert_int_eq(_MoMem_GetAllocatorName("Pymalloc", &name), -1);
    ck_assert_int_eq(_MoMem_GetAllocatorName("", &name), -1);
    ck_assert_int_eq(_MoMem_GetAllocatorName(NULL, &name), -1);
    ck_assert_int_eq(name, MOMEM_ALLOCATOR_PYMALLOC);
}
END_TEST

/* The debug build's default is the pools under the debug hooks (the runner does
   not set MOMALLOC). */
START_TEST(debug_build_runs_on_pymalloc_debug)
{
    const char *env = getenv("MOMALLOC");
    if (env != NULL && *env != '\0')
        return;
    ck_assert_str_eq(_MoMem_GetCurrentAllocatorName(), "pymalloc_debug");
    size_t serial = _MoMem_DebugSerialNumber();
    void *p = MoObject_Malloc(24);   /* a block the debug hooks numbered */
    ck_assert_uint_eq(_MoMem_DebugSerialNumber(), serial + 1);
    MoObject_Free(p);
}
END_TEST

/* Once chosen, the allocators stay: blocks of the old ones may still be live. */
START_TEST(choice_is_made_once)
{
    const char *before = _MoMem_GetCurrentAllocatorName();
    ck_assert_ptr_nonnull(before);
    ck_assert_int_eq(_MoMem_SetupAllocators(MOMEM_ALLOCATOR_MALLOC), -1);
    ck_assert_int_eq(_MoMem_SetupAllocators(MOMEM_ALLOCATOR_NOT_SET), -1);
    ck_assert_int_eq(_MoMem_SetupAllocators((MoMemAllocatorName)99), -1);
    ck_assert_str_eq(_MoMem_GetCurrentAllocatorName(), before);
    MoMemAllocatorName same;
    ck_assert_int_eq(_MoMem_GetAllocatorName(before, &same), 0);
    ck_assert_int_eq(_MoMem_SetupAllocators(same), 0);
    ck_assert_int_eq(_MoMem_SetupAllocators(MOMEM_ALLOCATOR_DEFAULT), 0);
    ck_assert_str_eq(_MoMem_GetCurrentAllocatorName(), before);
}
END_TEST

static void *counting_malloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }

/* A domain replaced by a program's allocator has no name (as CPython's
   _PyMem_GetCurrentAllocatorName answers NULL). */
START_TEST(replaced_allocator_has_no_name)
{
    MoMemAllocatorEx saved, mine;
    MoMem_GetAllocator(MOMEM_DOMAIN_MEM, &saved);
    mine = saved;
    mine.malloc = counting_malloc;
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &mine);
    ck_assert_ptr_null(_MoMem_GetCurrentAllocatorName());
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &saved);
    ck_assert_ptr_nonnull(_MoMem_GetCurrentAllocatorName());
}
END_TEST

Suite *mem_allocators_suite(void)
{
    Suite *s = suite_create("mem_allocators");
    TCase *tc = mt_tcase("switch");
    tcase_add_test(tc, names_are_pythonmallocs);
    tcase_add_test(tc, debug_build_runs_on_pymalloc_debug);
    tcase_add_test(tc, choice_is_made_once);
    tcase_add_test(tc, replaced_allocator_has_no_name);
    suite_add_tcase(s, tc);
    return s;
}
