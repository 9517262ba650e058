/* Names, references and objects: two names, one object. The C twin of 00-names.py.
 *
 * A Python name is a C variable of type MoObject *: it holds a reference (the
 * object's address). "b = a" copies the address, never the object. At the end the
 * program draws what it built (00-names.dot): the names, the objects, and each
 * object's reference count read from its header.
 */
#include <stdio.h>
#include "mo.h"

static const char *yes(int b) { return b ? "True" : "False"; }

/* print(label, repr(o)) */
static void show(const char *label, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s %s\n", label, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* A new list of the ints first..last: the C for [1, 2, 3]. */
static MoObject *int_list(long first, long last)
{
    MoObject *list = MoList_New(0);
    for (long i = first; i <= last; i++) {
        MoObject *n = MoLong_FromLong(i);
        MoList_Append(list, n);   /* the list takes its own reference to n... */
        Mo_DECREF(n);             /* ...so we give ours back */
    }
    return list;
}

/* One node per object: its type, its value and its reference count. */
static void draw_object(FILE *f, MoObject *o)
{
    Mo_ssize_t count = Mo_REFCNT(o);
    MoObject *r = MoObject_Repr(o);
    fprintf(f, "  o%lx [label=\"%s %s\\nrefcount %zd\"];\n",
            (unsigned long)MoObject_Id(o), Mo_TYPE(o)->tp_name,
            MoUnicode_AsUTF8(r), count);
    Mo_DECREF(r);
}

static void draw_name(FILE *f, const char *name, MoObject *o)
{
    fprintf(f, "  %s [shape=plaintext, fontname=\"monospace\"];\n", name);
    fprintf(f, "  %s -> o%lx;\n", name, (unsigned long)MoObject_Id(o));
}

static void draw(const char *path, MoObject *a, MoObject *b, MoObject *c)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return;
    fprintf(f, "digraph names {\n  rankdir=LR;\n"
            "  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n");
    draw_name(f, "a", a);
    draw_name(f, "b", b);
    draw_name(f, "c", c);
    MoObject *lists[] = { a, c };
    for (int k = 0; k < 2; k++) {
        draw_object(f, lists[k]);
        for (Mo_ssize_t i = 0; i < MoList_Size(lists[k]); i++) {
            MoObject *item = MoList_GetItem(lists[k], i);   /* borrowed */
            draw_object(f, item);
            fprintf(f, "  o%lx -> o%lx;\n", (unsigned long)MoObject_Id(lists[k]),
                    (unsigned long)MoObject_Id(item));
        }
    }
    fprintf(f, "}\n");
    fclose(f);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *a = int_list(1, 3);             /* a = [1, 2, 3] */
    MoObject *b = Mo_NewRef(a);               /* b = a */
    printf("a is b: %s\n", yes(a == b));
    printf("id(a) == id(b): %s\n", yes(MoObject_Id(a) == MoObject_Id(b)));
    printf("id(a) = %lu\n", (unsigned long)MoObject_Id(a));
    printf("hex(id(a)) = %#lx\n", (unsigned long)MoObject_Id(a));

    MoObject *c = int_list(1, 3);             /* c = [1, 2, 3] */
    printf("c == a: %s\n", yes(MoObject_RichCompareBool(c, a, MO_EQ)));
    printf("c is a: %s\n", yes(c == a));
    printf("hex(id(c)) = %#lx\n", (unsigned long)MoObject_Id(c));

    MoObject *four = MoLong_FromLong(4);      /* b.append(4) */
    MoList_Append(b, four);
    Mo_DECREF(four);
    show("a =", a);

    draw("00-names.dot", a, b, c);
    Mo_DECREF(c);
    Mo_DECREF(b);
    Mo_DECREF(a);
    return Mo_Finalize() == 0 ? 0 : 1;        /* 0 objects left alive: no leak */
}
/* endregion main */
