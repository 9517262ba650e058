/* numbers: ints, bools and floats on the Mo runtime; numbers.py prints the same
 * lines under CPython 3.11.
 *
 * Each Python expression is given with a postfix twin ("2 30 ** 1 -" for
 * "2**30-1") that a small stack machine evaluates at run time with MoNumber_*
 * and MoObject_RichCompare, so that every value is computed by the runtime's
 * arithmetic, never parsed from a precomputed answer. A literal ending in j is
 * imaginary, as in Python ("2j", "infj"); "conj" calls .conjugate().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mo.h"

typedef struct {
    const char *label;     /* the Python expression, as numbers.py prints it */
    const char *postfix;   /* the same, in postfix form */
} Expr;

/* ------------------------------------------------------------ stack machine */

static MoObject *eval_literal(const char *tok)
{
    if (tok[strlen(tok) - 1] == 'j')   /* 2j, 1e-05j, infj: strtod stops at the j */
        return MoComplex_FromDoubles(0.0, strtod(tok, NULL));
    if (strcmp(tok, "True") == 0)
        return MoBool_FromLong(1);
    if (strcmp(tok, "False") == 0)
        return MoBool_FromLong(0);
    if (strpbrk(tok, ".en") != NULL)   /* 1.5, 1e308, inf, -inf, nan */
        return MoFloat_FromDouble(strtod(tok, NULL));
    return MoLong_FromString(tok);
}

static MoObject *eval_unary(const char *op, MoObject *a)
{
    if (strcmp(op, "neg") == 0)
        return MoNumber_Negative(a);
    if (strcmp(op, "conj") == 0)
        return MoObject_CallMethod(a, "conjugate", NULL);
    return Mo_TYPE(a)->tp_as_number->nb_absolute(a);   /* "abs" */
}

static MoObject *eval_binary(const char *op, MoObject *a, MoObject *b)
{
    static const char *const cmp[] = {"<", "<=", "==", "!=", ">", ">="};
    for (int i = 0; i < 6; i++)
        if (strcmp(op, cmp[i]) == 0)
            return MoObject_RichCompare(a, b, i);   /* MO_LT .. MO_GE */
    if (strcmp(op, "+") == 0) return MoNumber_Add(a, b);
    if (strcmp(op, "-") == 0) return MoNumber_Subtract(a, b);
    if (strcmp(op, "*") == 0) return MoNumber_Multiply(a, b);
    if (strcmp(op, "/") == 0) return MoNumber_TrueDivide(a, b);
    if (strcmp(op, "//") == 0) return MoNumber_FloorDivide(a, b);
    if (strcmp(op, "%") == 0) return MoNumber_Remainder(a, b);
    return MoNumber_Power(a, b);   /* "**" */
}

static int is_binary_op(const char *tok)
{
    static const char *const ops[] = {"+", "-", "*", "/", "//", "%", "**", "<", "<=", "==", "!=", ">", ">="};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(tok, ops[i]) == 0)
            return 1;
    return 0;
}

/* new: the value of a postfix expression, or NULL with the exception set. */
static MoObject *eval(const char *postfix)
{
    MoObject *stack[16];
    int sp = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", postfix);
    for (char *tok = strtok(buf, " "); tok != NULL; tok = strtok(NULL, " ")) {
        MoObject *r;
        if (is_binary_op(tok)) {
            MoObject *b = stack[--sp], *a = stack[--sp];
            r = eval_binary(tok, a, b);
            Mo_DECREF(a);
            Mo_DECREF(b);
        } else if (strcmp(tok, "neg") == 0 || strcmp(tok, "abs") == 0 || strcmp(tok, "conj") == 0) {
            MoObject *a = stack[--sp];
            r = eval_unary(tok, a);
            Mo_DECREF(a);
        } else {
            r = eval_literal(tok);
        }
        if (r == NULL) {
            while (sp > 0)
                Mo_DECREF(stack[--sp]);
            return NULL;
        }
        stack[sp++] = r;
    }
    return stack[0];
}

/* Print "Type: message" for the pending exception, and clear it. */
static void print_exception(void)
{
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *msg = MoObject_Str(exc);
    printf("%s: %s\n", Mo_TYPE(exc)->tp_name, MoUnicode_AsUTF8(msg));
    Mo_DECREF(msg);
    Mo_DECREF(exc);
}

static void print_repr(MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s\n", MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* ------------------------------------------------------------------- tables */

static const Expr SIZES[] = {
    {"0", "0"}, {"1", "1"}, {"-1", "-1"}, {"255", "255"}, {"256", "256"},
    {"2**30-1", "2 30 ** 1 -"}, {"2**30", "2 30 **"}, {"-2**30", "2 30 ** neg"},
    {"2**60-1", "2 60 ** 1 -"}, {"2**60", "2 60 **"}, {"2**63-1", "2 63 ** 1 -"},
    {"-2**63", "2 63 ** neg"}, {"2**64", "2 64 **"}, {"2**90-1", "2 90 ** 1 -"},
    {"2**90", "2 90 **"}, {"10**100", "10 100 **"}, {"True", "True"}, {"False", "False"},
    {"0.0", "0.0"}, {"1.5", "1.5"}, {"1e308", "1e308"}, {"float('inf')", "inf"},
    {"2j", "2j"}, {"1+2j", "1 2j +"},
};

static const Expr VALUES[] = {
    {"2**200", "2 200 **"},
    {"-(2**200)", "2 200 ** neg"},
    {"2**100 * 3**50", "2 100 ** 3 50 ** *"},
    {"10**30 - 1", "10 30 ** 1 -"},
    {"-(10**30) + 1", "10 30 ** neg 1 +"},
    {"(-7)//2", "-7 2 //"},
    {"-7 % 3", "-7 3 %"},
    {"7 % -3", "7 -3 %"},
    {"(-10**20) // 7", "10 20 ** neg 7 //"},
    {"(-10**20) % 7", "10 20 ** neg 7 %"},
    {"10**40 // (-10**19 - 3)", "10 40 ** 10 19 ** neg 3 - //"},
    {"10**40 % (-10**19 - 3)", "10 40 ** 10 19 ** neg 3 - %"},
    {"(2**100 + 1) * (2**100 - 1)", "2 100 ** 1 + 2 100 ** 1 - *"},
    {"(3**200) // (7**50)", "3 200 ** 7 50 ** //"},
    {"(3**200) % (7**50)", "3 200 ** 7 50 ** %"},
    {"2**64 - 2**64", "2 64 ** 2 64 ** -"},
    {"0 - 2**64", "0 2 64 ** -"},
    {"-(-2**63)", "2 63 ** neg neg"},
    {"abs(-2**70)", "2 70 ** neg abs"},
    {"1 // 3", "1 3 //"},
    {"(-1) // 3", "-1 3 //"},
    {"7 / 2", "7 2 /"},
    {"1 / 3", "1 3 /"},
    {"2 / 3", "2 3 /"},
    {"10**30 / 10**10", "10 30 ** 10 10 ** /"},
    {"(2**80 + 1) / 2**20", "2 80 ** 1 + 2 20 ** /"},
    {"1 / 10**400", "1 10 400 ** /"},
    {"2**-1", "2 -1 **"},
    {"2**-2", "2 -2 **"},
    {"(-2)**-1", "-2 -1 **"},
    {"(-3)**3", "-3 3 **"},
    {"(-3)**4", "-3 4 **"},
    {"0**0", "0 0 **"},
    {"2**0.5", "2 0.5 **"},
    {"1.5 + 2", "1.5 2 +"},
    {"2 * 1.5", "2 1.5 *"},
    {"10 - 0.25", "10 0.25 -"},
    {"7.5 // 2", "7.5 2 //"},
    {"-7.5 // 2", "-7.5 2 //"},
    {"-7.5 % 2", "-7.5 2 %"},
    {"7.5 % -2", "7.5 -2 %"},
    {"2.0**10", "2.0 10 **"},
    {"10 == 10.0", "10 10.0 =="},
    {"10 != 10.0", "10 10.0 !="},
    {"2**53 + 1 == 2.0**53", "2 53 ** 1 + 2.0 53 ** =="},
    {"2**53 + 1 > 2.0**53", "2 53 ** 1 + 2.0 53 ** >"},
    {"2**53 == 2.0**53", "2 53 ** 2.0 53 ** =="},
    {"0.5 < 1", "0.5 1 <"},
    {"-0.5 < -1", "-0.5 -1 <"},
    {"10**400 > float('inf')", "10 400 ** inf >"},
    {"-10**400 < float('-inf')", "10 400 ** neg -inf <"},
    {"float('nan') == float('nan')", "nan nan =="},
    {"float('nan') != float('nan')", "nan nan !="},
    {"1.5 == 1.5", "1.5 1.5 =="},
    {"True + True", "True True +"},
    {"True * 10", "True 10 *"},
    {"-True", "True neg"},
    {"2**100 < 2**100 + 1", "2 100 ** 2 100 ** 1 + <"},
    {"-2**100 < 2**99", "2 100 ** neg 2 99 ** <"},
    {"1.0", "1.0"},
    {"1e16", "1e16"},
    {"1e15", "1e15"},
    {"1e-05", "1e-05"},
    {"0.0001", "0.0001"},
    {"0.1", "0.1"},
    {"0.1 + 0.2", "0.1 0.2 +"},
    {"1e22", "1e22"},
    {"1.5e300", "1.5e300"},
    {"-1.5e-300", "-1.5e-300"},
    {"5e-324", "5e-324"},
    {"1.7976931348623157e308", "1.7976931348623157e308"},
    {"-0.0", "-0.0"},
    {"100.0", "100.0"},
    {"123456789.125", "123456789.125"},
    {"float('inf')", "inf"},
    {"float('-inf')", "-inf"},
    {"float('nan')", "nan"},
    {"1e308 * 10", "1e308 10 *"},
    {"2.5e-05", "2.5e-05"},
    {"3.14159", "3.14159"},
    {"1 / 7", "1 7 /"},
    {"-2.0 / 3", "-2.0 3 /"},
    {"1/0", "1 0 /"},
    {"1//0", "1 0 //"},
    {"1%0", "1 0 %"},
    {"1.0/0", "1.0 0 /"},
    {"1.0//0", "1.0 0 //"},
    {"1.0%0", "1.0 0 %"},
    {"0**-1", "0 -1 **"},
    {"0.0**-1", "0.0 -1 **"},
    {"10**400 / 3", "10 400 ** 3 /"},
    {"10**400 * 1.0", "10 400 ** 1.0 *"},
    {"2.0**10000", "2.0 10000 **"},
    /* complex: each part by float's repr rules, 3.11's arithmetic and errors */
    {"1+2j", "1 2j +"},
    {"2j", "2j"},
    {"-0.0-1j", "-0.0 1j -"},
    {"complex(float('nan'), float('inf'))", "nan infj +"},
    {"0j", "0j"},
    {"-(0j)", "0j neg"},
    {"1e16+1e-05j", "1e16 1e-05j +"},
    {"1e22-1e-300j", "1e22 1e-300j -"},
    {"0.1+0.30000000000000004j", "0.1 0.30000000000000004j +"},
    {"-(1+2j)", "1 2j + neg"},
    {"(1+2j) * (3-1j)", "1 2j + 3 1j - *"},
    {"(1+2j) / (3-1j)", "1 2j + 3 1j - /"},
    {"(1+2j) - 2.5", "1 2j + 2.5 -"},
    {"2 / (1+2j)", "2 1 2j + /"},
    {"(1+2j) ** 2", "1 2j + 2 **"},
    {"(1+2j) ** -2", "1 2j + -2 **"},
    {"(1+2j) ** 0.5", "1 2j + 0.5 **"},
    {"2 ** 0.5j", "2 0.5j **"},
    {"(1+1j) ** 101", "1 1j + 101 **"},
    {"(1e-300+1e300j) / (1+2j)", "1e-300 1e300j + 1 2j + /"},
    {"abs(3+4j)", "3 4j + abs"},
    {"abs(1e308+1.7e308j)", "1e308 1.7e308j + abs"},
    {"(1+2j).conjugate()", "1 2j + conj"},
    {"1j / 0", "1j 0 /"},
    {"0j ** -1", "0j -1 **"},
    {"(1e200+0j) ** 2", "1e200 0j + 2 **"},
    {"(1+0j) == 1", "1 0j + 1 =="},
    {"(1+1j) == 1", "1 1j + 1 =="},
    {"(2**53 + 1) + 0j == 2**53 + 1", "2 53 ** 1 + 0j + 2 53 ** 1 + =="},
    {"(1+0j) == 1.0", "1 0j + 1.0 =="},
    {"(1+0j) != 1", "1 0j + 1 !="},
    {"1j < 2j", "1j 2j <"},
    {"(1+0j) // 2", "1 0j + 2 //"},
    {"(1+0j) + 10**400", "1 0j + 10 400 ** +"},
    {"(-8) ** 0.5", "-8 0.5 **"},
    {"(-8.0) ** (1/3)", "-8.0 1 3 / **"},
};

static const Expr HASHES[] = {
    {"0", "0"}, {"1", "1"}, {"-1", "-1"}, {"-2", "-2"}, {"2**61 - 2", "2 61 ** 2 -"},
    {"2**61 - 1", "2 61 ** 1 -"}, {"2**61", "2 61 **"}, {"2**62", "2 62 **"},
    {"-(2**61)", "2 61 ** neg"}, {"10**30", "10 30 **"}, {"-(10**30)", "10 30 ** neg"},
    {"2**100", "2 100 **"}, {"1.5", "1.5"}, {"-0.5", "-0.5"}, {"0.1", "0.1"}, {"1e300", "1e300"},
    {"10.0", "10.0"}, {"-1.0", "-1.0"}, {"2.0**61", "2.0 61 **"}, {"float('inf')", "inf"},
    {"float('-inf')", "-inf"}, {"1e-300", "1e-300"}, {"True", "True"}, {"False", "False"},
    {"1+2j", "1 2j +"},
    {"2.5+100j", "2.5 100j +"},
    {"-1.5-2j", "-1.5 2j -"},
    {"3+0j", "3 0j +"},
    {"complex(float('inf'), float('-inf'))", "inf -infj +"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* --------------------------------------------------------------- sections */

static void show_sizes(void)
{
    for (size_t i = 0; i < COUNT(SIZES); i++) {
        MoObject *v = eval(SIZES[i].postfix);
        printf("getsizeof(%s) = %zd\n", SIZES[i].label, MoSys_GetSizeOf(v));
        Mo_DECREF(v);
    }
}

static void show_values(void)
{
    for (size_t i = 0; i < COUNT(VALUES); i++) {
        MoObject *v = eval(VALUES[i].postfix);
        if (v == NULL) {
            printf("%s: ", VALUES[i].label);
            print_exception();
            continue;
        }
        printf("%s = ", VALUES[i].label);
        print_repr(v);
        Mo_DECREF(v);
    }
}

static void show_hashes(void)
{
    for (size_t i = 0; i < COUNT(HASHES); i++) {
        MoObject *v = eval(HASHES[i].postfix);
        printf("hash(%s) = %zd\n", HASHES[i].label, MoObject_Hash(v));
        Mo_DECREF(v);
    }
}

static const char *py_bool(int b)
{
    return b ? "True" : "False";
}

/* "(x + k) is small": the result of x + k is the cached int of that value. */
static void show_add_identity(const char *label, long k, long expected_value)
{
    MoObject *x = MoLong_FromLong(200), *kk = MoLong_FromLong(k), *cached = MoLong_FromLong(expected_value);
    MoObject *r = MoNumber_Add(x, kk);
    printf("%s: %s\n", label, py_bool(r == cached));
    Mo_DECREF(r);
    Mo_DECREF(cached);
    Mo_DECREF(kk);
    Mo_DECREF(x);
}

/* "(x + k) is (x + k)": two computations of a value outside the cache. */
static void show_add_twice(const char *label, long k)
{
    MoObject *x = MoLong_FromLong(200), *kk = MoLong_FromLong(k);
    MoObject *r1 = MoNumber_Add(x, kk), *r2 = MoNumber_Add(x, kk);
    printf("%s: %s\n", label, py_bool(r1 == r2));
    Mo_DECREF(r1);
    Mo_DECREF(r2);
    Mo_DECREF(kk);
    Mo_DECREF(x);
}

static void show_identities(void)
{
    show_add_identity("x = 200; (x + 56) is 256", 56, 256);
    show_add_twice("x = 200; (x + 57) is (x + 57)", 57);
    show_add_identity("x = 200; (x - 205) is -5", -205, -5);
    show_add_twice("x = 200; (x - 206) is (x - 206)", -206);
    MoObject *seven = eval("2 100 ** 2 100 ** - 7 +"), *cached = MoLong_FromLong(7);
    printf("(2**100 - 2**100 + 7) is 7: %s\n", py_bool(seven == cached));
    Mo_DECREF(seven);
    Mo_DECREF(cached);
    static const char *const lits[] = {"-6", "-5", "0", "256", "257", "1000000000000000000000000000000"};
    for (size_t i = 0; i < COUNT(lits); i++) {
        MoObject *a = MoLong_FromString(lits[i]), *b = MoLong_FromString(lits[i]);
        printf("int('%s') is int('%s'): %s\n", lits[i], lits[i], py_bool(a == b));
        Mo_DECREF(a);
        Mo_DECREF(b);
    }
}

static void show_parsing(void)
{
    MoObject *v = MoLong_FromString("  -1_000  ");
    printf("int('  -1_000  ') = ");
    print_repr(v);
    Mo_DECREF(v);
    static const char *const bad[] = {"x", " 12x ", "1__0", "_1", "", "+"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        if (MoLong_FromString(bad[i]) == NULL) {
            printf("int('%s'): ", bad[i]);
            print_exception();
        }
    }
}

/* hash(a) == hash(b) for an int and the float of the same value. */
static void show_hash_equal(const char *label, const char *int_expr, const char *float_expr)
{
    MoObject *a = eval(int_expr), *b = eval(float_expr);
    printf("%s: %s\n", label, py_bool(MoObject_Hash(a) == MoObject_Hash(b)));
    Mo_DECREF(a);
    Mo_DECREF(b);
}

static void show_type_error(const char *label, MoObject *a, MoObject *b, MoObject *(*op)(MoObject *, MoObject *))
{
    MoObject *r = op(a, b);
    if (r == NULL) {
        printf("%s: ", label);
        print_exception();
    } else {
        Mo_DECREF(r);
    }
    Mo_DECREF(a);
    Mo_DECREF(b);
}

/* A complex's members are read-only and it takes no other attributes or items. */
static void show_complex_immutable(void)
{
    MoObject *c = eval("1 2j +"), *three = MoLong_FromLong(3), *zero = MoLong_FromLong(0);
    MoObject *one = MoLong_FromLong(1);
    MoObject *re = MoObject_GetAttrString(c, "real"), *im = MoObject_GetAttrString(c, "imag");
    MoObject *re_repr = MoObject_Repr(re), *im_repr = MoObject_Repr(im);
    printf("(1+2j).real = %s; (1+2j).imag = %s\n", MoUnicode_AsUTF8(re_repr), MoUnicode_AsUTF8(im_repr));
    Mo_DECREF(re_repr);
    Mo_DECREF(im_repr);
    Mo_DECREF(re);
    Mo_DECREF(im);
    if (MoObject_SetAttrString(c, "real", three) < 0) {
        printf("c.real = 3: ");
        print_exception();
    }
    if (MoObject_SetAttrString(c, "imag", NULL) < 0) {
        printf("del c.imag: ");
        print_exception();
    }
    if (MoObject_SetAttrString(c, "foo", one) < 0) {
        printf("c.foo = 1: ");
        print_exception();
    }
    if (MoObject_SetItem(c, zero, one) < 0) {
        printf("c[0] = 1: ");
        print_exception();
    }
    printf("c = ");
    print_repr(c);
    Mo_DECREF(one);
    Mo_DECREF(zero);
    Mo_DECREF(three);
    Mo_DECREF(c);
}

int main(void)
{
    if (Mo_Initialize() != 0)
        return 1;
    show_sizes();
    show_values();
    show_hashes();
    show_identities();
    show_parsing();
    show_hash_equal("hash(10) == hash(10.0)", "10", "10.0");
    show_hash_equal("hash(2**70) == hash(2.0**70)", "2 70 **", "2.0 70 **");
    show_type_error("1 + 'a'", MoLong_FromLong(1), MoUnicode_FromString("a"), MoNumber_Add);
    show_type_error("1.5 - 'a'", MoFloat_FromDouble(1.5), MoUnicode_FromString("a"), MoNumber_Subtract);
    show_complex_immutable();
    return Mo_Finalize() != 0;
}
