/* builtin_subclasses: classes made by MoType_FromNameBasesDict on str, bytes,
 * tuple, float, set and frozenset; builtin_subclasses.py prints the same lines
 * under CPython 3.11.
 *
 * Their layout and sizes (3.11's legacy str header, var-sized bytes and tuple
 * with the dict pointer after the items), construction through the base's
 * tp_new, inherited repr, hash and comparison, __dict__, and their cycles.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* "TypeError: message", or "no exception". */
static void print_exception(void)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (exc == NULL) {
        printf("no exception\n");
        return;
    }
    MoObject *s = MoObject_Str(exc);
    printf("%s: %s\n", Mo_TYPE(exc)->tp_name, s ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_DECREF(exc);
}

/* repr(o) into a static buffer; releases o. */
static const char *repr_steal(MoObject *o)
{
    static char buf[4][256];
    static int next;
    char *out = buf[next++ % 4];
    MoObject *r = o != NULL ? MoObject_Repr(o) : NULL;
    snprintf(out, 256, "%s", r != NULL ? MoUnicode_AsUTF8(r) : "<error>");
    if (r == NULL)
        print_exception();
    Mo_XDECREF(r);
    Mo_XDECREF(o);
    return out;
}

static const char *tf(int b)
{
    return b ? "True" : "False";
}

/* new: type(name, (base,), ns), ns empty when NULL. */
static MoObject *derive(const char *name, MoTypeObject *base, MoObject *ns)
{
    MoObject *n = MoUnicode_FromString(name);
    MoObject *bases = MoTuple_Pack(1, (MoObject *)base);
    MoObject *d = ns != NULL ? Mo_NewRef(ns) : MoDict_New();
    MoObject *cls = MoType_FromNameBasesDict(n, bases, d);
    Mo_DECREF(n);
    Mo_DECREF(bases);
    Mo_DECREF(d);
    return cls;
}

/* new: cls(args...) from a Mo_BuildValue format for the argument tuple. */
static MoObject *call(MoObject *cls, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    MoObject *args = Mo_VaBuildValue(fmt, va);
    va_end(va);
    if (args == NULL)
        return NULL;
    MoObject *res = MoObject_Call(cls, args, NULL);
    Mo_DECREF(args);
    return res;
}

static void one_case(const char *name, MoTypeObject *base, MoObject *value)
{
    MoObject *cls = derive(name, base, NULL);
    MoTypeObject *t = (MoTypeObject *)cls;
    MoObject *o = MoObject_CallOneArg(cls, value);
    const char *vr = repr_steal(Mo_NewRef(value));
    printf("%s(%s): repr %s, getsizeof %zd, basicsize %zd, itemsize %zd, dictoffset %zd, weakrefoffset %zd\n",
           name, vr, repr_steal(Mo_NewRef(o)), MoSys_GetSizeOf(o), t->tp_basicsize, t->tp_itemsize, t->tp_dictoffset,
           t->tp_weaklistoffset);
    char hash[16] = "unhashable", len[24] = "-";
    if (base != &MoSet_Type) {
        MoObject *exact = MoObject_CallOneArg((MoObject *)base, value);
        snprintf(hash, sizeof hash, "%s", tf(MoObject_Hash(o) == MoObject_Hash(exact)));
        Mo_DECREF(exact);
    }
    if (base != &MoFloat_Type)
        snprintf(len, sizeof len, "%zd", MoObject_Length(o));
    MoObject *s = MoObject_Str(o);
    printf("  == %s, hash as the base's: %s, isinstance %s, len %s, str %s (%s)\n",
           tf(MoObject_RichCompareBool(o, value, MO_EQ)), hash, tf(MoObject_IsInstance(o, (MoObject *)base)), len,
           repr_steal(Mo_NewRef(s)), Mo_TYPE(s)->tp_name);
    Mo_DECREF(s);
    MoObject *one = MoLong_FromLong(1);
    MoObject_SetAttrString(o, "x", one);
    Mo_DECREF(one);
    printf("  __dict__ %s\n", repr_steal(MoObject_GetAttrString(o, "__dict__")));
    MoGC_Collect();
    MoObject *o2 = MoObject_CallOneArg(cls, value);
    MoObject_SetAttrString(o2, "me", o2);
    Mo_DECREF(o2);
    printf("  a cycle through __dict__: collected %zd\n", MoGC_Collect());
    Mo_DECREF(o);
    Mo_DECREF(cls);
}

static void cases(void)
{
    struct {
        const char *name;
        MoTypeObject *base;
        const char *fmt;
        const char *text;
    } table[] = {
        {"S", &MoUnicode_Type, "s", "abc"}, {"S", &MoUnicode_Type, "s", ""},
        {"S", &MoUnicode_Type, "s", "h\xc3\xa9"}, {"S", &MoUnicode_Type, "s", "\xe2\x82\xac"},
        {"B", &MoBytes_Type, "y", "abc"}, {"B", &MoBytes_Type, "y", ""},
        {"T", &MoTuple_Type, "(ii)", NULL}, {"T", &MoTuple_Type, "()", NULL},
        {"F", &MoFloat_Type, "d", NULL}, {"St", &MoSet_Type, "[ii]", NULL}, {"FS", &MoFrozenSet_Type, "[i]", NULL},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        MoObject *value;
        const char *f = table[i].fmt;
        if (strcmp(f, "y") == 0)
            value = MoBytes_FromString(table[i].text);
        else if (table[i].text != NULL)
            value = Mo_BuildValue(f, table[i].text);
        else if (strcmp(f, "(ii)") == 0)
            value = Mo_BuildValue(f, 1, 2);
        else if (strcmp(f, "()") == 0)
            value = Mo_BuildValue(f);
        else if (strcmp(f, "d") == 0)
            value = Mo_BuildValue(f, 1.5);
        else {   /* a set of the list's items */
            MoObject *items = strcmp(f, "[ii]") == 0 ? Mo_BuildValue(f, 1, 2) : Mo_BuildValue(f, 1);
            value = MoSet_New(items);
            Mo_DECREF(items);
        }
        one_case(table[i].name, table[i].base, value);
        Mo_DECREF(value);
    }
}

static void show_error(MoObject *o)
{
    Mo_XDECREF(o);
    print_exception();
}

static void operations(void)
{
    MoObject *S = derive("S", &MoUnicode_Type, NULL);
    MoObject *T = derive("T", &MoTuple_Type, NULL);
    MoObject *F = derive("F", &MoFloat_Type, NULL);
    MoObject *B = derive("B", &MoBytes_Type, NULL);
    MoObject *ab = call(S, "(s)", "ab"), *c = MoUnicode_FromString("c");
    MoObject *sum = MoNumber_Add(ab, c);
    printf("S('ab') + 'c': %s %s\n", repr_steal(Mo_NewRef(sum)), Mo_TYPE(sum)->tp_name);
    Mo_DECREF(sum);
    Mo_DECREF(ab);
    Mo_DECREF(c);
    MoObject *t1 = call(T, "((i))", 1), *two = Mo_BuildValue("(i)", 2);
    sum = MoNumber_Add(t1, two);
    printf("T((1,)) + (2,): %s %s\n", repr_steal(Mo_NewRef(sum)), Mo_TYPE(sum)->tp_name);
    Mo_DECREF(sum);
    Mo_DECREF(t1);
    Mo_DECREF(two);
    MoObject *f = call(F, "(d)", 1.5), *i1 = MoLong_FromLong(1);
    sum = MoNumber_Add(f, i1);
    printf("F(1.5) + 1: %s %s\n", repr_steal(Mo_NewRef(sum)), Mo_TYPE(sum)->tp_name);
    Mo_DECREF(sum);
    Mo_DECREF(f);
    Mo_DECREF(i1);
    MoObject *abc = call(S, "(s)", "abc"), *b = MoUnicode_FromString("b");
    MoObject *ch = MoSequence_GetItem(abc, 1);
    printf("S('abc')[1], 'b' in S('abc'): %s %s\n", MoUnicode_AsUTF8(ch), tf(MoSequence_Contains(abc, b)));
    Mo_DECREF(ch);
    Mo_DECREF(abc);
    Mo_DECREF(b);
    printf("S(42), S(): %s %s\n", repr_steal(call(S, "(i)", 42)), repr_steal(call(S, "()")));
    printf("F('  2.5 '), F('1_000.5'), F(3), F(): %s %s %s %s\n", repr_steal(call(F, "(s)", "  2.5 ")),
           repr_steal(call(F, "(s)", "1_000.5")), repr_steal(call(F, "(i)", 3)), repr_steal(call(F, "()")));
    printf("B(3), B([65, 66]), B('h\xc3\xa9', 'utf-8'): %s %s %s\n", repr_steal(call(B, "(i)", 3)),
           repr_steal(call(B, "([ii])", 65, 66)), repr_steal(call(B, "(ss)", "h\xc3\xa9", "utf-8")));
    printf("T('ab'), T(): %s %s\n", repr_steal(call(T, "(s)", "ab")), repr_steal(call(T, "()")));
    MoObject *k = call(S, "(s)", "k"), *d = Mo_BuildValue("{Oi}", k, 1), *plain = MoUnicode_FromString("k");
    printf("{S('k'): 1}['k']: %s\n", repr_steal(Mo_XNewRef(MoDict_GetItem(d, plain))));
    Mo_DECREF(k);
    Mo_DECREF(d);
    Mo_DECREF(plain);
    show_error(call(B, "(s)", "x"));
    show_error(call(B, "([ii])", 1, 300));
    show_error(call(B, "([s])", "a"));
    show_error(call(B, "(d)", 1.5));
    show_error(call(B, "(i)", -1));
    show_error(call(F, "(s)", "x"));
    show_error(call(F, "(s)", "1__0"));
    show_error(call(F, "([])"));
    show_error(call(T, "(i)", 1));
    MoObject *ns = Mo_BuildValue("{s(s)}", "__slots__", "a");
    show_error(derive("X", &MoTuple_Type, ns));
    Mo_DECREF(ns);
    ns = Mo_BuildValue("{s(s)}", "__slots__", "__weakref__");
    show_error(derive("X", &MoBytes_Type, ns));
    Mo_DECREF(ns);
    Mo_DECREF(S);
    Mo_DECREF(T);
    Mo_DECREF(F);
    Mo_DECREF(B);
}

/* complex(): numbers, strings, and a subclass. */
static void complexes(void)
{
    MoObject *Z = derive("Z", &MoComplex_Type, NULL);
    MoObject *z = call(Z, "(ii)", 1, 2), *exact = MoComplex_FromDoubles(1, 2);
    printf("Z(1, 2): %s %s %zd %zd %s\n", repr_steal(Mo_NewRef(z)), Mo_TYPE(z)->tp_name, MoSys_GetSizeOf(z),
           ((MoTypeObject *)Z)->tp_basicsize, tf(MoObject_Hash(z) == MoObject_Hash(exact)));
    Mo_DECREF(exact);
    Mo_DECREF(z);
    MoObject *C = (MoObject *)&MoComplex_Type;
    const char *texts[] = {"1+2j", " ( 1-2.5j ) ", "j", "-J", "3", "1e3j", "1_000+2_0j", "nan+infj", "1-j"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        MoObject *t = MoUnicode_FromString(texts[i]);
        printf("complex(%s) = %s\n", repr_steal(Mo_NewRef(t)), repr_steal(call(C, "(O)", t)));
        Mo_DECREF(t);
    }
    printf("complex(), complex(1j, 1j), complex(2.5, -1): %s %s %s\n", repr_steal(call(C, "()")),
           repr_steal(call(C, "(NN)", MoComplex_FromDoubles(0, 1), MoComplex_FromDoubles(0, 1))),
           repr_steal(call(C, "(di)", 2.5, -1)));
    const char *bad[] = {"x", "1 + 2j", "1+", "nan(1)", "0x1", "1__0j"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        show_error(call(C, "(s)", bad[i]));
    show_error(call(C, "(si)", "1", 2));
    show_error(call(C, "(is)", 1, "2"));
    show_error(call(C, "([])"));
    show_error(call(C, "(i[])", 1));
    show_error(call((MoObject *)&MoFloat_Type, "(s)", "nan(1)"));
    Mo_DECREF(Z);
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    cases();
    operations();
    complexes();
    MoGC_Collect();
    return Mo_Finalize() == 0 ? 0 : 1;
}
