/* Which objects the collector tracks, and what moves gc.get_count()[0]. The C twin
 * of 04-tracking.py. Every GC allocation counts one up, every GC deallocation one
 * down, whether or not the object is ever tracked; an object the list free list
 * takes back is not deallocated, so it is not counted down either.
 */
/* differs "1000 new lists kept: count +": the interpreter running the twin allocates a few containers of its own between the two readings (the tuples gc.get_count() returns, among them); this program allocates only the lists */
/* differs "after del keep: count +": the same two or so of the interpreter's own */
/* differs "1000 new strs kept: count +": the same; the strs themselves count nothing */
#include <stdio.h>
#include "mo.h"

static const char *py_bool(int v) { return v ? "True" : "False"; }

static int count0(void)
{
    int c[3];
    MoGC_GetCount(c);
    return c[0];
}

/* is_tracked(o), then drop o (a new reference). */
static int tracked_steal(MoObject *o)
{
    int t = MoGC_IsTracked(o);
    Mo_DECREF(o);
    return t;
}

/* new: a list of n objects made by make(i) */
static MoObject *list_of(int n, MoObject *(*make)(long))
{
    MoObject *keep = MoList_New(0);
    for (long i = 0; i < n; i++) {
        MoObject *o = make(i);
        MoList_Append(keep, o);
        Mo_DECREF(o);
    }
    return keep;
}

static MoObject *new_list(long i) { (void)i; return MoList_New(0); }
static MoObject *new_str(long i) { return MoUnicode_FromFormat("%ld", i); }

/* region main */
int main(void)
{
    Mo_Initialize();
    int t[3], c[3];
    MoGC_GetThreshold(t);
    printf("get_threshold(): (%d, %d, %d)\n", t[0], t[1], t[2]);
    printf("isenabled(): %s\n", py_bool(MoGC_IsEnabled()));
    MoGC_Disable();
    MoGC_Collect();
    MoGC_GetCount(c);
    printf("get_count() after collect(): (%d, %d, %d)\n", c[0], c[1], c[2]);

    printf("is_tracked 1, 'abc', 1.5: %s %s %s\n",
           py_bool(tracked_steal(MoLong_FromLong(1))),
           py_bool(tracked_steal(MoUnicode_FromString("abc"))),
           py_bool(tracked_steal(MoFloat_FromDouble(1.5))));
    printf("is_tracked [], set(): %s %s\n", py_bool(tracked_steal(MoList_New(0))),
           py_bool(tracked_steal(MoSet_New(NULL))));
    MoObject *d = MoDict_New(), *one = MoLong_FromLong(1);
    MoDict_SetItemString(d, "a", one);
    printf("is_tracked {'a': 1}: %s\n", py_bool(MoGC_IsTracked(d)));
    MoObject *l = MoList_New(0);
    MoList_Append(l, one);
    MoDict_SetItemString(d, "b", l);           /* a tracked value: dict tracked */
    Mo_DECREF(l);
    printf("after d['b'] = [1]: %s\n", py_bool(MoGC_IsTracked(d)));
    MoDict_DelItemString(d, "b");
    printf("after del d['b']: %s\n", py_bool(MoGC_IsTracked(d)));
    MoObject *tup = MoTuple_Pack(2, one, one); /* tuple([1, 2]): tracked at birth */
    MoTuple_SetItem(tup, 1, MoLong_FromLong(2));
    printf("is_tracked tuple([1, 2]): %s\n", py_bool(MoGC_IsTracked(tup)));
    MoGC_CollectGeneration(0);
    printf("after collect(0): tuple %s dict %s\n", py_bool(MoGC_IsTracked(tup)),
           py_bool(MoGC_IsTracked(d)));
    MoGC_CollectGeneration(2);
    printf("after collect(2): tuple %s dict %s\n", py_bool(MoGC_IsTracked(tup)),
           py_bool(MoGC_IsTracked(d)));
    Mo_DECREF(tup);
    Mo_DECREF(d);
    Mo_DECREF(one);

    MoGC_Collect();
    int base = count0();
    MoObject *keep = list_of(1000, new_list);
    printf("1000 new lists kept: count + %d\n", count0() - base);
    Mo_DECREF(keep);
    printf("after del keep: count + %d\n", count0() - base);
    MoGC_Collect();
    base = count0();
    keep = list_of(1000, new_str);
    printf("1000 new strs kept: count + %d\n", count0() - base);
    Mo_DECREF(keep);
    MoGC_Enable();
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
