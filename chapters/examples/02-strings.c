/* Which strings are interned: constants made only of name characters, when their
 * code object is made; strings made at run time only by sys.intern (MoSys_Intern).
 * The C twin of 02-strings.py. A literal is a fresh str from the "parser"
 * (MoUnicode_FromString); MoCompile_AddConst merges it within its unit and interns
 * it if every character is a letter, digit or underscore.
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* new: what `NAME = src` loads, compiled in the unit: the literal (stolen) merged
   into the unit's constants and, for a name-like str, interned. */
static MoObject *load_const(MoObject *unit, MoObject *literal)
{
    MoObject *consts = MoList_New(0);
    Mo_ssize_t i = MoCompile_AddConst(unit, consts, literal);
    MoObject *v = Mo_NewRef(MoList_GetItem(consts, i));
    Mo_DECREF(consts);
    Mo_DECREF(literal);
    return v;
}

/* new: the literal's object as the parser makes it; "'a' * 20" is folded first. */
static MoObject *literal(const char *src)
{
    if (strcmp(src, "'a' * 20") == 0) {
        MoObject *a = MoUnicode_FromString("a"), *n = MoLong_FromLong(20);
        MoObject *r = MoAST_FoldBinOp(MO_AST_MULT, a, n);
        Mo_DECREF(a);
        Mo_DECREF(n);
        return r;
    }
    return MoUnicode_FromStringAndSize(src + 1,
                                       (Mo_ssize_t)strlen(src) - 2); /* unquoted */
}

/* One line of the table: the same literal twice, in one unit and in two. */
static void compare(const char *src)
{
    MoObject *unit = MoCompile_ConstCacheNew();
    MoObject *a = load_const(unit, literal(src)),
             *b = load_const(unit, literal(src));
    int one_unit = Mo_Is(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(unit);
    MoObject *u1 = MoCompile_ConstCacheNew(), *u2 = MoCompile_ConstCacheNew();
    a = load_const(u1, literal(src));
    b = load_const(u2, literal(src));
    printf("%-31.30s == %s  is: one unit %s, two units %s\n", src,
           yes(MoObject_RichCompareBool(a, b, MO_EQ)), yes(one_unit),
           yes(Mo_Is(a, b)));
    Mo_DECREF(a);
    Mo_DECREF(b);
    Mo_DECREF(u1);
    Mo_DECREF(u2);
}

/* new: "".join([x, y]), a string made at run time. */
static MoObject *join2(const char *x, const char *y)
{
    MoObject *sep = MoUnicode_FromString(""), *parts = Mo_BuildValue("(ss)", x, y);
    MoObject *r = MoUnicode_Join(sep, parts);
    Mo_DECREF(sep);
    Mo_DECREF(parts);
    return r;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    const char *sources[] = {
        "\"python\"",
        "\"python!\"",
        "\"python course\"",
        "\"_this_string_will_be_intern_since_it_is_valid_identifier\"",
        "\"Generally this is not interned, but we can intern it using sys.intern\"",
        "'a' * 20"
    };
    for (int i = 0; i < 6; i++)
        compare(sources[i]);
    MoObject *module = MoCompile_ConstCacheNew();
    MoObject *hello = load_const(module, MoUnicode_FromString("hello"));
    MoObject *made = join2("hel", "lo");
    printf("''.join(['hel', 'lo']) == 'hello': %s\n",
           yes(MoObject_RichCompareBool(made, hello, MO_EQ)));
    printf("''.join(['hel', 'lo']) is 'hello': %s\n", yes(Mo_Is(made, hello)));
    MoObject *interned = MoSys_Intern(made);
    printf("sys.intern(made) is 'hello': %s\n", yes(Mo_Is(interned, hello)));
    MoObject *part = load_const(module, MoUnicode_FromString("python"));
    MoObject *course = load_const(module, MoUnicode_FromString(" course"));
    MoObject *c1 = MoUnicode_Concat(part, course),
             *c2 = MoUnicode_Concat(part, course);
    printf("part + ' course' is part + ' course': %s\n", yes(Mo_Is(c1, c2)));
    MoObject *j1 = join2("Generally this is not interned, ",
                         "but we can intern it using sys.intern");
    MoObject *j2 = join2("Generally this is not interned, but we can ",
                         "intern it using sys.intern");
    MoObject *a_string = MoSys_Intern(j1), *b_string = MoSys_Intern(j2);
    printf("sys.intern(...) is sys.intern(...): %s\n",
           yes(Mo_Is(a_string, b_string)));
    MoObject *all[] = { a_string, b_string, j1, j2, c1, c2, course, part, interned,
                        made, hello, module };
    for (int i = 0; i < 12; i++)
        Mo_DECREF(all[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
