/* What a slotted instance refuses, with CPython's words: a name not in
 * __slots__, a slot never set, a __dict__, and a weak reference (unless
 * "__weakref__" is among the slots). */
#include <stdio.h>
#include "mo.h"

/* Prints "label -> result" or "label -> Type: message", clearing the error.
 */
static void report(const char *label, int failed, const char *result)
{
    MoObject *exc = MoErr_GetRaisedException();
    if (!failed) {
        printf("%s -> %s\n", label, result);
        return;
    }
    MoObject *s = MoObject_Str(exc);
    printf("%s -> %s: %s\n", label, Mo_TYPE(exc)->tp_name,
           MoUnicode_AsUTF8(s));
    Mo_DECREF(s);
    Mo_DECREF(exc);
}

static void set_one(const char *label, MoObject *o, const char *name)
{
    MoObject *one = MoLong_FromLong(1);
    report(label, MoObject_SetAttrString(o, name, one) < 0, "None");
    Mo_DECREF(one);
}

/* Reads o.name (or deletes it) only for the error it may raise. */
static void get_one(const char *label, MoObject *o, const char *name)
{
    MoObject *v = MoObject_GetAttrString(o, name);
    report(label, v == NULL, "ok");
    Mo_XDECREF(v);
}

/* weakref.ref(o), then the test "same" on it. */
static void weak_one(const char *label, MoObject *o,
                     int (*same)(MoObject *ref, MoObject *o))
{
    MoObject *ref = MoWeakref_NewRef(o, NULL);
    report(label, ref == NULL,
           ref != NULL && same(ref, o) ? "True" : "False");
    Mo_XDECREF(ref);
}

static int is_weakref_attr(MoObject *ref, MoObject *o)
{
    MoObject *w = MoObject_GetAttrString(o, "__weakref__");
    Mo_DECREF(
        w); /* o holds its weakref list's first entry: borrowed is enough */
    return w == ref;
}

static int calls_back_to(MoObject *ref, MoObject *o)
{
    return MoWeakref_GetObject(ref) == o;
}

int main(void)
{
    Mo_Initialize();
    static const char *const xy[] = {"x", "y", NULL}, *const xw[] = {
                                                          "x", "__weakref__",
                                                          NULL};
    MoObject *plain = MoClass_New("Plain", NULL), *S = MoClass_New("S", xy),
             *W = MoClass_New("W", xw);
    MoObject *p = MoObject_CallNoArgs(plain), *s = MoObject_CallNoArgs(S),
             *w = MoObject_CallNoArgs(W);
    /* region main */
    set_one("p.z = 1", p, "z");
    set_one("s.x = 1", s, "x");
    set_one("s.z = 1", s, "z");
    get_one("s.y", s, "y");
    report("del s.y", MoObject_DelAttrString(s, "y") < 0, "None");
    get_one("s.__dict__", s, "__dict__");
    weak_one("weakref.ref(s)", s, calls_back_to);
    weak_one("weakref.ref(w) is w.__weakref__", w, is_weakref_attr);
    weak_one("weakref.ref(p)() is p", p, calls_back_to);
    /* endregion main */
    Mo_DECREF(p);
    Mo_DECREF(s);
    Mo_DECREF(w);
    Mo_DECREF(plain);
    Mo_DECREF(S);
    Mo_DECREF(W);
    return Mo_Finalize() == 0 ? 0 : 1;
}
