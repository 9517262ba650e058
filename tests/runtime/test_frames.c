/* The program's frames (lib/src/frames.c): a traceback ends at main, as CPython's
 * ends at the module; _MoFrames_CaptureCaller, called from an allocation hook of the
 * test's own, finds the line of this file that asked for memory and skips the hook's
 * frames and the runtime's; _MoFrames_Resolve of 0 is "<unknown>". */
#include <stdlib.h>
#include "testutil.h"

/* The file name of a location ends with tail. */
static int fr_in_file(_MoFrameLoc loc, const char *tail)
{
    size_t n = strlen(loc.filename), k = strlen(tail);
    return n >= k && strcmp(loc.filename + n - k, tail) == 0;
}

/* --------------------------------------------------- a traceback ends at main */

static int fr_alloc_line;

static MoObject *__attribute__((noinline)) fr_make_list(void)
{
    fr_alloc_line = __LINE__; return MoList_New(0);
}

START_TEST(test_frames_traceback_ends_at_main)
{
    /* Room for 100 frames: the walk, not the limit, must stop at main. */
    ck_assert_int_eq(MoTraceMalloc_Start(100), 0);
    MoObject *list = mt_ok(fr_make_list());
    MoObject *tb = mt_ok(MoTraceMalloc_GetObjectTraceback(list));
    ck_assert_msg(tb != Mo_None, "the list's block was not traced");
    Mo_ssize_t n = MoObject_Length(tb);
    ck_assert_msg(n >= 3 && n < 100, "%zd frames", n);
    /* Oldest first: frame 0 is main's (tests/runtime/main.c), the last the helper. */
    MoObject *oldest = mt_ok(MoSequence_GetItem(tb, 0)), *newest = mt_ok(MoSequence_GetItem(tb, -1));
    MoObject *f0 = mt_ok(MoObject_GetAttrString(oldest, "filename"));
    MoObject *fn = mt_ok(MoObject_GetAttrString(newest, "filename"));
    MoObject *ln = mt_ok(MoObject_GetAttrString(newest, "lineno"));
    const char *main_file = MoUnicode_AsUTF8(f0), *helper_file = MoUnicode_AsUTF8(fn);
    ck_assert_msg(strlen(main_file) >= 7 && strcmp(main_file + strlen(main_file) - 7, "/main.c") == 0,
                  "the oldest frame is in %s, expected main.c", main_file);
    ck_assert_msg(strstr(helper_file, "test_frames.c") != NULL, "the newest frame is in %s", helper_file);
    ck_assert_int_eq(MoLong_AsLong(ln), fr_alloc_line);
    Mo_DECREF(ln);
    Mo_DECREF(fn);
    Mo_DECREF(f0);
    Mo_DECREF(newest);
    Mo_DECREF(oldest);
    Mo_DECREF(tb);
    Mo_DECREF(list);
    MoTraceMalloc_Stop();
}
END_TEST

/* ------------------------------------ _MoFrames_CaptureCaller in a hook */

static MoMemAllocatorEx fr_saved;
static uintptr_t fr_pcs[3];
static int fr_npcs, fr_calls;

/* Two frames of the hook's own above the runtime: both must be skipped. */
static void __attribute__((noinline)) fr_record(void)
{
    fr_npcs = _MoFrames_CaptureCaller(fr_pcs, 3);
    fr_calls++;
}

static void *fr_malloc(void *ctx, size_t n)
{
    (void)ctx;
    if (fr_calls == 0)
        fr_record();
    return fr_saved.malloc(fr_saved.ctx, n);
}

static void *fr_calloc(void *ctx, size_t nelem, size_t elsize)
{
    (void)ctx;
    return fr_saved.calloc(fr_saved.ctx, nelem, elsize);
}

static void *fr_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return fr_saved.realloc(fr_saved.ctx, p, n);
}

static void fr_free(void *ctx, void *p)
{
    (void)ctx;
    fr_saved.free(fr_saved.ctx, p);
}

static int fr_caller_line;

static void __attribute__((noinline)) fr_caller(void)
{
    fr_caller_line = __LINE__; Mo_DECREF(fr_make_list());
}

START_TEST(test_frames_capture_caller_in_hook)
{
    MoMem_GetAllocator(MOMEM_DOMAIN_OBJ, &fr_saved);
    MoMemAllocatorEx hook = { NULL, fr_malloc, fr_calloc, fr_realloc, fr_free };
    fr_calls = fr_npcs = 0;
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, &hook);
    fr_caller();
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, &fr_saved);
    ck_assert_int_eq(fr_calls, 1);
    ck_assert_int_eq(fr_npcs, 3);
    /* Most recent first: the helper's line, its caller's, then the test's. */
    _MoFrameLoc a = _MoFrames_Resolve(fr_pcs[0]), b = _MoFrames_Resolve(fr_pcs[1]);
    ck_assert_msg(fr_in_file(a, "test_frames.c") && a.lineno == fr_alloc_line, "frame 0 is %s:%d, expected line %d",
                  a.filename, a.lineno, fr_alloc_line);
    ck_assert_msg(fr_in_file(b, "test_frames.c") && b.lineno == fr_caller_line, "frame 1 is %s:%d, expected line %d",
                  b.filename, b.lineno, fr_caller_line);
    /* Interned: two locations in one file share the name. */
    ck_assert_ptr_eq(a.filename, b.filename);
}
END_TEST

START_TEST(test_frames_capture_caller_outside_hook)
{
    /* Called by the program itself, with no runtime frame above: nothing to report. */
    uintptr_t pcs[4];
    ck_assert_int_eq(_MoFrames_CaptureCaller(pcs, 4), 0);
    ck_assert_int_eq(_MoFrames_CaptureCaller(pcs, 0), 0);
    _MoFrameLoc none = _MoFrames_Resolve(0);
    ck_assert_str_eq(none.filename, "<unknown>");
    ck_assert_int_eq(none.lineno, 0);
}
END_TEST

Suite *frames_suite(void)
{
    Suite *s = suite_create("frames");
    TCase *tc = mt_tcase("frames");
    tcase_add_test(tc, test_frames_traceback_ends_at_main);
    tcase_add_test(tc, test_frames_capture_caller_in_hook);
    tcase_add_test(tc, test_frames_capture_caller_outside_hook);
    suite_add_tcase(s, tc);
    return s;
}
