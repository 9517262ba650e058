/* The runtime's singletons: None, True, False, the empty str, tuple and bytes, the
 * one-character latin-1 strings and the one-byte bytes. Every constructor that
 * would make one of these values returns the shared object instead. The C twin of
 * 02-singletons.py.
 */
#include <stdio.h>
#include "mo.h"

static const char *yes(int b)
{
    return b ? "True" : "False";
}

/* a is b for two new references (released here). */
static int same(MoObject *a, MoObject *b)
{
    int r = Mo_Is(a, b);
    Mo_DECREF(a);
    Mo_DECREF(b);
    return r;
}

/* new: chr(ch) */
static MoObject *chr(Mo_UCS4 ch)
{
    return MoUnicode_FromKindAndData(MoUnicode_4BYTE_KIND, &ch, 1);
}

/* new: "".join(items) */
static MoObject *join(MoObject *items)
{
    MoObject *sep = MoUnicode_FromString(""), *r = MoUnicode_Join(sep, items);
    Mo_DECREF(sep);
    return r;
}

/* new: "".join(["ab", "c"]) */
static MoObject *abc(void)
{
    MoObject *parts = Mo_BuildValue("(ss)", "ab", "c"), *r = join(parts);
    Mo_DECREF(parts);
    return r;
}

/* region main */
int main(void)
{
    Mo_Initialize();
    MoObject *a_obj = Mo_NewRef(Mo_None), *b_obj = Mo_NewRef(Mo_None);
    printf("a_obj == None: %s\n",
           yes(MoObject_RichCompareBool(a_obj, Mo_None, MO_EQ)));
    printf("a_obj is None: %s\n", yes(Mo_Is(a_obj, Mo_None)));
    printf("a_obj == b_obj: %s\n",
           yes(MoObject_RichCompareBool(a_obj, b_obj, MO_EQ)));
    printf("a_obj is b_obj: %s\n", yes(Mo_Is(a_obj, b_obj)));
    MoObject *one = MoLong_FromString("1"), *other_one = MoLong_FromString("1");
    MoObject *eq = MoObject_RichCompare(one, other_one, MO_EQ),
             *ne = MoObject_RichCompare(one, other_one, MO_NE);
    printf("(1 == 1) is True: %s\n", yes(Mo_Is(eq, Mo_True)));
    printf("(1 != 1) is False: %s\n", yes(Mo_Is(ne, Mo_False)));
    MoObject *nothing = MoList_New(0);
    printf("''.join([]) is str(): %s\n",
           yes(same(join(nothing), MoUnicode_FromString(""))));
    printf("tuple([]) is tuple(): %s\n",
           yes(same(MoSequence_Tuple(nothing), MoTuple_New(0))));
    printf("bytes(nothing) is bytes(): %s\n",
           yes(same(MoBytes_FromStringAndSize(NULL, 0),
                    MoBytes_FromStringAndSize("", 0))));
    printf("frozenset() is frozenset(): %s\n",
           yes(same(MoFrozenSet_New(NULL), MoFrozenSet_New(NULL))));
    printf("chr(97) is chr(97): %s\n", yes(same(chr(97), chr(97))));
    printf("chr(255) is chr(255): %s\n", yes(same(chr(255), chr(255))));
    printf("chr(256) is chr(256): %s\n", yes(same(chr(256), chr(256))));
    printf("bytes([97]) is bytes([97]): %s\n",
           yes(same(MoBytes_FromStringAndSize("a", 1),
                    MoBytes_FromStringAndSize("a", 1))));
    printf("'ab' + 'c' is 'ab' + 'c': %s\n", yes(same(abc(), abc())));
    MoObject *all[] = { nothing, eq, ne, one, other_one, a_obj, b_obj };
    for (int i = 0; i < 7; i++)
        Mo_DECREF(all[i]);
    return Mo_Finalize() == 0 ? 0 : 1;
}
/* endregion main */
