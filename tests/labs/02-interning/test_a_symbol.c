/* Lab 02 grader, part A: Symbol, an interned name (labs/02-interning/symbol.h).
 *
 * The tests check identities (one symbol per name), counts (every symbol handed out
 * is a new reference; the table adds none), that a symbol dies when its last outside
 * reference goes, and that equality and hash work by identity. Names are made at run
 * time (MoUnicode_FromString), so that two equal names are two str objects.
 */
#include <string.h>
#include "harness.h"
#include "symbol.h"

MG_LAB_SETUP(Symbol_Ready)

/* ------------------------------------------------------------------ helpers */

/* new: a str made at run time. */
static MoObject *text(const char *s)
{
    return mg_ok(MoUnicode_FromString(s), "MoUnicode_FromString");
}

/* new */
static MoObject *symbol(const char *s)
{
    MoObject *sym = Symbol_FromString(s);
    ck_assert_msg(sym != NULL, "Symbol_FromString(\"%s\") returned NULL (%s)", s, mg_exc_text());
    return sym;
}

static void expect_count(Mo_ssize_t expected, const char *when)
{
    Mo_ssize_t got = Symbol_Count();
    ck_assert_msg(got == expected, "Symbol_Count() %s is %zd, expected %zd", when, got, expected);
}

/* -------------------------------------------------------------- the basics */

MG_TEST(symbol_new_is_a_symbol, 3, "Symbol_FromString returns a lab02.Symbol with refcount 1 and its name")
{
    MoObject *s = symbol("alpha");
    ck_assert_msg(Mo_TYPE(s) == &Symbol_Type, "Symbol_FromString returned a '%s' object, expected a 'lab02.Symbol'",
                  Mo_TYPE(s)->tp_name);
    mg_assert_refcnt(s, 1, "a new symbol (the table holds no reference)");
    ck_assert_msg(_MoUnicode_EqualToASCIIString(Symbol_Name(s), "alpha"), "the symbol's name is not 'alpha'");
    expect_count(1, "with one symbol alive");
    Mo_DECREF(s);
}

MG_TEST(symbol_same_name_same_object, 5, "two requests for equal names give one symbol, whatever str objects carry the names")
{
    MoObject *n1 = text("alpha"), *n2 = text("alpha");
    MoObject *a = mg_ok(Symbol_New(n1), "Symbol_New('alpha')");
    MoObject *b = mg_ok(Symbol_New(n2), "Symbol_New('alpha') again, from another str");
    ck_assert_msg(Mo_Is(a, b), "Symbol_New of two equal names returned two different symbols");
    MoObject *c = symbol("alpha");
    ck_assert_msg(Mo_Is(a, c), "Symbol_FromString(\"alpha\") is not the symbol Symbol_New('alpha') returned");
    expect_count(1, "after three requests for 'alpha'");
    Mo_DECREF(c);
    Mo_DECREF(b);
    Mo_DECREF(a);
    Mo_DECREF(n1);
    Mo_DECREF(n2);
}

MG_TEST(symbol_different_names, 2, "different names give different symbols")
{
    MoObject *a = symbol("alpha"), *b = symbol("beta");
    ck_assert_msg(!Mo_Is(a, b), "'alpha' and 'beta' gave the same symbol");
    expect_count(2, "with 'alpha' and 'beta' alive");
    Mo_DECREF(a);
    Mo_DECREF(b);
}

MG_TEST(symbol_new_rejects_non_str, 3, "Symbol_New of a non-str: NULL with TypeError 'symbol name must be str, not int'")
{
    MoObject *n = MoLong_FromLong(1000);
    MoObject *s = Symbol_New(n);
    ck_assert_msg(s == NULL, "Symbol_New(1000) returned an object, expected NULL");
    mg_assert_exc(MoExc_TypeError, "symbol name must be str, not 'int'", "Symbol_New(1000)");
    expect_count(0, "after a rejected name");
    Mo_DECREF(n);
}

MG_TEST(symbol_hit_is_new_reference, 4, "a symbol found in the table is returned as a new reference: its count goes up by one")
{
    MoObject *a = symbol("alpha");
    MoObject *b = symbol("alpha");
    mg_assert_refcnt(a, 2, "'alpha' requested twice (two references handed out)");
    MoObject *c = symbol("alpha");
    mg_assert_refcnt(a, 3, "'alpha' requested three times");
    Mo_DECREF(c);
    Mo_DECREF(b);
    mg_assert_refcnt(a, 1, "'alpha' after two of the three references were released");
    Mo_DECREF(a);
}

/* ------------------------------------------------------------- the table */

MG_TEST(symbol_table_does_not_keep_alive, 6, "the table holds no reference: a symbol dies with its last reference and leaves the table")
{
    Mo_ssize_t before = mg_live();
    MoObject *a = symbol("alpha");
    expect_count(1, "with 'alpha' alive");
    Mo_DECREF(a);
    mg_assert_no_new_objects(before, "after the only reference to the symbol 'alpha' was released");
    expect_count(0, "after 'alpha' died");
    MoObject *again = symbol("alpha");
    mg_assert_refcnt(again, 1, "'alpha' made again after the first one died");
    expect_count(1, "with the new 'alpha' alive");
    Mo_DECREF(again);
    expect_count(0, "at the end");
}

MG_TEST(symbol_dealloc_releases_name, 4, "a dying symbol releases its name, once")
{
    MoObject *name = text("gamma");
    MoObject *s = mg_ok(Symbol_New(name), "Symbol_New('gamma')");
    ck_assert_msg(Symbol_Name(s) == name || _MoUnicode_Equal(Symbol_Name(s), name), "the symbol's name is not 'gamma'");
    Mo_DECREF(s);
    mg_assert_refcnt(name, 1, "the name 'gamma' after its symbol died (only yours left)");
    Mo_DECREF(name);
}

MG_TEST(symbol_many, 3, "1000 names requested twice each: 1000 symbols, all gone once released")
{
    static MoObject *syms[1000];
    char buf[32];
    Mo_ssize_t before = mg_live();
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "name_%d", i);
        syms[i] = symbol(buf);
    }
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "name_%d", i);
        MoObject *again = symbol(buf);
        if (again != syms[i])
            ck_abort_msg("Symbol_FromString(\"%s\") the second time is another symbol", buf);
        Mo_DECREF(again);
    }
    expect_count(1000, "with 1000 symbols alive");
    for (int i = 0; i < 1000; i++)
        Mo_DECREF(syms[i]);
    expect_count(0, "after all 1000 were released");
    mg_assert_no_new_objects(before, "after all 1000 symbols were released");
}

MG_TEST(symbol_from_reused_buffer, 4, "Symbol_FromString depends on the text's value, not on the buffer that held it")
{
    char buf[16];
    strcpy(buf, "alpha");
    MoObject *a = Symbol_FromString(buf);
    ck_assert_msg(a != NULL, "Symbol_FromString(buf holding \"alpha\") returned NULL (%s)", mg_exc_text());
    strcpy(buf, "omega");   /* the caller reuses its buffer */
    MoObject *b = Symbol_FromString(buf);
    ck_assert_msg(b != NULL, "Symbol_FromString(buf now holding \"omega\") returned NULL (%s)", mg_exc_text());
    ck_assert_msg(!Mo_Is(a, b), "the buffer now holds \"omega\", and Symbol_FromString returned the symbol 'alpha'");
    ck_assert_msg(_MoUnicode_EqualToASCIIString(Symbol_Name(b), "omega"), "the second symbol is not named 'omega'");
    ck_assert_msg(_MoUnicode_EqualToASCIIString(Symbol_Name(a), "alpha"), "the first symbol's name changed with the buffer");
    Mo_DECREF(a);
    Mo_DECREF(b);
}

/* ------------------------------------------------------ repr, hash, compare */

MG_TEST(symbol_repr, 3, "repr(symbol) is Symbol('alpha'), and every temporary is released")
{
    MoObject *s = symbol("alpha");
    mg_assert_repr(s, "Symbol('alpha')", "the symbol 'alpha'");
    Mo_DECREF(s);
}

MG_TEST(symbol_eq_is_identity, 4, "== and != compare identity: a symbol equals itself only, never its name; < raises TypeError")
{
    MoObject *a = symbol("alpha"), *b = symbol("beta"), *name = text("alpha");
    ck_assert_msg(MoObject_RichCompareBool(a, a, MO_EQ) == 1, "symbol == itself is not True");
    ck_assert_msg(MoObject_RichCompareBool(a, b, MO_EQ) == 0, "Symbol('alpha') == Symbol('beta') is not False");
    MoObject *r = mg_ok(MoObject_RichCompare(a, name, MO_EQ), "Symbol('alpha') == 'alpha'");
    ck_assert_msg(r == Mo_False, "Symbol('alpha') == 'alpha' (the str) is not False: symbols compare by identity");
    Mo_DECREF(r);
    r = mg_ok(MoObject_RichCompare(a, name, MO_NE), "Symbol('alpha') != 'alpha'");
    ck_assert_msg(r == Mo_True, "Symbol('alpha') != 'alpha' (the str) is not True");
    Mo_DECREF(r);
    r = MoObject_RichCompare(a, b, MO_LT);
    ck_assert_msg(r == NULL, "Symbol('alpha') < Symbol('beta') returned a value, expected TypeError");
    mg_assert_exc(MoExc_TypeError, "'<' not supported between instances of 'lab02.Symbol' and 'lab02.Symbol'",
                  "Symbol('alpha') < Symbol('beta')");
    Mo_DECREF(name);
    Mo_DECREF(a);
    Mo_DECREF(b);
}

MG_TEST(symbol_hash_is_identity, 3, "hash(symbol) is the identity hash of object.__hash__, not the hash of its name")
{
    MoObject *a = symbol("alpha");
    Mo_hash_t h = MoObject_Hash(a);
    mg_assert_no_exc("hash(Symbol('alpha'))");
    ck_assert_msg(h == Symbol_IdentityHash(a), "hash(Symbol('alpha')) is %ld, expected the identity hash %ld", (long)h,
                  (long)Symbol_IdentityHash(a));
    Mo_DECREF(a);
}

MG_TEST(symbol_as_dict_key, 3, "a dict keyed by symbols finds the symbol, not its name")
{
    MoObject *a = symbol("alpha"), *d = MoDict_New(), *one = MoLong_FromLong(1), *name = text("alpha");
    ck_assert_int_eq(MoDict_SetItem(d, a, one), 0);
    MoObject *again = symbol("alpha");
    ck_assert_msg(MoDict_GetItem(d, again) == one, "d[Symbol('alpha')] not found with the same symbol");
    ck_assert_msg(MoDict_GetItem(d, name) == NULL, "d['alpha'] (the str) found the symbol's entry");
    mg_assert_no_exc("the dict lookups");
    Mo_DECREF(again);
    Mo_DECREF(name);
    Mo_DECREF(one);
    Mo_DECREF(d);
    Mo_DECREF(a);
}

MG_TEST(symbol_out_of_memory, 3, "when memory runs out: NULL with MemoryError, nothing leaked, the table unchanged")
{
    MoObject *keep = symbol("kept");
    MoObject *name = text("fresh");
    for (long budget = 0; budget < 50; budget++) {
        Mo_ssize_t before = mg_live();
        mg_alloc_limit(budget);
        MoObject *s = Symbol_New(name);
        int failed = mg_alloc_failed();
        mg_alloc_unlimited();
        if (s != NULL) {
            mg_assert_no_exc("a Symbol_New that succeeded");
            Mo_DECREF(s);
            if (!failed)
                break;
            continue;
        }
        mg_assert_exc(MoExc_MemoryError, NULL, "Symbol_New('fresh') with allocations failing");
        mg_assert_no_new_objects(before, "after a Symbol_New that failed for want of memory");
        expect_count(1, "after a Symbol_New that failed (only 'kept' alive)");
    }
    MoObject *k = symbol("kept");
    ck_assert_msg(Mo_Is(k, keep), "after the failures, 'kept' is another symbol");
    Mo_DECREF(k);
    Mo_DECREF(name);
    Mo_DECREF(keep);
}
