/* The runtime's test runner: one suite per area, each from its own file. */
#include <stdlib.h>
#include "testutil.h"

#define SUITES(X) \
    X(object) X(refcount) X(errors) X(lifecycle) X(sys) X(abstract) X(cfunction) X(long) \
    X(float) X(unicode) X(bytes) X(tuple) X(list) X(range) X(dict) X(set) X(gc) \
    X(gc_property) X(class) X(tracemalloc) X(weakref) X(weakcontainers) X(functools) \
    X(complex) X(obmalloc) X(debughooks) X(getargs) X(module) X(extension) \
    X(mem_allocators) X(mem_walk) X(constfold) X(structmember) \
    X(frames)

#define DECLARE(name) Suite *name##_suite(void);
SUITES(DECLARE)

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define ADD(name) srunner_add_suite(sr, name##_suite());
    SUITES(ADD)
    if (getenv("MO_TAP") != NULL)
        srunner_set_tap(sr, getenv("MO_TAP"));
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
