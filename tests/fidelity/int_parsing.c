/* int_parsing: int(x) and int(x, base) called on the Mo runtime's int type;
 * int_parsing.py prints the same lines under CPython 3.11.
 *
 * Prefixes, underscores, whitespace, bytes, the base's range, and every message
 * int() gives for text it cannot read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* "label = repr(res)", or "label: TypeError: message"; releases res. */
static void show(const char *label, MoObject *res)
{
    if (res != NULL) {
        MoObject *r = MoObject_Repr(res);
        printf("%s = %s\n", label, r != NULL ? MoUnicode_AsUTF8(r) : "?");
        Mo_XDECREF(r);
        Mo_DECREF(res);
        return;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = exc != NULL ? MoObject_Str(exc) : NULL;
    printf("%s: %s: %s\n", label, exc != NULL ? Mo_TYPE(exc)->tp_name : "?", s != NULL ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_XDECREF(exc);
}

/* new: cls(*args, **kwargs), args built by Mo_BuildValue's format for a tuple,
   kwargs NULL or a dict (stolen). */
static MoObject *call(MoObject *cls, MoObject *kwargs, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    MoObject *args = Mo_VaBuildValue(fmt, va);
    va_end(va);
    MoObject *res = args != NULL ? MoObject_Call(cls, args, kwargs) : NULL;
    Mo_XDECREF(args);
    Mo_XDECREF(kwargs);
    return res;
}

/* new: n copies of c, as a str. */
static MoObject *repeat(char c, int n)
{
    char buf[4500];
    memset(buf, c, (size_t)n);
    buf[n] = '\0';
    return MoUnicode_FromString(buf);
}

static void table(MoObject *INT)
{
    static const struct {
        const char *text;
        int base;
    } cases[] = {
        {"0x1F", 16}, {"0x1f", 0}, {"0o17", 0}, {"0b101", 0}, {"0b_101", 0}, {"  -0x_ff  ", 0}, {"z", 36},
        {"Z", 36}, {"10", 2}, {"777", 8}, {"1_000", 0}, {"00", 0}, {"0_0", 0}, {"+0", 0}, {"010", 0},
        {"0x", 16}, {"0x1", 10}, {"12", 2}, {"1 2", 10}, {"\t42\n", 10}, {"1_", 10}, {"0x__1", 0},
        {"123456789012345678901234567890", 0}, {"-ffffffffffffffffffffffffffffffffffffffff", 16}, {"x", 0},
        {"", 0}, {"9", 8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *text = MoUnicode_FromString(cases[i].text);
        MoObject *r = MoObject_Repr(text);
        char label[128];
        snprintf(label, sizeof label, "int(%s, %d)", MoUnicode_AsUTF8(r), cases[i].base);
        show(label, call(INT, NULL, "(Oi)", text, cases[i].base));
        Mo_DECREF(r);
        Mo_DECREF(text);
    }
}

static void bytes_and_arguments(MoObject *INT)
{
    MoObject *b = MoBytes_FromString(" 42 ");
    show("int(b' 42 ')", call(INT, NULL, "(O)", b));
    Mo_DECREF(b);
    b = MoBytes_FromString("0x10");
    show("int(b'0x10', 0)", call(INT, NULL, "(Oi)", b, 0));
    Mo_DECREF(b);
    b = MoBytes_FromString("x");
    show("int(b'x')", call(INT, NULL, "(O)", b));
    Mo_DECREF(b);
    MoObject *xs = repeat('x', 300);
    show("int('x' * 300)", call(INT, NULL, "(O)", xs));
    Mo_DECREF(xs);
    MoObject *ys = repeat('y', 300);
    b = MoUnicode_AsUTF8String(ys);
    show("int(b'y' * 300, 16)", call(INT, NULL, "(Oi)", b, 16));
    Mo_DECREF(b);
    Mo_DECREF(ys);
    show("int('ff', base=16)", call(INT, Mo_BuildValue("{si}", "base", 16), "(s)", "ff"));
    show("int(base=16)", call(INT, Mo_BuildValue("{si}", "base", 16), "()"));
    show("int(10, 16)", call(INT, NULL, "(ii)", 10, 16));
    show("int(2.5, 10)", call(INT, NULL, "(di)", 2.5, 10));
    show("int('10', 1)", call(INT, NULL, "(si)", "10", 1));
    show("int('10', 37)", call(INT, NULL, "(si)", "10", 37));
    show("int('10', -1)", call(INT, NULL, "(si)", "10", -1));
    MoObject *huge = MoLong_FromString("1180591620717411303424");   /* 2**70 */
    show("int('10', 2**70)", call(INT, NULL, "(sO)", "10", huge));
    Mo_DECREF(huge);
    show("int('10', 'a')", call(INT, NULL, "(ss)", "10", "a"));
    show("int(1, 2, 3)", call(INT, NULL, "(iii)", 1, 2, 3));
    show("int(x=1)", call(INT, Mo_BuildValue("{si}", "x", 1), "()"));
    MoObject *ones = repeat('1', 4301);
    show("int('1' * 4301)", call(INT, NULL, "(O)", ones));
    Mo_DECREF(ones);
    ones = repeat('1', 4400);
    MoObject *big = call(INT, NULL, "(Oi)", ones, 2);
    show("hash(int('1' * 4400, 2))", big != NULL ? MoLong_FromSsize_t(MoObject_Hash(big)) : NULL);
    Mo_XDECREF(big);
    Mo_DECREF(ones);
}

static void subclass(MoObject *INT)
{
    MoObject *name = MoUnicode_FromString("I");
    MoObject *bases = MoTuple_Pack(1, INT);
    MoObject *ns = MoDict_New();
    MoObject *I = MoType_FromNameBasesDict(name, bases, ns);
    MoObject *v = call(I, NULL, "(si)", "ff", 16);
    show("I('ff', 16)", Mo_NewRef(v));
    show("type(I('ff', 16)).__name__", MoUnicode_FromString(Mo_TYPE(v)->tp_name));
    Mo_DECREF(v);
    Mo_DECREF(I);
    Mo_DECREF(ns);
    Mo_DECREF(bases);
    Mo_DECREF(name);
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *INT = (MoObject *)&MoLong_Type;
    table(INT);
    bytes_and_arguments(INT);
    subclass(INT);
    MoGC_Collect();
    return Mo_Finalize() != 0;
}
