/* MoSys_GetSizeOf, the runtime's sys.getsizeof: the bytes an object itself
 * occupies, header included. The C twin of 00-sizes.py: it builds each object the
 * way the Python line does and prints the same table.
 */
#include <stdio.h>
#include "mo.h"

/* Characters in a UTF-8 string (bytes that do not continue a character). */
static int characters(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Print one row, then release o. */
static void row(const char *label, MoObject *o)
{
    printf("  getsizeof(%s)%*s= %zd\n", label,
           16 - characters(label) > 0 ? 16 - characters(label) : 0, "",
           MoSys_GetSizeOf(o));
    Mo_DECREF(o);
}

/* [None] * n and (None,) * n: exactly n slots. */
static MoObject *nones(MoObject *one_none, Mo_ssize_t n)
{
    return MoSequence_Repeat(one_none, n);
}

int main(void)
{
    Mo_Initialize();
    char label[32];

    printf("int: a header, then 30-bit digits of 4 bytes, at least one\n");
    const struct { const char *label, *value; } ints[] = {
        { "0", "0" }, { "1", "1" },
        { "2**30 - 1", "1073741823" }, { "2**30", "1073741824" },
        { "2**60", "1152921504606846976" },
        { "2**90", "1237940039285380274899124224" },
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        row(ints[i].label, MoLong_FromString(ints[i].value));

    printf("str: a header, then one byte per character if all are ASCII, "
           "and a NUL\n");
    row("''", MoUnicode_FromString(""));
    row("'a'", MoUnicode_FromString("a"));
    row("'abc'", MoUnicode_FromString("abc"));
    MoObject *a = MoUnicode_FromString("a");
    row("'a' * 100", MoSequence_Repeat(a, 100));
    Mo_DECREF(a);
    printf("str: wider characters widen every character\n");
    const char *wide[] = { "café", "€uro", "🐍" };
    for (size_t i = 0; i < 3; i++) {
        snprintf(label, sizeof label, "'%s'", wide[i]);
        row(label, MoUnicode_FromString(wide[i]));
    }

    MoObject *list1 = MoList_New(0), *tuple1 = MoTuple_Pack(1, Mo_None);
    MoList_Append(list1, Mo_None);                       /* [None] and (None,) */
    const Mo_ssize_t counts[] = { 0, 1, 2, 10, 100 };
    printf("list: a header, a GC header, then 8 bytes per slot (a reference)\n");
    for (size_t i = 0; i < 5; i++) {
        snprintf(label, sizeof label, "[None] * %zd", counts[i]);
        row(label, nones(list1, counts[i]));
    }
    printf("tuple: the same, with the references inside the object\n");
    for (size_t i = 0; i < 5; i++) {
        snprintf(label, sizeof label, "(None,) * %zd", counts[i]);
        row(label, nones(tuple1, counts[i]));
    }

    printf("set: a header and an 8-slot table inline; "
           "bigger tables grow by steps\n");
    const long set_sizes[] = { 0, 4, 5, 100 };
    for (size_t i = 0; i < 4; i++) {
        MoObject *range = MoRange_New(0, set_sizes[i], 1);
        snprintf(label, sizeof label, "set(range(%ld))", set_sizes[i]);
        row(label, MoSet_New(range));
        Mo_DECREF(range);
    }

    MoObject *empty = nones(list1, 0), *hundred = nones(list1, 100);
    printf("list: fixed %zd bytes, per item %zd\n", MoSys_GetSizeOf(empty),
           (MoSys_GetSizeOf(hundred) - MoSys_GetSizeOf(empty)) / 100);
    Mo_DECREF(empty);
    Mo_DECREF(hundred);
    empty = nones(tuple1, 0), hundred = nones(tuple1, 100);
    printf("tuple: fixed %zd bytes, per item %zd\n", MoSys_GetSizeOf(empty),
           (MoSys_GetSizeOf(hundred) - MoSys_GetSizeOf(empty)) / 100);
    Mo_DECREF(empty);
    Mo_DECREF(hundred);

    Mo_DECREF(tuple1);
    Mo_DECREF(list1);
    return Mo_Finalize() == 0 ? 0 : 1;
}
