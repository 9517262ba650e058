/* Lab 05 grader, part C: the memo of calculators (labs/05-weakrefs/calc.h), handed out
 * with the leak of lru_cache on a method. */
#include "harness.h"
#include "calc.h"

MG_LAB_SETUP(Calc_Ready)

static MoObject *new_calc(long num)
{
    return mg_ok(Calc_New(num), "Calc_New");
}

static MoObject *power(MoObject *memo, MoObject *calc, long p)
{
    MoObject *r = Memo_Power(memo, calc, p);
    ck_assert_msg(r != NULL, "Memo_Power failed: %s", mg_exc_text());
    return r;
}

static long computations(MoObject *calc)
{
    return ((CalcObject *)calc)->computations;
}

MG_TEST(calc_power_memoized, 3, "Memo_Power computes num ** power once per calculator and power, then returns the same object")
{
    /* 300, not a small int: a reference leaked on it would be a leaked object. */
    MoObject *memo = mg_ok(Memo_New(), "Memo_New()"), *c = new_calc(300);
    MoObject *a = power(memo, c, 3), *b = power(memo, c, 3);
    ck_assert_msg(MoLong_AsLong(a) == 27000000, "300 ** 3 gave %ld", MoLong_AsLong(a));
    ck_assert_msg(a == b, "the second call returned another object");
    ck_assert_msg(computations(c) == 1, "%ld computations for one power, expected 1", computations(c));
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(c);
    Mo_DECREF(memo);
}

MG_TEST(calc_memo_does_not_keep_alive, 6, "a calculator dropped by its owner dies at once although the memo has its results")
{
    MoObject *memo = mg_ok(Memo_New(), "Memo_New()"), *c = new_calc(20);
    Mo_DECREF(power(memo, c, 3));
    Mo_DECREF(power(memo, c, 2));
    MoObject *probe = mg_ok(MoWeakref_NewRef(c, NULL), "weakref.ref(calc)");
    ck_assert_msg(Memo_Size(memo) == 1, "Memo_Size is %zd with one calculator, expected 1", Memo_Size(memo));
    Mo_DECREF(c);
    ck_assert_msg(MoWeakref_GetObject(probe) == Mo_None, "the calculator is still alive: the memo keeps it");
    ck_assert_msg(Memo_Size(memo) == 0, "Memo_Size is %zd after the calculator died, expected 0", Memo_Size(memo));
    Mo_DECREF(probe);
    Mo_DECREF(memo);
}

MG_TEST(calc_memo_per_instance, 3, "two calculators of the same number keep separate results")
{
    MoObject *memo = mg_ok(Memo_New(), "Memo_New()"), *c1 = new_calc(3), *c2 = new_calc(3);
    Mo_DECREF(power(memo, c1, 4));
    Mo_DECREF(power(memo, c2, 4));
    Mo_DECREF(power(memo, c1, 4));
    ck_assert_msg(computations(c1) == 1 && computations(c2) == 1, "computations %ld and %ld, expected 1 and 1",
                  computations(c1), computations(c2));
    ck_assert_msg(Memo_Size(memo) == 2, "Memo_Size is %zd, expected 2", Memo_Size(memo));
    Mo_DECREF(c1);
    Mo_DECREF(c2);
    Mo_DECREF(memo);
}

MG_TEST(calc_memo_frees_results, 3, "a dead calculator's results are released with it")
{
    MoObject *memo = mg_ok(Memo_New(), "Memo_New()"), *c = new_calc(20);
    MoObject *r = power(memo, c, 300);      /* a big int, and 300 is not a small int either */
    mg_assert_refcnt(r, 2, "the result (yours and the memo's)");
    Mo_DECREF(c);
    mg_assert_refcnt(r, 1, "the result once its calculator died (the memo must have let go)");
    Mo_DECREF(r);
    /* Memory running out at each allocation in turn: a result computed but not stored
       must be released too (the test's leak check finds it if it is not). */
    MoObject *c2 = new_calc(300);
    for (long n = 0; n < 200; n++) {
        mg_alloc_limit(n);
        MoObject *res = Memo_Power(memo, c2, 300);
        mg_alloc_unlimited();
        if (res != NULL) {
            Mo_DECREF(res);
            break;
        }
        ck_assert_msg(MoErr_ExceptionMatches(MoExc_MemoryError),
                      "Memo_Power with %ld allocations allowed failed with %s, expected MemoryError", n, mg_exc_text());
        MoErr_Clear();
    }
    Mo_DECREF(c2);
    Mo_DECREF(memo);
}
