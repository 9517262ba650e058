/* Per-unit constant merging. The runtime has no compiler, so this program plays
 * one: a "unit" is a constant cache (MoCompile_ConstCacheNew), each literal the
 * parser would make is a fresh object, and MoCompile_AddConst puts it in a code
 * object's constants, merged with any equal constant of the same type the unit
 * already holds. The C twin of 02-constants.py.
 */
#include <stdio.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* The code object being compiled: its unit's cache and its co_consts (a list). */
typedef struct {
    MoObject *unit, *consts;
} code;

static code code_new(MoObject *unit)
{
    code c = { Mo_NewRef(unit), MoList_New(0) };
    return c;
}

static void code_free(code *c)
{
    Mo_DECREF(c->consts);
    Mo_DECREF(c->unit);
}

/* new: what LOAD_CONST of the literal gives at run time; steals literal. */
static MoObject *load_const(code *c, MoObject *literal)
{
    Mo_ssize_t i = MoCompile_AddConst(c->unit, c->consts, literal);
    Mo_DECREF(literal);
    return Mo_NewRef(MoList_GetItem(c->consts, i));
}

/* new: a literal as the parser makes it: a fresh object each time. */
static MoObject *int_lit(long v)
{
    return MoLong_FromLong(v);
}
static MoObject *float_lit(double v)
{
    return MoFloat_FromDouble(v);
}
static MoObject *tuple_lit(long a, long b)
{
    return Mo_BuildValue("(ll)", a, b);
}

/* a is b for two new references (released here). */
static int is_and_release(MoObject *a, MoObject *b)
{
    int same = Mo_Is(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return same;
}

/* `NAME = value` then `NAME = value` as two exec() calls: two units. */
static int two_units(MoObject *(*make)(void))
{
    MoObject *u1 = MoCompile_ConstCacheNew(), *u2 = MoCompile_ConstCacheNew();
    code c1 = code_new(u1), c2 = code_new(u2);
    int same = is_and_release(load_const(&c1, make()), load_const(&c2, make()));
    code_free(&c1);
    code_free(&c2);
    Mo_DECREF(u1);
    Mo_DECREF(u2);
    return same;
}
static MoObject *make_257(void)
{
    return int_lit(257);
}
static MoObject *make_256(void)
{
    return int_lit(256);
}
static MoObject *make_pair(void)
{
    return tuple_lit(1, 2);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *module = MoCompile_ConstCacheNew(); /* this file is one unit */
    code top = code_new(module);
    MoObject *a = load_const(&top, int_lit(257)),
             *b = load_const(&top, int_lit(257));
    printf("one unit: a = 257; b = 257; a is b: %s\n", yes(Mo_Is(a, b)));
    code f = code_new(module), g = code_new(module); /* def f and def g */
    MoObject *rf = load_const(&f, int_lit(257)), *rg = load_const(&g, int_lit(257));
    printf("one unit: f() is g(): %s  f() is a: %s\n", yes(Mo_Is(rf, rg)),
           yes(Mo_Is(rf, a)));
    MoObject *x = load_const(&top, float_lit(1.5)),
             *y = load_const(&top, float_lit(1.5));
    MoObject *t1 = load_const(&top, Mo_BuildValue("(lll)", 1L, 2L, 3L));
    MoObject *t2 = load_const(&top, Mo_BuildValue("(lll)", 1L, 2L, 3L));
    printf("one unit: 1.5 is 1.5: %s  (1, 2, 3) is (1, 2, 3): %s\n",
           yes(Mo_Is(x, y)), yes(Mo_Is(t1, t2)));
    printf("two units: a = 257 | b = 257; a is b: %s\n", yes(two_units(make_257)));
    printf("two units: a = 256 | b = 256; a is b: %s\n", yes(two_units(make_256)));
    printf("two units: (1, 2) is (1, 2): %s\n", yes(two_units(make_pair)));
    MoObject *one = load_const(&top, int_lit(1)),
             *one_f = load_const(&top, float_lit(1.0));
    MoObject *tru = load_const(&top, MoBool_FromLong(1));
    printf("1 == 1.0 == True: %s  1 is 1.0: %s  1 is True: %s\n",
           yes(MoObject_RichCompareBool(one, one_f, MO_EQ) &&
               MoObject_RichCompareBool(one_f, tru, MO_EQ)),
           yes(Mo_Is(one, one_f)), yes(Mo_Is(one, tru)));

    MoObject *unit = MoCompile_ConstCacheNew(); /* compile("a = 257\n...") */
    code c = code_new(unit);
    /* the literals in order; None last: the value the module's code returns */
    MoObject *lits[] = { int_lit(257), int_lit(257), float_lit(1.0), int_lit(1),
                         MoBool_FromLong(1), tuple_lit(1, 2), Mo_NewRef(Mo_None) };
    for (int i = 0; i < 7; i++)
        Mo_DECREF(load_const(&c, lits[i]));
    MoObject *co_consts = MoList_AsTuple(c.consts);
    MoObject *r = MoObject_Repr(co_consts);
    printf("co_consts: %s\n", MoUnicode_AsUTF8(r));
    MoObject *all[] = { r, co_consts, a, b, rf, rg, x, y, t1, t2, one, one_f, tru,
                        unit };
    for (int i = 0; i < 14; i++)
        Mo_DECREF(all[i]);
    code_free(&c);
    code_free(&f);
    code_free(&g);
    code_free(&top);
    Mo_DECREF(module);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
