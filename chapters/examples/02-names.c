/* Names pointing into the runtime's caches: eight names, made at run time in
 * pairs of equal values, and the objects they refer to. The small int and the
 * interned string are shared; the large ints and the plain strings are not. The
 * program draws what it sees (02-names.dot).
 */
#include <stdio.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* ---------------------------------------------------------------- the picture */

static void draw_object(FILE *f, MoObject *o)
{
    MoObject *r = MoObject_Repr(o);
    fprintf(f, "  o%lx [label=\"%s %s\\nrefcount %zd\"];\n",
            (unsigned long)MoObject_Id(o), Mo_TYPE(o)->tp_name, MoUnicode_AsUTF8(r),
            Mo_REFCNT(o));
    Mo_DECREF(r);
}

/* A box around the objects of one cache. */
static void draw_cluster(FILE *f, const char *id, const char *label, MoObject *o)
{
    fprintf(f,
            "  subgraph cluster_%s {\n    label=\"%s\"; style=dashed; "
            "fontname=\"sans-serif\";\n",
            id, label);
    draw_object(f, o);
    fprintf(f, "  }\n");
}

static void draw(const char *const *names, MoObject *const *objects, int n)
{
    FILE *f = fopen("02-names.dot", "w");
    if (f == NULL)
        return;
    fprintf(f, "digraph names {\n  rankdir=LR;\n  node [shape=box, style=rounded, "
               "fontname=\"sans-serif\"];\n");
    for (int i = n - 1; i >= 0; i--) { /* graphviz stacks them bottom up */
        if (i != 1 &&
            i != 5) /* objects[1] and objects[5] are drawn in their caches */
            draw_object(f, objects[i]);
        fprintf(f, "  %s [shape=plaintext, fontname=\"monospace\"];\n", names[i]);
        fprintf(f, "  %s -> o%lx;\n", names[i],
                (unsigned long)MoObject_Id(objects[i]));
    }
    draw_cluster(f, "interned", "interned strings", objects[4]);
    draw_cluster(f, "small", "small-int array (-5..256)", objects[0]);
    fprintf(f, "}\n");
    fclose(f);
}

/* ------------------------------------------------------------------ the story */

/* new: a str made at run time, "".join([x, y]). */
static MoObject *join2(const char *x, const char *y)
{
    MoObject *sep = MoUnicode_FromString(""), *parts = Mo_BuildValue("(ss)", x, y);
    MoObject *r = MoUnicode_Join(sep, parts);
    Mo_DECREF(sep);
    Mo_DECREF(parts);
    return r;
}

/* new: sys.intern of a fresh string */
static MoObject *interned(const char *x, const char *y)
{
    MoObject *s = join2(x, y), *i = MoSys_Intern(s);
    Mo_DECREF(s);
    return i;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    const char *names[] = { "a", "b", "c", "d", "s", "t", "u", "v" };
    MoObject *o[8] = {
        MoLong_FromString("5"),   MoLong_FromString("5"),   /* a, b */
        MoLong_FromString("257"), MoLong_FromString("257"), /* c, d */
        interned("hel", "lo"),    interned("he", "llo"),    /* s, t */
        join2("hello ", "world"), join2("hello", " world"), /* u, v */
    };
    printf("a = int('5'); b = int('5'); a is b: %s\n", yes(Mo_Is(o[0], o[1])));
    printf("c = int('257'); d = int('257'); c is d: %s\n", yes(Mo_Is(o[2], o[3])));
    printf("s, t = sys.intern('hello'), made twice; s is t: %s\n",
           yes(Mo_Is(o[4], o[5])));
    printf("u, v = 'hello world', made twice; u is v: %s\n",
           yes(Mo_Is(o[6], o[7])));
    printf(
        "refcount of the interned 'hello': %zd (s and t; the table holds none)\n",
        Mo_REFCNT(o[4]));
    draw(names, o, 8);
    for (int i = 0; i < 8; i++)
        Mo_DECREF(o[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
