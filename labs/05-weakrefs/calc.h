/* Lab 05, part C: memoized calculators, and the lru_cache-on-a-method leak.
 *
 * A Calc computes powers of its number, slowly; a Memo remembers the results so that
 * each (calculator, power) is computed once. The Memo handed out keys its results by
 * (calc, power), as functools.lru_cache on a method keys them by (self, power): the
 * memo then holds every calculator it has seen, and a calculator dropped by everyone
 * else stays alive as long as the memo. Fix the memo so that it keeps a calculator's
 * results exactly as long as the calculator lives, and not one calculator longer.
 */
#ifndef LAB05_CALC_H
#define LAB05_CALC_H

#include "mo.h"

typedef struct {
    MoObject_HEAD
    long num;
    long computations;       /* how many powers this calculator has computed */
    MoObject *weakreflist;
} CalcObject;

/* The type: "lab05.Calc". */
extern MoTypeObject Calc_Type;

/* Ready Calc_Type: call it after Mo_Initialize. 0, or -1 with an exception set. */
int Calc_Ready(void);

/* new: a calculator of num. NULL with MemoryError. */
MoObject *Calc_New(long num);

/* new: an empty memo. NULL with MemoryError. */
MoObject *Memo_New(void);

/* new: calc's num ** power, computed (calc->computations + 1) only the first time this
   memo is asked for that calculator and power; later calls return the same object.
   NULL with an exception. */
MoObject *Memo_Power(MoObject *memo, MoObject *calc, long power);

/* How many calculators the memo holds results for. -1 with an exception. */
Mo_ssize_t Memo_Size(MoObject *memo);

#endif /* LAB05_CALC_H */
