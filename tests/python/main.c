/* The runner of mo-python's module suites: builtins, itertools, ctypes, each
 * called through the import table as the interpreter calls them. */
#include <stdlib.h>
#include "pyutil.h"

#define SUITES(X) X(builtins) X(itertools) X(ctypes)

#define DECLARE(name) Suite *name##_suite(void);
SUITES(DECLARE)

int main(void)
{
    pu_register_modules();
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
