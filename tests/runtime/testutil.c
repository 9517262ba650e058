/* Shared helpers for the runtime's Check suites. */
#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>

void mt_setup(void)
{
    ck_assert_int_eq(Mo_Initialize(), 0);
}

void mt_teardown(void)
{
    ck_assert_msg(MoErr_Occurred() == NULL, "test left an exception pending");
    Mo_ssize_t alive = Mo_Finalize();
    ck_assert_msg(alive == 0, "test leaked %zd object(s) (report above)", alive);
}

TCase *mt_tcase(const char *name)
{
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, mt_setup, mt_teardown);
    return tc;
}

static char mt_buf[8192];

static const char *mt_text(MoObject *s)
{
    if (s == NULL) {
        MoObject *exc = MoErr_GetRaisedException();
        MoObject *m = exc ? MoObject_Str(exc) : NULL;
        snprintf(mt_buf, sizeof mt_buf, "<error: %s: %s>", exc ? Mo_TYPE(exc)->tp_name : "?",
                 m ? MoUnicode_AsUTF8(m) : "?");
        Mo_XDECREF(m);
        Mo_XDECREF(exc);
        return mt_buf;
    }
    snprintf(mt_buf, sizeof mt_buf, "%s", MoUnicode_AsUTF8(s));
    Mo_DECREF(s);
    return mt_buf;
}

const char *mt_repr(MoObject *o)
{
    return mt_text(MoObject_Repr(o));
}

void mt_assert_repr_at(MoObject *o, const char *expected, const char *file, int line)
{
    const char *got = mt_repr(o);
    ck_assert_msg(strcmp(got, expected) == 0, "%s:%d: repr is %s, expected %s", file, line, got, expected);
}

void mt_assert_str_at(MoObject *o, const char *expected, const char *file, int line)
{
    const char *got = mt_text(MoObject_Str(o));
    ck_assert_msg(strcmp(got, expected) == 0, "%s:%d: str is %s, expected %s", file, line, got, expected);
}

void mt_assert_exc_at(MoObject *type, const char *msg, const char *file, int line)
{
    MoObject *pending = MoErr_Occurred();
    ck_assert_msg(pending != NULL, "%s:%d: expected %s, no exception pending", file, line,
                  ((MoTypeObject *)type)->tp_name);
    int matches = MoErr_ExceptionMatches(type);
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = MoObject_Str(exc);
    snprintf(mt_buf, sizeof mt_buf, "%s", s ? MoUnicode_AsUTF8(s) : "?");
    const char *tname = Mo_TYPE(exc)->tp_name;
    Mo_XDECREF(s);
    Mo_DECREF(exc);
    ck_assert_msg(matches, "%s:%d: expected %s, got %s: %s", file, line,
                  ((MoTypeObject *)type)->tp_name, tname, mt_buf);
    if (msg != NULL)
        ck_assert_msg(strcmp(mt_buf, msg) == 0, "%s:%d: message is \"%s\", expected \"%s\"", file, line,
                      mt_buf, msg);
}

MoObject *mt_ok_at(MoObject *o, const char *file, int line)
{
    if (o == NULL) {
        const char *t = mt_text(NULL);
        ck_abort_msg("%s:%d: unexpected failure %s", file, line, t);
    }
    return o;
}

int mt_under_valgrind(void)
{
    return getenv("MO_TEST_UNDER_VALGRIND") != NULL;
}

MoObject *mt_evil_target;
int mt_evil_raises;

static Mo_hash_t evil_hash(MoObject *o)
{
    (void)o;
    return 1;
}

static MoObject *evil_richcompare(MoObject *a, MoObject *b, int op)
{
    (void)a; (void)b; (void)op;
    if (mt_evil_raises) {
        MoErr_SetString(MoExc_ValueError, "boom");
        return NULL;
    }
    if (mt_evil_target != NULL && MoDict_Check(mt_evil_target))
        MoDict_Clear(mt_evil_target);
    else if (mt_evil_target != NULL)
        MoSet_Clear(mt_evil_target);
    Mo_RETURN_NOTIMPLEMENTED;
}

static void evil_dealloc(MoObject *o)
{
    Mo_TYPE(o)->tp_free(o);
}

MoTypeObject mt_evil_type = {
    .ob_base = MoVarObject_HEAD_INIT(&MoType_Type, 0)
    .tp_name = "Evil",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = evil_dealloc,
    .tp_hash = evil_hash,
    .tp_richcompare = evil_richcompare,
};

/* ------------------------------------------------------------ out of memory */

static MoMemAllocatorEx oom_saved[2];
static long oom_budget;
static const MoMemAllocatorDomain oom_domains[2] = { MOMEM_DOMAIN_MEM, MOMEM_DOMAIN_OBJ };

static void *oom_malloc(void *ctx, size_t n)
{
    MoMemAllocatorEx *a = ctx;
    return oom_budget-- > 0 ? a->malloc(a->ctx, n) : NULL;
}

static void *oom_calloc(void *ctx, size_t k, size_t n)
{
    MoMemAllocatorEx *a = ctx;
    return oom_budget-- > 0 ? a->calloc(a->ctx, k, n) : NULL;
}

static void *oom_realloc(void *ctx, void *p, size_t n)
{
    MoMemAllocatorEx *a = ctx;
    return oom_budget-- > 0 ? a->realloc(a->ctx, p, n) : NULL;
}

static void oom_free(void *ctx, void *p)
{
    MoMemAllocatorEx *a = ctx;
    a->free(a->ctx, p);
}

void mt_oom_start(long budget)
{
    oom_budget = budget;
    for (int d = 0; d < 2; d++) {
        MoMem_GetAllocator(oom_domains[d], &oom_saved[d]);
        MoMemAllocatorEx failing = { &oom_saved[d], oom_malloc, oom_calloc, oom_realloc, oom_free };
        MoMem_SetAllocator(oom_domains[d], &failing);
    }
}

void mt_oom_stop(void)
{
    for (int d = 0; d < 2; d++)
        MoMem_SetAllocator(oom_domains[d], &oom_saved[d]);
}
