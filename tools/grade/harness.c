/* The lab graders' test harness: registry, fixture, verdict (see harness.h).
 *
 * Start reading at main(): it builds one Check test case per registered test, runs
 * them, and, when the grade driver asks (MG_RESULT), turns Check's result into one
 * verdict line. Three things Check alone would get wrong for a grader:
 *  - a test that calls exit(0) or _exit(0) "passes" in fork mode: the fixture's last
 *    act is to write a token into a pipe the runner holds, and a pass without that token
 *    is a test that never finished. The token is random, made when the runner starts,
 *    so that code under test cannot write it in the fixture's place (tools/grade/
 *    inspect.sh refuses code that could write the verdict file instead);
 *  - a leak is invisible to an assertion: in the leaks pass the teardown fails the test
 *    when Mo_Finalize reports survivors, quoting the runtime's own report;
 *  - error paths run only when an allocation fails: mg_alloc_limit() puts a hook on
 *    the mem and object domains that refuses allocations past a budget.
 */
#include "harness.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* The tracer may not be in the library yet: a weak reference links either way (the
   driver links with -u MoTraceMalloc_Start so that the archive member is pulled in
   when it exists). */
extern __typeof__(MoTraceMalloc_Start) MoTraceMalloc_Start __attribute__((weak));

#ifndef MG_LAB_NAME
#define MG_LAB_NAME "lab"
#endif

#define MG_MAX_TESTS 256

typedef struct {
    const char *name;
    int points;
    const char *description;
    const TTest *test;
} mg_test;

static mg_test mg_tests[MG_MAX_TESTS];
static int mg_ntests;
static int (*mg_lab_setups[8])(void);
static int mg_nsetups;

enum mg_pass { MG_PASS_RUN, MG_PASS_MEMCHECK, MG_PASS_LEAKS };
static enum mg_pass mg_pass;
static int mg_done_pipe[2] = { -1, -1 };
static unsigned char mg_done_token[16];   /* what a finished test writes into the pipe */

static char mg_msg[4096];   /* the complaint the assertion helpers hand back */

/* =============================================================== registry */

void mg_register(const char *name, int points, const char *description, const TTest *test)
{
    if (mg_ntests == MG_MAX_TESTS) {
        fprintf(stderr, "harness: more than %d tests\n", MG_MAX_TESTS);
        exit(2);
    }
    mg_tests[mg_ntests++] = (mg_test){ name, points, description, test };
}

void mg_add_lab_setup(int (*setup)(void))
{
    if (mg_nsetups == 8) {
        fprintf(stderr, "harness: more than 8 set-up functions\n");
        exit(2);
    }
    mg_lab_setups[mg_nsetups++] = setup;
}

/* ==================================================== allocation failures */

/* The hook sits on the mem and object domains, forwarding to what was there. */
static struct {
    int installed;
    long remaining;            /* allocations still allowed; < 0: no limit */
    int failed;
    MoMemAllocatorEx saved[2]; /* [0] mem, [1] object */
} mg_lim;

static int mg_lim_refuse(void)
{
    if (mg_lim.remaining < 0)
        return 0;
    if (mg_lim.remaining == 0) {
        mg_lim.failed = 1;
        return 1;
    }
    mg_lim.remaining--;
    return 0;
}

static void *mg_lim_malloc(void *ctx, size_t n)
{
    MoMemAllocatorEx *a = ctx;
    return mg_lim_refuse() ? NULL : a->malloc(a->ctx, n);
}
static void *mg_lim_calloc(void *ctx, size_t nelem, size_t elsize)
{
    MoMemAllocatorEx *a = ctx;
    return mg_lim_refuse() ? NULL : a->calloc(a->ctx, nelem, elsize);
}
static void *mg_lim_realloc(void *ctx, void *p, size_t n)
{
    MoMemAllocatorEx *a = ctx;
    return mg_lim_refuse() ? NULL : a->realloc(a->ctx, p, n);
}
static void mg_lim_free(void *ctx, void *p)
{
    MoMemAllocatorEx *a = ctx;
    a->free(a->ctx, p);
}

/* The fixture installs the hook before the tracer starts, so that the tracer wraps it
   (and names the caller of the allocation, not this file), and removes it after
   Mo_Finalize has stopped the tracer: the allocators are then as Mo_Initialize left them,
   and the next Mo_Initialize does not wrap its debug hooks around ours. */
static void mg_lim_install(void)
{
    static const MoMemAllocatorDomain domains[2] = { MOMEM_DOMAIN_MEM, MOMEM_DOMAIN_OBJ };
    for (int i = 0; i < 2; i++) {
        MoMem_GetAllocator(domains[i], &mg_lim.saved[i]);
        MoMemAllocatorEx hook = { &mg_lim.saved[i], mg_lim_malloc, mg_lim_calloc, mg_lim_realloc, mg_lim_free };
        MoMem_SetAllocator(domains[i], &hook);
    }
    mg_lim.installed = 1;
    mg_lim.remaining = -1;
}

/* Only when the hook is on top again (something installed above it would be lost). */
static void mg_lim_uninstall(void)
{
    MoMemAllocatorEx mem, obj;
    MoMem_GetAllocator(MOMEM_DOMAIN_MEM, &mem);
    MoMem_GetAllocator(MOMEM_DOMAIN_OBJ, &obj);
    if (!mg_lim.installed || mem.malloc != mg_lim_malloc || obj.malloc != mg_lim_malloc)
        return;
    MoMem_SetAllocator(MOMEM_DOMAIN_MEM, &mg_lim.saved[0]);
    MoMem_SetAllocator(MOMEM_DOMAIN_OBJ, &mg_lim.saved[1]);
    mg_lim.installed = 0;
}

void mg_alloc_limit(long n)
{
    if (!mg_lim.installed)
        ck_abort_msg("mg_alloc_limit called outside a test");
    mg_lim.remaining = n < 0 ? 0 : n;
    mg_lim.failed = 0;
}

void mg_alloc_unlimited(void)
{
    mg_lim.remaining = -1;
}

int mg_alloc_failed(void)
{
    return mg_lim.failed;
}

/* ============================================================ assertions */

Mo_ssize_t mg_live(void)
{
    return _Mo_LiveObjects();
}

/* "Type: message" of the pending exception, left pending. */
const char *mg_exc_text(void)
{
    static char buf[1024];
    buf[0] = '\0';
    if (MoErr_Occurred() == NULL)
        return buf;
    long saved = mg_lim.remaining;
    mg_lim.remaining = -1;   /* formatting the message must not fail for want of memory */
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = MoObject_Str(exc);
    const char *text = s != NULL ? MoUnicode_AsUTF8(s) : NULL;
    if (text != NULL && text[0] != '\0')
        snprintf(buf, sizeof buf, "%s: %s", Mo_TYPE(exc)->tp_name, text);
    else
        snprintf(buf, sizeof buf, "%s", Mo_TYPE(exc)->tp_name);
    if (s == NULL)
        MoErr_Clear();
    Mo_XDECREF(s);
    MoErr_SetRaisedException(exc);
    mg_lim.remaining = saved;
    return buf;
}

const char *mg_refcnt_problem(MoObject *o, Mo_ssize_t expected, const char *what_fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, what_fmt);
    vsnprintf(what, sizeof what, what_fmt, ap);
    va_end(ap);
    if (o == NULL) {
        snprintf(mg_msg, sizeof mg_msg, "%s is NULL (expected an object with refcount %zd)", what, expected);
        return mg_msg;
    }
    Mo_ssize_t got = Mo_REFCNT(o);
    if (got == _MO_FREED_REFCNT) {
        snprintf(mg_msg, sizeof mg_msg, "%s has been freed already (its refcount should be %zd)", what, expected);
        return mg_msg;
    }
    if (got != expected) {
        snprintf(mg_msg, sizeof mg_msg, "%s has refcount %zd, expected %zd", what, got, expected);
        return mg_msg;
    }
    return NULL;
}

const char *mg_repr_problem(MoObject *o, const char *expected, const char *what)
{
    if (o == NULL) {
        snprintf(mg_msg, sizeof mg_msg, "%s is NULL (expected repr %s)", what, expected);
        return mg_msg;
    }
    MoObject *r = MoObject_Repr(o);
    if (r == NULL) {
        snprintf(mg_msg, sizeof mg_msg, "repr(%s) failed with %s (expected %s)", what, mg_exc_text(), expected);
        MoErr_Clear();
        return mg_msg;
    }
    const char *got = MoUnicode_AsUTF8(r);
    const char *problem = NULL;
    if (got == NULL || strcmp(got, expected) != 0) {
        snprintf(mg_msg, sizeof mg_msg, "repr(%s) is %s, expected %s", what, got != NULL ? got : "?", expected);
        problem = mg_msg;
    }
    Mo_DECREF(r);
    return problem;
}

const char *mg_exc_problem(MoObject *type, const char *msg, const char *what)
{
    const char *problem = NULL;
    MoObject *pending = MoErr_Occurred();
    if (type == NULL) {
        if (pending != NULL) {
            snprintf(mg_msg, sizeof mg_msg, "%s left an exception set: %s", what, mg_exc_text());
            problem = mg_msg;
        }
    } else if (pending == NULL) {
        snprintf(mg_msg, sizeof mg_msg, "%s should raise %s%s%s; no exception was set", what,
                 ((MoTypeObject *)type)->tp_name, msg != NULL ? ": " : "", msg != NULL ? msg : "");
        problem = mg_msg;
    } else {
        int matches = MoErr_ExceptionMatches(type);
        const char *got = mg_exc_text();
        const char *colon = strchr(got, ':');
        const char *got_msg = colon != NULL ? colon + 2 : "";
        if (!matches || (msg != NULL && strcmp(got_msg, msg) != 0)) {
            snprintf(mg_msg, sizeof mg_msg, "%s should raise %s%s%s; it raised %s", what,
                     ((MoTypeObject *)type)->tp_name, msg != NULL ? ": " : "", msg != NULL ? msg : "", got);
            problem = mg_msg;
        }
    }
    MoErr_Clear();
    return problem;
}

MoObject *mg_ok_(MoObject *o, const char *what, const char *file, int line)
{
    if (o == NULL) {
        const char *exc = mg_exc_text();
        snprintf(mg_msg, sizeof mg_msg, "%s returned NULL (%s%s)", what,
                 exc[0] != '\0' ? "exception: " : "and set no exception", exc);
        MoErr_Clear();
        _ck_assert_failed(file, line, "Failed", "%s", mg_msg);
    }
    return o;
}

const char *mg_live_problem(Mo_ssize_t before, const char *what)
{
    Mo_ssize_t now = mg_live();
    if (now > before) {
        snprintf(mg_msg, sizeof mg_msg, "%s: %zd more object%s alive than before (%zd, now %zd): a reference "
                 "was not released", what, now - before, now - before == 1 ? "" : "s", before, now);
        return mg_msg;
    }
    if (now < before) {
        snprintf(mg_msg, sizeof mg_msg, "%s: %zd fewer object%s alive than before (%zd, now %zd): a reference "
                 "was released once too often", what, before - now, before - now == 1 ? "" : "s", before, now);
        return mg_msg;
    }
    return NULL;
}

/* ================================================================ fixture */

static void mg_start_tracer(void)
{
    int (*start)(int) = MoTraceMalloc_Start;
    if (start != NULL && start(16) < 0)
        MoErr_Clear();
}

static void mg_setup(void)
{
    ck_assert_msg(Mo_Initialize() == 0, "Mo_Initialize failed");
    mg_lim_install();
    if (mg_pass == MG_PASS_LEAKS)
        mg_start_tracer();
    for (int i = 0; i < mg_nsetups; i++) {
        if (mg_lab_setups[i]() < 0) {
            const char *exc = mg_exc_text();
            snprintf(mg_msg, sizeof mg_msg, "the lab's set-up (readying its types) failed: %s",
                     exc[0] != '\0' ? exc : "-1 returned without an exception");
            MoErr_Clear();
            ck_abort_msg("%s", mg_msg);
        }
    }
}

/* Mo_Finalize with its report on stderr captured into report (and still shown). */
static Mo_ssize_t mg_finalize(char *report, size_t size)
{
    report[0] = '\0';
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved = tmp != NULL ? dup(2) : -1;
    if (saved >= 0)
        dup2(fileno(tmp), 2);
    Mo_ssize_t alive = Mo_Finalize();
    if (saved < 0)
        return alive;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    size_t n = fread(report, 1, size - 1, tmp);
    report[n] = '\0';
    fclose(tmp);
    fputs(report, stderr);
    return alive;
}

/* One line from the runtime's leak report: "left 2 objects alive: 1 str, 1 int;
   <'str' object at 0x...> refcount 1 <whatever the runtime adds: where it was
   allocated>". */
static void mg_describe_leak(Mo_ssize_t alive, const char *report, char *out, size_t size)
{
    int n = snprintf(out, size, "left %zd object%s alive after the test", alive, alive == 1 ? "" : "s");
    const char *by_type = strstr(report, "by type:");
    if (by_type != NULL && n >= 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, " (%.*s)", (int)strcspn(by_type + 9, "\n"), by_type + 9);
    int shown = 0;
    for (const char *line = report; line != NULL && *line != '\0' && shown < 2; line = strchr(line, '\n')) {
        if (*line == '\n')
            line++;
        const char *s = line + strspn(line, " ");
        if (*s != '<' || n < 0 || (size_t)n >= size)
            continue;
        n += snprintf(out + n, size - (size_t)n, "%s %.*s", shown == 0 ? ":" : ";", (int)strcspn(s, "\n"), s);
        shown++;
    }
}

static void mg_mark_done(void)
{
    if (mg_done_pipe[1] >= 0 && write(mg_done_pipe[1], mg_done_token, sizeof mg_done_token) != sizeof mg_done_token)
        perror("harness: completion marker");
}

/* region mg_teardown */
static void mg_teardown(void)
{
    char report[8192];
    mg_alloc_unlimited();
    if (MoErr_Occurred() != NULL) {
        snprintf(mg_msg, sizeof mg_msg, "the test ended with an exception still set: %s", mg_exc_text());
        MoErr_Clear();
        Mo_Finalize();
        mg_lim_uninstall();
        ck_abort_msg("%s", mg_msg);
    }
    Mo_ssize_t alive = mg_finalize(report, sizeof report);
    mg_lim_uninstall();
    if (mg_pass == MG_PASS_LEAKS && alive != 0) {
        mg_describe_leak(alive, report, mg_msg, sizeof mg_msg);
        ck_abort_msg("%s", mg_msg);
    }
    mg_mark_done();
}
/* endregion mg_teardown */

/* ================================================================ running */

static Suite *mg_suite(void)
{
    Suite *s = suite_create(MG_LAB_NAME);
    for (int i = 0; i < mg_ntests; i++) {
        TCase *tc = tcase_create(mg_tests[i].name);
        tcase_add_checked_fixture(tc, mg_setup, mg_teardown);
        tcase_add_test(tc, mg_tests[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}

/* The points table, as the driver compares it with the MG_TEST lines it read. */
static int mg_list(void)
{
    for (int i = 0; i < mg_ntests; i++)
        printf("%s\t%d\t%s\n", mg_tests[i].name, mg_tests[i].points, mg_tests[i].description);
    return 0;
}

static const char *mg_basename(const char *path)
{
    const char *slash = path != NULL ? strrchr(path, '/') : NULL;
    return slash != NULL ? slash + 1 : path != NULL ? path : "?";
}

/* Did the fixture finish (the byte in the pipe)? */
static int mg_finished(void)
{
    unsigned char got[sizeof mg_done_token];
    return mg_done_pipe[0] >= 0 && read(mg_done_pipe[0], got, sizeof got) == (ssize_t)sizeof got &&
           memcmp(got, mg_done_token, sizeof got) == 0;
}

/* "pass", "fail<TAB>file:line: message" or "error<TAB>message" (a signal, a timeout, an
   early exit: Check's words, which the driver turns into the student's). */
static void mg_write_verdict(SRunner *sr, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    int n = srunner_ntests_run(sr);
    TestResult **results = srunner_results(sr);
    if (n == 0) {
        const char *name = getenv("CK_RUN_CASE");
        fprintf(f, "fail\tno test named %s\n", name != NULL ? name : "(none given)");
    } else if (tr_rtype(results[0]) == CK_PASS) {
        if (mg_finished())
            fprintf(f, "pass\n");
        else
            fprintf(f, "fail\tthe test stopped before it finished: exit() or _exit() was called\n");
    } else if (tr_rtype(results[0]) == CK_FAILURE) {
        const char *file = mg_basename(tr_lfile(results[0]));
        if (strcmp(file, mg_basename(__FILE__)) == 0)   /* the fixture's complaint: no line to see */
            fprintf(f, "fail\t%s\n", tr_msg(results[0]));
        else
            fprintf(f, "fail\t%s:%d: %s\n", file, tr_lno(results[0]), tr_msg(results[0]));
    } else {
        fprintf(f, "error\t%s\n", tr_msg(results[0]));
    }
    free(results);
    fclose(f);
}

static void mg_read_pass(void)
{
    const char *pass = getenv("MG_PASS");
    if (pass == NULL || strcmp(pass, "run") == 0)
        mg_pass = MG_PASS_RUN;
    else if (strcmp(pass, "memcheck") == 0)
        mg_pass = MG_PASS_MEMCHECK;
    else if (strcmp(pass, "leaks") == 0)
        mg_pass = MG_PASS_LEAKS;
    else {
        fprintf(stderr, "harness: MG_PASS must be run, memcheck or leaks, not %s\n", pass);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--list") == 0)
        return mg_list();
    mg_read_pass();
    const char *result_path = getenv("MG_RESULT");
    if (getrandom(mg_done_token, sizeof mg_done_token, 0) != (ssize_t)sizeof mg_done_token) {
        perror("harness: getrandom");
        return 2;
    }
    if (pipe(mg_done_pipe) == 0)
        fcntl(mg_done_pipe[0], F_SETFL, O_NONBLOCK);
    SRunner *sr = srunner_create(mg_suite());
    srunner_run_all(sr, CK_NORMAL);
    if (result_path != NULL)
        mg_write_verdict(sr, result_path);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
