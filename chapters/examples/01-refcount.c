/* The reference count of one list, as names and containers take and drop
 * references. The C twin of 01-refcount.py. Each Python statement is spelled out
 * as the C API calls the interpreter makes for it; the count is read from the
 * object's header (Mo_REFCNT). After "d = {'key': a}" the program draws the names
 * and objects with their counts (01-refcount.dot).
 */
#include <stdio.h>
#include "mo.h"

/* --------------------------------------------------------------- the picture */

static void draw_name(FILE *f, const char *name, MoObject *o)
{
    fprintf(f, "  %s [shape=plaintext, fontname=\"monospace\"];\n", name);
    fprintf(f, "  %s -> o%lx;\n", name, (unsigned long)MoObject_Id(o));
}

/* A box per object: its type, its value and the count read from its header. */
static void draw_object(FILE *f, MoObject *o)
{
    Mo_ssize_t count = Mo_REFCNT(o);
    MoObject *r = MoObject_Repr(o);
    fprintf(f, "  o%lx [label=\"%s %s\\nrefcount %zd\"];\n",
            (unsigned long)MoObject_Id(o), Mo_TYPE(o)->tp_name,
            MoUnicode_AsUTF8(r), count);
    Mo_DECREF(r);
}

static void draw_reference(FILE *f, MoObject *from, MoObject *to, const char *label)
{
    fprintf(f, "  o%lx -> o%lx [label=\"%s\"];\n", (unsigned long)MoObject_Id(from),
            (unsigned long)MoObject_Id(to), label);
}

/* a, b, c, d as they are after d = {'key': a}; every count read from a header. */
static void draw(MoObject *a, MoObject *b, MoObject *c, MoObject *d)
{
    FILE *f = fopen("01-refcount.dot", "w");
    if (f == NULL)
        return;
    fprintf(f, "digraph refs {\n  rankdir=LR;\n"
            "  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n");
    fprintf(f, "  edge [fontname=\"monospace\", fontsize=10];\n");
    draw_name(f, "a", a);
    draw_name(f, "b", b);
    draw_name(f, "c", c);
    draw_name(f, "d", d);
    draw_object(f, a);
    draw_object(f, c);
    draw_object(f, d);
    draw_reference(f, c, MoList_GetItem(c, 0), "[0]");
    draw_reference(f, c, MoList_GetItem(c, 1), "[1]");
    draw_reference(f, d, MoDict_GetItemString(d, "key"), "['key']");
    fprintf(f, "}\n");
    fclose(f);
}

/* ------------------------------------------------------------------ the story */

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *a = MoList_New(0);               /* a = []: a new reference, ours */
    printf("a = []               count: %zd\n", Mo_REFCNT(a));
    MoObject *b = Mo_NewRef(a);                /* b = a: one more reference */
    printf("b = a                count: %zd\n", Mo_REFCNT(a));
    MoObject *c = MoList_New(2);               /* c = [a, a]: the list holds */
    MoList_SetItem(c, 0, Mo_NewRef(a));        /* two references of its own */
    MoList_SetItem(c, 1, Mo_NewRef(a));
    printf("c = [a, a]           count: %zd\n", Mo_REFCNT(a));
    MoObject *d = MoDict_New();                /* d = {'key': a}: the dict */
    MoDict_SetItemString(d, "key", a);         /* takes its own reference */
    printf("d = {'key': a}       count: %zd\n", Mo_REFCNT(a));
    draw(a, b, c, d);
    Mo_CLEAR(c);                               /* del c: c's list dies, and */
    printf("del c                count: %zd\n", Mo_REFCNT(a));   /* drops both */
    Mo_SETREF(b, Mo_NewRef(Mo_None));          /* b = None: rebinding drops one */
    printf("b = None             count: %zd\n", Mo_REFCNT(a));
    MoDict_DelItemString(d, "key");            /* del d['key'] */
    printf("del d['key']         count: %zd\n", Mo_REFCNT(a));
    Mo_DECREF(d);
    Mo_DECREF(b);
    Mo_DECREF(a);                              /* the last one: the list is freed */
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
