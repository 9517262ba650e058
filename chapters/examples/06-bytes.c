/* One instance's memory, word by word, read from the live objects: a plain
 * instance of class Plain with x = 1, y = 2 (its block, then the values array
 * its attributes live in) and an instance of the same class with
 * __slots__ = ("x", "y"). A pointer is shown by what it points to, any other
 * word by its eight bytes (little-endian). Also drawn to 06-bytes.dot. */
/* allocator: pymalloc */
#include <stdio.h>
#include <string.h>
#include "mo.h"

/* __init__(self, x, y): self.x = x; self.y = y */
static MoObject *init_xy(MoObject *unused, MoObject *args)
{
    (void)unused;
    MoObject *self = MoTuple_GET_ITEM(args, 0);
    if (MoObject_SetAttrString(self, "x", MoTuple_GET_ITEM(args, 1)) < 0 ||
        MoObject_SetAttrString(self, "y", MoTuple_GET_ITEM(args, 2)) < 0)
        return NULL;
    Mo_RETURN_NONE;
}

/* new: class NAME: __slots__ = slots (NULL: none), with init_xy as __init__.
 */
static MoObject *make_class(const char *name, const char *const *slots)
{
    MoObject *cls = MoClass_New(name, slots);
    MoObject *init = MoCFunction_New("__init__", init_xy, NULL);
    MoObject_SetAttrString(cls, "__init__", init);
    Mo_DECREF(init);
    return cls;
}

/* What the word at p holds, in words: a known pointer by its target's name,
   anything else by its bytes. */
typedef struct {
    const void *ptr;
    const char *name;
} known;

static void describe(const unsigned char *p, const char *field,
                     const known *k, char *out, size_t n)
{
    const void *v;
    memcpy(&v, p, sizeof v);
    if (strncmp(field, "gc ", 3) == 0 &&
        v != NULL) { /* links of the collector's list */
        snprintf(out, n, "-> the collector's list");
        return;
    }
    for (; k->name != NULL; k++)
        if (v == k->ptr && v != NULL) {
            snprintf(out, n, "-> %s", k->name);
            return;
        }
    size_t len = 0;
    for (int i = 0; i < 8; i++)
        len +=
            (size_t)snprintf(out + len, n - len, i ? " %02x" : "%02x", p[i]);
}

/* region dump */
/* Prints the words of [start, start + size), offsets counted from origin, and
   adds them to the DOT file as one table. */
static void dump(FILE *dot, const char *title, const unsigned char *origin,
                 const unsigned char *start, size_t size,
                 const char *const *fields, const known *k)
{
    printf("%s (%zu bytes)\n", title, size);
    fprintf(dot,
            "  \"%s\" [label=<<table border=\"0\" cellborder=\"1\" "
            "cellspacing=\"0\">"
            "<tr><td colspan=\"3\"><b>%s</b> (%zu bytes)</td></tr>\n",
            title, title, size);
    for (size_t i = 0; i < size / 8; i++) {
        char what[64];
        describe(start + 8 * i, fields[i], k, what, sizeof what);
        long off = (long)(start + 8 * i - origin);
        printf("  %+4ld  %-17s %s\n", off, fields[i], what);
        fprintf(dot,
                "<tr><td align=\"right\">%+ld</td><td align=\"left\">%s</td>"
                "<td align=\"left\"><font "
                "face=\"Courier\">%s%s</font></td></tr>\n",
                off, fields[i], what[0] == '-' ? "&#8594;" : "",
                what[0] == '-' ? what + 2 : what);
    }
    fprintf(dot, "</table>>];\n");
}
/* endregion dump */

int main(void)
{
    Mo_Initialize();
    static const char *const xy[] = {"x", "y", NULL};
    MoObject *plain = make_class("Plain", NULL),
             *slotted = make_class("Slotted", xy);
    /* region main */
    MoObject *older =
        MoList_New(0); /* 30 instances first: the shared keys settle */
    for (int i = 0; i < 30; i++) {
        MoObject *o = MoObject_CallFunction(plain, "ii", 1, 2);
        MoList_Append(older, o);
        Mo_DECREF(o);
    }
    size_t before, after, peak;
    MoTraceMalloc_Start(1);
    MoTraceMalloc_GetTracedMemory(&before, &peak);
    MoObject *p = MoObject_CallFunction(plain, "ii", 1, 2);
    MoTraceMalloc_GetTracedMemory(&after, &peak);
    MoTraceMalloc_Stop();
    size_t values_size = after - before - (size_t)MoSys_GetSizeOf(p);
    printf("Plain(1, 2), the 31st instance: %zu bytes traced\n",
           after - before);
    MoObject *s = MoObject_CallFunction(slotted, "ii", 1, 2);
    MoObject *one = MoLong_FromLong(1),
             *two = MoLong_FromLong(2); /* cached: the same objects */
    const unsigned char *pb = (const unsigned char *)p,
                        *sb = (const unsigned char *)s;
    const unsigned char *values =
        *(unsigned char **)_MoObject_ValuesPointer(p);
    size_t prefix = values[-1]; /* the values array's prefix size */
    known k[] = {{Mo_TYPE(p), "class Plain"},
                 {Mo_TYPE(s), "class Slotted"},
                 {one, "int 1"},
                 {two, "int 2"},
                 {values, "values array"},
                 {NULL, NULL}};
    static const char *const plain_fields[] = {
        "values",    "dict",    "gc next",     "gc prev",
        "ob_refcnt", "ob_type", "weakref list"};
    static const char *const values_fields[] = {
        "order, used, size", "values[0] x", "values[1] y", "values[2]"};
    static const char *const slotted_fields[] = {
        "gc next", "gc prev", "ob_refcnt", "ob_type", "slot x", "slot y"};
    FILE *dot = fopen("06-bytes.dot", "w");
    fprintf(dot, "digraph bytes {\n  rankdir=LR;\n  node [shape=plaintext, "
                 "fontname=\"Helvetica\"];\n");
    dump(dot, "Plain instance", pb, pb - 32, (size_t)MoSys_GetSizeOf(p),
         plain_fields, k);
    dump(dot, "its values array", values, values - prefix, values_size,
         values_fields, k);
    dump(dot, "Slotted instance", sb, sb - 16, (size_t)MoSys_GetSizeOf(s),
         slotted_fields, k);
    fprintf(dot, "  \"Plain instance\" -> \"its values array\" "
                 "[label=\"values\"];\n}\n");
    fclose(dot);
    /* endregion main */
    Mo_DECREF(one);
    Mo_DECREF(two);
    Mo_DECREF(p);
    Mo_DECREF(s);
    Mo_DECREF(older);
    Mo_DECREF(plain);
    Mo_DECREF(slotted);
    return Mo_Finalize() == 0 ? 0 : 1;
}
