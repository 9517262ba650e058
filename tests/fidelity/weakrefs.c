/* weakrefs: weak references, proxies, callbacks, the weak containers and
 * weakref.finalize on the Mo runtime; weakrefs.py prints the same lines under
 * CPython 3.11 (facts §5).
 *
 * Python's lambdas are built-in functions here (MoCFunction), bound to the log
 * they append to; a method of a class (__del__) is a built-in function set on the
 * class. Reference counts: MoSys_GetRefCount(o) here, sys.getrefcount(o) - 1 in
 * the twin (Python's count includes the call's own argument).
 */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* ------------------------------------------------------------------ printing */

static const char *tf(int v) { return v ? "True" : "False"; }

/* "label: TypeError: message" for the pending exception, or "label: no exception". */
static void show_exc(const char *label, int failed)
{
    if (!failed) {
        printf("%s: no exception\n", label);
        return;
    }
    MoObject *exc = MoErr_GetRaisedException();
    MoObject *s = MoObject_Str(exc);
    printf("%s: %s: %s\n", label, Mo_TYPE(exc)->tp_name, s ? MoUnicode_AsUTF8(s) : "?");
    Mo_XDECREF(s);
    Mo_DECREF(exc);
}

/* Print label, then repr(o) (o released). */
static void print_repr_steal(const char *label, MoObject *o)
{
    MoObject *r = o ? MoObject_Repr(o) : NULL;
    printf("%s%s\n", label, r ? MoUnicode_AsUTF8(r) : "<error>");
    if (r == NULL)
        MoErr_Print();
    Mo_XDECREF(r);
    Mo_XDECREF(o);
}

/* ------------------------------------------------------------------- helpers */

static MoObject *C, *log_list;

/* new: an instance of cls. */
static MoObject *new_instance(MoObject *cls) { return MoObject_CallNoArgs(cls); }

static void set_attr(MoObject *o, const char *name, MoObject *v)
{
    if (MoObject_SetAttrString(o, name, v) < 0)
        MoErr_Print();
}

/* A callback appending a fixed name to the log it is bound to (the tuple (log, name)). */
static MoObject *append_name(MoObject *self, MoObject *args)
{
    (void)args;
    if (MoList_Append(MoTuple_GET_ITEM(self, 0), MoTuple_GET_ITEM(self, 1)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* new: lambda ref: log.append(name) */
static MoObject *appender(const char *name)
{
    MoObject *n = MoUnicode_FromString(name);
    MoObject *self = MoTuple_Pack(2, log_list, n);
    MoObject *f = MoCFunction_New("<lambda>", append_name, self);
    Mo_DECREF(n);
    Mo_DECREF(self);
    return f;
}

/* Callbacks bound to the log itself (nothing else to become garbage with them). */
static MoObject *append_text(MoObject *log, const char *text)
{
    MoObject *s = MoUnicode_FromString(text);
    int err = MoList_Append(log, s);
    Mo_DECREF(s);
    if (err < 0)
        return NULL;
    Mo_RETURN_NONE;
}
static MoObject *log_outside(MoObject *log, MoObject *args) { (void)args; return append_text(log, "outside"); }
static MoObject *log_inside(MoObject *log, MoObject *args) { (void)args; return append_text(log, "inside"); }
static MoObject *log_weakref_cb(MoObject *log, MoObject *args) { (void)args; return append_text(log, "weakref callback"); }
static MoObject *log_del(MoObject *log, MoObject *args) { (void)args; return append_text(log, "__del__"); }

static MoObject *ignore(MoObject *self, MoObject *args)
{
    (void)self;
    (void)args;
    Mo_RETURN_NONE;
}

static void new_log(void)
{
    Mo_XDECREF(log_list);
    log_list = MoList_New(0);
}

/* ------------------------------------------- helpers for the method sections */

/* str(o) (S) or repr(o) (R) as a C string, o released: each call gets one of a few
   rotating buffers, so that one printf can take several. A failure prints the
   exception and reads "<error>". */
static const char *text_steal(MoObject *o, int use_repr)
{
    static char bufs[8][256];
    static int next;
    char *buf = bufs[next++ % 8];
    MoObject *s = o == NULL ? NULL : use_repr ? MoObject_Repr(o) : MoObject_Str(o);
    snprintf(buf, sizeof bufs[0], "%s", s != NULL ? MoUnicode_AsUTF8(s) : "<error>");
    if (s == NULL)
        MoErr_Print();
    Mo_XDECREF(s);
    Mo_XDECREF(o);
    return buf;
}
static const char *S(MoObject *o) { return text_steal(o, 0); }
static const char *R(MoObject *o) { return text_steal(o, 1); }

/* new: a C instance with a name attribute (def node(name) in the twin). */
static MoObject *node(const char *name)
{
    MoObject *n = new_instance(C);
    MoObject *s = MoUnicode_FromString(name);
    set_attr(n, "name", s);
    Mo_DECREF(s);
    return n;
}

/* new: o.name, o released. */
static MoObject *name_steal(MoObject *o)
{
    MoObject *name = o != NULL ? MoObject_GetAttrString(o, "name") : NULL;
    Mo_XDECREF(o);
    return name;
}

/* new: [x.name for x in iterable] (iterable released), or, with pos >= 0, the
   pairs of iterable with the item at pos replaced by its name. */
static MoObject *names_steal(MoObject *iterable, int pos)
{
    MoObject *out = MoList_New(0);
    MoObject *it = iterable != NULL ? MoObject_GetIter(iterable) : NULL, *x;
    while (it != NULL && (x = MoIter_Next(it)) != NULL) {
        MoObject *y;
        if (pos < 0) {
            y = name_steal(Mo_NewRef(x));
        } else {
            y = MoList_New(0);
            for (int i = 0; i < 2; i++) {
                MoObject *part = Mo_NewRef(MoTuple_GET_ITEM(x, i));
                part = i == pos ? name_steal(part) : part;
                MoList_Append(y, part);
                Mo_DECREF(part);
            }
            MoObject *t = MoSequence_Tuple(y);
            Mo_DECREF(y);
            y = t;
        }
        MoList_Append(out, y);
        Mo_DECREF(y);
        Mo_DECREF(x);
    }
    Mo_XDECREF(it);
    Mo_XDECREF(iterable);
    return out;
}

/* new: list(iterable), iterable released. */
static MoObject *list_steal(MoObject *iterable)
{
    MoObject *l = MoList_New(0);
    if (iterable == NULL || MoList_Extend(l, iterable) < 0)
        MoErr_Print();
    Mo_XDECREF(iterable);
    return l;
}

/* show_exc for a call that should fail (its result released if it did not). */
static void expect_error(const char *label, MoObject *res)
{
    show_exc(label, res == NULL);
    Mo_XDECREF(res);
}

/* Release the result of a call made for its effect, printing an unexpected failure. */
static void done(MoObject *res)
{
    if (res == NULL)
        MoErr_Print();
    Mo_XDECREF(res);
}

/* def say(*args): print(*args); return len(args) */
static MoObject *say(MoObject *self, MoObject *args)
{
    (void)self;
    for (Mo_ssize_t i = 0; i < MoTuple_GET_SIZE(args); i++)
        printf("%s%s", i ? " " : "", S(Mo_NewRef(MoTuple_GET_ITEM(args, i))));
    printf("\n");
    return MoLong_FromLong((long)MoTuple_GET_SIZE(args));
}

/* --------------------------------------------------------------- the sections */

static void which_objects(void)
{
    printf("-- which objects can be weakly referenced\n");
    static const char *const slots_a[] = {"a", NULL};
    static const char *const slots_a_weak[] = {"a", "__weakref__", NULL};
    MoObject *Slotted = MoClass_New("Slotted", slots_a);
    MoObject *SlottedWeak = MoClass_New("SlottedWeak", slots_a_weak);
    struct { const char *label; MoObject *obj; } bad[] = {
        {"1000", MoLong_FromLong(1000)}, {"'abc'", MoUnicode_FromString("abc")},
        {"(1,)", Mo_BuildValue("(i)", 1)}, {"[]", MoList_New(0)}, {"{}", MoDict_New()},
        {"None", Mo_NewRef(Mo_None)}, {"1.5", MoFloat_FromDouble(1.5)},
        {"b'x'", MoBytes_FromStringAndSize("x", 1)}, {"Slotted()", new_instance(Slotted)},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char label[64];
        snprintf(label, sizeof label, "ref(%s)", bad[i].label);
        MoObject *r = MoWeakref_NewRef(bad[i].obj, NULL);
        show_exc(label, r == NULL);
        Mo_XDECREF(r);
        Mo_DECREF(bad[i].obj);
    }
    struct { const char *label; MoObject *obj; } good[] = {
        {"set()", MoSet_New(NULL)}, {"frozenset()", MoFrozenSet_New(NULL)}, {"C()", new_instance(C)},
        {"SlottedWeak()", new_instance(SlottedWeak)}, {"len", MoCFunction_New("len", ignore, NULL)},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        MoObject *r = MoWeakref_NewRef(good[i].obj, NULL);
        printf("ref(%s)() is obj: %s\n", good[i].label, tf(r && MoWeakref_GetObject(r) == good[i].obj));
        Mo_XDECREF(r);
        Mo_DECREF(good[i].obj);
    }
    Mo_DECREF(Slotted);
    Mo_DECREF(SlottedWeak);
}

static void basics(void)
{
    printf("-- no strong reference, one shared basic ref\n");
    MoObject *o = new_instance(C);
    printf("refcount before: %zd\n", MoSys_GetRefCount(o));
    MoObject *r = MoWeakref_NewRef(o, NULL);
    printf("refcount after ref(o): %zd\n", MoSys_GetRefCount(o));
    printf("r() is o: %s\n", tf(MoWeakref_GetObject(r) == o));
    MoObject *r2 = MoWeakref_NewRef(o, NULL);
    printf("ref(o) is ref(o): %s\n", tf(r2 == r));
    Mo_DECREF(r2);
    MoObject *cb = MoCFunction_New("<lambda>", ignore, NULL);
    MoObject *c1 = MoWeakref_NewRef(o, cb), *c2 = MoWeakref_NewRef(o, cb);
    printf("ref(o, cb) is ref(o, cb): %s\n", tf(c1 == c2));
    Mo_DECREF(c1);
    Mo_DECREF(c2);
    MoObject *p = MoWeakref_NewProxy(o, NULL);
    MoObject *p2 = MoWeakref_NewProxy(o, NULL);
    printf("proxy(o) is proxy(o): %s\n", tf(p2 == p));
    Mo_DECREF(p2);
    printf("getsizeof(ref), getsizeof(proxy): %zd %zd\n", MoSys_GetSizeOf(r), MoSys_GetSizeOf(p));
    print_repr_steal("repr(r): ", Mo_NewRef(r));
    print_repr_steal("repr(p): ", Mo_NewRef(p));
    MoObject *five = MoLong_FromLong(5);
    set_attr(p, "x", five);
    Mo_DECREF(five);
    print_repr_steal("p.x = 5 -> o.x: ", MoObject_GetAttrString(o, "x"));
    MoObject *w1 = MoWeakref_NewRef(o, cb), *w2 = MoWeakref_NewRef(o, cb);
    printf("getweakrefcount(o): %zd\n", MoWeakref_GetWeakrefCount(o));
    printf("hash(r) == hash(o): %s\n", tf(MoObject_Hash(r) == MoObject_Hash(o)));
    Mo_DECREF(w1);
    Mo_DECREF(w2);
    Mo_DECREF(o);
    printf("after del o: r() is None: %s\n", tf(MoWeakref_GetObject(r) == Mo_None));
    print_repr_steal("repr(r): ", Mo_NewRef(r));
    MoObject *x = MoObject_GetAttrString(p, "x");
    show_exc("p.x", x == NULL);
    Mo_XDECREF(x);
    MoObject *tmp = new_instance(C);
    MoObject *dead = MoWeakref_NewRef(tmp, NULL);
    Mo_DECREF(tmp);
    show_exc("hash(dead ref never hashed)", MoObject_Hash(dead) == -1);
    Mo_DECREF(dead);
    MoObject *s = MoSet_New(NULL);
    MoObject *ps = MoWeakref_NewProxy(s, NULL);
    show_exc("hash(p)", MoObject_Hash(ps) == -1);
    Mo_DECREF(ps);
    Mo_DECREF(s);
    Mo_DECREF(p);
    Mo_DECREF(r);
    Mo_DECREF(cb);
}

static void callbacks_lifo(void)
{
    printf("-- callbacks: newest first\n");
    new_log();
    MoObject *o = new_instance(C);
    const char *names[] = {"cb1", "cb2", "cb3"};
    MoObject *refs[3];
    for (int i = 0; i < 3; i++) {
        MoObject *cb = appender(names[i]);
        refs[i] = MoWeakref_NewRef(o, cb);
        Mo_DECREF(cb);
    }
    MoObject *plain = MoWeakref_NewRef(o, NULL);
    MoObject *append = MoObject_GetAttrString(log_list, "append");
    MoObject *args = Mo_BuildValue("(s)", "finalize");
    MoObject *f = MoWeakref_Finalize(o, append, args);
    print_repr_steal("finalize alive: ", MoObject_GetAttrString(f, "alive"));
    Mo_DECREF(o);
    print_repr_steal("calls: ", Mo_NewRef(log_list));
    print_repr_steal("finalize alive: ", MoObject_GetAttrString(f, "alive"));
    for (int i = 0; i < 3; i++)
        Mo_DECREF(refs[i]);
    Mo_DECREF(plain);
    Mo_DECREF(f);
    Mo_DECREF(args);
    Mo_DECREF(append);
}

static MoObject *the_w;

static MoObject *check(MoObject *self, MoObject *args)
{
    (void)self;
    MoObject *ref = MoTuple_GET_ITEM(args, 0);
    printf("ref is w: %s ; ref() is None: %s\n", tf(ref == the_w), tf(MoWeakref_GetObject(ref) == Mo_None));
    Mo_RETURN_NONE;
}

static void callback_argument(void)
{
    printf("-- the callback gets the dead reference itself\n");
    MoObject *o = new_instance(C);
    MoObject *cb = MoCFunction_New("check", check, NULL);
    the_w = MoWeakref_NewRef(o, cb);
    Mo_DECREF(cb);
    Mo_DECREF(o);
    Mo_CLEAR(the_w);
}

static void del_and_callbacks(void)
{
    printf("-- __del__ and callbacks\n");
    MoObject *D = MoClass_New("D", NULL);
    new_log();
    MoObject *del = MoCFunction_New("__del__", log_del, log_list);
    set_attr(D, "__del__", del);
    Mo_DECREF(del);
    MoObject *cb = MoCFunction_New("<lambda>", log_weakref_cb, log_list);
    MoObject *d = new_instance(D);
    MoObject *w = MoWeakref_NewRef(d, cb);
    Mo_DECREF(d);
    print_repr_steal("refcount death: ", Mo_NewRef(log_list));
    Mo_DECREF(w);
    MoObject *old_log = Mo_NewRef(log_list);
    new_log();
    Mo_DECREF(cb);
    del = MoCFunction_New("__del__", log_del, log_list);   /* the new log */
    set_attr(D, "__del__", del);
    Mo_DECREF(del);
    cb = MoCFunction_New("<lambda>", log_weakref_cb, log_list);
    d = new_instance(D);
    set_attr(d, "self", d);
    w = MoWeakref_NewRef(d, cb);
    Mo_DECREF(d);
    MoGC_Collect();
    print_repr_steal("cyclic garbage: ", Mo_NewRef(log_list));
    Mo_DECREF(w);
    Mo_DECREF(cb);
    Mo_DECREF(old_log);
    Mo_DECREF(D);
}

/* new: two instances of C in a cycle (a.other = b, b.other = a); *b borrowed. */
static MoObject *make_cycle(MoObject **b)
{
    MoObject *a = new_instance(C);
    *b = new_instance(C);
    set_attr(a, "other", *b);
    set_attr(*b, "other", a);
    Mo_DECREF(*b);   /* a keeps it */
    return a;
}

static void cyclic_trash(void)
{
    printf("-- weakrefs to cyclic trash\n");
    MoGC_Collect();
    new_log();
    MoObject *b;
    MoObject *a = make_cycle(&b);
    MoObject *cb = MoCFunction_New("<lambda>", log_outside, log_list);
    MoObject *w_out = MoWeakref_NewRef(a, cb);
    Mo_DECREF(cb);
    Mo_DECREF(a);
    Mo_ssize_t n = MoGC_Collect();
    MoObject *calls = MoObject_Repr(log_list);
    printf("outside: collect -> %zd ; calls: %s ; w_out() is None: %s\n", n, MoUnicode_AsUTF8(calls),
           tf(MoWeakref_GetObject(w_out) == Mo_None));
    Mo_DECREF(calls);
    Mo_DECREF(w_out);

    new_log();
    a = make_cycle(&b);
    cb = MoCFunction_New("<lambda>", log_inside, log_list);
    MoObject *w_in = MoWeakref_NewRef(b, cb);
    Mo_DECREF(cb);
    set_attr(a, "w", w_in);
    Mo_DECREF(w_in);
    Mo_DECREF(a);
    n = MoGC_Collect();
    calls = MoObject_Repr(log_list);
    printf("inside: collect -> %zd ; calls: %s\n", n, MoUnicode_AsUTF8(calls));
    Mo_DECREF(calls);

    new_log();
    a = make_cycle(&b);
    cb = MoCFunction_New("<lambda>", log_inside, log_list);
    w_in = MoWeakref_NewRef(b, cb);
    Mo_DECREF(cb);
    set_attr(a, "w", w_in);
    Mo_DECREF(w_in);
    cb = MoCFunction_New("<lambda>", log_outside, log_list);
    w_out = MoWeakref_NewRef(b, cb);
    Mo_DECREF(cb);
    Mo_DECREF(a);
    n = MoGC_Collect();
    calls = MoObject_Repr(log_list);
    printf("both: collect -> %zd ; calls: %s\n", n, MoUnicode_AsUTF8(calls));
    Mo_DECREF(calls);
    Mo_DECREF(w_out);
}

static void value_dictionary(void)
{
    printf("-- WeakValueDictionary\n");
    MoObject *wvd = MoWeakValueDict_New();
    MoObject *o1 = new_instance(C), *o2 = new_instance(C);
    MoObject *ka = MoUnicode_FromConstant("a"), *kb = MoUnicode_FromConstant("b"), *kx = MoUnicode_FromConstant("x");
    MoObject_SetItem(wvd, ka, o1);
    MoObject_SetItem(wvd, kb, o2);
    printf("len: %zd\n", MoObject_Length(wvd));
    Mo_DECREF(o1);
    MoObject *keys_it = MoObject_CallMethod(wvd, "keys", NULL);
    MoObject *keys = MoList_New(0);
    MoList_Extend(keys, keys_it);
    Mo_DECREF(keys_it);
    MoObject *kr = MoObject_Repr(keys);
    printf("after del o1: len %zd ; keys %s\n", MoObject_Length(wvd), MoUnicode_AsUTF8(kr));
    Mo_DECREF(kr);
    Mo_DECREF(keys);
    MoObject *v42 = MoLong_FromLong(42);
    show_exc("wvd['x'] = 42", MoObject_SetItem(wvd, kx, v42) < 0);
    Mo_DECREF(v42);
    print_repr_steal("wvd.get('a'): ", MoObject_CallMethod(wvd, "get", "O", ka));
    MoObject *got = MoObject_GetItem(wvd, ka);
    show_exc("wvd['a']", got == NULL);
    Mo_XDECREF(got);
    Mo_DECREF(o2);
    Mo_DECREF(ka);
    Mo_DECREF(kb);
    Mo_DECREF(kx);
    Mo_DECREF(wvd);
}

static void key_dictionary(void)
{
    printf("-- WeakKeyDictionary\n");
    MoObject *wkd = MoWeakKeyDict_New();
    MoObject *k1 = new_instance(C), *k2 = new_instance(C);
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2), *three = MoLong_FromLong(3);
    MoObject_SetItem(wkd, k1, one);
    MoObject_SetItem(wkd, k2, two);
    Mo_DECREF(k1);
    printf("after del k1: len %zd\n", MoObject_Length(wkd));
    MoObject *s = MoUnicode_FromConstant("strkey");
    show_exc("wkd['strkey'] = 1", MoObject_SetItem(wkd, s, one) < 0);
    MoObject *k3 = new_instance(C);
    set_attr(k3, "self", k3);
    MoObject_SetItem(wkd, k3, three);
    printf("with a key in a self-cycle: len %zd\n", MoObject_Length(wkd));
    Mo_DECREF(k3);
    printf("after del k3: len %zd\n", MoObject_Length(wkd));
    MoGC_Collect();
    printf("after gc.collect(): len %zd\n", MoObject_Length(wkd));
    Mo_DECREF(s);
    Mo_DECREF(k2);
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(three);
    Mo_DECREF(wkd);
}

static void weak_set(void)
{
    printf("-- WeakSet\n");
    MoObject *ws = MoWeakSet_New();
    MoObject *a = new_instance(C), *b = new_instance(C);
    Mo_DECREF(MoObject_CallMethod(ws, "add", "O", a));
    Mo_DECREF(MoObject_CallMethod(ws, "add", "O", b));
    Mo_DECREF(a);
    printf("after del a: len %zd\n", MoObject_Length(ws));
    MoObject *r = MoObject_CallMethod(ws, "add", "i", 1);
    show_exc("ws.add(1)", r == NULL);
    Mo_XDECREF(r);
    Mo_DECREF(b);
    Mo_DECREF(ws);
}

static void deaths_during_iteration(void)
{
    printf("-- deaths during an iteration\n");
    MoObject *objs = MoDict_New();
    MoObject *wvd = MoWeakValueDict_New();
    for (long i = 0; i < 4; i++) {
        MoObject *k = MoLong_FromLong(i), *o = new_instance(C);
        MoDict_SetItem(objs, k, o);
        MoObject_SetItem(wvd, k, o);
        Mo_DECREF(k);
        Mo_DECREF(o);
    }
    MoObject *seen = MoList_New(0);
    MoObject *it = MoObject_CallMethod(wvd, "keys", NULL), *k;
    while ((k = MoIter_Next(it)) != NULL) {
        MoList_Append(seen, k);
        if (MoLong_AsLong(k) == 0) {
            MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
            MoDict_DelItem(objs, one);
            MoDict_DelItem(objs, two);
            Mo_DECREF(one);
            Mo_DECREF(two);
        }
        Mo_DECREF(k);
    }
    Mo_DECREF(it);
    MoObject *sr = MoObject_Repr(seen);
    printf("seen: %s ; len after: %zd\n", MoUnicode_AsUTF8(sr), MoObject_Length(wvd));
    Mo_DECREF(sr);
    Mo_DECREF(seen);
    Mo_DECREF(wvd);
    Mo_DECREF(objs);
}

static void strong_vs_weak_cache(void)
{
    printf("-- a strong cache keeps, a weak one lets go\n");
    MoObject *cache = MoSet_New(NULL);
    MoObject *weak_cache = MoWeakKeyDict_New();
    for (long i = 0; i < 2; i++) {
        MoObject *obj = new_instance(C), *n = MoLong_FromLong(i);
        MoSet_Add(cache, obj);
        MoObject_SetItem(weak_cache, obj, n);
        Mo_DECREF(obj);
        Mo_DECREF(n);
    }
    printf("set cache: len %zd ; WeakKeyDictionary: len %zd\n", MoSet_Size(cache), MoObject_Length(weak_cache));
    MoSet_Clear(cache);
    printf("after clearing the set: WeakKeyDictionary len %zd\n", MoObject_Length(weak_cache));
    Mo_DECREF(cache);
    Mo_DECREF(weak_cache);
}

static void value_dictionary_methods(void)
{
    printf("-- WeakValueDictionary methods\n");
    MoObject *a = node("a"), *b = node("b"), *c = node("c");
    MoObject *ka = MoUnicode_FromConstant("a"), *kb = MoUnicode_FromConstant("b"), *kc = MoUnicode_FromConstant("c"),
             *kz = MoUnicode_FromConstant("z"), *kd = MoUnicode_FromConstant("d");
    MoObject *wvd = MoWeakValueDict_New();
    MoObject *d = MoDict_New();
    MoDict_SetItem(d, ka, a);
    MoDict_SetItem(d, kb, b);
    done(MoObject_CallMethod(wvd, "update", "O", d));
    Mo_DECREF(d);
    printf("update: len %zd ; keys %s ; values %s ; refcount(a): %zd\n", MoObject_Length(wvd),
           S(list_steal(MoObject_CallMethod(wvd, "keys", NULL))),
           S(names_steal(MoObject_CallMethod(wvd, "values", NULL), -1)), MoSys_GetRefCount(a));
    printf("items: %s\n", S(names_steal(MoObject_CallMethod(wvd, "items", NULL), 1)));
    printf("'a' in wvd: %s ; 'z' in wvd: %s ; __contains__('b'): %s\n", tf(MoSequence_Contains(wvd, ka) == 1),
           tf(MoSequence_Contains(wvd, kz) == 1), S(MoObject_CallMethod(wvd, "__contains__", "O", kb)));
    MoObject *empty = MoList_New(0);
    show_exc("[] in wvd", MoSequence_Contains(wvd, empty) < 0);
    Mo_DECREF(empty);
    printf("get('a'): %s ; get('z'): %s ; get('z', 0): %s\n", S(name_steal(MoObject_CallMethod(wvd, "get", "O", ka))),
           S(MoObject_CallMethod(wvd, "get", "O", kz)), S(MoObject_CallMethod(wvd, "get", "Oi", kz, 0)));
    expect_error("get()", MoObject_CallMethod(wvd, "get", NULL));
    expect_error("get('a', 1, 2)", MoObject_CallMethod(wvd, "get", "Oii", ka, 1, 2));
    const char *first = S(name_steal(MoObject_CallMethod(wvd, "setdefault", "OO", kc, c)));
    printf("setdefault('c', c): %s ; again with b: %s\n", first,
           S(name_steal(MoObject_CallMethod(wvd, "setdefault", "OO", kc, b))));
    expect_error("setdefault('d')", MoObject_CallMethod(wvd, "setdefault", "O", kd));
    first = S(name_steal(MoObject_CallMethod(wvd, "pop", "O", kc)));
    Mo_ssize_t len = MoObject_Length(wvd);
    printf("pop('c'): %s ; len %zd ; pop('c', 'gone'): %s\n", first, len,
           S(MoObject_CallMethod(wvd, "pop", "Os", kc, "gone")));
    expect_error("pop('c')", MoObject_CallMethod(wvd, "pop", "O", kc));
    expect_error("pop()", MoObject_CallMethod(wvd, "pop", NULL));
    Mo_CLEAR(b);
    printf("after del b: pop('b', 'dead'): %s\n", S(MoObject_CallMethod(wvd, "pop", "Os", kb, "dead")));
    MoObject *g = MoObject_CallMethod(wvd, "keys", NULL);
    printf("keys(): %s ; iter(): %s\n", R(Mo_NewRef(g)), R(MoObject_GetIter(wvd)));
    MoObject *klate = MoUnicode_FromConstant("late");
    MoObject_SetItem(wvd, klate, c);
    Mo_DECREF(klate);
    printf("a generator starts at its first next(): %s\n", S(list_steal(g)));
    MoObject *cp = MoObject_CallMethod(wvd, "copy", NULL);
    printf("copy: %s ; is wvd: %s ; keys %s ; refcount(a): %zd\n", R(Mo_NewRef(cp)), tf(cp == wvd),
           S(list_steal(MoObject_CallMethod(cp, "keys", NULL))), MoSys_GetRefCount(a));
    MoObject *kv = MoObject_CallMethod(wvd, "popitem", NULL);
    len = MoObject_Length(wvd);
    printf("popitem: %s %s ; len %zd\n", S(Mo_NewRef(MoTuple_GET_ITEM(kv, 0))),
           S(name_steal(Mo_NewRef(MoTuple_GET_ITEM(kv, 1)))), len);
    Mo_DECREF(kv);
    done(MoObject_CallMethod(wvd, "clear", NULL));
    printf("clear: len %zd ; the copy keeps %zd\n", MoObject_Length(wvd), MoObject_Length(cp));
    expect_error("popitem() when empty", MoObject_CallMethod(wvd, "popitem", NULL));
    expect_error("update([1])", MoObject_CallMethod(wvd, "update", "N", list_steal(Mo_BuildValue("(i)", 1))));
    MoObject *k1 = MoDict_New(), *one = MoLong_FromLong(1);
    MoDict_SetItemString(k1, "k", one);
    Mo_DECREF(one);
    expect_error("update({'k': 1})", MoObject_CallMethod(wvd, "update", "N", k1));
    expect_error("copy(1)", MoObject_CallMethod(wvd, "copy", "i", 1));
    expect_error("clear(1)", MoObject_CallMethod(wvd, "clear", "i", 1));
    expect_error("keys(1)", MoObject_CallMethod(wvd, "keys", "i", 1));
    Mo_DECREF(a);
    Mo_DECREF(c);
    printf("after del a, c: the copy has %zd\n", MoObject_Length(cp));
    Mo_DECREF(cp);
    Mo_DECREF(wvd);
    Mo_DECREF(ka);
    Mo_DECREF(kb);
    Mo_DECREF(kc);
    Mo_DECREF(kz);
    Mo_DECREF(kd);
}

static void key_dictionary_methods(void)
{
    printf("-- WeakKeyDictionary methods\n");
    MoObject *k1 = node("k1"), *k2 = node("k2"), *k3 = node("k3");
    MoObject *str = MoUnicode_FromConstant("str");
    MoObject *wkd = MoWeakKeyDict_New();
    MoObject *d = MoDict_New(), *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
    MoDict_SetItem(d, k1, one);
    MoDict_SetItem(d, k2, two);
    done(MoObject_CallMethod(wkd, "update", "O", d));
    Mo_DECREF(d);
    Mo_DECREF(one);
    Mo_DECREF(two);
    printf("update: len %zd ; keys %s ; values %s ; refcount(k1): %zd\n", MoObject_Length(wkd),
           S(names_steal(MoObject_CallMethod(wkd, "keys", NULL), -1)),
           S(list_steal(MoObject_CallMethod(wkd, "values", NULL))), MoSys_GetRefCount(k1));
    printf("items: %s\n", S(names_steal(MoObject_CallMethod(wkd, "items", NULL), 0)));
    printf("k1 in wkd: %s ; k3 in wkd: %s ; 'str' in wkd: %s\n", tf(MoSequence_Contains(wkd, k1) == 1),
           tf(MoSequence_Contains(wkd, k3) == 1), tf(MoSequence_Contains(wkd, str) == 1));
    printf("get(k1): %s ; get(k3): %s ; get(k3, 0): %s\n", S(MoObject_CallMethod(wkd, "get", "O", k1)),
           S(MoObject_CallMethod(wkd, "get", "O", k3)), S(MoObject_CallMethod(wkd, "get", "Oi", k3, 0)));
    expect_error("get('str')", MoObject_CallMethod(wkd, "get", "O", str));
    const char *first = S(MoObject_CallMethod(wkd, "setdefault", "Oi", k3, 3));
    printf("setdefault(k3, 3): %s ; again with 30: %s\n", first,
           S(MoObject_CallMethod(wkd, "setdefault", "Oi", k3, 30)));
    expect_error("setdefault()", MoObject_CallMethod(wkd, "setdefault", NULL));
    first = S(MoObject_CallMethod(wkd, "pop", "O", k3));
    printf("pop(k3): %s ; pop(k3, 'gone'): %s\n", first, S(MoObject_CallMethod(wkd, "pop", "Os", k3, "gone")));
    expect_error("pop(k3)", MoObject_CallMethod(wkd, "pop", "O", k3));
    expect_error("pop(k3, 1, 2)", MoObject_CallMethod(wkd, "pop", "Oii", k3, 1, 2));
    expect_error("pop('str', 1)", MoObject_CallMethod(wkd, "pop", "Oi", str, 1));
    printf("keys(): %s ; items(): %s\n", R(MoObject_CallMethod(wkd, "keys", NULL)),
           R(MoObject_CallMethod(wkd, "items", NULL)));
    MoObject *cp = MoObject_CallMethod(wkd, "copy", NULL);
    printf("copy: %s ; keys %s ; refcount(k1): %zd\n", R(Mo_NewRef(cp)),
           S(names_steal(MoObject_CallMethod(cp, "keys", NULL), -1)), MoSys_GetRefCount(k1));
    MoObject *kv = MoObject_CallMethod(wkd, "popitem", NULL);
    Mo_ssize_t len = MoObject_Length(wkd);
    printf("popitem: %s %s ; len %zd\n", S(name_steal(Mo_NewRef(MoTuple_GET_ITEM(kv, 0)))),
           S(Mo_NewRef(MoTuple_GET_ITEM(kv, 1))), len);
    Mo_DECREF(kv);
    done(MoObject_CallMethod(wkd, "clear", NULL));
    printf("clear: len %zd ; the copy keeps %zd\n", MoObject_Length(wkd), MoObject_Length(cp));
    expect_error("popitem() when empty", MoObject_CallMethod(wkd, "popitem", NULL));
    MoObject *pairs = list_steal(Mo_BuildValue("((ii))", 1, 2));
    expect_error("update([(1, 2)])", MoObject_CallMethod(wkd, "update", "N", pairs));
    Mo_DECREF(k1);
    printf("after del k1: the copy has %zd ; values %s\n", MoObject_Length(cp),
           S(list_steal(MoObject_CallMethod(cp, "values", NULL))));
    Mo_DECREF(cp);
    Mo_DECREF(wkd);
    Mo_DECREF(k2);
    Mo_DECREF(k3);
    Mo_DECREF(str);
}

static void weak_set_methods(void)
{
    printf("-- WeakSet methods\n");
    MoObject *s1 = node("s1"), *s2 = node("s2");
    MoObject *one = MoLong_FromLong(1);
    MoObject *ws = MoWeakSet_New();
    done(MoObject_CallMethod(ws, "update", "N", list_steal(Mo_BuildValue("(OO)", s1, s2))));
    printf("update: len %zd ; s1 in ws: %s ; 1 in ws: %s ; refcount(s1): %zd\n", MoObject_Length(ws),
           tf(MoSequence_Contains(ws, s1) == 1), tf(MoSequence_Contains(ws, one) == 1), MoSys_GetRefCount(s1));
    done(MoObject_CallMethod(ws, "discard", "O", s2));
    done(MoObject_CallMethod(ws, "discard", "O", s2));
    printf("discard(s2) twice: len %zd ; s2 in ws: %s\n", MoObject_Length(ws), tf(MoSequence_Contains(ws, s2) == 1));
    expect_error("remove(s2)", MoObject_CallMethod(ws, "remove", "O", s2));
    expect_error("discard(1)", MoObject_CallMethod(ws, "discard", "O", one));
    printf("repr: %s ; iter(): %s\n", R(Mo_NewRef(ws)), R(MoObject_GetIter(ws)));
    MoObject *cp = MoObject_CallMethod(ws, "copy", NULL);
    printf("copy: len %zd ; is ws: %s ; s1 in copy: %s\n", MoObject_Length(cp), tf(cp == ws),
           tf(MoSequence_Contains(cp, s1) == 1));
    const char *first = S(name_steal(MoObject_CallMethod(ws, "pop", NULL)));
    printf("pop(): %s ; len %zd\n", first, MoObject_Length(ws));
    expect_error("pop() when empty", MoObject_CallMethod(ws, "pop", NULL));
    expect_error("add()", MoObject_CallMethod(ws, "add", NULL));
    expect_error("update(1)", MoObject_CallMethod(ws, "update", "O", one));
    done(MoObject_CallMethod(ws, "add", "O", s2));
    done(MoObject_CallMethod(ws, "remove", "O", s2));
    done(MoObject_CallMethod(cp, "clear", NULL));
    printf("remove(s2), copy cleared: len %zd %zd ; refcount(s1): %zd\n", MoObject_Length(ws), MoObject_Length(cp),
           MoSys_GetRefCount(s1));
    Mo_DECREF(cp);
    Mo_DECREF(ws);
    Mo_DECREF(one);
    Mo_DECREF(s1);
    Mo_DECREF(s2);
}

static void finalize_methods(void)
{
    printf("-- weakref.finalize\n");
    MoObject *say_fn = MoCFunction_New("say", say, NULL);
    MoObject *n = node("n");
    MoObject *args = Mo_BuildValue("(ss)", "bye", "n");
    MoObject *f = MoWeakref_Finalize(n, say_fn, args);
    Mo_DECREF(args);
    printf("alive: %s ; atexit: %s ; refcount(n): %zd\n", S(MoObject_GetAttrString(f, "alive")),
           S(MoObject_GetAttrString(f, "atexit")), MoSys_GetRefCount(n));
    printf("repr: %s\n", R(Mo_NewRef(f)));
    MoObject *state = MoObject_CallMethod(f, "peek", NULL);
    printf("peek: %s %s %s %s\n", tf(MoTuple_GET_ITEM(state, 0) == n), tf(MoTuple_GET_ITEM(state, 1) == say_fn),
           S(Mo_NewRef(MoTuple_GET_ITEM(state, 2))), S(Mo_NewRef(MoTuple_GET_ITEM(state, 3))));
    Mo_DECREF(state);
    expect_error("peek(1)", MoObject_CallMethod(f, "peek", "i", 1));
    show_exc("f.alive = False", MoObject_SetAttrString(f, "alive", Mo_False) < 0);
    show_exc("del f.atexit", MoObject_DelAttrString(f, "atexit") < 0);
    MoObject *pair = Mo_BuildValue("(ii)", 1, 2), *none = MoTuple_New(0), *kw = MoDict_New(), *one = MoLong_FromLong(1);
    MoDict_SetItemString(kw, "x", one);
    Mo_DECREF(one);
    expect_error("f(1, 2)", MoObject_Call(f, pair, NULL));
    expect_error("f(x=1)", MoObject_Call(f, none, kw));
    Mo_DECREF(pair);
    Mo_DECREF(none);
    Mo_DECREF(kw);
    MoObject *zero = MoLong_FromLong(0), *yes = MoUnicode_FromConstant("yes");
    set_attr(f, "atexit", zero);
    printf("atexit = 0 -> %s\n", S(MoObject_GetAttrString(f, "atexit")));
    set_attr(f, "atexit", yes);
    printf("atexit = 'yes' -> %s\n", S(MoObject_GetAttrString(f, "atexit")));
    Mo_DECREF(zero);
    Mo_DECREF(yes);
    printf("f(): %s\n", S(MoObject_CallNoArgs(f)));
    printf("f() again: %s\n", S(MoObject_CallNoArgs(f)));
    printf("alive: %s ; atexit: %s ; peek: %s ; detach: %s\n", S(MoObject_GetAttrString(f, "alive")),
           S(MoObject_GetAttrString(f, "atexit")), S(MoObject_CallMethod(f, "peek", NULL)),
           S(MoObject_CallMethod(f, "detach", NULL)));
    printf("repr: %s\n", R(Mo_NewRef(f)));
    Mo_DECREF(f);
    args = Mo_BuildValue("(s)", "never");
    MoObject *g = MoWeakref_Finalize(n, say_fn, args);
    Mo_DECREF(args);
    state = MoObject_CallMethod(g, "detach", NULL);
    printf("detach: %s %s %s %s ; alive: %s ; again: %s\n", tf(MoTuple_GET_ITEM(state, 0) == n),
           tf(MoTuple_GET_ITEM(state, 1) == say_fn), S(Mo_NewRef(MoTuple_GET_ITEM(state, 2))),
           S(Mo_NewRef(MoTuple_GET_ITEM(state, 3))), S(MoObject_GetAttrString(g, "alive")),
           S(MoObject_CallMethod(g, "detach", NULL)));
    Mo_DECREF(state);
    MoObject *m = node("m");
    args = Mo_BuildValue("(s)", "m died");
    Mo_DECREF(MoWeakref_Finalize(m, say_fn, args));
    Mo_DECREF(args);
    printf("del m:\n");
    Mo_DECREF(m);
    Mo_DECREF(n);
    printf("after del n, g() -> %s\n", S(MoObject_CallNoArgs(g)));
    Mo_DECREF(g);
    Mo_DECREF(say_fn);
}

/* The twin's e1, e2, e3 live until the interpreter exits. Here they are made
   garbage that only the collector would find (each refers to itself), so that they
   are still alive when Mo_Finalize runs the finalizers, and are freed after. */
static void finalizers_at_exit(void)
{
    printf("-- finalizers at exit\n");
    MoGC_Disable();   /* no collection before Mo_Finalize's */
    MoObject *say_fn = MoCFunction_New("say", say, NULL);
    const char *names[] = {"e1", "e2", "e3"};
    const char *messages[] = {"at exit: e1, the oldest, last", "never: atexit is False",
                              "at exit: e3, the newest, first"};
    for (int i = 0; i < 3; i++) {
        MoObject *e = node(names[i]);
        set_attr(e, "self", e);
        MoObject *args = Mo_BuildValue("(s)", messages[i]);
        MoObject *f = MoWeakref_Finalize(e, say_fn, args);
        if (i == 1)
            set_attr(f, "atexit", Mo_False);
        Mo_DECREF(f);
        Mo_DECREF(args);
        Mo_DECREF(e);
    }
    Mo_DECREF(say_fn);
    printf("end of the program\n");
}

int main(void)
{
    if (Mo_Initialize() < 0)
        return 1;
    C = MoClass_New("C", NULL);
    which_objects();
    basics();
    callbacks_lifo();
    callback_argument();
    del_and_callbacks();
    cyclic_trash();
    value_dictionary();
    key_dictionary();
    weak_set();
    deaths_during_iteration();
    strong_vs_weak_cache();
    value_dictionary_methods();
    key_dictionary_methods();
    weak_set_methods();
    finalize_methods();
    if (MoErr_Occurred())
        MoErr_Print();
    Mo_CLEAR(log_list);
    MoGC_Collect();
    finalizers_at_exit();   /* last: its finalizers run in Mo_Finalize */
    Mo_DECREF(C);
    return Mo_Finalize() == 0 ? 0 : 1;
}
