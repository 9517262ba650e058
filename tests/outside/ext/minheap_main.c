/* Drives tests/outside/ext/minheap.c (multi-phase init, module state, FASTCALL and
 * keyword functions) as the heapq and bisect documentation's examples do;
 * minheap_main.py does the same with CPython 3.11's heapq and bisect.
 */
#include "show.h"

MoObject *MoInit_minheap(void);

int main(void)
{
    MoImport_AppendInittab("minheap", MoInit_minheap);
    if (Mo_Initialize() < 0)
        return 1;
    MoObject *m = MoImport_ImportModule("minheap");
    MoObject *again = MoImport_ImportModule("minheap");
    printf("%s\n", m == again ? "same module" : "another module");
    show(MoObject_GetAttrString(m, "__about__"));
    show(MoObject_GetAttrString(m, "ARITY"));
    show(MoObject_GetAttrString(m, "heappop"));

    /* heapsort, as heapq's documentation writes it. */
    MoObject *heap = MoList_New(0);
    const int values[] = { 1, 3, 5, 7, 9, 2, 4, 6, 8, 0 };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        MoObject *r = MoObject_CallMethod(m, "heappush", "Oi", heap, values[i]);
        r ? Mo_DECREF(r) : show(NULL);
    }
    show(MoObject_Repr(heap));
    MoObject *sorted = MoList_New(0);
    while (MoList_Size(heap) > 0) {
        MoObject *v = MoObject_CallMethod(m, "heappop", "O", heap);
        if (v == NULL) {
            show(NULL);
            break;
        }
        MoList_Append(sorted, v);
        Mo_DECREF(v);
    }
    show(MoObject_Repr(sorted));
    show(MoObject_CallMethod(m, "pushes", NULL));
    MoObject *h = Mo_BuildValue("[iiiiii]", 5, 1, 4, 2, 8, 0);
    show(MoObject_CallMethod(m, "heapify", "O", h));
    show(MoObject_Repr(h));

    /* heapq's errors. */
    show(MoObject_CallMethod(m, "heappush", "ii", 1, 2));
    show(MoObject_CallMethod(m, "heappop", "i", 1));
    show(MoObject_CallMethod(m, "heappop", "O", heap));
    show(MoObject_CallMethod(m, "heapify", "i", 1));
    show(MoObject_CallMethod(m, "heappush", "Oii", heap, 1, 2));
    MoObject *one = Mo_BuildValue("[i]", 1);
    show(MoObject_CallMethod(m, "heappush", "Os", one, "a"));

    /* bisect, as its documentation's grade() example. */
    MoObject *breakpoints = Mo_BuildValue("[iiii]", 60, 70, 80, 90);
    const int scores[] = { 33, 99, 77, 70, 89, 90, 100 };
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++)
        show(MoObject_CallMethod(m, "bisect_right", "Oi", breakpoints, scores[i]));
    MoObject *bisect = MoObject_GetAttrString(m, "bisect_right"), *insort = MoObject_GetAttrString(m, "insort_right");
    MoObject *args = Mo_BuildValue("(Oi)", breakpoints, 75);
    MoObject *lohi = Mo_BuildValue("{s:i,s:i}", "lo", 1, "hi", 3), *hineg = Mo_BuildValue("{s:i}", "hi", -1);
    show(MoObject_Call(bisect, args, lohi));
    show(MoObject_Call(bisect, args, hineg));
    MoObject *neg = Mo_BuildValue("{s:i}", "lo", -1), *lostr = Mo_BuildValue("{s:s}", "lo", "a");
    show(MoObject_Call(bisect, args, neg));
    show(MoObject_Call(bisect, args, lostr));
    show(MoObject_CallFunction(bisect, "O", breakpoints));
    show(MoObject_CallFunction(bisect, "Oiiiii", breakpoints, 1, 2, 3, 4, 5));
    show(MoObject_CallFunction(bisect, "ii", 1, 1));
    show(MoObject_CallFunction(bisect, "OiO", breakpoints, 75, Mo_None));

    show(MoObject_CallFunction(insort, "Oi", breakpoints, 75));
    show(MoObject_Repr(breakpoints));
    MoObject *foo = Mo_BuildValue("{s:i}", "foo", 1), *ins_args = Mo_BuildValue("(Oi)", breakpoints, 1);
    show(MoObject_Call(insort, ins_args, foo));
    show(MoObject_CallFunction(insort, "OiiiO", breakpoints, 3, 0, 2, Mo_None));
    MoObject *key = MoObject_GetAttrString(m, "heappop");   /* any callable: a key that fails */
    MoObject *keykw = Mo_BuildValue("{s:O}", "key", key);
    show(MoObject_Call(insort, ins_args, keykw));

    Mo_DECREF(key); Mo_DECREF(keykw); Mo_DECREF(foo); Mo_DECREF(ins_args);
    Mo_DECREF(neg); Mo_DECREF(lostr); Mo_DECREF(lohi); Mo_DECREF(hineg); Mo_DECREF(args);
    Mo_DECREF(bisect); Mo_DECREF(insort); Mo_DECREF(breakpoints); Mo_DECREF(one); Mo_DECREF(h);
    Mo_DECREF(sorted); Mo_DECREF(heap); Mo_DECREF(again); Mo_DECREF(m);
    return Mo_Finalize() != 0;
}
