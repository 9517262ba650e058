/* Module objects (moduleobject.c), the import table (import.c) and the runtime's
 * own modules (builtin_modules.c): single- and multi-phase init, module state and
 * its callbacks, AddObject's reference rules, sys.modules, and the errors worded
 * as CPython 3.11's.
 */
#include "testutil.h"

/* ------------------------------------------------ a single-phase module */

static MoObject *ping(MoObject *self, MoObject *Mo_UNUSED(ignored))
{
    return Mo_NewRef(self);   /* a module function's self is its module */
}

static MoMethodDef single_methods[] = {
    { "ping", ping, METH_NOARGS, NULL },
    { NULL, NULL, 0, NULL },
};

static MoModuleDef single_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "single",
    .m_doc = "A module made by MoModule_Create.",
    .m_size = -1,
    .m_methods = single_methods,
};

static MoObject *init_single(void)
{
    MoObject *m = MoModule_Create(&single_def);
    if (m != NULL && MoModule_AddIntConstant(m, "ANSWER", 42) < 0)
        Mo_CLEAR(m);
    return m;
}

START_TEST(single_phase_module)
{
    MoObject *m = mt_ok(init_single());
    mt_assert_repr(m, "<module 'single'>");
    MoObject *doc = mt_ok(MoObject_GetAttrString(m, "__doc__"));
    mt_assert_str(doc, "A module made by MoModule_Create.");
    Mo_DECREF(doc);
    MoObject *answer = mt_ok(MoObject_GetAttrString(m, "ANSWER"));
    ck_assert_int_eq(MoLong_AsLong(answer), 42);
    Mo_DECREF(answer);
    MoObject *f = mt_ok(MoObject_GetAttrString(m, "ping"));
    mt_assert_repr(f, "<built-in function ping>");
    MoObject *self = mt_ok(MoObject_CallNoArgs(f));
    ck_assert_ptr_eq(self, m);
    Mo_DECREF(self);
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoObject_CallOneArg(f, one));
    mt_assert_exc(MoExc_TypeError, "single.ping() takes no arguments (1 given)");
    Mo_DECREF(one);
    ck_assert_ptr_null(MoObject_GetAttrString(m, "nope"));
    mt_assert_exc(MoExc_AttributeError, "module 'single' has no attribute 'nope'");
    ck_assert_int_eq(MoSys_GetSizeOf(m), 72);   /* sys.getsizeof(module) in 3.11 */
    ck_assert_ptr_eq(MoModule_GetDef(m), &single_def);
    ck_assert_ptr_null(MoModule_GetState(m));
    ck_assert_str_eq(MoModule_GetName(m), "single");
    Mo_DECREF(f);
    Mo_DECREF(m);   /* the module and its function are a cycle: Mo_Finalize collects it */
}
END_TEST

START_TEST(add_object_reference_rules)
{
    MoObject *m = mt_ok(MoModule_New("holder"));
    MoObject *v = MoList_New(0);
    ck_assert_int_eq(MoModule_AddObjectRef(m, "kept", v), 0);   /* borrows */
    ck_assert_int_eq(Mo_REFCNT(v), 2);
    ck_assert_int_eq(MoModule_AddObject(m, "stolen", v), 0);    /* steals on success */
    ck_assert_int_eq(Mo_REFCNT(v), 2);
    Mo_INCREF(v);
    ck_assert_int_eq(MoModule_AddObject(v, "x", v), -1);        /* not a module: not stolen */
    mt_assert_exc(MoExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
    Mo_DECREF(v);
    ck_assert_int_eq(MoModule_AddObjectRef(m, "null", NULL), -1);
    mt_assert_exc(MoExc_SystemError,
                  "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
    ck_assert_int_eq(MoModule_AddStringConstant(m, "s", "text"), 0);
    MoObject *dict = MoModule_GetDict(m);
    mt_assert_repr(MoDict_GetItemString(dict, "s"), "'text'");
    mt_assert_repr(MoDict_GetItemString(dict, "__name__"), "'holder'");
    mt_assert_repr(MoDict_GetItemString(dict, "__spec__"), "None");
    Mo_DECREF(m);
}
END_TEST

/* ------------------------------------------ a multi-phase module with state */

typedef struct {
    MoObject *cache;   /* a strong reference the state owns */
    int execs;
} multi_state;

static int freed;

static int multi_exec(MoObject *m)
{
    multi_state *st = MoModule_GetState(m);
    st->execs++;
    st->cache = MoList_New(0);
    if (st->cache == NULL)
        return -1;
    return MoModule_AddObjectRef(m, "cache", st->cache);
}

static int multi_traverse(MoObject *m, visitproc visit, void *arg)
{
    multi_state *st = MoModule_GetState(m);
    Mo_VISIT(st->cache);
    return 0;
}

static int multi_clear(MoObject *m)
{
    multi_state *st = MoModule_GetState(m);
    Mo_CLEAR(st->cache);
    return 0;
}

static void multi_free(void *m)
{
    multi_clear(m);
    freed++;
}

static MoModuleDef_Slot multi_slots[] = {
    { Mo_mod_exec, (void *)multi_exec },
    { 0, NULL },
};

static MoModuleDef multi_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "multi",
    .m_size = sizeof(multi_state),
    .m_slots = multi_slots,
    .m_traverse = multi_traverse,
    .m_clear = multi_clear,
    .m_free = multi_free,
};

static MoObject *init_multi(void)
{
    return MoModuleDef_Init(&multi_def);
}

static int failing_exec(MoObject *m)
{
    (void)m;
    return -1;   /* no exception: the importer reports it */
}

static MoModuleDef_Slot failing_slots[] = {
    { Mo_mod_exec, (void *)failing_exec },
    { 0, NULL },
};

static MoModuleDef failing_def = {
    MoModuleDef_HEAD_INIT,
    .m_name = "failing",
    .m_size = 0,
    .m_slots = failing_slots,
};

static MoObject *init_failing(void)
{
    return MoModuleDef_Init(&failing_def);
}

static MoObject *init_null(void)
{
    return NULL;
}

START_TEST(multi_phase_module_through_import)
{
    freed = 0;
    ck_assert_int_eq(MoImport_AppendInittab("multi", init_multi), 0);
    MoObject *m = mt_ok(MoImport_ImportModule("multi"));
    MoObject *again = mt_ok(MoImport_ImportModule("multi"));
    ck_assert_ptr_eq(m, again);   /* from sys.modules */
    multi_state *st = MoModule_GetState(m);
    ck_assert_int_eq(st->execs, 1);
    MoObject *cache = mt_ok(MoObject_GetAttrString(m, "cache"));
    ck_assert_ptr_eq(cache, st->cache);
    Mo_DECREF(cache);
    MoObject *sys = mt_ok(MoImport_ImportModule("sys"));
    MoObject *modules = mt_ok(MoObject_GetAttrString(sys, "modules"));
    ck_assert_ptr_eq(modules, MoImport_GetModuleDict());
    ck_assert_ptr_eq(MoDict_GetItemString(modules, "multi"), m);
    /* The state's references take part in collections (m_traverse). */
    MoObject *referents = mt_ok(MoGC_GetReferents(m));
    ck_assert_int_eq(MoList_Size(referents), 2);   /* the state's list and the dict */
    Mo_DECREF(referents);
    Mo_DECREF(modules);
    Mo_DECREF(sys);
    Mo_DECREF(again);
    Mo_DECREF(m);
    ck_assert_int_eq(freed, 0);
    /* Dropped from sys.modules, the module dies and its m_free runs once. */
    ck_assert_int_eq(MoDict_DelItemString(MoImport_GetModuleDict(), "multi"), 0);
    MoGC_Collect();
    ck_assert_int_eq(freed, 1);
}
END_TEST

START_TEST(import_errors)
{
    ck_assert_ptr_null(MoImport_ImportModule("no_such_module"));
    mt_assert_exc(MoExc_ModuleNotFoundError, "No module named 'no_such_module'");
    ck_assert(MoErr_GivenExceptionMatches(MoExc_ModuleNotFoundError, MoExc_ImportError));
    MoImport_AppendInittab("failing", init_failing);
    ck_assert_ptr_null(MoImport_ImportModule("failing"));
    mt_assert_exc(MoExc_SystemError, "execution of module failing failed without setting an exception");
    MoImport_AppendInittab("nullinit", init_null);
    ck_assert_ptr_null(MoImport_ImportModule("nullinit"));
    mt_assert_exc(MoExc_SystemError, "initialization of nullinit failed without raising an exception");
    multi_def.m_slots = multi_slots;
    ck_assert_ptr_null(MoModule_Create(&multi_def));
    mt_assert_exc(MoExc_SystemError, "module multi: PyModule_Create is incompatible with m_slots");
}
END_TEST

/* ------------------------------------------------ the runtime's own modules */

/* new: module.fn(arg), or module.fn() when arg is NULL. */
static MoObject *call(const char *module, const char *fn, MoObject *arg)
{
    MoObject *m = mt_ok(MoImport_ImportModule(module));
    MoObject *r = arg ? MoObject_CallMethod(m, fn, "O", arg) : MoObject_CallMethod(m, fn, NULL);
    Mo_DECREF(m);
    return r;
}

START_TEST(builtin_modules)
{
    MoObject *l = MoList_New(0);
    MoObject *r = mt_ok(call("sys", "getsizeof", l));
    ck_assert_int_eq(MoLong_AsLong(r), 56);
    Mo_DECREF(r);
    r = mt_ok(call("sys", "getrefcount", l));
    ck_assert_int_eq(MoLong_AsLong(r), 2);   /* as sys.getrefcount(l): the argument counts */
    Mo_DECREF(r);
    r = mt_ok(call("gc", "is_tracked", l));
    ck_assert_ptr_eq(r, Mo_True);
    Mo_DECREF(r);
    r = mt_ok(MoObject_CallMethod(l, "append", "O", l));
    Mo_DECREF(r);
    Mo_DECREF(l);
    r = mt_ok(call("gc", "collect", NULL));
    ck_assert_int_eq(MoLong_AsLong(r), 1);
    Mo_DECREF(r);
    MoObject *gc = mt_ok(MoImport_ImportModule("gc"));
    ck_assert_ptr_null(MoObject_CallMethod(gc, "collect", "i", 3));
    mt_assert_exc(MoExc_ValueError, "invalid generation");
    ck_assert_ptr_null(MoObject_CallMethod(gc, "collect", "ii", 1, 2));
    mt_assert_exc(MoExc_TypeError, "collect() takes at most 1 argument (2 given)");
    MoObject *garbage = mt_ok(MoObject_GetAttrString(gc, "garbage"));
    ck_assert_ptr_eq(garbage, MoGC_Garbage());
    MoObject *flag = mt_ok(MoObject_GetAttrString(gc, "DEBUG_SAVEALL"));
    ck_assert_int_eq(MoLong_AsLong(flag), 32);
    MoObject *isenabled = mt_ok(MoObject_GetAttrString(gc, "isenabled"));
    MoObject *one = MoLong_FromLong(1);
    ck_assert_ptr_null(MoObject_CallOneArg(isenabled, one));
    mt_assert_exc(MoExc_TypeError, "gc.isenabled() takes no arguments (1 given)");
    r = mt_ok(MoObject_CallMethod(gc, "get_threshold", NULL));
    mt_assert_repr(r, "(700, 10, 10)");
    Mo_DECREF(r);
    Mo_DECREF(one);
    Mo_DECREF(isenabled);
    Mo_DECREF(flag);
    Mo_DECREF(garbage);
    Mo_DECREF(gc);
    r = mt_ok(call("tracemalloc", "is_tracing", NULL));
    ck_assert_ptr_eq(r, Mo_False);
    Mo_DECREF(r);
    r = mt_ok(call("tracemalloc", "get_traced_memory", NULL));
    mt_assert_repr(r, "(0, 0)");
    Mo_DECREF(r);
    MoObject *weakref = mt_ok(MoImport_ImportModule("weakref"));
    MoObject *ref = mt_ok(MoObject_GetAttrString(weakref, "ref"));
    ck_assert_ptr_eq(ref, (MoObject *)&MoWeakref_RefType);
    Mo_DECREF(ref);
    Mo_DECREF(weakref);
    MoObject *functools = mt_ok(MoImport_ImportModule("functools"));
    MoObject *dec = mt_ok(MoObject_CallMethod(functools, "lru_cache", "i", 2));
    MoObject *wrapped = mt_ok(MoObject_CallOneArg(dec, (MoObject *)&MoList_Type));
    MoObject *hits = mt_ok(MoObject_CallMethod(wrapped, "cache_info", NULL));
    mt_assert_repr(hits, "CacheInfo(hits=0, misses=0, maxsize=2, currsize=0)");
    Mo_DECREF(hits);
    Mo_DECREF(wrapped);
    Mo_DECREF(dec);
    ck_assert_ptr_null(MoObject_CallMethod(functools, "lru_cache", "s", "x"));
    mt_assert_exc(MoExc_TypeError, "Expected first argument to be an integer, a callable, or None");
    Mo_DECREF(functools);
}
END_TEST

Suite *module_suite(void)
{
    Suite *s = suite_create("module");
    TCase *tc = mt_tcase("modules");
    tcase_add_test(tc, single_phase_module);
    tcase_add_test(tc, add_object_reference_rules);
    tcase_add_test(tc, multi_phase_module_through_import);
    tcase_add_test(tc, import_errors);
    tcase_add_test(tc, builtin_modules);
    suite_add_tcase(s, tc);
    return s;
}
