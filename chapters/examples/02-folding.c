/* Constant folding with 3.11's rules and limits, and the co_consts each expression
 * leaves. The C twin of 02-folding.py: where CPython's compiler parses the source,
 * this program hands the runtime's folder (lib/src/constfold.c) the same constants,
 * bottom up, and puts in a fresh unit's co_consts the folded constant, or the
 * operands when the folder leaves the operation for run time.
 */
#include <stdio.h>
#include "mo.h"

/* new: literals, as the parser makes them. */
static MoObject *I(long v)
{
    return MoLong_FromLong(v);
}
static MoObject *S(const char *s)
{
    return MoUnicode_FromConstant(s);
}
static MoObject *B(const char *s)
{
    return MoBytes_FromString(s);
}
static MoObject *T123(void)
{
    return Mo_BuildValue("(lll)", 1L, 2L, 3L);
}
static MoObject *T12(void)
{
    return Mo_BuildValue("(ll)", 1L, 2L);
}
static MoObject *T1(void)
{
    return Mo_BuildValue("(l)", 1L);
}
static MoObject *T5(void)
{
    return Mo_BuildValue("((lllll))", 1L, 2L, 3L, 4L, 5L);
}

/* Put o (stolen; NULL skipped) in co_consts through the unit's cache. */
static void add_const(MoObject *unit, MoObject *consts, MoObject *o)
{
    if (o == NULL)
        return;
    MoCompile_AddConst(unit, consts, o);
    Mo_DECREF(o);
}

/* How the twin shows co_consts: a long str, bytes or tuple by its length. */
static void print_consts(MoObject *co_consts)
{
    MoObject *only =
        MoTuple_Size(co_consts) == 1 ? MoTuple_GetItem(co_consts, 0) : NULL;
    if (only != NULL &&
        (MoUnicode_Check(only) || MoBytes_Check(only) || MoTuple_Check(only)) &&
        MoObject_Length(only) > 20) {
        printf("one %s of length %zd\n", Mo_TYPE(only)->tp_name,
               MoObject_Length(only));
        return;
    }
    MoObject *r = MoObject_Repr(co_consts);
    printf("%s\n", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* One line: the source, whether it folded, and co_consts. Steals folded (or NULL:
   not folded) and the operands a and b (NULL when absent), which the code keeps
   only when the operation was not folded. */
static void show(const char *src, MoObject *folded, MoObject *a, MoObject *b)
{
    MoObject *unit = MoCompile_ConstCacheNew(), *consts = MoList_New(0);
    printf("%-26s %-10s  ", src, folded != NULL ? "folded" : "not folded");
    if (folded != NULL) {
        add_const(unit, consts, folded);
        Mo_XDECREF(a);
        Mo_XDECREF(b);
    } else {
        add_const(unit, consts, a);
        add_const(unit, consts, b);
    }
    MoObject *co_consts = MoList_AsTuple(consts);
    print_consts(co_consts);
    Mo_DECREF(co_consts);
    Mo_DECREF(consts);
    Mo_DECREF(unit);
}

/* src is `a OP b`: steals a and b. */
static void binop(const char *src, MoAST_BinOp op, MoObject *a, MoObject *b)
{
    show(src, MoAST_FoldBinOp(op, a, b), a, b);
}

/* new: what a constant subexpression such as 2 ** 64 folds to (steals a and b). */
static MoObject *folded(MoAST_BinOp op, MoObject *a, MoObject *b)
{
    MoObject *r = MoAST_FoldBinOp(op, a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return r;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    binop("24 * 60", MO_AST_MULT, I(24), I(60));
    binop("(1, 2) * 5", MO_AST_MULT, T12(), I(5));
    binop("\"xyz\" * 4", MO_AST_MULT, S("xyz"), I(4));
    MoObject *five = I(5), *yes = Mo_NewRef(Mo_True), *ab = S("ab"), *zero = I(0),
             *t = T123();
    show("-5", MoAST_FoldUnaryOp(MO_AST_USUB, five), five, NULL);
    binop("2 ** 10", MO_AST_POW, I(2), I(10));
    binop("1 + 2 * 3", MO_AST_ADD, I(1), folded(MO_AST_MULT, I(2), I(3)));
    binop("'a' + 'b'", MO_AST_ADD, S("a"), S("b"));
    show("not True", MoAST_FoldUnaryOp(MO_AST_NOT, yes), yes, NULL);
    binop("(1, 2) + (3,)", MO_AST_ADD, T12(), Mo_BuildValue("(l)", 3L));
    show("'ab'[0]", MoAST_FoldSubscript(ab, zero), ab, zero);
    MoObject *one = I(1);
    show("(1, 2, 3)[1]", MoAST_FoldSubscript(t, one), Mo_NewRef(t), one);
    show("[1, 2, 3]", MoCompile_DisplayConstant(t, 0), NULL, NULL);
    show("x in [1, 2, 3]", MoAST_FoldIter(t, 0), NULL, NULL);
    show("x in {1, 2, 3}", MoAST_FoldIter(t, 1), NULL, NULL);
    Mo_DECREF(t);
    binop("1 / 0", MO_AST_DIV, I(1), I(0));
    binop("'%s' % 'a'", MO_AST_MOD, S("%s"), S("a"));
    binop("b'ab' * 3", MO_AST_MULT, B("ab"), I(3));
    printf("limits:\n");
    binop("'a' * 4096", MO_AST_MULT, S("a"), I(4096));
    binop("'a' * 4097", MO_AST_MULT, S("a"), I(4097));
    binop("'ab' * 2048", MO_AST_MULT, S("ab"), I(2048));
    binop("'ab' * 2049", MO_AST_MULT, S("ab"), I(2049));
    binop("b'a' * 4096", MO_AST_MULT, B("a"), I(4096));
    binop("b'a' * 4097", MO_AST_MULT, B("a"), I(4097));
    binop("(1,) * 256", MO_AST_MULT, T1(), I(256));
    binop("(1,) * 257", MO_AST_MULT, T1(), I(257));
    binop("(1, 2) * 128", MO_AST_MULT, T12(), I(128));
    binop("(1, 2) * 129", MO_AST_MULT, T12(), I(129));
    binop("((1, 2, 3, 4, 5),) * 170", MO_AST_MULT, T5(), I(170));
    binop("((1, 2, 3, 4, 5),) * 171", MO_AST_MULT, T5(), I(171));
    binop("((1, 2, 3, 4, 5),) * 200", MO_AST_MULT, T5(), I(200));
    binop("2 ** 64", MO_AST_POW, I(2), I(64));
    binop("2 ** 64 * 2 ** 63", MO_AST_MULT, folded(MO_AST_POW, I(2), I(64)),
          folded(MO_AST_POW, I(2), I(63)));
    binop("2 ** 64 * 2 ** 64", MO_AST_MULT, folded(MO_AST_POW, I(2), I(64)),
          folded(MO_AST_POW, I(2), I(64)));
    binop("3 ** 40", MO_AST_POW, I(3), I(40));
    binop("3 ** 41", MO_AST_POW, I(3), I(41));
    binop("2 ** 65", MO_AST_POW, I(2), I(65));
    binop("2 ** 128", MO_AST_POW, I(2), I(128));
    binop("2 ** 129", MO_AST_POW, I(2), I(129));
    binop("1 << 127", MO_AST_LSHIFT, I(1), I(127));
    binop("1 << 128", MO_AST_LSHIFT, I(1), I(128));
    binop("'a' * -1", MO_AST_MULT, S("a"), I(-1));

    /* def a_func(): three assignments of folded constants; None comes first (no
       docstring), as 3.11's compiler puts it */
    MoObject *unit = MoCompile_ConstCacheNew(), *consts = MoList_New(0);
    add_const(unit, consts, Mo_NewRef(Mo_None));
    add_const(unit, consts, folded(MO_AST_MULT, I(24), I(60)));
    add_const(unit, consts, folded(MO_AST_MULT, T12(), I(5)));
    add_const(unit, consts, folded(MO_AST_MULT, S("xyz"), I(4)));
    MoObject *co_consts = MoList_AsTuple(consts), *r = MoObject_Repr(co_consts);
    printf("a_func.__code__.co_consts: %s\n", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
    Mo_DECREF(co_consts);
    Mo_DECREF(consts);
    Mo_DECREF(unit);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
