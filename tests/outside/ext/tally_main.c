/* Drives tests/outside/ext/tally.c, a list subtype as the extending tutorial's
 * SubList: made, counted, sliced, freed, and put in a cycle the collector
 * frees. tally_main.py prints the same under CPython 3.11.
 */
#include "show.h"

MoObject *MoInit_tally(void);

int main(void)
{
    MoImport_AppendInittab("tally", MoInit_tally);
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *tally = MoImport_ImportModule("tally");
    MoObject *gc = MoImport_ImportModule("gc");
    MoObject *Tally = MoObject_GetAttrString(tally, "Tally");

    MoObject *items = Mo_BuildValue("[iiiii]", 1, 2, 3, 4, 5);
    MoObject *t = MoObject_CallFunction(Tally, "O", items);
    show(MoObject_Repr(t));
    show(MoObject_Repr((MoObject *)Mo_TYPE(t)));
    show(MoObject_CallMethod(t, "increment", NULL));
    show(MoObject_CallMethod(t, "increment", NULL));
    show(MoLong_FromSsize_t(MoObject_Length(t)));
    show(MoObject_CallMethod(t, "head", "i", 2));
    show(MoObject_CallMethod(t, "head", "i", 99));
    show(MoObject_CallMethod(t, "drop", "ii", 1, 3));
    show(MoObject_Repr(t));
    show(MoObject_CallMethod(t, "replace", "iiO", 0, 1, items));
    show(MoObject_Repr(t));
    show(MoObject_CallMethod(t, "replace", "iiO", 0, 0, t));
    show(MoObject_Repr(t));
    show(MoObject_CallMethod(gc, "is_tracked", "O", t));

    /* The errors. */
    show(MoObject_CallMethod(t, "head", "s", "x"));
    show(MoObject_CallMethod(t, "drop", "i", 1));
    show(MoObject_CallMethod(t, "replace", "iii", 0, 1, 5));
    show(MoObject_CallMethod(t, "increment", "i", 1));
    show(MoObject_CallFunction(Tally, "i", 5));

    /* A tally holding itself: a cycle of one, which only the collector frees. */
    show(MoObject_CallMethod(t, "append", "O", t));
    Mo_DECREF(t);
    show(MoObject_CallMethod(gc, "collect", NULL));
    /* One freed by its count alone (a subtype of a GC type has a GC header). */
    MoObject *u = MoObject_CallFunction(Tally, "O", items);
    show(MoObject_CallMethod(u, "increment", NULL));
    Mo_DECREF(u);
    show(MoObject_CallMethod(gc, "collect", NULL));

    Mo_DECREF(items); Mo_DECREF(Tally); Mo_DECREF(gc); Mo_DECREF(tally);
    return Mo_Finalize() != 0;
}
