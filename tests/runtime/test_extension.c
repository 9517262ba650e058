/* The C API as extension authors write it: static types defined as CPython's
 * (MoVarObject_HEAD_INIT(NULL, 0) followed by designators), MoType_GenericNew and
 * GenericAlloc (which tracks GC objects), GC slots inherited by a subtype of list,
 * a type without tp_new refusing to be called, the calling conventions and their
 * messages, MoErr_SetNone/SetObject, MoList_SetSlice and Mo_BuildValue's lists
 * and dicts. Expected values are CPython 3.11's for the same operations.
 */
#include "testutil.h"
#include "structmember.h"

/* ------------------------------------------------------------ static types */

typedef struct {
    MoObject_HEAD
    MoObject *ref;
} BoxObject;

static int box_traverse(MoObject *self, visitproc visit, void *arg)
{
    Mo_VISIT(((BoxObject *)self)->ref);
    return 0;
}

static int box_clear(MoObject *self)
{
    Mo_CLEAR(((BoxObject *)self)->ref);
    return 0;
}

static void box_dealloc(MoObject *self)
{
    MoObject_GC_UnTrack(self);
    box_clear(self);
    Mo_TYPE(self)->tp_free(self);
}

static MoMemberDef box_members[] = {
    { "ref", T_OBJECT, offsetof(BoxObject, ref), 0, NULL },
    { NULL, 0, 0, 0, NULL },
};

/* Written exactly as in a CPython extension: the header macro ends with a comma. */
static MoTypeObject BoxType = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ext.Box",
    .tp_basicsize = sizeof(BoxObject),
    .tp_flags = Mo_TPFLAGS_DEFAULT | Mo_TPFLAGS_HAVE_GC,
    .tp_new = MoType_GenericNew,
    .tp_dealloc = box_dealloc,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_members = box_members,
};

static MoTypeObject PlainType = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ext.Plain",
    .tp_basicsize = sizeof(MoObject),
    .tp_flags = Mo_TPFLAGS_DEFAULT,
};

typedef struct {
    MoListObject list;
    int state;
} CountedListObject;

static MoTypeObject CountedListType = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ext.CountedList",
    .tp_basicsize = sizeof(CountedListObject),
    .tp_flags = Mo_TPFLAGS_DEFAULT | Mo_TPFLAGS_BASETYPE,
};

START_TEST(generic_new_tracks_and_collects)
{
    ck_assert_int_eq(MoType_Ready(&BoxType), 0);
    ck_assert_ptr_eq(Mo_TYPE(&BoxType), &MoType_Type);
    MoObject *b = mt_ok(MoObject_CallNoArgs((MoObject *)&BoxType));
    ck_assert(MoGC_IsTracked(b));                  /* GenericAlloc tracked it */
    ck_assert_int_eq(MoSys_GetSizeOf(b), 40);      /* 24 + the GC header */
    ck_assert_int_eq(MoObject_SetAttrString(b, "ref", b), 0);
    Mo_DECREF(b);
    ck_assert_int_eq(MoGC_Collect(), 1);           /* the cycle through ref */
}
END_TEST

START_TEST(no_tp_new_cannot_be_called)
{
    ck_assert_int_eq(MoType_Ready(&PlainType), 0);
    ck_assert_ptr_null(PlainType.tp_new);
    ck_assert_ptr_null(MoObject_CallNoArgs((MoObject *)&PlainType));
    mt_assert_exc(MoExc_TypeError, "cannot create 'ext.Plain' instances");
    /* C code can still make one. */
    MoObject *p = MoObject_New(MoObject, &PlainType);
    ck_assert(!MoGC_IsTracked(p));
    Mo_DECREF(p);
}
END_TEST

START_TEST(list_subtype_inherits_gc)
{
    CountedListType.tp_base = &MoList_Type;
    ck_assert_int_eq(MoType_Ready(&CountedListType), 0);
    ck_assert(MoType_IS_GC(&CountedListType));     /* HAVE_GC inherited with the slots */
    ck_assert_ptr_eq(CountedListType.tp_traverse, MoList_Type.tp_traverse);
    ck_assert_ptr_nonnull(CountedListType.tp_new);  /* list's: a base other than object */
    MoObject *items = mt_ok(Mo_BuildValue("[iii]", 1, 2, 3));
    MoObject *c = mt_ok(MoObject_CallOneArg((MoObject *)&CountedListType, items));
    mt_assert_repr(c, "[1, 2, 3]");
    ck_assert(MoGC_IsTracked(c));
    ck_assert_int_eq(MoSys_GetSizeOf(c), 96);      /* 3.11: 48 + GC 16 + 4 slots, as the tutorial SubList */
    Mo_DECREF(c);                                  /* freed by its count: it has a GC header */
    c = mt_ok(MoObject_CallOneArg((MoObject *)&CountedListType, items));
    ck_assert_int_eq(MoList_Append(c, c), 0);
    Mo_DECREF(c);
    ck_assert_int_eq(MoGC_Collect(), 1);
    Mo_DECREF(items);
}
END_TEST

/* ------------------------------------------------------ calling conventions */

static MoObject *fast_count(MoObject *self, MoObject *const *args, Mo_ssize_t nargs)
{
    (void)self;
    (void)args;
    return MoLong_FromSsize_t(nargs);
}

/* (nargs, names of the keywords) */
static MoObject *fast_kw(MoObject *self, MoObject *const *args, Mo_ssize_t nargs, MoObject *kwnames)
{
    (void)self;
    MoObject *last = nargs + (kwnames ? MoTuple_GET_SIZE(kwnames) : 0) > 0
                         ? args[nargs + (kwnames ? MoTuple_GET_SIZE(kwnames) : 0) - 1] : Mo_None;
    return Mo_BuildValue("(nOO)", nargs, kwnames ? kwnames : Mo_None, last);
}

static MoObject *var_kw(MoObject *self, MoObject *args, MoObject *kwargs)
{
    (void)self;
    return Mo_BuildValue("(OO)", args, kwargs ? kwargs : Mo_None);
}

static MoObject *noargs(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    (void)self;
    Mo_RETURN_NONE;
}

static MoMethodDef conv_methods[] = {
    { "fast_count", (MoCFunction)(void (*)(void))fast_count, METH_FASTCALL, NULL },
    { "fast_kw", (MoCFunction)(void (*)(void))fast_kw, METH_FASTCALL | METH_KEYWORDS, NULL },
    { "var_kw", (MoCFunction)(void (*)(void))var_kw, METH_VARARGS | METH_KEYWORDS, NULL },
    { "noargs", noargs, METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MoTypeObject ConvType = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ext.Conv",
    .tp_basicsize = sizeof(MoObject),
    .tp_flags = Mo_TPFLAGS_DEFAULT,
    .tp_new = MoType_GenericNew,
    .tp_methods = conv_methods,
};

START_TEST(calling_conventions)
{
    ck_assert_int_eq(MoType_Ready(&ConvType), 0);
    MoObject *o = mt_ok(MoObject_CallNoArgs((MoObject *)&ConvType));
    MoObject *r = mt_ok(MoObject_CallMethod(o, "fast_count", "iii", 1, 2, 3));
    mt_assert_repr(r, "3");
    Mo_DECREF(r);
    MoObject *f = mt_ok(MoObject_GetAttrString(o, "fast_kw"));
    MoObject *args = mt_ok(Mo_BuildValue("(i)", 1)), *kw = mt_ok(Mo_BuildValue("{s:i}", "k", 9));
    r = mt_ok(MoObject_Call(f, args, kw));
    mt_assert_repr(r, "(1, ('k',), 9)");
    Mo_DECREF(r);
    r = mt_ok(MoObject_Call(f, args, NULL));
    mt_assert_repr(r, "(1, None, 1)");
    Mo_DECREF(r);
    Mo_DECREF(f);
    f = mt_ok(MoObject_GetAttrString(o, "var_kw"));
    r = mt_ok(MoObject_Call(f, args, kw));
    mt_assert_repr(r, "((1,), {'k': 9})");
    Mo_DECREF(r);
    Mo_DECREF(f);
    f = mt_ok(MoObject_GetAttrString(o, "fast_count"));
    ck_assert_ptr_null(MoObject_Call(f, args, kw));
    mt_assert_exc(MoExc_TypeError, "Conv.fast_count() takes no keyword arguments");
    Mo_DECREF(f);
    ck_assert_ptr_null(MoObject_CallMethod(o, "noargs", "i", 1));
    mt_assert_exc(MoExc_TypeError, "Conv.noargs() takes no arguments (1 given)");
    /* Through the descriptor, unbound: the same name. */
    MoObject *descr = MoDict_GetItemString(ConvType.tp_dict, "noargs");
    MoObject *two = mt_ok(Mo_BuildValue("(Oi)", o, 1));
    ck_assert_ptr_null(MoObject_Call(descr, two, NULL));
    mt_assert_exc(MoExc_TypeError, "Conv.noargs() takes no arguments (1 given)");
    Mo_DECREF(two);
    /* Built-in types' methods too, as [].append() words it. */
    MoObject *l = MoList_New(0);
    ck_assert_ptr_null(MoObject_CallMethod(l, "append", NULL));
    mt_assert_exc(MoExc_TypeError, "list.append() takes exactly one argument (0 given)");
    MoObject *clear = mt_ok(MoObject_GetAttrString(l, "clear"));
    MoObject *empty = MoTuple_New(0);
    ck_assert_ptr_null(MoObject_Call(clear, empty, kw));
    mt_assert_exc(MoExc_TypeError, "list.clear() takes no keyword arguments");
    Mo_DECREF(empty);
    Mo_DECREF(clear);
    Mo_DECREF(l);
    Mo_DECREF(args);
    Mo_DECREF(kw);
    Mo_DECREF(o);
}
END_TEST

/* ------------------------------------------------------------------ errors */

START_TEST(set_none_and_set_object)
{
    MoErr_SetNone(MoExc_KeyError);
    mt_assert_exc(MoExc_KeyError, "");                 /* raise KeyError */
    MoErr_SetObject(MoExc_ValueError, Mo_None);
    MoObject *e = MoErr_GetRaisedException();
    mt_assert_repr(e, "ValueError()");                 /* no arguments, as CPython */
    Mo_DECREF(e);
    MoObject *pair = mt_ok(Mo_BuildValue("(ii)", 1, 2));
    MoErr_SetObject(MoExc_ValueError, pair);
    e = MoErr_GetRaisedException();
    mt_assert_repr(e, "ValueError(1, 2)");             /* a tuple is the arguments */
    MoErr_SetObject(MoExc_Exception, e);               /* an instance is raised as is */
    MoObject *same = MoErr_GetRaisedException();
    ck_assert_ptr_eq(same, e);
    Mo_DECREF(same);
    Mo_DECREF(e);
    /* A KeyError's key is its one argument, even a tuple (dict.c's lookups). */
    MoObject *d = MoDict_New();
    ck_assert_ptr_null(MoObject_GetItem(d, pair));
    e = MoErr_GetRaisedException();
    mt_assert_repr(e, "KeyError((1, 2))");
    Mo_DECREF(e);
    Mo_DECREF(d);
    Mo_DECREF(pair);
}
END_TEST

/* -------------------------------------------------------------- list slices */

START_TEST(list_set_slice)
{
    MoObject *l = mt_ok(Mo_BuildValue("[iiiiii]", 0, 1, 2, 3, 4, 5));
    MoObject *v = mt_ok(Mo_BuildValue("[iii]", 7, 8, 9));
    ck_assert_int_eq(MoList_SetSlice(l, 1, 3, v), 0);
    mt_assert_repr(l, "[0, 7, 8, 9, 3, 4, 5]");
    ck_assert_int_eq(MoList_SetSlice(l, 0, 2, NULL), 0);
    mt_assert_repr(l, "[8, 9, 3, 4, 5]");
    ck_assert_int_eq(MoList_SetSlice(l, -5, 99, NULL), 0);   /* clipped to l[0:5] */
    mt_assert_repr(l, "[]");
    ck_assert_int_eq(MoList_SetSlice(l, 0, 0, v), 0);
    ck_assert_int_eq(MoList_SetSlice(l, 1, 1, l), 0);        /* l[1:1] = l */
    mt_assert_repr(l, "[7, 7, 8, 9, 8, 9]");
    MoObject *slice = mt_ok(MoList_GetSlice(l, 4, 99));
    mt_assert_repr(slice, "[8, 9]");
    Mo_DECREF(slice);
    MoObject *five = MoLong_FromLong(5);
    ck_assert_int_eq(MoList_SetSlice(l, 0, 1, five), -1);
    mt_assert_exc(MoExc_TypeError, "can only assign an iterable");
    ck_assert_int_eq(MoList_SetSlice(five, 0, 1, NULL), -1);
    mt_assert_exc(MoExc_SystemError, NULL);
    Mo_DECREF(five);
    Mo_DECREF(v);
    Mo_DECREF(l);
}
END_TEST

/* -------------------------------------------------------------- BuildValue */

START_TEST(build_value_lists_and_dicts)
{
    static const struct { const char *format; const char *repr; } cases[] = {
        { "", "None" },
        { "[]", "[]" },
        { "{}", "{}" },
        { "(i)", "(1,)" },
        { "[i,s]", "[1, 'a']" },
        { "{s:i,s:[i(ii)]}", "{'a': 1, 'b': [2, (3, 4)]}" },
        { "i[s]", "(1, ['a'])" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        MoObject *v;
        if (strcmp(cases[i].format, "{s:i,s:[i(ii)]}") == 0)
            v = Mo_BuildValue(cases[i].format, "a", 1, "b", 2, 3, 4);
        else
            v = Mo_BuildValue(cases[i].format, 1, "a");
        v = mt_ok(v);
        mt_assert_repr(v, cases[i].repr);
        Mo_DECREF(v);
    }
    ck_assert_ptr_null(Mo_BuildValue("{i}", 1));
    mt_assert_exc(MoExc_SystemError, "Bad dict format");
    ck_assert_ptr_null(Mo_BuildValue("[i", 1));
    mt_assert_exc(MoExc_SystemError, "unmatched paren in format");
}
END_TEST

Suite *extension_suite(void)
{
    Suite *s = suite_create("extension");
    TCase *tc = mt_tcase("extension");
    tcase_add_test(tc, generic_new_tracks_and_collects);
    tcase_add_test(tc, no_tp_new_cannot_be_called);
    tcase_add_test(tc, list_subtype_inherits_gc);
    tcase_add_test(tc, calling_conventions);
    tcase_add_test(tc, set_none_and_set_object);
    tcase_add_test(tc, list_set_slice);
    tcase_add_test(tc, build_value_lists_and_dicts);
    suite_add_tcase(s, tc);
    return s;
}
