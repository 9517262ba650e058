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
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <unistd.h>
#include <valgrind/memcheck.h>

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
/* The lab's hooks (MG_LAB_SETUP, MG_LAB_TEARDOWN, MG_LAB_BEFORE_INIT), in order. */
typedef struct {
    int (*fn[8])(void);
    int n;
    const char *what;
} mg_hooks;
static mg_hooks mg_setups = { .what = "set-up" }, mg_teardowns = { .what = "teardown" },
                mg_before_inits = { .what = "before-init hook" };

enum mg_pass { MG_PASS_BEHAVIOUR, MG_PASS_LEAKS, MG_PASS_MEMCHECK };
static enum mg_pass mg_pass;
static int mg_done_pipe[2] = { -1, -1 };
static unsigned char mg_done_token[16];   /* what a finished test writes into the pipe */

/* What a finished test sends through the pipe: the token, then what the driver scores
   besides pass/fail (the objects Mo_Finalize found alive, the figure reported). */
typedef struct {
    unsigned char token[16];
    long long alive;
    long long figure;
    int has_figure;
} mg_record;

static long long mg_figure;
static int mg_has_figure;

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

static void mg_add_hook(mg_hooks *h, int (*fn)(void))
{
    if (h->n == 8) {
        fprintf(stderr, "harness: more than 8 %s functions\n", h->what);
        exit(2);
    }
    h->fn[h->n++] = fn;
}

void mg_add_lab_setup(int (*setup)(void))
{
    mg_add_hook(&mg_setups, setup);
}

void mg_add_lab_teardown(int (*teardown)(void))
{
    mg_add_hook(&mg_teardowns, teardown);
}

void mg_add_lab_before_init(int (*before_init)(void))
{
    mg_add_hook(&mg_before_inits, before_init);
}

/* ==================================================== allocation failures */

/* The hook sits on the mem and object domains, forwarding to what was there. */
static struct {
    int installed;
    long remaining;            /* allocations still allowed; < 0: no limit */
    int failed;
    long long calls, bytes;    /* what was asked for since the test began */
    MoMemAllocatorEx saved[2]; /* [0] mem, [1] object */
} mg_lim;

static void mg_lim_count(size_t n)
{
    mg_lim.calls++;
    mg_lim.bytes += (long long)n;
}

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
    mg_lim_count(n);
    return mg_lim_refuse() ? NULL : a->malloc(a->ctx, n);
}
static void *mg_lim_calloc(void *ctx, size_t nelem, size_t elsize)
{
    MoMemAllocatorEx *a = ctx;
    mg_lim_count(nelem * elsize);
    return mg_lim_refuse() ? NULL : a->calloc(a->ctx, nelem, elsize);
}
static void *mg_lim_realloc(void *ctx, void *p, size_t n)
{
    MoMemAllocatorEx *a = ctx;
    mg_lim_count(n);
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
    mg_lim.calls = mg_lim.bytes = 0;
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

void mg_alloc_stats(long long *calls, long long *bytes)
{
    if (calls != NULL)
        *calls = mg_lim.calls;
    if (bytes != NULL)
        *bytes = mg_lim.bytes;
}

void mg_report_figure(long long value)
{
    mg_figure = value;
    mg_has_figure = 1;
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
#ifdef _MO_FREED_REFCNT   /* the debug runtime marks a freed object's header */
    if (got == _MO_FREED_REFCNT) {
        snprintf(mg_msg, sizeof mg_msg, "%s has been freed already (its refcount should be %zd)", what, expected);
        return mg_msg;
    }
#endif
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

/* Run a lab's hooks in order; the first that fails, with its exception, as the
   complaint (NULL when all returned 0). */
static const char *mg_run_hooks(const mg_hooks *h)
{
    for (int i = 0; i < h->n; i++) {
        if (h->fn[i]() < 0) {
            const char *exc = mg_exc_text();
            snprintf(mg_msg, sizeof mg_msg, "the lab's %s failed: %s", h->what,
                     exc[0] != '\0' ? exc : "-1 returned without an exception");
            MoErr_Clear();
            return mg_msg;
        }
    }
    return NULL;
}

static void mg_vg_snapshot(void);

static void mg_setup(void)
{
    mg_vg_snapshot();
    mg_has_figure = 0;
    MG_ASSERT_OK_(mg_run_hooks(&mg_before_inits));
    ck_assert_msg(Mo_Initialize() == 0, "Mo_Initialize failed");
    mg_lim_install();
    if (mg_pass == MG_PASS_LEAKS)
        mg_start_tracer();
    MG_ASSERT_OK_(mg_run_hooks(&mg_setups));
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

static int mg_batch_done[MG_MAX_TESTS];   /* MG_CASES: which tests reached the end */
static int mg_current = -1;                /* the test running (its index in mg_tests) */

static void mg_mark_done(Mo_ssize_t alive)
{
    mg_record r = { .alive = alive, .figure = mg_figure, .has_figure = mg_has_figure };
    memcpy(r.token, mg_done_token, sizeof r.token);
    if (mg_current >= 0)
        mg_batch_done[mg_current] = 1;
    if (mg_done_pipe[1] >= 0 && write(mg_done_pipe[1], &r, sizeof r) != sizeof r)
        perror("harness: completion marker");
}

/* region mg_teardown */
static void mg_teardown(void)
{
    char report[8192];
    mg_alloc_unlimited();
    const char *hook = MoErr_Occurred() == NULL ? mg_run_hooks(&mg_teardowns) : NULL;
    if (hook != NULL) {
        snprintf(report, sizeof report, "%s", hook);
        Mo_Finalize();
        mg_lim_uninstall();
        ck_abort_msg("%s", report);
    }
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
    mg_mark_done(alive);
}
/* endregion mg_teardown */

/* ================================================================ running */

/* The tests to run: those MG_CASES names (in its order), or all (Check's CK_RUN_CASE
   then picks one). Each in a test case of its own, with the fixture. */
static int mg_order[MG_MAX_TESTS], mg_norder;

static int mg_find(const char *name, size_t len)
{
    for (int i = 0; i < mg_ntests; i++)
        if (strlen(mg_tests[i].name) == len && strncmp(mg_tests[i].name, name, len) == 0)
            return i;
    return -1;
}

static void mg_choose(const char *cases)
{
    mg_norder = 0;
    if (cases == NULL) {
        for (int i = 0; i < mg_ntests; i++)
            mg_order[mg_norder++] = i;
        return;
    }
    for (const char *p = cases; *p != '\0';) {
        size_t len = strcspn(p, " ");
        int i = len > 0 ? mg_find(p, len) : -1;
        if (i >= 0 && mg_norder < MG_MAX_TESTS)
            mg_order[mg_norder++] = i;
        p += len + (p[len] == ' ');
    }
}

static Suite *mg_suite(void)
{
    Suite *s = suite_create(MG_LAB_NAME);
    for (int k = 0; k < mg_norder; k++) {
        const mg_test *t = &mg_tests[mg_order[k]];
        TCase *tc = tcase_create(t->name);
        tcase_add_checked_fixture(tc, mg_setup, mg_teardown);
        tcase_add_test(tc, t->test);
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

/* Did the fixture finish (the token in the pipe)? Its record into *r. */
static int mg_finished(mg_record *r)
{
    return mg_done_pipe[0] >= 0 && read(mg_done_pipe[0], r, sizeof *r) == (ssize_t)sizeof *r &&
           memcmp(r->token, mg_done_token, sizeof r->token) == 0;
}

/* ---------------------------------------------- MG_CASES under memcheck */

/* Errors and leaked bytes memcheck had counted when each test began (and, at
   mg_vg_at[mg_norder], when the last one ended): a test's share is the difference. */
static unsigned long mg_vg_errors[MG_MAX_TESTS + 1], mg_vg_leaked[MG_MAX_TESTS + 1];
static int mg_vg_taken, mg_batch;

/* Called as each test begins (and once at the end): a quick leak check, so that what
   the previous test lost is counted now. Nothing outside the batch. */
static void mg_vg_snapshot(void)
{
    if (!mg_batch || !RUNNING_ON_VALGRIND || mg_vg_taken > mg_norder)
        return;
    unsigned long leaked = 0, dubious = 0, reachable = 0, suppressed = 0;
    VALGRIND_DO_QUICK_LEAK_CHECK;
    VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
    (void)dubious, (void)reachable, (void)suppressed;
    mg_vg_errors[mg_vg_taken] = (unsigned long)VALGRIND_COUNT_ERRORS;
    mg_vg_leaked[mg_vg_taken] = leaked;
    mg_current = mg_vg_taken < mg_norder ? mg_order[mg_vg_taken] : -1;
    mg_vg_taken++;
}

/* One line per test run: "NAME<TAB>pass" when Check passed it, it finished, and
   memcheck counted no error and no leak while it ran; "NAME<TAB>fail" otherwise (the
   driver then runs it alone under valgrind, for the verdict and the reason). */
static void mg_write_batch(SRunner *sr, FILE *f)
{
    mg_vg_snapshot();
    int n = srunner_ntests_run(sr);
    TestResult **results = srunner_results(sr);
    for (int k = 0; k < n && k < mg_norder; k++) {
        int i = mg_find(tr_tcname(results[k]), strlen(tr_tcname(results[k])));
        int clean = k + 1 < mg_vg_taken && mg_vg_errors[k + 1] == mg_vg_errors[k] &&
                    mg_vg_leaked[k + 1] == mg_vg_leaked[k];
        int ok = i >= 0 && i == mg_order[k] && tr_rtype(results[k]) == CK_PASS && mg_batch_done[i] && clean;
        fprintf(f, "%s\t%s\n", tr_tcname(results[k]), ok ? "pass" : "fail");
    }
    free(results);
}

/* ------------------------------------------------------------- the verdict */

/* "pass", "fail<TAB>file:line: message" or "error<TAB>message" (a signal, a timeout, an
   early exit: Check's words, which the driver turns into the student's); after a pass,
   "alive N" (objects Mo_Finalize found) and "figure V" when the test reported one. */
static void mg_write_verdict(SRunner *sr, FILE *f)
{
    int n = srunner_ntests_run(sr);
    TestResult **results = srunner_results(sr);
    mg_record r;
    if (n == 0) {
        const char *name = getenv("CK_RUN_CASE");
        fprintf(f, "fail\tno test named %s\n", name != NULL ? name : "(none given)");
    } else if (tr_rtype(results[0]) == CK_PASS) {
        if (!mg_finished(&r))
            fprintf(f, "fail\tthe test stopped before it finished: exit() or _exit() was called\n");
        else {
            fprintf(f, "pass\nalive %lld\n", r.alive);
            if (r.has_figure)
                fprintf(f, "figure %lld\n", r.figure);
        }
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
}

/* ============================================================ confinement */

/* Load the system-call filter MG_FILTER names (a BPF program made by tools/grade/
   filter.c for this pass) and apply it to this process and every process it starts.
   Called at the start of main, once the runner holds all it opens: no test has run yet,
   and student code has no constructor (inspect.sh refuses one). -1 when it could not be
   applied: the runner then runs nothing. */
static int mg_confine(void)
{
    const char *path = getenv("MG_FILTER");
    if (path == NULL)
        return 0;
    static struct sock_filter prog[4096];
    FILE *f = fopen(path, "rb");
    size_t n = f != NULL ? fread(prog, sizeof prog[0], sizeof prog / sizeof prog[0], f) : 0;
    if (f != NULL)
        fclose(f);
    struct sock_fprog fprog = { (unsigned short)n, prog };
    if (n == 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) < 0) {
        fprintf(stderr, "harness: cannot apply the system-call filter %s: %s\n", path,
                n == 0 ? "empty or unreadable" : strerror(errno));
        return -1;
    }
    return 0;
}

/* Where the verdict goes: the descriptor MG_RESULT_FD (the grader's file, opened by the
   driver outside anything the test can reach by name), else the file MG_RESULT. */
static FILE *mg_open_verdict(void)
{
    const char *fd = getenv("MG_RESULT_FD"), *path = getenv("MG_RESULT");
    FILE *f = fd != NULL ? fdopen(atoi(fd), "w") : path != NULL ? fopen(path, "w") : NULL;
    if (f == NULL && (fd != NULL || path != NULL))
        perror(fd != NULL ? "harness: MG_RESULT_FD" : path);
    return f;
}

static void mg_read_pass(void)
{
    const char *pass = getenv("MG_PASS");
    if (pass == NULL || strcmp(pass, "behaviour") == 0 || strcmp(pass, "run") == 0)
        mg_pass = MG_PASS_BEHAVIOUR;
    else if (strcmp(pass, "memcheck") == 0)
        mg_pass = MG_PASS_MEMCHECK;
    else if (strcmp(pass, "leaks") == 0)
        mg_pass = MG_PASS_LEAKS;
    else {
        fprintf(stderr, "harness: MG_PASS must be behaviour, leaks or memcheck, not %s\n", pass);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--list") == 0)
        return mg_list();
    mg_read_pass();
    int want_verdict = getenv("MG_RESULT_FD") != NULL || getenv("MG_RESULT") != NULL;
    const char *cases = mg_pass == MG_PASS_MEMCHECK ? getenv("MG_CASES") : NULL;
    if (getrandom(mg_done_token, sizeof mg_done_token, 0) != (ssize_t)sizeof mg_done_token) {
        perror("harness: getrandom");
        return 2;
    }
    if (pipe(mg_done_pipe) == 0)
        fcntl(mg_done_pipe[0], F_SETFL, O_NONBLOCK);
    /* Opened now, before any test: the verdict file is the runner's, not the tests'. */
    FILE *verdict = mg_open_verdict();
    if ((want_verdict && verdict == NULL) || mg_confine() < 0)
        return 2;
    mg_choose(cases);
    mg_batch = cases != NULL;
    SRunner *sr = srunner_create(mg_suite());
    if (cases != NULL)
        srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    if (verdict != NULL) {
        if (cases != NULL)
            mg_write_batch(sr, verdict);
        else
            mg_write_verdict(sr, verdict);
        fclose(verdict);
    }
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
