/* Where an object keeps its weak references: the type says at which offset
 * (tp_weaklistoffset; 0 means none), and the object holds there the head of a
 * doubly linked list of them. Four references to one object, then its death: every
 * reference is cleared before any callback runs. The C twin of 05-weaklist.py; it
 * also draws the list from the live structs, before and after the death
 * (05-weaklist.dot).
 */
#include <stdio.h>
#include "mo.h"

static MoObject *r, *r1, *r2;

/* lambda ref: print("callback N: r(), r1(), r2() ->", r(), r1(), r2()) */
static MoObject *callback(MoObject *n, MoObject *args)
{
    (void)args;
    printf("callback %ld: r(), r1(), r2() ->", MoLong_AsLong(n));
    MoObject *refs[] = {r, r1, r2};
    for (int i = 0; i < 3; i++) {
        MoObject *s = MoObject_Str(MoWeakref_GetObject(refs[i]));
        printf(" %s", MoUnicode_AsUTF8(s));
        Mo_DECREF(s);
    }
    printf("\n");
    Mo_RETURN_NONE;
}

/* ------------------------------------------------------------------ the picture */

/* A reference as a record: its type, whether it has a callback, and wr_object. */
static void draw_ref(FILE *f, const char *cluster, MoWeakReference *w,
                     const char *name)
{
    fprintf(
        f,
        "    %s_%s [shape=record, label=\"%s|%s|callback: %s|wr_object: %s\"];\n",
        cluster, name, name, Mo_TYPE(w)->tp_name,
        w->wr_callback != NULL ? "yes" : "none",
        w->wr_object == Mo_None ? "None" : "o");
}

/* One cluster: the object (if alive) with its list head, and the four references,
   linked as their wr_next and wr_object fields say now. */
static void draw_state(FILE *f, const char *cluster, const char *title, MoObject *o,
                       MoObject *const refs[4])
{
    static const char *const names[] = {"r", "p", "r1", "r2"};
    fprintf(f,
            "  subgraph cluster_%s {\n    label=\"%s\"; fontname=\"sans-serif\";\n",
            cluster, title);
    if (o != NULL)
        fprintf(f,
                "    %s_o [shape=record, label=\"o: %s|refcount %zd|weaklist at "
                "+%zd\"];\n",
                cluster, Mo_TYPE(o)->tp_name, Mo_REFCNT(o),
                Mo_TYPE(o)->tp_weaklistoffset);
    for (int i = 0; i < 4; i++)
        draw_ref(f, cluster, (MoWeakReference *)refs[i], names[i]);
    MoWeakReference *head = o != NULL ? *_MoObject_GET_WEAKREFS_LISTPTR(o) : NULL;
    const char *prev = "o";
    for (MoWeakReference *w = head; w != NULL; w = w->wr_next) {
        int i = 0;
        while (i < 4 && refs[i] != (MoObject *)w)
            i++;
        fprintf(f, "    %s_%s -> %s_%s [label=\"%s\"];\n", cluster, prev, cluster,
                names[i], w == head ? "head" : "wr_next");
        fprintf(f,
                "    %s_%s -> %s_o [style=dashed, color=gray, constraint=false];\n",
                cluster, names[i], cluster);
        prev = names[i];
    }
    for (int i = 0; o == NULL && i < 3; i++) /* after: stacked as they were */
        fprintf(f, "    %s_%s -> %s_%s [style=invis];\n", cluster, names[i],
                cluster, names[i + 1]);
    fprintf(f, "  }\n");
}
/* ------------------------------------------------------------------ the story */

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *C = MoClass_New("C", NULL);
    const char *const slots[] = {"a", "__weakref__", NULL};
    MoObject *S = MoClass_New("S", slots);
    MoTypeObject *tc = (MoTypeObject *)C, *ts = (MoTypeObject *)S;
    printf("C: __weakrefoffset__ %zd of __basicsize__ %zd\n", tc->tp_weaklistoffset,
           tc->tp_basicsize);
    printf("S: __weakrefoffset__ %zd of __basicsize__ %zd\n", ts->tp_weaklistoffset,
           ts->tp_basicsize);
    printf("set: %zd ; int: %zd\n", MoSet_Type.tp_weaklistoffset,
           MoLong_Type.tp_weaklistoffset);
    MoObject *o = MoObject_CallNoArgs(C);
    r = MoWeakref_NewRef(o, NULL);
    MoObject *p = MoWeakref_NewProxy(o, NULL);
    MoObject *one = MoLong_FromLong(1), *two = MoLong_FromLong(2);
    MoObject *cb1 = MoCFunction_New("<lambda>", callback, one),
             *cb2 = MoCFunction_New("<lambda>", callback, two);
    r1 = MoWeakref_NewRef(o, cb1);
    r2 = MoWeakref_NewRef(o, cb2);
    printf("getweakrefcount(o) -> %zd\n", MoWeakref_GetWeakrefCount(o));
    MoObject *const refs[4] = {r, p, r1, r2};
    FILE *f = fopen("05-weaklist.dot", "w");
    fprintf(f, "digraph weaklist {\n  rankdir=TB; node [fontname=\"monospace\", "
               "fontsize=10];\n"
               "  edge [fontname=\"monospace\", fontsize=9];\n");
    draw_state(f, "before", "before del o", o, refs);
    printf("del o:\n");
    Mo_DECREF(o); /* cleared, then called back */
    printf("after: r() is None -> %s\n",
           MoWeakref_GetObject(r) == Mo_None ? "True" : "False");
    draw_state(f, "after", "after del o: o freed, every wr_object None", NULL,
               refs);
    fprintf(f, "}\n");
    fclose(f);
    for (int i = 0; i < 4; i++)
        Mo_DECREF(refs[i]);
    Mo_DECREF(cb1);
    Mo_DECREF(cb2);
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(C);
    Mo_DECREF(S);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
