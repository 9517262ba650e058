/* The builtins module, called through the import table as Python code calls it;
 * every expected text is what CPython 3.11 gives for the same call. */
#include "pyutil.h"

/* builtins.fn(*args) gives expected (a repr, or "Type: message"). */
#define B(expected, fn, ...) pu_assert_text(pu_call("builtins", fn, __VA_ARGS__), expected)

START_TEST(types_are_the_runtimes)
{
    const struct { const char *name; MoTypeObject *t; } rows[] = {
        { "int", &MoLong_Type }, { "list", &MoList_Type }, { "str", &MoUnicode_Type },
        { "dict", &MoDict_Type }, { "object", &MoBaseObject_Type }, { "type", &MoType_Type },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        MoObject *t = pu_attr("builtins", rows[i].name);
        ck_assert_msg(t == (MoObject *)rows[i].t, "builtins.%s is not the runtime's type", rows[i].name);
        Mo_DECREF(t);
    }
    MoObject *none = pu_attr("builtins", "None");
    ck_assert_ptr_eq(none, Mo_None);
    Mo_DECREF(none);
    MoObject *err = pu_attr("builtins", "NameError");
    pu_assert_text(pu_text(err), "<class 'NameError'>");
    MoObject *sub = pu_attr("builtins", "UnboundLocalError"), *base = pu_attr("builtins", "NameError");
    ck_assert_int_eq(MoObject_IsSubclass(sub, base), 1);
    Mo_DECREF(sub);
    Mo_DECREF(base);
}
END_TEST

START_TEST(objects)
{
    B("3", "len", "([iii])", NULL, 1, 2, 3);
    B("TypeError: object of type 'int' has no len()", "len", "(i)", NULL, 5);
    B("TypeError: len() takes exactly one argument (0 given)", "len", "()", NULL);
    B("\"'a'\"", "repr", "(s)", NULL, "a");
    B("True", "isinstance", "(iO)", NULL, 5, (MoObject *)&MoLong_Type);
    B("False", "isinstance", "(s(OO))", NULL, "x", (MoObject *)&MoLong_Type, (MoObject *)&MoList_Type);
    B("TypeError: isinstance expected 2 arguments, got 1", "isinstance", "(i)", NULL, 1);
    B("TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union", "isinstance", "(ii)", NULL, 1, 2);
    B("True", "issubclass", "(OO)", NULL, (MoObject *)&MoBool_Type, (MoObject *)&MoLong_Type);
    B("TypeError: issubclass() arg 1 must be a class", "issubclass", "(iO)", NULL, 1, (MoObject *)&MoLong_Type);
    B("TypeError: unhashable type: 'list'", "hash", "([])", NULL);
    B("5", "hash", "(i)", NULL, 5);
    B("True", "callable", "(O)", NULL, (MoObject *)&MoLong_Type);
    B("False", "callable", "(i)", NULL, 1);
}
END_TEST

START_TEST(attributes)
{
    B("TypeError: attribute name must be string, not 'int'", "getattr", "(ii)", NULL, 1, 2);
    B("TypeError: getattr expected at least 2 arguments, got 1", "getattr", "(i)", NULL, 1);
    B("AttributeError: 'int' object has no attribute 'x'", "getattr", "(is)", NULL, 1, "x");
    B("7", "getattr", "(isi)", NULL, 1, "x", 7);
    B("False", "hasattr", "(is)", NULL, 1, "x");
    B("True", "hasattr", "([]s)", NULL, "append");
    B("TypeError: vars() argument must have __dict__ attribute", "vars", "(i)", NULL, 1);
    /* setattr and getattr on a class made at run time, and dir() sees it. */
    MoObject *cls = mt_ok(MoClass_New("C", NULL));
    MoObject *inst = mt_ok(MoObject_CallNoArgs(cls));
    MoObject *args = Mo_BuildValue("(OsO)", inst, "zeta", Mo_True);
    pu_assert_text(pu_call_objects("builtins", "setattr", args, NULL), "None");
    Mo_DECREF(args);
    B("True", "getattr", "(Os)", NULL, inst, "zeta");
    B("{'zeta': True}", "vars", "(O)", NULL, inst);
    MoObject *dir = pu_attr("builtins", "dir");
    MoObject *names = mt_ok(MoObject_CallOneArg(dir, inst)), *zeta = MoUnicode_FromString("zeta");
    ck_assert_int_eq(MoSequence_Contains(names, zeta), 1);
    Mo_DECREF(zeta);
    Mo_DECREF(names);
    Mo_DECREF(dir);
    B("None", "delattr", "(Os)", NULL, inst, "zeta");
    B("False", "hasattr", "(Os)", NULL, inst, "zeta");
    Mo_DECREF(inst);
    Mo_DECREF(cls);
    MoGC_Collect();
}
END_TEST

/* A stand-in for the interpreter's locals(). */
static MoObject *fake_locals(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    return Mo_BuildValue("{s:i,s:i}", "b", 1, "a", 2);
}
static MoMethodDef fake_locals_def = { "locals", fake_locals, METH_NOARGS, NULL };

/* dir() and vars() without an argument ask the locals() the interpreter adds. */
START_TEST(no_argument_forms_use_locals)
{
    MoObject *m = mt_ok(MoImport_ImportModule("builtins"));
    MoObject *f = mt_ok(MoCFunction_NewEx(&fake_locals_def, NULL));
    ck_assert_int_eq(MoObject_SetAttrString(m, "locals", f), 0);
    B("['a', 'b']", "dir", "()", NULL);
    B("{'b': 1, 'a': 2}", "vars", "()", NULL);
    B("TypeError: dir expected at most 1 argument, got 2", "dir", "(ii)", NULL, 1, 2);
    Mo_DECREF(f);
    Mo_DECREF(m);
}
END_TEST

START_TEST(print_writes_str_of_each)
{
    fflush(stdout);
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    FILE *saved = stdout;
    stdout = mem;
    pu_call("builtins", "print", "(sis)", "{s:s,s:s}", "a", 1, "b", "sep", "-", "end", "!\n");
    pu_call("builtins", "print", "()", NULL);
    const char *bad = pu_call("builtins", "print", "()", "{s:i}", "sep", 1);
    stdout = saved;
    fclose(mem);
    ck_assert_str_eq(text, "a-1-b!\n\n");
    free(text);
    ck_assert_str_eq(bad, "TypeError: sep must be None or a string, not int");
}
END_TEST

START_TEST(numbers)
{
    B("'0xff'", "hex", "(i)", NULL, 255);
    B("'-0x1'", "hex", "(i)", NULL, -1);
    B("'0x0'", "hex", "(i)", NULL, 0);
    B("'0o10'", "oct", "(i)", NULL, 8);
    B("'0b101'", "bin", "(i)", NULL, 5);
    B("TypeError: 'float' object cannot be interpreted as an integer", "hex", "(d)", NULL, 1.5);
    MoObject *big = mt_ok(MoLong_FromString("1267650600228229401496703205376"));   /* 2**100 */
    B("'0x10000000000000000000000000'", "hex", "(O)", NULL, big);
    Mo_DECREF(big);
    B("5", "abs", "(i)", NULL, -5);
    B("TypeError: bad operand type for abs(): 'str'", "abs", "(s)", NULL, "a");
    B("(2, 1)", "divmod", "(ii)", NULL, 7, 3);
    B("(-3, 2)", "divmod", "(ii)", NULL, -7, 3);
    B("ZeroDivisionError: integer division or modulo by zero", "divmod", "(ii)", NULL, 1, 0);
    B("1024", "pow", "(ii)", NULL, 2, 10);
    B("4", "pow", "(iii)", NULL, 2, 10, 5);
    B("3", "pow", "(iii)", NULL, 2, -1, 5);
    B("-1", "pow", "(iii)", NULL, 2, 2, -5);
    B("ValueError: pow() 3rd argument cannot be 0", "pow", "(iii)", NULL, 2, 3, 0);
    B("TypeError: pow() 3rd argument not allowed unless all arguments are integers", "pow", "(dii)", NULL, 2.0, 3, 5);
    B("2", "round", "(d)", NULL, 2.5);
    B("4", "round", "(d)", NULL, 3.5);
    B("2.67", "round", "(di)", NULL, 2.675, 2);
    B("1200", "round", "(ii)", NULL, 1250, -2);
    B("1400", "round", "(ii)", NULL, 1350, -2);
    B("TypeError: type str doesn't define __round__ method", "round", "(s)", NULL, "a");
    B("'a'", "chr", "(i)", NULL, 97);
    B("'\xe2\x82\xac'", "chr", "(i)", NULL, 0x20ac);
    B("ValueError: chr() arg not in range(0x110000)", "chr", "(i)", NULL, -1);
    B("97", "ord", "(s)", NULL, "a");
    B("8364", "ord", "(s)", NULL, "\xe2\x82\xac");
    B("TypeError: ord() expected a character, but string of length 2 found", "ord", "(s)", NULL, "ab");
    B("TypeError: ord() expected string of length 1, but int found", "ord", "(i)", NULL, 1);
}
END_TEST

START_TEST(iteration)
{
    B("6", "sum", "([iii])", NULL, 1, 2, 3);
    B("16", "sum", "([iii])", "{s:i}", 1, 2, 3, "start", 10);
    B("2.5", "sum", "([dd])", NULL, 1.0, 1.5);
    B("TypeError: sum() can't sum strings [use ''.join(seq) instead]", "sum", "([s]s)", NULL, "a", "");
    B("TypeError: sum() takes at least 1 positional argument (0 given)", "sum", "()", NULL);
    B("TypeError: 'int' object is not iterable", "sum", "(i)", NULL, 1);
    B("1", "min", "([iii])", NULL, 3, 1, 2);
    B("3", "max", "(iii)", NULL, 3, 1, 2);
    B("ValueError: max() arg is an empty sequence", "max", "([])", NULL);
    B("5", "max", "([])", "{s:i}", "default", 5);
    B("TypeError: min expected at least 1 argument, got 0", "min", "()", NULL);
    B("TypeError: Cannot specify a default for max() with multiple positional arguments", "max", "(ii)", "{s:i}",
      1, 2, "default", 3);
    B("TypeError: 'foo' is an invalid keyword argument for max()", "max", "(ii)", "{s:i}", 1, 2, "foo", 3);
    B("[1, 2, 3]", "sorted", "([iii])", NULL, 3, 1, 2);
    B("[3, 2, 1]", "sorted", "([iii])", "{s:O}", 3, 1, 2, "reverse", Mo_True);
    B("TypeError: sorted expected 1 argument, got 0", "sorted", "()", NULL);
    B("TypeError: '<' not supported between instances of 'str' and 'int'", "sorted", "([is])", NULL, 1, "a");
    B("True", "all", "([ii])", NULL, 1, 2);
    B("False", "all", "([ii])", NULL, 1, 0);
    B("True", "any", "([ii])", NULL, 0, 2);
    B("False", "any", "([])", NULL);
    B("TypeError: 'list' object is not an iterator", "next", "([])", NULL);
    B("TypeError: 'list' object is not an iterator", "next", "([]i)", NULL, 9);   /* even with a default */
}
END_TEST

/* sorted(key=len) is stable: equal keys keep their order; min/max keep the first. */
START_TEST(sorted_with_key_is_stable)
{
    MoObject *len = pu_attr("builtins", "len");
    B("['b', 'd', 'aa', 'cc']", "sorted", "([ssss])", "{s:O}", "aa", "b", "cc", "d", "key", len);
    B("['aa', 'cc', 'b', 'd']", "sorted", "([ssss])", "{s:O,s:O}", "aa", "b", "cc", "d", "key", len, "reverse",
      Mo_True);
    B("'aa'", "max", "([sss])", "{s:O}", "aa", "b", "cc", "key", len);
    B("'b'", "min", "([sss])", "{s:O}", "aa", "b", "d", "key", len);
    Mo_DECREF(len);
}
END_TEST

/* list(type(*args)) for an iterator type of builtins. */
#define ITER(expected, fn, ...)                                                      \
    do {                                                                             \
        MoObject *t = pu_attr("builtins", fn), *a = Mo_BuildValue(__VA_ARGS__);      \
        MoObject *it = MoObject_Call(t, a, NULL);                                    \
        pu_assert_text(pu_text(it ? MoSequence_List(it) : NULL), expected);          \
        Mo_XDECREF(it);                                                              \
        Mo_DECREF(a);                                                                \
        Mo_DECREF(t);                                                                \
    } while (0)

START_TEST(iterator_types)
{
    ITER("[(0, 'a'), (1, 'b')]", "enumerate", "([ss])", "a", "b");
    ITER("[(5, 'a'), (6, 'b')]", "enumerate", "([ss]i)", "a", "b", 5);
    ITER("[(1, 'a'), (2, 'b')]", "zip", "([iii][ss])", 1, 2, 3, "a", "b");
    ITER("[]", "zip", "()");
    ITER("[3, 2, 1]", "reversed", "([iii])", 1, 2, 3);
    ITER("[2, 1, 0]", "reversed", "(N)", mt_ok(MoRange_New(0, 3, 1)));
    ITER("TypeError: 'int' object is not reversible", "reversed", "(i)", 1);
    ITER("TypeError: 'dict' object is not reversible", "reversed", "({})");
    ITER("TypeError: 'int' object is not iterable", "enumerate", "(i)", 1);
    MoObject *len = pu_attr("builtins", "len"), *abs_ = pu_attr("builtins", "abs");
    ITER("[1, 2]", "map", "(O[ss])", len, "a", "bb");
    ITER("TypeError: map() must have at least two arguments.", "map", "(O)", len);
    ITER("[1, 2]", "filter", "(O[iii])", abs_, 0, 1, 2);
    ITER("[1, 2]", "filter", "(O[iii])", Mo_None, 0, 1, 2);
    ITER("TypeError: filter expected 2 arguments, got 1", "filter", "(O)", len);
    Mo_DECREF(len);
    Mo_DECREF(abs_);
}
END_TEST

/* zip(strict=True) names the argument that ran out first. */
START_TEST(zip_strict)
{
    MoObject *zip = pu_attr("builtins", "zip"), *list = pu_attr("builtins", "list");
    MoObject *args = Mo_BuildValue("([i][ii])", 1, 1, 2), *kw = Mo_BuildValue("{s:O}", "strict", Mo_True);
    MoObject *z = mt_ok(MoObject_Call(zip, args, kw));
    pu_assert_text(pu_text(MoObject_CallOneArg(list, z)), "ValueError: zip() argument 2 is longer than argument 1");
    Mo_DECREF(z);
    Mo_DECREF(args);
    args = Mo_BuildValue("([ii][i])", 1, 2, 1);
    z = mt_ok(MoObject_Call(zip, args, kw));
    pu_assert_text(pu_text(MoObject_CallOneArg(list, z)), "ValueError: zip() argument 2 is shorter than argument 1");
    Mo_DECREF(z);
    Mo_DECREF(args);
    Mo_DECREF(kw);
    Mo_DECREF(zip);
    Mo_DECREF(list);
}
END_TEST

/* iter(f, sentinel) calls f until it returns the sentinel. */
START_TEST(iter_with_sentinel)
{
    MoObject *items = Mo_BuildValue("[iii]", 1, 2, 3);
    MoObject *pop = mt_ok(MoObject_GetAttrString(items, "pop"));
    MoObject *list = pu_attr("builtins", "list");
    MoObject *iter = pu_attr("builtins", "iter");
    MoObject *it = mt_ok(MoObject_CallFunction(iter, "Oi", pop, 1));
    Mo_DECREF(iter);
    pu_assert_text(pu_text(MoObject_CallOneArg(list, it)), "[3, 2]");
    B("TypeError: iter(v, w): v must be callable", "iter", "(ii)", NULL, 1, 2);
    Mo_DECREF(it);
    Mo_DECREF(list);
    Mo_DECREF(pop);
    Mo_DECREF(items);
}
END_TEST

START_TEST(constructors)
{
    B("'5'", "str", "(i)", NULL, 5);
    B("''", "str", "()", NULL);
    B("7.5", "float", "(s)", NULL, " 7.5 ");
    B("1000.0", "float", "(s)", NULL, "1_000");
    B("inf", "float", "(s)", NULL, "inf");
    B("ValueError: could not convert string to float: 'x'", "float", "(s)", NULL, "x");
    B("TypeError: float() argument must be a string or a real number, not 'list'", "float", "([])", NULL);
    B("b'\\x00\\x00'", "bytes", "(i)", NULL, 2);
    B("b'AB'", "bytes", "([ii])", NULL, 65, 66);
    B("TypeError: string argument without an encoding", "bytes", "(s)", NULL, "a");
    B("ValueError: bytes must be in range(0, 256)", "bytes", "([i])", NULL, 256);
    B("(1+2j)", "complex", "(ii)", NULL, 1, 2);
    B("(1-2j)", "complex", "(s)", NULL, "1-2j");
    B("ValueError: complex() arg is a malformed string", "complex", "(s)", NULL, "x");
}
END_TEST

START_TEST(format_spec)
{
    B("'  42'", "format", "(is)", NULL, 42, "4");
    B("'42  '", "format", "(is)", NULL, 42, "<4");
    B("'0042'", "format", "(is)", NULL, 42, "04");
    B("'-0042'", "format", "(is)", NULL, -42, "05");
    B("'1,234,567'", "format", "(is)", NULL, 1234567, ",");
    B("'0xff'", "format", "(is)", NULL, 255, "#x");
    B("'FF'", "format", "(is)", NULL, 255, "X");
    B("'3.14'", "format", "(ds)", NULL, 3.14159, ".2f");
    B("'  3.1'", "format", "(ds)", NULL, 3.14159, "5.1f");
    B("'1.50e+03'", "format", "(ds)", NULL, 1500.0, ".2e");
    B("'50.0%'", "format", "(ds)", NULL, 0.5, ".1%");
    B("'**ab**'", "format", "(ss)", NULL, "ab", "*^6");
    B("'ab   '", "format", "(ss)", NULL, "ab", "5");
    B("'2.5'", "format", "(d)", NULL, 2.5);
    B("ValueError: Unknown format code 'q' for object of type 'int'", "format", "(is)", NULL, 1, "q");
    B("ValueError: Unknown format code 'd' for object of type 'str'", "format", "(ss)", NULL, "a", "d");
    B("ValueError: Unknown format code 'd' for object of type 'float'", "format", "(ds)", NULL, 1.5, "d");
}
END_TEST

Suite *builtins_suite(void)
{
    Suite *s = suite_create("builtins");
    TCase *tc = mt_tcase("builtins");
    tcase_add_test(tc, types_are_the_runtimes);
    tcase_add_test(tc, objects);
    tcase_add_test(tc, attributes);
    tcase_add_test(tc, no_argument_forms_use_locals);
    tcase_add_test(tc, print_writes_str_of_each);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, iteration);
    tcase_add_test(tc, sorted_with_key_is_stable);
    tcase_add_test(tc, iterator_types);
    tcase_add_test(tc, zip_strict);
    tcase_add_test(tc, iter_with_sentinel);
    tcase_add_test(tc, constructors);
    tcase_add_test(tc, format_spec);
    suite_add_tcase(s, tc);
    return s;
}
