/* Lab 05 grader, part A: weak-reference support for Gadget (labs/05-weakrefs/gadget.h).
 *
 * The tests do not trust luck: a deallocator that forgets to clear the list is caught
 * because a callback must run, once, with its dead reference, and because a reference
 * must answer None after the death (a reference left pointing at freed memory fails
 * the memcheck pass when it is read or freed). The order "clear first, then release
 * the fields" is seen by a name object that notes when it dies.
 */
#include <stddef.h>
#include <string.h>
#include "harness.h"
#include "gadget.h"

MG_LAB_SETUP(Gadget_Ready)

/* ------------------------------------------------------------------ helpers */

/* new: a gadget named name. */
static MoObject *gadget(const char *name)
{
    MoObject *n = mg_ok(MoUnicode_FromString(name), "MoUnicode_FromString");
    MoObject *g = mg_ok(Gadget_New(n), "Gadget_New(name)");
    Mo_DECREF(n);
    return g;
}

/* new: a weak reference to g (with callback cb, or NULL), which must succeed. */
static MoObject *weak(MoObject *g, MoObject *cb)
{
    MoObject *r = MoWeakref_NewRef(g, cb);
    ck_assert_msg(r != NULL, "weakref.ref(gadget) failed: %s (expected a weak reference)", mg_exc_text());
    return r;
}

/* The log of events: callbacks and deaths append their names here. */
static char events[256];

static void note(const char *what)
{
    if (strlen(events) + strlen(what) + 2 < sizeof events) {
        strcat(events, events[0] ? " " : "");
        strcat(events, what);
    }
}

static int calls;
static MoObject *last_arg;         /* borrowed: what the last callback received */
static int last_arg_was_dead;

/* A callback bound to its name (a str): notes the name, the argument, its state. */
static MoObject *callback(MoObject *name, MoObject *args)
{
    calls++;
    last_arg = MoTuple_GET_SIZE(args) == 1 ? MoTuple_GET_ITEM(args, 0) : NULL;
    last_arg_was_dead = last_arg != NULL && MoWeakref_Check(last_arg) && MoWeakref_GetObject(last_arg) == Mo_None;
    note(MoUnicode_AsUTF8(name));
    Mo_RETURN_NONE;
}

static MoObject *new_callback(const char *name)
{
    MoObject *n = mg_ok(MoUnicode_FromString(name), "MoUnicode_FromString");
    MoObject *f = mg_ok(MoCFunction_New(name, callback, n), "MoCFunction_New");
    Mo_DECREF(n);
    return f;
}

/* A name that notes its own death ("name-freed"). */
static void noisy_dealloc(MoObject *self)
{
    note("name-freed");
    Mo_TYPE(self)->tp_free(self);
}

static MoTypeObject Noisy_Type = {
    MoVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Noisy",
    .tp_basicsize = sizeof(MoObject),
    .tp_dealloc = noisy_dealloc,
    .tp_flags = MO_TPFLAGS_DEFAULT,
};

/* ---------------------------------------------------------------- the type */

MG_TEST(gadget_new, 3, "Gadget_New returns a lab05.Gadget with refcount 1 holding its name")
{
    MoObject *n = mg_ok(MoUnicode_FromString("spanner"), "MoUnicode_FromString");
    MoObject *g = mg_ok(Gadget_New(n), "Gadget_New('spanner')");
    ck_assert_msg(Mo_TYPE(g) == &Gadget_Type, "Gadget_New returned a '%s'", Mo_TYPE(g)->tp_name);
    mg_assert_refcnt(g, 1, "a new gadget");
    mg_assert_refcnt(n, 2, "the name (yours and the gadget's)");
    ck_assert_msg(Gadget_Name(g) == n, "Gadget_Name is not the name given");
    MoObject *repr = mg_ok(MoObject_Repr(g), "repr(gadget)");
    ck_assert_msg(strcmp(MoUnicode_AsUTF8(repr), "<Gadget 'spanner'>") == 0, "repr(gadget) is %s, expected <Gadget 'spanner'>",
                  MoUnicode_AsUTF8(repr));
    Mo_DECREF(repr);
    Mo_DECREF(g);
    mg_assert_refcnt(n, 1, "the name once the gadget is freed");
    Mo_DECREF(n);
}

MG_TEST(gadget_has_weaklist, 4, "Gadget_Type has a tp_weaklistoffset inside the object, and a new gadget's list is empty")
{
    Mo_ssize_t off = Gadget_Type.tp_weaklistoffset;
    ck_assert_msg(off > 0, "Gadget_Type.tp_weaklistoffset is %zd: the runtime will refuse weak references", off);
    ck_assert_msg(off >= (Mo_ssize_t)sizeof(MoObject) && off + (Mo_ssize_t)sizeof(void *) <= Gadget_Type.tp_basicsize,
                  "tp_weaklistoffset %zd is not a field of the %zd-byte object after its header", off,
                  Gadget_Type.tp_basicsize);
    ck_assert_msg(off % (Mo_ssize_t)sizeof(void *) == 0, "tp_weaklistoffset %zd is not pointer-aligned", off);
    MoObject *g = gadget("wrench");
    ck_assert_msg(*(void **)((char *)g + off) == NULL, "a new gadget's weak-reference list is not NULL");
    ck_assert_msg((char *)g + off != (char *)&((MoObject *)g)->ob_type, "tp_weaklistoffset points at the header");
    ck_assert_msg(*(MoObject **)((char *)g + off) != Gadget_Name(g), "tp_weaklistoffset points at the name");
    Mo_DECREF(g);
}

MG_TEST(gadget_weakref_does_not_own, 5, "weakref.ref(gadget) works, r() is the gadget, its count is unchanged, ref(g) is ref(g)")
{
    MoObject *g = gadget("pliers");
    MoObject *r = weak(g, NULL);
    ck_assert_msg(MoWeakref_GetObject(r) == g, "r() is not the gadget");
    mg_assert_refcnt(g, 1, "the gadget after weakref.ref(gadget) (a weak reference adds nothing)");
    MoObject *again = weak(g, NULL);
    ck_assert_msg(again == r, "weakref.ref(g) is not weakref.ref(g): the shared reference was not found");
    ck_assert_msg(MoWeakref_GetWeakrefCount(g) == 1, "getweakrefcount(gadget) is %zd, expected 1",
                  MoWeakref_GetWeakrefCount(g));
    Mo_DECREF(again);
    Mo_DECREF(g);
    Mo_DECREF(r);
}

MG_TEST(gadget_ref_dead_after_death, 5, "after the gadget dies its references answer None and read as dead")
{
    MoObject *g = gadget("hammer");
    MoObject *r = weak(g, NULL);
    MoObject *p = MoWeakref_NewProxy(g, NULL);
    ck_assert_msg(p != NULL, "weakref.proxy(gadget) failed: %s", mg_exc_text());
    Mo_DECREF(g);
    ck_assert_msg(MoWeakref_GetObject(r) == Mo_None, "r() after the gadget died is not None");
    MoObject *repr = mg_ok(MoObject_Repr(r), "repr(r)");
    ck_assert_msg(strstr(MoUnicode_AsUTF8(repr), "; dead>") != NULL, "repr of the dead reference is %s",
                  MoUnicode_AsUTF8(repr));
    Mo_DECREF(repr);
    Mo_DECREF(r);
    Mo_DECREF(p);
}

MG_TEST(gadget_callback_once_with_dead_ref, 6, "a callback runs exactly once when the gadget dies, with its own reference, already dead")
{
    MoObject *g = gadget("saw");
    MoObject *cb = new_callback("cb");
    MoObject *r = weak(g, cb);
    ck_assert_msg(calls == 0, "the callback ran before the gadget died");
    Mo_DECREF(g);
    ck_assert_msg(calls == 1, "the callback ran %d times when the gadget died, expected once", calls);
    ck_assert_msg(last_arg == r, "the callback's argument is not its own weak reference");
    ck_assert_msg(last_arg_was_dead, "the reference was not dead yet when its callback ran");
    Mo_DECREF(r);
    Mo_DECREF(cb);
    ck_assert_msg(calls == 1, "the callback ran again later (%d calls)", calls);
}

MG_TEST(gadget_callbacks_newest_first, 4, "several callbacks run newest first, each once")
{
    MoObject *g = gadget("drill");
    MoObject *cb1 = new_callback("cb1"), *cb2 = new_callback("cb2"), *cb3 = new_callback("cb3");
    MoObject *r1 = weak(g, cb1), *r2 = weak(g, cb2), *r3 = weak(g, cb3);
    events[0] = '\0';
    Mo_DECREF(g);
    ck_assert_msg(strcmp(events, "cb3 cb2 cb1") == 0, "the callbacks ran as '%s', expected 'cb3 cb2 cb1'", events);
    Mo_DECREF(r1);
    Mo_DECREF(r2);
    Mo_DECREF(r3);
    Mo_DECREF(cb1);
    Mo_DECREF(cb2);
    Mo_DECREF(cb3);
}

MG_TEST(gadget_clears_before_fields, 6, "the deallocator clears the weak references before it releases the name")
{
    ck_assert_int_eq(MoType_Ready(&Noisy_Type), 0);
    MoObject *name = MoObject_New(MoObject, &Noisy_Type);
    MoObject *g = mg_ok(Gadget_New(name), "Gadget_New(noisy name)");
    Mo_DECREF(name);                       /* the gadget holds the only reference */
    MoObject *cb = new_callback("callback");
    MoObject *r = weak(g, cb);
    events[0] = '\0';
    Mo_DECREF(g);
    ck_assert_msg(strcmp(events, "callback name-freed") == 0,
                  "the gadget's death did '%s', expected 'callback name-freed' (clear the list first)", events);
    Mo_DECREF(r);
    Mo_DECREF(cb);
}

MG_TEST(gadget_proxy, 5, "weakref.proxy(gadget).name is the name; after the death it raises ReferenceError")
{
    MoObject *g = gadget("level");
    MoObject *p = MoWeakref_NewProxy(g, NULL);
    ck_assert_msg(p != NULL, "weakref.proxy(gadget) failed: %s", mg_exc_text());
    mg_assert_refcnt(g, 1, "the gadget after weakref.proxy(gadget)");
    MoObject *name = mg_ok(MoObject_GetAttrString(p, "name"), "proxy.name");
    ck_assert_msg(name == Gadget_Name(g), "proxy.name is not the gadget's name");
    Mo_DECREF(name);
    Mo_DECREF(g);
    ck_assert_msg(MoObject_GetAttrString(p, "name") == NULL, "proxy.name worked after the gadget died");
    mg_assert_exc(MoExc_ReferenceError, "weakly-referenced object no longer exists", "proxy.name after the death");
    Mo_DECREF(p);
}

MG_TEST(gadget_weak_containers, 6, "WeakValueDictionary, WeakKeyDictionary and WeakSet of gadgets shrink as gadgets die")
{
    MoObject *a = gadget("a"), *b = gadget("b");
    MoObject *wvd = mg_ok(MoWeakValueDict_New(), "WeakValueDictionary()");
    MoObject *wkd = mg_ok(MoWeakKeyDict_New(), "WeakKeyDictionary()");
    MoObject *ws = mg_ok(MoWeakSet_New(), "WeakSet()");
    MoObject *one = mg_ok(MoLong_FromLong(1), "1"), *two = mg_ok(MoLong_FromLong(2), "2");
    int err = MoObject_SetItem(wvd, one, a) | MoObject_SetItem(wvd, two, b) | MoObject_SetItem(wkd, a, one) |
              MoObject_SetItem(wkd, b, two);
    ck_assert_msg(err == 0, "storing gadgets in weak dictionaries failed: %s", mg_exc_text());
    Mo_XDECREF(MoObject_CallMethod(ws, "add", "O", a));
    Mo_XDECREF(MoObject_CallMethod(ws, "add", "O", b));
    mg_assert_no_exc("WeakSet.add(gadget)");
    ck_assert_msg(MoObject_Length(wvd) == 2 && MoObject_Length(wkd) == 2 && MoObject_Length(ws) == 2,
                  "the containers hold %zd, %zd, %zd entries, expected 2 each", MoObject_Length(wvd),
                  MoObject_Length(wkd), MoObject_Length(ws));
    mg_assert_refcnt(a, 1, "gadget a in three weak containers");
    Mo_DECREF(a);
    ck_assert_msg(MoObject_Length(wvd) == 1 && MoObject_Length(wkd) == 1 && MoObject_Length(ws) == 1,
                  "after a died the containers hold %zd, %zd, %zd entries, expected 1 each", MoObject_Length(wvd),
                  MoObject_Length(wkd), MoObject_Length(ws));
    Mo_DECREF(b);
    ck_assert_msg(MoObject_Length(wvd) == 0 && MoObject_Length(wkd) == 0 && MoObject_Length(ws) == 0,
                  "after both died the containers hold %zd, %zd, %zd entries", MoObject_Length(wvd),
                  MoObject_Length(wkd), MoObject_Length(ws));
    Mo_DECREF(wvd);
    Mo_DECREF(wkd);
    Mo_DECREF(ws);
    Mo_DECREF(one);
    Mo_DECREF(two);
}

MG_TEST(gadget_many_refs_stress, 6, "200 gadgets with three references each, collections in between: every callback once, every reference dead")
{
    enum { N = 200 };
    MoObject *cb = new_callback("x");
    MoObject *gadgets[N], *refs[3 * N];
    for (int i = 0; i < N; i++) {
        gadgets[i] = gadget("g");
        refs[3 * i] = weak(gadgets[i], cb);
        refs[3 * i + 1] = weak(gadgets[i], NULL);
        refs[3 * i + 2] = weak(gadgets[i], cb);
        if (i % 50 == 0)
            MoGC_Collect();
    }
    calls = 0;
    for (int i = N - 1; i >= 0; i--) {
        Mo_DECREF(gadgets[i]);
        if (i % 64 == 0)
            MoGC_Collect();
    }
    ck_assert_msg(calls == 2 * N, "%d callbacks ran, expected %d (two per gadget)", calls, 2 * N);
    for (int i = 0; i < 3 * N; i++) {
        if (MoWeakref_GetObject(refs[i]) != Mo_None)
            ck_abort_msg("reference %d still answers an object after every gadget died", i);
        Mo_DECREF(refs[i]);
    }
    Mo_DECREF(cb);
}
