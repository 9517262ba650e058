/* Drives tests/outside/ext/people.c (built from its renamed source) as the
 * extending tutorial's examples drive the Custom type; people_main.py prints the
 * same under CPython 3.11. Every call that fails prints its exception.
 */
#include "show.h"

MoObject *MoInit_people(void);

int main(void)
{
    MoImport_AppendInittab("people", MoInit_people);
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *people = MoImport_ImportModule("people");
    MoObject *gc = MoImport_ImportModule("gc");
    MoObject *Person = MoObject_GetAttrString(people, "Person");

    show(MoObject_Repr(people));
    show(MoObject_GetAttrString(people, "__doc__"));
    show(MoObject_GetAttrString(people, "MAX_AGE"));
    show(MoObject_Repr(Person));
    show(MoObject_GetAttrString(Person, "__name__"));
    show(MoObject_GetAttrString(Person, "__module__"));
    show(MoObject_GetAttrString(Person, "__doc__"));

    MoObject *p = MoObject_CallFunction(Person, "ssi", "Eric", "Idle", 3);
    show(MoObject_CallMethod(p, "name", NULL));
    show(MoObject_GetAttrString(p, "age"));
    show(MoObject_GetAttrString(p, "friend"));
    MoObject *args = Mo_BuildValue("(s)", "Hello"), *kw = Mo_BuildValue("{s:i}", "times", 2);
    MoObject *greet = MoObject_GetAttrString(p, "greet");
    show(MoObject_Call(greet, args, kw));
    show(MoObject_CallFunction(greet, "si", "Hi", 2));
    show(MoObject_CallNoArgs(greet));
    show(MoObject_CallFunction(greet, "i", 1));

    /* The tutorial's errors: arguments, then attributes. */
    show(MoObject_CallFunction(Person, "i", 1));
    show(MoObject_CallMethod(p, "name", "i", 1));
    MoObject *empty = MoTuple_New(0), *xkw = Mo_BuildValue("{s:i}", "x", 1);
    show(MoObject_Call(Person, empty, xkw));
    show(MoObject_CallFunction(Person, "ssii", "a", "b", 3, 4));
    MoObject *a = Mo_BuildValue("(s)", "a"), *firstkw = Mo_BuildValue("{s:s}", "first", "b");
    show(MoObject_Call(Person, a, firstkw));
    show_status(MoObject_DelAttrString(p, "first"));
    MoObject *one = MoLong_FromLong(1), *x = str("x"), *john = str("John");
    show_status(MoObject_SetAttrString(p, "first", one));
    show_status(MoObject_SetAttrString(p, "first", john));
    show(MoObject_CallMethod(p, "name", NULL));
    show_status(MoObject_SetAttrString(p, "age", x));
    show_status(MoObject_DelAttrString(p, "age"));
    show_status(MoObject_DelAttrString(p, "friend"));
    show(MoObject_GetAttrString(p, "friend"));

    /* Badge has no tp_new; Tag has PyType_GenericNew. */
    MoObject *Badge = MoObject_GetAttrString(people, "Badge"), *Tag = MoObject_GetAttrString(people, "Tag");
    show(MoObject_CallNoArgs(Badge));
    MoObject *t = MoObject_CallNoArgs(Tag);
    show(MoObject_Repr((MoObject *)Mo_TYPE(t)));
    show(MoObject_CallFunction(Tag, "i", 1));

    /* A person who is their own friend is a cycle only the collector frees. */
    MoObject *q = MoObject_CallFunction(Person, "ss", "Ada", "Lovelace");
    show(MoObject_CallMethod(gc, "is_tracked", "O", q));
    MoObject_SetAttrString(q, "friend", q);
    Mo_DECREF(q);
    show(MoObject_CallMethod(gc, "collect", NULL));

    Mo_DECREF(t); Mo_DECREF(Tag); Mo_DECREF(Badge);
    Mo_DECREF(one); Mo_DECREF(x); Mo_DECREF(john); Mo_DECREF(a); Mo_DECREF(firstkw);
    Mo_DECREF(empty); Mo_DECREF(xkw); Mo_DECREF(greet); Mo_DECREF(args); Mo_DECREF(kw);
    Mo_DECREF(p); Mo_DECREF(Person); Mo_DECREF(gc); Mo_DECREF(people);
    return Mo_Finalize() != 0;
}
