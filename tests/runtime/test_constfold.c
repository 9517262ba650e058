/* constfold: 3.11's constant folding rules and limits (facts §2, both folding
 * tables) and the per-unit merging of constants. Every expected co_consts below was
 * printed by CPython 3.11: compile(SRC, '', 'eval').co_consts.
 *
 * The tests play the compiler: they fold an operation of constant operands and put
 * in a fresh unit's co_consts either the folded constant or, when it does not fold,
 * its two operands, as 3.11's code generator does.
 */
#include <ctype.h>
#include <stdlib.h>
#include "testutil.h"

/* ------------------------------------------------------------------ literals */

static MoObject *ct_parse(const char **p);

/* new: the literal items up to ')' as a tuple. */
static MoObject *ct_parse_tuple(const char **p)
{
    MoObject *items = MoList_New(0);
    (*p)++;   /* '(' */
    while (**p != ')') {
        MoObject *item = ct_parse(p);
        MoList_Append(items, item);
        Mo_DECREF(item);
        while (**p == ',' || **p == ' ')
            (*p)++;
    }
    (*p)++;
    MoObject *t = MoList_AsTuple(items);
    Mo_DECREF(items);
    return t;
}

/* new: a str or bytes literal without escapes. */
static MoObject *ct_parse_text(const char **p, int is_bytes)
{
    const char *start = *p + 1, *end = strchr(start, '\'');
    *p = end + 1;
    return is_bytes ? MoBytes_FromStringAndSize(start, end - start) : MoUnicode_FromStringAndSize(start, end - start);
}

/* new: the Python literal at *p (int, float, 'str', b'bytes', tuple, True, False,
   None), advancing *p past it. Made at run time, so two parses give two objects. */
static MoObject *ct_parse(const char **p)
{
    if (**p == '(')
        return ct_parse_tuple(p);
    if (**p == '\'')
        return ct_parse_text(p, 0);
    if (**p == 'b')
        return (*p)++, ct_parse_text(p, 1);
    if (strncmp(*p, "True", 4) == 0 || strncmp(*p, "False", 5) == 0) {
        int t = **p == 'T';
        *p += t ? 4 : 5;
        return MoBool_FromLong(t);
    }
    if (strncmp(*p, "None", 4) == 0) {
        *p += 4;
        Mo_RETURN_NONE;
    }
    char buf[64];
    size_t n = 0;
    while (n < sizeof buf - 1 && ((*p)[n] == '-' || (*p)[n] == '.' || isdigit((unsigned char)(*p)[n])))
        n++;
    memcpy(buf, *p, n);
    buf[n] = '\0';
    *p += n;
    return strchr(buf, '.') ? MoFloat_FromDouble(strtod(buf, NULL)) : MoLong_FromString(buf);
}

static MoObject *ct_lit(const char *text)
{
    return mt_ok(ct_parse(&text));
}

/* new: co_consts of `lhs OP rhs` compiled alone. */
static MoObject *ct_binop_consts(MoAST_BinOp op, MoObject *lhs, MoObject *rhs)
{
    MoObject *cache = mt_ok(MoCompile_ConstCacheNew()), *consts = mt_ok(MoList_New(0));
    MoObject *folded = MoAST_FoldBinOp(op, lhs, rhs);
    mt_assert_no_exc();
    if (folded != NULL) {
        MoCompile_AddConst(cache, consts, folded);
        Mo_DECREF(folded);
    }
    else {
        MoCompile_AddConst(cache, consts, lhs);
        MoCompile_AddConst(cache, consts, rhs);
    }
    MoObject *t = mt_ok(MoList_AsTuple(consts));
    Mo_DECREF(consts);
    Mo_DECREF(cache);
    return t;
}

static const struct {
    const char *src, *lhs;
    MoAST_BinOp op;
    const char *rhs, *co_consts;
} binop_cases[] = {
    /* the first folding table */
    { "24 * 60", "24", MO_AST_MULT, "60", "(1440,)" },
    { "(1, 2) * 5", "(1, 2)", MO_AST_MULT, "5", "((1, 2, 1, 2, 1, 2, 1, 2, 1, 2),)" },
    { "\"xyz\" * 4", "'xyz'", MO_AST_MULT, "4", "('xyzxyzxyzxyz',)" },
    { "2 ** 10", "2", MO_AST_POW, "10", "(1024,)" },
    { "'a' + 'b'", "'a'", MO_AST_ADD, "'b'", "('ab',)" },
    { "(1, 2) + (3,)", "(1, 2)", MO_AST_ADD, "(3,)", "((1, 2, 3),)" },
    { "1 / 0", "1", MO_AST_DIV, "0", "(1, 0)" },
    { "'%s' % 'a'", "'%s'", MO_AST_MOD, "'a'", "('%s', 'a')" },
    { "b'ab' * 3", "b'ab'", MO_AST_MULT, "3", "(b'ababab',)" },
    /* the limits table */
    { "'a' * -1", "'a'", MO_AST_MULT, "-1", "('a', -1)" },
    { "(1,) * 256", "(1,)", MO_AST_MULT, "256", NULL },
    { "(1,) * 257", "(1,)", MO_AST_MULT, "257", "((1,), 257)" },
    { "(1, 2) * 128", "(1, 2)", MO_AST_MULT, "128", NULL },
    { "(1, 2) * 129", "(1, 2)", MO_AST_MULT, "129", "((1, 2), 129)" },
    { "((1,2,3,4,5),) * 170", "((1, 2, 3, 4, 5),)", MO_AST_MULT, "170", NULL },
    { "((1,2,3,4,5),) * 171", "((1, 2, 3, 4, 5),)", MO_AST_MULT, "171", "(((1, 2, 3, 4, 5),), 171)" },
    { "((1,2,3,4,5),) * 200", "((1, 2, 3, 4, 5),)", MO_AST_MULT, "200", "(((1, 2, 3, 4, 5),), 200)" },
    { "2**64 * 2**63", "18446744073709551616", MO_AST_MULT, "9223372036854775808",
      "(18446744073709551616, 9223372036854775808)" },
    { "2**64 * 2**64", "18446744073709551616", MO_AST_MULT, "18446744073709551616", "(18446744073709551616,)" },
    { "2 ** 64", "2", MO_AST_POW, "64", "(18446744073709551616,)" },
    { "3 ** 40", "3", MO_AST_POW, "40", "(12157665459056928801,)" },
    { "3 ** 41", "3", MO_AST_POW, "41", "(36472996377170786403,)" },
    { "2 ** 65", "2", MO_AST_POW, "65", "(2, 65)" },
    { "2 ** 128", "2", MO_AST_POW, "128", "(2, 128)" },
    { "2 ** 129", "2", MO_AST_POW, "129", "(2, 129)" },
    { "2 ** 1000", "2", MO_AST_POW, "1000", "(2, 1000)" },
    { "0 ** 1000", "0", MO_AST_POW, "1000", "(0,)" },
    { "1 << 127", "1", MO_AST_LSHIFT, "127", "(170141183460469231731687303715884105728,)" },
    { "1 << 128", "1", MO_AST_LSHIFT, "128", "(1, 128)" },
    { "1 << -1", "1", MO_AST_LSHIFT, "-1", "(1, -1)" },
    /* the rest of the operators */
    { "1 >> 1", "1", MO_AST_RSHIFT, "1", "(0,)" },
    { "7 // 2", "7", MO_AST_FLOORDIV, "2", "(3,)" },
    { "7 % 2", "7", MO_AST_MOD, "2", "(1,)" },
    { "1.5 * 2", "1.5", MO_AST_MULT, "2", "(3.0,)" },
    { "(1, 2) * 0", "(1, 2)", MO_AST_MULT, "0", "((),)" },
    { "1 - 1.0", "1", MO_AST_SUB, "1.0", "(0.0,)" },
};

START_TEST(test_constfold_binop_table)
{
    for (size_t i = 0; i < sizeof binop_cases / sizeof binop_cases[0]; i++) {
        MoObject *l = ct_lit(binop_cases[i].lhs), *r = ct_lit(binop_cases[i].rhs);
        MoObject *consts = ct_binop_consts(binop_cases[i].op, l, r);
        if (binop_cases[i].co_consts == NULL) {   /* a long result: folded is enough */
            if (MoTuple_GET_SIZE(consts) != 1)
                ck_abort_msg("%s: co_consts %s, expected one folded constant", binop_cases[i].src, mt_repr(consts));
        }
        else if (strcmp(mt_repr(consts), binop_cases[i].co_consts) != 0)
            ck_abort_msg("%s: co_consts %s, expected %s", binop_cases[i].src, mt_repr(consts), binop_cases[i].co_consts);
        Mo_DECREF(consts);
        Mo_DECREF(l);
        Mo_DECREF(r);
    }
}
END_TEST

/* The str and bytes limit, at 4096 and one past it. */
START_TEST(test_constfold_str_limit)
{
    static const struct { const char *unit; int bytes; long n; int folds; } cases[] = {
        { "a", 0, 4096, 1 }, { "ab", 0, 2048, 1 }, { "a", 1, 4096, 1 },
        { "a", 0, 4097, 0 }, { "ab", 0, 2049, 0 }, { "a", 1, 4097, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *s = cases[i].bytes ? MoBytes_FromString(cases[i].unit) : MoUnicode_FromString(cases[i].unit);
        MoObject *n = MoLong_FromLong(cases[i].n);
        MoObject *folded = MoAST_FoldBinOp(MO_AST_MULT, s, n);
        mt_assert_no_exc();
        if ((folded != NULL) != cases[i].folds)
            ck_abort_msg("%s'%s' * %ld: folded %d, expected %d", cases[i].bytes ? "b" : "", cases[i].unit,
                         cases[i].n, folded != NULL, cases[i].folds);
        if (folded != NULL)
            ck_assert_int_eq(MoObject_Length(folded), 4096);
        Mo_XDECREF(folded);
        /* int * sequence is checked the same way */
        folded = MoAST_FoldBinOp(MO_AST_MULT, n, s);
        ck_assert_int_eq(folded != NULL, cases[i].folds);
        Mo_XDECREF(folded);
        Mo_DECREF(n);
        Mo_DECREF(s);
    }
}
END_TEST

START_TEST(test_constfold_unary_subscript_iter)
{
    MoObject *five = ct_lit("5"), *t = ct_lit("True"), *s = ct_lit("'ab'"), *zero = ct_lit("0");
    MoObject *v = mt_ok(MoAST_FoldUnaryOp(MO_AST_USUB, five));
    mt_assert_repr(v, "-5");
    Mo_DECREF(v);
    v = mt_ok(MoAST_FoldUnaryOp(MO_AST_INVERT, five));
    mt_assert_repr(v, "-6");
    Mo_DECREF(v);
    v = mt_ok(MoAST_FoldUnaryOp(MO_AST_NOT, t));
    ck_assert_ptr_eq(v, Mo_False);
    Mo_DECREF(v);
    ck_assert_ptr_null(MoAST_FoldUnaryOp(MO_AST_USUB, s));   /* -'ab' raises: not folded */
    mt_assert_no_exc();
    v = mt_ok(MoAST_FoldSubscript(s, zero));
    mt_assert_repr(v, "'a'");
    Mo_DECREF(v);
    MoObject *one_two_three = ct_lit("(1, 2, 3)");
    v = mt_ok(MoAST_FoldIter(one_two_three, 0));
    mt_assert_repr(v, "(1, 2, 3)");
    Mo_DECREF(v);
    v = mt_ok(MoAST_FoldIter(one_two_three, 1));
    mt_assert_repr(v, "frozenset({1, 2, 3})");
    Mo_DECREF(v);
    v = mt_ok(MoCompile_DisplayConstant(one_two_three, 0));   /* [1, 2, 3] */
    mt_assert_repr(v, "(1, 2, 3)");
    Mo_DECREF(v);
    MoObject *pair = ct_lit("(1, 2)");
    ck_assert_ptr_null(MoCompile_DisplayConstant(pair, 0));   /* [1, 2]: (1, 2) as two constants */
    Mo_DECREF(pair);
    Mo_DECREF(one_two_three);
    Mo_DECREF(five);
    Mo_DECREF(t);
    Mo_DECREF(s);
    Mo_DECREF(zero);
}
END_TEST

/* -------------------------------------------------------------------- merging */

START_TEST(test_constfold_constant_key)
{
    static const struct { const char *lit, *key; } cases[] = {
        { "257", "257" }, { "'hello world'", "'hello world'" }, { "None", "None" },
        { "True", "(<class 'bool'>, True)" }, { "1.5", "(<class 'float'>, 1.5)" },
        { "b'ab'", "(<class 'bytes'>, b'ab')" }, { "(1, 2.0)", "((1, (<class 'float'>, 2.0)), (1, 2.0))" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *o = ct_lit(cases[i].lit), *k = mt_ok(MoCode_ConstantKey(o));
        if (strcmp(mt_repr(k), cases[i].key) != 0)
            ck_abort_msg("_PyCode_ConstantKey(%s) = %s, expected %s", cases[i].lit, mt_repr(k), cases[i].key);
        Mo_DECREF(k);
        Mo_DECREF(o);
    }
    MoObject *nz = MoFloat_FromDouble(-0.0), *k = mt_ok(MoCode_ConstantKey(nz));
    mt_assert_repr(k, "(<class 'float'>, -0.0, None)");
    Mo_DECREF(k);
    Mo_DECREF(nz);
}
END_TEST

/* a = 257; b = 257: one unit gives one object, two units two. */
START_TEST(test_constfold_merge_per_unit)
{
    MoObject *a = ct_lit("257"), *b = ct_lit("257");
    ck_assert_ptr_ne(a, b);
    MoObject *unit = mt_ok(MoCompile_ConstCacheNew()), *other = mt_ok(MoCompile_ConstCacheNew());
    MoObject *ma = mt_ok(MoCompile_MergeConst(unit, a)), *mb = mt_ok(MoCompile_MergeConst(unit, b));
    ck_assert_ptr_eq(ma, a);
    ck_assert_ptr_eq(mb, a);   /* merged: b's constant is a's object */
    MoObject *mo = mt_ok(MoCompile_MergeConst(other, b));
    ck_assert_ptr_eq(mo, b);   /* another unit keeps its own */
    ck_assert_int_eq(Mo_REFCNT(b), 4);   /* b, mo, and the cache's key and value */
    Mo_DECREF(ma);
    Mo_DECREF(mb);
    Mo_DECREF(mo);
    Mo_DECREF(other);
    Mo_DECREF(unit);
    ck_assert_int_eq(Mo_REFCNT(a), 1);
    Mo_DECREF(a);
    Mo_DECREF(b);
}
END_TEST

/* 1, 1.0 and True are equal but never merged; a tuple's items are merged. */
START_TEST(test_constfold_merge_keeps_types_apart)
{
    MoObject *unit = mt_ok(MoCompile_ConstCacheNew()), *consts = mt_ok(MoList_New(0));
    const char *lits[] = { "1", "1.0", "True", "0.0", "-0.0", "1", "(1, 2)", "2", "(1, 2)" };
    Mo_ssize_t expect[] = { 0, 1, 2, 3, 4, 0, 5, 6, 5 };
    MoObject *objs[9];
    for (int i = 0; i < 9; i++) {
        objs[i] = ct_lit(lits[i]);
        Mo_ssize_t at = MoCompile_AddConst(unit, consts, objs[i]);
        if (at != expect[i])
            ck_abort_msg("constant %d (%s) at index %zd, expected %zd", i, lits[i], at, expect[i]);
    }
    MoObject *t = MoList_GetItem(consts, 5);
    ck_assert_ptr_eq(MoTuple_GET_ITEM(t, 0), objs[0]);   /* the tuple's 1 is the unit's 1 */
    ck_assert_ptr_eq(MoList_GetItem(consts, 6), MoTuple_GET_ITEM(t, 1));   /* and the later 2 is the tuple's */
    mt_assert_repr(consts, "[1, 1.0, True, 0.0, -0.0, (1, 2), 2]");
    for (int i = 0; i < 9; i++)
        Mo_DECREF(objs[i]);
    Mo_DECREF(consts);
    Mo_DECREF(unit);
}
END_TEST

START_TEST(test_constfold_merge_out_of_memory)
{
    MoObject *x = ct_lit("'hello world'"), *t = ct_lit("(300, 301)");
    for (long budget = 0;; budget++) {
        MoObject *unit = MoCompile_ConstCacheNew();
        if (unit == NULL) {
            MoErr_Clear();
            continue;
        }
        mt_oom_start(budget);
        MoObject *m = MoCompile_MergeConst(unit, x), *n = m ? MoCompile_MergeConst(unit, t) : NULL;
        mt_oom_stop();
        Mo_XDECREF(m);
        Mo_XDECREF(n);
        Mo_DECREF(unit);
        if (n != NULL)
            break;
        mt_assert_exc(MoExc_MemoryError, NULL);
    }
    Mo_DECREF(x);
    Mo_DECREF(t);
}
END_TEST

Suite *constfold_suite(void)
{
    Suite *s = suite_create("constfold");
    TCase *tc = mt_tcase("constfold");
    tcase_add_test(tc, test_constfold_binop_table);
    tcase_add_test(tc, test_constfold_str_limit);
    tcase_add_test(tc, test_constfold_unary_subscript_iter);
    tcase_add_test(tc, test_constfold_constant_key);
    tcase_add_test(tc, test_constfold_merge_per_unit);
    tcase_add_test(tc, test_constfold_merge_keeps_types_apart);
    tcase_add_test(tc, test_constfold_merge_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
