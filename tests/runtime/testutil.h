/* Shared helpers for the runtime's Check suites (prefix mt_).
 *
 * Every test case uses mt_tcase(), whose fixture starts the runtime before each
 * test and, after it, finalizes it and fails the test if any object is still
 * alive: each test proves it leaks nothing.
 */
#ifndef MO_TESTUTIL_H
#define MO_TESTUTIL_H

#include <check.h>
#include <string.h>
#include "mo.h"

void mt_setup(void);
void mt_teardown(void);
/* A test case with the runtime fixture. */
TCase *mt_tcase(const char *name);

/* Assert repr(o) == expected (o borrowed). */
#define mt_assert_repr(o, expected) mt_assert_repr_at((o), (expected), __FILE__, __LINE__)
void mt_assert_repr_at(MoObject *o, const char *expected, const char *file, int line);
/* Assert str(o) == expected (o borrowed). */
#define mt_assert_str(o, expected) mt_assert_str_at((o), (expected), __FILE__, __LINE__)
void mt_assert_str_at(MoObject *o, const char *expected, const char *file, int line);
/* Assert an exception of type is pending with str(exc) == msg (NULL: any
   message); clears it. */
#define mt_assert_exc(type, msg) mt_assert_exc_at((type), (msg), __FILE__, __LINE__)
void mt_assert_exc_at(MoObject *type, const char *msg, const char *file, int line);
/* Assert no exception is pending. */
#define mt_assert_no_exc() ck_assert_msg(MoErr_Occurred() == NULL, "unexpected exception pending")
/* Steal o and check it is not NULL (fails the test printing the exception). */
#define mt_ok(o) mt_ok_at((o), __FILE__, __LINE__)
MoObject *mt_ok_at(MoObject *o, const char *file, int line);
/* The repr of o as a C string in a static buffer (o borrowed). */
const char *mt_repr(MoObject *o);
/* A key type whose == runs code (for dict and set lookups): it hashes to 1, and
   its comparison empties mt_evil_target (a dict or a set) or, when mt_evil_raises
   is set, raises ValueError("boom"). Instances: MoObject_New(MoObject, &mt_evil_type)
   after MoType_Ready(&mt_evil_type). */
extern MoTypeObject mt_evil_type;
extern MoObject *mt_evil_target;
extern int mt_evil_raises;
/* 1 when the tests run under valgrind (loops may be shortened). */
int mt_under_valgrind(void);

/* Out of memory on purpose: mt_oom_start(budget) wraps the MEM and OBJ domains'
   allocators so that, after `budget` more allocations have succeeded, every
   allocation fails (frees still work); mt_oom_stop() puts the real ones back.
   Walk a function's failure paths with budget = 0, 1, 2, ... until it succeeds. */
void mt_oom_start(long budget);
void mt_oom_stop(void);

#endif
