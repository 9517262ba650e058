/* Classes made by MoType_FromNameBasesDict on str, bytes, tuple, float, set and
 * frozenset: instances laid out as CPython 3.11 lays them out (str's legacy
 * two-block header, var-sized bytes and tuple with the dict pointer after the
 * items), made by the base's tp_new, freed by the base's dealloc. The figures
 * are what python3 (3.11) prints for `class S(str): pass` and friends. */
#include "testutil.h"

/* new: type(name, (base,), {} or ns). */
static MoObject *derive(const char *name, MoTypeObject *base, MoObject *ns)
{
    MoObject *n = mt_ok(MoUnicode_FromString(name));
    MoObject *bases = mt_ok(MoTuple_Pack(1, (MoObject *)base));
    MoObject *d = ns != NULL ? Mo_NewRef(ns) : mt_ok(MoDict_New());
    MoObject *cls = MoType_FromNameBasesDict(n, bases, d);
    Mo_DECREF(n);
    Mo_DECREF(bases);
    Mo_DECREF(d);
    return cls;
}

/* o.name = v, then v read back as what repr says. */
static void set_and_check(MoObject *o, const char *name, MoObject *v, const char *repr)
{
    ck_assert_int_eq(MoObject_SetAttrString(o, name, v), 0);
    MoObject *back = mt_ok(MoObject_GetAttrString(o, name));
    mt_assert_repr(back, repr);
    Mo_DECREF(back);
}

/* o.me = o: a cycle only the collector frees, counting o and, unless the dict
   is managed and still inline, its dict. */
static void assert_cycle_collected(MoObject *cls, MoObject *value, Mo_ssize_t expected)
{
    MoGC_Collect();
    MoObject *o = mt_ok(MoObject_CallOneArg(cls, value));
    ck_assert_int_eq(MoObject_SetAttrString(o, "me", o), 0);
    Mo_DECREF(o);
    ck_assert_int_eq(MoGC_Collect(), expected);
}

/* str: the legacy header (80 bytes counted, the weakref slot after it not), the
   characters in their own block, the hash and comparisons of the value. */
START_TEST(test_builtins_str_subclass)
{
    MoObject *S = mt_ok(derive("S", &MoUnicode_Type, NULL));
    MoTypeObject *t = (MoTypeObject *)S;
    ck_assert_int_eq(t->tp_basicsize, 88);
    ck_assert_int_eq(t->tp_weaklistoffset, 80);
    ck_assert_int_eq(t->tp_dictoffset, -112);
    const char *texts[] = {"abc", "", "h\xc3\xa9", "\xe2\x82\xac"};
    Mo_ssize_t sizes[] = {116, 113, 115, 116};
    for (size_t i = 0; i < 4; i++) {
        MoObject *v = mt_ok(MoUnicode_FromString(texts[i]));
        MoObject *o = mt_ok(MoObject_CallOneArg(S, v));
        ck_assert_ptr_eq(Mo_TYPE(o), t);
        ck_assert_int_eq(MoUnicode_IS_COMPACT(o), 0);
        ck_assert_int_eq(MoSys_GetSizeOf(o), sizes[i]);
        ck_assert_int_eq(MoObject_RichCompareBool(o, v, MO_EQ), 1);
        ck_assert_int_eq(MoObject_Hash(o), MoObject_Hash(v));
        ck_assert_str_eq(MoUnicode_AsUTF8(o), texts[i]);   /* a UTF-8 copy kept with o, freed with it */
        MoObject *s = mt_ok(MoObject_Str(o));
        ck_assert_ptr_eq(Mo_TYPE(s), &MoUnicode_Type);
        ck_assert_int_eq(MoObject_RichCompareBool(s, v, MO_EQ), 1);
        MoObject *w = mt_ok(MoWeakref_NewRef(o, NULL));   /* the slot at 80 */
        ck_assert_ptr_eq(MoWeakref_GetObject(w), o);
        set_and_check(o, "x", Mo_None, "None");
        Mo_DECREF(w);
        Mo_DECREF(s);
        Mo_DECREF(o);
        Mo_DECREF(v);
    }
    MoObject *v = mt_ok(MoUnicode_FromString("k"));
    assert_cycle_collected(S, v, 2);   /* not made by object.__new__: a real dict */
    Mo_DECREF(v);
    Mo_DECREF(S);
}
END_TEST

/* bytes and tuple: var-sized, the dict pointer after the items (dictoffset -8),
   no weakref slot; the items survive attribute stores. */
START_TEST(test_builtins_var_sized_subclasses)
{
    MoObject *B = mt_ok(derive("B", &MoBytes_Type, NULL));
    MoObject *T = mt_ok(derive("T", &MoTuple_Type, NULL));
    ck_assert_int_eq(((MoTypeObject *)B)->tp_basicsize, 41);
    ck_assert_int_eq(((MoTypeObject *)B)->tp_dictoffset, -8);
    ck_assert_int_eq(((MoTypeObject *)T)->tp_basicsize, 32);
    ck_assert_int_eq(((MoTypeObject *)T)->tp_weaklistoffset, 0);
    MoObject *bv = mt_ok(MoBytes_FromString("abc"));
    MoObject *b = mt_ok(MoObject_CallOneArg(B, bv));
    ck_assert_int_eq(MoSys_GetSizeOf(b), 60);
    ck_assert_int_eq(MoObject_Hash(b), MoObject_Hash(bv));
    set_and_check(b, "x", bv, "b'abc'");
    ck_assert_str_eq(MoBytes_AS_STRING(b), "abc");   /* the NUL too: the dict sits past it */
    mt_assert_repr(b, "b'abc'");
    ck_assert_ptr_null(MoWeakref_NewRef(b, NULL));
    mt_assert_exc(MoExc_TypeError, "cannot create weak reference to 'B' object");
    MoObject *tv = mt_ok(Mo_BuildValue("(is)", 1, "two"));
    MoObject *tup = mt_ok(MoObject_CallOneArg(T, tv));
    ck_assert_int_eq(MoSys_GetSizeOf(tup), 64);
    set_and_check(tup, "x", tv, "(1, 'two')");
    mt_assert_repr(tup, "(1, 'two')");
    ck_assert_int_eq(MoObject_Hash(tup), MoObject_Hash(tv));
    assert_cycle_collected(B, bv, 2);
    assert_cycle_collected(T, tv, 2);
    /* a cycle through an item: the tuple's own traverse is followed */
    MoObject *inner = mt_ok(MoList_New(0));
    MoObject *holder = mt_ok(MoTuple_Pack(1, inner));
    MoObject *t2 = mt_ok(MoObject_CallOneArg(T, holder));
    ck_assert_int_eq(MoList_Append(inner, t2), 0);
    Mo_DECREF(t2);
    Mo_DECREF(holder);
    Mo_DECREF(inner);
    ck_assert_int_eq(MoGC_Collect(), 2);
    Mo_DECREF(tup);
    Mo_DECREF(tv);
    Mo_DECREF(b);
    Mo_DECREF(bv);
    Mo_DECREF(T);
    Mo_DECREF(B);
}
END_TEST

/* float: a weakref slot and a managed dict after the value; a subclass's
   instance never lands on float's free list. */
START_TEST(test_builtins_float_subclass)
{
    MoObject *F = mt_ok(derive("F", &MoFloat_Type, NULL));
    ck_assert_int_eq(((MoTypeObject *)F)->tp_basicsize, 32);
    ck_assert_int_eq(((MoTypeObject *)F)->tp_dictoffset, -56);
    MoObject *v = mt_ok(MoFloat_FromDouble(1.5));
    MoObject *o = mt_ok(MoObject_CallOneArg(F, v));
    ck_assert_int_eq(MoSys_GetSizeOf(o), 64);
    ck_assert(MoFloat_AsDouble(o) == 1.5);
    ck_assert_int_eq(MoObject_Hash(o), MoObject_Hash(v));
    set_and_check(o, "x", v, "1.5");
    int before = _MoFloat_FreeListSize();
    Mo_DECREF(o);
    ck_assert_int_eq(_MoFloat_FreeListSize(), before);
    assert_cycle_collected(F, v, 2);
    MoObject *text = mt_ok(MoUnicode_FromString(" 1_0.25e1 "));
    o = mt_ok(MoObject_CallOneArg(F, text));
    mt_assert_repr(o, "102.5");
    Mo_DECREF(o);
    Mo_DECREF(text);
    Mo_DECREF(v);
    Mo_DECREF(F);
}
END_TEST

/* set and frozenset: their own weakref slot (192), a managed dict; a frozenset
   subclass hashes as the frozenset of its items. */
START_TEST(test_builtins_set_subclasses)
{
    MoObject *St = mt_ok(derive("St", &MoSet_Type, NULL));
    MoObject *FS = mt_ok(derive("FS", &MoFrozenSet_Type, NULL));
    ck_assert_int_eq(((MoTypeObject *)St)->tp_basicsize, 200);
    ck_assert_int_eq(((MoTypeObject *)FS)->tp_dictoffset, -224);
    MoObject *items = mt_ok(Mo_BuildValue("[ii]", 1, 2));
    MoObject *s = mt_ok(MoObject_CallOneArg(St, items));
    MoObject *f = mt_ok(MoObject_CallOneArg(FS, items));
    MoObject *exact = mt_ok(MoFrozenSet_New(items));
    ck_assert_int_eq(MoSys_GetSizeOf(s), 232);
    mt_assert_repr(s, "St({1, 2})");
    mt_assert_repr(f, "FS({1, 2})");
    ck_assert_int_eq(MoObject_Hash(f), MoObject_Hash(exact));
    ck_assert_int_eq(MoObject_RichCompareBool(s, exact, MO_EQ), 1);
    ck_assert_int_eq(MoObject_Hash(s), -1);
    mt_assert_exc(MoExc_TypeError, "unhashable type: 'St'");
    MoObject *w = mt_ok(MoWeakref_NewRef(f, NULL));
    Mo_DECREF(f);
    ck_assert_ptr_eq(MoWeakref_GetObject(w), Mo_None);
    assert_cycle_collected(St, items, 2);
    Mo_DECREF(w);
    Mo_DECREF(exact);
    Mo_DECREF(s);
    Mo_DECREF(items);
    Mo_DECREF(FS);
    Mo_DECREF(St);
}
END_TEST

/* Items leave no room for __slots__: any name, even "__dict__", is refused. */
START_TEST(test_builtins_var_sized_slots_refused)
{
    MoTypeObject *bases[] = {&MoTuple_Type, &MoBytes_Type, &MoLong_Type};
    const char *msgs[] = {"nonempty __slots__ not supported for subtype of 'tuple'",
                          "nonempty __slots__ not supported for subtype of 'bytes'",
                          "nonempty __slots__ not supported for subtype of 'int'"};
    for (int i = 0; i < 3; i++) {
        MoObject *ns = mt_ok(Mo_BuildValue("{s(s)}", "__slots__", "__dict__"));
        ck_assert_ptr_null(derive("X", bases[i], ns));
        mt_assert_exc(MoExc_TypeError, msgs[i]);
        Mo_DECREF(ns);
    }
    MoObject *ns = mt_ok(Mo_BuildValue("{s()}", "__slots__"));
    MoObject *T = mt_ok(derive("T", &MoTuple_Type, ns));   /* empty __slots__: no dict */
    ck_assert_int_eq(((MoTypeObject *)T)->tp_dictoffset, 0);
    ck_assert_int_eq(((MoTypeObject *)T)->tp_basicsize, 24);
    Mo_DECREF(T);
    Mo_DECREF(ns);
}
END_TEST

/* C.name for a special method of a static type: an unbound slot wrapper made
   on demand (static types' dicts hold none), called with the instance first;
   a class made on list finds list's through its MRO. */
START_TEST(test_builtins_unbound_slot_wrappers)
{
    MoObject *add = mt_ok(MoObject_GetAttrString((MoObject *)&MoLong_Type, "__add__"));
    mt_assert_repr(add, "<slot wrapper '__add__' of 'int' objects>");
    MoObject *three = mt_ok(MoObject_CallFunction(add, "ii", 1, 2));
    mt_assert_repr(three, "3");
    ck_assert_ptr_null(MoObject_CallFunction(add, "si", "x", 2));
    mt_assert_exc(MoExc_TypeError, "descriptor '__add__' requires a 'int' object but received a 'str'");
    ck_assert_ptr_null(MoObject_CallNoArgs(add));
    mt_assert_exc(MoExc_TypeError, "descriptor '__add__' of 'int' object needs an argument");
    MoObject *L = mt_ok(derive("L", &MoList_Type, NULL));
    MoObject *len = mt_ok(MoObject_GetAttrString(L, "__len__"));
    MoObject *l = mt_ok(MoObject_CallNoArgs(L));
    ck_assert_int_eq(MoList_Append(l, Mo_None), 0);
    MoObject *one = mt_ok(MoObject_CallOneArg(len, l));
    mt_assert_repr(one, "1");
    ck_assert_ptr_null(MoObject_GetAttrString((MoObject *)&MoLong_Type, "__nothing__"));
    mt_assert_exc(MoExc_AttributeError, "type object 'int' has no attribute '__nothing__'");
    Mo_DECREF(one);
    Mo_DECREF(l);
    Mo_DECREF(len);
    Mo_DECREF(L);
    Mo_DECREF(three);
    Mo_DECREF(add);
}
END_TEST

void class_builtins_add_tests(Suite *s);
void class_builtins_add_tests(Suite *s)
{
    TCase *tc = mt_tcase("builtins");
    tcase_add_test(tc, test_builtins_str_subclass);
    tcase_add_test(tc, test_builtins_var_sized_subclasses);
    tcase_add_test(tc, test_builtins_float_subclass);
    tcase_add_test(tc, test_builtins_set_subclasses);
    tcase_add_test(tc, test_builtins_var_sized_slots_refused);
    tcase_add_test(tc, test_builtins_unbound_slot_wrappers);
    suite_add_tcase(s, tc);
}
