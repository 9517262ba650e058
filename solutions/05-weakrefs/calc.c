/* Lab 05, part C: calculators and their memo (see calc.h).
 *
 * The memo is a WeakKeyDictionary: calc -> {power: result}. It holds each calculator
 * weakly, so a calculator dies when its last strong reference goes, and its entry,
 * with the results dict, goes with it (the dictionary's callback removes it). That is
 * the "weak-keyed cache" fix of chapter 05; the version handed out keyed a plain dict
 * by (calc, power), as lru_cache on a method does.
 */
#include "calc.h"

MoObject *Calc_New(long num)
{
    CalcObject *c = MoObject_New(CalcObject, &Calc_Type);
    if (c == NULL)
        return NULL;
    c->num = num;
    c->computations = 0;
    c->weakreflist = NULL;
    return (MoObject *)c;
}

static void calc_dealloc(MoObject *self)
{
    if (((CalcObject *)self)->weakreflist != NULL)
        MoObject_ClearWeakRefs(self);
    Mo_TYPE(self)->tp_free(self);
}

MoTypeObject Calc_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "lab05.Calc",
    .tp_basicsize = sizeof(CalcObject),
    .tp_dealloc = calc_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
    .tp_weaklistoffset = offsetof(CalcObject, weakreflist),
};

int Calc_Ready(void)
{
    return MoType_Ready(&Calc_Type);
}

/* new: calc's num ** power, counted as one computation. */
static MoObject *calc_compute(MoObject *calc, long power)
{
    CalcObject *c = (CalcObject *)calc;
    c->computations++;
    MoObject *base = MoLong_FromLong(c->num), *exp = MoLong_FromLong(power);
    MoObject *res = base != NULL && exp != NULL ? MoNumber_Power(base, exp) : NULL;
    Mo_XDECREF(base);
    Mo_XDECREF(exp);
    return res;
}

/* region memo */
MoObject *Memo_New(void)
{
    /* BEGIN SOLUTION */
    /* STUB: return MoDict_New(); */
    return MoWeakKeyDict_New();
    /* END SOLUTION */
}

MoObject *Memo_Power(MoObject *memo, MoObject *calc, long power)
{
    /* BEGIN SOLUTION */
    /* STUB: MoObject *key = Mo_BuildValue("(Ol)", calc, power);   // (self, power), as lru_cache */
    /* STUB: if (key == NULL) */
    /* STUB:     return NULL; */
    /* STUB: MoObject *res = MoDict_GetItemWithError(memo, key); */
    /* STUB: if (res != NULL || MoErr_Occurred()) { */
    /* STUB:     Mo_DECREF(key); */
    /* STUB:     return Mo_XNewRef(res); */
    /* STUB: } */
    /* STUB: res = calc_compute(calc, power); */
    /* STUB: if (res != NULL && MoDict_SetItem(memo, key, res) < 0) */
    /* STUB:     Mo_CLEAR(res); */
    /* STUB: Mo_DECREF(key); */
    /* STUB: return res; */
    MoObject *fresh = MoDict_New();
    if (fresh == NULL)
        return NULL;
    MoObject *results = MoObject_CallMethod(memo, "setdefault", "OO", calc, fresh);
    Mo_DECREF(fresh);
    if (results == NULL)
        return NULL;
    MoObject *key = MoLong_FromLong(power);
    MoObject *res = key != NULL ? MoDict_GetItemWithError(results, key) : NULL;
    if (res != NULL || key == NULL || MoErr_Occurred()) {
        Mo_XINCREF(res);
    } else if ((res = calc_compute(calc, power)) != NULL && MoDict_SetItem(results, key, res) < 0) {
        Mo_CLEAR(res);
    }
    Mo_XDECREF(key);
    Mo_DECREF(results);
    return res;
    /* END SOLUTION */
}

Mo_ssize_t Memo_Size(MoObject *memo)
{
    /* BEGIN SOLUTION */
    /* STUB: // the number of distinct calculators among the (calc, power) keys */
    /* STUB: MoObject *seen = MoSet_New(NULL); */
    /* STUB: if (seen == NULL) */
    /* STUB:     return -1; */
    /* STUB: Mo_ssize_t pos = 0; */
    /* STUB: MoObject *key, *value; */
    /* STUB: while (MoDict_Next(memo, &pos, &key, &value)) */
    /* STUB:     MoSet_Add(seen, MoTuple_GET_ITEM(key, 0)); */
    /* STUB: Mo_ssize_t n = MoSet_Size(seen); */
    /* STUB: Mo_DECREF(seen); */
    /* STUB: return n; */
    return MoObject_Length(memo);
    /* END SOLUTION */
}
/* endregion memo */
