/* The lab graders' test harness: what every test file of a lab grader includes
 * (tests/labs/NN-topic/).
 *
 * A graded test is a Check test in a test case of its own (Check selects by case),
 * declared with its points and a one-line description:
 *
 *     MG_TEST(stack_pop_returns_the_top, 6, "Stack_Pop returns the top item as a new reference")
 *     {
 *         ... ck_assert_msg(...) and the mg_assert_* helpers below ...
 *     }
 *
 * Keep each MG_TEST(...) on one line, with a description free of double quotes: the
 * grade driver (tools/grade/grade.sh) reads these lines to know the tests and their
 * points even when the student's code does not compile, and `make check` proves that
 * what it reads is what the runner registers.
 *
 * Every test runs inside the runtime fixture: Mo_Initialize and the allocation-failure
 * hook (mg_alloc_limit) before; after it, a check that no exception is left pending, then
 * Mo_Finalize. The harness's main() runs the tests; the driver runs it once per test and
 * per pass, and reads its verdict:
 *
 *     MG_PASS=behaviour  1. the behaviour (Check's fork mode, under a time limit); the
 *                        verdict's second line counts the objects left alive;
 *     MG_PASS=leaks      2. the same, with the tracer on: the fixture fails the test when
 *                        an object is still alive after Mo_Finalize, naming what leaked
 *                        (type, and where it was allocated); the driver runs it only when
 *                        the behaviour pass counted survivors;
 *     MG_PASS=memcheck   3. under valgrind (CK_FORK=no); with MG_CASES="A B ..." the
 *                        tests named run in one process, each judged by the errors and
 *                        leaks memcheck counted while it ran (one valgrind start for all).
 *     MG_RESULT=FILE     where the verdict goes: "pass", or "fail" or "error", a tab,
 *                        and the reason in one line (MG_CASES: one "NAME<TAB>verdict"
 *                        line per test).
 *     MG_RESULT_FD=N     the same, written to descriptor N (the driver's file, which the
 *                        test cannot reach by name); it takes precedence over MG_RESULT.
 *     MG_FILTER=FILE     a seccomp BPF program (tools/grade/filter.c) the runner applies
 *                        to itself before the first test: the system calls a test may make.
 * (MG_PASS=run is an old name of behaviour.)
 *
 * Run without MG_RESULT, the runner is an ordinary Check runner (all tests, or the one
 * named by CK_RUN_CASE), which is how a student debugs a failing test.
 */
#ifndef MO_GRADE_HARNESS_H
#define MO_GRADE_HARNESS_H

#include <check.h>
#include "mo.h"

/* ------------------------------------------------------------ declaring tests */

void mg_register(const char *name, int points, const char *description, const TTest *test);
void mg_add_lab_setup(int (*setup)(void));
void mg_add_lab_teardown(int (*teardown)(void));
void mg_add_lab_before_init(int (*before_init)(void));

#define MG_TEST(name, points, description)                                    \
    static void name##_body(void);                                          \
    START_TEST(name)                                                        \
    {                                                                       \
        name##_body();                                                      \
    }                                                                       \
    END_TEST                                                                \
    __attribute__((constructor)) static void name##_register(void)          \
    {                                                                       \
        mg_register(#name, (points), (description), name);                  \
    }                                                                       \
    static void name##_body(void)

/* A function run after Mo_Initialize before every test of the lab (a module's init:
   readying its types). It returns 0, or -1 with an exception set, which fails the
   test with that exception as the reason. Several may be declared; they run in the
   order they were registered. */
#define MG_LAB_SETUP(fn)                                                      \
    __attribute__((constructor)) static void mg_setup_register_##fn(void)   \
    {                                                                       \
        mg_add_lab_setup(fn);                                               \
    }

/* Opt-in: a function run before every test's teardown, while the runtime is still up
   (release what the set-up made: it is then not counted as a leak). Same contract as
   MG_LAB_SETUP; they run in the order registered. */
#define MG_LAB_TEARDOWN(fn)                                                   \
    __attribute__((constructor)) static void mg_teardown_register_##fn(void) \
    {                                                                       \
        mg_add_lab_teardown(fn);                                            \
    }

/* Opt-in: a function run before Mo_Initialize in every test (install the lab's own
   allocator for a domain with MoMem_SetAllocator). It returns 0, or -1 to fail the
   test ("the lab's before-init hook failed"). */
#define MG_LAB_BEFORE_INIT(fn)                                                \
    __attribute__((constructor)) static void mg_before_init_register_##fn(void) \
    {                                                                       \
        mg_add_lab_before_init(fn);                                         \
    }

/* ------------------------------------------------------------ measured figures */

/* A test that scores by a measured figure (bytes, allocations, instructions: never
   time) reports it once, before it returns; the driver scales the test's points by
   the figure against the budget tests/labs/LAB/grade.conf gives it (tools/grade/
   README.md). The figure is sent only when the test passes. */
void mg_report_figure(long long value);
/* What the allocation hook has seen since the test began (mem and object domains):
   calls to malloc/calloc/realloc, and the bytes they asked for. Deterministic for a
   given submission: the measure to budget. */
void mg_alloc_stats(long long *calls, long long *bytes);

/* ------------------------------------------------------------------ assertions */

/* Each helper builds its complaint (NULL when all is well) and the macro fails at the
   test's own line, so that the reason names the line of the test that failed. They fail
   with ck_abort_msg only when there is a complaint: a ck_assert that holds still sends
   Check a message, and a test that checks 10000 items would send megabytes. */
const char *mg_refcnt_problem(MoObject *o, Mo_ssize_t expected, const char *what_fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *mg_repr_problem(MoObject *o, const char *expected, const char *what);
const char *mg_exc_problem(MoObject *type, const char *msg, const char *what);
const char *mg_null_problem(MoObject *o, const char *what);
const char *mg_live_problem(Mo_ssize_t before, const char *what);

#define MG_ASSERT_OK_(problem)                                                \
    do {                                                                    \
        const char *mg_problem_ = (problem);                                \
        if (mg_problem_ != NULL)                                            \
            ck_abort_msg("%s", mg_problem_);                                \
    } while (0)

/* o's reference count is expected; the message names o with printf-like what_fmt. A
   freed object (the debug runtime marks its header) is reported as freed. */
#define mg_assert_refcnt(o, expected, ...) \
    MG_ASSERT_OK_(mg_refcnt_problem(_MoObject_CAST(o), (expected), __VA_ARGS__))
/* repr(o) is expected (what: how the test got o, for the message). */
#define mg_assert_repr(o, expected, what) MG_ASSERT_OK_(mg_repr_problem(_MoObject_CAST(o), (expected), (what)))
/* An exception of type is pending with str(exc) == msg (msg NULL: any); clears it.
   what names the call that should have raised it. */
#define mg_assert_exc(type, msg, what) MG_ASSERT_OK_(mg_exc_problem((type), (msg), (what)))
/* No exception is pending (what: the call just made). */
#define mg_assert_no_exc(what) MG_ASSERT_OK_(mg_exc_problem(NULL, NULL, (what)))
/* o is not NULL; otherwise the test fails naming the pending exception. Returns o. */
#define mg_ok(o, what) mg_ok_((o), (what), __FILE__, __LINE__)
MoObject *mg_ok_(MoObject *o, const char *what, const char *file, int line);
/* As many objects are alive as before (a count taken with mg_live()). */
#define mg_assert_no_new_objects(before, what) MG_ASSERT_OK_(mg_live_problem((before), (what)))

/* Objects alive right now (created and not yet freed). */
Mo_ssize_t mg_live(void);
/* The exception pending, as "Type: message", in a static buffer ("" if none). Does not
   clear it. */
const char *mg_exc_text(void);

/* ------------------------------------------------------ allocation failures */

/* From now on, let n more allocations (mem and object domains) succeed, then fail
   every one until mg_alloc_unlimited(): how the tests walk a function's error paths.
   The fixture lifts the limit after each test. */
void mg_alloc_limit(long n);
void mg_alloc_unlimited(void);
/* 1 if an allocation was refused since the last mg_alloc_limit(). */
int mg_alloc_failed(void);

#endif /* MO_GRADE_HARNESS_H */
