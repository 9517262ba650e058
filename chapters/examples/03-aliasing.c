/* Two names for one list, and the [[]] * 3 trap, the C twin of 03-aliasing.py.
 * [[]] * 3 is MoSequence_Repeat on a one-item list: it copies the item's
 * reference three times (list_repeat), it does not copy the item. The program
 * draws both lists from the live objects (03-aliasing.dot): one arrow per slot,
 * to the object whose address the slot holds, with the count read from its header.
 */
#include <stdio.h>
#include "mo.h"

/* ---------------------------------------------------------------- the picture */

static void draw_node(FILE *f, MoObject *o, const char *fill)
{
    MoObject *r = MoObject_Repr(o);
    fprintf(f, "  o%lx [label=\"list %s\\nrefcount %zd\", fillcolor=\"%s\"];\n",
            (unsigned long)MoObject_Id(o), MoUnicode_AsUTF8(r), Mo_REFCNT(o), fill);
    Mo_DECREF(r);
}

/* The named list, and an arrow from each of its slots to what that slot holds. */
static void draw_list(FILE *f, const char *name, MoObject *list)
{
    fprintf(f, "  %s [shape=plaintext, style=\"\", fontname=\"monospace\"];\n",
            name);
    fprintf(f, "  %s -> o%lx;\n", name, (unsigned long)MoObject_Id(list));
    draw_node(f, list, "#ffe0a0");
    for (Mo_ssize_t i = 0; i < MoList_Size(list); i++) {
        MoObject *item = MoList_GetItem(list, i);
        draw_node(f, item, "white");
        fprintf(f, "  o%lx -> o%lx [label=\"[%zd]\"];\n",
                (unsigned long)MoObject_Id(list),
                (unsigned long)MoObject_Id(item), i);
    }
}

static void draw(MoObject *a_list, MoObject *fixed)
{
    FILE *f = fopen("03-aliasing.dot", "w");
    if (f == NULL)
        return;
    fprintf(f, "digraph aliasing {\n  rankdir=LR;\n"
            "  node [shape=box, style=\"rounded,filled\",\n"
            "        fontname=\"sans-serif\"];\n"
            "  edge [fontname=\"monospace\", fontsize=10];\n");
    draw_list(f, "a_list", a_list);
    draw_list(f, "fixed", fixed);
    fprintf(f, "}\n");
    fclose(f);
}

/* -------------------------------------------------------------------- helpers */

static void show(const char *what, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    printf("%s %s", what, MoUnicode_AsUTF8(r));
    Mo_DECREF(r);
}

/* list[i].append(value) */
static void append_to_item(MoObject *list, Mo_ssize_t i, long value)
{
    MoObject *v = MoLong_FromLong(value);
    MoList_Append(MoList_GetItem(list, i), v);
    Mo_DECREF(v);
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *a = MoList_New(2);                       /* a = [1, 2] */
    MoList_SetItem(a, 0, MoLong_FromLong(1));
    MoList_SetItem(a, 1, MoLong_FromLong(2));
    MoObject *b = Mo_NewRef(a);                        /* b = a: the same list */
    MoObject *three = MoLong_FromLong(3);
    MoList_Append(b, three);                           /* b.append(3) */
    Mo_DECREF(three);
    show("b = a; b.append(3):   a =", a);
    printf("  a is b: %s\n", a == b ? "True" : "False");

    MoObject *one = MoList_New(1);                     /* [[]] */
    MoList_SetItem(one, 0, MoList_New(0));
    MoObject *a_list = MoSequence_Repeat(one, 3);      /* [[]] * 3 */
    Mo_DECREF(one);
    for (long i = 0; i < 3; i++)
        append_to_item(a_list, i, i + 1);              /* a_list[i].append(i + 1) */
    show("[[]] * 3, appended:  ", a_list);
    MoObject *x0 = MoList_GetItem(a_list, 0), *x1 = MoList_GetItem(a_list, 1);
    MoObject *x2 = MoList_GetItem(a_list, 2);
    printf("\n  one list three times: %s\n",
           x0 == x1 && x1 == x2 ? "True" : "False");
    printf("  its count:            %zd\n", Mo_REFCNT(x0));

    MoObject *fixed = MoList_New(0);                   /* [[] for _ in range(3)] */
    for (long i = 0; i < 3; i++) {
        MoObject *fresh = MoList_New(0);               /* a new list each time */
        MoList_Append(fixed, fresh);
        Mo_DECREF(fresh);
        append_to_item(fixed, i, i + 1);
    }
    show("[[] for _ in range(3)]:", fixed);
    MoObject *f0 = MoList_GetItem(fixed, 0), *f1 = MoList_GetItem(fixed, 1);
    MoObject *f2 = MoList_GetItem(fixed, 2);
    printf("\n  three lists:          %s\n",
           f0 != f1 && f1 != f2 ? "True" : "False");
    printf("  their counts:         [%zd, %zd, %zd]\n",
           Mo_REFCNT(f0), Mo_REFCNT(f1), Mo_REFCNT(f2));
    draw(a_list, fixed);

    Mo_DECREF(fixed);
    Mo_DECREF(a_list);
    Mo_DECREF(b);
    Mo_DECREF(a);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
